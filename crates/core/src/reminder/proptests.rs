//! Property tests: many random settings, facts, instants and zones (two with a one-hour
//! daylight-saving shift in different weeks, one with none, Lord Howe with a half-hour shift).

use super::*;
use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

const ZONES: [Tz; 4] = [
    chrono_tz::Europe::Amsterdam,
    chrono_tz::America::New_York,
    chrono_tz::Asia::Kolkata,
    chrono_tz::Australia::Lord_Howe,
];

/// Days in 2026 around which the test zones change their clocks.
const DST_DAYS: [(u32, u32); 6] = [(3, 8), (3, 29), (4, 5), (10, 4), (10, 25), (11, 1)];

fn any_time() -> impl Strategy<Value = LocalTime> {
    // Half the times at night, where the clocks change.
    prop_oneof![
        (0u32..24, 0u32..60),
        (
            0u32..4,
            prop_oneof![Just(0u32), Just(15), Just(30), Just(45)]
        )
    ]
    .prop_map(|(h, m)| LocalTime::new(h, m).unwrap())
}

fn any_settings() -> impl Strategy<Value = ReminderSettings> {
    let quiet = proptest::option::of((any_time(), any_time()))
        .prop_map(|q| q.and_then(|(s, e)| QuietHours::new(s, e).ok()));
    (
        (any::<bool>(), 0usize..7, any_time()),
        (any::<bool>(), any_time()),
        any::<bool>(),
        any::<bool>(),
        quiet,
        any::<bool>(),
    )
        .prop_map(
            |((m_on, wd, m_t), (r_on, r_t), home, check_in, quiet_hours, discreet)| {
                ReminderSettings {
                    module: WeeklyReminder {
                        enabled: m_on,
                        weekday: Weekday::ALL[wd],
                        time: m_t,
                    },
                    reflection: DailyReminder {
                        enabled: r_on,
                        time: r_t,
                    },
                    home_assignment: Toggle { enabled: home },
                    check_in: Toggle { enabled: check_in },
                    quiet_hours,
                    discreet,
                }
            },
        )
}

/// An instant in 2026, often within a few days of a clock change.
fn any_instant() -> impl Strategy<Value = DateTime<Utc>> {
    let start = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    prop_oneof![
        (0i64..365 * 24 * 60).prop_map(move |m| start + Duration::minutes(m)),
        (0usize..DST_DAYS.len(), -3 * 24 * 60..3 * 24 * 60i64).prop_map(|(i, m)| {
            let (mo, d) = DST_DAYS[i];
            Utc.with_ymd_and_hms(2026, mo, d, 0, 0, 0).unwrap() + Duration::minutes(m)
        }),
    ]
}

fn kind_strategy() -> impl Strategy<Value = ReminderKind> {
    (0usize..4).prop_map(|i| ReminderKind::ALL[i])
}

/// Facts around `now`: dates a few days either side, a snooze, a log, a watermark that may be
/// days old (a machine that slept).
fn any_state(now: DateTime<Utc>, tz: Tz) -> impl Strategy<Value = ReminderState> {
    let today = now.with_timezone(&tz).date_naive();
    let date = move |offset: i64| today + Duration::days(offset);
    (
        any::<bool>(),
        proptest::option::of(-4i64..=1),
        proptest::option::of(-12i64..=2),
        proptest::option::of(-12i64..=2),
        proptest::option::of(-3 * 60i64..4 * 24 * 60),
        proptest::collection::btree_set((kind_strategy(), -12i64..=10), 0..6),
        prop_oneof![Just(0i64), 0i64..6 * 24 * 60],
    )
        .prop_map(
            move |(module_due, refl, home, check, snooze, shown, behind)| ReminderState {
                module_due,
                last_reflection_on: refl.map(date),
                home_assignment_open_since: home.map(date),
                check_in_due_since: check.map(date),
                snoozed_until: snooze.map(|m| now + Duration::minutes(m)),
                shown: shown
                    .into_iter()
                    .map(|(kind, d)| Occurrence {
                        kind,
                        local_date: date(d),
                    })
                    .collect(),
                checked_until: now - Duration::minutes(behind),
            },
        )
}

