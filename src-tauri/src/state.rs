//! What the commands share: the bundled programme and the parent's store, and the way from a
//! command to a [`Session`].
//!
//! The store is opened lazily and kept once open. When opening fails (keychain locked, key
//! missing, ...) nothing is cached, so the error screen's "Try again" simply calls a command
//! again after the parent has unlocked their keychain.

use crate::error::IpcError;
use houvast_core::{ContentErrors, Programme};
use houvast_courier::{CourierError, Sessions};
use houvast_session::{system_clock, Session, SessionError};
use houvast_store::{DatabaseKey, Keychain, Store, StoreError};
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
    programme: Result<Programme, ContentErrors>,
    data_dir: PathBuf,
    key_source: KeySource,
    store: Mutex<Option<Store>>,
}

impl AppState {
    pub fn new(data_dir: PathBuf, key_source: KeySource) -> Self {
        let programme = Programme::bundled();
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

    /// Runs one use case with the programme, the open store (opened first if needed) and the
    /// system clock read once.
    pub fn session<T>(
        &self,
        f: impl FnOnce(&Session<'_>) -> Result<T, SessionError>,
    ) -> Result<T, IpcError> {
        Ok(self.run_session(f)?)
    }

    /// Like [`Self::session`], but for work in the background (reminders, the tray): a
    /// database that does not exist yet is not created from here, and `None` comes back.
    pub fn existing_session<T>(
        &self,
        f: impl FnOnce(&Session<'_>) -> Result<T, SessionError>,
    ) -> Result<Option<T>, IpcError> {
        if !self.has_store() {
            return Ok(None);
        }
        self.session(f).map(Some)
    }

    /// Deletes everything the parent wrote, the key first (`houvast_store::Store::erase`).
    /// Works also when the database cannot be opened, so a parent can always start over.
    pub fn erase_everything(&self) -> Result<(), IpcError> {
        let mut guard = self.lock();
        // Closing the connection before its files go.
        drop(guard.take());
        let keychain = match &self.key_source {
            KeySource::Keychain => Some(Keychain::for_data_dir(&self.data_dir)?),
            KeySource::Fixed(_) => None,
        };
        Store::erase_in(&self.data_dir, keychain.as_ref())?;
        Ok(())
    }

    /// Opens the store if needed and runs `f` on a session with the clock read now.
    fn run_session<T>(
        &self,
        f: impl FnOnce(&Session<'_>) -> Result<T, SessionError>,
    ) -> Result<T, SessionError> {
        let programme = self
            .programme
            .as_ref()
            .map_err(|e| SessionError::ContentInvalid(e.to_string()))?;
        let mut guard = self.lock();
        if guard.is_none() {
            *guard = Some(self.open_store()?);
        }
        let Some(store) = guard.as_ref() else {
            unreachable!("the store was opened above")
        };
        f(&Session::new(programme, store, system_clock()))
    }

    fn open_store(&self) -> Result<Store, StoreError> {
        match &self.key_source {
            KeySource::Keychain => {
                Store::open_in(&self.data_dir, &Keychain::for_data_dir(&self.data_dir)?)
            }
            KeySource::Fixed(key) => {
                std::fs::create_dir_all(&self.data_dir).map_err(|source| StoreError::Io {
                    path: self.data_dir.clone(),
                    source,
                })?;
                Store::open(&self.data_dir.join(Store::FILE_NAME), key)
            }
        }
    }

    /// Whether the parent's database is open or on disk (without creating it).
    fn has_store(&self) -> bool {
        self.lock().is_some() || self.data_dir.join(Store::FILE_NAME).exists()
    }

    fn lock(&self) -> MutexGuard<'_, Option<Store>> {
        // A panic while holding the lock cannot leave the connection half-written (SQLite
        // transactions roll back), so a poisoned lock is safe to keep using.
        self.store.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The courier's way in. It never creates the database: before the first start is through
/// there is nothing to send, and the background loop must not make a key or a file on its own.
impl Sessions for AppState {
    fn with<T>(
        &self,
        f: impl FnOnce(&Session<'_>) -> Result<T, SessionError>,
    ) -> Result<T, CourierError> {
        if !self.has_store() {
            return Err(SessionError::NotOnboarded.into());
        }
        Ok(self.run_session(f)?)
    }
}
