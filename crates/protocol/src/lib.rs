//! The sync protocol of Houvast, version 1.
//!
//! Three parties: the parent's app (a *client*), the server, and the prevention worker's browser
//! dashboard. The server only carries ciphertext: a check-in is sealed on the parent's device to
//! the worker's X25519 public key and to the organisation's recovery key as libsodium-compatible
//! sealed boxes (`crypto_box_seal`), a reply is sealed by the worker to the client's key.
//! Everything here is chosen so that libsodium in a browser computes the same bytes; the test
//! vectors in `tests/vectors/v1.json` are checked by Rust and by `tests/protocol-js`.

mod bytes;
mod content;
mod envelope;
mod error;
mod fingerprint;
mod pairing_code;
mod passphrase;
pub mod wire;

pub use bytes::{
    b64_decode, b64_encode, Bytes32, LoginKey, PublicKeyBytes, Salt, Sealed, WrappedSecretKey,
};
pub use content::{CheckInContent, CheckInItem, ReplyContent, WayOfContact};
pub use envelope::{
    open, open_checkin, open_reply, pad, seal, seal_checkin, seal_reply, unpad, KeyPair, PAD_BLOCK,
    SEAL_OVERHEAD,
};
pub use error::ProtocolError;
pub use fingerprint::fingerprint;
pub use pairing_code::PairingCode;
pub use passphrase::{
    derive_worker_keys, unwrap_secret_key, wrap_secret_key, wrap_secret_key_with_nonce, WorkerKeys,
    WrappingKey, KDF_MEMLIMIT_BYTES, KDF_OPSLIMIT,
};

/// The protocol version this crate speaks. A client sends it when pairing; the server refuses a
/// version it does not know rather than guessing.
pub const PROTOCOL_VERSION: u32 = 1;

/// The three contact moments with the prevention worker.
pub const CONTACT_POINTS: [u8; 3] = [1, 2, 3];
