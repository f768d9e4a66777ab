//! A worker's passphrase, in the browser.
//!
//! `okm = Argon2id(passphrase, salt, t = KDF_OPSLIMIT, m = KDF_MEMLIMIT_BYTES / 1024 KiB, p = 1,
//! v = 0x13, 64 bytes)`, which is exactly libsodium's
//! `crypto_pwhash(64, passphrase, salt, KDF_OPSLIMIT, KDF_MEMLIMIT_BYTES, ALG_ARGON2ID13)`.
//! The first 32 bytes are the *login key* (sent to the server, which stores only an Argon2id
//! hash of it); the last 32 bytes are the *wrapping key* (never leaves the browser). Neither
//! half says anything about the other, so the server learns nothing that opens the wrapped key.
//!
//! The worker's X25519 secret key is wrapped with XChaCha20-Poly1305-IETF
//! (`crypto_aead_xchacha20poly1305_ietf_encrypt`) together with the organisation's recovery key
//! as it was at activation: `wrapped = nonce(24) ‖ ciphertext(64) ‖ tag(16)` of
//! `secret_key(32) ‖ recovery_public_key(32)`, with `"houvast/v2/worker-secret-key" ‖ public_key`
//! as associated data. The recovery key is thereby pinned by the worker's passphrase: a server
//! that later presents another recovery key is caught when the dashboard unwraps.
//!
//! The Argon2id parameters come from the server, so they are checked here: less than t=3 and
//! 64 MiB would make the login key cheap to guess from what the server stores, and is refused.

use crate::{KeyPair, LoginKey, ProtocolError, PublicKeyBytes, Salt, WrappedSecretKey};
use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand_core::{OsRng, RngCore};

/// libsodium `crypto_pwhash_OPSLIMIT_MODERATE` is 3; with 64 MiB this takes about half a
/// second in a browser's WebAssembly on an ordinary laptop.
pub const KDF_OPSLIMIT: u32 = 3;
/// 64 MiB (`crypto_pwhash_MEMLIMIT_INTERACTIVE`).
pub const KDF_MEMLIMIT_BYTES: u32 = 64 * 1024 * 1024;
/// The floors a client enforces on parameters the server hands out.
pub const KDF_MIN_OPSLIMIT: u32 = 3;
pub const KDF_MIN_MEMLIMIT_BYTES: u32 = 64 * 1024 * 1024;
/// The ceilings: a server must not be able to make a browser spend minutes or gigabytes.
pub const KDF_MAX_OPSLIMIT: u32 = 16;
pub const KDF_MAX_MEMLIMIT_BYTES: u32 = 1024 * 1024 * 1024;
/// The only algorithm name protocol version 2 knows (`crypto_pwhash_ALG_ARGON2ID13`).
pub const KDF_ALGORITHM: &str = "argon2id13";

const WRAP_AD: &[u8] = b"houvast/v2/worker-secret-key";

/// Refuses Argon2id parameters below the floors or above the ceilings.
pub fn check_kdf_params(opslimit: u32, memlimit_bytes: u32) -> Result<(), ProtocolError> {
    if opslimit < KDF_MIN_OPSLIMIT || memlimit_bytes < KDF_MIN_MEMLIMIT_BYTES {
        return Err(ProtocolError::KdfTooWeak {
            opslimit,
            memlimit_bytes,
        });
    }
    if opslimit > KDF_MAX_OPSLIMIT || memlimit_bytes > KDF_MAX_MEMLIMIT_BYTES {
        return Err(ProtocolError::KdfTooCostly {
            opslimit,
            memlimit_bytes,
        });
    }
    Ok(())
}

/// The key-wrapping key; never sent anywhere.
#[derive(Clone)]
pub struct WrappingKey(pub [u8; 32]);

impl Drop for WrappingKey {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.0);
    }
}

pub struct WorkerKeys {
    pub login_key: LoginKey,
    pub wrapping_key: WrappingKey,
}

/// `crypto_pwhash(64, passphrase, salt, opslimit, memlimit_bytes, ALG_ARGON2ID13)`, split in
/// the login key and the wrapping key. Parameters below the floors are refused first.
pub fn derive_worker_keys(
    passphrase: &str,
    salt: &Salt,
    opslimit: u32,
    memlimit_bytes: u32,
) -> Result<WorkerKeys, ProtocolError> {
    check_kdf_params(opslimit, memlimit_bytes)?;
    let params = Params::new(memlimit_bytes / 1024, opslimit, 1, Some(64))
        .map_err(|e| ProtocolError::Kdf(e.to_string()))?;
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
    let mut okm = zeroize::Zeroizing::new([0u8; 64]);
    argon
        .hash_password_into(passphrase.as_bytes(), &salt.0, okm.as_mut())
        .map_err(|e| ProtocolError::Kdf(e.to_string()))?;
    // Copied straight into the types that zero themselves, so no stray copy stays behind.
    let mut keys = WorkerKeys {
        login_key: LoginKey([0u8; 32]),
        wrapping_key: WrappingKey([0u8; 32]),
    };
    keys.login_key.0.copy_from_slice(&okm[..32]);
    keys.wrapping_key.0.copy_from_slice(&okm[32..]);
    Ok(keys)
}

/// The worker's key pair and the recovery key pinned when the account was activated.
pub struct WorkerSecret {
    pub keys: KeyPair,
    pub pinned_recovery: PublicKeyBytes,
}

