//! Key pairs, the set of keys a parent's messages are sealed between, and pinning that set.
//!
//! The app pins the set at pairing and the dashboard pins it when it first opens a parent's
//! record. From then on every message is sealed to, and opened with, the *pinned* keys only;
//! keys the server presents later are compared with them, and a difference is a loud
//! [`ProtocolError::KeyChanged`], never applied silently.

use crate::{ProtocolError, PublicKeyBytes, SafetyNumber};
use chrono::{DateTime, Utc};
use crypto_box::{PublicKey, SecretKey};
use curve25519_dalek::montgomery::MontgomeryPoint;
use rand_core::OsRng;
use serde::{Deserialize, Serialize};
use subtle::ConstantTimeEq;

/// An X25519 key pair: a worker's, a parent's device key or an organisation's recovery key.
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

impl std::fmt::Debug for KeyPair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "KeyPair({:?})", self.public_bytes())
    }
}

/// libsodium's `crypto_box_beforenm` refuses a peer key whose shared secret is all zeros (a
/// low-order point): with such a key the box key is a constant anybody can compute. RustCrypto's
/// `crypto_box` does not check, so every box made or opened here checks first.
pub(crate) fn check_shared_secret(
    secret: &SecretKey,
    peer: &PublicKeyBytes,
) -> Result<(), ProtocolError> {
    let shared = zeroize::Zeroizing::new(MontgomeryPoint(peer.0).mul_clamped(secret.to_bytes()));
    if bool::from(shared.0.ct_eq(&[0u8; 32])) {
        return Err(ProtocolError::WeakKey);
    }
    Ok(())
}

/// The three keys a parent's check-ins and the worker's replies are sealed between, by role.
/// The safety number is derived from exactly these.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeySet {
    /// The parent's device key: check-ins are sent from it, replies are sealed to it.
    pub parent: PublicKeyBytes,
    /// The prevention worker's key: check-ins are sealed to it, replies sent from it.
    pub worker: PublicKeyBytes,
    /// The organisation's recovery key: every check-in is sealed to it too.
    pub recovery: PublicKeyBytes,
}

impl KeySet {
    pub fn safety_number(&self) -> SafetyNumber {
        SafetyNumber::derive(self)
    }

    /// Compares every key in constant time; `Err(KeyChanged)` names each role that differs.
    pub fn compare(&self, presented: &KeySet) -> Result<(), ProtocolError> {
        let parent = !bool::from(self.parent.0.ct_eq(&presented.parent.0));
        let worker = !bool::from(self.worker.0.ct_eq(&presented.worker.0));
        let recovery = !bool::from(self.recovery.0.ct_eq(&presented.recovery.0));
        if parent || worker || recovery {
            return Err(ProtocolError::KeyChanged {
                parent,
                worker,
                recovery,
            });
        }
        Ok(())
    }
}

/// Whether parent and worker have compared the safety number of the pinned keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum Verification {
    /// Shown next to the contact until the first contact, where they compare it.
    NotYetChecked,
    Checked {
        at: DateTime<Utc>,
    },
}

/// The key set as it was first seen (at pairing in the app, at the first opening of a parent's
/// record in the dashboard), with the state of the safety-number comparison. Stored by the app
/// and the dashboard; the server never sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PinnedKeys {
    keys: KeySet,
    verification: Verification,
}

impl PinnedKeys {
    /// Trust on first use: pins `keys`, not yet checked. Refuses a low-order key outright.
    pub fn pin(keys: KeySet) -> Result<Self, ProtocolError> {
        for key in [&keys.parent, &keys.worker, &keys.recovery] {
            key.check_usable()?;
        }
        Ok(Self {
            keys,
            verification: Verification::NotYetChecked,
        })
    }

    pub fn keys(&self) -> &KeySet {
        &self.keys
    }

    pub fn verification(&self) -> Verification {
        self.verification
    }

