//! Everything a parent's step can fail with, each with the code the app's screens react to.

use crate::reminder::MAX_SNOOZE_HOURS;
use houvast_core::reflection::ReflectionError;
use houvast_core::reminder::ReminderError;
use houvast_core::{ErrorCode, ErrorDetails, ProfileError, ProgrammeError};
use houvast_protocol::ProtocolError;
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
    #[error(transparent)]
    NoTestWaiting(#[from] houvast_core::reminder::NoTestWaiting),
    #[error("a pause lasts at most {MAX_SNOOZE_HOURS} hours, not {hours}")]
    SnoozeTooLong { hours: u32 },
    #[error("the programme bundled with the app cannot be read: {0}")]
    ContentInvalid(String),
    #[error(transparent)]
    Protocol(#[from] ProtocolError),
    #[error("this app is not paired with a prevention worker")]
    NotPaired,
    #[error("this app is paired already; undo the pairing first")]
    AlreadyPaired,
    #[error("contact point {0} is not here yet")]
    ContactPointNotReached(u8),
    #[error("this check-in was sent already")]
    CheckInAlreadySent,
    #[error("the check-in changed after the preview; please look at it again")]
    CheckInChanged,
    #[error("still to fill in: {}", fields.join(", "))]
    CheckInIncomplete { fields: Vec<String> },
    #[error("{field}: {rule}")]
    CheckInInvalid { field: String, rule: String },
    #[error("wait until {until} before trying again")]
    LockWait {
        until: chrono::DateTime<chrono::Utc>,
    },
    #[error("the PIN or passphrase is not right ({failures} wrong in a row)")]
    WrongLockSecret {
        failures: u32,
        wait_until: Option<chrono::DateTime<chrono::Utc>>,
    },
    #[error(transparent)]
    LockSecretInvalid(houvast_core::LockSecretProblem),
    #[error(
        "a backup passphrase has at least {} characters",
        houvast_core::lock::MIN_BACKUP_PASSPHRASE_CHARS
    )]
    BackupPassphraseTooShort,
    #[error("there is data in the app already; restoring replaces it")]
    RestoreWouldReplace {
        created_at: chrono::DateTime<chrono::Utc>,
    },
    #[error("the export could not be saved: {cause}")]
    ExportFailed { cause: String },
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
            SessionError::NoTestWaiting(_) => ErrorCode::NoTestWaiting,
            SessionError::SnoozeTooLong { .. } => ErrorCode::InvalidSettings,
            SessionError::ContentInvalid(_) => ErrorCode::ContentInvalid,
            SessionError::Protocol(e) => protocol_code(e),
            SessionError::NotPaired => ErrorCode::NotPaired,
            SessionError::AlreadyPaired => ErrorCode::AlreadyPaired,
            SessionError::ContactPointNotReached(_) => ErrorCode::ContactPointNotReached,
            SessionError::CheckInAlreadySent => ErrorCode::CheckInAlreadySent,
            SessionError::CheckInChanged => ErrorCode::CheckInChanged,
            SessionError::CheckInIncomplete { .. } => ErrorCode::CheckInIncomplete,
            SessionError::CheckInInvalid { .. } => ErrorCode::CheckInInvalid,
            SessionError::LockWait { .. } => ErrorCode::LockWait,
            SessionError::WrongLockSecret { .. } => ErrorCode::WrongLockSecret,
            SessionError::LockSecretInvalid(_) => ErrorCode::LockSecretInvalid,
            SessionError::BackupPassphraseTooShort => ErrorCode::BackupPassphraseTooShort,
            SessionError::RestoreWouldReplace { .. } => ErrorCode::RestoreWouldReplace,
            SessionError::ExportFailed { .. } => ErrorCode::ExportFailed,
        }
    }

    pub fn details(&self) -> Option<ErrorDetails> {
        match self {
            SessionError::Programme(e) => e.details(),
            SessionError::Profile(e) => Some(e.details()),
            SessionError::Reflection(e) => e.details(),
            SessionError::CheckInIncomplete { fields } => Some(ErrorDetails::CheckInIncomplete {
                fields: fields.clone(),
            }),
            SessionError::CheckInInvalid { field, rule } => Some(ErrorDetails::CheckInInvalid {
                field: field.clone(),
                rule: rule.clone(),
            }),
            SessionError::Protocol(ProtocolError::InvalidField { field, rule }) => {
                Some(ErrorDetails::CheckInInvalid {
                    field: (*field).to_string(),
                    rule: (*rule).to_string(),
                })
            }
            SessionError::LockWait { until } => Some(ErrorDetails::LockWait {
                failures: None,
                wait_until: Some(*until),
            }),
            SessionError::WrongLockSecret {
                failures,
                wait_until,
            } => Some(ErrorDetails::LockWait {
                failures: Some(*failures),
                wait_until: *wait_until,
            }),
            SessionError::LockSecretInvalid(problem) => {
                Some(ErrorDetails::LockSecretInvalid { problem: *problem })
            }
            SessionError::RestoreWouldReplace { created_at } => {
                Some(ErrorDetails::RestoreWouldReplace {
                    created_at: *created_at,
                })
            }
            SessionError::Store(StoreError::AppLocked { kind }) => {
                Some(ErrorDetails::AppLocked { lock: *kind })
            }
            SessionError::BackupPassphraseTooShort
            | SessionError::Store(_)
            | SessionError::Reminder(_)
            | SessionError::NotOnboarded
            | SessionError::NoTestWaiting(_)
            | SessionError::SnoozeTooLong { .. }
            | SessionError::ContentInvalid(_)
            | SessionError::Protocol(_)
            | SessionError::NotPaired
            | SessionError::AlreadyPaired
            | SessionError::ContactPointNotReached(_)
            | SessionError::CheckInAlreadySent
            | SessionError::CheckInChanged
            | SessionError::ExportFailed { .. } => None,
        }
    }
}

/// The code of a protocol error met on the device: a mistyped invitation, plain http, a
/// changed key, a check-in that does not fit; anything else is a failure to seal or open.
pub fn protocol_code(e: &ProtocolError) -> ErrorCode {
    match e {
        ProtocolError::InvitationEmpty
        | ProtocolError::InvitationFormat
        | ProtocolError::PairingCodeFormat
        | ProtocolError::PairingCodeCheck => ErrorCode::InvitationInvalid,
        ProtocolError::PlainHttp => ErrorCode::PlainHttp,
        ProtocolError::KeyChanged { .. } => ErrorCode::KeyChanged,
        ProtocolError::InvalidField { .. } | ProtocolError::TooLarge { .. } => {
            ErrorCode::CheckInInvalid
        }
        _ => ErrorCode::SealFailed,
    }
}
