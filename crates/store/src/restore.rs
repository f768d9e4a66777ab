//! Putting a backup in place of the database, so that a crash at any moment leaves either the
//! old data (intact and readable) or the restored data — never a mix, never a file without its
//! key.
//!
//! The restored database gets a new key. Until it is in place that key waits in a second
//! keychain entry ([`Keychain::restoring`]) and the old key stays where it was. The order:
//!
//! 1. an empty `houvast.db-restoring` is created, then the marker `houvast.db-restore`;
//! 2. the new key goes into the waiting entry; the backup is written into `-restoring`,
//!    encrypted with it, and synced;
//! 3. the old database's `-wal`/`-shm` go, and `-restoring` is renamed over `houvast.db`: the
//!    one step that switches from old to new;
//! 4. the old key-check file goes, the new key moves into the main entry (replacing the old
//!    key, or the app lock's wrapped key), the waiting entry and the marker go.
//!
//! A start that finds the marker looks at `-restoring`: still there means step 3 did not
//! happen, so the restore is undone (waiting key, marker, then the file); gone means it did,
//! so step 4 is finished. Because `-restoring` exists before the marker and goes after it, a
//! marker without `-restoring` always means "renamed".

use crate::erase::{remove_if_there, sync_dir, with_suffix};
use crate::{keycheck, Keychain, OpenedBackup, Result, Store, StoreError, StoredKey};
use crate::{create_private_dir, DatabaseKey};
use std::path::Path;

pub(crate) const RESTORING: &str = "-restoring";
pub(crate) const MARKER: &str = "-restore";

impl Store {
    /// Replaces the database in `data_dir` (closed; there may be none) with `backup`. The
    /// caller has asked the parent before replacing data. The app lock, if one was set, is
    /// gone afterwards: the restored database has a new key, kept open in the keychain.
    pub fn restore_in(data_dir: &Path, keychain: &Keychain, backup: &OpenedBackup) -> Result<()> {
        create_private_dir(data_dir)?;
        let db = data_dir.join(Store::FILE_NAME);
        Store::finish_interrupted_erase(&db, Some(keychain))?;
        finish_interrupted_restore(&db, keychain)?;
        let restoring = with_suffix(&db, RESTORING);
        let marker = with_suffix(&db, MARKER);

        // 1.
        std::fs::File::create(&restoring)
            .and_then(|f| f.sync_all())
            .map_err(|e| StoreError::io(&restoring, e))?;
        sync_dir(data_dir)?;
        std::fs::write(&marker, b"").map_err(|e| StoreError::io(&marker, e))?;
        sync_dir(data_dir)?;

        // 2.
        let key = DatabaseKey::generate()?;
        let written = keychain
            .restoring()
            .set(&StoredKey::Open(key.clone()))
            .and_then(|()| backup.write_encrypted(&restoring, &key));
        if let Err(e) = written {
            undo(&db, keychain)?;
            return Err(e);
        }

        // 3.
        for suffix in ["-wal", "-shm", "-journal"] {
            remove_if_there(&with_suffix(&db, suffix))?;
        }
        std::fs::rename(&restoring, &db).map_err(|e| StoreError::io(&db, e))?;
        sync_dir(data_dir)?;

        // 4.
        finish(&db, keychain)
    }
}

/// Undoes or finishes a restore that was cut short. Called before a database is opened.
pub(crate) fn finish_interrupted_restore(db: &Path, keychain: &Keychain) -> Result<()> {
    let marker = with_suffix(db, MARKER);
    let restoring = with_suffix(db, RESTORING);
    let exists = |p: &Path| p.try_exists().map_err(|e| StoreError::io(p, e));
    match (exists(&marker)?, exists(&restoring)?) {
        (false, false) => Ok(()),
        // A file from a restore that never got as far as its marker: nothing refers to it.
        (false, true) => remove_if_there(&restoring),
        (true, true) => undo(db, keychain),
        (true, false) => finish(db, keychain),
    }
}

/// Back to the old state: the waiting key, the marker, and last the unfinished file.
fn undo(db: &Path, keychain: &Keychain) -> Result<()> {
    let dir = db.parent().unwrap_or(Path::new("."));
    keychain.restoring().delete_key()?;
    remove_if_there(&with_suffix(db, MARKER))?;
    sync_dir(dir)?;
    remove_if_there(&with_suffix(db, RESTORING))?;
    sync_dir(dir)
}

/// Step 4: the restored file is in place; its key moves into the main entry.
fn finish(db: &Path, keychain: &Keychain) -> Result<()> {
    let dir = db.parent().unwrap_or(Path::new("."));
    // The old key-check file vouches for the old key; the next open writes a new one.
    remove_if_there(&keycheck::path_for(db))?;
    sync_dir(dir)?;
    let waiting = keychain.restoring();
    if let Some(StoredKey::Open(key)) = waiting.stored()? {
        keychain.set(&StoredKey::Open(key))?;
        waiting.delete_key()?;
    }
    remove_if_there(&with_suffix(db, MARKER))?;
    sync_dir(dir)
}
