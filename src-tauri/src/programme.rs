//! Commands for working through the programme: the overview, the module reader and its two
//! exercises. The rules live in houvast-core; these only fetch, check and store.

use crate::error::{ErrorCode, IpcError};
use crate::state::AppState;
use houvast_core::{AnswerValue, ModuleId, Profile, QuestionId, TaskKind};
use houvast_core::{ModuleView, Overview, Programme};
use houvast_store::Store;
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

/// Sent back after an answer is stored, so the UI can say "saved".
#[derive(Debug, Clone, Serialize, TS)]
pub struct SavedAnswer {
    pub saved_at: chrono::DateTime<chrono::Utc>,
}

#[tauri::command]
pub fn programme_overview(state: State<'_, AppState>) -> Result<Overview, IpcError> {
    let programme = state.programme()?;
    state.with_store(|store| {
        let profile = onboarded(store)?;
        let progress = store.all_progress()?;
        Ok(programme.overview(&profile, &progress, crate::today()))
    })
}

#[tauri::command]
pub fn open_module(state: State<'_, AppState>, module_id: String) -> Result<ModuleView, IpcError> {
    let programme = state.programme()?;
    let id = module_id_of(programme, module_id)?;
    state.with_store(|store| {
        // Building the view first refuses a locked module before anything is recorded.
        module_view(programme, store, &id)?;
        store.mark_started(&id, chrono::Utc::now())?;
        module_view(programme, store, &id)
    })
}

#[tauri::command]
pub fn mark_page_read(
    state: State<'_, AppState>,
    module_id: String,
    page: u16,
) -> Result<ModuleView, IpcError> {
    let programme = state.programme()?;
    let id = module_id_of(programme, module_id)?;
    state.with_store(|store| {
        let profile = onboarded(store)?;
        let progress = store.all_progress()?;
        programme.check_page(&id, page, &profile, &progress, crate::today())?;
        store.mark_page_read(&id, page, chrono::Utc::now())?;
        module_view(programme, store, &id)
    })
}

#[tauri::command]
pub fn save_answer(
    state: State<'_, AppState>,
    module_id: String,
    task: TaskKind,
    question_id: String,
    value: AnswerValue,
) -> Result<SavedAnswer, IpcError> {
    let programme = state.programme()?;
    let id = module_id_of(programme, module_id)?;
    let question = QuestionId::new(question_id)
        .map_err(|e| IpcError::new(ErrorCode::UnknownQuestion, e.to_string()))?;
    programme.check_answer(&id, task, &question, &value)?;
    state.with_store(|store| {
        let profile = onboarded(store)?;
        let progress = store.all_progress()?;
        programme.check_task_open(&id, task, &profile, &progress, crate::today())?;
        let saved_at = chrono::Utc::now();
        store.save_answer(&id, task, &question, &value, saved_at)?;
        Ok(SavedAnswer { saved_at })
    })
}

#[tauri::command]
pub fn complete_task(
    state: State<'_, AppState>,
    module_id: String,
    task: TaskKind,
) -> Result<ModuleView, IpcError> {
    let programme = state.programme()?;
    let id = module_id_of(programme, module_id)?;
    state.with_store(|store| {
        let profile = onboarded(store)?;
        let progress = store.all_progress()?;
        let answers = store.answers(&id, task)?;
        programme.check_can_complete(&id, task, &profile, &progress, &answers, crate::today())?;
        store.mark_task_done(&id, task, chrono::Utc::now())?;
        module_view(programme, store, &id)
    })
}

pub(crate) fn onboarded(store: &Store) -> Result<Profile, IpcError> {
    store.profile()?.ok_or_else(|| {
        IpcError::new(
            ErrorCode::NotOnboarded,
            "finish the first steps before the programme",
        )
    })
}

fn module_id_of(programme: &Programme, raw: String) -> Result<ModuleId, IpcError> {
    ModuleId::new(raw)
        .ok()
        .filter(|id| programme.module(id).is_some())
        .ok_or_else(|| IpcError::new(ErrorCode::UnknownModule, "there is no such module"))
}

fn module_view(
    programme: &Programme,
    store: &Store,
    id: &ModuleId,
) -> Result<ModuleView, IpcError> {
    let profile = onboarded(store)?;
    let progress = store.all_progress()?;
    let do_answers = store.answers(id, TaskKind::DoTask)?;
    let home_answers = store.answers(id, TaskKind::HomeAssignment)?;
    Ok(programme.module_view(
        id,
        &profile,
        &progress,
        &do_answers,
        &home_answers,
        crate::today(),
    )?)
}
