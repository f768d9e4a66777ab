//! For the tests of this crate: the programme for a parent on a given day in Amsterdam.

use super::ForParent;
use crate::clock::Clock;
use crate::content::Programme;
use crate::ids::PageIndex;
use crate::profile::Profile;
use crate::progress::ModuleProgress;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

pub const TZ: Tz = chrono_tz::Europe::Amsterdam;

/// Noon in Amsterdam on `date`: a time whose local date is `date`.
pub fn noon(date: NaiveDate) -> DateTime<Utc> {
    let noon = date.and_hms_opt(12, 0, 0).expect("noon");
    TZ.from_local_datetime(&noon)
        .earliest()
        .expect("noon exists")
        .with_timezone(&Utc)
}

pub fn clock_on(date: NaiveDate) -> Clock {
    Clock::new(noon(date), TZ)
}

pub fn pages(indices: &[u16]) -> std::collections::BTreeSet<PageIndex> {
    indices.iter().copied().map(PageIndex).collect()
}

/// The programme for this parent on `date` (at noon in Amsterdam).
pub fn on<'a>(
    programme: &'a Programme,
    profile: &'a Profile,
    progress: &'a [ModuleProgress],
    date: NaiveDate,
) -> ForParent<'a> {
    programme.for_parent(profile, progress, clock_on(date))
}
