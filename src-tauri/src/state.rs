//! What the commands share: the bundled programme and the parent's store.
//!
//! The store is opened lazily and kept once open. When opening fails (keychain locked, key
//! missing, ...) nothing is cached, so the error screen's "Try again" simply calls a command
//! again after the parent has unlocked their keychain.

use crate::error::{ErrorCode, IpcError};
use houvast_core::Programme;
use houvast_store::{DatabaseKey, Keychain, Store};
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

/// Where the database key comes from.
pub enum KeySource {
    /// The OS keychain (secret-service, Keychain, Credential Manager): the app.
    Keychain,
    /// A fixed key: command tests that run without a keychain.
    Fixed(DatabaseKey),
}

pub struct AppState {
    programme: Result<Programme, String>,
    data_dir: PathBuf,
    key_source: KeySource,
    store: Mutex<Option<Store>>,
}

impl AppState {
    pub fn new(data_dir: PathBuf, key_source: KeySource) -> Self {
        let programme = Programme::bundled().map_err(|e| e.to_string());
        if let Err(e) = &programme {
            log::error!("bundled content is invalid: {e}");
        }
        Self {
            programme,
            data_dir,
            key_source,
            store: Mutex::new(None),
        }
    }

    pub fn programme(&self) -> Result<&Programme, IpcError> {
        self.programme
            .as_ref()
            .map_err(|e| IpcError::new(ErrorCode::ContentInvalid, e.clone()))
    }

    /// Runs `f` with the open store, opening it first if needed.
    pub fn with_store<T>(
        &self,
        f: impl FnOnce(&Store) -> Result<T, IpcError>,
    ) -> Result<T, IpcError> {
        let mut guard = self.lock();
        if guard.is_none() {
            let store = match &self.key_source {
                KeySource::Keychain => {
                    Store::open_in(&self.data_dir, &Keychain::for_data_dir(&self.data_dir)?)?
                }
                KeySource::Fixed(key) => {
                    std::fs::create_dir_all(&self.data_dir)
                        .map_err(|e| IpcError::new(ErrorCode::StorageFailed, e.to_string()))?;
                    Store::open(&self.data_dir.join(Store::FILE_NAME), key)?
                }
            };
            *guard = Some(store);
        }
        match guard.as_ref() {
            Some(store) => f(store),
            None => unreachable!("the store was opened above"),
        }
    }

    /// Like [`Self::with_store`], but for work in the background (reminders): a database that
    /// does not exist yet is not created from here, and `None` comes back instead.
    pub fn with_existing_store<T>(
        &self,
        f: impl FnOnce(&Store) -> Result<T, IpcError>,
    ) -> Result<Option<T>, IpcError> {
        let open = self.lock().is_some();
        if !open && !self.data_dir.join(Store::FILE_NAME).exists() {
            return Ok(None);
        }
        self.with_store(f).map(Some)
    }

    fn lock(&self) -> MutexGuard<'_, Option<Store>> {
        // A panic while holding the lock cannot leave the connection half-written (SQLite
        // transactions roll back), so a poisoned lock is safe to keep using.
        self.store.lock().unwrap_or_else(|p| p.into_inner())
    }
}
