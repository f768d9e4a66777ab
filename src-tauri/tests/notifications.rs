//! Reminders reach the real desktop notification service. Runs inside
//! scripts/with-desktop-session.sh (a private D-Bus session bus with dunst); without one (no
//! `HOUVAST_IN_DESKTOP_SESSION`) it says so and passes, as there is nothing to deliver to.
//!
//! No clock is faked: the scheduler thread runs on the wall clock, with a reflection reminder
//! set to the next whole minute, and dunst must show it at that minute, not before. The
//! second part is a laptop that slept three days: its record says "checked until three days
//! ago", and waking shows one reminder per kind, not one per missed day, and never again.

mod common;

use common::*;

use chrono::{DateTime, Datelike, Duration, Local, Timelike, Utc};
use houvast_app::reminder::desktop::{DesktopNotifier, DesktopScheduler};
use houvast_app::reminder::{ReminderDelivery, REMINDER_OPENED_EVENT};
use houvast_store::{DatabaseKey, Store};
use serde_json::{json, Value};
use std::process::Command;
use std::sync::mpsc;
use std::sync::Arc;
use std::time::{Duration as StdDuration, Instant};
use tauri::Listener;

impl TestApp {
    fn scheduler(&self) -> DesktopScheduler {
        let handle = self.app.handle().clone();
        DesktopScheduler::spawn(handle.clone(), Arc::new(DesktopNotifier::new(handle)))
    }
}

fn dunstctl(args: &[&str]) -> String {
    let out = Command::new("dunstctl")
        .args(args)
        .output()
        .expect("dunstctl runs");
    assert!(out.status.success(), "dunstctl {args:?}: {out:?}");
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// Notifications dunst has received so far: on screen, waiting, or in its history.
fn received() -> usize {
    ["displayed", "waiting", "history"]
        .iter()
        .map(|what| dunstctl(&["count", what]).parse::<usize>().unwrap_or(0))
        .sum()
}

fn wait_until(what: &str, timeout: StdDuration, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + timeout;
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(StdDuration::from_millis(100));
    }
}

/// Every notification in dunst's history as (appname, summary, body).
fn history() -> Vec<(String, String, String)> {
    let json: Value = serde_json::from_str(&dunstctl(&["history"])).expect("history is JSON");
    let field = |n: &Value, k: &str| n[k]["data"].as_str().unwrap_or_default().to_owned();
    json["data"][0]
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|n| (field(n, "appname"), field(n, "summary"), field(n, "body")))
                .collect()
        })
        .unwrap_or_default()
}

fn only(settings: Value) -> Value {
    let mut all = json!({
        "module": { "enabled": false, "weekday": "monday", "time": "19:30" },
        "reflection": { "enabled": false, "time": "20:30" },
        "home_assignment": { "enabled": false },
        "check_in": { "enabled": false },
        "quiet_hours": null,
        "discreet": true
    });
    for (k, v) in settings.as_object().expect("object") {
        all[k] = v.clone();
    }
    all
}

fn weekday_name(w: chrono::Weekday) -> &'static str {
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ][w.num_days_from_monday() as usize]
}

