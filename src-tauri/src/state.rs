//! What the commands share: the bundled programme and the parent's store, and the way from a
//! command to a [`Session`].
//!
//! The store is opened lazily and kept once open. When opening fails (keychain locked, key
//! missing, ...) nothing is cached, so the error screen's "Try again" simply calls a command
//! again after the parent has unlocked their keychain.

use crate::error::IpcError;
use chrono::{DateTime, Utc};
use houvast_core::reminder::NotificationText;
use houvast_core::{ContentErrors, ErrorCode, LockKind, Programme};
use houvast_courier::{CourierError, Sessions};
use houvast_session::{
    system_clock, DeliveryLog, LockStatus, LockedReminders, RestoreDone, Session, SessionError,
    Vault,
};
use houvast_store::{DatabaseKey, Keychain, Store, StoreError};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// How long the window may be out of focus before the app lock asks again.
pub const LOCK_AFTER: Duration = Duration::from_secs(5 * 60);

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
    /// The app lock asks again (window hidden, or out of focus for [`LOCK_AFTER`]): every
    /// command of the parent is refused until the PIN is given. The store stays open so that
    /// reminders (discreet while a lock is set) and the courier keep working.
    screen_locked: AtomicBool,
    /// Since when the window has been out of focus.
    unfocused_since: Mutex<Option<Instant>>,
    /// Whether an app lock is set, known from how the store was opened (no keychain call per
    /// command): reminders are discreet then.
    lock_set: AtomicBool,
    /// What happened to the notifications (a file beside the database: kept while locked).
    delivery: DeliveryLog,
}

impl AppState {
    pub fn new(data_dir: PathBuf, key_source: KeySource) -> Self {
        let programme = Programme::bundled();
        if let Err(e) = &programme {
            log::error!("bundled content is invalid: {e}");
        }
        Self {
            programme,
            delivery: DeliveryLog::in_dir(&data_dir),
            data_dir,
            key_source,
            store: Mutex::new(None),
            screen_locked: AtomicBool::new(false),
            unfocused_since: Mutex::new(None),
            lock_set: AtomicBool::new(false),
        }
    }

