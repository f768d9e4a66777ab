//! Reminders while the app lock keeps the database closed: the moments kept beside it, the
//! discreet text at each, and nothing twice once the parent has unlocked.

#![allow(clippy::unwrap_used)] // a test: a failed unwrap is a failed test

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Tz;
use houvast_core::reminder::{DailyReminder, LocalTime, ReminderSettings, Toggle, WeeklyReminder};
use houvast_core::{Clock, Language, ProfileInput, Programme};
use houvast_session::{LockedReminders, Session, LOCKED_HORIZON_DAYS};
use houvast_store::{DatabaseKey, Store};

const AMSTERDAM: Tz = chrono_tz::Europe::Amsterdam;

fn local(s: &str) -> DateTime<Utc> {
    let naive = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
    AMSTERDAM
        .from_local_datetime(&naive)
        .earliest()
        .unwrap()
        .with_timezone(&Utc)
}

#[test]
fn a_locked_app_shows_the_kept_moments_discreetly_and_nothing_twice_after_unlocking() {
    let programme = Programme::bundled().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(
        &dir.path().join(Store::FILE_NAME),
        &DatabaseKey::generate().unwrap(),
    )
    .unwrap();
    let at = |s: &str| Session::new(&programme, &store, Clock::new(local(s), AMSTERDAM));
    at("2026-11-29 12:00")
        .onboard(ProfileInput {
            language: Language::En,
            pseudonym: "Sam".into(),
            children_ages: vec![6],
            role: Default::default(),
        })
        .unwrap();
    let defaults = ReminderSettings::default();
    at("2026-11-29 12:00")
        .save_reminder_settings(&ReminderSettings {
            module: WeeklyReminder {
                enabled: false,
                ..defaults.module
            },
            reflection: DailyReminder {
                enabled: true,
                time: LocalTime::parse("20:30").unwrap(),
            },
            home_assignment: Toggle { enabled: false },
            // Descriptive texts chosen: while locked they are discreet all the same.
            discreet: false,
            ..defaults
        })
        .unwrap();

    let kept = at("2026-11-29 12:00").locked_reminders().unwrap().unwrap();
    assert_eq!(kept.language, Language::En);
    assert_eq!(kept.at.first(), Some(&local("2026-11-29 20:30")));
    assert_eq!(kept.at.len(), LOCKED_HORIZON_DAYS as usize, "{:?}", kept.at);
    assert!(kept.at.contains(&local("2026-12-05 20:30")));

    // The app restarts, locked. Before the moment: nothing, the next moment named.
    kept.save(dir.path()).unwrap();
    let mut kept = LockedReminders::load(dir.path()).unwrap();
    assert_eq!(
        kept.take_due(local("2026-11-29 20:00")),
        (None, Some(local("2026-11-29 20:30")))
    );
    let (text, next) = kept.take_due(local("2026-11-29 20:31"));
    let text = text.expect("the evening's reminder");
    assert_eq!(
        (text.title, text.body),
        ("Houvast", "A moment for yourself")
    );
    assert_eq!(next, Some(local("2026-11-30 20:30")));
    assert_eq!(kept.take_due(local("2026-11-29 20:33")).0, None, "once");

    // Unlocked at 21:00: the evening's reminder was shown already and does not come again.
    let session = at("2026-11-29 21:00");
    session
        .log_reminders_shown_while_locked(kept.shown_until.unwrap())
        .unwrap();
    assert!(session.take_due().unwrap().show.is_empty());
    // The next evening it comes as usual.
    let next_evening = at("2026-11-30 20:31").take_due().unwrap();
    assert_eq!(next_evening.show.len(), 1);

    LockedReminders::remove(dir.path()).unwrap();
    assert_eq!(LockedReminders::load(dir.path()), None);
}
