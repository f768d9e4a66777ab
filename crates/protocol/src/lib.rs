//! The sync protocol of Houvast, version 2.
//!
//! Three parties: the parent's app (a *client*), the server, and the prevention worker's browser
//! dashboard. The server only carries ciphertext it can neither read nor forge: a check-in is
//! boxed on the parent's device from the parent's device key to the worker's key and to the
//! organisation's recovery key, a reply is boxed in the worker's browser from the worker's key
//! to the parent's. Both sides pin the three keys and derive a safety number from them to
//! compare at the first contact. Everything here is chosen so that libsodium in a browser
//! computes the same bytes; the test vectors in `tests/vectors/v2.json` are checked by Rust and
//! by `tests/protocol-js`. `README.md` explains the choices and the threat model.

mod bytes;
mod contact_point;
mod content;
mod envelope;
mod error;
mod invitation;
mod keys;
mod pairing_code;
mod passphrase;
mod safety_number;
pub mod wire;

pub use bytes::{
    b64_decode, b64_encode, Bytes32, LoginKey, PublicKeyBytes, Salt, Sealed, WrappedSecretKey,
};
pub use contact_point::ContactPoint;
pub use content::{
    CheckIn, PreferredContact, Progress, Reply, Score, SelfRatings, SharedItem, WayOfContact,
    CHECKIN_FORMAT, MAX_ANSWER_CHARS, MAX_CONTACT_TIMES_CHARS, MAX_QUESTION_CHARS,
    MAX_REFLECTION_EVENINGS, MAX_REPLY_MESSAGE_CHARS, MAX_SHARED_ITEMS, MAX_TALK_ABOUT_CHARS,
    MODULES, REPLY_FORMAT,
};
pub use envelope::{
    open_box, open_checkin, open_label, open_own_reply, open_reply, pad, seal_box,
    seal_box_with_nonce, seal_checkin, seal_label, seal_reply, unpad, CheckInLetter, CheckInPlace,
    OpenedReply, ReplyHeader, ReplyLedger, ReplyLetter, SealedCheckIn, SealedReply, BOX_OVERHEAD,
    LETTER_PROTOCOL, MAX_LABEL_CHARS, MAX_LABEL_SEALED, PAD_BLOCK,
};
pub use error::ProtocolError;
pub use invitation::{check_server, Invitation, MAX_INVITATION_CHARS};
pub use keys::{KeyPair, KeySet, PinnedKeys, Verification};
pub use pairing_code::PairingCode;
pub use passphrase::{
    check_kdf_params, derive_worker_keys, unwrap_worker_secret, wrap_worker_secret,
    wrap_worker_secret_with_nonce, WorkerKeys, WorkerSecret, WrappingKey, KDF_ALGORITHM,
    KDF_MAX_MEMLIMIT_BYTES, KDF_MAX_OPSLIMIT, KDF_MEMLIMIT_BYTES, KDF_MIN_MEMLIMIT_BYTES,
    KDF_MIN_OPSLIMIT, KDF_OPSLIMIT,
};
pub use safety_number::{SafetyNumber, QR_PREFIX, SAFETY_NUMBER_GROUPS};

/// The protocol version this crate speaks. A client sends it when pairing; the server refuses a
/// version it does not know rather than guessing.
pub const PROTOCOL_VERSION: u32 = 2;
