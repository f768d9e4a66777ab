//! The rules as a parent would notice them: when the phone buzzes, and how often.

use super::*;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use chrono_tz::{America::New_York, Australia::Lord_Howe, Europe::Amsterdam};

fn time(s: &str) -> LocalTime {
    LocalTime::parse(s).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// An instant given on the local clock; it must exist and happen once.
fn local(tz: Tz, y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    tz.with_ymd_and_hms(y, mo, d, h, mi, 0)
        .single()
        .unwrap()
        .with_timezone(&Utc)
}

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

/// Everything off, no quiet hours: each test switches on what it is about.
fn nothing() -> ReminderSettings {
    ReminderSettings {
        module: WeeklyReminder {
            enabled: false,
            weekday: Weekday::Monday,
            time: time("19:30"),
        },
        reflection: DailyReminder {
            enabled: false,
            time: time("20:00"),
        },
        home_assignment: Toggle { enabled: false },
        check_in: Toggle { enabled: false },
        quiet_hours: None,
        discreet: true,
    }
}

fn reflection_at(t: &str) -> ReminderSettings {
    ReminderSettings {
        reflection: DailyReminder {
            enabled: true,
            time: time(t),
        },
        ..nothing()
    }
}

fn module_on(weekday: Weekday, t: &str) -> ReminderSettings {
    ReminderSettings {
        module: WeeklyReminder {
            enabled: true,
            weekday,
            time: time(t),
        },
        ..nothing()
    }
}

fn quiet(start: &str, end: &str) -> Option<QuietHours> {
    Some(QuietHours::new(time(start), time(end)).unwrap())
}

fn occ(kind: ReminderKind, date: NaiveDate) -> Occurrence {
    Occurrence {
        kind,
        local_date: date,
    }
}

/// The app's loop with an awake machine: show what is due, store the log and the watermark,
/// then wake at the next firing or after `step`, whichever comes first. Returns what was shown.
fn run(
    settings: &ReminderSettings,
    state: &mut ReminderState,
    tz: Tz,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
    step: chrono::Duration,
) -> Vec<Firing> {
    let mut shown = Vec::new();
    let mut now = from;
    while now <= until {
        let due = due_now(settings, state, now, tz);
        for f in &due.firings {
            assert!(state.shown.insert(f.occurrence), "{f:?} shown twice");
            shown.push(*f);
        }
        state.checked_until = due.checked_until;
        let wake = now + step;
        now = match next_firing(settings, state, now, tz) {
            Some(f) => {
                assert!(f.at > now, "next firing {f:?} is not after {now}");
                f.at.min(wake)
            }
            None => wake,
        };
    }
    shown
}

fn kinds(firings: &[Firing]) -> Vec<ReminderKind> {
    firings.iter().map(Firing::kind).collect()
}

// --- the rules, one by one ---

#[test]
fn weekly_module_reminder_comes_on_the_chosen_weekday_and_time() {
    let settings = module_on(Weekday::Thursday, "19:30");
    let now = local(Amsterdam, 2026, 5, 11, 9, 0); // a Monday
    let mut state = ReminderState::new(now);
    state.module_due = true;
    let f = next_firing(&settings, &state, now, Amsterdam).unwrap();
    assert_eq!(f.at, local(Amsterdam, 2026, 5, 14, 19, 30));
    assert_eq!(f.occurrence, occ(ReminderKind::Module, day(2026, 5, 14)));

    // After it was shown, the next one is a week later.
    state.shown.insert(f.occurrence);
    state.checked_until = f.at;
    let f = next_firing(&settings, &state, f.at, Amsterdam).unwrap();
    assert_eq!(f.at, local(Amsterdam, 2026, 5, 21, 19, 30));
}

#[test]
fn no_module_reminder_while_no_module_is_due() {
    let settings = module_on(Weekday::Thursday, "19:30");
    let now = local(Amsterdam, 2026, 5, 11, 9, 0);
    let state = ReminderState::new(now);
    assert_eq!(next_firing(&settings, &state, now, Amsterdam), None);
    assert!(due_now(
        &settings,
        &state,
        now + chrono::Duration::days(30),
        Amsterdam
    )
    .firings
    .is_empty());
}

#[test]
fn daily_reflection_is_skipped_when_todays_reflection_is_written() {
    let settings = reflection_at("20:00");
    let now = local(Amsterdam, 2026, 5, 11, 9, 0);
    let mut state = ReminderState::new(now);
    assert_eq!(
        next_firing(&settings, &state, now, Amsterdam).unwrap().at,
        local(Amsterdam, 2026, 5, 11, 20, 0)
    );

    state.last_reflection_on = Some(day(2026, 5, 11));
    let f = next_firing(&settings, &state, now, Amsterdam).unwrap();
    assert_eq!(f.at, local(Amsterdam, 2026, 5, 12, 20, 0));
    assert_eq!(f.occurrence.local_date, day(2026, 5, 12));
}

#[test]
fn a_disabled_reminder_never_fires() {
    let now = local(Amsterdam, 2026, 5, 11, 9, 0);
    let mut state = ReminderState::new(now);
    state.module_due = true;
    state.home_assignment_open_since = Some(day(2026, 5, 10));
    state.check_in_due_since = Some(day(2026, 5, 11));
    assert_eq!(next_firing(&nothing(), &state, now, Amsterdam), None);
}

#[test]
fn home_assignment_nudge_comes_once_mid_week_at_the_module_time() {
    let mut settings = nothing();
    settings.home_assignment.enabled = true;
    settings.module.time = time("19:30"); // the module reminder itself may be off
    let now = local(Amsterdam, 2026, 5, 11, 21, 0);
    let mut state = ReminderState::new(now);
    state.home_assignment_open_since = Some(day(2026, 5, 11));
    let shown = run(
        &settings,
        &mut state,
        Amsterdam,
        now,
        now + chrono::Duration::days(14),
        chrono::Duration::hours(1),
    );
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0].at, local(Amsterdam, 2026, 5, 14, 19, 30));
    assert_eq!(
        shown[0].occurrence,
        occ(ReminderKind::HomeAssignment, day(2026, 5, 14))
    );

    // Written up before the nudge: no nudge.
    let mut state = ReminderState::new(now);
    state.home_assignment_open_since = None;
    assert_eq!(next_firing(&settings, &state, now, Amsterdam), None);
}

