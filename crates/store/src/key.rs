//! The database key and where it lives: 32 random bytes in the OS keychain, one entry per
//! data directory.

use crate::lock::LockedKey;
use crate::StoreError;
use std::fmt;
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

/// The 32-byte SQLCipher key. The bytes are wiped from memory when the value is dropped and
/// never printed.
#[derive(Clone)]
pub struct DatabaseKey(Zeroizing<[u8; DatabaseKey::LEN]>);

impl DatabaseKey {
    pub const LEN: usize = 32;

    /// A new key from the operating system's random source.
    pub fn generate() -> Result<Self, StoreError> {
        let mut bytes = Zeroizing::new([0u8; Self::LEN]);
        getrandom::fill(bytes.as_mut()).map_err(|e| StoreError::KeychainUnavailable {
            cause: format!("the system random source failed: {e}"),
        })?;
        Ok(Self(bytes))
    }

    /// A key from known bytes, for tests and benchmarks. The caller's copy is not wiped.
    pub fn from_bytes(bytes: [u8; Self::LEN]) -> Self {
        Self(Zeroizing::new(bytes))
    }

    pub(crate) fn from_secret(secret: &[u8]) -> Option<Self> {
        let bytes: [u8; Self::LEN] = secret.try_into().ok()?;
        Some(Self::from_bytes(bytes))
    }

    /// The statement that hands the key to SQLCipher as a raw key (`x'…'`). A raw key skips
    /// SQLCipher's PBKDF2 passphrase derivation (256,000 rounds), which would otherwise run on
    /// every start; the key is already random, so stretching it adds nothing.
    pub(crate) fn pragma(&self) -> Zeroizing<String> {
        let mut sql = Zeroizing::new(String::with_capacity(20 + 2 * Self::LEN));
        sql.push_str("PRAGMA key = \"");
        sql.push_str(&self.attach_key());
        sql.push_str("\";");
        sql
    }

    /// The raw key as SQLCipher reads it in `PRAGMA key` and `ATTACH … KEY`: `x'…'`.
    pub(crate) fn attach_key(&self) -> Zeroizing<String> {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut text = Zeroizing::new(String::with_capacity(3 + 2 * Self::LEN));
        text.push_str("x'");
        for b in self.0.iter() {
            text.push(char::from(HEX[usize::from(b >> 4)]));
            text.push(char::from(HEX[usize::from(b & 0x0f)]));
        }
        text.push('\'');
        text
    }

    pub(crate) fn bytes(&self) -> &[u8; Self::LEN] {
        &self.0
    }
}

impl PartialEq for DatabaseKey {
    fn eq(&self, other: &Self) -> bool {
        // Not constant-time; keys are only compared in tests and after a keychain write.
        self.0[..] == other.0[..]
    }
}

impl Eq for DatabaseKey {}

impl fmt::Debug for DatabaseKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DatabaseKey(..)")
    }
}

/// What a keychain entry holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoredKey {
    /// The key itself: no app lock.
    Open(DatabaseKey),
    /// The key wrapped with a key derived from the parent's PIN or passphrase.
    Locked(LockedKey),
}

impl StoredKey {
    fn secret(&self) -> Zeroizing<Vec<u8>> {
        match self {
            StoredKey::Open(key) => Zeroizing::new(key.0.to_vec()),
            StoredKey::Locked(locked) => Zeroizing::new(locked.to_bytes()),
        }
    }
}

/// One database key's entry in the OS keychain (secret service on Linux, Keychain on macOS,
/// Credential Manager on Windows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keychain {
    service: String,
    account: String,
}

impl Keychain {
    /// The keychain service name of the app.
    pub const SERVICE: &'static str = "nl.houvast.app";

    /// The app's key entry for `data_dir`.
    pub fn for_data_dir(data_dir: &Path) -> Result<Self, StoreError> {
        Self::new(Self::SERVICE, data_dir)
    }

    /// The key entry for `data_dir` under another service name, so tests never touch the
    /// app's real entry. The account is `database-key:` plus a hash of the canonical path:
    /// two data directories (tests, a portable copy) never share or overwrite a key, and the
    /// same directory reached through a symlink or a relative path finds the same key.
    pub fn new(service: &str, data_dir: &Path) -> Result<Self, StoreError> {
        Ok(Self {
            service: service.to_owned(),
            account: format!("database-key:{}", data_dir_id(data_dir)?),
        })
    }

    pub fn service(&self) -> &str {
        &self.service
    }

    pub fn account(&self) -> &str {
        &self.account
    }

    fn entry(&self) -> Result<keyring::Entry, StoreError> {
        Ok(keyring::Entry::new(&self.service, &self.account)?)
    }

