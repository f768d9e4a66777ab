//! "Now" and the parent's time zone, as one value. The app makes a [`Clock`] once per command
//! from the system; tests make one for any instant and zone. Nothing in this crate reads the
//! system clock or the system zone: every rule that needs "today" gets it from here.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    pub now: DateTime<Utc>,
    /// The parent's zone with its daylight-saving rules.
    pub tz: Tz,
}

impl Clock {
    pub fn new(now: DateTime<Utc>, tz: Tz) -> Self {
        Self { now, tz }
    }

    /// The parent's calendar day now.
    pub fn today(&self) -> NaiveDate {
        self.local_date(self.now)
    }

    /// The wall-clock time now, in the parent's zone.
    pub fn local_now(&self) -> NaiveDateTime {
        self.now.with_timezone(&self.tz).naive_local()
    }

    /// The calendar day a stored instant fell on, in the parent's zone.
    pub fn local_date(&self, at: DateTime<Utc>) -> NaiveDate {
        at.with_timezone(&self.tz).date_naive()
    }
}
