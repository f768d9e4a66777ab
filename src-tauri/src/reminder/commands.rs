//! The settings screen's commands: the reminder settings, a pause, start at login.

use crate::error::{ErrorCode, IpcError};
use crate::state::AppState;
use chrono::{DateTime, Duration, Utc};
use houvast_core::reminder::ReminderSettings;
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};
use ts_rs::TS;

/// The longest pause the settings screen offers: a week.
pub const MAX_SNOOZE_HOURS: u32 = 7 * 24;

#[derive(Debug, Clone, Serialize, TS)]
pub struct ReminderSettingsView {
    pub settings: ReminderSettings,
    /// Reminders are paused until then.
    pub snoozed_until: Option<DateTime<Utc>>,
    /// Whether the app starts when the parent logs in; `null` where the platform has no such
    /// choice (phones).
    pub start_at_login: Option<bool>,
}

#[tauri::command]
pub fn reminder_settings<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<ReminderSettingsView, IpcError> {
    view(&app, &state)
}

/// Saves the settings. Parsed here, once: a time that is not `HH:MM` or quiet hours that
/// start and end at once are refused with `invalid_settings`.
#[tauri::command]
pub fn save_reminder_settings<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    settings: serde_json::Value,
) -> Result<ReminderSettingsView, IpcError> {
    let settings: ReminderSettings = serde_json::from_value(settings)
        .map_err(|e| IpcError::new(ErrorCode::InvalidSettings, e.to_string()))?;
    state.with_store(|store| Ok(store.save_reminder_settings(&settings, Utc::now())?))?;
    super::refresh(&app);
    view(&app, &state)
}

/// Pauses every reminder for `hours`; 0 ends a pause.
#[tauri::command]
pub fn snooze_reminders<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    hours: u32,
) -> Result<ReminderSettingsView, IpcError> {
    if hours > MAX_SNOOZE_HOURS {
        return Err(IpcError::new(
            ErrorCode::InvalidSettings,
            format!("a pause lasts at most {MAX_SNOOZE_HOURS} hours"),
        ));
    }
    let now = Utc::now();
    let until = (hours > 0).then(|| now + Duration::hours(i64::from(hours)));
    state.with_store(|store| Ok(store.snooze_reminders(until, now)?))?;
    super::refresh(&app);
    view(&app, &state)
}

#[tauri::command]
pub fn set_start_at_login<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    enabled: bool,
) -> Result<ReminderSettingsView, IpcError> {
    start_at_login::set(&app, enabled)?;
    view(&app, &state)
}

fn view<R: Runtime>(
    app: &AppHandle<R>,
    state: &AppState,
) -> Result<ReminderSettingsView, IpcError> {
    let record = state.with_store(|store| Ok(store.reminders(Utc::now())?))?;
    Ok(ReminderSettingsView {
        settings: record.settings,
        snoozed_until: record.snoozed_until,
        start_at_login: start_at_login::get(app),
    })
}

#[cfg(desktop)]
mod start_at_login {
    use crate::error::{ErrorCode, IpcError};
    use tauri::{AppHandle, Manager, Runtime};
    use tauri_plugin_autostart::AutoLaunchManager;

    /// `None` without the autostart plugin (command tests run without it).
    pub fn get<R: Runtime>(app: &AppHandle<R>) -> Option<bool> {
        let manager = app.try_state::<AutoLaunchManager>()?;
        match manager.is_enabled() {
            Ok(on) => Some(on),
            Err(e) => {
                log::warn!("cannot tell whether Houvast starts at login: {e}");
                Some(false)
            }
        }
    }

    pub fn set<R: Runtime>(app: &AppHandle<R>, enabled: bool) -> Result<(), IpcError> {
        let manager = app.try_state::<AutoLaunchManager>().ok_or_else(|| {
            IpcError::new(
                ErrorCode::StartAtLoginFailed,
                "start at login is not available",
            )
        })?;
        let result = if enabled {
            manager.enable()
        } else {
            manager.disable()
        };
        result.map_err(|e| IpcError::new(ErrorCode::StartAtLoginFailed, e.to_string()))
    }
}

#[cfg(mobile)]
mod start_at_login {
    use crate::error::{ErrorCode, IpcError};
    use tauri::{AppHandle, Runtime};

    pub fn get<R: Runtime>(_app: &AppHandle<R>) -> Option<bool> {
        None
    }

    pub fn set<R: Runtime>(_app: &AppHandle<R>, _enabled: bool) -> Result<(), IpcError> {
        Err(IpcError::new(
            ErrorCode::StartAtLoginFailed,
            "phones start the app themselves",
        ))
    }
}
