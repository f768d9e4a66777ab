//! The reflection and reminder-settings commands through Tauri's IPC layer (mock runtime, no
//! window), with a real SQLCipher store in a temp dir.

mod common;

use common::*;

/// The parent's reflection day now, as the app computes it.
fn reflection_today() -> chrono::NaiveDate {
    houvast_core::reflection::reflection_day(houvast_session::system_clock().local_now())
}

use serde_json::{json, Value};

fn answers(went_well: &str) -> Value {
    json!({ "went_well": went_well, "noticed_in_myself": "", "noticed_in_child": "Ze lachte" })
}

#[test]
fn todays_reflection_is_saved_and_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path());
    let today = reflection_today().to_string();

    let empty = app.ok("reflection_day", json!({}));
    assert_eq!(empty["date"], today.as_str());
    assert_eq!(empty["editable"], true);
    assert_eq!(empty["written"], false);

    app.ok(
        "save_reflection",
        json!({ "date": today, "answers": answers("Samen gekookt") }),
    );
    let saved = app.ok("reflection_day", json!({ "date": today }));
    assert_eq!(saved["answers"]["went_well"], "Samen gekookt");
    assert_eq!(saved["answers"]["noticed_in_child"], "Ze lachte");
    assert_eq!(saved["written"], true);
    assert_eq!(saved["editable"], true);
}

#[test]
fn another_day_cannot_be_written_and_is_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path());
    let yesterday = reflection_today().pred_opt().unwrap().to_string();
    let tomorrow = reflection_today().succ_opt().unwrap().to_string();
    for date in [&yesterday, &tomorrow] {
        assert_eq!(
            app.err_code(
                "save_reflection",
                json!({ "date": date, "answers": answers("Achteraf") })
            ),
            "reflection_closed"
        );
    }
    let past = app.ok("reflection_day", json!({ "date": yesterday }));
    assert_eq!(past["editable"], false);
    assert_eq!(past["written"], false);
}

#[test]
fn an_overlong_answer_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path());
    let today = reflection_today().to_string();
    let long = "x".repeat(10_001);
    assert_eq!(
        app.err_code(
            "save_reflection",
            json!({ "date": today, "answers": answers(&long) })
        ),
        "invalid_answer"
    );
}

#[test]
fn the_history_marks_this_months_evenings_and_counts_the_week() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path());
    let today = reflection_today();
    app.ok(
        "save_reflection",
        json!({ "date": today.to_string(), "answers": answers("Vandaag") }),
    );
    let history = app.ok("reflection_history", json!({}));
    assert_eq!(history["today"], today.to_string());
    assert_eq!(history["week"]["evenings"], 1);
    assert_eq!(history["month"]["evenings"], 1);
    assert_eq!(history["month"]["next"], Value::Null);
    let cells: Vec<&Value> = history["month"]["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|w| w.as_array().unwrap())
        .filter(|c| !c.is_null())
        .collect();
    let marked: Vec<&Value> = cells
        .iter()
        .copied()
        .filter(|c| c["written"] == true)
        .collect();
    assert_eq!(marked.len(), 1);
    assert_eq!(marked[0]["date"], today.to_string());
    assert_eq!(marked[0]["today"], true);

    let earlier = app.ok(
        "reflection_history",
        json!({ "month": { "year": 2020, "month": 2 } }),
    );
    assert_eq!(earlier["month"]["evenings"], 0);
    assert_eq!(
        earlier["month"]["next"],
        json!({ "year": 2020, "month": 3 })
    );
    assert!(app
        .call(
            "reflection_history",
            json!({ "month": { "year": 2020, "month": 13 } })
        )
        .is_err());
}

#[test]
fn reminder_settings_start_discreet_and_are_checked_when_saved() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path());
    let view = app.ok("reminder_settings", json!({}));
    assert_eq!(view["settings"]["discreet"], true);
    assert_eq!(view["settings"]["reflection"]["enabled"], false);
    assert_eq!(view["snoozed_until"], Value::Null);
    // No autostart plugin in command tests: the choice is not offered.
    assert_eq!(view["start_at_login"], Value::Null);

    let mut settings = view["settings"].clone();
    settings["reflection"] = json!({ "enabled": true, "time": "21:15" });
    settings["module"]["weekday"] = json!("thursday");
    let saved = app.ok("save_reminder_settings", json!({ "settings": settings }));
    assert_eq!(saved["settings"]["reflection"]["time"], "21:15");
    assert_eq!(
        app.ok("reminder_settings", json!({}))["settings"]["module"]["weekday"],
        "thursday"
    );

    let mut bad = settings.clone();
    bad["reflection"]["time"] = json!("25:00");
    let refused = app.refused_args("save_reminder_settings", json!({ "settings": bad }));
    assert!(refused.contains("25:00"), "{refused}");
    let mut same = settings.clone();
    same["quiet_hours"] = json!({ "start": "22:00", "end": "22:00" });
    let refused = app.refused_args("save_reminder_settings", json!({ "settings": same }));
    assert!(refused.contains("quiet hours"), "{refused}");
    // What was saved before stays as it was.
    assert_eq!(
        app.ok("reminder_settings", json!({}))["settings"]["reflection"]["time"],
        "21:15"
    );
}

#[test]
fn reminders_can_be_paused_and_resumed() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path());
    let paused = app.ok("snooze_reminders", json!({ "hours": 3 }));
    let until: chrono::DateTime<chrono::Utc> =
        serde_json::from_value(paused["snoozed_until"].clone()).unwrap();
    let minutes = (until - chrono::Utc::now()).num_minutes();
    assert!((170..=180).contains(&minutes), "{minutes} minutes");
    assert_eq!(
        app.ok("snooze_reminders", json!({ "hours": 0 }))["snoozed_until"],
        Value::Null
    );
    assert_eq!(
        app.err_code("snooze_reminders", json!({ "hours": 169 })),
        "invalid_settings"
    );
    assert_eq!(
        app.err_code("set_start_at_login", json!({ "enabled": true })),
        "start_at_login_failed"
    );
}