#[test]
fn reminders_reach_the_desktop_notification_service() {
    if std::env::var_os("HOUVAST_IN_DESKTOP_SESSION").is_none() {
        eprintln!("skipped: run inside scripts/with-desktop-session.sh (needs D-Bus and dunst)");
        return;
    }
    eprintln!(
        "local time zone: {}",
        houvast_session::system_clock().tz.name()
    );

    // --- 1. A reminder at the next whole minute arrives at that minute, once. -------------
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path());
    app.ok(
        "save_profile",
        json!({ "input": { "language": "nl", "pseudonym": "Sam", "children_ages": [6] } }),
    );
    let mut now = Local::now();
    if now.second() >= 57 {
        // Too close to the boundary to save the settings before it: take the next minute.
        std::thread::sleep(StdDuration::from_secs(4));
        now = Local::now();
    }
    let fire_at = (now + Duration::minutes(1))
        .with_second(0)
        .and_then(|t| t.with_nanosecond(0))
        .expect("a whole minute");
    let time = format!("{:02}:{:02}", fire_at.hour(), fire_at.minute());
    app.ok(
        "save_reminder_settings",
        json!({ "settings": only(json!({ "reflection": { "enabled": true, "time": time } })) }),
    );

    let (opened_tx, opened_rx) = mpsc::channel::<String>();
    app.app.listen_any(REMINDER_OPENED_EVENT, move |event| {
        let _ = opened_tx.send(event.payload().to_owned());
    });
    let before = received();
    let scheduler = app.scheduler();
    wait_until(
        "the reflection reminder",
        StdDuration::from_secs(75),
        || received() > before,
    );
    let arrived: DateTime<Local> = Local::now();
    assert!(
        arrived >= fire_at,
        "shown at {arrived}, before its time {fire_at}"
    );
    assert!(
        arrived < fire_at + Duration::seconds(5),
        "shown at {arrived}, long after its time {fire_at}"
    );

    // Clicking it (dunst's default action) opens the reflection screen.
    dunstctl(&["action", "0"]);
    let payload = opened_rx
        .recv_timeout(StdDuration::from_secs(10))
        .expect("the click reaches the app");
    assert_eq!(
        serde_json::from_str::<Value>(&payload).unwrap(),
        json!({ "screen": "reflection" })
    );
    // dunst keeps it on screen after the action; closed, it moves to the history we read.
    dunstctl(&["close-all"]);
    wait_until(
        "the notification in history",
        StdDuration::from_secs(5),
        || !history().is_empty(),
    );
    let (appname, summary, body) = history().remove(0);
    assert_eq!(
        (appname.as_str(), summary.as_str(), body.as_str()),
        ("Houvast", "Houvast", "Een moment voor jezelf"),
        "discreet by default: nothing about the topic"
    );

    // Woken again (as after saving a reflection), it does not show the same reminder twice.
    let count = received();
    scheduler.refresh();
    std::thread::sleep(StdDuration::from_secs(2));
    assert_eq!(received(), count, "the same reminder was shown twice");
    scheduler.stop();
    drop(app);

    // --- 2. A laptop that slept three days shows one reminder per kind, once. -----------
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path());
    app.ok(
        "save_profile",
        json!({ "input": { "language": "en", "pseudonym": "Sam", "children_ages": [6] } }),
    );
    let local = Local::now();
    let two_days_ago = local - Duration::days(2);
    let an_hour_ago = local - Duration::hours(1);
    app.ok(
        "save_reminder_settings",
        json!({ "settings": only(json!({
            // The parent never started a module: the weekly reminder was due two days ago.
            "module": { "enabled": true, "weekday": weekday_name(two_days_ago.weekday()), "time": "12:00" },
            // Missed on each of the three evenings (or mornings) the laptop slept through.
            "reflection": { "enabled": true, "time": format!("{:02}:{:02}", an_hour_ago.hour(), an_hour_ago.minute()) },
            "discreet": false
        })) }),
    );
    {
        // Behind the app's back, as a suspended laptop would leave it: checked three days ago.
        let store = Store::open(
            &dir.path().join(Store::FILE_NAME),
            &DatabaseKey::from_bytes(KEY),
        )
        .expect("second connection");
        let slept_from = Utc::now() - Duration::days(3);
        store
            .record_reminders_shown(&[], slept_from, slept_from)
            .expect("rewind");
    }
    let before = received();
    let history_before = history().len();
    let scheduler = app.scheduler();
    wait_until("the missed reminders", StdDuration::from_secs(10), || {
        received() >= before + 2
    });
    std::thread::sleep(StdDuration::from_secs(2));
    assert_eq!(
        received(),
        before + 2,
        "one per kind, not one per missed day"
    );
    scheduler.refresh();
    std::thread::sleep(StdDuration::from_secs(2));
    assert_eq!(received(), before + 2, "nothing is shown twice");
    scheduler.stop();

    dunstctl(&["close-all"]);
    wait_until(
        "closed notifications in history",
        StdDuration::from_secs(5),
        || history().len() >= history_before + 2,
    );
    let bodies: Vec<String> = history().into_iter().map(|(_, _, body)| body).collect();
    assert!(
        bodies.iter().any(|b| b.contains("next module")),
        "descriptive text when chosen: {bodies:?}"
    );
    assert!(
        bodies.iter().any(|b| b.contains("What went well")),
        "descriptive text when chosen: {bodies:?}"
    );
}
