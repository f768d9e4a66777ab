//! A worker's account: activation from the invitation link, sign-in, sign-out.
//!
//! The browser derives a login key and a wrapping key from the passphrase (see
//! `houvast_protocol::derive_worker_keys`); the server sees the login key only, stores an
//! Argon2id hash of it, and keeps the worker's secret key only wrapped.

use crate::admin::normalise_email;
use crate::audit::{self, Action, Actor, Event};
use crate::db::{now_ms, to_time};
use crate::error::{ApiError, ApiResult, ErrorCode, ErrorResponse};
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
use houvast_protocol::{
    LoginKey, PublicKeyBytes, Salt, WrappedSecretKey, KDF_MEMLIMIT_BYTES, KDF_OPSLIMIT,
};
use std::sync::OnceLock;
use tokio::sync::OwnedSemaphorePermit;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/worker/activation/info", post(activation_info))
        .route("/api/v1/worker/activation", post(activate))
        .route("/api/v1/worker/sign-in/params", post(sign_in_params))
        .route("/api/v1/worker/sign-in", post(sign_in))
        .route("/api/v1/worker/sign-out", post(sign_out))
        .route(
            "/api/v1/worker/sign-out-everywhere",
            post(sign_out_everywhere),
        )
        .route("/api/v1/worker/me", get(me))
}

fn csrf(headers: &HeaderMap, state: &AppState) -> ApiResult<()> {
    let (mut parts, ()) = axum::http::Request::new(()).into_parts();
    parts.headers = headers.clone();
    check_same_origin(&parts, state)
}

fn token_ok(token: &str) -> ApiResult<()> {
    if token.len() > 64 || token.is_empty() {
        return Err(ApiError::new(
            ErrorCode::InvalidToken,
            "this activation link is not valid",
        ));
    }
    Ok(())
}

fn activation_unknown() -> ApiError {
    ApiError::new(
        ErrorCode::ActivationUnknown,
        "this activation link is not known or was used already",
    )
}

#[derive(sqlx::FromRow)]
struct Pending {
    id: String,
    organisation_id: String,
    email: String,
    display_name: String,
    organisation: String,
    activation_expires_at: i64,
    recovery_public_key: Option<Vec<u8>>,
}

async fn pending_activation(state: &AppState, token: &str) -> ApiResult<Pending> {
    token_ok(token)?;
    let row: Option<Pending> = sqlx::query_as(
        "SELECT w.id, w.organisation_id, w.email, w.display_name, o.name AS organisation, w.activation_expires_at, \
         o.recovery_public_key FROM workers w JOIN organisations o ON o.id = w.organisation_id WHERE w.activation_token_hash = $1",
    )
    .bind(state.secret.hash("activation", token.as_bytes()))
    .fetch_optional(&state.db.pool)
    .await?;
    let row = row.ok_or_else(activation_unknown)?;
    if row.activation_expires_at <= now_ms() {
        return Err(ApiError::new(
            ErrorCode::ActivationExpired,
            "this activation link has expired; ask for a new one",
        ));
    }
    Ok(row)
}

/// A permit to compute one Argon2id hash. Waits a little for one; a server that stays busy
/// asks the browser to retry rather than queueing without end.
async fn hashing_permit(state: &AppState) -> ApiResult<OwnedSemaphorePermit> {
    match tokio::time::timeout(
        state.config.hash_queue_wait,
        state.hashing.clone().acquire_owned(),
    )
    .await
    {
        Ok(Ok(permit)) => Ok(permit),
        Ok(Err(_)) | Err(_) => Err(ApiError::RetryLater {
            code: ErrorCode::ServerBusy,
            message: "the server is busy signing others in; try again in a moment".into(),
            after_secs: 1,
        }),
    }
}

/// Runs `f` (an Argon2id computation) on the blocking pool, holding `permit` until it ends,
/// even when the request gives up waiting.
async fn hashing<T: Send + 'static>(
    permit: OwnedSemaphorePermit,
    f: impl FnOnce() -> T + Send + 'static,
) -> ApiResult<T> {
    tokio::task::spawn_blocking(move || {
        let out = f();
        drop(permit);
        out
    })
    .await
    .map_err(ApiError::internal)
}

