//! The daily "what went well" reflection (seed 000): three optional questions, one entry per
//! local calendar day, editable only on its own day, and a history shown as a month calendar
//! with a gentle weekly count instead of a streak. Pure rules: "now" is always a parameter.

mod calendar;
#[cfg(test)]
mod tests;

pub use calendar::{
    month_view, week_start, week_summary, DayCell, MonthView, WeekSummary, YearMonth,
};

use crate::error::{ErrorCode, ErrorDetails};
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A parent who writes at 23:50 often finishes after midnight: the reflection day starts at
/// this hour of the local clock, so the evening's entry stays open until 04:00 the next
/// morning and nothing typed around midnight lands on another day or is refused.
pub const DAY_STARTS_AT_HOUR: i64 = 4;

/// Each answer is a short text; this bound keeps one runaway paste from filling the database.
pub const MAX_CHARS: usize = 10_000;

/// The three answers, each optional (an empty string is "not answered").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReflectionAnswers {
    /// What went well in parenting today?
    pub went_well: String,
    /// How did you notice in yourself that what you said or did had a positive effect?
    pub noticed_in_myself: String,
    /// How did you notice it in your child?
    pub noticed_in_child: String,
}

impl ReflectionAnswers {
    /// True when nothing is written: such a day does not count as a reflection evening.
    pub fn is_empty(&self) -> bool {
        [
            &self.went_well,
            &self.noticed_in_myself,
            &self.noticed_in_child,
        ]
        .iter()
        .all(|s| s.trim().is_empty())
    }

    /// Checks the lengths; the texts themselves are the parent's and are kept as typed.
    pub fn check(&self) -> Result<(), ReflectionError> {
        for (field, text) in [
            ("went_well", &self.went_well),
            ("noticed_in_myself", &self.noticed_in_myself),
            ("noticed_in_child", &self.noticed_in_child),
        ] {
            if text.chars().count() > MAX_CHARS {
                return Err(ReflectionError::TooLong {
                    field,
                    max: MAX_CHARS,
                });
            }
        }
        Ok(())
    }
}

/// One day's reflection as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReflectionEntry {
    pub date: NaiveDate,
    pub answers: ReflectionAnswers,
    pub updated_at: DateTime<Utc>,
}

/// A day's reflection as the screen shows it: editable today, read-only afterwards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReflectionDay {
    pub date: NaiveDate,
    pub answers: ReflectionAnswers,
    /// Only the reflection day itself ([`reflection_day`]) can be edited.
    pub editable: bool,
    /// When something was written: the screen says "written on <date>" for a past day.
    pub written: bool,
}

impl ReflectionDay {
    pub fn new(date: NaiveDate, entry: Option<ReflectionEntry>, today: NaiveDate) -> Self {
        let answers = entry.map(|e| e.answers).unwrap_or_default();
        Self {
            date,
            written: !answers.is_empty(),
            answers,
            editable: date == today,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReflectionError {
    /// A reflection can only be written on its own day; earlier days are kept as they were.
    #[error("the reflection of {date} can no longer be changed (today is {today})")]
    DayClosed { date: NaiveDate, today: NaiveDate },
    #[error("{field} is longer than {max} characters")]
    TooLong { field: &'static str, max: usize },
}

impl ReflectionError {
    pub fn code(&self) -> ErrorCode {
        match self {
            ReflectionError::DayClosed { .. } => ErrorCode::ReflectionClosed,
            ReflectionError::TooLong { .. } => ErrorCode::InvalidAnswer,
        }
    }

    pub fn details(&self) -> Option<ErrorDetails> {
        match self {
            ReflectionError::DayClosed { .. } => None,
            ReflectionError::TooLong { max, .. } => Some(ErrorDetails::ReflectionTooLong {
                max_chars: u32::try_from(*max).unwrap_or(u32::MAX),
            }),
        }
    }
}

/// The reflection day a local clock reading belongs to (see [`DAY_STARTS_AT_HOUR`]).
pub fn reflection_day(local_now: NaiveDateTime) -> NaiveDate {
    (local_now - Duration::hours(DAY_STARTS_AT_HOUR)).date()
}

/// Whether the entry of `date` may be written now.
pub fn check_editable(date: NaiveDate, today: NaiveDate) -> Result<(), ReflectionError> {
    if date == today {
        Ok(())
    } else {
        Err(ReflectionError::DayClosed { date, today })
    }
}
