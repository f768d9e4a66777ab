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
//! (`crypto_aead_xchacha20poly1305_ietf_encrypt`): `wrapped = nonce(24) ‖ ciphertext(32) ‖
//! tag(16)`, with the public key as associated data so a wrapped key cannot be paired with
//! another public key.

use crate::{LoginKey, ProtocolError, PublicKeyBytes, Salt, WrappedSecretKey};
use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand_core::{OsRng, RngCore};

/// libsodium `crypto_pwhash_OPSLIMIT_MODERATE` is 3; with 64 MiB this takes about half a
/// second in a browser's WebAssembly on an ordinary laptop.
pub const KDF_OPSLIMIT: u32 = 3;
/// 64 MiB (`crypto_pwhash_MEMLIMIT_INTERACTIVE`).
pub const KDF_MEMLIMIT_BYTES: u32 = 64 * 1024 * 1024;

const WRAP_AD: &[u8] = b"houvast/v1/worker-secret-key";

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

pub fn derive_worker_keys(
    passphrase: &str,
    salt: &Salt,
    opslimit: u32,
    memlimit_bytes: u32,
) -> Result<WorkerKeys, ProtocolError> {
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

pub fn wrap_secret_key(
    key: &WrappingKey,
    secret: &crypto_box::SecretKey,
    public: &PublicKeyBytes,
) -> Result<WrappedSecretKey, ProtocolError> {
    let mut nonce = [0u8; 24];
    OsRng.fill_bytes(&mut nonce);
    wrap_secret_key_with_nonce(key, secret, public, nonce)
}

/// Deterministic wrapping, for test vectors only: a nonce must never be reused with a key.
pub fn wrap_secret_key_with_nonce(
    key: &WrappingKey,
    secret: &crypto_box::SecretKey,
    public: &PublicKeyBytes,
    nonce: [u8; 24],
) -> Result<WrappedSecretKey, ProtocolError> {
    let cipher = XChaCha20Poly1305::new((&key.0).into());
    let ad = associated_data(public);
    let secret_bytes = zeroize::Zeroizing::new(secret.to_bytes());
    let ct = cipher
        .encrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: secret_bytes.as_ref(),
                aad: &ad,
            },
        )
        .map_err(|_| ProtocolError::Unwrap)?;
    let mut out = [0u8; 72];
    out[..24].copy_from_slice(&nonce);
    out[24..].copy_from_slice(&ct);
    Ok(WrappedSecretKey(out))
}

pub fn unwrap_secret_key(
    key: &WrappingKey,
    wrapped: &WrappedSecretKey,
    public: &PublicKeyBytes,
) -> Result<crypto_box::SecretKey, ProtocolError> {
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
    let bytes: [u8; 32] = plain
        .as_slice()
        .try_into()
        .map_err(|_| ProtocolError::Unwrap)?;
    let secret = crypto_box::SecretKey::from(bytes);
    if PublicKeyBytes::from(&secret.public_key()) != *public {
        return Err(ProtocolError::Unwrap);
    }
    Ok(secret)
}

fn associated_data(public: &PublicKeyBytes) -> Vec<u8> {
    let mut ad = WRAP_AD.to_vec();
    ad.extend_from_slice(&public.0);
    ad
}