    /// Runs one use case with the programme, the open store (opened first if needed) and the
    /// system clock read once.
    pub fn session<T>(
        &self,
        f: impl FnOnce(&Session<'_>) -> Result<T, SessionError>,
    ) -> Result<T, IpcError> {
        if self.screen_locked.load(Ordering::SeqCst) {
            return Err(StoreError::AppLocked {
                kind: self.lock_kind().unwrap_or(LockKind::Pin),
            }
            .into());
        }
        Ok(self.run_session(f)?)
    }

    /// Runs `f` with the open store and the vault (lock and backup use cases).
    pub fn with_vault(
        &self,
        f: impl FnOnce(&Vault, &Session<'_>) -> Result<LockStatus, SessionError>,
    ) -> Result<LockStatus, IpcError> {
        let vault = self.vault()?;
        let status = self.session(|s| f(&vault, s))?;
        self.lock_set.store(status.kind.is_some(), Ordering::SeqCst);
        Ok(status)
    }

    /// The lock's state; works while locked and before the store is open.
    pub fn lock_status(&self) -> Result<LockStatus, IpcError> {
        Ok(self.vault()?.lock_status(chrono::Utc::now())?)
    }

    /// The record of what happened to the notifications; works while locked.
    pub fn delivery(&self) -> &DeliveryLog {
        &self.delivery
    }

    /// Whether an app lock is set (reminders are discreet then).
    pub fn lock_kind(&self) -> Option<LockKind> {
        let vault = self.vault().ok()?;
        Store::lock_kind(vault.keychain()).ok().flatten()
    }

    /// Opens the locked store with the PIN or passphrase and lets the parent in.
    pub fn unlock(&self, secret: &str) -> Result<LockStatus, IpcError> {
        let vault = self.vault()?;
        let store = vault.unlock(secret, chrono::Utc::now())?;
        *self.lock() = Some(store);
        // What was shown while the database was closed does not come again.
        if let Some(until) = LockedReminders::load(&self.data_dir).and_then(|r| r.shown_until) {
            self.run_session(|s| s.log_reminders_shown_while_locked(until))?;
            LockedReminders::remove(&self.data_dir)?;
        }
        self.screen_locked.store(false, Ordering::SeqCst);
        let status = self.lock_status()?;
        self.lock_set.store(status.kind.is_some(), Ordering::SeqCst);
        Ok(status)
    }

    /// Asks for the PIN again from now on, when a lock is set. Returns whether it locked.
    pub fn lock_screen(&self) -> bool {
        let locked = self.lock_set.load(Ordering::SeqCst);
        if locked {
            self.screen_locked.store(true, Ordering::SeqCst);
        }
        locked
    }

    /// The window lost or got the focus. Returns true when the app locked because it was out
    /// of focus for [`LOCK_AFTER`] or longer.
    pub fn focus_changed(&self, focused: bool) -> bool {
        let mut since = self
            .unfocused_since
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        if !focused {
            since.get_or_insert_with(Instant::now);
            return false;
        }
        let away = since.take().map(|at| at.elapsed());
        drop(since);
        away.is_some_and(|away| away >= LOCK_AFTER) && self.lock_screen()
    }

    /// Whether every command is refused until the PIN is given.
    pub fn is_screen_locked(&self) -> bool {
        self.screen_locked.load(Ordering::SeqCst)
    }

    /// Restores a backup file (closing the store first); existing data only with `replace`.
    pub fn restore(
        &self,
        path: &Path,
        passphrase: &str,
        replace: bool,
    ) -> Result<RestoreDone, IpcError> {
        let vault = self.vault()?;
        let mut guard = self.lock();
        let done = vault.restore_from(path, passphrase, replace, &mut guard)?;
        self.screen_locked.store(false, Ordering::SeqCst);
        self.lock_set.store(false, Ordering::SeqCst);
        *guard = Some(vault.open()?);
        Ok(done)
    }

    fn vault(&self) -> Result<Vault, IpcError> {
        match &self.key_source {
            KeySource::Keychain => Ok(Vault::in_keychain(self.data_dir.clone())?),
            KeySource::Fixed(_) => Err(IpcError::new(
                ErrorCode::KeychainUnavailable,
                "the app lock and restoring need the keychain",
            )),
        }
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
        // Not refused by the lock screen: reminders and the tray keep working behind it.
        Ok(self.run_session(f).map(Some)?)
    }

    /// With the database closed by the app lock: the discreet reminder when one of the kept
    /// moments has come, and the next moment.
    pub fn locked_reminders_due(&self) -> (Option<NotificationText>, Option<DateTime<Utc>>) {
        let Some(mut kept) = LockedReminders::load(&self.data_dir) else {
            return (None, None);
        };
        let step = kept.take_due(Utc::now());
        if step.0.is_some() {
            if let Err(e) = kept.save(&self.data_dir) {
                log::warn!("reminders while locked: {e}");
            }
        }
        step
    }

    /// With the database open: while a lock is set, the coming reminders' moments are kept
    /// for a start before the PIN is given; without a lock there is no such file.
    pub fn keep_locked_reminders(&self) {
        let kept = if self.lock_set.load(Ordering::SeqCst) {
            self.existing_session(|s| s.locked_reminders())
                .map(|r| r.flatten())
                .and_then(|r| match r {
                    Some(new) if LockedReminders::load(&self.data_dir).as_ref() != Some(&new) => {
                        Ok(new.save(&self.data_dir)?)
                    }
                    _ => Ok(()),
                })
        } else {
            LockedReminders::remove(&self.data_dir).map_err(IpcError::from)
        };
        if let Err(e) = kept {
            log::warn!("reminders while locked: {e}");
        }
    }

    /// Deletes everything the parent wrote, the key first (`houvast_store::Store::erase`).
    /// Works also when the database cannot be opened, so a parent can always start over.
    pub fn erase_everything(&self) -> Result<(), IpcError> {
        let mut guard = self.lock();
        // Closing the connection before its files go.
        drop(guard.take());
        match &self.key_source {
            KeySource::Keychain => self.vault()?.erase()?,
            KeySource::Fixed(_) => Store::erase_in(&self.data_dir, None)?,
        }
        self.delivery.remove()?;
        self.screen_locked.store(false, Ordering::SeqCst);
        self.lock_set.store(false, Ordering::SeqCst);
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
            crate::ready::mark("store_open_started");
            *guard = Some(self.open_store()?);
            crate::ready::mark("store_opened");
        }
        let Some(store) = guard.as_ref() else {
            unreachable!("the store was opened above")
        };
        f(&Session::new(programme, store, system_clock())
            .always_discreet(self.lock_set.load(Ordering::SeqCst)))
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
