//! "Delete everything": the parent's data made unreadable first, then removed.
//!
//! The order is what makes a crash harmless. A marker file is written first; then the key is
//! destroyed (from that moment nothing left on disk can be read by anyone), then the database,
//! its WAL, SHM and key-check file are removed, and last the marker. A start that finds the
//! marker knows a deletion was cut short and finishes it before anything else, so the app never
//! lands on "the key is missing" for data the parent asked to delete: it starts fresh.

use crate::{keycheck, restore, Keychain, Result, Store, StoreError};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// `houvast.db-erasing`: present only while a deletion is under way (or was cut short).
fn marker_for(db: &Path) -> PathBuf {
    with_suffix(db, "-erasing")
}

/// `db`'s path with `suffix` appended to the file name (`houvast.db-wal`).
pub(crate) fn with_suffix(db: &Path, suffix: &str) -> PathBuf {
    let mut name = OsString::from(db.as_os_str());
    name.push(suffix);
    PathBuf::from(name)
}

/// Every file that belongs to the database at `db`.
fn files_of(db: &Path) -> Vec<PathBuf> {
    let mut files = vec![db.to_owned()];
    for suffix in [
        "-wal",
        "-shm",
        "-journal",
        restore::RESTORING,
        restore::MARKER,
    ] {
        files.push(with_suffix(db, suffix));
    }
    files.push(keycheck::path_for(db));
    let mut tmp = OsString::from(keycheck::path_for(db).as_os_str());
    tmp.push(".tmp");
    files.push(PathBuf::from(tmp));
    files
}

/// Removes the file at `path`; one that is not there is not an error.
pub fn remove_if_there(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(StoreError::io(path, e)),
    }
}

/// Makes a change of directory entries durable: after a power cut the marker is there (or the
/// files are gone) as this code left it.
pub(crate) fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| StoreError::io(dir, e))?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Deletes the database at `db` and, when the key lives in `keychain`, its key first.
fn erase_at(db: &Path, keychain: Option<&Keychain>) -> Result<()> {
    let dir = db.parent().unwrap_or(Path::new("."));
    let marker = marker_for(db);
    std::fs::write(&marker, b"").map_err(|e| StoreError::io(&marker, e))?;
    sync_dir(dir)?;
    if let Some(keychain) = keychain {
        keychain.delete_key()?;
        keychain.restoring().delete_key()?;
    }
    for file in files_of(db) {
        remove_if_there(&file)?;
    }
    sync_dir(dir)?;
    remove_if_there(&marker)?;
    sync_dir(dir)
}

impl Store {
    /// Deletes everything the parent wrote: the key in `keychain` (when the database's key is
    /// kept there) first, then every file of the database. The connection is closed first.
    pub fn erase(self, keychain: Option<&Keychain>) -> Result<()> {
        let db = self.path.clone();
        self.conn.close().map_err(|(_, e)| StoreError::from(e))?;
        erase_at(&db, keychain)
    }

    /// Like [`Store::erase`] for the database in `data_dir` that is not open, also one that
    /// cannot be opened (its key is lost, the file is damaged): a parent can always start over.
    pub fn erase_in(data_dir: &Path, keychain: Option<&Keychain>) -> Result<()> {
        erase_at(&data_dir.join(Self::FILE_NAME), keychain)
    }

    /// Finishes a deletion that was cut short (the marker is there): the key and whatever file
    /// is left go. Returns whether there was one to finish. Called before a database is opened.
    pub fn finish_interrupted_erase(db: &Path, keychain: Option<&Keychain>) -> Result<bool> {
        let marker = marker_for(db);
        if !marker
            .try_exists()
            .map_err(|e| StoreError::io(&marker, e))?
        {
            return Ok(false);
        }
        erase_at(db, keychain)?;
        Ok(true)
    }
}
