//! One error type for the HTTP edge. A client gets `{code, message}` and a 4xx for anything it
//! did wrong; only a fault of the server itself is a 5xx, and its cause goes to the log, not to
//! the client. Every code the server can answer is a variant of [`ErrorCode`], and each code has
//! exactly one HTTP status.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

/// What went wrong, for a program to react to (the message is for people).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    // The request itself.
    InvalidBody,
    MalformedJson,
    UnsupportedMediaType,
    BodyTooLarge,
    InvalidPath,
    InvalidContactPoint,
    InvalidEmail,
    InvalidName,
    InvalidToken,
    LabelTooLong,
    PinTooLarge,
    NoSuchEndpoint,
    MethodNotAllowed,
    DuplicateSessionCookie,
    RequestTimeout,
    UnsupportedProtocolVersion,
    /// A public key that is a low-order point (any shared key with it is a known constant).
    WeakKey,
    // Who is asking.
    Unauthenticated,
    NotPaired,
    SignInFailed,
    AccountDisabled,
    Csrf,
    RateLimited,
    // Activation.
    ActivationUnknown,
    ActivationExpired,
    // Pairing.
    CodeUnknown,
    CodeUsed,
    CodeExpired,
    TooManyOpenCodes,
    NoRecoveryKey,
    WorkerNotReady,
    // Caseload and check-ins.
    ClientNotFound,
    ClientUnpaired,
    CheckinIdReused,
    ContactPointHasCheckin,
    // Administration.
    UnknownOrganisation,
    OrganisationExists,
    RecoveryKeyExists,
    UnknownWorker,
    WorkerExists,
    OtherOrganisation,
    SameWorker,
    WorkerDisabled,
    // Constraint violations the database caught.
    Conflict,
    ConstraintViolated,
    // The server's own fault or load.
    ServerBusy,
    Internal,
}

impl ErrorCode {
    pub fn status(self) -> StatusCode {
        use ErrorCode::*;
        match self {
            InvalidBody
            | MalformedJson
            | InvalidPath
            | InvalidContactPoint
            | InvalidEmail
            | InvalidName
            | InvalidToken
            | LabelTooLong
            | PinTooLarge
            | DuplicateSessionCookie
            | UnsupportedProtocolVersion
            | WeakKey
            | ConstraintViolated => StatusCode::BAD_REQUEST,
            Unauthenticated | NotPaired | SignInFailed => StatusCode::UNAUTHORIZED,
            AccountDisabled | Csrf | OtherOrganisation => StatusCode::FORBIDDEN,
            NoSuchEndpoint | ActivationUnknown | CodeUnknown | ClientNotFound
            | UnknownOrganisation | UnknownWorker => StatusCode::NOT_FOUND,
            MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            RequestTimeout => StatusCode::REQUEST_TIMEOUT,
            TooManyOpenCodes
            | NoRecoveryKey
            | WorkerNotReady
            | CheckinIdReused
            | ContactPointHasCheckin
            | OrganisationExists
            | RecoveryKeyExists
            | WorkerExists
            | SameWorker
            | WorkerDisabled
            | Conflict => StatusCode::CONFLICT,
            ActivationExpired | CodeUsed | CodeExpired | ClientUnpaired => StatusCode::GONE,
            BodyTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            RateLimited => StatusCode::TOO_MANY_REQUESTS,
            Internal => StatusCode::INTERNAL_SERVER_ERROR,
            ServerBusy => StatusCode::SERVICE_UNAVAILABLE,
        }
    }
}

/// Every error body: `{code, message}`.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ErrorResponse {
    pub code: ErrorCode,
    pub message: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// Refused, with a reason the client can act on.
    #[error("{message}")]
    Refused { code: ErrorCode, message: String },
    /// Refused for now; try again after this many seconds.
    #[error("{message}")]
    RetryLater {
        code: ErrorCode,
        message: String,
        after_secs: u64,
    },
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("internal: {0}")]
    Internal(String),
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self::Refused {
            code,
            message: message.into(),
        }
    }

    pub fn unauthenticated() -> Self {
        Self::new(
            ErrorCode::Unauthenticated,
            "sign in first (or the session has expired)",
        )
    }

    pub fn not_paired() -> Self {
        Self::new(
            ErrorCode::NotPaired,
            "this device is not paired (or was unpaired)",
        )
    }

    pub fn rate_limited(after_secs: u64) -> Self {
        Self::RetryLater {
            code: ErrorCode::RateLimited,
            message: format!("too many attempts; try again in {after_secs} seconds"),
            after_secs,
        }
    }

    pub fn internal(cause: impl std::fmt::Display) -> Self {
        Self::Internal(cause.to_string())
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Refused { code, .. } | Self::RetryLater { code, .. } => *code,
            Self::Database(e) => match e.as_database_error().map(|d| d.kind()) {
                Some(sqlx::error::ErrorKind::UniqueViolation) => ErrorCode::Conflict,
                Some(
                    sqlx::error::ErrorKind::ForeignKeyViolation
                    | sqlx::error::ErrorKind::CheckViolation
                    | sqlx::error::ErrorKind::NotNullViolation,
                ) => ErrorCode::ConstraintViolated,
                Some(_) | None => ErrorCode::Internal,
            },
            Self::Internal(_) => ErrorCode::Internal,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let code = self.code();
        let status = code.status();
        let message = if status.is_server_error() && !matches!(self, Self::RetryLater { .. }) {
            tracing::error!(error = %self, "request failed");
            "something went wrong on the server; please try again later".to_string()
        } else if matches!(self, Self::Database(_)) {
            "this conflicts with data the server already has".to_string()
        } else {
            self.to_string()
        };
        let mut response = (status, axum::Json(ErrorResponse { code, message })).into_response();
        if code == ErrorCode::BodyTooLarge {
            // The rest of the body is left unread, so this connection cannot carry another
            // request: say so, or a client reuses it and its next request fails half-way.
            response
                .headers_mut()
                .insert(header::CONNECTION, HeaderValue::from_static("close"));
        }
        if let Self::RetryLater { after_secs, .. } = self {
            if let Ok(v) = HeaderValue::from_str(&after_secs.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
        response
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