/// What the activation page shows before the worker chooses a passphrase.
#[utoipa::path(post, path = "/api/v1/worker/activation/info", tag = "worker", request_body = ActivationInfoRequest,
    responses((status = 200, body = ActivationInfo), (status = "4XX", body = ErrorResponse)))]
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
        .map_err(ApiError::rate_limited)?;
    let pending = pending_activation(&state, &req.token).await?;
    Ok(Json(ActivationInfo {
        email: pending.email,
        display_name: pending.display_name,
        organisation: pending.organisation,
        opslimit: KDF_OPSLIMIT,
        memlimit_bytes: KDF_MEMLIMIT_BYTES,
        recovery_public_key: recovery_key(pending.recovery_public_key)?,
        expires_at: to_time(pending.activation_expires_at),
    }))
}

/// Sets the passphrase: stores a hash of the login key, the public key and the wrapped secret
/// key. The activation link stops working.
#[utoipa::path(post, path = "/api/v1/worker/activation", tag = "worker", request_body = ActivateRequest,
    responses((status = 204, description = "activated; sign in next"), (status = "4XX", body = ErrorResponse)))]
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
        .map_err(ApiError::rate_limited)?;
    let pending = pending_activation(&state, &req.token).await?;
    req.public_key
        .check_usable()
        .map_err(|e| ApiError::new(ErrorCode::WeakKey, e.to_string()))?;
    let permit = hashing_permit(&state).await?;
    let key = req.login_key.clone();
    let login_hash = hashing(permit, move || hash_login_key(&key)).await??;
    let mut tx = state.db.pool.begin().await?;
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
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(activation_unknown());
    }
    let detail = format!("from {}", ip.0);
    audit::record(
        &mut *tx,
        Event::new(
            Some(&pending.organisation_id),
            Actor::Worker(&pending.id),
            Action::WorkerActivated,
        )
        .detail(&detail),
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(sqlx::FromRow)]
struct StoredKdf {
    kdf_salt: Option<Vec<u8>>,
    kdf_opslimit: Option<i64>,
    kdf_memlimit: Option<i64>,
}

/// The salt and Argon2id parameters stored for an e-mail address when the worker activated.
/// An unknown address gets a salt that is stable but made up and the parameters a new
/// worker would get, so this does not tell who has an account.
#[utoipa::path(post, path = "/api/v1/worker/sign-in/params", tag = "worker", request_body = SignInParamsRequest,
    responses((status = 200, body = KdfParams), (status = "4XX", body = ErrorResponse)))]
pub async fn sign_in_params(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiJson(req): ApiJson<SignInParamsRequest>,
) -> ApiResult<Json<KdfParams>> {
    csrf(&headers, &state)?;
    let email = normalise_email(&req.email)?;
    let row: Option<StoredKdf> =
        sqlx::query_as("SELECT kdf_salt, kdf_opslimit, kdf_memlimit FROM workers WHERE email = $1")
            .bind(email.clone())
            .fetch_optional(&state.db.pool)
            .await?;
    let stored = row.and_then(|r| {
        let salt = <[u8; 16]>::try_from(r.kdf_salt?).ok()?;
        Some((salt, r.kdf_opslimit?, r.kdf_memlimit?))
    });
    let (salt, opslimit, memlimit_bytes) = match stored {
        Some((salt, ops, mem)) => (
            salt,
            u32::try_from(ops).map_err(ApiError::internal)?,
            u32::try_from(mem).map_err(ApiError::internal)?,
        ),
        None => {
            let fake = state.secret.hash("fake-salt", email.as_bytes());
            let mut s = [0u8; 16];
            s.copy_from_slice(&fake[..16]);
            (s, KDF_OPSLIMIT, KDF_MEMLIMIT_BYTES)
        }
    };
    Ok(Json(KdfParams {
        algorithm: "argon2id13".into(),
        opslimit,
        memlimit_bytes,
        salt: Salt(salt),
    }))
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_login_key(&LoginKey([0u8; 32])).unwrap_or_default())
}

#[derive(sqlx::FromRow)]
struct WorkerRow {
    id: String,
    organisation_id: String,
    email: String,
    display_name: String,
    organisation: String,
    login_hash: Option<String>,
    public_key: Option<Vec<u8>>,
    wrapped_secret_key: Option<Vec<u8>>,
    recovery_public_key: Option<Vec<u8>>,
    disabled_at: Option<i64>,
}

