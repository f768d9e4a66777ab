//! Byte strings on the wire. Every binary field is base64 with libsodium's default variant
//! (`URLSAFE_NO_PADDING`), and is parsed into a type with a checked length when it arrives.

use crate::ProtocolError;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub fn b64_encode(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

pub fn b64_decode(text: &str) -> Result<Vec<u8>, ProtocolError> {
    URL_SAFE_NO_PAD
        .decode(text)
        .map_err(|_| ProtocolError::Base64)
}

fn fixed<const N: usize>(text: &str) -> Result<[u8; N], ProtocolError> {
    // Reject oversize text before decoding it.
    if text.len() > N * 4 / 3 + 4 {
        return Err(ProtocolError::Length {
            expected: N,
            actual: text.len() * 3 / 4,
        });
    }
    let raw = b64_decode(text)?;
    raw.as_slice()
        .try_into()
        .map_err(|_| ProtocolError::Length {
            expected: N,
            actual: raw.len(),
        })
}

macro_rules! fixed_bytes {
    ($(#[$doc:meta])* $name:ident, $n:expr) => {
        fixed_bytes!(@common $(#[$doc])* $name, $n);
        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, concat!(stringify!($name), "({})"), self.to_b64())
            }
        }
    };
    // A secret: zeroed when dropped and never shown by `Debug`.
    ($(#[$doc:meta])* secret $name:ident, $n:expr) => {
        fixed_bytes!(@common $(#[$doc])* $name, $n);
        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(concat!(stringify!($name), "(redacted)"))
            }
        }
        impl Drop for $name {
            fn drop(&mut self) {
                zeroize::Zeroize::zeroize(&mut self.0);
            }
        }
    };
    (@common $(#[$doc:meta])* $name:ident, $n:expr) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq)]
        pub struct $name(pub [u8; $n]);

        impl $name {
            pub fn parse(text: &str) -> Result<Self, ProtocolError> {
                fixed::<$n>(text).map(Self)
            }
            pub fn to_b64(&self) -> String {
                b64_encode(&self.0)
            }
        }
        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.to_b64())
            }
        }
        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                Self::parse(&text).map_err(serde::de::Error::custom)
            }
        }
        #[cfg(feature = "openapi")]
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .description(Some(concat!(stringify!($n), " bytes, base64 URL-safe without padding")))
                    .min_length(Some(($n * 4_usize).div_ceil(3)))
                    .max_length(Some(($n * 4_usize).div_ceil(3)))
                    .into()
            }
        }
        #[cfg(feature = "openapi")]
        impl utoipa::ToSchema for $name {}
    };
}

fixed_bytes!(
    /// An X25519 public key.
    PublicKeyBytes, 32
);
fixed_bytes!(
    /// Any other 32-byte value (a token, a key) on the wire.
    Bytes32, 32
);
fixed_bytes!(
    /// The login key a worker's browser derives from the passphrase; the server keeps only an
    /// Argon2id hash of it. Zeroed when dropped, never shown by `Debug`.
    secret LoginKey, 32
);
fixed_bytes!(
    /// The Argon2id salt of a worker's passphrase (libsodium `crypto_pwhash_SALTBYTES`).
    Salt, 16
);
fixed_bytes!(
    /// A worker's X25519 secret key and the recovery key pinned at activation, wrapped with
    /// XChaCha20-Poly1305: nonce (24) ‖ ciphertext (64) ‖ tag (16).
    WrappedSecretKey, 104
);

impl From<&crypto_box::PublicKey> for PublicKeyBytes {
    fn from(pk: &crypto_box::PublicKey) -> Self {
        Self(*pk.as_bytes())
    }
}

impl WrappedSecretKey {
    pub const LEN: usize = 104;
}

impl PublicKeyBytes {
    pub fn to_key(&self) -> crypto_box::PublicKey {
        crypto_box::PublicKey::from(self.0)
    }
}

/// A box (`nonce ‖ crypto_box_easy`) whose plaintext was padded to a multiple of
/// [`crate::PAD_BLOCK`] bytes. The size rule is checked on arrival, so the server can refuse a
/// sender that does not pad without being able to read anything.
#[derive(Clone, PartialEq, Eq)]
pub struct Sealed(Vec<u8>);

impl Sealed {
    /// The largest padded plaintext: 64 KiB.
    pub const MAX_PLAINTEXT: usize = 64 * 1024;
    pub const MAX_LEN: usize = Self::MAX_PLAINTEXT + crate::BOX_OVERHEAD;

    pub fn from_bytes(bytes: Vec<u8>) -> Result<Self, ProtocolError> {
        let n = bytes.len();
        let body = n
            .checked_sub(crate::BOX_OVERHEAD)
            .ok_or(ProtocolError::SealedSize(n))?;
        if body == 0 || !body.is_multiple_of(crate::PAD_BLOCK) || n > Self::MAX_LEN {
            return Err(ProtocolError::SealedSize(n));
        }
        Ok(Self(bytes))
    }

    pub fn parse(text: &str) -> Result<Self, ProtocolError> {
        if text.len() > Self::MAX_LEN * 4 / 3 + 4 {
            return Err(ProtocolError::SealedSize(text.len() * 3 / 4));
        }
        Self::from_bytes(b64_decode(text)?)
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.0
    }
}

impl std::fmt::Debug for Sealed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Sealed({} bytes)", self.0.len())
    }
}

impl Serialize for Sealed {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&b64_encode(&self.0))
    }
}

impl<'de> Deserialize<'de> for Sealed {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Sealed {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .description(Some(
                "libsodium box between two static keys: 24-byte nonce followed by \
                 crypto_box_easy (tag first), base64 URL-safe without padding; the plaintext is \
                 padded (sodium_pad) to a multiple of 256 bytes, at most 64 KiB",
            ))
            .max_length(Some((Sealed::MAX_LEN * 4).div_ceil(3)))
            .into()
    }
}
#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Sealed {}
