/// Everything that can go wrong in the protocol crate. None of the variants carries key material
/// or plaintext.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ProtocolError {
    #[error("not valid base64 (URL-safe alphabet, no padding)")]
    Base64,
    #[error("expected {expected} bytes, got {actual}")]
    Length { expected: usize, actual: usize },
    #[error("sealed box has an invalid size ({0} bytes): it must be padded to a multiple of 256 bytes and be at most 64 KiB")]
    SealedSize(usize),
    #[error("the sealed box could not be opened with this key (wrong key or tampered)")]
    Open,
    #[error("the padding inside the sealed box is invalid")]
    Padding,
    #[error("the content inside the sealed box is not valid: {0}")]
    Content(String),
    #[error("the opened content belongs to another check-in or contact point")]
    Binding,
    #[error("the wrapped key could not be opened (wrong passphrase or tampered)")]
    Unwrap,
    #[error("key derivation failed: {0}")]
    Kdf(String),
    #[error("a pairing code has 12 characters from 0-9 and A-Z (without I, L, O, U)")]
    PairingCodeFormat,
    #[error("this pairing code has a typo: please check it")]
    PairingCodeCheck,
    #[error("contact point must be 1, 2 or 3")]
    ContactPoint,
}
