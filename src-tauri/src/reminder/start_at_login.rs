//! Start at login: the autostart plugin on a desktop; phones start the app themselves.

use crate::error::IpcError;
use houvast_core::ErrorCode;
use tauri::{AppHandle, Runtime};

/// `None` without the autostart plugin (command tests run without it) and on phones.
#[cfg(desktop)]
pub fn get<R: Runtime>(app: &AppHandle<R>) -> Option<bool> {
    use tauri::Manager;
    let manager = app.try_state::<tauri_plugin_autostart::AutoLaunchManager>()?;
    match manager.is_enabled() {
        Ok(on) => Some(on),
        Err(e) => {
            log::warn!("cannot tell whether Houvast starts at login: {e}");
            Some(false)
        }
    }
}

#[cfg(desktop)]
pub fn set<R: Runtime>(app: &AppHandle<R>, enabled: bool) -> Result<(), IpcError> {
    use tauri::Manager;
    let manager = app
        .try_state::<tauri_plugin_autostart::AutoLaunchManager>()
        .ok_or_else(|| {
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

#[cfg(mobile)]
pub fn get<R: Runtime>(_app: &AppHandle<R>) -> Option<bool> {
    None
}

#[cfg(mobile)]
pub fn set<R: Runtime>(_app: &AppHandle<R>, _enabled: bool) -> Result<(), IpcError> {
    Err(IpcError::new(
        ErrorCode::StartAtLoginFailed,
        "phones start the app themselves",
    ))
}