#[test]
fn check_in_reminder_comes_when_due_and_again_every_few_days() {
    let mut settings = nothing();
    settings.check_in.enabled = true;
    let now = local(Amsterdam, 2026, 5, 11, 9, 0);
    let mut state = ReminderState::new(now);
    state.check_in_due_since = Some(day(2026, 5, 11));
    let shown = run(
        &settings,
        &mut state,
        Amsterdam,
        now,
        local(Amsterdam, 2026, 5, 18, 23, 0),
        chrono::Duration::hours(2),
    );
    let dates: Vec<_> = shown.iter().map(|f| f.occurrence.local_date).collect();
    assert_eq!(
        dates,
        vec![day(2026, 5, 11), day(2026, 5, 14), day(2026, 5, 17)]
    );
    assert!(shown
        .iter()
        .all(|f| f.at.with_timezone(&Amsterdam).time() == time("19:30").as_naive()));
}

#[test]
fn quiet_hours_across_midnight_move_a_reminder_to_their_end() {
    let mut settings = reflection_at("23:00");
    settings.quiet_hours = quiet("22:00", "07:00");
    let now = local(Amsterdam, 2026, 5, 11, 9, 0);
    let state = ReminderState::new(now);
    let f = next_firing(&settings, &state, now, Amsterdam).unwrap();
    assert_eq!(f.at, local(Amsterdam, 2026, 5, 12, 7, 0));
    // Still the occurrence of the evening it was planned for.
    assert_eq!(f.occurrence.local_date, day(2026, 5, 11));

    // Early-morning part of the same quiet hours.
    let settings = ReminderSettings {
        quiet_hours: quiet("22:00", "07:00"),
        ..reflection_at("05:45")
    };
    assert_eq!(
        next_firing(&settings, &state, now, Amsterdam).unwrap().at,
        local(Amsterdam, 2026, 5, 12, 7, 0)
    );
}

#[test]
fn a_laptop_opened_during_quiet_hours_holds_the_missed_reminder_until_they_end() {
    let mut settings = reflection_at("20:00");
    settings.quiet_hours = quiet("22:00", "07:00");
    // Asleep from 19:00; opened at 23:30, inside quiet hours.
    let mut state = ReminderState::new(local(Amsterdam, 2026, 5, 11, 19, 0));
    let now = local(Amsterdam, 2026, 5, 11, 23, 30);
    let due = due_now(&settings, &state, now, Amsterdam);
    assert!(due.firings.is_empty());
    assert_eq!(due.checked_until, state.checked_until);
    state.checked_until = due.checked_until;

    let f = next_firing(&settings, &state, now, Amsterdam).unwrap();
    assert_eq!(f.at, local(Amsterdam, 2026, 5, 12, 7, 0));
    assert_eq!(f.occurrence.local_date, day(2026, 5, 11));
    let due = due_now(&settings, &state, f.at, Amsterdam);
    assert_eq!(due.firings, vec![f]);
    assert_eq!(due.checked_until, f.at);
}

