//! The parent's app: pair with a code, send sealed check-ins, fetch replies, unpair.
//! A client is known here by a random id and a server-made pseudonym only.

use super::contact_points::statuses_for_client;
use super::SEALED_BODY;
use crate::audit::{self, Action, Actor, Event};
use crate::db::{now_ms, to_time};
use crate::error::{ApiError, ApiResult, ErrorCode, ErrorResponse};
use crate::extract::{ApiJson, ClientDevice, ClientIp, IdPath};
use crate::secrets::random_token;
use crate::AppState;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::routing::{delete, get, post, put};
use axum::{Json, Router};
use houvast_protocol::wire::{
    CheckInAccepted, ClientState, ContactPoint, PairRequest, PairResponse, ReplyForClient,
    SubmitCheckInRequest,
};
use houvast_protocol::{PublicKeyBytes, Sealed, PROTOCOL_VERSION};
use rand_core::{OsRng, RngCore};
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/client/pair", post(pair))
        .route(
            "/api/v1/client/checkins/{checkin_id}",
            put(submit_checkin).layer(DefaultBodyLimit::max(SEALED_BODY)),
        )
        .route("/api/v1/client/state", get(client_state))
        .route("/api/v1/client/worker", get(current_worker))
        .route("/api/v1/client/pairing", delete(unpair))
}

fn pseudonym() -> String {
    const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut bytes = [0u8; 6];
    OsRng.fill_bytes(&mut bytes);
    let s: String = bytes
        .iter()
        .map(|b| CROCKFORD[usize::from(b & 31)] as char)
        .collect();
    format!("P-{s}")
}

fn key32(bytes: Option<Vec<u8>>) -> ApiResult<PublicKeyBytes> {
    bytes
        .and_then(|b| <[u8; 32]>::try_from(b).ok())
        .map(PublicKeyBytes)
        .ok_or_else(|| {
            ApiError::new(
                ErrorCode::WorkerNotReady,
                "the worker or organisation has no key yet",
            )
        })
}

/// Pairs the app with a worker. The code is single use; attempts are rate-limited per address
/// and for the whole instance (see the README for the arithmetic).
#[utoipa::path(post, path = "/api/v1/client/pair", tag = "client", request_body = PairRequest,
    responses((status = 201, body = PairResponse), (status = "4XX", body = ErrorResponse)))]
pub async fn pair(
    State(state): State<AppState>,
    ip: ClientIp,
    ApiJson(req): ApiJson<PairRequest>,
) -> ApiResult<(StatusCode, Json<PairResponse>)> {
    // A mistyped code never gets here: its check symbol failed while the body was parsed.
    state
        .limiters
        .pair_per_ip
        .check(&ip.0)
        .map_err(ApiError::rate_limited)?;
    state
        .limiters
        .pair_global
        .check("all")
        .map_err(ApiError::rate_limited)?;
    req.public_key
        .check_usable()
        .map_err(|e| ApiError::new(ErrorCode::WeakKey, e.to_string()))?;
    if req.protocol_version != PROTOCOL_VERSION {
        return Err(ApiError::new(
            ErrorCode::UnsupportedProtocolVersion,
            format!(
                "this server speaks protocol version {PROTOCOL_VERSION}; please update the app"
            ),
        ));
    }
    let code_hash = state
        .secret
        .hash("pairing", req.code.canonical().as_bytes());
    let now = now_ms();
    let mut tx = state.db.pool.begin().await?;
    let claimed: Option<ClaimedCode> = sqlx::query_as(
        "UPDATE pairing_codes SET used_at = $1 WHERE code_hash = $2 AND used_at IS NULL AND expires_at > $1 \
         RETURNING worker_id, sealed_label",
    )
    .bind(now)
    .bind(code_hash.clone())
    .fetch_optional(&mut *tx)
    .await?;
    let Some(ClaimedCode {
        worker_id,
        sealed_label,
    }) = claimed
    else {
        let used_at: Option<Option<i64>> =
            sqlx::query_scalar("SELECT used_at FROM pairing_codes WHERE code_hash = $1")
                .bind(code_hash)
                .fetch_optional(&mut *tx)
                .await?;
        return Err(match used_at {
            Some(Some(_)) => ApiError::new(
                ErrorCode::CodeUsed,
                "this pairing code was used already; ask your worker for a new one",
            ),
            Some(None) => ApiError::new(
                ErrorCode::CodeExpired,
                "this pairing code has expired; ask your worker for a new one",
            ),
            None => ApiError::new(
                ErrorCode::CodeUnknown,
                "this pairing code is not known; check it or ask your worker",
            ),
        });
    };
    let worker = current_worker_row(&mut *tx, &worker_id).await?;
    let WorkerKeysRow {
        display_name,
        organisation_id,
        organisation,
        public_key: worker_pk,
        recovery_public_key: recovery_pk,
        disabled_at,
    } = worker;
    if disabled_at.is_some() {
        // Dropping the transaction keeps the code unused: after a reassign it pairs with the
        // colleague.
        return Err(ApiError::new(
            ErrorCode::WorkerDisabled,
            "the worker of this code is not available now; ask the organisation for help",
        ));
    }
    let worker_public_key = key32(worker_pk)?;
    let recovery_public_key = key32(recovery_pk)?;
    let client_id = Uuid::new_v4();
    let device_token = random_token();
    sqlx::query(
        "INSERT INTO clients (id, worker_id, pseudonym, sealed_label, public_key, device_token_hash, paired_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(client_id.to_string())
    .bind(worker_id.clone())
    .bind(pseudonym())
    .bind(sealed_label)
    .bind(req.public_key.0.to_vec())
    .bind(state.secret.hash("device", device_token.as_bytes()))
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let cid = client_id.to_string();
    audit::record(
        &mut *tx,
        Event::new(Some(&organisation_id), Actor::Client(&cid), Action::Paired)
            .client(&cid)
            .worker(&worker_id),
    )
    .await?;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        Json(PairResponse {
            client_id,
            device_token,
            worker_display_name: display_name,
            organisation,
            worker_public_key,
            recovery_public_key,
        }),
    ))
}

