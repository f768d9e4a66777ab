//! Reminders on phones (Android, iOS). Not compiled or tested on this project's machines (no
//! mobile toolchain): it is kept small and uses only the same pure rules as the desktop.
//!
//! A phone app does not keep running, so instead of a thread the OS holds the next reminder:
//! on every refresh (start, settings saved, reflection written) the pending notification is
//! replaced by one scheduled at the next firing's instant. When the app next starts, what the
//! OS showed meanwhile is logged by `take_due`, so it is not shown again.

use super::ReminderDelivery;
use crate::state::AppState;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_notification::{NotificationExt, Schedule};

/// The one notification id Houvast uses: each schedule replaces the last.
const NOTIFICATION_ID: i32 = 1;

pub struct MobileDelivery<R: Runtime> {
    app: AppHandle<R>,
}

impl<R: Runtime> MobileDelivery<R> {
    pub fn new(app: AppHandle<R>) -> Self {
        Self { app }
    }
}

impl<R: Runtime> ReminderDelivery for MobileDelivery<R> {
    fn refresh(&self) {
        let state = self.app.state::<AppState>();
        let plan = match state.existing_session(|s| s.take_due()) {
            Ok(plan) => plan.unwrap_or_default(),
            Err(e) => return log::warn!("reminders: {e}"),
        };
        let notifications = self.app.notification();
        let _ = notifications.cancel(vec![NOTIFICATION_ID]);
        if let (Some(next), Some(text)) = (plan.next, plan.next_text) {
            let at = time::OffsetDateTime::from_unix_timestamp(next.at.timestamp())
                .unwrap_or_else(|_| time::OffsetDateTime::now_utc());
            if let Err(e) = notifications
                .builder()
                .id(NOTIFICATION_ID)
                .title(text.title)
                .body(text.body)
                .schedule(Schedule::At {
                    date: at,
                    repeating: false,
                    allow_while_idle: true,
                })
                .show()
            {
                log::warn!("could not schedule the next reminder: {e}");
            }
        }
    }
}
