//! The backup file: the whole database, sealed with a passphrase the parent chooses, in one file
//! that restores on another machine, also when the keychain is lost.
//!
//! ```text
//! offset  size  field (integers big-endian)
//!      0     8  magic "HOUVASTB"
//!      8     2  format version (1)
//!     10    12  Argon2id memory KiB, passes, lanes (u32 each)
//!     22    16  salt
//!     38    24  XChaCha20-Poly1305 nonce
//!     62     8  length of the sealed payload
//!     70    32  passphrase check value (second half of the Argon2id output)
//!    102    32  SHA-256 of bytes 0..102: a damaged header is told from a wrong passphrase
//!    134     …  sealed payload (associated data: bytes 0..134), tag included
//! payload: u32 manifest length ‖ manifest JSON ‖ the database as a plain SQLite image
//! ```
//!
//! The plain image exists only in memory: the encrypted database is exported into an attached
//! in-memory database (`sqlcipher_export`) and serialised from there; a restore deserialises it
//! into memory, checks it, and exports it into a new encrypted file. No plaintext touches disk.

use crate::seal::{self, Derived, KdfParams, CHECK_LEN, NONCE_LEN, SALT_LEN, TAG_LEN};
use crate::{migrate, Result, Store, StoreError};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, MAIN_DB};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

const MAGIC: &[u8; 8] = b"HOUVASTB";
/// The newest backup format this version writes and reads.
pub const BACKUP_FORMAT: u16 = 1;
const FIXED_LEN: usize = 8 + 2 + 12 + SALT_LEN + NONCE_LEN + 8 + CHECK_LEN;
const HEADER_LEN: usize = FIXED_LEN + 32;
/// A backup larger than this is not one of ours (a year of daily use is a few MB).
const MAX_PAYLOAD: u64 = 1 << 30;

/// What a backup says about itself, sealed with the data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupManifest {
    /// The newest migration applied to the database in the backup.
    pub schema_version: u32,
    pub created_at: DateTime<Utc>,
}

/// A backup opened with the right passphrase and checked: a readable Houvast database this
/// version can open. Only in memory.
pub struct OpenedBackup {
    pub manifest: BackupManifest,
    image: Zeroizing<Vec<u8>>,
}

impl std::fmt::Debug for OpenedBackup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpenedBackup")
            .field("manifest", &self.manifest)
            .field("image_len", &self.image.len())
            .finish()
    }
}

impl Store {
    /// The whole database sealed with `passphrase`: the bytes of one backup file.
    pub fn backup(&self, passphrase: &str, now: DateTime<Utc>) -> Result<Vec<u8>> {
        self.backup_with(passphrase, now, KdfParams::DEFAULT)
    }

    /// Writes the backup to `path` in one step (see [`write_atomically`]); returns its size.
    pub fn write_backup(&self, path: &Path, passphrase: &str, now: DateTime<Utc>) -> Result<u64> {
        self.write_backup_with(path, passphrase, now, KdfParams::DEFAULT)
    }

    pub(crate) fn write_backup_with(
        &self,
        path: &Path,
        passphrase: &str,
        now: DateTime<Utc>,
        params: KdfParams,
    ) -> Result<u64> {
        let file = self.backup_with(passphrase, now, params)?;
        write_atomically(path, &file)?;
        Ok(file.len() as u64)
    }

    pub(crate) fn backup_with(
        &self,
        passphrase: &str,
        now: DateTime<Utc>,
        params: KdfParams,
    ) -> Result<Vec<u8>> {
        let image = self.plain_image()?;
        let manifest = BackupManifest {
            schema_version: self.schema_version()?,
            created_at: now,
        };
        seal_backup(&manifest, &image, passphrase, params)
    }

    /// The database as a plain SQLite image, in memory only.
    fn plain_image(&self) -> Result<Zeroizing<Vec<u8>>> {
        // Sorting or a large export must not spill plaintext into a temporary file.
        self.conn.pragma_update(None, "temp_store", "MEMORY")?;
        self.conn
            .execute_batch("ATTACH DATABASE ':memory:' AS backup_image KEY ''")?;
        let exported = (|| -> Result<Zeroizing<Vec<u8>>> {
            self.conn
                .query_row("SELECT sqlcipher_export('backup_image')", [], |_| Ok(()))?;
            let data = self.conn.serialize(c"backup_image")?;
            Ok(Zeroizing::new(data.to_vec()))
        })();
        self.conn.execute_batch("DETACH DATABASE backup_image")?;
        exported
    }
}

