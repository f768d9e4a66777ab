//! Commands for the daily reflection and its calendar. The rules (which day may be written,
//! the week's count, the month grid) live in houvast_core::reflection.

use crate::error::{ErrorCode, IpcError};
use crate::state::AppState;
use chrono::NaiveDate;
use houvast_core::reflection::{
    self, check_editable, month_view, week_summary, MonthView, ReflectionAnswers, ReflectionDay,
    ReflectionError, WeekSummary, YearMonth,
};
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};
use ts_rs::TS;

/// The calendar screen: one month, and this week's gentle count.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ReflectionHistory {
    pub today: NaiveDate,
    pub month: MonthView,
    pub week: WeekSummary,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct SavedReflection {
    pub saved_at: chrono::DateTime<chrono::Utc>,
}

/// The parent's reflection day now (the evening runs on until 04:00).
pub fn reflection_today() -> NaiveDate {
    reflection::reflection_day(chrono::Local::now().naive_local())
}

/// Today's reflection, or another day's (read-only) when `date` is given.
#[tauri::command]
pub fn reflection_day(
    state: State<'_, AppState>,
    date: Option<NaiveDate>,
) -> Result<ReflectionDay, IpcError> {
    let today = reflection_today();
    let date = date.unwrap_or(today);
    state.with_store(|store| Ok(ReflectionDay::new(date, store.reflection(date)?, today)))
}

#[tauri::command]
pub fn save_reflection<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    date: NaiveDate,
    answers: ReflectionAnswers,
) -> Result<SavedReflection, IpcError> {
    check_editable(date, reflection_today())?;
    answers.check()?;
    let saved_at = chrono::Utc::now();
    state.with_store(|store| Ok(store.save_reflection(date, &answers, saved_at)?))?;
    // Tonight's reflection reminder is no longer needed.
    crate::reminder::refresh(&app);
    Ok(SavedReflection { saved_at })
}

/// The month grid for `month` (this month when absent) and this week's count.
#[tauri::command]
pub fn reflection_history(
    state: State<'_, AppState>,
    month: Option<YearMonth>,
) -> Result<ReflectionHistory, IpcError> {
    let today = reflection_today();
    let month = month.unwrap_or_else(|| YearMonth::of(today));
    let week_from = houvast_core::reflection::week_start(today);
    state.with_store(|store| {
        let mut written = store.reflection_dates(month.first_day(), month.last_day())?;
        written.extend(store.reflection_dates(week_from, today)?);
        Ok(ReflectionHistory {
            today,
            month: month_view(month, &written, today),
            week: week_summary(&written, today),
        })
    })
}

impl From<ReflectionError> for IpcError {
    fn from(e: ReflectionError) -> Self {
        let code = match &e {
            ReflectionError::DayClosed { .. } => ErrorCode::ReflectionClosed,
            ReflectionError::TooLong { .. } => ErrorCode::InvalidAnswer,
        };
        Self::new(code, e.to_string())
    }
}
