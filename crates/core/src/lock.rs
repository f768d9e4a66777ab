//! The rules around what the parent types to protect their data: the app lock's PIN or
//! passphrase, how long a wrong entry makes them wait, and the backup passphrase's strength.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the parent types to unlock the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LockKind {
    /// Digits only, at least [`MIN_PIN_DIGITS`].
    Pin,
    /// Any text of at least [`MIN_LOCK_PASSPHRASE_CHARS`] characters.
    Passphrase,
}

pub const MIN_PIN_DIGITS: usize = 6;
pub const MIN_LOCK_PASSPHRASE_CHARS: usize = 8;
pub const MIN_BACKUP_PASSPHRASE_CHARS: usize = 10;

/// Why a PIN or passphrase is refused when it is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum LockSecretProblem {
    #[error("a PIN has digits only")]
    NotDigits,
    #[error("a PIN has at least {MIN_PIN_DIGITS} digits")]
    PinTooShort,
    /// 000000, 123456, 654321: the first PINs anyone tries.
    #[error("this PIN is too easy to guess")]
    PinTooEasy,
    #[error("a passphrase has at least {MIN_LOCK_PASSPHRASE_CHARS} characters")]
    PassphraseTooShort,
}

/// Checks a new PIN or passphrase before the lock is set.
pub fn check_lock_secret(kind: LockKind, secret: &str) -> Result<(), LockSecretProblem> {
    match kind {
        LockKind::Pin => {
            if !secret.chars().all(|c| c.is_ascii_digit()) || secret.is_empty() {
                return Err(LockSecretProblem::NotDigits);
            }
            if secret.len() < MIN_PIN_DIGITS {
                return Err(LockSecretProblem::PinTooShort);
            }
            let digits: Vec<i16> = secret.bytes().map(|b| i16::from(b - b'0')).collect();
            let steps: Vec<i16> = digits.windows(2).map(|w| w[1] - w[0]).collect();
            let one_step = |step: i16| steps.iter().all(|s| *s == step);
            if one_step(0) || one_step(1) || one_step(-1) {
                return Err(LockSecretProblem::PinTooEasy);
            }
            Ok(())
        }
        LockKind::Passphrase => {
            if secret.trim().chars().count() < MIN_LOCK_PASSPHRASE_CHARS {
                return Err(LockSecretProblem::PassphraseTooShort);
            }
            Ok(())
        }
    }
}

/// Wrong entries in a row that cost nothing; from then on each one doubles the wait.
pub const FREE_ATTEMPTS: u32 = 3;
/// The longest wait between two tries.
pub const MAX_WAIT_SECONDS: i64 = 10 * 60;

/// How long the parent waits before the next try after `failures` wrong entries in a row:
/// nothing for the first three, then 5 s, 10 s, 20 s … up to ten minutes. It never wipes
/// anything: a parent who forgot must not lose their data to a child pressing keys.
pub fn wait_after(failures: u32) -> Duration {
    if failures < FREE_ATTEMPTS {
        return Duration::zero();
    }
    let doublings = (failures - FREE_ATTEMPTS).min(16);
    Duration::seconds((5i64 << doublings).min(MAX_WAIT_SECONDS))
}

/// The moment the next try is allowed, `None` when it is now.
pub fn next_try_at(
    failures: u32,
    last_failure: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let at = last_failure? + wait_after(failures);
    (at > now).then_some(at)
}

/// A rough strength for the backup passphrase, shown while the parent types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Strength {
    /// Shorter than [`MIN_BACKUP_PASSPHRASE_CHARS`]: refused.
    TooShort,
    Weak,
    Fair,
    Strong,
}

/// Passwords people choose first; a passphrase made of them is weak whatever its length.
const COMMON: &[&str] = &[
    "wachtwoord",
    "password",
    "welkom",
    "welcome",
    "qwerty",
    "azerty",
    "houvast",
    "123456",
    "abcdef",
    "geheim",
    "secret",
    "iloveyou",
    "ikhouvanjou",
];

/// An estimate in the spirit of "bits of guessing": the kinds of characters used, the length,
/// and a penalty for repeats and common words. A generated suggestion is always strong.
pub fn passphrase_strength(passphrase: &str) -> Strength {
    let text = passphrase.trim();
    let chars: Vec<char> = text.chars().collect();
    if chars.len() < MIN_BACKUP_PASSPHRASE_CHARS {
        return Strength::TooShort;
    }
    let lower = text.to_lowercase();
    let mut pool = 0u32;
    if chars.iter().any(|c| c.is_lowercase()) {
        pool += 26;
    }
    if chars.iter().any(|c| c.is_uppercase()) {
        pool += 26;
    }
    if chars.iter().any(|c| c.is_ascii_digit()) {
        pool += 10;
    }
    if chars.iter().any(|c| !c.is_alphanumeric()) {
        pool += 20;
    }
    let mut distinct = chars.clone();
    distinct.sort_unstable();
    distinct.dedup();
    // Each character counts for as many bits as the pool gives, but repeats count less.
    let effective = distinct.len() as f64 + (chars.len() - distinct.len()) as f64 * 0.25;
    let mut bits = effective * f64::from(pool.max(1)).log2();
    for word in COMMON {
        if lower.contains(word) {
            bits -= word.len() as f64 * 3.0;
        }
    }
    match bits {
        b if b < 45.0 => Strength::Weak,
        b if b < 65.0 => Strength::Fair,
        _ => Strength::Strong,
    }
}

