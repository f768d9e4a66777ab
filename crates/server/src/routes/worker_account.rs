//! A worker's account: activation from the invitation link, sign-in, sign-out.
//!
//! The browser derives a login key and a wrapping key from the passphrase (see
//! `houvast_protocol::derive_worker_keys`); the server sees the login key only, stores an
//! Argon2id hash of it, and keeps the worker's secret key only wrapped.

use crate::admin::normalise_email;
use crate::db::{now_ms, to_time};
use crate::error::{ApiError, ApiResult};
use crate::extract::{check_same_origin, ApiJson, ClientIp, WorkerSession, SESSION_COOKIE};
use crate::secrets::{hash_login_key, random_token, verify_login_key};
use crate::AppState;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use houvast_protocol::wire::{
    ActivateRequest, ActivationInfo, ActivationInfoRequest, KdfParams, SignInParamsRequest,
    SignInRequest, WorkerProfile,
};
use houvast_protocol::{PublicKeyBytes, Salt, WrappedSecretKey, KDF_MEMLIMIT_BYTES, KDF_OPSLIMIT};
use std::sync::OnceLock;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/worker/activation/info", post(activation_info))
        .route("/api/v1/worker/activation", post(activate))
        .route("/api/v1/worker/sign-in/params", post(sign_in_params))
        .route("/api/v1/worker/sign-in", post(sign_in))
        .route("/api/v1/worker/sign-out", post(sign_out))
        .route("/api/v1/worker/me", get(me))
}

fn csrf(headers: &HeaderMap, state: &AppState) -> ApiResult<()> {
    let (mut parts, ()) = axum::http::Request::new(()).into_parts();
    parts.headers = headers.clone();
    check_same_origin(&parts, state)
}

fn token_ok(token: &str) -> ApiResult<()> {
    if token.len() > 64 || token.is_empty() {
        return Err(ApiError::invalid(
            "invalid_token",
            "this activation link is not valid",
        ));
    }
    Ok(())
}

type Pending = (String, String, String, i64);

async fn pending_activation(state: &AppState, token: &str) -> ApiResult<Pending> {
    token_ok(token)?;
    let row: Option<(String, String, String, i64)> = sqlx::query_as(
        "SELECT w.email, w.display_name, o.name, w.activation_expires_at FROM workers w \
         JOIN organisations o ON o.id = w.organisation_id WHERE w.activation_token_hash = $1",
    )
    .bind(state.secret.hash("activation", token.as_bytes()))
    .fetch_optional(&state.db.pool)
    .await?;
    let row = row.ok_or_else(|| {
        ApiError::not_found(
            "activation_unknown",
            "this activation link is not known or was used already",
        )
    })?;
    if row.3 <= now_ms() {
        return Err(ApiError::gone(
            "activation_expired",
            "this activation link has expired; ask for a new one",
        ));
    }
    Ok(row)
}

/// What the activation page shows before the worker chooses a passphrase.
#[utoipa::path(post, path = "/api/v1/worker/activation/info", tag = "worker", request_body = ActivationInfoRequest,
    responses((status = 200, body = ActivationInfo), (status = "4XX", body = houvast_protocol::wire::ErrorBody)))]
pub async fn activation_info(
    State(state): State<AppState>,
    ip: ClientIp,
    headers: HeaderMap,
    ApiJson(req): ApiJson<ActivationInfoRequest>,
) -> ApiResult<Json<ActivationInfo>> {
    csrf(&headers, &state)?;
    state
        .limiters
        .activation_per_ip
        .check(&ip.0)
        .map_err(ApiError::RateLimited)?;
    let (email, display_name, organisation, expires) =
        pending_activation(&state, &req.token).await?;
    let recovery: (Option<Vec<u8>>,) = sqlx::query_as(
        "SELECT o.recovery_public_key FROM workers w JOIN organisations o ON o.id = w.organisation_id \
         WHERE w.activation_token_hash = $1",
    )
    .bind(state.secret.hash("activation", req.token.as_bytes()))
    .fetch_one(&state.db.pool)
    .await?;
    Ok(Json(ActivationInfo {
        email,
        display_name,
        organisation,
        opslimit: KDF_OPSLIMIT,
        memlimit_bytes: KDF_MEMLIMIT_BYTES,
        recovery_public_key: recovery_key(recovery.0)?,
        expires_at: to_time(expires),
    }))
}

/// Sets the passphrase: stores a hash of the login key, the public key and the wrapped secret
/// key. The activation link stops working.
#[utoipa::path(post, path = "/api/v1/worker/activation", tag = "worker", request_body = ActivateRequest,
    responses((status = 204, description = "activated; sign in next"), (status = "4XX", body = houvast_protocol::wire::ErrorBody)))]
