//! The one place that reads the system's clock and time zone.

use chrono::Utc;
use chrono_tz::Tz;
use houvast_core::Clock;

/// "Now" and the device's zone. `TZ` (as the C library reads it) wins, then the system
/// setting; UTC only when neither names a known zone, which is logged.
pub fn system_clock() -> Clock {
    Clock::new(Utc::now(), local_zone())
}

fn local_zone() -> Tz {
    let from_env = std::env::var("TZ")
        .ok()
        .and_then(|v| v.trim_start_matches(':').parse::<Tz>().ok());
    from_env
        .or_else(|| {
            iana_time_zone::get_timezone()
                .ok()
                .and_then(|name| name.parse::<Tz>().ok())
        })
        .unwrap_or_else(|| {
            log::warn!("the system time zone is unknown; dates and reminders follow UTC");
            Tz::UTC
        })
}
