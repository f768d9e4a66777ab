use crate::ProtocolError;
use rand_core::{OsRng, RngCore};

const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

fn crockford_symbol(value: usize) -> char {
    CROCKFORD[value & 31] as char
}

/// Crockford decoding: case-insensitive, `O` reads as 0, `I` and `L` as 1; `U` is not a symbol.
fn crockford_value(c: char) -> Option<usize> {
    let c = match c.to_ascii_uppercase() {
        'O' => '0',
        'I' | 'L' => '1',
        other => other,
    };
    CROCKFORD.iter().position(|&s| s as char == c)
}

/// A pairing code: 11 random Crockford base32 symbols (55 bits) and one Luhn mod 32 check
/// symbol, shown as `XXXX-XXXX-XXXX`. Typing is forgiving (any case, `O`→0, `I`/`L`→1, spaces
/// and dashes ignored); the check symbol catches every single mistyped symbol and every swap of
/// two neighbours before the server is asked, so a typo never costs a rate-limited attempt.
#[derive(Clone, PartialEq, Eq)]
pub struct PairingCode(String);

impl PairingCode {
    pub const RANDOM_SYMBOLS: usize = 11;
    pub const LEN: usize = Self::RANDOM_SYMBOLS + 1;

    pub fn generate() -> Self {
        let mut values = [0usize; Self::LEN];
        let mut random = [0u8; Self::RANDOM_SYMBOLS];
        OsRng.fill_bytes(&mut random);
        for (slot, byte) in values.iter_mut().zip(random) {
            // 256 is a multiple of 32, so the low five bits are uniform.
            *slot = usize::from(byte & 31);
        }
        values[Self::RANDOM_SYMBOLS] = luhn_check(&values[..Self::RANDOM_SYMBOLS]);
        Self(values.iter().map(|&v| crockford_symbol(v)).collect())
    }

    pub fn parse(text: &str) -> Result<Self, ProtocolError> {
        if text.len() > 32 {
            return Err(ProtocolError::PairingCodeFormat);
        }
        let values: Vec<usize> = text
            .chars()
            .filter(|c| !matches!(c, '-' | ' '))
            .map(|c| crockford_value(c).ok_or(ProtocolError::PairingCodeFormat))
            .collect::<Result<_, _>>()?;
        if values.len() != Self::LEN {
            return Err(ProtocolError::PairingCodeFormat);
        }
        if luhn_check(&values[..Self::RANDOM_SYMBOLS]) != values[Self::RANDOM_SYMBOLS] {
            return Err(ProtocolError::PairingCodeCheck);
        }
        Ok(Self(values.iter().map(|&v| crockford_symbol(v)).collect()))
    }

    /// The canonical form (12 symbols, no dashes): what the server hashes and stores.
    pub fn canonical(&self) -> &str {
        &self.0
    }

    /// `XXXX-XXXX-XXXX`.
    pub fn display(&self) -> String {
        format!("{}-{}-{}", &self.0[0..4], &self.0[4..8], &self.0[8..12])
    }
}

impl std::fmt::Debug for PairingCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PairingCode(…)")
    }
}

/// Luhn mod N (N = 32): the check symbol that makes the weighted sum a multiple of 32.
fn luhn_check(values: &[usize]) -> usize {
    let mut factor = 2;
    let mut sum = 0;
    for &v in values.iter().rev() {
        let addend = factor * v;
        sum += addend / 32 + addend % 32;
        factor = if factor == 2 { 1 } else { 2 };
    }
    (32 - sum % 32) % 32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_codes_parse_in_any_spelling() {
        for _ in 0..200 {
            let code = PairingCode::generate();
            let shown = code.display();
            assert_eq!(PairingCode::parse(&shown).unwrap(), code);
            assert_eq!(
                PairingCode::parse(&shown.to_lowercase().replace('-', " ")).unwrap(),
                code
            );
            let confusable = shown.replace('0', "o").replace('1', "l");
            assert_eq!(PairingCode::parse(&confusable).unwrap(), code);
        }
    }

    #[test]
    fn every_single_typo_and_neighbour_swap_is_caught() {
        let code = PairingCode::generate();
        let symbols: Vec<char> = code.canonical().chars().collect();
        for i in 0..symbols.len() {
            for v in 0..32 {
                let replacement = crockford_symbol(v);
                if replacement == symbols[i] {
                    continue;
                }
                let mut typo = symbols.clone();
                typo[i] = replacement;
                let typo: String = typo.into_iter().collect();
                assert_eq!(
                    PairingCode::parse(&typo),
                    Err(ProtocolError::PairingCodeCheck),
                    "{typo}"
                );
            }
            if i + 1 < symbols.len() && symbols[i] != symbols[i + 1] {
                let mut swapped = symbols.clone();
                swapped.swap(i, i + 1);
                let swapped: String = swapped.into_iter().collect();
                // Luhn mod N misses exactly one kind of swap (values v and v+16 at certain
                // weights); anything else must be caught.
                let a = crockford_value(symbols[i]).unwrap_or(0);
                let b = crockford_value(symbols[i + 1]).unwrap_or(0);
                if a.abs_diff(b) != 16 && a.abs_diff(b) != 31 {
                    assert!(PairingCode::parse(&swapped).is_err(), "{swapped}");
                }
            }
        }
    }

    #[test]
    fn malformed_codes_are_refused() {
        assert_eq!(
            PairingCode::parse(""),
            Err(ProtocolError::PairingCodeFormat)
        );
        assert_eq!(
            PairingCode::parse("ABCD-EFGH-JKU0"),
            Err(ProtocolError::PairingCodeFormat)
        );
        assert_eq!(
            PairingCode::parse("ABCD-EFGH-JK"),
            Err(ProtocolError::PairingCodeFormat)
        );
        assert_eq!(
            PairingCode::parse(&"A".repeat(100)),
            Err(ProtocolError::PairingCodeFormat)
        );
    }
}
