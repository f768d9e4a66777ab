/// Everything that can go wrong in the protocol crate. None of the variants carries key material
/// or plaintext. A box that fails any check is refused with one of these and is never shown.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum ProtocolError {
    #[error("not valid base64 (URL-safe alphabet, no padding)")]
    Base64,
    #[error("expected {expected} bytes, got {actual}")]
    Length { expected: usize, actual: usize },
    #[error("box has an invalid size ({0} bytes): it must hold a plaintext padded to a multiple of 256 bytes, at most 64 KiB, plus 40 bytes")]
    SealedSize(usize),
    #[error("this public key is unusable (a low-order point): it would give a shared key anybody can compute")]
    WeakKey,
    #[error("the box could not be opened: it was not made by the expected sender for this key, or it was changed on the way")]
    Open,
    #[error("the padding inside the box is invalid")]
    Padding,
    #[error("the content of the box is not valid JSON of the expected shape: {0}")]
    Content(String),
    #[error("protocol version {0} inside the box is not supported (this app speaks version 2)")]
    UnsupportedVersion(u64),
    #[error("content format {found} of a {what} is not supported (expected {expected})")]
    UnsupportedFormat {
        what: &'static str,
        found: u32,
        expected: u32,
    },
    #[error("the box holds a {found}, not a {expected}")]
    WrongKind {
        expected: &'static str,
        found: String,
    },
    #[error("the box names another sender than the key it was opened with")]
    WrongSender,
    #[error("the box was addressed to another recipient")]
    WrongRecipient,
    #[error("the box belongs to another parent (client id does not match)")]
    WrongClient,
    #[error("the box belongs to another check-in")]
    WrongCheckIn,
    #[error("the box belongs to contact point {found}, not {expected}")]
    WrongContactPoint { expected: u8, found: u8 },
    #[error("this reply was received before: a replay is not shown again")]
    ReplayedReply,
    #[error("{field}: {rule}")]
    InvalidField {
        field: &'static str,
        rule: &'static str,
    },
    #[error("the content is {size} bytes, more than the {max} bytes a box can carry")]
    TooLarge { size: usize, max: usize },
    #[error("a key changed since pairing ({}): do not send anything until parent and worker have compared the new safety number", changed_roles(*.parent, *.worker, *.recovery))]
    KeyChanged {
        parent: bool,
        worker: bool,
        recovery: bool,
    },
    #[error("the safety numbers differ: the keys on the two sides are not the same")]
    SafetyNumberMismatch,
    #[error("this key pair is not one of the keys this message is sealed between")]
    NotOurKey,
    #[error("the wrapped key could not be opened (wrong passphrase or tampered)")]
    Unwrap,
    #[error("the server asks for Argon2id with t={opslimit} and {memlimit_bytes} bytes: less than the minimum of t=3 and 64 MiB, which would make the passphrase cheap to guess")]
    KdfTooWeak { opslimit: u32, memlimit_bytes: u32 },
    #[error("the server asks for Argon2id with t={opslimit} and {memlimit_bytes} bytes: more than this browser will spend (t at most 16, at most 1 GiB)")]
    KdfTooCostly { opslimit: u32, memlimit_bytes: u32 },
    #[error("key derivation algorithm {0:?} is not supported (expected argon2id13)")]
    KdfAlgorithm(String),
    #[error("key derivation failed: {0}")]
    Kdf(String),
    #[error("a pairing code has 12 characters from 0-9 and A-Z (without I, L, O, U)")]
    PairingCodeFormat,
    #[error("this pairing code has a typo: please check it")]
    PairingCodeCheck,
    #[error("contact point must be 1, 2 or 3")]
    ContactPoint,
    #[error("the invitation is empty: type or paste the line your worker gave you")]
    InvitationEmpty,
    #[error("this is not an invitation: it is the server's address, a slash and the pairing code, like houvast.ggz.example/XXXX-XXXX-XXXX")]
    InvitationFormat,
    #[error("this invitation uses plain http, which is only allowed on this computer itself; ask your worker for an https address")]
    PlainHttp,
}

fn changed_roles(parent: bool, worker: bool, recovery: bool) -> String {
    let names: Vec<&str> = [
        (parent, "the parent's device key"),
        (worker, "the worker's key"),
        (recovery, "the organisation's recovery key"),
    ]
    .iter()
    .filter(|(changed, _)| *changed)
    .map(|(_, name)| *name)
    .collect();
    names.join(", ")
}

impl ProtocolError {
    /// A stable code for the IPC edge and the dashboard (`{ "code": ..., "message": ... }`).
    pub fn code(&self) -> &'static str {
        match self {
            Self::Base64 => "base64",
            Self::Length { .. } => "length",
            Self::SealedSize(_) => "sealed_size",
            Self::WeakKey => "weak_key",
            Self::Open => "box_not_opened",
            Self::Padding => "padding",
            Self::Content(_) => "content",
            Self::UnsupportedVersion(_) => "unsupported_version",
            Self::UnsupportedFormat { .. } => "unsupported_format",
            Self::WrongKind { .. } => "wrong_kind",
            Self::WrongSender => "wrong_sender",
            Self::WrongRecipient => "wrong_recipient",
            Self::WrongClient => "wrong_client",
            Self::WrongCheckIn => "wrong_checkin",
            Self::WrongContactPoint { .. } => "wrong_contact_point",
            Self::ReplayedReply => "replayed_reply",
            Self::InvalidField { .. } => "invalid_field",
            Self::TooLarge { .. } => "too_large",
            Self::KeyChanged { .. } => "key_changed",
            Self::SafetyNumberMismatch => "safety_number_mismatch",
            Self::NotOurKey => "not_our_key",
            Self::Unwrap => "unwrap",
            Self::KdfTooWeak { .. } => "kdf_too_weak",
            Self::KdfTooCostly { .. } => "kdf_too_costly",
            Self::KdfAlgorithm(_) => "kdf_algorithm",
            Self::Kdf(_) => "kdf",
            Self::PairingCodeFormat => "pairing_code_format",
            Self::PairingCodeCheck => "pairing_code_check",
            Self::ContactPoint => "contact_point",
            Self::InvitationEmpty => "invitation_empty",
            Self::InvitationFormat => "invitation_format",
            Self::PlainHttp => "plain_http",
        }
    }
}
