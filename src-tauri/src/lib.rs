//! The Houvast app shell: Tauri commands that translate between IPC and houvast-core /
//! houvast-store. No programme rules live here.

pub mod bindings;
pub mod error;
pub mod plans;
pub mod profile;
pub mod programme;
pub mod ready;
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
            Ok(())
        })
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            log::error!("Houvast could not start: {e}");
            std::process::exit(1);
        });
}

/// The parent's calendar day: exercises are due on local dates.
pub(crate) fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}
