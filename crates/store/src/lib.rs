//! The parent's data on the device: a SQLCipher database whose key lives in the OS keychain.
//!
//! [`Store::open_in`] is the app's way in. The key is 32 random bytes made on the first run;
//! an existing database is never given a new key. Everything the parent writes (profile,
//! progress, answers) is read and written through [`Store`].

mod answers;
mod backup;
mod contact;
mod erase;
mod error;
mod key;
mod keycheck;
mod lock;
mod migrate;
mod profile;
mod progress;
mod reflection;
mod reminders;
mod restore;
mod seal;

pub use backup::{open_backup, write_atomically, BackupManifest, OpenedBackup, BACKUP_FORMAT};
pub use contact::{Delivery, OutboxItem, PairingRecord, SentCheckIn, StoredReply};
pub use erase::remove_if_there;
pub use error::StoreError;
pub use key::{data_dir_id, DatabaseKey, Keychain, StoredKey};
pub use lock::{LockKind, LockedKey};
pub use reminders::ReminderRecord;

use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::Duration;

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// An open database. Methods take `&self`; the app keeps one `Store` behind a `Mutex`.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Kept to wrap it when the parent sets an app lock; SQLCipher holds it in memory anyway.
    key: Option<DatabaseKey>,
}

impl Store {
    /// The database's file name inside the data directory.
    pub const FILE_NAME: &'static str = "houvast.db";

    /// The newest schema (migration number) this version of the app knows.
    pub const SCHEMA_VERSION: u32 = migrate::LATEST;

    /// Opens `data_dir/houvast.db` with the key from `keychain`, creating directory, key and
    /// database on the first run. When the database exists but the key does not, this fails
    /// with [`StoreError::KeyMissing`] and touches nothing. With the app lock set it fails
    /// with [`StoreError::AppLocked`]: [`Store::unlock_in`] opens it.
    pub fn open_in(data_dir: &Path, keychain: &Keychain) -> Result<Store> {
        let db = Self::prepare_dir(data_dir, keychain)?;
        let exists = db.try_exists().map_err(|e| StoreError::io(&db, e))?;
        if exists {
            let key = keychain.key()?.ok_or(StoreError::KeyMissing)?;
            Self::open_keyed(&db, &key, false)
        } else {
            let key = keychain.get_or_create_key()?;
            Self::open_keyed(&db, &key, true)
        }
    }

    /// Opens the database in `data_dir` whose key the app lock wraps, with the parent's PIN or
    /// passphrase. [`StoreError::WrongLockSecret`] when it does not fit.
    pub fn unlock_in(data_dir: &Path, keychain: &Keychain, secret: &str) -> Result<Store> {
        let db = Self::prepare_dir(data_dir, keychain)?;
        match keychain.stored()? {
            Some(StoredKey::Locked(locked)) => {
                let key = locked.unwrap_key(secret)?;
                Self::open_keyed(&db, &key, false)
            }
            // Not (or no longer) locked: open as usual.
            _ => Self::open_in(data_dir, keychain),
        }
    }

    /// The lock the keychain entry for `data_dir` is wrapped with, if any.
    pub fn lock_kind(keychain: &Keychain) -> Result<Option<LockKind>> {
        Ok(match keychain.stored()? {
            Some(StoredKey::Locked(locked)) => Some(locked.kind()),
            _ => None,
        })
    }

    /// Sets (or changes) the app lock: the keychain entry is replaced by the key wrapped with
    /// `secret`. The database itself is not touched.
    pub fn set_lock(&self, keychain: &Keychain, kind: LockKind, secret: &str) -> Result<()> {
        let key = self.key.as_ref().ok_or(StoreError::KeyNotKept)?;
        keychain.set(&StoredKey::Locked(LockedKey::wrap(key, kind, secret)?))
    }

