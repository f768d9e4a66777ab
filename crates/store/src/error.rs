//! Everything that can go wrong with the parent's data. Each variant that needs its own
//! screen in the app has its own [`StoreError::code`].

use houvast_core::ErrorCode;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The keychain is there but refuses access: the secret-service collection is locked, the
    /// unlock prompt was dismissed, or the platform denied access. Unlocking and retrying helps.
    #[error("the keychain is locked: {cause}")]
    KeychainLocked { cause: String },

    /// There is no usable keychain (no secret service running, no D-Bus session) or it failed
    /// in a way unlocking will not fix.
    #[error("the keychain cannot be used: {cause}")]
    KeychainUnavailable { cause: String },

    /// The database exists but the keychain holds no key for it. A new key is never created
    /// in this case: that would make the existing data unreadable for good.
    #[error("the key for the existing database is not in the keychain")]
    KeyMissing,

    /// The key does not open the database, and the key-check file next to it confirms that
    /// the key (not the file) is wrong.
    #[error("the key in the keychain does not fit this database")]
    WrongKey,

    /// The key fits (the key-check file opens with it) but the database cannot be read.
    #[error("the database file is damaged: {cause}")]
    Corrupt { cause: String },

    /// The database cannot be read and there is no key-check file to tell whether the key or
    /// the file is at fault.
    #[error("the database cannot be opened: wrong key or damaged file")]
    WrongKeyOrCorrupt,

    /// Written by a newer version of the app. It is left untouched, never "repaired".
    #[error("the database was written by a newer version of Houvast (schema {found}, this version knows up to {supported})")]
    DatabaseTooNew { found: u32, supported: u32 },

    /// A value in the database does not parse as what this version expects.
    #[error("stored {what} cannot be read: {cause}")]
    StoredDataInvalid { what: &'static str, cause: String },

    /// The app lock wraps the key: the parent's PIN or passphrase is needed to open.
    #[error("the app is locked")]
    AppLocked { kind: crate::LockKind },

    /// The PIN or passphrase does not unwrap the key.
    #[error("the PIN or passphrase is not right")]
    WrongLockSecret,

    /// A store opened without its key (a benchmark's plain database) cannot be locked.
    #[error("this database's key is not known, so it cannot be locked")]
    KeyNotKept,

    /// Sealing with a passphrase failed (random source, key derivation).
    #[error("sealing failed: {cause}")]
    SealFailed { cause: String },

    /// The file is not a Houvast backup at all.
    #[error("this file is not a Houvast backup")]
    NotABackup,

    /// The backup file ends before its stated end: a copy cut short.
    #[error("the backup file is incomplete")]
    BackupTruncated,

    /// The backup file's header or contents were changed or damaged.
    #[error("the backup file is damaged: {cause}")]
    BackupDamaged { cause: String },

    /// The passphrase does not open the backup.
    #[error("the passphrase does not open this backup")]
    BackupWrongPassphrase,

    /// Made by a newer version of the app (its format or its database).
    #[error("the backup was made by a newer version of Houvast ({what} {found}, this version knows up to {supported})")]
    BackupTooNew {
        what: &'static str,
        found: u32,
        supported: u32,
    },

    #[error("file system error at {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("database error: {0}")]
    Sqlite(#[source] rusqlite::Error),
}

impl StoreError {
    /// The code for the app's error screens and the IPC error (`IpcError.code`).
    pub fn code(&self) -> ErrorCode {
        match self {
            StoreError::KeychainLocked { .. } => ErrorCode::KeychainLocked,
            StoreError::KeychainUnavailable { .. } => ErrorCode::KeychainUnavailable,
            StoreError::KeyMissing => ErrorCode::KeyMissing,
            StoreError::WrongKey => ErrorCode::WrongKey,
            StoreError::Corrupt { .. } => ErrorCode::DatabaseCorrupt,
            StoreError::WrongKeyOrCorrupt => ErrorCode::WrongKeyOrCorrupt,
            StoreError::DatabaseTooNew { .. } => ErrorCode::DatabaseTooNew,
            StoreError::AppLocked { .. } => ErrorCode::AppLocked,
            StoreError::WrongLockSecret => ErrorCode::WrongLockSecret,
            StoreError::NotABackup => ErrorCode::NotABackup,
            StoreError::BackupTruncated => ErrorCode::BackupTruncated,
            StoreError::BackupDamaged { .. } => ErrorCode::BackupDamaged,
            StoreError::BackupWrongPassphrase => ErrorCode::BackupWrongPassphrase,
            StoreError::BackupTooNew { .. } => ErrorCode::BackupTooNew,
            StoreError::KeyNotKept | StoreError::SealFailed { .. } => ErrorCode::StorageFailed,
            StoreError::StoredDataInvalid { .. }
            | StoreError::Io { .. }
            | StoreError::Sqlite(_) => ErrorCode::StorageFailed,
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        StoreError::Io {
            path: path.into(),
            source,
        }
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(err: rusqlite::Error) -> Self {
        // Once a database has been opened with a key that fits, "not a database" or "malformed"
        // can only mean damage.
        match err.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) => {
                StoreError::Corrupt {
                    cause: err.to_string(),
                }
            }
            _ => StoreError::Sqlite(err),
        }
    }
}

impl From<keyring::Error> for StoreError {
    fn from(err: keyring::Error) -> Self {
        match err {
            keyring::Error::NoStorageAccess(cause) => StoreError::KeychainLocked {
                cause: cause.to_string(),
            },
            keyring::Error::PlatformFailure(cause) => StoreError::KeychainUnavailable {
                cause: cause.to_string(),
            },
            other => StoreError::KeychainUnavailable {
                cause: other.to_string(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_the_ones_the_app_knows() {
        let io = || StoreError::io("/x", std::io::Error::other("disk full"));
        let cases = [
            (
                StoreError::KeychainLocked {
                    cause: "locked".into(),
                },
                ErrorCode::KeychainLocked,
            ),
            (
                StoreError::KeychainUnavailable {
                    cause: "no bus".into(),
                },
                ErrorCode::KeychainUnavailable,
            ),
            (StoreError::KeyMissing, ErrorCode::KeyMissing),
            (StoreError::WrongKey, ErrorCode::WrongKey),
            (
                StoreError::Corrupt { cause: "x".into() },
                ErrorCode::DatabaseCorrupt,
            ),
            (StoreError::WrongKeyOrCorrupt, ErrorCode::WrongKeyOrCorrupt),
            (
                StoreError::DatabaseTooNew {
                    found: 3,
                    supported: 2,
                },
                ErrorCode::DatabaseTooNew,
            ),
            (io(), ErrorCode::StorageFailed),
        ];
        for (err, code) in cases {
            assert_eq!(err.code(), code, "{err}");
        }
    }

    #[test]
    fn keyring_errors_map_to_locked_or_unavailable() {
        let locked = keyring::Error::NoStorageAccess("prompt dismissed".into());
        assert_eq!(StoreError::from(locked).code(), ErrorCode::KeychainLocked);
        let failure = keyring::Error::PlatformFailure("no dbus".into());
        assert_eq!(
            StoreError::from(failure).code(),
            ErrorCode::KeychainUnavailable
        );
    }
}
