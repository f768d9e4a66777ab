use crate::PublicKeyBytes;
use sha2::{Digest, Sha256};

const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A short, readable fingerprint of a public key, shown to the parent when pairing and to the
/// worker in the dashboard, so both can compare it on the phone or in person:
/// the first 80 bits of SHA-256("houvast-fingerprint-v1" ‖ pk) in Crockford base32, as four
/// groups of four (`7KQ2 M9XD 1FHT C4RB`).
pub fn fingerprint(pk: &PublicKeyBytes) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"houvast-fingerprint-v1");
    hasher.update(pk.0);
    let digest = hasher.finalize();
    let mut bits: u128 = 0;
    for byte in &digest[..10] {
        bits = (bits << 8) | u128::from(*byte);
    }
    let mut out = String::with_capacity(19);
    for i in 0..16 {
        if i > 0 && i % 4 == 0 {
            out.push(' ');
        }
        let shift = 75 - 5 * i;
        out.push(CROCKFORD[((bits >> shift) & 31) as usize] as char);
    }
    out
}

pub(crate) fn crockford_symbol(value: usize) -> char {
    CROCKFORD[value & 31] as char
}

/// Crockford decoding: case-insensitive, `O` reads as 0, `I` and `L` as 1; `U` is not a symbol.
pub(crate) fn crockford_value(c: char) -> Option<usize> {
    let c = match c.to_ascii_uppercase() {
        'O' => '0',
        'I' | 'L' => '1',
        other => other,
    };
    CROCKFORD.iter().position(|&s| s as char == c)
}
