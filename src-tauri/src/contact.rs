//! The courier in the app: one per process, running in the background for as long as the app
//! does (also with the window closed and the app in the tray). After each round that brought a
//! reply it shows a notification and tells the window to look again.

use crate::state::AppState;
use houvast_courier::Courier;
use tauri::{AppHandle, Emitter, Manager, Runtime, State};

/// Sent to the window when the contacts changed (a delivery, a reply, a state).
pub const CONTACTS_CHANGED_EVENT: &str = "contacts-changed";

pub fn courier<R: Runtime>(app: &AppHandle<R>) -> State<'_, Courier> {
    app.state::<Courier>()
}

/// Asks the background loop to deliver and fetch now.
pub fn wake<R: Runtime>(app: &AppHandle<R>) {
    if let Some(courier) = app.try_state::<Courier>() {
        courier.wake();
    }
}

/// Starts the courier. Without a network client there are no check-ins, but the rest of the
/// app works; the log says why.
pub fn start<R: Runtime>(app: &AppHandle<R>) {
    let courier = match Courier::new() {
        Ok(courier) => courier,
        Err(e) => {
            log::error!("no connection to the worker is possible: {e}");
            return;
        }
    };
    app.manage(courier);
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let state = app.state::<AppState>();
        let courier = app.state::<Courier>();
        courier
            .run(state.inner(), |round| match round {
                Ok((delivered, fetched)) => {
                    if delivered.delivered + delivered.refused > 0
                        || !fetched.new_replies.is_empty()
                        || fetched.refused_replies > 0
                        || fetched.key_changed
                    {
                        let _ = app.emit(CONTACTS_CHANGED_EVENT, ());
                        crate::reminder::refresh(&app);
                    }
                    if !fetched.new_replies.is_empty() {
                        notify_reply(&app);
                    }
                }
                Err(e) => log::info!("no contact with the server this round: {e}"),
            })
            .await;
    });
}

/// A discreet notification that the worker replied (the text follows the reminder settings).
fn notify_reply<R: Runtime>(app: &AppHandle<R>) {
    let text = app.state::<AppState>().session(|s| s.reply_notification());
    match text {
        Ok(text) => crate::reminder::show_notification(app, &text),
        Err(e) => log::warn!("no reply notification: {}", e.message),
    }
}
