//! "My plans": the step plan and the network map, built by houvast-core from the do-task
//! answers. Changing a plan goes through `save_answer`, so a plan is never stored twice.

use crate::error::IpcError;
use crate::state::AppState;
use houvast_core::{PlanView, TaskKind};
use std::collections::BTreeMap;
use tauri::State;

#[tauri::command]
pub fn my_plans(state: State<'_, AppState>) -> Result<Vec<PlanView>, IpcError> {
    let programme = state.programme()?;
    state.with_store(|store| {
        let profile = crate::programme::onboarded(store)?;
        let progress = store.all_progress()?;
        let mut answers = BTreeMap::new();
        for plan in &programme.plans {
            answers.insert(
                plan.module.clone(),
                store.answers(&plan.module, TaskKind::DoTask)?,
            );
        }
        Ok(programme.plans(&profile, &progress, &answers, crate::today()))
    })
}
