//! Reminders in the app: the engine's step is houvast-session's `take_due`; this hands what is
//! due to a [`ReminderDelivery`] for the platform.
//!
//! Desktop ([`desktop`]): a scheduler thread sleeps until the next firing, shows it through
//! the desktop's notification service and stays alive in the tray. Phones ([`mobile`]): the
//! OS schedules the next notifications, since the app does not keep running there.

pub mod check;
#[cfg(desktop)]
pub mod desktop;
#[cfg(mobile)]
pub mod mobile;
pub mod start_at_login;
#[cfg(desktop)]
pub mod tray;

use chrono::{DateTime, Utc};
use houvast_core::reminder::{NotificationText, ReminderSettings};
use houvast_session::ReminderScreen;
use houvast_store::ReminderRecord;
use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime};
use ts_rs::TS;

/// The event the UI receives when the parent clicks a reminder.
pub const REMINDER_OPENED_EVENT: &str = "reminder-opened";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct ReminderOpened {
    pub screen: ReminderScreen,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ReminderSettingsView {
    pub settings: ReminderSettings,
    /// Reminders are paused until then.
    pub snoozed_until: Option<DateTime<Utc>>,
    /// Whether the app starts when the parent logs in; `null` where the platform has no such
    /// choice (phones) or the choice is not available.
    pub start_at_login: Option<bool>,
}

impl ReminderSettingsView {
    pub fn new(record: ReminderRecord, start_at_login: Option<bool>) -> Self {
        Self {
            settings: record.settings,
            snoozed_until: record.snoozed_until,
            start_at_login,
        }
    }
}

/// How reminders reach the parent on one platform.
pub trait ReminderDelivery: Send + Sync {
    /// Settings or facts changed (a reflection written, settings saved, a pause asked for):
    /// bring the plan up to date. The desktop wakes its scheduler; a phone reschedules.
    fn refresh(&self);
}

/// The platform's delivery, managed as app state.
pub struct Reminders(pub Box<dyn ReminderDelivery>);

/// Shows one notification now (the worker replied), where the platform can; a click opens the
/// contacts screen.
pub fn show_notification<R: Runtime>(app: &AppHandle<R>, text: &NotificationText) {
    #[cfg(desktop)]
    {
        let notifier = desktop::notifier(app);
        let _ = desktop::deliver(
            app,
            notifier.as_ref(),
            text,
            ReminderScreen::Contacts,
            houvast_core::reminder::NoticeKind::Message,
        );
    }
    #[cfg(mobile)]
    {
        use tauri_plugin_notification::NotificationExt;
        if let Err(e) = app
            .notification()
            .builder()
            .title(text.title)
            .body(text.body)
            .show()
        {
            log::warn!("could not show a notification: {e}");
        }
    }
}

/// Tells the platform's delivery that something changed. Without one (command tests) it does
/// nothing: the next firing is recomputed from fresh facts anyway.
pub fn refresh<R: Runtime>(app: &AppHandle<R>) {
    if let Some(reminders) = app.try_state::<Reminders>() {
        reminders.0.refresh();
    }
}
