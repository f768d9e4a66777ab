//! In-memory token buckets. Each instance keeps its own; with N instances behind a load
//! balancer the bounds in the README multiply by N.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::Instant;

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

pub struct Limiter {
    rate: Rate,
    buckets: Mutex<HashMap<String, (f64, Instant)>>,
}

const MAX_KEYS: usize = 100_000;

impl Limiter {
    pub fn new(rate: Rate) -> Self {
        Self {
            rate,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one attempt for `key`; on refusal, says how many seconds until the next one.
    pub fn check(&self, key: &str) -> Result<(), u64> {
        let now = Instant::now();
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        if buckets.len() >= MAX_KEYS {
            let rate = self.rate;
            buckets.retain(|_, (tokens, at)| {
                *tokens + now.duration_since(*at).as_secs_f64() * rate.per_second < rate.burst
            });
        }
        let (tokens, at) = buckets
            .entry(key.to_string())
            .or_insert((self.rate.burst, now));
        *tokens = (*tokens + now.duration_since(*at).as_secs_f64() * self.rate.per_second)
            .min(self.rate.burst);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - *tokens) / self.rate.per_second).ceil().max(1.0) as u64)
        }
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
    pub sign_in_per_ip: Rate,
    pub sign_in_per_account: Rate,
    pub pair_per_ip: Rate,
    pub pair_global: Rate,
    pub activation_per_ip: Rate,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            sign_in_per_ip: Rate::new(20.0, 20.0 / 3600.0 * 6.0),
            sign_in_per_account: Rate::new(10.0, 10.0 / 3600.0),
            pair_per_ip: Rate::new(10.0, 10.0 / 3600.0),
            pair_global: Rate::new(200.0, 1.0),
            activation_per_ip: Rate::new(20.0, 20.0 / 3600.0),
        }
    }
}

impl Limits {
    /// For load tests and benchmarks only.
    pub fn unlimited() -> Self {
        let r = Rate::new(1e12, 1e12);
        Self {
            sign_in_per_ip: r,
            sign_in_per_account: r,
            pair_per_ip: r,
            pair_global: r,
            activation_per_ip: r,
        }
    }
}

pub struct Limiters {
    pub sign_in_per_ip: Limiter,
    pub sign_in_per_account: Limiter,
    pub pair_per_ip: Limiter,
    pub pair_global: Limiter,
    pub activation_per_ip: Limiter,
}

impl Limiters {
    pub fn new(l: Limits) -> Self {
        Self {
            sign_in_per_ip: Limiter::new(l.sign_in_per_ip),
            sign_in_per_account: Limiter::new(l.sign_in_per_account),
            pair_per_ip: Limiter::new(l.pair_per_ip),
            pair_global: Limiter::new(l.pair_global),
            activation_per_ip: Limiter::new(l.activation_per_ip),
        }
    }
}