fn scenario() -> impl Strategy<Value = (ReminderSettings, ReminderState, DateTime<Utc>, Tz)> {
    (any_settings(), any_instant(), 0usize..ZONES.len()).prop_flat_map(|(settings, now, z)| {
        let tz = ZONES[z];
        any_state(now, tz).prop_map(move |state| (settings, state, now, tz))
    })
}

fn enabled(settings: &ReminderSettings, state: &ReminderState, o: Occurrence) -> bool {
    match o.kind {
        ReminderKind::Module => settings.module.enabled && state.module_due,
        ReminderKind::Reflection => {
            settings.reflection.enabled && state.last_reflection_on.is_none_or(|d| d < o.local_date)
        }
        ReminderKind::HomeAssignment => {
            settings.home_assignment.enabled && state.home_assignment_open_since.is_some()
        }
        ReminderKind::CheckIn => settings.check_in.enabled && state.check_in_due_since.is_some(),
    }
}

/// When the occurrence after `o` of the same kind is planned, by the rules in plain words.
fn following_occurrence(
    settings: &ReminderSettings,
    o: Occurrence,
    tz: Tz,
) -> Option<DateTime<Utc>> {
    let (after_days, time) = match o.kind {
        ReminderKind::Module => (7, settings.module.time),
        ReminderKind::Reflection => (1, settings.reflection.time),
        ReminderKind::CheckIn => (super::CHECK_IN_REPEAT_DAYS, settings.module.time),
        ReminderKind::HomeAssignment => return None,
    };
    let date = o.local_date + Duration::days(i64::try_from(after_days).ok()?);
    let local = tz
        .from_local_datetime(&date.and_time(time.as_naive()))
        .earliest()?;
    Some(local.with_timezone(&Utc))
}

fn in_quiet_hours(settings: &ReminderSettings, at: DateTime<Utc>, tz: Tz) -> bool {
    settings
        .quiet_hours
        .is_some_and(|q| q.contains(at.with_timezone(&tz).time()))
}

fn snoozed(state: &ReminderState, at: DateTime<Utc>) -> bool {
    state.snoozed_until.is_some_and(|until| at < until)
}

/// A firing the parent would never want: for a rule that is off, inside quiet hours, during a
/// snooze, or for something already shown.
fn check_firing(
    settings: &ReminderSettings,
    state: &ReminderState,
    f: &Firing,
    tz: Tz,
) -> Result<(), TestCaseError> {
    prop_assert!(
        enabled(settings, state, f.occurrence),
        "{f:?} is for a rule that is off"
    );
    prop_assert!(
        !in_quiet_hours(settings, f.at, tz),
        "{f:?} is inside quiet hours"
    );
    prop_assert!(!snoozed(state, f.at), "{f:?} is during a snooze");
    prop_assert!(
        !state.shown.contains(&f.occurrence),
        "{f:?} was already shown"
    );
    Ok(())
}