/// Stores a sealed check-in under the id the app made. Sending the same check-in again
/// (a retry) changes nothing and answers 200; a new check-in answers 201.
#[utoipa::path(put, path = "/api/v1/client/checkins/{checkin_id}", tag = "client", request_body = SubmitCheckInRequest,
    params(("checkin_id" = Uuid, Path, description = "made by the app; the same id on every retry")),
    responses((status = 201, body = CheckInAccepted), (status = 200, body = CheckInAccepted, description = "a retry of a stored check-in"),
    (status = "4XX", body = ErrorResponse)))]
pub async fn submit_checkin(
    State(state): State<AppState>,
    device: ClientDevice,
    IdPath(checkin_id): IdPath,
    ApiJson(req): ApiJson<SubmitCheckInRequest>,
) -> ApiResult<(StatusCode, Json<CheckInAccepted>)> {
    let now = now_ms();
    let worker_bytes = req.sealed_for_worker.into_bytes();
    let recovery_bytes = req.sealed_for_recovery.into_bytes();
    let inserted = sqlx::query(
        "INSERT INTO checkins (client_id, id, contact_point, sealed_for_worker, sealed_for_recovery, received_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
    )
    .bind(device.client_id.clone())
    .bind(checkin_id.to_string())
    .bind(i64::from(req.contact_point.number()))
    .bind(worker_bytes.clone())
    .bind(recovery_bytes.clone())
    .bind(now)
    .execute(&state.db.pool)
    .await?;
    if inserted.rows_affected() == 1 {
        return Ok((
            StatusCode::CREATED,
            Json(CheckInAccepted {
                checkin_id,
                contact_point: req.contact_point,
                received_at: to_time(now),
                created: true,
            }),
        ));
    }
    let existing: Option<StoredCheckIn> = sqlx::query_as(
        "SELECT contact_point, sealed_for_worker, sealed_for_recovery, received_at FROM checkins WHERE client_id = $1 AND id = $2",
    )
    .bind(device.client_id)
    .bind(checkin_id.to_string())
    .fetch_optional(&state.db.pool)
    .await?;
    match existing {
        Some(stored)
            if stored.contact_point == i64::from(req.contact_point.number())
                && stored.sealed_for_worker == worker_bytes
                && stored.sealed_for_recovery == recovery_bytes =>
        {
            Ok((
                StatusCode::OK,
                Json(CheckInAccepted {
                    checkin_id,
                    contact_point: req.contact_point,
                    received_at: to_time(stored.received_at),
                    created: false,
                }),
            ))
        }
        Some(_) => Err(ApiError::new(
            ErrorCode::CheckinIdReused,
            "a different check-in was sent with this id already; make a new id for a new check-in",
        )),
        None => Err(ApiError::new(
            ErrorCode::ContactPointHasCheckin,
            format!(
                "contact point {} has a check-in already",
                req.contact_point.number()
            ),
        )),
    }
}

/// The state of the three contact points and the worker's sealed replies.
#[utoipa::path(get, path = "/api/v1/client/state", tag = "client",
    responses((status = 200, body = ClientState), (status = "4XX", body = ErrorResponse)))]