    /// Removes the app lock: the keychain entry holds the key itself again.
    pub fn remove_lock(&self, keychain: &Keychain) -> Result<()> {
        let key = self.key.as_ref().ok_or(StoreError::KeyNotKept)?;
        keychain.set(&StoredKey::Open(key.clone()))
    }

    /// The data directory made, and a deletion or restore cut short finished or undone.
    fn prepare_dir(data_dir: &Path, keychain: &Keychain) -> Result<PathBuf> {
        create_private_dir(data_dir)?;
        let db = data_dir.join(Self::FILE_NAME);
        // A deletion cut short is finished first: the parent asked for a fresh start.
        Self::finish_interrupted_erase(&db, Some(keychain))?;
        restore::finish_interrupted_restore(&db, keychain)?;
        Ok(db)
    }

    /// Opens (or creates) the encrypted database at `path` with a known key. The app uses
    /// [`Store::open_in`]; this is for tests and tools.
    pub fn open(path: &Path, key: &DatabaseKey) -> Result<Store> {
        Self::finish_interrupted_erase(path, None)?;
        Self::open_keyed(path, key, true)
    }

    /// Opens a database without encryption, only so the benchmark can compare.
    #[cfg(feature = "unencrypted-for-bench")]
    pub fn open_unencrypted(path: &Path) -> Result<Store> {
        let conn = Connection::open(path)?;
        Self::prepare(conn, path)
    }

    fn open_keyed(path: &Path, key: &DatabaseKey, create: bool) -> Result<Store> {
        let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if create {
            flags |= OpenFlags::SQLITE_OPEN_CREATE;
        }
        let conn = Connection::open_with_flags(path, flags)?;
        conn.execute_batch(&key.pragma())?;
        // SQLCipher only checks the key when the first page is read.
        if let Err(e) = conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(())) {
            return Err(match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::NotADatabase) => keycheck::diagnose(path, key, &e),
                _ => e.into(),
            });
        }
        let mut store = Self::prepare(conn, path)?;
        keycheck::ensure(path, key)?;
        store.key = Some(key.clone());
        Ok(store)
    }

    /// Settings and migrations shared by the encrypted and the plain database.
    fn prepare(mut conn: Connection, path: &Path) -> Result<Store> {
        conn.busy_timeout(Duration::from_secs(5))?;
        // Before anything can write (WAL switch, migrations): a newer app's file stays as is.
        migrate::refuse_newer(&conn)?;
        let mode: String =
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Sqlite(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_ERROR),
                Some(format!("journal_mode WAL refused (got {mode})")),
            )));
        }
        // Durability: in WAL mode with synchronous=NORMAL a committed save survives the app
        // crashing or being killed (it is in the WAL, which the OS keeps). Only a power cut or
        // OS crash can lose the saves since the last checkpoint, i.e. the last few seconds of
        // typing; the database itself stays consistent. FULL would fsync on every keystroke
        // batch for little gain.
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        if migrate::newest_applied(&conn)? < migrate::LATEST {
            migrate::apply(&mut conn)?;
        }
        Ok(Store {
            conn,
            path: path.to_owned(),
            key: None,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The newest migration applied to this database.
    pub fn schema_version(&self) -> Result<u32> {
        migrate::newest_applied(&self.conn)
    }

    /// SQLite's own check of the whole file (`PRAGMA integrity_check`): `["ok"]` when the
    /// database is sound, otherwise one line per problem found.
    pub fn integrity_check(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let lines = stmt
            .query_map([], |row| row.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(lines)
    }
}

/// Creates the data directory readable by the parent's account only.
pub(crate) fn create_private_dir(dir: &Path) -> Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(|e| StoreError::io(dir, e))
}

/// Timestamps are stored as fixed-width RFC 3339 text in UTC, so text order is time order.
fn timestamp(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Nanos, true)
}

fn parse_timestamp(s: &str) -> Result<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&chrono::Utc))
        .map_err(|e| StoreError::StoredDataInvalid {
            what: "timestamp",
            cause: e.to_string(),
        })
}
