//! What can go wrong between the app and the server, each with the code the app's screens
//! react to and a message in plain words.

use houvast_core::ErrorCode;
use houvast_session::SessionError;

#[derive(Debug, thiserror::Error)]
pub enum CourierError {
    #[error(transparent)]
    Session(#[from] SessionError),
    /// No connection: no network, the server is down, or the address does not exist.
    #[error("the server cannot be reached: {0}")]
    Offline(String),
    /// The server did not answer in time.
    #[error("the server did not answer in time")]
    Timeout,
    /// TLS failed on the certificate: not trusted, expired, or for another name.
    #[error("the server's certificate is not trusted: {0}")]
    Certificate(String),
    /// Something answered, but not as a Houvast server does.
    #[error("this address does not answer as a Houvast server ({0})")]
    NotHouvast(String),
    /// The server refused, with its code and message.
    #[error("the server refused ({status}, {code}): {message}")]
    Refused {
        status: u16,
        code: String,
        message: String,
    },
    /// The server failed (5xx) or is too busy.
    #[error("the server has a problem ({status}): {message}")]
    ServerFailed { status: u16, message: String },
}

impl CourierError {
    pub fn code(&self) -> ErrorCode {
        match self {
            CourierError::Session(e) => e.code(),
            CourierError::Offline(_) | CourierError::Timeout => ErrorCode::Offline,
            CourierError::Certificate(_) => ErrorCode::CertificateInvalid,
            CourierError::NotHouvast(_) => ErrorCode::NotHouvastServer,
            CourierError::Refused { code, .. } => match code.as_str() {
                "code_unknown" => ErrorCode::CodeUnknown,
                "code_expired" => ErrorCode::CodeExpired,
                "code_used" => ErrorCode::CodeUsed,
                "rate_limited" => ErrorCode::RateLimited,
                "unauthenticated" | "not_paired" | "client_unpaired" => ErrorCode::NotPaired,
                _ => ErrorCode::ServerRefused,
            },
            CourierError::ServerFailed { .. } => ErrorCode::ServerFailed,
        }
    }

    /// Whether trying the same request later can work: no connection, a timeout, a busy or
    /// failing server, a rate limit. A refusal for a reason in the request itself cannot.
    pub fn is_transient(&self) -> bool {
        match self {
            CourierError::Offline(_)
            | CourierError::Timeout
            | CourierError::ServerFailed { .. }
            | CourierError::Certificate(_)
            | CourierError::NotHouvast(_) => true,
            CourierError::Refused { status, .. } => *status == 408 || *status == 429,
            CourierError::Session(_) => false,
        }
    }

    /// A short reason to keep with an outbox item (no request or response content).
    pub fn short(&self) -> String {
        match self {
            CourierError::Refused { code, .. } => code.clone(),
            CourierError::ServerFailed { status, .. } => format!("server {status}"),
            other => format!("{:?}", other.code()).to_lowercase(),
        }
    }
}