/// Show what is due, log it and store the watermark, as the store will.
fn deliver(
    settings: &ReminderSettings,
    state: &mut ReminderState,
    now: DateTime<Utc>,
    tz: Tz,
) -> Result<Vec<Firing>, TestCaseError> {
    let due = due_now(settings, state, now, tz);
    let kinds: BTreeSet<_> = due.firings.iter().map(Firing::kind).collect();
    prop_assert_eq!(
        kinds.len(),
        due.firings.len(),
        "more than one per kind: {:?}",
        due.firings
    );
    for f in &due.firings {
        check_firing(settings, state, f, tz)?;
        prop_assert_eq!(f.at, now);
        // Of several missed occurrences, the latest is the one shown.
        if let Some(next) = following_occurrence(settings, f.occurrence, tz) {
            prop_assert!(
                next > now,
                "{:?} shown while a later one was also missed",
                f
            );
        }
    }
    for f in &due.firings {
        state.shown.insert(f.occurrence);
    }
    state.checked_until = due.checked_until;
    Ok(due.firings)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn next_firing_is_after_now_and_never_unwanted((settings, mut state, now, tz) in scenario()) {
        if let Some(f) = next_firing(&settings, &state, now, tz) {
            prop_assert!(f.at >= now);
            check_firing(&settings, &state, &f, tz)?;
        }
        deliver(&settings, &mut state, now, tz)?;
        if let Some(f) = next_firing(&settings, &state, now, tz) {
            prop_assert!(f.at > now, "{:?} is not after {}", f, now);
            check_firing(&settings, &state, &f, tz)?;
            // It is what due_now shows at that moment.
            let due = due_now(&settings, &state, f.at, tz);
            prop_assert!(due.firings.contains(&f), "{:?} not due at its time: {:?}", f, due.firings);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// A month with the machine awake: it wakes at every firing and in between now and then.
    /// Each reminder comes at most once per local day (the module reminder once per week), and
    /// the daily and weekly ones do come.
    #[test]
    fn an_awake_month_fires_each_reminder_once_per_day_or_week(
        (settings, mut state, start, tz) in scenario(),
        steps in proptest::collection::vec(1i64..6 * 60, 1..50),
    ) {
        state.checked_until = start;
        state.snoozed_until = None;
        let preshown = state.shown.clone();
        let end = start + Duration::days(31);
        let mut now = start;
        let mut fired = Vec::new();
        let mut i = 0;
        while now <= end {
            fired.extend(deliver(&settings, &mut state, now, tz)?);
            let wake = now + Duration::minutes(steps[i % steps.len()]);
            i += 1;
            now = match next_firing(&settings, &state, now, tz) {
                Some(f) => {
                    prop_assert!(f.at > now);
                    f.at.min(wake)
                }
                None => wake,
            };
        }

        let mut per_period: BTreeMap<(ReminderKind, i32, u32), u32> = BTreeMap::new();
        for f in &fired {
            let local = f.at.with_timezone(&tz).date_naive();
            let period = match f.kind() {
                ReminderKind::Module => (local.iso_week().year(), local.iso_week().week()),
                _ => (local.year(), local.ordinal()),
            };
            let n = per_period.entry((f.kind(), period.0, period.1)).or_default();
            *n += 1;
            prop_assert!(*n <= 1, "{:?} fired twice in one period: {:?}", f.kind(), fired);
        }

        // Nothing is lost: every eligible evening has its reflection, every week its module
        // reminder (give or take the edges of the month and one merged daylight-saving night).
        let first = start.with_timezone(&tz).date_naive() + Duration::days(1);
        let last = end.with_timezone(&tz).date_naive() - Duration::days(2);
        let count = |kind| fired.iter().filter(|f| f.kind() == kind).count();
        if settings.reflection.enabled {
            let eligible = days(first, last)
                .filter(|d| state.last_reflection_on.is_none_or(|w| w < *d))
                .filter(|d| !preshown.iter().any(|o| o.kind == ReminderKind::Reflection && o.local_date >= *d))
                .count();
            prop_assert!(count(ReminderKind::Reflection) + 1 >= eligible,
                "{} reflections for {} eligible days", count(ReminderKind::Reflection), eligible);
        }
        if settings.module.enabled && state.module_due {
            let eligible = days(first, last)
                .filter(|d| d.weekday() == settings.module.weekday.to_chrono())
                .filter(|d| !preshown.iter().any(|o| o.kind == ReminderKind::Module && o.local_date >= *d))
                .count();
            prop_assert!(count(ReminderKind::Module) + 1 >= eligible);
        }
    }

    /// A month with sleep: the machine sleeps for minutes to days at a time and sometimes wakes
    /// at the planned firing. Never a burst, never twice, never in quiet hours or a snooze.
    #[test]
    fn a_month_with_sleep_never_bursts_or_repeats(
        (settings, mut state, start, tz) in scenario(),
        naps in proptest::collection::vec(prop_oneof![Just(None), (1i64..5 * 24 * 60).prop_map(Some)], 1..40),
    ) {
        let end = start + Duration::days(31);
        let mut now = start;
        let mut seen = BTreeSet::new();
        let mut i = 0;
        while now <= end {
            for f in deliver(&settings, &mut state, now, tz)? {
                prop_assert!(seen.insert(f.occurrence), "{:?} shown twice", f);
            }
            let next = next_firing(&settings, &state, now, tz);
            if let Some(f) = next {
                prop_assert!(f.at > now);
            }
            now = match (naps[i % naps.len()], next) {
                (Some(minutes), _) => now + Duration::minutes(minutes),
                (None, Some(f)) => f.at,
                (None, None) => now + Duration::hours(7),
            };
            i += 1;
        }
    }
}

fn days(first: NaiveDate, last: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    first.iter_days().take_while(move |d| *d <= last)
}
