//! The one list of error codes the app's screens react to. Every crate's error maps to an
//! [`ErrorCode`] with an exhaustive `code()`; the IPC error carries it to the UI (generated
//! into the TypeScript bindings), so there is no second list of codes as strings.

use crate::content::AnswerProblem;
use crate::ids::QuestionId;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    // The parent's database and its key (houvast-store).
    KeychainLocked,
    KeychainUnavailable,
    KeyMissing,
    WrongKey,
    DatabaseCorrupt,
    WrongKeyOrCorrupt,
    DatabaseTooNew,
    StorageFailed,
    // The app lock and the backup (houvast-store, houvast-session).
    AppLocked,
    WrongLockSecret,
    LockWait,
    LockSecretInvalid,
    NotABackup,
    BackupTruncated,
    BackupDamaged,
    BackupWrongPassphrase,
    BackupTooNew,
    BackupPassphraseTooShort,
    RestoreWouldReplace,
    // The programme and the parent's use of it.
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
    // The worker and the check-ins (houvast-session, houvast-courier).
    NotPaired,
    AlreadyPaired,
    InvitationInvalid,
    PlainHttp,
    CheckInIncomplete,
    CheckInInvalid,
    CheckInAlreadySent,
    CheckInChanged,
    ContactPointNotReached,
    KeyChanged,
    SealFailed,
    Offline,
    CertificateInvalid,
    NotHouvastServer,
    CodeUnknown,
    CodeExpired,
    CodeUsed,
    RateLimited,
    ServerRefused,
    ServerFailed,
    // The platform (the app shell).
    StartAtLoginFailed,
    /// "Did the test appear?" answered while no test was waiting for an answer.
    NoTestWaiting,
    // The parent's own copy of their data.
    ExportFailed,
    // Read aloud (houvast-speech): no engine on this computer, the engine failed, bad text.
    SpeechUnavailable,
    SpeechFailed,
    SpeechTextInvalid,
}

/// What the UI needs beyond the code to put a message in the right place, so it never has to
/// search a message text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ErrorDetails {
    /// These required questions have no valid answer yet, in content order.
    RequiredMissing { question_ids: Vec<QuestionId> },
    /// The answer to this question does not fit it.
    InvalidAnswer {
        question_id: QuestionId,
        problem: AnswerProblem,
    },
    /// The profile field that is wrong.
    InvalidProfile { field: ProfileField },
    /// A reflection answer is longer than fits.
    ReflectionTooLong { max_chars: u32 },
    /// These parts of a check-in are still to be filled in (`ratings.parenting`,
    /// `programme_grade`, `worried_about_safety`, ...).
    CheckInIncomplete { fields: Vec<String> },
    /// A part of a check-in does not fit (too long, a control character).
    CheckInInvalid { field: String, rule: String },
    /// A wrong PIN or a try too soon: how many wrong in a row, and from when the next try is
    /// allowed (`null`: now).
    LockWait {
        failures: Option<u32>,
        wait_until: Option<chrono::DateTime<chrono::Utc>>,
    },
    /// Why a new PIN or passphrase was refused.
    LockSecretInvalid { problem: crate::LockSecretProblem },
    /// The app lock is set: the lock screen asks for this kind.
    AppLocked { lock: crate::LockKind },
    /// Restoring would replace the data in the app: ask first. When the backup was made.
    RestoreWouldReplace {
        created_at: chrono::DateTime<chrono::Utc>,
    },
}

/// A field of the onboarding and profile form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ProfileField {
    Pseudonym,
    /// The list of children (none, or too many).
    Children,
    /// One child's age.
    ChildAge,
}
