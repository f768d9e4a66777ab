//! A tiny SQLCipher file beside the database, encrypted with the same key. SQLCipher says
//! "file is not a database" both for a wrong key and for a damaged file; this file tells the
//! two apart: if the key opens it, the key is right and the database is damaged.
//!
//! It is a SQLCipher file rather than a hash of the key so that no cryptography is written
//! here and no new crate is needed; it costs one extra open, only when something is wrong.

use crate::{DatabaseKey, StoreError};
use rusqlite::{Connection, OpenFlags};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

const CHECK: &str = "houvast key check v1";

/// `houvast.db-keycheck`: named like SQLite's `-wal` and `-shm` so everything that belongs to
/// one database starts with its name.
pub(crate) fn path_for(db: &Path) -> PathBuf {
    let mut name = OsString::from(db.as_os_str());
    name.push("-keycheck");
    PathBuf::from(name)
}

/// Writes the key-check file if there is none. Called after the database opened with `key`,
/// so the key is known to be right.
pub(crate) fn ensure(db: &Path, key: &DatabaseKey) -> Result<(), StoreError> {
    let path = path_for(db);
    if path.try_exists().map_err(|e| StoreError::io(&path, e))? {
        return Ok(());
    }
    // Written under a temporary name and renamed, so a crash never leaves a half-written
    // check file that would later blame the key.
    let mut tmp = OsString::from(path.as_os_str());
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    match std::fs::remove_file(&tmp) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(StoreError::io(&tmp, e)),
    }
    {
        let conn = Connection::open(&tmp)?;
        conn.execute_batch(&key.pragma())?;
        conn.execute_batch("CREATE TABLE key_check (value TEXT NOT NULL)")?;
        conn.execute("INSERT INTO key_check (value) VALUES (?1)", [CHECK])?;
        conn.close().map_err(|(_, e)| e)?;
    }
    std::fs::rename(&tmp, &path).map_err(|e| StoreError::io(&path, e))
}

/// Why `db` did not open with `key`. Only reads the check file.
pub(crate) fn diagnose(db: &Path, key: &DatabaseKey, db_error: &rusqlite::Error) -> StoreError {
    let path = path_for(db);
    if !path.exists() {
        return StoreError::WrongKeyOrCorrupt;
    }
    let read = || -> rusqlite::Result<String> {
        let conn = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        conn.execute_batch(&key.pragma())?;
        conn.query_row("SELECT value FROM key_check", [], |row| row.get(0))
    };
    match read() {
        Ok(value) if value == CHECK => StoreError::Corrupt {
            cause: db_error.to_string(),
        },
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) => {
            StoreError::WrongKey
        }
        // The check file itself is unreadable in another way: it cannot vouch for either.
        _ => StoreError::WrongKeyOrCorrupt,
    }
}