/// Writes `bytes` to a temporary file beside `path` (`….partial`), syncs it and renames it
/// over `path`: the file is the old one or the whole new one, never half of it.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut tmp_name = path.as_os_str().to_owned();
    tmp_name.push(".partial");
    let tmp = PathBuf::from(tmp_name);
    let written = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(StoreError::io(path, e));
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        crate::erase::sync_dir(dir)?;
    }
    Ok(())
}

fn seal_backup(
    manifest: &BackupManifest,
    image: &[u8],
    passphrase: &str,
    params: KdfParams,
) -> Result<Vec<u8>> {
    let manifest_json = serde_json::to_vec(manifest).map_err(|e| StoreError::SealFailed {
        cause: format!("the backup manifest: {e}"),
    })?;
    let mut payload = Zeroizing::new(Vec::with_capacity(4 + manifest_json.len() + image.len()));
    let manifest_len = u32::try_from(manifest_json.len()).map_err(|_| StoreError::SealFailed {
        cause: "the backup manifest is too long".into(),
    })?;
    payload.extend_from_slice(&manifest_len.to_be_bytes());
    payload.extend_from_slice(&manifest_json);
    payload.extend_from_slice(image);

    let salt: [u8; SALT_LEN] = seal::random()?;
    let nonce: [u8; NONCE_LEN] = seal::random()?;
    let derived = Derived::new(passphrase.as_bytes(), &salt, params)?;
    let sealed_len = payload.len() as u64 + TAG_LEN as u64;

    let mut file = Vec::with_capacity(HEADER_LEN + payload.len() + TAG_LEN);
    file.extend_from_slice(MAGIC);
    file.extend_from_slice(&BACKUP_FORMAT.to_be_bytes());
    for n in [params.memory_kib, params.iterations, params.lanes] {
        file.extend_from_slice(&n.to_be_bytes());
    }
    file.extend_from_slice(&salt);
    file.extend_from_slice(&nonce);
    file.extend_from_slice(&sealed_len.to_be_bytes());
    file.extend_from_slice(&derived.check_value());
    let hash = Sha256::digest(&file[..FIXED_LEN]);
    file.extend_from_slice(&hash);
    let sealed = derived.seal(&nonce, &payload, &file[..HEADER_LEN])?;
    file.extend_from_slice(&sealed);
    Ok(file)
}

fn be_u32(bytes: &[u8]) -> u32 {
    let mut b = [0u8; 4];
    b.copy_from_slice(&bytes[..4]);
    u32::from_be_bytes(b)
}

/// Opens a backup file's bytes with `passphrase` and checks what is inside. Each way it can
/// fail has its own error: not a backup, cut short, damaged, wrong passphrase, too new.
pub fn open_backup(file: &[u8], passphrase: &str) -> Result<OpenedBackup> {
    let start = &file[..file.len().min(MAGIC.len())];
    if file.is_empty() || !MAGIC.starts_with(start) {
        return Err(StoreError::NotABackup);
    }
    if file.len() < MAGIC.len() + 2 {
        return Err(StoreError::BackupTruncated);
    }
    let format = u16::from_be_bytes([file[8], file[9]]);
    if format > BACKUP_FORMAT {
        return Err(StoreError::BackupTooNew {
            what: "format",
            found: u32::from(format),
            supported: u32::from(BACKUP_FORMAT),
        });
    }
    if file.len() < HEADER_LEN {
        return Err(StoreError::BackupTruncated);
    }
    let damaged = |cause: &str| StoreError::BackupDamaged {
        cause: cause.to_owned(),
    };
    if Sha256::digest(&file[..FIXED_LEN])[..] != file[FIXED_LEN..HEADER_LEN] || format == 0 {
        return Err(damaged("the header does not match its checksum"));
    }
    let params = KdfParams {
        memory_kib: be_u32(&file[10..]),
        iterations: be_u32(&file[14..]),
        lanes: be_u32(&file[18..]),
    }
    .check()
    .map_err(damaged)?;
    let mut salt = [0u8; SALT_LEN];
    salt.copy_from_slice(&file[22..38]);
    let mut nonce = [0u8; NONCE_LEN];
    nonce.copy_from_slice(&file[38..62]);
    let mut len = [0u8; 8];
    len.copy_from_slice(&file[62..70]);
    let sealed_len = u64::from_be_bytes(len);
    if !(TAG_LEN as u64 + 4..=MAX_PAYLOAD).contains(&sealed_len) {
        return Err(damaged("the stated length is impossible"));
    }
    let body = &file[HEADER_LEN..];
    match (body.len() as u64).cmp(&sealed_len) {
        std::cmp::Ordering::Less => return Err(StoreError::BackupTruncated),
        std::cmp::Ordering::Greater => return Err(damaged("there are bytes after the end")),
        std::cmp::Ordering::Equal => {}
    }
    let derived = Derived::new(passphrase.as_bytes(), &salt, params)?;
    if !derived.matches(&file[70..102]) {
        return Err(StoreError::BackupWrongPassphrase);
    }
    let payload = derived
        .open(&nonce, body, &file[..HEADER_LEN])
        .ok_or_else(|| damaged("the contents were changed or damaged"))?;

    let manifest_len = be_u32(&payload) as usize;
    let manifest_end = 4usize
        .checked_add(manifest_len)
        .filter(|end| *end <= payload.len())
        .ok_or_else(|| damaged("the manifest length is impossible"))?;
    let manifest: BackupManifest = serde_json::from_slice(&payload[4..manifest_end])
        .map_err(|e| damaged(&format!("the manifest cannot be read: {e}")))?;
    if manifest.schema_version > Store::SCHEMA_VERSION {
        return Err(StoreError::BackupTooNew {
            what: "schema",
            found: manifest.schema_version,
            supported: Store::SCHEMA_VERSION,
        });
    }
    let image = Zeroizing::new(payload[manifest_end..].to_vec());
    let backup = OpenedBackup { manifest, image };
    backup.check()?;
    Ok(backup)
}