pub async fn activate(
    State(state): State<AppState>,
    ip: ClientIp,
    headers: HeaderMap,
    ApiJson(req): ApiJson<ActivateRequest>,
) -> ApiResult<StatusCode> {
    csrf(&headers, &state)?;
    state
        .limiters
        .activation_per_ip
        .check(&ip.0)
        .map_err(ApiError::RateLimited)?;
    pending_activation(&state, &req.token).await?;
    req.public_key
        .check_usable()
        .map_err(|e| ApiError::invalid("weak_key", e.to_string()))?;
    let login_hash = {
        let key = req.login_key.0;
        tokio::task::spawn_blocking(move || hash_login_key(&key))
            .await
            .map_err(ApiError::internal)??
    };
    let done = sqlx::query(
        "UPDATE workers SET login_hash = $1, kdf_salt = $2, kdf_opslimit = $3, kdf_memlimit = $4, public_key = $5, \
         wrapped_secret_key = $6, activated_at = $7, activation_token_hash = NULL, activation_expires_at = NULL \
         WHERE activation_token_hash = $8",
    )
    .bind(login_hash)
    .bind(req.salt.0.to_vec())
    .bind(i64::from(KDF_OPSLIMIT))
    .bind(i64::from(KDF_MEMLIMIT_BYTES))
    .bind(req.public_key.0.to_vec())
    .bind(req.wrapped_secret_key.0.to_vec())
    .bind(now_ms())
    .bind(state.secret.hash("activation", req.token.as_bytes()))
    .execute(&state.db.pool)
    .await?;
    if done.rows_affected() == 0 {
        return Err(ApiError::not_found(
            "activation_unknown",
            "this activation link is not known or was used already",
        ));
    }
    Ok(StatusCode::NO_CONTENT)
}

/// The salt and Argon2id parameters for an e-mail address. An unknown address gets a salt
/// that is stable but made up, so this does not tell who has an account.
#[utoipa::path(post, path = "/api/v1/worker/sign-in/params", tag = "worker", request_body = SignInParamsRequest,
    responses((status = 200, body = KdfParams), (status = "4XX", body = houvast_protocol::wire::ErrorBody)))]
pub async fn sign_in_params(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiJson(req): ApiJson<SignInParamsRequest>,
) -> ApiResult<Json<KdfParams>> {
    csrf(&headers, &state)?;
    let email = normalise_email(&req.email)?;
    let row: Option<(Option<Vec<u8>>,)> =
        sqlx::query_as("SELECT kdf_salt FROM workers WHERE email = $1")
            .bind(email.clone())
            .fetch_optional(&state.db.pool)
            .await?;
    let salt = match row
        .and_then(|r| r.0)
        .and_then(|s| <[u8; 16]>::try_from(s).ok())
    {
        Some(s) => s,
        None => {
            let fake = state.secret.hash("fake-salt", email.as_bytes());
            let mut s = [0u8; 16];
            s.copy_from_slice(&fake[..16]);
            s
        }
    };
    Ok(Json(KdfParams {
        algorithm: "argon2id13".into(),
        opslimit: KDF_OPSLIMIT,
        memlimit_bytes: KDF_MEMLIMIT_BYTES,
        salt: Salt(salt),
    }))
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_login_key(&[0u8; 32]).unwrap_or_default())
}

type WorkerRow = (
    String,
    String,
    String,
    String,
    Option<String>,
    Option<Vec<u8>>,
    Option<Vec<u8>>,
    Option<Vec<u8>>,
);

async fn load_profile(
    state: &AppState,
    worker_id: &str,
    session_expires: Option<i64>,
) -> ApiResult<WorkerProfile> {
    let row: WorkerRow = sqlx::query_as(
        "SELECT w.id, w.email, w.display_name, o.name, w.login_hash, w.public_key, w.wrapped_secret_key, o.recovery_public_key \
         FROM workers w JOIN organisations o ON o.id = w.organisation_id WHERE w.id = $1",
    )
    .bind(worker_id.to_string())
    .fetch_one(&state.db.pool)
    .await?;
    profile(row, session_expires)
}

fn profile(row: WorkerRow, session_expires: Option<i64>) -> ApiResult<WorkerProfile> {
    let (id, email, display_name, organisation, _, pk, wrapped, recovery) = row;
    let public_key = pk
        .and_then(|b| <[u8; 32]>::try_from(b).ok())
        .map(PublicKeyBytes)
        .ok_or(ApiError::Unauthenticated)?;
    let wrapped_secret_key = wrapped
        .and_then(|b| <[u8; WrappedSecretKey::LEN]>::try_from(b).ok())
        .map(WrappedSecretKey)
        .ok_or(ApiError::Unauthenticated)?;
    Ok(WorkerProfile {
        worker_id: id.parse().map_err(ApiError::internal)?,
        email,
        display_name,
        organisation,
        public_key,
        wrapped_secret_key,
        recovery_public_key: recovery_key(recovery)?,
        session_expires_at: session_expires.map(to_time),
    })
}