#[test]
fn snooze_holds_reminders_back_and_shows_them_once_when_it_ends() {
    let mut settings = reflection_at("20:00");
    settings.module = WeeklyReminder {
        enabled: true,
        weekday: Weekday::Tuesday,
        time: time("19:30"),
    };
    let now = local(Amsterdam, 2026, 5, 11, 18, 0); // Monday
    let mut state = ReminderState::new(now);
    state.module_due = true;

    // "Later" for an hour and a quarter: tonight's reflection comes at 21:15.
    state.snoozed_until = Some(local(Amsterdam, 2026, 5, 11, 21, 15));
    let f = next_firing(&settings, &state, now, Amsterdam).unwrap();
    assert_eq!(
        (f.kind(), f.at),
        (
            ReminderKind::Reflection,
            local(Amsterdam, 2026, 5, 11, 21, 15)
        )
    );

    // A pause of three days: at its end one reflection (the latest evening) and one module
    // reminder, not one per missed evening.
    let until = local(Amsterdam, 2026, 5, 14, 12, 0);
    state.snoozed_until = Some(until);
    let f = next_firing(&settings, &state, now, Amsterdam).unwrap();
    assert_eq!(f.at, until);
    let shown = run(
        &settings,
        &mut state,
        Amsterdam,
        now,
        until,
        chrono::Duration::minutes(20),
    );
    assert_eq!(
        kinds(&shown),
        vec![ReminderKind::Module, ReminderKind::Reflection]
    );
    assert!(shown.iter().all(|f| f.at == until));
    assert_eq!(shown[0].occurrence.local_date, day(2026, 5, 12));
    assert_eq!(shown[1].occurrence.local_date, day(2026, 5, 13));
}

#[test]
fn a_snooze_ending_in_quiet_hours_waits_for_their_end() {
    let mut settings = reflection_at("20:00");
    settings.quiet_hours = quiet("22:00", "07:00");
    let now = local(Amsterdam, 2026, 5, 11, 20, 0);
    let mut state = ReminderState::new(now - chrono::Duration::minutes(1));
    state.snoozed_until = Some(local(Amsterdam, 2026, 5, 11, 23, 0));
    assert!(due_now(&settings, &state, now, Amsterdam)
        .firings
        .is_empty());
    assert_eq!(
        next_firing(&settings, &state, now, Amsterdam).unwrap().at,
        local(Amsterdam, 2026, 5, 12, 7, 0)
    );
}

// --- daylight saving, Europe/Amsterdam 2026 ---

#[test]
fn spring_forward_a_0230_reminder_fires_once_at_0300() {
    // 2026-03-29: at 02:00 CET the clock jumps to 03:00 CEST; 02:30 does not exist.
    let settings = reflection_at("02:30");
    let start = local(Amsterdam, 2026, 3, 28, 12, 0);
    let mut state = ReminderState::new(start);
    let shown = run(
        &settings,
        &mut state,
        Amsterdam,
        start,
        local(Amsterdam, 2026, 3, 30, 12, 0),
        chrono::Duration::minutes(5),
    );
    let on_the_night: Vec<_> = shown
        .iter()
        .filter(|f| f.occurrence.local_date == day(2026, 3, 29))
        .collect();
    assert_eq!(on_the_night.len(), 1);
    assert_eq!(on_the_night[0].at, utc(2026, 3, 29, 1, 0)); // 03:00 CEST
    let times: Vec<_> = shown.iter().map(|f| f.at).collect();
    assert_eq!(times, vec![utc(2026, 3, 29, 1, 0), utc(2026, 3, 30, 0, 30)]);
}

#[test]
fn fall_back_a_0230_reminder_fires_once_at_the_first_0230() {
    // 2026-10-25: at 03:00 CEST the clock goes back to 02:00 CET; 02:30 happens twice.
    let settings = reflection_at("02:30");
    let start = local(Amsterdam, 2026, 10, 24, 12, 0);
    let mut state = ReminderState::new(start);
    let shown = run(
        &settings,
        &mut state,
        Amsterdam,
        start,
        local(Amsterdam, 2026, 10, 26, 12, 0),
        chrono::Duration::minutes(5),
    );
    let times: Vec<_> = shown.iter().map(|f| f.at).collect();
    // 02:30 CEST (00:30 UTC), not again at 02:30 CET (01:30 UTC); the next night 02:30 CET.
    assert_eq!(
        times,
        vec![utc(2026, 10, 25, 0, 30), utc(2026, 10, 26, 1, 30)]
    );
}

