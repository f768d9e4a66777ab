//! "Check my reminders": a test notification through the same path real reminders take, and
//! what the settings screen shows about whether reminders can reach the parent. The rules of
//! what counts as a failure are houvast-core's (`reminder::DeliveryState`); this only gathers
//! what the shell knows (the tray, start at login) and sends the test.

use super::start_at_login;
use crate::error::IpcError;
use crate::state::AppState;
use chrono::Utc;
use houvast_core::reminder::DeliveryStatus;
use serde::Serialize;
use tauri::{AppHandle, Runtime};
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
pub struct ReminderCheckView {
    pub delivery: DeliveryStatus,
    /// Whether the app starts when the parent logs in; `null` where the platform has no such
    /// choice (phones) or it is not available.
    pub start_at_login: Option<bool>,
    /// The app has a tray icon (desktops).
    pub tray: bool,
    /// At least one reminder is on.
    pub reminders_on: bool,
    /// Closing the window keeps the app running in the tray, so reminders keep coming: there
    /// is a tray icon and a reminder is on.
    pub stays_in_tray: bool,
}

pub fn view<R: Runtime>(
    app: &AppHandle<R>,
    state: &AppState,
) -> Result<ReminderCheckView, IpcError> {
    let reminders_on = state.session(|s| s.reminders_on())?;
    let tray = has_tray(app);
    Ok(ReminderCheckView {
        delivery: state.delivery().status(),
        start_at_login: start_at_login::get(app),
        tray,
        reminders_on,
        stays_in_tray: tray && reminders_on,
    })
}

/// Sends the test notification the way reminders are sent and records how it went. A test the
/// desktop refused is no error for the screen: the view says what happened and what to do.
pub fn send_test<R: Runtime>(
    app: &AppHandle<R>,
    state: &AppState,
) -> Result<ReminderCheckView, IpcError> {
    let text = state.session(|s| s.test_notification())?;
    show_test(app, state, &text);
    view(app, state)
}

/// The parent's answer to "did it appear?".
pub fn answer<R: Runtime>(
    app: &AppHandle<R>,
    state: &AppState,
    appeared: bool,
) -> Result<ReminderCheckView, IpcError> {
    state.delivery().answer_test(appeared, Utc::now())?;
    view(app, state)
}

#[cfg(desktop)]
fn show_test<R: Runtime>(
    app: &AppHandle<R>,
    _state: &AppState,
    text: &houvast_core::reminder::NotificationText,
) {
    use super::desktop;
    let notifier = desktop::notifier(app);
    // Recorded by `deliver`; its error is in the view.
    let _ = desktop::deliver(
        app,
        notifier.as_ref(),
        text,
        houvast_session::ReminderScreen::ReminderCheck,
        houvast_core::reminder::NoticeKind::Test,
    );
}

#[cfg(mobile)]
fn show_test<R: Runtime>(
    app: &AppHandle<R>,
    state: &AppState,
    text: &houvast_core::reminder::NotificationText,
) {
    use tauri_plugin_notification::NotificationExt;
    let outcome = app
        .notification()
        .builder()
        .title(text.title)
        .body(text.body)
        .show();
    if let Err(e) = state.delivery().record(
        houvast_core::reminder::NoticeKind::Test,
        outcome,
        Utc::now(),
    ) {
        log::warn!("could not record a notification's delivery: {e}");
    }
}

#[cfg(desktop)]
fn has_tray<R: Runtime>(app: &AppHandle<R>) -> bool {
    use tauri::Manager;
    app.try_state::<super::tray::TrayInstalled>().is_some()
}

#[cfg(mobile)]
fn has_tray<R: Runtime>(_app: &AppHandle<R>) -> bool {
    false
}