impl WorkerSecret {
    /// Compares the recovery key the server presents now with the one pinned at activation.
    pub fn verify_recovery(&self, presented: &PublicKeyBytes) -> Result<(), ProtocolError> {
        if self.pinned_recovery.ct_equals(presented) {
            Ok(())
        } else {
            Err(ProtocolError::KeyChanged {
                parent: false,
                worker: false,
                recovery: true,
            })
        }
    }
}

/// Wraps the worker's secret key and pins `recovery` with it (at activation).
pub fn wrap_worker_secret(
    key: &WrappingKey,
    worker: &KeyPair,
    recovery: &PublicKeyBytes,
) -> Result<WrappedSecretKey, ProtocolError> {
    let mut nonce = [0u8; 24];
    OsRng.fill_bytes(&mut nonce);
    wrap_worker_secret_with_nonce(key, worker, recovery, nonce)
}

/// Deterministic wrapping, for test vectors only: a nonce must never be reused with a key.
pub fn wrap_worker_secret_with_nonce(
    key: &WrappingKey,
    worker: &KeyPair,
    recovery: &PublicKeyBytes,
    nonce: [u8; 24],
) -> Result<WrappedSecretKey, ProtocolError> {
    recovery.check_usable()?;
    let cipher = XChaCha20Poly1305::new((&key.0).into());
    let ad = associated_data(&worker.public_bytes());
    let mut plain = zeroize::Zeroizing::new([0u8; 64]);
    plain[..32].copy_from_slice(&worker.secret.to_bytes());
    plain[32..].copy_from_slice(&recovery.0);
    let ct = cipher
        .encrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: plain.as_ref(),
                aad: &ad,
            },
        )
        .map_err(|_| ProtocolError::Unwrap)?;
    let mut out = [0u8; WrappedSecretKey::LEN];
    out[..24].copy_from_slice(&nonce);
    out[24..].copy_from_slice(&ct);
    Ok(WrappedSecretKey(out))
}

/// Unwraps with the key derived from the passphrase; `public` is the worker's public key as the
/// server stores it, which must be the one the secret key belongs to.
pub fn unwrap_worker_secret(
    key: &WrappingKey,
    wrapped: &WrappedSecretKey,
    public: &PublicKeyBytes,
) -> Result<WorkerSecret, ProtocolError> {
    let cipher = XChaCha20Poly1305::new((&key.0).into());
    let ad = associated_data(public);
    let plain = zeroize::Zeroizing::new(
        cipher
            .decrypt(
                XNonce::from_slice(&wrapped.0[..24]),
                Payload {
                    msg: &wrapped.0[24..],
                    aad: &ad,
                },
            )
            .map_err(|_| ProtocolError::Unwrap)?,
    );
    if plain.len() != 64 {
        return Err(ProtocolError::Unwrap);
    }
    let mut secret = zeroize::Zeroizing::new([0u8; 32]);
    secret.copy_from_slice(&plain[..32]);
    let keys = KeyPair::from_secret_bytes(*secret);
    if !keys.public_bytes().ct_equals(public) {
        return Err(ProtocolError::Unwrap);
    }
    let mut recovery = [0u8; 32];
    recovery.copy_from_slice(&plain[32..]);
    Ok(WorkerSecret {
        keys,
        pinned_recovery: PublicKeyBytes(recovery),
    })
}

fn associated_data(public: &PublicKeyBytes) -> Vec<u8> {
    let mut ad = WRAP_AD.to_vec();
    ad.extend_from_slice(&public.0);
    ad
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_below_the_floor_are_refused_before_any_work() {
        let salt = Salt([1; 16]);
        assert_eq!(
            derive_worker_keys("pw", &salt, 1, 8 * 1024).err(),
            Some(ProtocolError::KdfTooWeak {
                opslimit: 1,
                memlimit_bytes: 8 * 1024
            })
        );
        assert!(matches!(
            derive_worker_keys("pw", &salt, 3, KDF_MIN_MEMLIMIT_BYTES - 1024),
            Err(ProtocolError::KdfTooWeak { .. })
        ));
        assert!(matches!(
            derive_worker_keys("pw", &salt, 2, KDF_MIN_MEMLIMIT_BYTES),
            Err(ProtocolError::KdfTooWeak { .. })
        ));
        assert!(matches!(
            check_kdf_params(3, u32::MAX),
            Err(ProtocolError::KdfTooCostly { .. })
        ));
        assert_eq!(check_kdf_params(KDF_OPSLIMIT, KDF_MEMLIMIT_BYTES), Ok(()));
    }

    #[test]
    fn the_recovery_key_is_pinned_by_the_wrapped_key() {
        let wk = WrappingKey([9; 32]);
        let worker = KeyPair::generate();
        let recovery = KeyPair::generate().public_bytes();
        let wrapped = wrap_worker_secret(&wk, &worker, &recovery).unwrap();
        let opened = unwrap_worker_secret(&wk, &wrapped, &worker.public_bytes()).unwrap();
        assert_eq!(opened.keys.public_bytes(), worker.public_bytes());
        assert_eq!(opened.verify_recovery(&recovery), Ok(()));
        let swapped = KeyPair::generate().public_bytes();
        assert_eq!(
            opened.verify_recovery(&swapped),
            Err(ProtocolError::KeyChanged {
                parent: false,
                worker: false,
                recovery: true
            })
        );
        // A server that swaps the worker's public key cannot get the wrapped key opened.
        assert_eq!(
            unwrap_worker_secret(&wk, &wrapped, &swapped).err(),
            Some(ProtocolError::Unwrap)
        );
    }
}
