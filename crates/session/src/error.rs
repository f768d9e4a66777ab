//! Everything a parent's step can fail with, each with the code the app's screens react to.

use crate::reminder::MAX_SNOOZE_HOURS;
use houvast_core::reflection::ReflectionError;
use houvast_core::reminder::ReminderError;
use houvast_core::{ErrorCode, ErrorDetails, ProfileError, ProgrammeError};
use houvast_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Programme(#[from] ProgrammeError),
    #[error(transparent)]
    Profile(#[from] ProfileError),
    #[error(transparent)]
    Reflection(#[from] ReflectionError),
    #[error(transparent)]
    Reminder(#[from] ReminderError),
    #[error("finish the first steps before the programme")]
    NotOnboarded,
    #[error("a pause lasts at most {MAX_SNOOZE_HOURS} hours, not {hours}")]
    SnoozeTooLong { hours: u32 },
}

impl SessionError {
    pub fn code(&self) -> ErrorCode {
        match self {
            SessionError::Store(e) => e.code(),
            SessionError::Programme(e) => e.code(),
            SessionError::Profile(e) => e.code(),
            SessionError::Reflection(e) => e.code(),
            SessionError::Reminder(e) => e.code(),
            SessionError::NotOnboarded => ErrorCode::NotOnboarded,
            SessionError::SnoozeTooLong { .. } => ErrorCode::InvalidSettings,
        }
    }

    pub fn details(&self) -> Option<ErrorDetails> {
        match self {
            SessionError::Programme(e) => e.details(),
            SessionError::Profile(e) => Some(e.details()),
            SessionError::Reflection(e) => e.details(),
            SessionError::Store(_)
            | SessionError::Reminder(_)
            | SessionError::NotOnboarded
            | SessionError::SnoozeTooLong { .. } => None,
        }
    }
}
