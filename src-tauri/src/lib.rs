//! The Houvast app shell: Tauri commands that translate between IPC and houvast-core /
//! houvast-store. No programme rules live here.

pub mod bindings;
pub mod error;
pub mod plans;
pub mod profile;
pub mod programme;
pub mod ready;
pub mod reflection;
pub mod reminder;
pub mod state;

use state::{AppState, KeySource};
use std::path::PathBuf;
use tauri::{Manager, Runtime};

/// The environment variable that moves the parent's data (tests, portable use).
pub const DATA_DIR_ENV: &str = "HOUVAST_DATA_DIR";

/// Registers every command the UI may call.
pub fn with_commands<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder.invoke_handler(tauri::generate_handler![
        profile::app_status,
        profile::save_profile,
        programme::programme_overview,
        programme::open_module,
        programme::mark_page_read,
        programme::save_answer,
        programme::complete_task,
        ready::ui_ready,
        reflection::reflection_day,
        reflection::save_reflection,
        reflection::reflection_history,
        reminder::commands::reminder_settings,
        reminder::commands::save_reminder_settings,
        reminder::commands::snooze_reminders,
        reminder::commands::set_start_at_login,
        plans::my_plans,
    ])
}

pub fn run() {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    with_commands(tauri::Builder::default())
        .setup(|app| {
            let data_dir = match std::env::var_os(DATA_DIR_ENV) {
                Some(dir) => PathBuf::from(dir),
                None => app.path().app_data_dir()?,
            };
            app.manage(AppState::new(data_dir, KeySource::Keychain));
            reminder_setup(app.handle());
            Ok(())
        })
        .on_window_event(|window, event| {
            #[cfg(desktop)]
            reminder::tray::on_window_event(window, event);
            #[cfg(mobile)]
            let _ = (window, event);
        })
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            log::error!("Houvast could not start: {e}");
            std::process::exit(1);
        });
}

/// The command-line flag the login item starts the app with: only the tray, no window.
pub const HIDDEN_FLAG: &str = "--hidden";

/// Reminders on this platform: the tray, start at login and the scheduler on a desktop; the
/// OS's scheduled notifications on a phone. A failure here costs the reminders, not the app.
fn reminder_setup<R: tauri::Runtime>(app: &tauri::AppHandle<R>) {
    #[cfg(desktop)]
    {
        use reminder::desktop::{DesktopNotifier, DesktopScheduler};
        let autostart = tauri_plugin_autostart::init(
            tauri_plugin_autostart::MacosLauncher::LaunchAgent,
            Some(vec![HIDDEN_FLAG]),
        );
        if let Err(e) = app.plugin(autostart) {
            log::warn!("start at login is not available: {e}");
        }
        let language = app
            .state::<AppState>()
            .with_existing_store(|store| Ok(store.profile()?.map(|p| p.language)))
            .ok()
            .flatten()
            .flatten()
            .unwrap_or(houvast_core::Language::Nl);
        match reminder::tray::install(app, language) {
            Ok(()) => {
                if std::env::args().any(|a| a == HIDDEN_FLAG) {
                    if let Some(window) = app.get_webview_window("main") {
                        let _ = window.hide();
                    }
                }
            }
            Err(e) => log::warn!("no tray icon: {e}"),
        }
        let notifier = std::sync::Arc::new(DesktopNotifier::new(app.clone()));
        let scheduler = DesktopScheduler::spawn(app.clone(), notifier);
        app.manage(reminder::Reminders(Box::new(scheduler)));
    }
    #[cfg(mobile)]
    {
        if let Err(e) = app.plugin(tauri_plugin_notification::init()) {
            log::warn!("notifications are not available: {e}");
        }
        let delivery = reminder::mobile::MobileDelivery::new(app.clone());
        reminder::ReminderDelivery::refresh(&delivery);
        app.manage(reminder::Reminders(Box::new(delivery)));
    }
}

/// The parent's calendar day: exercises are due on local dates.
pub(crate) fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}
