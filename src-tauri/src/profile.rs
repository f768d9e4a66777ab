//! Commands for who the parent is: onboarding, language, children's ages.

use crate::error::IpcError;
use crate::state::AppState;
use houvast_core::{Profile, ProfileInput};
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

/// What the UI needs to choose its first screen.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AppStatus {
    /// `null` until the parent has finished onboarding.
    pub profile: Option<Profile>,
}

#[tauri::command]
pub fn app_status(state: State<'_, AppState>) -> Result<AppStatus, IpcError> {
    state.programme()?;
    state.with_store(|store| {
        Ok(AppStatus {
            profile: store.profile()?,
        })
    })
}

#[tauri::command]
pub fn save_profile(state: State<'_, AppState>, input: ProfileInput) -> Result<Profile, IpcError> {
    let profile = input.validate(crate::today())?;
    state.with_store(|store| {
        store.save_profile(&profile)?;
        Ok(profile)
    })
}