#[test]
fn weekly_reminder_on_both_dst_sundays_fires_once_each() {
    let settings = module_on(Weekday::Sunday, "02:30");
    let start = local(Amsterdam, 2026, 3, 20, 12, 0);
    let mut state = ReminderState::new(start);
    state.module_due = true;
    let spring = run(
        &settings,
        &mut state,
        Amsterdam,
        start,
        local(Amsterdam, 2026, 3, 31, 0, 0),
        chrono::Duration::minutes(10),
    );
    assert_eq!(
        spring.iter().map(|f| f.at).collect::<Vec<_>>(),
        vec![utc(2026, 3, 22, 1, 30), utc(2026, 3, 29, 1, 0)]
    );

    let start = local(Amsterdam, 2026, 10, 20, 12, 0);
    let mut state = ReminderState::new(start);
    state.module_due = true;
    let autumn = run(
        &settings,
        &mut state,
        Amsterdam,
        start,
        local(Amsterdam, 2026, 11, 2, 0, 0),
        chrono::Duration::minutes(10),
    );
    assert_eq!(
        autumn.iter().map(|f| f.at).collect::<Vec<_>>(),
        vec![utc(2026, 10, 25, 0, 30), utc(2026, 11, 1, 1, 30)]
    );
}

#[test]
fn quiet_hours_that_end_inside_the_spring_gap_end_at_0300() {
    let mut settings = reflection_at("01:15");
    settings.quiet_hours = quiet("01:00", "02:30");
    let now = local(Amsterdam, 2026, 3, 28, 12, 0);
    let state = ReminderState::new(now);
    let f = next_firing(&settings, &state, now, Amsterdam).unwrap();
    assert_eq!(f.at, utc(2026, 3, 29, 1, 0)); // 03:00 CEST
}

#[test]
fn lord_howe_half_hour_gap_fires_once_at_its_end() {
    // 2026-10-04 on Lord Howe Island: 02:00 jumps to 02:30 (UTC+10:30 to UTC+11).
    let settings = reflection_at("02:15");
    let start = local(Lord_Howe, 2026, 10, 3, 12, 0);
    let mut state = ReminderState::new(start);
    let shown = run(
        &settings,
        &mut state,
        Lord_Howe,
        start,
        local(Lord_Howe, 2026, 10, 5, 12, 0),
        chrono::Duration::minutes(5),
    );
    let times: Vec<_> = shown
        .iter()
        .map(|f| {
            f.at.with_timezone(&Lord_Howe)
                .format("%d %H:%M")
                .to_string()
        })
        .collect();
    assert_eq!(times, vec!["04 02:30", "05 02:15"]);
}

// --- sleep and travel ---

#[test]
fn sleeping_three_days_shows_one_reminder_per_kind_on_waking() {
    let mut settings = ReminderSettings::default();
    settings.reflection.enabled = true;
    settings.quiet_hours = quiet("22:00", "08:00");
    // Asleep from Friday 18:00 to Monday 09:00.
    let mut state = ReminderState::new(local(Amsterdam, 2026, 5, 8, 18, 0));
    state.module_due = true;
    state.home_assignment_open_since = Some(day(2026, 5, 6));
    state.check_in_due_since = Some(day(2026, 5, 4));
    let wake = local(Amsterdam, 2026, 5, 11, 9, 0);

    let due = due_now(&settings, &state, wake, Amsterdam);
    assert_eq!(
        due.firings.iter().map(|f| f.occurrence).collect::<Vec<_>>(),
        vec![
            // The Monday 19:30 module reminder is still to come; the check-in's latest missed
            // repeat was Sunday; the nudge was Saturday; the reflection Sunday evening.
            occ(ReminderKind::CheckIn, day(2026, 5, 10)),
            occ(ReminderKind::HomeAssignment, day(2026, 5, 9)),
            occ(ReminderKind::Reflection, day(2026, 5, 10)),
        ]
    );
    assert!(due.firings.iter().all(|f| f.at == wake));
    assert_eq!(due.checked_until, wake);
    for f in &due.firings {
        state.shown.insert(f.occurrence);
    }
    state.checked_until = due.checked_until;

    // Nothing more right after, and the day goes on as planned.
    assert!(due_now(
        &settings,
        &state,
        wake + chrono::Duration::minutes(1),
        Amsterdam
    )
    .firings
    .is_empty());
    let next = next_firing(&settings, &state, wake, Amsterdam).unwrap();
    assert_eq!(next.occurrence, occ(ReminderKind::Module, day(2026, 5, 11)));
    assert_eq!(next.at, local(Amsterdam, 2026, 5, 11, 19, 30));
}

