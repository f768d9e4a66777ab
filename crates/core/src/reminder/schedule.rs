//! The engine: given the settings, the facts and "now" with its zone, when does the next
//! reminder fire, and what is due right now.
//!
//! Every reminder is a series of occurrences, one per local date: the weekly module reminder on
//! the chosen weekday, the reflection every day, the check-in every few days while it is due,
//! the home-assignment nudge once. An occurrence's local date and time are turned into an
//! instant in the zone passed in, so a parent who flies to New York gets the 20:00 reminder at
//! 20:00 New York time, and the occurrence (kind and local date) keeps the day of travel from
//! firing twice.
//!
//! Daylight saving: a local time that does not exist (02:30 on the spring-forward night) fires
//! at the first instant after the gap (03:00); a local time that happens twice (02:30 on the
//! autumn night) fires at the earlier one. Either way the occurrence is one, so it fires once.
//!
//! Quiet hours and a snooze hold a reminder back until they end. A reminder that was held back,
//! or missed while the laptop slept, is shown once when it can be: of several occurrences of one
//! kind that would be shown at the same moment, only the latest is, so waking after three days
//! shows one reminder per kind, not a burst. What "missed" means is measured from
//! [`ReminderState::checked_until`]: everything planned after it and not yet shown is pending.

use super::settings::{LocalTime, QuietHours, ReminderSettings};
use super::state::{Firing, Occurrence, ReminderKind, ReminderState};
use chrono::{DateTime, Datelike, Days, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The home-assignment nudge comes this many days after the do-task was done: the middle of
/// the week in which the parent practises.
pub const HOME_ASSIGNMENT_NUDGE_AFTER_DAYS: u64 = 3;

/// While a check-in stays due, its reminder comes back after this many days: often enough not to
/// be forgotten, seldom enough not to nag.
pub const CHECK_IN_REPEAT_DAYS: u64 = 3;

/// Missed occurrences further back than this are always superseded by a later one of a
/// repeating reminder (the longest period is a week), so the search need not start earlier.
const LOOK_BACK_DAYS: u64 = 10;

/// Past the last relevant instant, a repeating reminder has an occurrence within a week; a
/// month is a generous bound that keeps a search over odd input finite.
const LOOK_AHEAD_DAYS: u64 = 31;

/// Daylight-saving gaps are an hour or less today; a whole skipped day has happened (Samoa,
/// 2011), so look up to two days ahead for the first local minute that exists.
const GAP_SEARCH_MINUTES: i64 = 48 * 60;

/// What to show now, and up to when the store may consider everything dealt with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Due {
    /// At most one per kind. The store logs each one it shows in [`ReminderState::shown`].
    pub firings: Vec<Firing>,
    /// The new [`ReminderState::checked_until`]. It stays where it was while now is inside
    /// quiet hours or a snooze, so what was missed is still pending when they end.
    pub checked_until: DateTime<Utc>,
}

/// The next reminder to show, with the instant to show it. After [`due_now`] has been run at
/// `now` and its result stored, the instant is strictly after `now`; a reminder that is due but
/// not yet delivered comes back with `at == now`.
pub fn next_firing(
    settings: &ReminderSettings,
    state: &ReminderState,
    now: DateTime<Utc>,
    tz: Tz,
) -> Option<Firing> {
    let planner = Planner::new(settings, state, now, tz);
    ReminderKind::ALL
        .into_iter()
        .filter_map(|kind| planner.first_pending(kind))
        .min_by_key(|f| (f.at, f.occurrence.kind))
}

/// What to show at `now`: on a timer, on waking from sleep, after the clock or zone changed.
/// At most one reminder per kind, the latest occurrence, never one already shown.
pub fn due_now(
    settings: &ReminderSettings,
    state: &ReminderState,
    now: DateTime<Utc>,
    tz: Tz,
) -> Due {
    let planner = Planner::new(settings, state, now, tz);
    let held = planner.release(now) != Some(now);
    let firings = ReminderKind::ALL
        .into_iter()
        .filter_map(|kind| planner.first_pending(kind))
        .filter(|f| f.at <= now)
        .collect();
    Due {
        firings,
        checked_until: if held { state.checked_until } else { now },
    }
}

struct Planner<'a> {
    settings: &'a ReminderSettings,
    state: &'a ReminderState,
    now: DateTime<Utc>,
    tz: Tz,
    horizon: NaiveDate,
}

impl<'a> Planner<'a> {
    fn new(
        settings: &'a ReminderSettings,
        state: &'a ReminderState,
        now: DateTime<Utc>,
        tz: Tz,
    ) -> Self {
        let latest = [Some(now), Some(state.checked_until), state.snoozed_until]
            .into_iter()
            .flatten()
            .max()
            .unwrap_or(now);
        let horizon = add_days(local_date(latest, tz), LOOK_AHEAD_DAYS);
        Self {
            settings,
            state,
            now,
            tz,
            horizon,
        }
    }

    /// The first occurrence of `kind` that is still to be shown and not superseded by the next
    /// one, with the instant it can be shown.
    fn first_pending(&self, kind: ReminderKind) -> Option<Firing> {
        let last_shown = self
            .state
            .shown
            .iter()
            .filter(|o| o.kind == kind)
            .map(|o| o.local_date)
            .max();
        let mut current = self.next_date(kind, self.search_start(kind));
        while let Some(date) = current.filter(|d| *d <= self.horizon) {
            let next = date.succ_opt().and_then(|d| self.next_date(kind, d));
            if let Some(at) = self.pending_at(kind, date, last_shown) {
                // The instants are non-decreasing along the series, so only the next occurrence
                // can take this one's place: when both would be shown at the same moment.
                let superseded = next
                    .and_then(|n| self.pending_at(kind, n, last_shown))
                    .is_some_and(|next_at| next_at <= at);
                if !superseded {
                    return Some(Firing {
                        occurrence: Occurrence {
                            kind,
                            local_date: date,
                        },
                        at,
                    });
                }
            }
            current = next;
        }
        None
    }

