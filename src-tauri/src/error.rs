//! The one error type that crosses IPC: `{ "code": "...", "message": "..." }`. The UI shows a
//! translated text for the code and falls back to the message; the log gets the cause.

use houvast_core::{ProfileError, ProgrammeError};
use houvast_store::StoreError;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    KeychainLocked,
    KeychainUnavailable,
    KeyMissing,
    WrongKey,
    DatabaseCorrupt,
    WrongKeyOrCorrupt,
    DatabaseTooNew,
    StorageFailed,
    ContentInvalid,
    NotOnboarded,
    InvalidProfile,
    UnknownModule,
    UnknownPage,
    ModuleLocked,
    UnknownQuestion,
    InvalidAnswer,
    TaskNotOpen,
    RequiredMissing,
    ReflectionClosed,
    InvalidSettings,
    StartAtLoginFailed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
}

impl IpcError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

impl From<StoreError> for IpcError {
    fn from(e: StoreError) -> Self {
        let code = match &e {
            StoreError::KeychainLocked { .. } => ErrorCode::KeychainLocked,
            StoreError::KeychainUnavailable { .. } => ErrorCode::KeychainUnavailable,
            StoreError::KeyMissing => ErrorCode::KeyMissing,
            StoreError::WrongKey => ErrorCode::WrongKey,
            StoreError::Corrupt { .. } => ErrorCode::DatabaseCorrupt,
            StoreError::WrongKeyOrCorrupt => ErrorCode::WrongKeyOrCorrupt,
            StoreError::DatabaseTooNew { .. } => ErrorCode::DatabaseTooNew,
            _ => ErrorCode::StorageFailed,
        };
        log::error!("store: {e}");
        Self::new(code, e.to_string())
    }
}

impl From<ProgrammeError> for IpcError {
    fn from(e: ProgrammeError) -> Self {
        let code = match &e {
            ProgrammeError::UnknownModule(_) => ErrorCode::UnknownModule,
            ProgrammeError::UnknownPage { .. } => ErrorCode::UnknownPage,
            ProgrammeError::ModuleLocked(_) => ErrorCode::ModuleLocked,
            ProgrammeError::UnknownQuestion { .. } => ErrorCode::UnknownQuestion,
            ProgrammeError::InvalidAnswer { .. } => ErrorCode::InvalidAnswer,
            ProgrammeError::TaskNotOpen { .. } => ErrorCode::TaskNotOpen,
            ProgrammeError::RequiredMissing { .. } => ErrorCode::RequiredMissing,
        };
        Self::new(code, e.to_string())
    }
}

impl From<ProfileError> for IpcError {
    fn from(e: ProfileError) -> Self {
        Self::new(ErrorCode::InvalidProfile, e.to_string())
    }
}