    /// What the keychain holds for this data directory: the key itself, the key wrapped by the
    /// app lock, or nothing.
    pub fn stored(&self) -> Result<Option<StoredKey>, StoreError> {
        match self.entry()?.get_secret() {
            Ok(secret) => {
                let secret = Zeroizing::new(secret);
                if let Some(key) = DatabaseKey::from_secret(&secret) {
                    return Ok(Some(StoredKey::Open(key)));
                }
                LockedKey::parse(&secret)
                    .map(|locked| Some(StoredKey::Locked(locked)))
                    .ok_or_else(|| StoreError::KeychainUnavailable {
                        cause: format!(
                            "the stored database key has {} bytes and is not a locked key either",
                            secret.len()
                        ),
                    })
            }
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// The stored key, or `None` when the keychain has no entry for this data directory.
    /// [`StoreError::AppLocked`] when the app lock wraps it.
    pub fn key(&self) -> Result<Option<DatabaseKey>, StoreError> {
        match self.stored()? {
            None => Ok(None),
            Some(StoredKey::Open(key)) => Ok(Some(key)),
            Some(StoredKey::Locked(locked)) => Err(StoreError::AppLocked {
                kind: locked.kind(),
            }),
        }
    }

    /// The stored key, or a new random key saved first. An existing key is never replaced.
    pub fn get_or_create_key(&self) -> Result<DatabaseKey, StoreError> {
        if let Some(key) = self.key()? {
            return Ok(key);
        }
        let key = DatabaseKey::generate()?;
        self.set(&StoredKey::Open(key.clone()))?;
        Ok(key)
    }

    /// Saves `stored`, replacing what the entry held, and reads it back through a fresh entry
    /// before anything depends on it: a keychain that accepts a secret but does not keep it (a
    /// mock or session-only backend) would otherwise lock the parent out of their data.
    pub fn set(&self, stored: &StoredKey) -> Result<(), StoreError> {
        let secret = stored.secret();
        self.entry()?.set_secret(&secret)?;
        match self.stored()? {
            Some(back) if back == *stored => Ok(()),
            _ => Err(StoreError::KeychainUnavailable {
                cause: "the keychain did not keep the database key".into(),
            }),
        }
    }

    /// The entry a restore keeps the new database's key in until the new file is in place
    /// (`crate::restore`): beside this one, never instead of it.
    pub(crate) fn restoring(&self) -> Keychain {
        Keychain {
            service: self.service.clone(),
            account: self
                .account
                .replacen("database-key:", "database-key-restoring:", 1),
        }
    }

    /// Destroys the key. Without it the database cannot be read by anyone: "delete everything"
    /// calls this before removing the files. Deleting a key that is not there is not an error.
    pub fn delete_key(&self) -> Result<(), StoreError> {
        match self.entry()?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }
}

/// The canonical form of `path`, also when (part of) it does not exist yet: the longest
/// existing ancestor is canonicalised and the rest appended.
fn canonical_path(path: &Path) -> Result<PathBuf, StoreError> {
    let absolute = std::path::absolute(path).map_err(|e| StoreError::io(path, e))?;
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        match existing.canonicalize() {
            Ok(mut canonical) => {
                canonical.extend(rest.iter().rev());
                return Ok(canonical);
            }
            Err(e) => match (existing.parent(), existing.file_name()) {
                (Some(parent), Some(name)) => {
                    rest.push(name.to_owned());
                    existing = parent;
                }
                _ => return Err(StoreError::io(path, e)),
            },
        }
    }
}

/// FNV-1a: short, stable across Rust versions and platforms (unlike `DefaultHasher`), and
/// only used to namespace keychain entries, not for security.
/// A short, stable name for a data directory (16 hex digits of a hash of its canonical path):
/// the same directory, also reached through a symlink or a relative path, always gets the same
/// one. The keychain account and the app's single-instance name are made from it.
pub fn data_dir_id(data_dir: &Path) -> Result<String, StoreError> {
    let canonical = canonical_path(data_dir)?;
    Ok(format!(
        "{:016x}",
        fnv1a_64(canonical.to_string_lossy().as_bytes())
    ))
}

fn fnv1a_64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pragma_is_a_raw_hex_key() {
        let key = DatabaseKey::from_bytes([0xab; 32]);
        assert_eq!(
            *key.pragma(),
            format!("PRAGMA key = \"x'{}'\";", "ab".repeat(32))
        );
        assert_eq!(format!("{key:?}"), "DatabaseKey(..)");
    }

    #[test]
    fn generated_keys_differ() {
        assert_ne!(
            DatabaseKey::generate().unwrap(),
            DatabaseKey::generate().unwrap()
        );
    }

    #[test]
    fn the_hash_is_stable() {
        // Known FNV-1a 64 values: a change here would orphan every stored key.
        assert_eq!(fnv1a_64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a_64(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn accounts_follow_the_canonical_data_dir() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("x")).unwrap();
        let a = Keychain::for_data_dir(&dir.path().join("data")).unwrap();
        let b = Keychain::for_data_dir(&dir.path().join("x/../data")).unwrap();
        let c = Keychain::for_data_dir(&dir.path().join("other")).unwrap();
        assert_eq!(a, b);
        #[cfg(unix)]
        {
            std::fs::create_dir(dir.path().join("data")).unwrap();
            std::os::unix::fs::symlink(dir.path().join("data"), dir.path().join("link")).unwrap();
            assert_eq!(a, Keychain::for_data_dir(&dir.path().join("link")).unwrap());
        }
        assert_ne!(a.account(), c.account());
        assert_eq!(a.service(), "nl.houvast.app");
        assert!(a.account().starts_with("database-key:"));
        assert_eq!(a.account().len(), "database-key:".len() + 16);
    }
}