    pub fn safety_number(&self) -> SafetyNumber {
        self.keys.safety_number()
    }

    /// Checks the keys the server presents now against the pinned ones. A difference in any of
    /// them is `KeyChanged`, which the caller must show loudly; nothing is sealed meanwhile.
    pub fn verify(&self, presented: &KeySet) -> Result<(), ProtocolError> {
        self.keys.compare(presented)
    }

    /// The app's side: the server presents a worker key and a recovery key (at pairing, and in
    /// every state it sends); the parent's own key is the device's.
    pub fn verify_presented(
        &self,
        worker: &PublicKeyBytes,
        recovery: &PublicKeyBytes,
    ) -> Result<(), ProtocolError> {
        self.verify(&KeySet {
            parent: self.keys.parent.clone(),
            worker: worker.clone(),
            recovery: recovery.clone(),
        })
    }

    /// The parent and the worker read the safety number to each other and it was the same.
    pub fn mark_checked(&mut self, at: DateTime<Utc>) {
        self.verification = Verification::Checked { at };
    }

    /// The other side's QR code was scanned: marks the keys checked only when its payload is
    /// the safety number of the pinned keys.
    pub fn mark_checked_by_qr(
        &mut self,
        payload: &str,
        at: DateTime<Utc>,
    ) -> Result<(), ProtocolError> {
        self.safety_number().verify_qr_payload(payload)?;
        self.mark_checked(at);
        Ok(())
    }

    /// After the user has seen the key-changed warning and chosen to go on with the new keys
    /// (e.g. their caseload moved to another worker): pins them, *not yet checked*, so the new
    /// safety number has to be compared again.
    pub fn replace_after_warning(&mut self, presented: KeySet) -> Result<(), ProtocolError> {
        *self = Self::pin(presented)?;
        Ok(())
    }
}

impl PublicKeyBytes {
    /// Refuses the low-order points libsodium refuses (all-zero shared secret with any key).
    pub fn check_usable(&self) -> Result<(), ProtocolError> {
        check_shared_secret(&SecretKey::from([0x5a; 32]), self)
    }

    /// Constant-time equality, for keys compared against pinned ones.
    pub fn ct_equals(&self, other: &PublicKeyBytes) -> bool {
        self.0.ct_eq(&other.0).into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set() -> KeySet {
        KeySet {
            parent: KeyPair::generate().public_bytes(),
            worker: KeyPair::generate().public_bytes(),
            recovery: KeyPair::generate().public_bytes(),
        }
    }

    #[test]
    fn a_changed_key_is_named_and_never_applied_silently() {
        let keys = set();
        let mut pinned = PinnedKeys::pin(keys.clone()).unwrap();
        assert_eq!(pinned.verify(&keys), Ok(()));
        let mut swapped = keys.clone();
        swapped.recovery = KeyPair::generate().public_bytes();
        assert_eq!(
            pinned.verify_presented(&swapped.worker, &swapped.recovery),
            Err(ProtocolError::KeyChanged {
                parent: false,
                worker: false,
                recovery: true
            })
        );
        pinned.mark_checked(DateTime::from_timestamp(1_760_000_000, 0).unwrap());
        assert!(matches!(
            pinned.verification(),
            Verification::Checked { .. }
        ));
        pinned.replace_after_warning(swapped.clone()).unwrap();
        assert_eq!(pinned.verification(), Verification::NotYetChecked);
        assert_eq!(pinned.keys(), &swapped);
    }

    #[test]
    fn low_order_keys_are_refused() {
        let mut keys = set();
        keys.worker = PublicKeyBytes([0; 32]);
        assert_eq!(PinnedKeys::pin(keys.clone()), Err(ProtocolError::WeakKey));
        let mut one = [0u8; 32];
        one[0] = 1;
        keys.worker = PublicKeyBytes(one);
        assert_eq!(PinnedKeys::pin(keys), Err(ProtocolError::WeakKey));
    }
}
