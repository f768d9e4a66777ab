//! Extractors: the one way in for request data. Bodies, paths and credentials are parsed here
//! into types; a malformed request ends here with a 4xx and a reason.

use crate::db::now_ms;
use crate::error::{ApiError, ErrorCode};
use crate::ratelimit::ip_key;
use crate::AppState;
use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, Method};
use serde::de::DeserializeOwned;
use std::net::SocketAddr;
use uuid::Uuid;

/// A JSON body that answers `{code, message}` when it is not what the endpoint takes.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(Self(value)),
            Err(rejection) => Err(json_rejection(rejection)),
        }
    }
}

fn json_rejection(rejection: JsonRejection) -> ApiError {
    let status = rejection.status();
    // A body of the wrong shape is a 400 like any other bad input (axum would say 422).
    let (code, message) = match &rejection {
        JsonRejection::JsonDataError(e) => (
            ErrorCode::InvalidBody,
            format!("the body does not fit this endpoint: {}", e.body_text()),
        ),
        JsonRejection::JsonSyntaxError(_) => (
            ErrorCode::MalformedJson,
            "the body is not valid JSON".to_string(),
        ),
        JsonRejection::MissingJsonContentType(_) => (
            ErrorCode::UnsupportedMediaType,
            "send the body as Content-Type: application/json".to_string(),
        ),
        _ if status == axum::http::StatusCode::PAYLOAD_TOO_LARGE => (
            ErrorCode::BodyTooLarge,
            "the body is larger than this endpoint accepts".to_string(),
        ),
        _ => (
            ErrorCode::InvalidBody,
            "the body could not be read".to_string(),
        ),
    };
    // serde's message can quote the input; keep it short.
    let message: String = message.chars().take(300).collect();
    ApiError::new(code, message)
}

/// A path segment that must be a UUID (a client id, a check-in id).
pub struct IdPath(pub Uuid);

impl<S: Send + Sync> FromRequestParts<S> for IdPath {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<Uuid>::from_request_parts(parts, state)
            .await
            .map(|p| Self(p.0))
            .map_err(path_rejection)
    }
}

/// A client id and a contact point number in the path.
pub struct ClientContactPath(pub Uuid, pub houvast_protocol::wire::ContactPoint);

impl<S: Send + Sync> FromRequestParts<S> for ClientContactPath {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let axum::extract::Path((id, n)) =
            axum::extract::Path::<(Uuid, i64)>::from_request_parts(parts, state)
                .await
                .map_err(path_rejection)?;
        let cp = houvast_protocol::wire::ContactPoint::new(n)
            .map_err(|e| ApiError::new(ErrorCode::InvalidContactPoint, e.to_string()))?;
        Ok(Self(id, cp))
    }
}

fn path_rejection(_: PathRejection) -> ApiError {
    ApiError::new(
        ErrorCode::InvalidPath,
        "a value in the path is not valid (ids are UUIDs, contact points 1, 2 or 3)",
    )
}

/// The address a request came from: the socket's peer, or behind a trusted proxy the last
/// address in `X-Forwarded-For` (the one the proxy itself added).
pub struct ClientIp(pub String);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = ApiError;
    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if state.config.behind_proxy {
            if let Some(ip) = parts
                .headers
                .get_all("x-forwarded-for")
                .iter()
                .next_back()
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.rsplit(',').next())
                .and_then(|v| v.trim().parse().ok())
            {
                return Ok(Self(ip_key(ip)));
            }
        }
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| ip_key(c.0.ip()))
            .unwrap_or_else(|| "unknown".into());
        Ok(Self(peer))
    }
}

/// The session cookie. The `__Host-` prefix makes a browser accept it only with `Secure`,
/// `Path=/` and no `Domain`, so a sibling subdomain cannot plant or overwrite it.
pub const SESSION_COOKIE: &str = "__Host-houvast_session";
/// Every state-changing request of the dashboard carries this header. A cross-site form
/// cannot send a custom header, and a cross-site `fetch` with one needs a CORS preflight that
/// this server never grants.
pub const CSRF_HEADER: &str = "x-houvast-request";

/// A signed-in worker (session cookie).
pub struct WorkerSession {
    pub token_hash: Vec<u8>,
    pub worker_id: String,
    pub organisation_id: String,
    pub expires_at: i64,
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    worker_id: String,
    organisation_id: String,
    expires_at: i64,
}

impl FromRequestParts<AppState> for WorkerSession {
    type Rejection = ApiError;
    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if !matches!(parts.method, Method::GET | Method::HEAD) {
            check_same_origin(parts, state)?;
        }
        let token = session_cookie(parts)?.ok_or_else(ApiError::unauthenticated)?;
        let hash = state.secret.hash("session", token.as_bytes());
        let row: Option<SessionRow> = sqlx::query_as(
            "SELECT s.worker_id, w.organisation_id, s.expires_at FROM sessions s \
             JOIN workers w ON w.id = s.worker_id \
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND w.disabled_at IS NULL",
        )
        .bind(hash.clone())
        .bind(now_ms())
        .fetch_optional(&state.db.pool)
        .await?;
        let row = row.ok_or_else(ApiError::unauthenticated)?;
        Ok(Self {
            token_hash: hash,
            worker_id: row.worker_id,
            organisation_id: row.organisation_id,
            expires_at: row.expires_at,
        })
    }
}

/// CSRF defence for cookie-authenticated requests that change something: the custom header
/// must be there, and an `Origin`, when the browser sends one, must be this server's.
pub fn check_same_origin(parts: &Parts, state: &AppState) -> Result<(), ApiError> {
    if parts.headers.get(CSRF_HEADER).is_none() {
        return Err(ApiError::new(
            ErrorCode::Csrf,
            format!("requests that change something need the {CSRF_HEADER} header"),
        ));
    }
    if let Some(origin) = parts.headers.get(header::ORIGIN) {
        let origin = origin.to_str().unwrap_or("");
        if origin != state.config.public_origin() {
            return Err(ApiError::new(
                ErrorCode::Csrf,
                "this request came from another site",
            ));
        }
    }
    Ok(())
}

/// The session token from the cookie header. Two session cookies are refused: a browser
/// holds one, so a second was planted (cookie tossing) and neither can be trusted.
pub fn session_cookie(parts: &Parts) -> Result<Option<String>, ApiError> {
    let mut found = parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .filter(|(k, _)| *k == SESSION_COOKIE)
        .map(|(_, v)| v.to_string());
    let first = found.next();
    if found.next().is_some() {
        return Err(ApiError::new(
            ErrorCode::DuplicateSessionCookie,
            "the request carries two session cookies; sign out, clear this site's cookies and sign in again",
        ));
    }
    Ok(first.filter(|v| v.len() <= 64))
}

/// A paired device (`Authorization: Bearer <device token>`).
#[derive(sqlx::FromRow)]
pub struct ClientDevice {
    pub client_id: String,
    pub worker_id: String,
}

impl FromRequestParts<AppState> for ClientDevice {
    type Rejection = ApiError;
    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .filter(|t| t.len() <= 64)
            .ok_or_else(ApiError::not_paired)?;
        let hash = state.secret.hash("device", token.as_bytes());
        let device: Option<ClientDevice> = sqlx::query_as(
            "SELECT id AS client_id, worker_id FROM clients WHERE device_token_hash = $1 AND unpaired_at IS NULL",
        )
        .bind(hash)
        .fetch_optional(&state.db.pool)
        .await?;
        device.ok_or_else(ApiError::not_paired)
    }
}