/// Letters and digits that cannot be mistaken for each other when written down (no 0/o,
/// 1/l/i).
const SUGGESTION_ALPHABET: &[u8; 31] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// A passphrase suggestion from 20 random bytes: four groups of five characters
/// (`k7mqa-2xpr9-…`), about 99 bits, easy to write on paper. (The modulo leaves a bias of under
/// 4 % between characters, which costs less than a bit over the whole suggestion.)
pub fn suggest_passphrase(random: [u8; 20]) -> String {
    let mut out = String::with_capacity(23);
    for (i, b) in random.iter().enumerate() {
        if i > 0 && i % 5 == 0 {
            out.push('-');
        }
        out.push(char::from(
            SUGGESTION_ALPHABET[usize::from(*b) % SUGGESTION_ALPHABET.len()],
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pins_have_six_digits_and_are_not_the_first_ones_anyone_tries() {
        use LockSecretProblem::*;
        assert_eq!(check_lock_secret(LockKind::Pin, "4938"), Err(PinTooShort));
        assert_eq!(check_lock_secret(LockKind::Pin, "49381a"), Err(NotDigits));
        assert_eq!(check_lock_secret(LockKind::Pin, ""), Err(NotDigits));
        for easy in ["000000", "123456", "987654", "1111111"] {
            assert_eq!(
                check_lock_secret(LockKind::Pin, easy),
                Err(PinTooEasy),
                "{easy}"
            );
        }
        assert_eq!(check_lock_secret(LockKind::Pin, "493817"), Ok(()));
        assert_eq!(
            check_lock_secret(LockKind::Passphrase, "  kort  "),
            Err(PassphraseTooShort)
        );
        assert_eq!(check_lock_secret(LockKind::Passphrase, "lange zin"), Ok(()));
    }

    #[test]
    fn wrong_entries_wait_longer_and_longer_up_to_ten_minutes() {
        let waits: Vec<i64> = (0..12).map(|n| wait_after(n).num_seconds()).collect();
        assert_eq!(waits, [0, 0, 0, 5, 10, 20, 40, 80, 160, 320, 600, 600]);
        assert_eq!(wait_after(u32::MAX).num_seconds(), MAX_WAIT_SECONDS);
        let now = DateTime::parse_from_rfc3339("2026-11-29T20:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(next_try_at(2, Some(now), now), None);
        assert_eq!(
            next_try_at(4, Some(now), now),
            Some(now + Duration::seconds(10))
        );
        assert_eq!(next_try_at(4, Some(now - Duration::seconds(11)), now), None);
        assert_eq!(next_try_at(9, None, now), None);
    }

    #[test]
    fn strength_grows_with_length_and_variety_and_common_words_are_weak() {
        assert_eq!(passphrase_strength("kort"), Strength::TooShort);
        assert_eq!(passphrase_strength("wachtwoord12"), Strength::Weak);
        assert_eq!(passphrase_strength("aaaaaaaaaaaaaa"), Strength::Weak);
        assert_eq!(passphrase_strength("fietsboomwolk"), Strength::Fair);
        assert_eq!(
            passphrase_strength("Fiets-boom-wolk-zee-42"),
            Strength::Strong
        );
        for seed in 1..20u8 {
            let mut bytes = [0u8; 20];
            for (i, b) in bytes.iter_mut().enumerate() {
                *b = seed
                    .wrapping_mul(i as u8 + 7)
                    .wrapping_add((i as u8).wrapping_mul(31));
            }
            let s = suggest_passphrase(bytes);
            assert_eq!(s.len(), 23, "{s}");
            assert!(passphrase_strength(&s) >= Strength::Fair, "{s}");
        }
    }

    #[test]
    fn suggestions_differ_with_the_random_bytes_and_use_only_clear_characters() {
        let a = suggest_passphrase([1; 20]);
        let b = suggest_passphrase([2; 20]);
        assert_ne!(a, b);
        let mut bytes = [0u8; 20];
        for (i, b) in bytes.iter_mut().enumerate() {
            *b = (i as u8).wrapping_mul(73).wrapping_add(11);
        }
        let s = suggest_passphrase(bytes);
        assert!(s
            .chars()
            .all(|c| c == '-' || SUGGESTION_ALPHABET.contains(&(c as u8))));
        assert!(!s.contains(['0', 'o', '1', 'l', 'i']));
    }
}