/// The organisation's recovery key; a worker cannot activate or work without one, because
/// every check-in is sealed to it and the safety number covers it.
fn recovery_key(bytes: Option<Vec<u8>>) -> ApiResult<PublicKeyBytes> {
    bytes
        .and_then(|b| <[u8; 32]>::try_from(b).ok())
        .map(PublicKeyBytes)
        .ok_or_else(|| {
            ApiError::conflict(
                "organisation_not_ready",
                "the organisation has no recovery key yet; ask the administrator to make one",
            )
        })
}

/// Signs in with the login key; sets the session cookie (HttpOnly, SameSite=Strict, expiring)
/// and returns the wrapped secret key for the browser to unwrap.
#[utoipa::path(post, path = "/api/v1/worker/sign-in", tag = "worker", request_body = SignInRequest,
    responses((status = 200, body = WorkerProfile, headers(("set-cookie" = String, description = "houvast_session; HttpOnly; SameSite=Strict"))),
    (status = "4XX", body = houvast_protocol::wire::ErrorBody)))]
pub async fn sign_in(
    State(state): State<AppState>,
    ip: ClientIp,
    headers: HeaderMap,
    ApiJson(req): ApiJson<SignInRequest>,
) -> ApiResult<impl IntoResponse> {
    csrf(&headers, &state)?;
    let email = normalise_email(&req.email)?;
    state
        .limiters
        .sign_in_per_ip
        .check(&ip.0)
        .map_err(ApiError::RateLimited)?;
    state
        .limiters
        .sign_in_per_account
        .check(&email)
        .map_err(ApiError::RateLimited)?;
    let row: Option<WorkerRow> = sqlx::query_as(
        "SELECT w.id, w.email, w.display_name, o.name, w.login_hash, w.public_key, w.wrapped_secret_key, o.recovery_public_key \
         FROM workers w JOIN organisations o ON o.id = w.organisation_id WHERE w.email = $1",
    )
    .bind(email)
    .fetch_optional(&state.db.pool)
    .await?;
    let stored = row
        .as_ref()
        .and_then(|r| r.4.clone())
        .unwrap_or_else(|| dummy_hash().to_string());
    let key = req.login_key.0;
    let valid = tokio::task::spawn_blocking(move || verify_login_key(&key, &stored))
        .await
        .map_err(ApiError::internal)?;
    let row = match row {
        Some(row) if valid && row.4.is_some() => row,
        _ => {
            return Err(ApiError::Rejected {
                status: StatusCode::UNAUTHORIZED,
                code: "sign_in_failed",
                message: "this e-mail address and passphrase do not match".into(),
            });
        }
    };
    let token = random_token();
    let now = now_ms();
    let expires = now + state.config.session_ttl.as_millis() as i64;
    sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
        .bind(now)
        .execute(&state.db.pool)
        .await?;
    sqlx::query("INSERT INTO sessions (token_hash, worker_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(state.secret.hash("session", token.as_bytes()))
        .bind(row.0.clone())
        .bind(now)
        .bind(expires)
        .execute(&state.db.pool)
        .await?;
    let cookie =
        format!(
        "{SESSION_COOKIE}={token}; Path=/api/v1/worker; HttpOnly; SameSite=Strict; Max-Age={}{}",
        state.config.session_ttl.as_secs(),
        if state.config.secure_cookies() { "; Secure" } else { "" }
    );
    let profile = profile(row, Some(expires))?;
    let cookie = HeaderValue::from_str(&cookie).map_err(ApiError::internal)?;
    Ok(([(header::SET_COOKIE, cookie)], Json(profile)))
}

#[utoipa::path(post, path = "/api/v1/worker/sign-out", tag = "worker",
    responses((status = 204, description = "signed out"), (status = "4XX", body = houvast_protocol::wire::ErrorBody)))]
pub async fn sign_out(
    State(state): State<AppState>,
    session: WorkerSession,
) -> ApiResult<impl IntoResponse> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(session.token_hash)
        .execute(&state.db.pool)
        .await?;
    let clear = HeaderValue::from_static(
        "houvast_session=; Path=/api/v1/worker; HttpOnly; SameSite=Strict; Max-Age=0",
    );
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, clear)]))
}

/// The signed-in worker (for a dashboard that was reloaded).
#[utoipa::path(get, path = "/api/v1/worker/me", tag = "worker",
    responses((status = 200, body = WorkerProfile), (status = "4XX", body = houvast_protocol::wire::ErrorBody)))]
pub async fn me(
    State(state): State<AppState>,
    session: WorkerSession,
) -> ApiResult<Json<WorkerProfile>> {
    Ok(Json(
        load_profile(&state, &session.worker_id, Some(session.expires_at)).await?,
    ))
}
