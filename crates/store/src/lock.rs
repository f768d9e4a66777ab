//! The app lock: with a PIN or passphrase set, the keychain holds the database key wrapped
//! with a key derived from it (Argon2id, [`crate::seal`]), so a copy of the keychain entry and
//! the database file is not enough to read anything: the PIN is needed too.
//!
//! ```text
//! "HVLOCK" ‖ version (1) ‖ kind (1 PIN, 2 passphrase) ‖ Argon2id memory KiB, passes, lanes
//! (u32 BE each) ‖ salt (16) ‖ check value (32) ‖ nonce (24) ‖ sealed key (32 + 16 tag)
//! ```
//! Everything before the sealed key is its associated data.

use crate::seal::{self, Derived, KdfParams, CHECK_LEN, NONCE_LEN, SALT_LEN, TAG_LEN};
use crate::{DatabaseKey, Result, StoreError};
pub use houvast_core::LockKind;
use std::fmt;

const MAGIC: &[u8; 6] = b"HVLOCK";
const VERSION: u8 = 1;
const HEAD_LEN: usize = 6 + 1 + 1 + 12 + SALT_LEN + CHECK_LEN + NONCE_LEN;
const LEN: usize = HEAD_LEN + DatabaseKey::LEN + TAG_LEN;

/// The database key wrapped by the app lock.
#[derive(Clone, PartialEq, Eq)]
pub struct LockedKey {
    kind: LockKind,
    params: KdfParams,
    salt: [u8; SALT_LEN],
    check: [u8; CHECK_LEN],
    nonce: [u8; NONCE_LEN],
    sealed: Vec<u8>,
}

impl fmt::Debug for LockedKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LockedKey")
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

impl LockedKey {
    /// Wraps `key` with `secret` (the PIN or passphrase, already checked by the rules of
    /// `houvast_core::lock`).
    pub fn wrap(key: &DatabaseKey, kind: LockKind, secret: &str) -> Result<Self> {
        Self::wrap_with(key, kind, secret, KdfParams::DEFAULT)
    }

    pub(crate) fn wrap_with(
        key: &DatabaseKey,
        kind: LockKind,
        secret: &str,
        params: KdfParams,
    ) -> Result<Self> {
        let salt = seal::random()?;
        let nonce = seal::random()?;
        let derived = Derived::new(secret.as_bytes(), &salt, params)?;
        let mut locked = LockedKey {
            kind,
            params,
            salt,
            check: derived.check_value(),
            nonce,
            sealed: Vec::new(),
        };
        let head = locked.head();
        locked.sealed = derived.seal(&nonce, key.bytes(), &head)?;
        Ok(locked)
    }

    pub fn kind(&self) -> LockKind {
        self.kind
    }

    /// The database key, or [`StoreError::WrongLockSecret`].
    pub fn unwrap_key(&self, secret: &str) -> Result<DatabaseKey> {
        let derived = Derived::new(secret.as_bytes(), &self.salt, self.params)?;
        if !derived.matches(&self.check) {
            return Err(StoreError::WrongLockSecret);
        }
        let key = derived
            .open(&self.nonce, &self.sealed, &self.head())
            .and_then(|bytes| DatabaseKey::from_secret(&bytes))
            .ok_or_else(|| StoreError::KeychainUnavailable {
                cause: "the locked key in the keychain is damaged".into(),
            })?;
        Ok(key)
    }

    fn head(&self) -> Vec<u8> {
        let mut head = Vec::with_capacity(HEAD_LEN);
        head.extend_from_slice(MAGIC);
        head.push(VERSION);
        head.push(match self.kind {
            LockKind::Pin => 1,
            LockKind::Passphrase => 2,
        });
        for n in [
            self.params.memory_kib,
            self.params.iterations,
            self.params.lanes,
        ] {
            head.extend_from_slice(&n.to_be_bytes());
        }
        head.extend_from_slice(&self.salt);
        head.extend_from_slice(&self.check);
        head.extend_from_slice(&self.nonce);
        head
    }

    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = self.head();
        bytes.extend_from_slice(&self.sealed);
        bytes
    }

    /// `None` when `bytes` is not a locked key this version knows.
    pub(crate) fn parse(bytes: &[u8]) -> Option<Self> {
        if bytes.len() != LEN || &bytes[..6] != MAGIC || bytes[6] != VERSION {
            return None;
        }
        let kind = match bytes[7] {
            1 => LockKind::Pin,
            2 => LockKind::Passphrase,
            _ => return None,
        };
        let u32_at = |at: usize| {
            let mut b = [0u8; 4];
            b.copy_from_slice(&bytes[at..at + 4]);
            u32::from_be_bytes(b)
        };
        let params = KdfParams {
            memory_kib: u32_at(8),
            iterations: u32_at(12),
            lanes: u32_at(16),
        }
        .check()
        .ok()?;
        let mut at = 20;
        let mut take = |n: usize| {
            let part = &bytes[at..at + n];
            at += n;
            part
        };
        let salt = take(SALT_LEN).try_into().ok()?;
        let check = take(CHECK_LEN).try_into().ok()?;
        let nonce = take(NONCE_LEN).try_into().ok()?;
        let sealed = take(DatabaseKey::LEN + TAG_LEN).to_vec();
        Some(LockedKey {
            kind,
            params,
            salt,
            check,
            nonce,
            sealed,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_locked_key_opens_with_its_pin_only_and_survives_the_round_trip() {
        let key = DatabaseKey::from_bytes([42; 32]);
        let locked = LockedKey::wrap_with(&key, LockKind::Pin, "493817", KdfParams::TEST).unwrap();
        let bytes = locked.to_bytes();
        assert_eq!(bytes.len(), LEN);
        assert!(!bytes.windows(32).any(|w| w == [42; 32]));
        let parsed = LockedKey::parse(&bytes).unwrap();
        assert_eq!(parsed, locked);
        assert_eq!(parsed.kind(), LockKind::Pin);
        assert_eq!(parsed.unwrap_key("493817").unwrap(), key);
        assert!(matches!(
            parsed.unwrap_key("493818"),
            Err(StoreError::WrongLockSecret)
        ));
        let mut damaged = bytes.clone();
        *damaged.last_mut().unwrap() ^= 1;
        assert!(matches!(
            LockedKey::parse(&damaged).unwrap().unwrap_key("493817"),
            Err(StoreError::KeychainUnavailable { .. })
        ));
        assert!(LockedKey::parse(&bytes[..LEN - 1]).is_none());
        assert!(LockedKey::parse(&[0u8; 32]).is_none());
    }
}
