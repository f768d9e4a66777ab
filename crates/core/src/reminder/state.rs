//! The facts the engine is given: where the parent is in the programme (computed elsewhere, by
//! the programme rules and the store) and which reminders were already shown.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use ts_rs::TS;

/// The four reminders. The order is the priority when two fall on the same instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReminderKind {
    Module,
    CheckIn,
    HomeAssignment,
    Reflection,
}

impl ReminderKind {
    pub const ALL: [ReminderKind; 4] = [
        ReminderKind::Module,
        ReminderKind::CheckIn,
        ReminderKind::HomeAssignment,
        ReminderKind::Reflection,
    ];
}

/// One scheduled occurrence of a reminder: its kind and the local date it was planned for.
/// This is what the store logs when a reminder is shown, so the same occurrence is never shown
/// twice, also not when the clock, the zone or the daylight-saving offset moves under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
pub struct Occurrence {
    pub kind: ReminderKind,
    pub local_date: NaiveDate,
}

/// A reminder to show: which occurrence, and when.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Firing {
    pub occurrence: Occurrence,
    pub at: DateTime<Utc>,
}

impl Firing {
    pub fn kind(&self) -> ReminderKind {
        self.occurrence.kind
    }
}

/// Plain facts, each computed by the caller, so the programme's rules stay out of here.
///
/// Facts about the future are taken as they are now: if a module is due, it is assumed to stay
/// due. The caller asks again whenever a fact changes (a module done, a reflection written).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReminderState {
    /// The parent has a module waiting that they have not done and it is time for it.
    pub module_due: bool,
    /// The local date of the most recent daily reflection; that day's reminder is skipped.
    pub last_reflection_on: Option<NaiveDate>,
    /// The local date the do-task of the current module was done, while its home assignment
    /// is not written up yet. `None` when no home assignment is open.
    pub home_assignment_open_since: Option<NaiveDate>,
    /// The local date a check-in for the prevention worker became due, while it is not sent.
    pub check_in_due_since: Option<NaiveDate>,
    /// The parent asked for a pause ("later"): nothing is shown before this instant; what
    /// falls due meanwhile is shown once when it ends.
    pub snoozed_until: Option<DateTime<Utc>>,
    /// Every occurrence already shown. Entries dated more than a week before `checked_until`
    /// no longer matter and may be dropped.
    pub shown: BTreeSet<Occurrence>,
    /// Everything due up to this instant has been dealt with: shown, or passed over as stale.
    /// Kept by the store from [`Due::checked_until`](super::Due::checked_until). Set it to now
    /// when reminders are first switched on or their settings change, so a time that has just
    /// passed is not shown at once. A laptop that slept keeps an old value, and that is how the
    /// engine knows what was missed.
    pub checked_until: DateTime<Utc>,
}

impl ReminderState {
    /// A parent with nothing due and nothing shown, checked up to `now`.
    pub fn new(now: DateTime<Utc>) -> Self {
        Self {
            module_due: false,
            last_reflection_on: None,
            home_assignment_open_since: None,
            check_in_due_since: None,
            snoozed_until: None,
            shown: BTreeSet::new(),
            checked_until: now,
        }
    }
}
