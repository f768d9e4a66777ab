//! Secrets sealed with something the parent knows: the backup passphrase and the app-lock PIN.
//!
//! Argon2id (RFC 9106; memory-hard, so a guess costs memory as well as time) turns the
//! passphrase and a random salt into 64 bytes: the first 32 are an XChaCha20-Poly1305 key, the
//! last 32 a *check value* that is stored beside the sealed data. Neither half says anything
//! about the other, and the check value tells "wrong passphrase" apart from "damaged file"
//! before the AEAD is tried, which a lone AEAD tag cannot.
//!
//! Both primitives are the RustCrypto crates the sync protocol already uses (`argon2`,
//! `chacha20poly1305`, tested there against libsodium's vectors), so this adds no crate and no
//! cryptography of our own; see the README for why not `age`.

use crate::StoreError;
use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

pub(crate) const SALT_LEN: usize = 16;
pub(crate) const NONCE_LEN: usize = 24;
pub(crate) const CHECK_LEN: usize = 32;
pub(crate) const TAG_LEN: usize = 16;

/// Argon2id cost. The defaults take about half a second on an ordinary laptop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct KdfParams {
    pub memory_kib: u32,
    pub iterations: u32,
    pub lanes: u32,
}

impl KdfParams {
    /// 64 MiB, 3 passes, 1 lane: libsodium's "moderate" pass count with its interactive memory,
    /// the same as the worker's passphrase in the protocol.
    pub const DEFAULT: KdfParams = KdfParams {
        memory_kib: 64 * 1024,
        iterations: 3,
        lanes: 1,
    };

    /// Cheap parameters for tests only: the format and the checks are the same.
    #[cfg(test)]
    pub const TEST: KdfParams = KdfParams {
        memory_kib: 1024,
        iterations: 1,
        lanes: 1,
    };

    /// Parameters read from a file are bounded, so a crafted file cannot make the app spend
    /// minutes or gigabytes before it can say "wrong passphrase".
    pub fn check(self) -> Result<Self, &'static str> {
        if self.memory_kib < 8 || self.iterations < 1 || self.lanes < 1 {
            return Err("the key derivation parameters are too small to be real");
        }
        if self.memory_kib > 1024 * 1024 || self.iterations > 16 || self.lanes > 8 {
            return Err("the key derivation parameters are larger than Houvast ever writes");
        }
        Ok(self)
    }
}

/// The key and check value derived from a passphrase.
pub(crate) struct Derived(Zeroizing<[u8; 64]>);

impl Derived {
    pub fn new(
        secret: &[u8],
        salt: &[u8; SALT_LEN],
        params: KdfParams,
    ) -> Result<Self, StoreError> {
        let failed = |e: argon2::Error| StoreError::SealFailed {
            cause: format!("Argon2id: {e}"),
        };
        let params = Params::new(params.memory_kib, params.iterations, params.lanes, Some(64))
            .map_err(failed)?;
        let mut out = Zeroizing::new([0u8; 64]);
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password_into(secret, salt, out.as_mut())
            .map_err(failed)?;
        Ok(Self(out))
    }

    pub fn check_value(&self) -> [u8; CHECK_LEN] {
        let mut check = [0u8; CHECK_LEN];
        check.copy_from_slice(&self.0[32..]);
        check
    }

    /// Whether `stored` is this passphrase's check value (constant time).
    pub fn matches(&self, stored: &[u8]) -> bool {
        self.0[32..].ct_eq(stored).into()
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new((&self.0[..32]).into())
    }

    pub fn seal(
        &self,
        nonce: &[u8; NONCE_LEN],
        plaintext: &[u8],
        aad: &[u8],
    ) -> Result<Vec<u8>, StoreError> {
        self.cipher()
            .encrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: plaintext,
                    aad,
                },
            )
            .map_err(|_| StoreError::SealFailed {
                cause: "XChaCha20-Poly1305 refused to seal".into(),
            })
    }

    /// `None` when the ciphertext or the associated data was changed.
    pub fn open(
        &self,
        nonce: &[u8; NONCE_LEN],
        ciphertext: &[u8],
        aad: &[u8],
    ) -> Option<Zeroizing<Vec<u8>>> {
        self.cipher()
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: ciphertext,
                    aad,
                },
            )
            .ok()
            .map(Zeroizing::new)
    }
}

/// Random bytes from the operating system.
pub(crate) fn random<const N: usize>() -> Result<[u8; N], StoreError> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|e| StoreError::SealFailed {
        cause: format!("the system random source failed: {e}"),
    })?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_check_value_tells_a_wrong_passphrase_and_the_tag_a_changed_text() {
        let salt = [7u8; SALT_LEN];
        let nonce = [9u8; NONCE_LEN];
        let right = Derived::new(b"correct horse", &salt, KdfParams::TEST).unwrap();
        let wrong = Derived::new(b"correct horsE", &salt, KdfParams::TEST).unwrap();
        assert!(right.matches(&right.check_value()));
        assert!(!wrong.matches(&right.check_value()));

        let sealed = right.seal(&nonce, b"plain words", b"header").unwrap();
        assert_eq!(sealed.len(), b"plain words".len() + TAG_LEN);
        assert_eq!(
            right.open(&nonce, &sealed, b"header").unwrap().as_slice(),
            b"plain words"
        );
        assert!(right.open(&nonce, &sealed, b"heade!").is_none());
        let mut flipped = sealed.clone();
        flipped[3] ^= 1;
        assert!(right.open(&nonce, &flipped, b"header").is_none());
    }

    #[test]
    fn parameters_from_a_file_are_bounded() {
        assert!(KdfParams::DEFAULT.check().is_ok());
        let huge = KdfParams {
            memory_kib: 4 * 1024 * 1024,
            ..KdfParams::DEFAULT
        };
        assert!(huge.check().is_err());
        let none = KdfParams {
            iterations: 0,
            ..KdfParams::DEFAULT
        };
        assert!(none.check().is_err());
    }
}
