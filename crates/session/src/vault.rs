//! The parent's data as a whole: where it lives, how it is opened (and unlocked), locked, kept
//! as a backup, restored and deleted. A [`Vault`] is the data directory with its keychain
//! entry; the app holds one and keeps the open [`Store`] it hands out.

use crate::{Result, Session, SessionError};
use chrono::{DateTime, Utc};
use houvast_core::lock::{self, LockKind, Strength};
use houvast_store::{open_backup, remove_if_there, write_atomically, Keychain, Store, StoreError};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// Wrong PIN entries in a row and when the last one was, kept beside the database (not secret:
/// a count). In a file rather than the database, which is closed while the app is locked, and
/// so that a restart does not reset the wait.
const ATTEMPTS_FILE: &str = "lock-attempts.json";

/// Larger than any backup Houvast writes (ten years of daily use is a few MB).
const MAX_BACKUP_FILE: u64 = 1 << 30;

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
struct Attempts {
    failures: u32,
    last_failure: Option<DateTime<Utc>>,
}

/// What the lock screen and the settings need to know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LockStatus {
    /// The kind of lock set, `null` when there is none.
    pub kind: Option<LockKind>,
    /// The parent's language, so the lock screen speaks it (kept beside the locked file with
    /// the reminders' times); `null` when not known.
    pub language: Option<houvast_core::Language>,
    /// Wrong entries in a row since the last right one.
    pub failures: u32,
    /// The next try is allowed from this moment; `null` when it is allowed now.
    pub wait_until: Option<DateTime<Utc>>,
}

/// A backup written where the parent chose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BackupWritten {
    pub path: String,
    pub bytes: u64,
    pub created_at: DateTime<Utc>,
}

/// A restore that went through.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RestoreDone {
    /// When the backup was made.
    pub created_at: DateTime<Utc>,
    /// Whether an app lock was set before: the restored data has none until the parent sets
    /// one again.
    pub lock_removed: bool,
}

/// The data directory and its keychain entry.
#[derive(Debug, Clone)]
pub struct Vault {
    data_dir: PathBuf,
    keychain: Keychain,
}

impl Vault {
    pub fn new(data_dir: PathBuf, keychain: Keychain) -> Self {
        Self { data_dir, keychain }
    }

