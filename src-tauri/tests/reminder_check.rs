//! "Check my reminders" through the app's commands: the test notification, the parent's answer,
//! what a failed notification leaves behind (also after a restart) and what clears it.
//!
//! These hand the app a notifier that succeeds or fails as told, so every rule is seen through
//! IPC without a desktop; `notification_delivery.rs` sends through the real notification code
//! to real buses.

mod common;

use common::*;

use houvast_app::reminder::desktop::{AppNotifier, Notifier, NotifyError};
use houvast_core::reminder::NotificationText;
use houvast_session::ReminderScreen;
use serde_json::{json, Value};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use tauri::Manager;

/// A notification service that takes or refuses what it is sent, as the test says.
#[derive(Default)]
struct Switchable {
    refuse: AtomicBool,
    shown: Mutex<Vec<(String, ReminderScreen)>>,
}

impl Notifier for Switchable {
    fn show(&self, text: &NotificationText, screen: ReminderScreen) -> Result<(), NotifyError> {
        if self.refuse.load(Ordering::SeqCst) {
            return Err(NotifyError(
                "org.freedesktop.DBus.Error.ServiceUnknown: The name is not activatable".into(),
            ));
        }
        self.shown
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push((text.body.to_owned(), screen));
        Ok(())
    }
}

fn with_notifier(app: &TestApp) -> Arc<Switchable> {
    let notifier = Arc::new(Switchable::default());
    app.app.manage(AppNotifier(notifier.clone()));
    notifier
}

#[test]
fn the_test_notification_asks_and_the_answer_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path());
    app.onboard();
    let notifier = with_notifier(&app);

    let view = app.ok("reminder_check", json!({}));
    assert_eq!(view["delivery"]["last_shown"], Value::Null);
    assert_eq!(view["delivery"]["problem"], Value::Null);
    assert_eq!(
        view["reminders_on"],
        json!(true),
        "the weekly reminder is on by default"
    );
    // Command tests run without the tray and the autostart plugin.
    assert_eq!(view["tray"], json!(false));
    assert_eq!(view["stays_in_tray"], json!(false));
    assert_eq!(view["start_at_login"], Value::Null);

    // Answering before a test was sent is refused with its own code.
    assert_eq!(
        app.err_code("answer_test_notification", json!({ "appeared": true })),
        "no_test_waiting"
    );
    app.refused_args("answer_test_notification", json!({ "appeared": "yes" }));

    let view = app.ok("send_test_notification", json!({}));
    let shown = notifier.shown.lock().unwrap().clone();
    assert_eq!(shown.len(), 1);
    assert!(shown[0].0.starts_with("Dit is een test"), "{shown:?}");
    assert_eq!(
        shown[0].1,
        ReminderScreen::ReminderCheck,
        "a click leads back here"
    );
    assert!(view["delivery"]["test_waiting"].is_string(), "{view}");
    assert_eq!(view["delivery"]["last_shown"]["kind"], json!("test"));

    // "No": the desktop took it, the parent did not see it. Kept across a restart.
    let view = app.ok("answer_test_notification", json!({ "appeared": false }));
    assert_eq!(view["delivery"]["problem"]["kind"], json!("not_seen"));
    assert_eq!(view["delivery"]["test_waiting"], Value::Null);
    drop(app);
    let app = start(dir.path());
    with_notifier(&app);
    let view = app.ok("reminder_check", json!({}));
    assert_eq!(view["delivery"]["problem"]["kind"], json!("not_seen"));

    // Tried again, and seen: the problem is gone, the moment is kept.
    app.ok("send_test_notification", json!({}));
    let view = app.ok("answer_test_notification", json!({ "appeared": true }));
    assert_eq!(view["delivery"]["problem"], Value::Null);
    assert!(view["delivery"]["confirmed_at"].is_string());
}

#[test]
fn a_notification_that_cannot_be_delivered_is_kept_until_one_is() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path());
    app.onboard();
    let notifier = with_notifier(&app);
    notifier.refuse.store(true, Ordering::SeqCst);

    let view = app.ok("send_test_notification", json!({}));
    let problem = &view["delivery"]["problem"];
    assert_eq!(problem["kind"], json!("not_delivered"), "{view}");
    assert_eq!(problem["cause"], json!("no_service"));
    assert_eq!(problem["count"], json!(1));
    assert_eq!(
        view["delivery"]["test_waiting"],
        Value::Null,
        "nothing to ask"
    );
    assert_eq!(
        app.err_code("answer_test_notification", json!({ "appeared": true })),
        "no_test_waiting"
    );

    // A reply notification fails the same way (the path every notification takes).
    houvast_app::reminder::show_notification(
        app.app.handle(),
        &houvast_core::reminder::reply_notification_text(true, houvast_core::Language::Nl),
    );
    drop(app);

    // After a restart the home screen still knows.
    let app = start(dir.path());
    let notifier = with_notifier(&app);
    let view = app.ok("reminder_check", json!({}));
    assert_eq!(view["delivery"]["problem"]["count"], json!(2), "{view}");

    // The desktop takes the next one: cleared.
    notifier.refuse.store(false, Ordering::SeqCst);
    houvast_app::reminder::show_notification(
        app.app.handle(),
        &houvast_core::reminder::reply_notification_text(true, houvast_core::Language::Nl),
    );
    let view = app.ok("reminder_check", json!({}));
    assert_eq!(view["delivery"]["problem"], Value::Null);
    assert_eq!(view["delivery"]["last_shown"]["kind"], json!("message"));
    assert_eq!(view["delivery"]["last_reminder"], Value::Null);
}

#[test]
fn delete_everything_removes_the_record() {
    let dir = tempfile::tempdir().unwrap();
    let app = start(dir.path());
    app.onboard();
    let notifier = with_notifier(&app);
    notifier.refuse.store(true, Ordering::SeqCst);
    app.ok("send_test_notification", json!({}));
    assert!(dir.path().join("notifications.json").exists());
    app.ok("delete_everything", json!({}));
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}