impl OpenedBackup {
    /// The image in an in-memory database (nothing on disk).
    fn in_memory(&self) -> Result<Connection> {
        let mut conn = Connection::open_in_memory()?;
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        conn.deserialize_read_exact(MAIN_DB, self.image.as_slice(), self.image.len(), true)?;
        Ok(conn)
    }

    /// A Houvast database this version can open, and sound.
    fn check(&self) -> Result<()> {
        let damaged = |cause: String| StoreError::BackupDamaged { cause };
        let conn = self
            .in_memory()
            .map_err(|e| damaged(format!("the database inside cannot be read: {e}")))?;
        let problems: Vec<String> = conn
            .prepare("PRAGMA integrity_check")
            .and_then(|mut s| {
                s.query_map([], |row| row.get::<_, String>(0))?
                    .collect::<rusqlite::Result<_>>()
            })
            .map_err(|e| damaged(format!("the database inside cannot be read: {e}")))?;
        if problems != ["ok"] {
            return Err(damaged(format!(
                "the database inside is damaged: {}",
                problems.join("; ")
            )));
        }
        let version = migrate::newest_applied(&conn)?;
        if version == 0 {
            return Err(damaged("there is no Houvast data inside".into()));
        }
        if version != self.manifest.schema_version {
            return Err(damaged(
                "the manifest and the database inside disagree".into(),
            ));
        }
        Ok(())
    }

