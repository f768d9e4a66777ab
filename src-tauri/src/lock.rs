//! The app lock in the window: lock when the window is hidden or has been out of focus for a
//! while, and tell the UI so it shows the lock screen. The rules (wrapping, waits) live in
//! houvast-store, houvast-core and houvast-session.

use crate::state::AppState;
use tauri::{AppHandle, Emitter, Manager, Runtime, Window, WindowEvent};

/// Sent to the window when the app locked; the UI shows the lock screen.
pub const APP_LOCKED_EVENT: &str = "app-locked";

/// Locks now when a lock is set, and tells the UI. Returns whether it locked.
pub fn lock_now<R: Runtime>(app: &AppHandle<R>, state: &AppState) -> bool {
    let locked = state.lock_screen();
    if locked {
        if let Err(e) = app.emit(APP_LOCKED_EVENT, ()) {
            log::warn!("could not show the lock screen: {e}");
        }
    }
    locked
}

/// Focus changes: back after [`crate::state::LOCK_AFTER`] out of focus means the PIN again.
pub fn on_window_event<R: Runtime>(window: &Window<R>, event: &WindowEvent) {
    let WindowEvent::Focused(focused) = event else {
        return;
    };
    let app = window.app_handle();
    if let Some(state) = app.try_state::<AppState>() {
        if state.focus_changed(*focused) {
            let _ = app.emit(APP_LOCKED_EVENT, ());
        }
    }
}
