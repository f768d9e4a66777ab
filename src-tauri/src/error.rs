//! The one error type that crosses IPC: `{ "code": "...", "message": "...", "details": ... }`.
//! The UI shows a translated text for the code (the list is houvast-core's [`ErrorCode`]) and
//! places it by `details`; the log gets the cause.

use houvast_core::{ErrorCode, ErrorDetails};
use houvast_courier::CourierError;
use houvast_session::SessionError;
use houvast_store::StoreError;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
    /// Where the problem is, when the UI can point at it (the missing questions, the field).
    pub details: Option<ErrorDetails>,
}

impl IpcError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            details: None,
        }
    }
}

impl From<SessionError> for IpcError {
    fn from(e: SessionError) -> Self {
        match &e {
            // The lock screen and a wrong backup passphrase are the parent's, not failures.
            SessionError::Store(
                StoreError::AppLocked { .. } | StoreError::BackupWrongPassphrase,
            ) => {}
            SessionError::Store(store) => log::error!("store: {store}"),
            _ => {}
        }
        Self {
            code: e.code(),
            details: e.details(),
            message: e.to_string(),
        }
    }
}

impl From<CourierError> for IpcError {
    fn from(e: CourierError) -> Self {
        match e {
            CourierError::Session(e) => e.into(),
            other => {
                log::info!("server: {other}");
                Self::new(other.code(), other.to_string())
            }
        }
    }
}

impl From<StoreError> for IpcError {
    fn from(e: StoreError) -> Self {
        SessionError::Store(e).into()
    }
}
