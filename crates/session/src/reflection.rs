//! The daily reflection and its calendar. The rules (which day may be written, the week's
//! count, the month grid) live in houvast_core::reflection.

use crate::{Result, Session};
use chrono::{DateTime, NaiveDate, Utc};
use houvast_core::reflection::{
    check_editable, month_view, reflection_day, week_start, week_summary, MonthView,
    ReflectionAnswers, ReflectionDay, WeekSummary, YearMonth,
};
use serde::Serialize;
use ts_rs::TS;

/// The calendar screen: one month, and this week's gentle count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReflectionHistory {
    pub today: NaiveDate,
    pub month: MonthView,
    pub week: WeekSummary,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SavedReflection {
    pub saved_at: DateTime<Utc>,
}

impl Session<'_> {
    /// The parent's reflection day now: the evening runs on until 04:00.
    pub fn reflection_today(&self) -> NaiveDate {
        reflection_day(self.clock.local_now())
    }

    /// Today's reflection, or another day's (read-only) when `date` is given.
    pub fn reflection_day(&self, date: Option<NaiveDate>) -> Result<ReflectionDay> {
        let today = self.reflection_today();
        let date = date.unwrap_or(today);
        Ok(ReflectionDay::new(
            date,
            self.store.reflection(date)?,
            today,
        ))
    }

    /// Saves today's reflection; earlier days are kept as they were.
    pub fn save_reflection(
        &self,
        date: NaiveDate,
        answers: &ReflectionAnswers,
    ) -> Result<SavedReflection> {
        check_editable(date, self.reflection_today())?;
        answers.check()?;
        let saved_at = self.clock.now;
        self.store.save_reflection(date, answers, saved_at)?;
        Ok(SavedReflection { saved_at })
    }

    /// The month grid for `month` (this month when absent) and this week's count.
    pub fn reflection_history(&self, month: Option<YearMonth>) -> Result<ReflectionHistory> {
        let today = self.reflection_today();
        let month = month.unwrap_or_else(|| YearMonth::of(today));
        let mut written = self
            .store
            .reflection_dates(month.first_day(), month.last_day())?;
        written.extend(self.store.reflection_dates(week_start(today), today)?);
        Ok(ReflectionHistory {
            today,
            month: month_view(month, &written, today),
            week: week_summary(&written, today),
        })
    }
}
