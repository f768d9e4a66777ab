//! In-memory limits. Each instance keeps its own; with N instances behind a load balancer the
//! bounds in the README multiply by N. Every map here has a hard cap on its number of entries,
//! and every key is at most [`MAX_KEY_BYTES`] long, so an attacker with many addresses or
//! made-up e-mail addresses cannot make the server's memory grow without bound.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Keys longer than this are cut (an e-mail address has at most 254 bytes).
pub const MAX_KEY_BYTES: usize = 320;

fn bounded_key(key: &str) -> String {
    let mut end = key.len().min(MAX_KEY_BYTES);
    while !key.is_char_boundary(end) {
        end -= 1;
    }
    key[..end].to_string()
}

#[derive(Debug, Clone, Copy)]
pub struct Rate {
    /// Attempts allowed at once.
    pub burst: f64,
    /// Attempts regained per second.
    pub per_second: f64,
}

impl Rate {
    pub const fn new(burst: f64, per_second: f64) -> Self {
        Self { burst, per_second }
    }
}

/// A token bucket per key.
pub struct Limiter {
    rate: Rate,
    max_entries: usize,
    buckets: Mutex<HashMap<String, (f64, Instant)>>,
}

impl Limiter {
    pub fn new(rate: Rate, max_entries: usize) -> Self {
        Self {
            rate,
            max_entries: max_entries.max(1),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one attempt for `key`; on refusal, says how many seconds until the next one.
    pub fn check(&self, key: &str) -> Result<(), u64> {
        let key = bounded_key(key);
        let rate = self.rate;
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        // Read the clock under the lock, so the times stored for a key never go backwards.
        let now = Instant::now();
        let tokens_at = |tokens: f64, at: Instant| {
            (tokens + now.duration_since(at).as_secs_f64() * rate.per_second).min(rate.burst)
        };
        if !buckets.contains_key(&key) && buckets.len() >= self.max_entries {
            // A full bucket is the same as no entry: drop those first.
            buckets.retain(|_, (tokens, at)| tokens_at(*tokens, *at) < rate.burst);
            if buckets.len() >= self.max_entries {
                // Still full: forget the tenth of the entries that are closest to full (they
                // carry the least information), so the map stays under its cap.
                let mut fullest: Vec<(f64, String)> = buckets
                    .iter()
                    .map(|(k, (tokens, at))| (tokens_at(*tokens, *at), k.clone()))
                    .collect();
                fullest.sort_by(|a, b| b.0.total_cmp(&a.0));
                for (_, k) in fullest.into_iter().take(self.max_entries / 10 + 1) {
                    buckets.remove(&k);
                }
            }
        }
        let (tokens, at) = buckets.entry(key).or_insert((rate.burst, now));
        *tokens = tokens_at(*tokens, *at);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - *tokens) / rate.per_second).ceil().max(1.0) as u64)
        }
    }

    pub fn len(&self) -> usize {
        self.buckets.lock().unwrap_or_else(|p| p.into_inner()).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Growing delays after failed attempts: the first `free` failures cost nothing; after that
/// each failure doubles the wait before the next attempt, from `first_delay` up to `max_delay`.
/// A key is forgotten `forget_after` its last failure, or at once on success.
#[derive(Debug, Clone, Copy)]
pub struct Backoff {
    pub free: u32,
    pub first_delay: Duration,
    pub max_delay: Duration,
    pub forget_after: Duration,
}

impl Backoff {
    /// The wait after `failures` failures.
    pub fn delay(&self, failures: u32) -> Duration {
        if failures < self.free {
            return Duration::ZERO;
        }
        let doublings = (failures - self.free).min(30);
        self.first_delay
            .saturating_mul(1u32 << doublings)
            .min(self.max_delay)
    }
}

struct Failures {
    count: u32,
    last: Instant,
}

/// Counts failures per key (never successes), for sign-in.
pub struct FailureTracker {
    backoff: Backoff,
    max_entries: usize,
    entries: Mutex<HashMap<String, Failures>>,
}

impl FailureTracker {
    pub fn new(backoff: Backoff, max_entries: usize) -> Self {
        Self {
            backoff,
            max_entries: max_entries.max(1),
            entries: Mutex::new(HashMap::new()),
        }
    }

    /// Starts an attempt for `key`: refused (with the seconds to wait) while the delay after
    /// its earlier failures runs, else counted as a failure until [`Self::succeeded`] says
    /// otherwise. Counting before the outcome is known means a burst of parallel guesses is
    /// limited exactly like a series.
    pub fn attempt(&self, key: &str) -> Result<(), u64> {
        let key = bounded_key(key);
        let forget = self.backoff.forget_after;
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        // Read the clock under the lock: a time read before waiting for it can be older than
        // the last failure another request just stored, which looked like "wait a second"
        // to a request that was well within its free attempts.
        let now = Instant::now();
        if let Some(f) = entries.get_mut(&key) {
            if now.duration_since(f.last) >= forget {
                f.count = 0;
            }
            let ready_at = f.last + self.backoff.delay(f.count);
            if now < ready_at {
                let wait = ready_at.duration_since(now).as_secs_f64().ceil() as u64;
                return Err(wait.max(1));
            }
            f.count = f.count.saturating_add(1);
            f.last = now;
            return Ok(());
        }
        if entries.len() >= self.max_entries {
            entries.retain(|_, f| now.duration_since(f.last) < forget);
            if entries.len() >= self.max_entries {
                // Still full: forget the tenth with the oldest last failure.
                let mut oldest: Vec<(Instant, String)> =
                    entries.iter().map(|(k, f)| (f.last, k.clone())).collect();
                oldest.sort_by_key(|(last, _)| *last);
                for (_, k) in oldest.into_iter().take(self.max_entries / 10 + 1) {
                    entries.remove(&k);
                }
            }
        }
        entries.insert(
            key,
            Failures {
                count: 1,
                last: now,
            },
        );
        Ok(())
    }

    /// The attempt succeeded: with `clear`, forget every failure of `key`; else take back only
    /// the one this attempt counted.
    pub fn succeeded(&self, key: &str, clear: bool) {
        let key = bounded_key(key);
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        let gone = match entries.get_mut(&key) {
            Some(_) if clear => true,
            Some(f) => {
                f.count = f.count.saturating_sub(1);
                f.count == 0
            }
            None => false,
        };
        if gone {
            entries.remove(&key);
        }
    }

    pub fn len(&self) -> usize {
        self.entries.lock().unwrap_or_else(|p| p.into_inner()).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The key for a client address: an IPv6 client controls a whole /64, so it counts as one.
pub fn ip_key(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Failed sign-ins for one account from one address.
    pub sign_in_account_address: Backoff,
    /// Failed sign-ins from one address, whichever account.
    pub sign_in_address: Backoff,
    pub pair_per_ip: Rate,
    pub pair_global: Rate,
    pub activation_per_ip: Rate,
    /// The most keys each limiter remembers.
    pub max_entries: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            sign_in_account_address: Backoff {
                free: 5,
                first_delay: Duration::from_secs(2),
                max_delay: Duration::from_secs(3600),
                forget_after: Duration::from_secs(24 * 3600),
            },
            sign_in_address: Backoff {
                free: 20,
                first_delay: Duration::from_secs(2),
                max_delay: Duration::from_secs(3600),
                forget_after: Duration::from_secs(24 * 3600),
            },
            pair_per_ip: Rate::new(10.0, 10.0 / 3600.0),
            pair_global: Rate::new(200.0, 1.0),
            activation_per_ip: Rate::new(20.0, 20.0 / 3600.0),
            max_entries: 50_000,
        }
    }
}

impl Limits {
    /// For load tests and benchmarks only.
    pub fn unlimited() -> Self {
        let r = Rate::new(1e12, 1e12);
        let never = Backoff {
            free: u32::MAX,
            first_delay: Duration::ZERO,
            max_delay: Duration::ZERO,
            forget_after: Duration::from_secs(1),
        };
        Self {
            sign_in_account_address: never,
            sign_in_address: never,
            pair_per_ip: r,
            pair_global: r,
            activation_per_ip: r,
            max_entries: 50_000,
        }
    }
}

pub struct Limiters {
    pub sign_in_account_address: FailureTracker,
    pub sign_in_address: FailureTracker,
    pub pair_per_ip: Limiter,
    pub pair_global: Limiter,
    pub activation_per_ip: Limiter,
}

impl Limiters {
    pub fn new(l: Limits) -> Self {
        Self {
            sign_in_account_address: FailureTracker::new(l.sign_in_account_address, l.max_entries),
            sign_in_address: FailureTracker::new(l.sign_in_address, l.max_entries),
            pair_per_ip: Limiter::new(l.pair_per_ip, l.max_entries),
            pair_global: Limiter::new(l.pair_global, 1),
            activation_per_ip: Limiter::new(l.activation_per_ip, l.max_entries),
        }
    }
}

impl Limiters {
    /// Starts a sign-in for `account` from `address`: refused (with the seconds to wait) while
    /// either the account-and-address or the address is in its delay, else counted against
    /// both until settled.
    pub fn begin_sign_in(&self, account: &str, address: &str) -> Result<SignInAttempt<'_>, u64> {
        self.sign_in_address.attempt(address)?;
        let pair = format!("{account}\n{address}");
        if let Err(wait) = self.sign_in_account_address.attempt(&pair) {
            self.sign_in_address.succeeded(address, false);
            return Err(wait);
        }
        Ok(SignInAttempt {
            limiters: self,
            address: address.to_string(),
            pair,
            settled: false,
        })
    }
}

/// One sign-in attempt, counted as a failure until it is settled. An attempt that was never
/// checked (the server was busy, the database failed) is taken back when dropped.
pub struct SignInAttempt<'a> {
    limiters: &'a Limiters,
    address: String,
    pair: String,
    settled: bool,
}

impl SignInAttempt<'_> {
    /// A wrong passphrase: the counts stay.
    pub fn failed(mut self) {
        self.settled = true;
    }

    /// The right passphrase: this account-and-address starts afresh; the address gets back
    /// only this attempt (so an attacker's own account cannot wipe their address's count).
    pub fn succeeded(mut self) {
        self.limiters
            .sign_in_account_address
            .succeeded(&self.pair, true);
        self.limiters
            .sign_in_address
            .succeeded(&self.address, false);
        self.settled = true;
    }
}

impl Drop for SignInAttempt<'_> {
    fn drop(&mut self) {
        if !self.settled {
            self.limiters
                .sign_in_address
                .succeeded(&self.address, false);
            self.limiters
                .sign_in_account_address
                .succeeded(&self.pair, false);
        }
    }
}
