//! The envelope: padding plus a libsodium sealed box.
//!
//! `seal(pk, m) = crypto_box_seal(sodium_pad(m, 256), pk)`. Padding hides the exact length of
//! what a parent wrote; the sealed box (an ephemeral X25519 key, XSalsa20-Poly1305, nonce =
//! BLAKE2b(epk ‖ pk)) is what libsodium's `crypto_box_seal_open` opens in the browser.

use crate::{
    content::{checkin_from_json, reply_from_json},
    CheckInContent, ProtocolError, PublicKeyBytes, ReplyContent, Sealed,
};
use crypto_box::{PublicKey, SecretKey};
use rand_core::OsRng;
use uuid::Uuid;
use zeroize::Zeroizing;

/// Plaintext is padded to a multiple of this many bytes before sealing.
pub const PAD_BLOCK: usize = 256;
/// `crypto_box_SEALBYTES`: ephemeral public key (32) plus Poly1305 tag (16).
pub const SEAL_OVERHEAD: usize = 48;

/// An X25519 key pair: a worker's, a client's or an organisation's recovery key.
pub struct KeyPair {
    pub secret: SecretKey,
    pub public: PublicKey,
}

impl KeyPair {
    pub fn generate() -> Self {
        let secret = SecretKey::generate(&mut OsRng);
        let public = secret.public_key();
        Self { secret, public }
    }

    pub fn from_secret_bytes(bytes: [u8; 32]) -> Self {
        let secret = SecretKey::from(bytes);
        let public = secret.public_key();
        Self { secret, public }
    }

    pub fn public_bytes(&self) -> PublicKeyBytes {
        PublicKeyBytes::from(&self.public)
    }
}

/// `sodium_pad`: ISO/IEC 7816-4 padding (0x80 then zeros) to a multiple of `block`; always adds
/// at least one byte.
pub fn pad(message: &[u8], block: usize) -> Vec<u8> {
    let padded_len = message.len() + (block - message.len() % block);
    let mut out = Vec::with_capacity(padded_len);
    out.extend_from_slice(message);
    out.push(0x80);
    out.resize(padded_len, 0);
    out
}

/// `sodium_unpad`.
pub fn unpad(padded: &[u8], block: usize) -> Result<&[u8], ProtocolError> {
    if padded.is_empty() || !padded.len().is_multiple_of(block) {
        return Err(ProtocolError::Padding);
    }
    let tail_start = padded.len() - block;
    let end = padded
        .iter()
        .rposition(|&b| b != 0)
        .filter(|&i| i >= tail_start && padded[i] == 0x80)
        .ok_or(ProtocolError::Padding)?;
    Ok(&padded[..end])
}

/// Pads and seals `message` to `recipient`.
pub fn seal(recipient: &PublicKeyBytes, message: &[u8]) -> Result<Sealed, ProtocolError> {
    let padded = Zeroizing::new(pad(message, PAD_BLOCK));
    if padded.len() > Sealed::MAX_PLAINTEXT {
        return Err(ProtocolError::SealedSize(padded.len() + SEAL_OVERHEAD));
    }
    let sealed = recipient
        .to_key()
        .seal(&mut OsRng, &padded)
        .map_err(|_| ProtocolError::Open)?;
    Sealed::from_bytes(sealed)
}

/// Opens and unpads a sealed box.
pub fn open(secret: &SecretKey, sealed: &Sealed) -> Result<Zeroizing<Vec<u8>>, ProtocolError> {
    let padded = Zeroizing::new(
        secret
            .unseal(sealed.as_bytes())
            .map_err(|_| ProtocolError::Open)?,
    );
    Ok(Zeroizing::new(unpad(&padded, PAD_BLOCK)?.to_vec()))
}

/// Seals a check-in twice: once to the worker, once to the organisation's recovery key.
pub fn seal_checkin(
    content: &CheckInContent,
    worker: &PublicKeyBytes,
    recovery: &PublicKeyBytes,
) -> Result<(Sealed, Sealed), ProtocolError> {
    let json = Zeroizing::new(
        serde_json::to_vec(content).map_err(|e| ProtocolError::Content(e.to_string()))?,
    );
    Ok((seal(worker, &json)?, seal(recovery, &json)?))
}

