//! The one error type that crosses IPC: `{ "code": "...", "message": "..." }`. The UI shows a
//! translated text for the code and falls back to the message; the log gets the cause.

use houvast_core::{programme::ProgrammeError, ProfileError};
use houvast_store::StoreError;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    KeychainLocked,
    KeychainUnavailable,
    KeyMissing,
    WrongKeyOrCorrupt,
    DatabaseTooNew,
    StorageFailed,
    ContentInvalid,
    NotOnboarded,
    InvalidProfile,
    UnknownModule,
    ModuleLocked,
    UnknownQuestion,
    InvalidAnswer,
    TaskNotOpen,
    RequiredMissing,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
}

impl IpcError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self { code, message: message.into() }
    }
}

impl From<StoreError> for IpcError {
    fn from(e: StoreError) -> Self {
        let code = match e.code() {
            "keychain_locked" => ErrorCode::KeychainLocked,
            "keychain_unavailable" => ErrorCode::KeychainUnavailable,
            "key_missing" => ErrorCode::KeyMissing,
            "wrong_key_or_corrupt" | "wrong_key" | "database_corrupt" => {
                ErrorCode::WrongKeyOrCorrupt
            }
            "database_too_new" => ErrorCode::DatabaseTooNew,
            _ => ErrorCode::StorageFailed,
        };
        log::error!("store: {e}");
        Self::new(code, e.to_string())
    }
}

impl From<ProgrammeError> for IpcError {
    fn from(e: ProgrammeError) -> Self {
        let code = match e.code() {
            "unknown_module" => ErrorCode::UnknownModule,
            "module_locked" => ErrorCode::ModuleLocked,
            "unknown_question" => ErrorCode::UnknownQuestion,
            "task_not_open" => ErrorCode::TaskNotOpen,
            "required_missing" => ErrorCode::RequiredMissing,
            _ => ErrorCode::InvalidAnswer,
        };
        Self::new(code, e.to_string())
    }
}

impl From<ProfileError> for IpcError {
    fn from(e: ProfileError) -> Self {
        Self::new(ErrorCode::InvalidProfile, e.to_string())
    }
}