const WORKER_SELECT: &str = "SELECT w.id, w.organisation_id, w.email, w.display_name, o.name AS organisation, w.login_hash, \
     w.public_key, w.wrapped_secret_key, o.recovery_public_key, w.disabled_at \
     FROM workers w JOIN organisations o ON o.id = w.organisation_id";

async fn load_profile(
    state: &AppState,
    worker_id: &str,
    session_expires: Option<i64>,
) -> ApiResult<WorkerProfile> {
    let row: WorkerRow = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{WORKER_SELECT} WHERE w.id = $1"
    )))
    .bind(worker_id.to_string())
    .fetch_one(&state.db.pool)
    .await?;
    profile(row, session_expires)
}

fn profile(row: WorkerRow, session_expires: Option<i64>) -> ApiResult<WorkerProfile> {
    let public_key = row
        .public_key
        .and_then(|b| <[u8; 32]>::try_from(b).ok())
        .map(PublicKeyBytes)
        .ok_or_else(ApiError::unauthenticated)?;
    let wrapped_secret_key = row
        .wrapped_secret_key
        .and_then(|b| <[u8; WrappedSecretKey::LEN]>::try_from(b).ok())
        .map(WrappedSecretKey)
        .ok_or_else(ApiError::unauthenticated)?;
    Ok(WorkerProfile {
        worker_id: row.id.parse().map_err(ApiError::internal)?,
        email: row.email,
        display_name: row.display_name,
        organisation: row.organisation,
        public_key,
        wrapped_secret_key,
        recovery_public_key: recovery_key(row.recovery_public_key)?,
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
            ApiError::new(
                ErrorCode::NoRecoveryKey,
                "the organisation has no recovery key yet; ask the administrator to make one",
            )
        })
}

fn sign_in_failed() -> ApiError {
    ApiError::new(
        ErrorCode::SignInFailed,
        "this e-mail address and passphrase do not match",
    )
}

/// Signs in with the login key; sets the session cookie (`__Host-`, Secure, HttpOnly,
/// SameSite=Strict, expiring) and returns the wrapped secret key for the browser to unwrap.
///
/// Failures only are counted, per account and address and per address, each with a delay
/// that doubles after a few free failures; a success from one address is not slowed by
/// someone guessing from another.
#[utoipa::path(post, path = "/api/v1/worker/sign-in", tag = "worker", request_body = SignInRequest,
    responses((status = 200, body = WorkerProfile, headers(("set-cookie" = String, description = "__Host-houvast_session; Secure; HttpOnly; SameSite=Strict; Path=/"))),
    (status = "4XX", body = ErrorResponse), (status = 503, body = ErrorResponse, description = "too many sign-ins at once; retry after Retry-After seconds")))]