#[test]
fn waking_shows_nothing_already_shown_before_sleep() {
    let settings = reflection_at("20:00");
    let mut state = ReminderState::new(local(Amsterdam, 2026, 5, 11, 20, 0));
    state
        .shown
        .insert(occ(ReminderKind::Reflection, day(2026, 5, 11)));
    // The store crashed before saving the watermark: the log alone keeps it from coming twice.
    state.checked_until = local(Amsterdam, 2026, 5, 11, 19, 0);
    let due = due_now(
        &settings,
        &state,
        local(Amsterdam, 2026, 5, 11, 21, 0),
        Amsterdam,
    );
    assert!(due.firings.is_empty());
}

#[test]
fn a_reminder_switched_on_after_its_time_waits_for_tomorrow() {
    let settings = reflection_at("20:00");
    let now = local(Amsterdam, 2026, 5, 11, 21, 0);
    let state = ReminderState::new(now);
    assert!(due_now(&settings, &state, now, Amsterdam)
        .firings
        .is_empty());
    assert_eq!(
        next_firing(&settings, &state, now, Amsterdam).unwrap().at,
        local(Amsterdam, 2026, 5, 12, 20, 0)
    );
}

#[test]
fn flying_west_the_reminder_follows_the_local_clock_and_does_not_repeat_that_day() {
    let settings = reflection_at("20:00");
    // Shown at 20:00 in Amsterdam (18:00 UTC), then a flight to New York, landing at 19:00
    // local (23:00 UTC), still 11 May there.
    let shown_at = local(Amsterdam, 2026, 5, 11, 20, 0);
    let mut state = ReminderState::new(shown_at);
    state
        .shown
        .insert(occ(ReminderKind::Reflection, day(2026, 5, 11)));
    let landed = local(New_York, 2026, 5, 11, 19, 0);
    assert!(due_now(&settings, &state, landed, New_York)
        .firings
        .is_empty());
    let f = next_firing(&settings, &state, landed, New_York).unwrap();
    assert_eq!(f.at, local(New_York, 2026, 5, 12, 20, 0));
}

#[test]
fn flying_east_the_next_evening_comes_at_the_new_local_time() {
    let settings = reflection_at("20:00");
    // Shown at 20:00 in New York (00:00 UTC on 12 May), then a night flight to Amsterdam.
    let shown_at = local(New_York, 2026, 5, 11, 20, 0);
    let mut state = ReminderState::new(shown_at);
    state
        .shown
        .insert(occ(ReminderKind::Reflection, day(2026, 5, 11)));
    let landed = local(Amsterdam, 2026, 5, 12, 10, 0);
    assert!(due_now(&settings, &state, landed, Amsterdam)
        .firings
        .is_empty());
    let f = next_firing(&settings, &state, landed, Amsterdam).unwrap();
    assert_eq!(f.at, local(Amsterdam, 2026, 5, 12, 20, 0));
    assert_eq!(f.occurrence.local_date, day(2026, 5, 12));
}

#[test]
fn a_day_of_travel_with_the_laptop_asleep_shows_one_reminder() {
    let settings = reflection_at("20:00");
    // Asleep from 10:00 in Amsterdam, opened at 21:00 in New York the same date: the 20:00
    // Amsterdam moment passed during the flight, the 20:00 New York moment just passed.
    let mut state = ReminderState::new(local(Amsterdam, 2026, 5, 11, 10, 0));
    let shown = run(
        &settings,
        &mut state,
        New_York,
        local(New_York, 2026, 5, 11, 21, 0),
        local(New_York, 2026, 5, 12, 12, 0),
        chrono::Duration::minutes(30),
    );
    assert_eq!(shown.len(), 1);
    assert_eq!(
        shown[0].occurrence,
        occ(ReminderKind::Reflection, day(2026, 5, 11))
    );
}

#[test]
fn firings_travel_as_snake_case_json() {
    let f = Firing {
        occurrence: occ(ReminderKind::HomeAssignment, day(2026, 5, 14)),
        at: utc(2026, 5, 14, 17, 30),
    };
    let json = serde_json::to_value(f).unwrap();
    assert_eq!(json["occurrence"]["kind"], "home_assignment");
    assert_eq!(json["occurrence"]["local_date"], "2026-05-14");
    assert_eq!(serde_json::from_value::<Firing>(json).unwrap(), f);
}
