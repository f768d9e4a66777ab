//! Reflections and the reminder log on a real SQLCipher file in a temporary directory.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use houvast_core::reflection::ReflectionAnswers;
use houvast_core::reminder::{LocalTime, Occurrence, ReminderKind, ReminderSettings};
use houvast_store::{DatabaseKey, Store};
use std::path::Path;

const MARKER: &str = "MARKER-reflectie-9b2e71";

fn open(path: &Path) -> Store {
    Store::open(path, &DatabaseKey::from_bytes([9; 32])).expect("open")
}

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).expect("date")
}

fn at(m: u32, day: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, m, day, h, 0, 0)
        .single()
        .expect("time")
}

fn answers(went_well: &str) -> ReflectionAnswers {
    ReflectionAnswers {
        went_well: went_well.to_owned(),
        noticed_in_myself: "Ik bleef rustig".into(),
        noticed_in_child: String::new(),
    }
}

#[test]
fn a_reflection_is_kept_per_day_encrypted_and_replaced_as_typed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.db");
    {
        let store = open(&path);
        assert_eq!(store.reflection(d(3, 10)).unwrap(), None);
        store
            .save_reflection(d(3, 10), &answers("Samen"), at(3, 10, 19))
            .unwrap();
        store
            .save_reflection(d(3, 10), &answers(MARKER), at(3, 10, 20))
            .unwrap();
        store
            .save_reflection(d(3, 9), &answers("Gisteren"), at(3, 9, 20))
            .unwrap();
    }
    let store = open(&path);
    let entry = store.reflection(d(3, 10)).unwrap().expect("saved");
    assert_eq!(entry.answers, answers(MARKER));
    assert_eq!(entry.updated_at, at(3, 10, 20));
    assert_eq!(
        store
            .reflection(d(3, 9))
            .unwrap()
            .unwrap()
            .answers
            .went_well,
        "Gisteren"
    );
    drop(store);
    for suffix in ["", "-wal"] {
        let file = dir.path().join(format!("h.db{suffix}"));
        if let Ok(bytes) = std::fs::read(&file) {
            assert!(
                !bytes.windows(MARKER.len()).any(|w| w == MARKER.as_bytes()),
                "{} holds the reflection in plain text",
                file.display()
            );
        }
    }
}

#[test]
fn emptying_a_day_removes_it_from_the_calendar() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir.path().join("h.db"));
    store
        .save_reflection(d(3, 10), &answers("Iets"), at(3, 10, 20))
        .unwrap();
    assert_eq!(store.last_reflection_on().unwrap(), Some(d(3, 10)));
    store
        .save_reflection(d(3, 10), &ReflectionAnswers::default(), at(3, 10, 21))
        .unwrap();
    assert_eq!(store.reflection(d(3, 10)).unwrap(), None);
    assert_eq!(store.last_reflection_on().unwrap(), None);
    assert!(store
        .reflection_dates(d(1, 1), d(12, 31))
        .unwrap()
        .is_empty());
}

#[test]
fn dates_come_back_for_a_range_only() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir.path().join("h.db"));
    for (m, day) in [(2, 28), (3, 1), (3, 15), (3, 31), (4, 1)] {
        store
            .save_reflection(d(m, day), &answers("x"), at(m, day, 20))
            .unwrap();
    }
    let march = store.reflection_dates(d(3, 1), d(3, 31)).unwrap();
    assert_eq!(
        march.into_iter().collect::<Vec<_>>(),
        [d(3, 1), d(3, 15), d(3, 31)]
    );
    assert_eq!(store.last_reflection_on().unwrap(), Some(d(4, 1)));
}

#[test]
fn reminder_settings_start_at_the_defaults_and_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.db");
    let now = at(3, 10, 12);
    {
        let store = open(&path);
        let first = store.reminders(now).unwrap();
        assert_eq!(first.settings, ReminderSettings::default());
        assert_eq!(first.checked_until, now);
        assert!(first.shown.is_empty() && first.snoozed_until.is_none());

        let mut settings = ReminderSettings::default();
        settings.reflection.enabled = true;
        settings.reflection.time = LocalTime::parse("21:15").unwrap();
        settings.discreet = false;
        store
            .save_reminder_settings(&settings, now + Duration::hours(1))
            .unwrap();
        store
            .snooze_reminders(Some(now + Duration::hours(3)), now)
            .unwrap();
    }
    let store = open(&path);
    let record = store.reminders(now + Duration::days(1)).unwrap();
    assert!(record.settings.reflection.enabled);
    assert_eq!(record.settings.reflection.time.to_string(), "21:15");
    assert!(!record.settings.discreet);
    assert_eq!(
        record.checked_until,
        now + Duration::hours(1),
        "saving settings counts everything up to then as dealt with"
    );
    assert_eq!(record.snoozed_until, Some(now + Duration::hours(3)));
    store.snooze_reminders(None, now).unwrap();
    assert_eq!(store.reminders(now).unwrap().snoozed_until, None);
}

#[test]
fn a_shown_reminder_is_logged_once_and_old_entries_are_pruned() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.db");
    let shown = Occurrence {
        kind: ReminderKind::Reflection,
        local_date: d(3, 10),
    };
    let old = Occurrence {
        kind: ReminderKind::Module,
        local_date: d(2, 2),
    };
    {
        let store = open(&path);
        store.reminders(at(2, 1, 0)).unwrap();
        store
            .record_reminders_shown(&[old], at(2, 2, 19), at(2, 2, 19))
            .unwrap();
        store
            .record_reminders_shown(&[shown, shown], at(3, 10, 20), at(3, 10, 20))
            .unwrap();
        // Shown again by a confused caller: still one row.
        store
            .record_reminders_shown(&[shown], at(3, 10, 21), at(3, 10, 21))
            .unwrap();
    }
    let store = open(&path);
    let record = store.reminders(at(3, 11, 0)).unwrap();
    assert_eq!(record.shown.into_iter().collect::<Vec<_>>(), [shown]);
    assert_eq!(record.checked_until, at(3, 10, 21));
}