pub async fn client_state(
    State(state): State<AppState>,
    device: ClientDevice,
) -> ApiResult<Json<ClientState>> {
    let rows: Vec<StoredReply> = sqlx::query_as(
        "SELECT id, contact_point, sealed_for_client, created_at FROM replies WHERE client_id = $1 ORDER BY created_at",
    )
    .bind(device.client_id.clone())
    .fetch_all(&state.db.pool)
    .await?;
    let replies = rows
        .into_iter()
        .map(|r| {
            Ok(ReplyForClient {
                reply_id: r.id.parse().map_err(ApiError::internal)?,
                contact_point: ContactPoint::new(r.contact_point).map_err(ApiError::internal)?,
                sealed: Sealed::from_bytes(r.sealed_for_client).map_err(ApiError::internal)?,
                created_at: to_time(r.created_at),
            })
        })
        .collect::<ApiResult<_>>()?;
    let (worker_pk, recovery_pk): (Option<Vec<u8>>, Option<Vec<u8>>) = sqlx::query_as(
        "SELECT w.public_key, o.recovery_public_key FROM workers w \
         JOIN organisations o ON o.id = w.organisation_id WHERE w.id = $1",
    )
    .bind(device.worker_id.clone())
    .fetch_one(&state.db.pool)
    .await?;
    Ok(Json(ClientState {
        worker_public_key: key32(worker_pk)?,
        recovery_public_key: key32(recovery_pk)?,
        contact_points: statuses_for_client(&state.db, &device.client_id).await?,
        replies,
    }))
}

/// Unpairs this device: the token stops working and the client's check-ins and replies are
/// deleted. The worker's caseload keeps the pseudonym, marked as unpaired.
#[utoipa::path(delete, path = "/api/v1/client/pairing", tag = "client",
    responses((status = 204, description = "unpaired; everything sent is deleted"), (status = "4XX", body = ErrorResponse)))]
pub async fn unpair(State(state): State<AppState>, device: ClientDevice) -> ApiResult<StatusCode> {
    let mut tx = state.db.pool.begin().await?;
    let id = device.client_id.clone();
    for sql in [
        "DELETE FROM checkins WHERE client_id = $1",
        "DELETE FROM replies WHERE client_id = $1",
    ] {
        sqlx::query(sql).bind(id.clone()).execute(&mut *tx).await?;
    }
    sqlx::query("UPDATE clients SET unpaired_at = $1, device_token_hash = NULL, public_key = NULL WHERE id = $2")
        .bind(now_ms())
        .bind(id.clone())
        .execute(&mut *tx)
        .await?;
    let org: String = sqlx::query_scalar("SELECT organisation_id FROM workers WHERE id = $1")
        .bind(device.worker_id.clone())
        .fetch_one(&mut *tx)
        .await?;
    audit::record(
        &mut *tx,
        Event::new(Some(&org), Actor::Client(&id), Action::Unpaired)
            .client(&id)
            .worker(&device.worker_id),
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(sqlx::FromRow)]
struct ClaimedCode {
    worker_id: String,
    sealed_label: Option<Vec<u8>>,
}

#[derive(sqlx::FromRow)]
struct StoredCheckIn {
    contact_point: i64,
    sealed_for_worker: Vec<u8>,
    sealed_for_recovery: Vec<u8>,
    received_at: i64,
}

#[derive(sqlx::FromRow)]
struct StoredReply {
    id: String,
    contact_point: i64,
    sealed_for_client: Vec<u8>,
    created_at: i64,
}

#[derive(sqlx::FromRow)]
struct WorkerKeysRow {
    display_name: String,
    organisation_id: String,
    organisation: String,
    public_key: Option<Vec<u8>>,
    recovery_public_key: Option<Vec<u8>>,
    disabled_at: Option<i64>,
}

async fn current_worker_row<'c, E>(exec: E, worker_id: &str) -> ApiResult<WorkerKeysRow>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    Ok(sqlx::query_as(
        "SELECT w.display_name, o.id AS organisation_id, o.name AS organisation, w.public_key, o.recovery_public_key, \
         w.disabled_at \
         FROM workers w JOIN organisations o ON o.id = w.organisation_id WHERE w.id = $1",
    )
    .bind(worker_id.to_string())
    .fetch_one(exec)
    .await?)
}

/// The worker this client is paired with now, and the keys a check-in is sealed to.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct CurrentWorker {
    pub worker_display_name: String,
    pub organisation: String,
    /// Absent while the worker has no key (invited again after a reset, not yet activated):
    /// keep sending to nobody until it is there.
    pub worker_public_key: Option<PublicKeyBytes>,
    pub recovery_public_key: Option<PublicKeyBytes>,
}

/// The worker this client is paired with now and their public key. The app asks for it to
/// notice a change (the caseload moved to another worker, or the worker was reset); a key
/// that differs from the one it pinned is shown as a warning, never used silently.
#[utoipa::path(get, path = "/api/v1/client/worker", tag = "client",
    responses((status = 200, body = CurrentWorker), (status = "4XX", body = ErrorResponse)))]
pub async fn current_worker(
    State(state): State<AppState>,
    device: ClientDevice,
) -> ApiResult<Json<CurrentWorker>> {
    let row = current_worker_row(&state.db.pool, &device.worker_id).await?;
    let key = |b: Option<Vec<u8>>| {
        b.and_then(|b| <[u8; 32]>::try_from(b).ok())
            .map(PublicKeyBytes)
    };
    Ok(Json(CurrentWorker {
        worker_display_name: row.display_name,
        organisation: row.organisation,
        worker_public_key: key(row.public_key),
        recovery_public_key: key(row.recovery_public_key),
    }))
}