    fn search_start(&self, kind: ReminderKind) -> NaiveDate {
        // Two days before the last check covers the longest hold of quiet hours (under a day,
        // plus a daylight-saving hour) in any zone.
        let since_check = sub_days(local_date(self.state.checked_until, self.tz), 2);
        match kind {
            // A single occurrence has nothing after it to take its place, however old.
            ReminderKind::HomeAssignment => since_check,
            _ => since_check.max(sub_days(local_date(self.now, self.tz), LOOK_BACK_DAYS)),
        }
    }

    /// When the occurrence on `date` can be shown, if it is still to be shown at all.
    fn pending_at(
        &self,
        kind: ReminderKind,
        date: NaiveDate,
        last_shown: Option<NaiveDate>,
    ) -> Option<DateTime<Utc>> {
        // Showing a later occurrence settles the earlier ones too.
        if last_shown.is_some_and(|shown| shown >= date) {
            return None;
        }
        let planned = resolve(self.tz, date.and_time(self.time_of(kind).as_naive()))?;
        if planned <= self.state.checked_until {
            return None;
        }
        self.release(planned.max(self.now))
    }

    fn time_of(&self, kind: ReminderKind) -> LocalTime {
        match kind {
            ReminderKind::Reflection => self.settings.reflection.time,
            _ => self.settings.module.time,
        }
    }

    /// The first date on or after `from` with an occurrence of `kind`.
    fn next_date(&self, kind: ReminderKind, from: NaiveDate) -> Option<NaiveDate> {
        let (s, st) = (self.settings, self.state);
        match kind {
            ReminderKind::Module => (s.module.enabled && st.module_due).then(|| {
                let want = s.module.weekday.to_chrono().num_days_from_monday();
                let have = from.weekday().num_days_from_monday();
                add_days(from, u64::from((want + 7 - have) % 7))
            }),
            ReminderKind::Reflection => s.reflection.enabled.then(|| match st.last_reflection_on {
                Some(written) if written >= from => add_days(written, 1),
                _ => from,
            }),
            ReminderKind::HomeAssignment => {
                let since = st
                    .home_assignment_open_since
                    .filter(|_| s.home_assignment.enabled)?;
                Some(add_days(since, HOME_ASSIGNMENT_NUDGE_AFTER_DAYS)).filter(|d| *d >= from)
            }
            ReminderKind::CheckIn => {
                let since = st.check_in_due_since.filter(|_| s.check_in.enabled)?;
                let behind = u64::try_from((from - since).num_days()).unwrap_or(0);
                Some(add_days(
                    since,
                    behind.div_ceil(CHECK_IN_REPEAT_DAYS) * CHECK_IN_REPEAT_DAYS,
                ))
            }
        }
    }

    /// The first instant at or after `t` outside a snooze and outside quiet hours.
    fn release(&self, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let t = match self.state.snoozed_until {
            Some(until) if t < until => until,
            _ => t,
        };
        match self.settings.quiet_hours {
            Some(quiet) => leave_quiet_hours(quiet, t, self.tz),
            None => Some(t),
        }
    }
}

/// `t` itself when it is outside quiet hours, else the next moment the quiet hours end.
fn leave_quiet_hours(quiet: QuietHours, t: DateTime<Utc>, tz: Tz) -> Option<DateTime<Utc>> {
    let local = t.with_timezone(&tz);
    if !quiet.contains(local.time()) {
        return Some(t);
    }
    let mut day = local.date_naive();
    for _ in 0..7 {
        let end = day.and_time(quiet.end().as_naive());
        // On the autumn night the end may happen twice; on the spring night it may not exist,
        // and the first instant after the gap can itself fall inside quiet hours (for quiet
        // hours that end in the gap and start just after it): then the next day's end counts.
        let candidates = match tz.from_local_datetime(&end) {
            chrono::LocalResult::Single(a) => [Some(a), None],
            chrono::LocalResult::Ambiguous(a, b) => [Some(a), Some(b)],
            chrono::LocalResult::None => [first_after_gap(tz, end), None],
        };
        if let Some(c) = candidates
            .into_iter()
            .flatten()
            .find(|c| *c > local && !quiet.contains(c.time()))
        {
            return Some(c.with_timezone(&Utc));
        }
        day = day.succ_opt()?;
    }
    None
}

/// The instant a local date and time means in `tz`: the earlier one when it happens twice, the
/// first instant after the gap when it does not happen at all.
pub(super) fn resolve(tz: Tz, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    tz.from_local_datetime(&local)
        .earliest()
        .or_else(|| first_after_gap(tz, local))
        .map(|t| t.with_timezone(&Utc))
}

fn first_after_gap(tz: Tz, local: NaiveDateTime) -> Option<DateTime<Tz>> {
    (1..=GAP_SEARCH_MINUTES).find_map(|m| {
        let later = local.checked_add_signed(Duration::minutes(m))?;
        tz.from_local_datetime(&later).earliest()
    })
}

fn local_date(t: DateTime<Utc>, tz: Tz) -> NaiveDate {
    t.with_timezone(&tz).date_naive()
}

fn add_days(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(Days::new(n)).unwrap_or(NaiveDate::MAX)
}

fn sub_days(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_sub_days(Days::new(n)).unwrap_or(NaiveDate::MIN)
}
