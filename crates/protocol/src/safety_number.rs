//! The safety number parent and worker compare at their first contact.
//!
//! `digest = SHA-512("houvast/v2/safety-number" ‖ parent_pk ‖ worker_pk ‖ recovery_pk)`; the
//! number is 12 groups of 5 digits, group `i` being the big-endian 40-bit integer
//! `digest[5i..5i+5]` modulo 100 000 (Signal's encoding). The keys go in by role, not by who
//! computes, so the app and the dashboard show the same 60 digits. Each group carries about
//! 16.6 bits, 199 bits in all: a server that swaps keys would need two key sets with the same
//! number, about 2^99 tries.

use crate::{KeySet, ProtocolError};
use sha2::{Digest, Sha512};
use subtle::ConstantTimeEq;

const DOMAIN: &[u8] = b"houvast/v2/safety-number";
/// The QR code's text: this prefix, then the 60 digits. Upper case, digits and `:` only, so a
/// QR code can use its compact alphanumeric mode.
pub const QR_PREFIX: &str = "HOUVAST:SN:2:";
pub const SAFETY_NUMBER_GROUPS: usize = 12;

#[derive(Clone, PartialEq, Eq)]
pub struct SafetyNumber([u32; SAFETY_NUMBER_GROUPS]);

impl SafetyNumber {
    pub fn derive(keys: &KeySet) -> Self {
        let mut hasher = Sha512::new();
        hasher.update(DOMAIN);
        hasher.update(keys.parent.0);
        hasher.update(keys.worker.0);
        hasher.update(keys.recovery.0);
        let digest = hasher.finalize();
        let mut groups = [0u32; SAFETY_NUMBER_GROUPS];
        for (i, group) in groups.iter_mut().enumerate() {
            let value = digest[5 * i..5 * i + 5]
                .iter()
                .fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
            *group = (value % 100_000) as u32;
        }
        Self(groups)
    }

    /// The twelve groups as the reader shows them, each five digits with leading zeros.
    pub fn groups(&self) -> [String; SAFETY_NUMBER_GROUPS] {
        self.0.map(|g| format!("{g:05}"))
    }

    /// `"12345 67890 …"`: to show in three rows of four and read aloud group by group.
    pub fn digits(&self) -> String {
        self.groups().join(" ")
    }

    pub fn qr_payload(&self) -> String {
        format!("{QR_PREFIX}{}", self.groups().concat())
    }

    /// Compares with what the other side shows: the scanned text of their QR code.
    pub fn verify_qr_payload(&self, payload: &str) -> Result<(), ProtocolError> {
        self.verify_digits_ct(payload.trim().strip_prefix(QR_PREFIX).unwrap_or(""))
    }

    /// Compares with digits typed in (spaces and dashes ignored).
    pub fn verify_digits(&self, typed: &str) -> Result<(), ProtocolError> {
        let digits: String = typed
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect();
        self.verify_digits_ct(&digits)
    }

    fn verify_digits_ct(&self, digits: &str) -> Result<(), ProtocolError> {
        let ours = self.groups().concat();
        if digits.len() == ours.len() && bool::from(digits.as_bytes().ct_eq(ours.as_bytes())) {
            Ok(())
        } else {
            Err(ProtocolError::SafetyNumberMismatch)
        }
    }
}

impl std::fmt::Debug for SafetyNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SafetyNumber({})", self.digits())
    }
}

impl std::fmt::Display for SafetyNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.digits())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::KeyPair;

    #[test]
    fn both_sides_show_the_same_number_and_any_key_changes_it() {
        let parent = KeyPair::generate();
        let worker = KeyPair::generate();
        let recovery = KeyPair::generate();
        let keys = KeySet {
            parent: parent.public_bytes(),
            worker: worker.public_bytes(),
            recovery: recovery.public_bytes(),
        };
        let n = keys.safety_number();
        assert_eq!(n.digits().len(), 12 * 5 + 11);
        assert!(n.digits().chars().all(|c| c.is_ascii_digit() || c == ' '));
        assert_eq!(n.verify_qr_payload(&n.qr_payload()), Ok(()));
        assert_eq!(n.verify_digits(&n.digits().replace(' ', "-")), Ok(()));
        for role in 0..3 {
            let mut other = keys.clone();
            let fresh = KeyPair::generate().public_bytes();
            match role {
                0 => other.parent = fresh,
                1 => other.worker = fresh,
                _ => other.recovery = fresh,
            }
            let m = other.safety_number();
            assert_ne!(m, n);
            assert_eq!(
                n.verify_qr_payload(&m.qr_payload()),
                Err(ProtocolError::SafetyNumberMismatch)
            );
        }
        // Swapping the roles of two keys is a different set, so a different number.
        let swapped = KeySet {
            parent: keys.worker.clone(),
            worker: keys.parent.clone(),
            recovery: keys.recovery.clone(),
        };
        assert_ne!(swapped.safety_number(), n);
        assert_eq!(
            n.verify_qr_payload("HOUVAST:SN:2:"),
            Err(ProtocolError::SafetyNumberMismatch)
        );
    }
}