/// Opens a check-in and checks it is the one the server says it is: the id and contact point
/// inside the ciphertext must match the metadata it was delivered with, so a server cannot
/// swap check-ins between contact points or clients' ids unnoticed.
pub fn open_checkin(
    secret: &SecretKey,
    sealed: &Sealed,
    checkin_id: Uuid,
    contact_point: u8,
) -> Result<CheckInContent, ProtocolError> {
    let content = checkin_from_json(&open(secret, sealed)?)?;
    if content.checkin_id != checkin_id || content.contact_point != contact_point {
        return Err(ProtocolError::Binding);
    }
    Ok(content)
}

/// Seals a worker's reply to the client (and the same bytes to the worker's own key, so the
/// dashboard can show what was sent).
pub fn seal_reply(
    content: &ReplyContent,
    client: &PublicKeyBytes,
    worker: &PublicKeyBytes,
) -> Result<(Sealed, Sealed), ProtocolError> {
    let json = Zeroizing::new(
        serde_json::to_vec(content).map_err(|e| ProtocolError::Content(e.to_string()))?,
    );
    Ok((seal(client, &json)?, seal(worker, &json)?))
}

pub fn open_reply(
    secret: &SecretKey,
    sealed: &Sealed,
    contact_point: u8,
) -> Result<ReplyContent, ProtocolError> {
    let content = reply_from_json(&open(secret, sealed)?)?;
    if content.contact_point != contact_point {
        return Err(ProtocolError::Binding);
    }
    Ok(content)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn pad_matches_libsodium_layout() {
        assert_eq!(pad(b"", 4), vec![0x80, 0, 0, 0]);
        assert_eq!(pad(b"abc", 4), vec![b'a', b'b', b'c', 0x80]);
        assert_eq!(pad(b"abcd", 4), vec![b'a', b'b', b'c', b'd', 0x80, 0, 0, 0]);
        assert_eq!(unpad(&[0x80, 0, 0, 0], 4).unwrap(), b"");
        assert_eq!(unpad(&[1, 2, 0, 0], 4), Err(ProtocolError::Padding));
        assert_eq!(unpad(&[0, 0, 0, 0], 4), Err(ProtocolError::Padding));
    }

    proptest! {
        #[test]
        fn pad_round_trips(message in proptest::collection::vec(any::<u8>(), 0..1000)) {
            let padded = pad(&message, PAD_BLOCK);
            prop_assert_eq!(padded.len() % PAD_BLOCK, 0);
            prop_assert_eq!(unpad(&padded, PAD_BLOCK).unwrap(), &message[..]);
        }
    }

    #[test]
    fn sealed_box_round_trips_and_refuses_another_key() {
        let alice = KeyPair::generate();
        let mallory = KeyPair::generate();
        let sealed = seal(&alice.public_bytes(), b"hello").unwrap();
        assert_eq!(sealed.as_bytes().len(), PAD_BLOCK + SEAL_OVERHEAD);
        assert_eq!(&open(&alice.secret, &sealed).unwrap()[..], b"hello");
        assert_eq!(open(&mallory.secret, &sealed), Err(ProtocolError::Open));
    }

    #[test]
    fn a_checkin_cannot_be_moved_to_another_contact_point() {
        let worker = KeyPair::generate();
        let recovery = KeyPair::generate();
        let content = CheckInContent::example(2);
        let (for_worker, for_recovery) =
            seal_checkin(&content, &worker.public_bytes(), &recovery.public_bytes()).unwrap();
        assert_eq!(
            open_checkin(&worker.secret, &for_worker, content.checkin_id, 2).unwrap(),
            content
        );
        assert_eq!(
            open_checkin(&recovery.secret, &for_recovery, content.checkin_id, 2).unwrap(),
            content
        );
        assert_eq!(
            open_checkin(&worker.secret, &for_worker, content.checkin_id, 3),
            Err(ProtocolError::Binding)
        );
    }
}