    /// The app's own entry for `data_dir` in the OS keychain.
    pub fn in_keychain(data_dir: PathBuf) -> Result<Self> {
        let keychain = Keychain::for_data_dir(&data_dir)?;
        Ok(Self::new(data_dir, keychain))
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub fn keychain(&self) -> &Keychain {
        &self.keychain
    }

    /// Whether there is a database on disk (without opening or creating anything).
    pub fn has_data(&self) -> bool {
        self.data_dir.join(Store::FILE_NAME).exists()
    }

    /// Opens the store, creating it on the first start. [`StoreError::AppLocked`] when the app
    /// lock is set: [`Vault::unlock`] opens it then.
    pub fn open(&self) -> Result<Store> {
        Ok(Store::open_in(&self.data_dir, &self.keychain)?)
    }

    /// The lock's state, read without opening the database.
    pub fn lock_status(&self, now: DateTime<Utc>) -> Result<LockStatus> {
        let kind = Store::lock_kind(&self.keychain)?;
        let attempts = self.attempts();
        Ok(LockStatus {
            kind,
            language: crate::LockedReminders::load(&self.data_dir).map(|r| r.language),
            failures: attempts.failures,
            wait_until: kind.and(lock::next_try_at(
                attempts.failures,
                attempts.last_failure,
                now,
            )),
        })
    }

    /// Opens the locked store with the PIN or passphrase. A try before the wait is over is
    /// refused without looking at the secret ([`SessionError::LockWait`]); a wrong one is
    /// counted and makes the next wait longer. Nothing is ever wiped.
    pub fn unlock(&self, secret: &str, now: DateTime<Utc>) -> Result<Store> {
        let attempts = self.attempts();
        if let Some(until) = lock::next_try_at(attempts.failures, attempts.last_failure, now) {
            return Err(SessionError::LockWait { until });
        }
        match Store::unlock_in(&self.data_dir, &self.keychain, secret) {
            Ok(store) => {
                self.save_attempts(&Attempts::default())?;
                Ok(store)
            }
            Err(StoreError::WrongLockSecret) => {
                let failures = attempts.failures.saturating_add(1);
                self.save_attempts(&Attempts {
                    failures,
                    last_failure: Some(now),
                })?;
                Err(SessionError::WrongLockSecret {
                    failures,
                    wait_until: lock::next_try_at(failures, Some(now), now),
                })
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Sets or changes the app lock on the open `store`.
    pub fn set_lock(&self, store: &Store, kind: LockKind, secret: &str) -> Result<LockStatus> {
        lock::check_lock_secret(kind, secret).map_err(SessionError::LockSecretInvalid)?;
        store.set_lock(&self.keychain, kind, secret)?;
        self.save_attempts(&Attempts::default())?;
        self.lock_status(Utc::now())
    }

    /// Removes the app lock (the store is open, so the parent has unlocked).
    pub fn remove_lock(&self, store: &Store) -> Result<LockStatus> {
        store.remove_lock(&self.keychain)?;
        self.save_attempts(&Attempts::default())?;
        self.lock_status(Utc::now())
    }

    /// Restores the backup in `file` with `passphrase` in place of the store in `open` (closed
    /// here; the app reopens it). Data the parent wrote is replaced only with `replace`;
    /// otherwise [`SessionError::RestoreWouldReplace`] comes back and nothing is touched. An
    /// app that is still at its first steps (no profile) holds nothing to lose.
    pub fn restore(
        &self,
        file: &[u8],
        passphrase: &str,
        replace: bool,
        open: &mut Option<Store>,
    ) -> Result<RestoreDone> {
        let backup = open_backup(file, passphrase)?;
        let holds_words = match open.as_ref() {
            Some(store) => store.profile()?.is_some(),
            // Locked, or its key is lost: what is in it cannot be seen, so it counts.
            None => self.has_data(),
        };
        if holds_words && !replace {
            return Err(SessionError::RestoreWouldReplace {
                created_at: backup.manifest.created_at,
            });
        }
        let lock_removed = matches!(Store::lock_kind(&self.keychain), Ok(Some(_)));
        // Closing the connection (which checkpoints its WAL) before the file is replaced.
        drop(open.take());
        Store::restore_in(&self.data_dir, &self.keychain, &backup)?;
        self.save_attempts(&Attempts::default())?;
        Ok(RestoreDone {
            created_at: backup.manifest.created_at,
            lock_removed,
        })
    }

    /// [`Vault::restore`] from the file at `path` (the one the parent picked). A file far
    /// larger than any backup (a film picked by mistake) is refused before it is read.
    pub fn restore_from(
        &self,
        path: &Path,
        passphrase: &str,
        replace: bool,
        open: &mut Option<Store>,
    ) -> Result<RestoreDone> {
        let io = |source| StoreError::Io {
            path: path.to_owned(),
            source,
        };
        let len = std::fs::metadata(path).map_err(io)?.len();
        if len > MAX_BACKUP_FILE {
            return Err(StoreError::NotABackup.into());
        }
        let file = std::fs::read(path).map_err(io)?;
        self.restore(&file, passphrase, replace, open)
    }

    /// Deletes everything, the key first (see `houvast_store::Store::erase_in`).
    pub fn erase(&self) -> Result<()> {
        Store::erase_in(&self.data_dir, Some(&self.keychain))?;
        crate::LockedReminders::remove(&self.data_dir)?;
        crate::DeliveryLog::remove_in(&self.data_dir)?;
        Ok(remove_if_there(&self.data_dir.join(ATTEMPTS_FILE))?)
    }

    fn attempts(&self) -> Attempts {
        // An unreadable count starts from nothing; the Argon2id cost still bounds guessing.
        std::fs::read(self.data_dir.join(ATTEMPTS_FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    fn save_attempts(&self, attempts: &Attempts) -> Result<()> {
        let path = self.data_dir.join(ATTEMPTS_FILE);
        if attempts.failures == 0 {
            return Ok(remove_if_there(&path)?);
        }
        let json = serde_json::to_vec(attempts).map_err(|e| StoreError::StoredDataInvalid {
            what: "lock attempts",
            cause: e.to_string(),
        })?;
        Ok(write_atomically(&path, &json)?)
    }
}

impl Session<'_> {
    /// The whole store sealed with `passphrase`, written to `path` (the place the parent chose
    /// in the save dialog) in one step: a backup cut short leaves no half file behind.
    pub fn write_backup(&self, path: &Path, passphrase: &str) -> Result<BackupWritten> {
        if lock::passphrase_strength(passphrase) == Strength::TooShort {
            return Err(SessionError::BackupPassphraseTooShort);
        }
        let created_at = self.clock.now;
        let bytes = self.store.write_backup(path, passphrase, created_at)?;
        Ok(BackupWritten {
            path: path.display().to_string(),
            bytes,
            created_at,
        })
    }
}

/// A strong passphrase to suggest, from the system's random source.
pub fn suggest_passphrase() -> Result<String> {
    let mut random = [0u8; 20];
    rand_core::RngCore::try_fill_bytes(&mut rand_core::OsRng, &mut random).map_err(|e| {
        StoreError::SealFailed {
            cause: e.to_string(),
        }
    })?;
    Ok(lock::suggest_passphrase(random))
}