pub async fn sign_in(
    State(state): State<AppState>,
    ip: ClientIp,
    headers: HeaderMap,
    ApiJson(req): ApiJson<SignInRequest>,
) -> ApiResult<impl IntoResponse> {
    csrf(&headers, &state)?;
    let email = normalise_email(&req.email)?;
    let attempt = state
        .limiters
        .begin_sign_in(&email, &ip.0)
        .map_err(ApiError::rate_limited)?;
    let row: Option<WorkerRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{WORKER_SELECT} WHERE w.email = $1"
    )))
    .bind(email)
    .fetch_optional(&state.db.pool)
    .await?;
    let permit = hashing_permit(&state).await?;
    let stored = row
        .as_ref()
        .and_then(|r| r.login_hash.clone())
        .unwrap_or_else(|| dummy_hash().to_string());
    let key = req.login_key.clone();
    let valid = hashing(permit, move || verify_login_key(&key, &stored)).await?;
    let known = row
        .as_ref()
        .map(|r| (r.id.clone(), r.organisation_id.clone()));
    let Some(row) = row.filter(|r| valid && r.login_hash.is_some()) else {
        attempt.failed();
        // The typed address itself is never logged: it may be a passphrase typed in the
        // wrong field.
        let event = Event::new(None, Actor::Anonymous, Action::SignInFailed);
        let detail;
        let event = match &known {
            Some((worker_id, org_id)) => {
                detail = format!("wrong passphrase, from {}", ip.0);
                Event {
                    organisation_id: Some(org_id.as_str()),
                    ..event
                }
                .worker(worker_id)
                .detail(&detail)
            }
            None => {
                detail = format!("unknown account, from {}", ip.0);
                event.detail(&detail)
            }
        };
        audit::record(&state.db.pool, event).await?;
        return Err(sign_in_failed());
    };
    // The passphrase was right: whatever follows, it was no guess.
    attempt.succeeded();
    if row.disabled_at.is_some() {
        let detail = format!("account disabled, from {}", ip.0);
        audit::record(
            &state.db.pool,
            Event::new(
                Some(&row.organisation_id),
                Actor::Anonymous,
                Action::SignInFailed,
            )
            .worker(&row.id)
            .detail(&detail),
        )
        .await?;
        return Err(ApiError::new(
            ErrorCode::AccountDisabled,
            "this account has been switched off; ask your administrator",
        ));
    }
    let token = random_token();
    let now = now_ms();
    let expires = now + state.config.session_ttl.as_millis() as i64;
    let mut tx = state.db.pool.begin().await?;
    sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
        .bind(now)
        .execute(&mut *tx)
        .await?;
    sqlx::query("INSERT INTO sessions (token_hash, worker_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(state.secret.hash("session", token.as_bytes()))
        .bind(row.id.clone())
        .bind(now)
        .bind(expires)
        .execute(&mut *tx)
        .await?;
    let detail = format!("from {}", ip.0);
    audit::record(
        &mut *tx,
        Event::new(
            Some(&row.organisation_id),
            Actor::Worker(&row.id),
            Action::SignedIn,
        )
        .detail(&detail),
    )
    .await?;
    tx.commit().await?;
    let cookie = format!(
        "{SESSION_COOKIE}={token}; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age={}",
        state.config.session_ttl.as_secs(),
    );
    let profile = profile(row, Some(expires))?;
    let cookie = HeaderValue::from_str(&cookie).map_err(ApiError::internal)?;
    Ok(([(header::SET_COOKIE, cookie)], Json(profile)))
}

#[utoipa::path(post, path = "/api/v1/worker/sign-out", tag = "worker",
    responses((status = 204, description = "signed out"), (status = "4XX", body = ErrorResponse)))]
pub async fn sign_out(
    State(state): State<AppState>,
    session: WorkerSession,
) -> ApiResult<impl IntoResponse> {
    let mut tx = state.db.pool.begin().await?;
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(session.token_hash)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut *tx,
        Event::new(
            Some(&session.organisation_id),
            Actor::Worker(&session.worker_id),
            Action::SignedOut,
        ),
    )
    .await?;
    tx.commit().await?;
    Ok((
        StatusCode::NO_CONTENT,
        [(header::SET_COOKIE, clear_cookie())],
    ))
}

/// Ends every session of the signed-in worker, on every device and browser (a laptop left
/// signed in somewhere).
#[utoipa::path(post, path = "/api/v1/worker/sign-out-everywhere", tag = "worker",
    responses((status = 204, description = "every session ended"), (status = "4XX", body = ErrorResponse)))]
pub async fn sign_out_everywhere(
    State(state): State<AppState>,
    session: WorkerSession,
) -> ApiResult<impl IntoResponse> {
    let mut tx = state.db.pool.begin().await?;
    let ended = sqlx::query("DELETE FROM sessions WHERE worker_id = $1")
        .bind(session.worker_id.clone())
        .execute(&mut *tx)
        .await?
        .rows_affected();
    let detail = format!("{ended} sessions ended");
    audit::record(
        &mut *tx,
        Event::new(
            Some(&session.organisation_id),
            Actor::Worker(&session.worker_id),
            Action::SignedOutEverywhere,
        )
        .detail(&detail),
    )
    .await?;
    tx.commit().await?;
    Ok((
        StatusCode::NO_CONTENT,
        [(header::SET_COOKIE, clear_cookie())],
    ))
}

fn clear_cookie() -> HeaderValue {
    HeaderValue::from_static(
        "__Host-houvast_session=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0",
    )
}

/// The signed-in worker (for a dashboard that was reloaded).
#[utoipa::path(get, path = "/api/v1/worker/me", tag = "worker",
    responses((status = 200, body = WorkerProfile), (status = "4XX", body = ErrorResponse)))]
pub async fn me(
    State(state): State<AppState>,
    session: WorkerSession,
) -> ApiResult<Json<WorkerProfile>> {
    Ok(Json(
        load_profile(&state, &session.worker_id, Some(session.expires_at)).await?,
    ))
}