    /// Writes the image as a new database at `path` encrypted with `key`, synced to disk.
    pub(crate) fn write_encrypted(&self, path: &Path, key: &crate::DatabaseKey) -> Result<()> {
        let conn = self.in_memory()?;
        let path_text = path.to_str().ok_or_else(|| StoreError::Io {
            path: path.to_owned(),
            source: std::io::Error::other("the data directory's path is not valid UTF-8"),
        })?;
        conn.execute(
            "ATTACH DATABASE ?1 AS restored KEY ?2",
            rusqlite::params![path_text, key.attach_key().as_str()],
        )?;
        // No rollback journal: a file cut short is thrown away whole (see restore.rs), so a
        // journal would only be one more file to clean up.
        conn.pragma_update(Some("restored"), "journal_mode", "OFF")?;
        conn.query_row("SELECT sqlcipher_export('restored')", [], |_| Ok(()))?;
        conn.execute_batch("DETACH DATABASE restored")?;
        drop(conn);
        std::fs::File::open(path)
            .and_then(|f| f.sync_all())
            .map_err(|e| StoreError::io(path, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DatabaseKey;
    use houvast_core::{AnswerValue, ModuleId, QuestionId, TaskKind};

    const MARKER: &str = "Ons geheim recept voor pannenkoeken 7c1f";

    fn store_with_marker(dir: &std::path::Path) -> Store {
        let store =
            Store::open(&dir.join("houvast.db"), &DatabaseKey::from_bytes([3; 32])).unwrap();
        store
            .save_answer(
                &ModuleId::new("good-enough").unwrap(),
                TaskKind::DoTask,
                &QuestionId::new("good-enough.do.moments").unwrap(),
                &AnswerValue::Text {
                    text: MARKER.into(),
                },
                Utc::now(),
            )
            .unwrap();
        store
    }

    fn backup_of(store: &Store) -> Vec<u8> {
        store
            .backup_with("lange zin om te onthouden", Utc::now(), KdfParams::TEST)
            .unwrap()
    }

    fn contains(haystack: &[u8], needle: &str) -> bool {
        haystack
            .windows(needle.len())
            .any(|w| w == needle.as_bytes())
    }

    #[test]
    fn a_backup_holds_the_data_sealed_and_opens_with_its_passphrase() {
        let dir = tempfile::tempdir().unwrap();
        let store = store_with_marker(dir.path());
        let file = backup_of(&store);
        assert!(!contains(&file, MARKER));
        assert!(!contains(&file, "SQLite format 3"));
        // Nothing but the database's own files in the directory: no plain temporary file.
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(
            names,
            [
                "houvast.db",
                "houvast.db-keycheck",
                "houvast.db-shm",
                "houvast.db-wal"
            ]
        );

        let opened = open_backup(&file, "lange zin om te onthouden").unwrap();
        assert_eq!(opened.manifest.schema_version, Store::SCHEMA_VERSION);
        assert!(contains(&opened.image, MARKER), "the image is the database");
    }

    #[test]
    fn each_bad_file_gets_its_own_error() {
        let dir = tempfile::tempdir().unwrap();
        let file = backup_of(&store_with_marker(dir.path()));
        let pass = "lange zin om te onthouden";
        assert!(matches!(
            open_backup(&file, "lange zin om te onthouden!"),
            Err(StoreError::BackupWrongPassphrase)
        ));
        for cut in [4, 9, 60, HEADER_LEN, file.len() / 2, file.len() - 1] {
            assert!(
                matches!(
                    open_backup(&file[..cut], pass),
                    Err(StoreError::BackupTruncated)
                ),
                "cut at {cut}"
            );
        }
        assert!(matches!(
            open_backup(b"", pass),
            Err(StoreError::NotABackup)
        ));
        assert!(matches!(
            open_backup(b"PK\x03\x04 a zip file, not ours", pass),
            Err(StoreError::NotABackup)
        ));
        for at in [30, 75, HEADER_LEN + 10, file.len() - 3] {
            let mut damaged = file.clone();
            damaged[at] ^= 0x20;
            assert!(
                matches!(
                    open_backup(&damaged, pass),
                    Err(StoreError::BackupDamaged { .. })
                ),
                "byte {at} changed"
            );
        }
        let mut longer = file.clone();
        longer.push(0);
        assert!(matches!(
            open_backup(&longer, pass),
            Err(StoreError::BackupDamaged { .. })
        ));

        let mut newer = file.clone();
        newer[9] = 2;
        assert!(matches!(
            open_backup(&newer, pass),
            Err(StoreError::BackupTooNew {
                what: "format",
                found: 2,
                ..
            })
        ));
    }

    #[test]
    fn a_backup_of_a_newer_schema_is_refused_and_so_is_a_sealed_stranger() {
        let dir = tempfile::tempdir().unwrap();
        let store = store_with_marker(dir.path());
        let image = store.plain_image().unwrap();
        let newer = BackupManifest {
            schema_version: Store::SCHEMA_VERSION + 1,
            created_at: Utc::now(),
        };
        let file = seal_backup(&newer, &image, "pw pw pw pw", KdfParams::TEST).unwrap();
        assert!(matches!(
            open_backup(&file, "pw pw pw pw"),
            Err(StoreError::BackupTooNew { what: "schema", .. })
        ));
        // Sealed right, but not a database inside.
        let manifest = BackupManifest {
            schema_version: Store::SCHEMA_VERSION,
            created_at: Utc::now(),
        };
        let stranger = seal_backup(
            &manifest,
            b"just some words",
            "pw pw pw pw",
            KdfParams::TEST,
        )
        .unwrap();
        assert!(matches!(
            open_backup(&stranger, "pw pw pw pw"),
            Err(StoreError::BackupDamaged { .. })
        ));
    }
}
