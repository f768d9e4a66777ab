//! The tray icon, so the app keeps running (and reminding) with its window closed.

use crate::state::AppState;
use houvast_core::Language;
use tauri::menu::{Menu, MenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Manager, Runtime, Window, WindowEvent};

/// Set once the tray icon exists: only then may closing the window merely hide it.
pub struct TrayInstalled;

pub fn install<R: Runtime>(app: &AppHandle<R>, language: Language) -> tauri::Result<()> {
    let (open, quit) = match language {
        Language::Nl => ("Houvast openen", "Afsluiten"),
        Language::En => ("Open Houvast", "Quit"),
    };
    let open = MenuItem::with_id(app, "open", open, true, None::<&str>)?;
    let quit = MenuItem::with_id(app, "quit", quit, true, None::<&str>)?;
    let menu = Menu::with_items(app, &[&open, &quit])?;
    let mut tray = TrayIconBuilder::with_id("houvast")
        .tooltip("Houvast")
        .menu(&menu)
        .on_menu_event(|app, event| match event.id().as_ref() {
            "open" => show_window(app),
            "quit" => app.exit(0),
            _ => {}
        });
    if let Some(icon) = app.default_window_icon() {
        tray = tray.icon(icon.clone());
    }
    tray.build(app)?;
    app.manage(TrayInstalled);
    Ok(())
}

pub fn show_window<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.show();
        let _ = window.unminimize();
        let _ = window.set_focus();
    }
}

/// Closing the window hides it while reminders are on and the tray icon is there to bring it
/// back; otherwise the app quits as usual.
pub fn on_window_event<R: Runtime>(window: &Window<R>, event: &WindowEvent) {
    let WindowEvent::CloseRequested { api, .. } = event else {
        return;
    };
    let app = window.app_handle();
    if app.try_state::<TrayInstalled>().is_none() {
        return;
    }
    let reminders_on = app
        .try_state::<AppState>()
        .and_then(|state| state.existing_session(|s| s.reminders_on()).ok().flatten())
        .unwrap_or(false);
    if reminders_on {
        api.prevent_close();
        let _ = window.hide();
        // Hidden in the tray: the app lock asks again when it comes back.
        if let Some(state) = app.try_state::<AppState>() {
            crate::lock::lock_now(app, &state);
        }
    }
}
