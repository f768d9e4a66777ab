//! A worker's caseload: pairing codes, each client's sealed check-ins, replies, "contact done".
//! A worker only ever sees clients paired with them; every read of a client's data is logged.

use super::contact_points::{empty, statuses, statuses_for_client, Scope};
use super::SEALED_BODY;
use crate::audit::{self, Actor};
use crate::db::{now_ms, to_time};
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ClientContactPath, IdPath, WorkerSession};
use crate::AppState;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use houvast_protocol::wire::{
    Caseload, CaseloadEntry, CheckInForWorker, ClientRecord, ContactPoint, ContactPointStatus,
    CreatePairingCodeRequest, PairingCodeCreated, PostReplyRequest, ReplyCreated, ReplyForWorker,
};
use houvast_protocol::{PairingCode, PublicKeyBytes, Sealed, MAX_LABEL_SEALED};
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/worker/clients", get(caseload))
        .route("/api/v1/worker/clients/{client_id}", get(client_record))
        .route("/api/v1/worker/pairing-codes", post(create_pairing_code))
        .route(
            "/api/v1/worker/clients/{client_id}/replies",
            post(post_reply).layer(DefaultBodyLimit::max(SEALED_BODY)),
        )
        .route(
            "/api/v1/worker/clients/{client_id}/contact-points/{number}/done",
            post(mark_done),
        )
}

type ClientRow = (
    String,
    String,
    Option<Vec<u8>>,
    Option<Vec<u8>>,
    i64,
    Option<i64>,
);

fn sealed(bytes: Vec<u8>) -> ApiResult<Sealed> {
    Sealed::from_bytes(bytes).map_err(ApiError::internal)
}

fn entry(row: &ClientRow, contact_points: Vec<ContactPointStatus>) -> ApiResult<CaseloadEntry> {
    let (id, pseudonym, label, pk, paired, unpaired) = row;
    Ok(CaseloadEntry {
        client_id: id.parse().map_err(ApiError::internal)?,
        pseudonym: pseudonym.clone(),
        sealed_label: label.clone().map(sealed).transpose()?,
        paired_at: to_time(*paired),
        unpaired_at: unpaired.map(to_time),
        client_public_key: pk
            .clone()
            .and_then(|b| <[u8; 32]>::try_from(b).ok())
            .map(PublicKeyBytes),
        contact_points,
    })
}

/// The worker's own clients, by pseudonym, with the state of their contact points.
#[utoipa::path(get, path = "/api/v1/worker/clients", tag = "worker",
    responses((status = 200, body = Caseload), (status = "4XX", body = houvast_protocol::wire::ErrorBody)))]
pub async fn caseload(
    State(state): State<AppState>,
    session: WorkerSession,
) -> ApiResult<Json<Caseload>> {
    let rows: Vec<ClientRow> =
        sqlx::query_as("SELECT id, pseudonym, sealed_label, public_key, paired_at, unpaired_at FROM clients WHERE worker_id = $1 ORDER BY paired_at")
            .bind(session.worker_id.clone())
            .fetch_all(&state.db.pool)
            .await?;
    let mut all = statuses(&state.db, Scope::Worker(&session.worker_id)).await?;
    let clients = rows
        .iter()
        .map(|row| entry(row, all.remove(&row.0).unwrap_or_else(empty)))
        .collect::<ApiResult<Vec<_>>>()?;
    audit::record(
        &state.db.pool,
        Some(&session.organisation_id),
        Actor::Worker(&session.worker_id),
        "caseload_listed",
        None,
    )
    .await?;
    Ok(Json(Caseload { clients }))
}

async fn own_client(
    state: &AppState,
    session: &WorkerSession,
    client_id: Uuid,
) -> ApiResult<ClientRow> {
    let row: Option<ClientRow> =
        sqlx::query_as("SELECT id, pseudonym, sealed_label, public_key, paired_at, unpaired_at FROM clients WHERE id = $1 AND worker_id = $2")
            .bind(client_id.to_string())
            .bind(session.worker_id.clone())
            .fetch_optional(&state.db.pool)
            .await?;
    // Another worker's client is "not found", exactly like one that does not exist.
    row.ok_or_else(|| ApiError::not_found("client_not_found", "no such client in your caseload"))
}

/// One client's record: contact points, the check-ins sealed to the worker, the replies sent.
#[utoipa::path(get, path = "/api/v1/worker/clients/{client_id}", tag = "worker",
    params(("client_id" = Uuid, Path, description = "the client's id")),
    responses((status = 200, body = ClientRecord), (status = "4XX", body = houvast_protocol::wire::ErrorBody)))]
pub async fn client_record(
    State(state): State<AppState>,
    session: WorkerSession,
    IdPath(client_id): IdPath,
) -> ApiResult<Json<ClientRecord>> {
    let row = own_client(&state, &session, client_id).await?;
    let id = client_id.to_string();
    // Log the access before handing anything out.
    audit::record(
        &state.db.pool,
        Some(&session.organisation_id),
        Actor::Worker(&session.worker_id),
        "client_record_read",
        Some(&id),
    )
    .await?;
    let checkins: Vec<(String, i64, Vec<u8>, i64)> = sqlx::query_as(
        "SELECT id, contact_point, sealed_for_worker, received_at FROM checkins WHERE client_id = $1 ORDER BY contact_point",
    )
    .bind(id.clone())
    .fetch_all(&state.db.pool)
    .await?;
    let replies: Vec<(String, i64, Vec<u8>, i64)> = sqlx::query_as(
        "SELECT id, contact_point, sealed_for_worker, created_at FROM replies WHERE client_id = $1 ORDER BY created_at",
    )
    .bind(id.clone())
    .fetch_all(&state.db.pool)
    .await?;
    let contact_points = statuses_for_client(&state.db, &id).await?;
    let cp = |n: i64| ContactPoint::new(n).map_err(ApiError::internal);
    Ok(Json(ClientRecord {
        client: entry(&row, contact_points)?,
        checkins: checkins
            .into_iter()
            .map(|(cid, n, s, at)| {
                Ok(CheckInForWorker {
                    checkin_id: cid.parse().map_err(ApiError::internal)?,
                    contact_point: cp(n)?,
                    sealed: sealed(s)?,
                    received_at: to_time(at),
                })
            })
            .collect::<ApiResult<_>>()?,
        replies: replies
            .into_iter()
            .map(|(rid, n, s, at)| {
                Ok(ReplyForWorker {
                    reply_id: rid.parse().map_err(ApiError::internal)?,
                    contact_point: cp(n)?,
                    sealed_for_worker: sealed(s)?,
                    created_at: to_time(at),
                })
            })
            .collect::<ApiResult<_>>()?,
    }))
}

/// A single-use pairing code for a new parent, valid for 14 days.
#[utoipa::path(post, path = "/api/v1/worker/pairing-codes", tag = "worker", request_body = CreatePairingCodeRequest,
    responses((status = 201, body = PairingCodeCreated), (status = "4XX", body = houvast_protocol::wire::ErrorBody)))]
pub async fn create_pairing_code(
    State(state): State<AppState>,
    session: WorkerSession,
    ApiJson(req): ApiJson<CreatePairingCodeRequest>,
) -> ApiResult<(StatusCode, Json<PairingCodeCreated>)> {
    if let Some(label) = &req.sealed_label {
        if label.as_bytes().len() > MAX_LABEL_SEALED {
            return Err(ApiError::invalid(
                "label_too_long",
                "a label is at most 100 characters (a box of at most 808 bytes)",
            ));
        }
    }
    let (recovery,): (Option<Vec<u8>>,) =
        sqlx::query_as("SELECT recovery_public_key FROM organisations WHERE id = $1")
            .bind(session.organisation_id.clone())
            .fetch_one(&state.db.pool)
            .await?;
    if recovery.is_none() {
        return Err(ApiError::conflict(
            "no_recovery_key",
            "the organisation has no recovery key yet; an administrator runs `houvast-server org recovery-key`",
        ));
    }
    let now = now_ms();
    let (open,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM pairing_codes WHERE worker_id = $1 AND used_at IS NULL AND expires_at > $2",
    )
    .bind(session.worker_id.clone())
    .bind(now)
    .fetch_one(&state.db.pool)
    .await?;
    if open >= state.config.max_open_codes_per_worker {
        return Err(ApiError::conflict(
            "too_many_open_codes",
            format!("you have {open} unused pairing codes; wait until some are used or expire"),
        ));
    }
    let code = PairingCode::generate();
    let expires = now + state.config.pairing_code_ttl.as_millis() as i64;
    sqlx::query(
        "INSERT INTO pairing_codes (code_hash, worker_id, sealed_label, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(state.secret.hash("pairing", code.canonical().as_bytes()))
    .bind(session.worker_id.clone())
    .bind(req.sealed_label.map(Sealed::into_bytes))
    .bind(now)
    .bind(expires)
    .execute(&state.db.pool)
    .await?;
    audit::record(
        &state.db.pool,
        Some(&session.organisation_id),
        Actor::Worker(&session.worker_id),
        "pairing_code_created",
        None,
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(PairingCodeCreated {
            code,
            expires_at: to_time(expires),
        }),
    ))
}

/// A reply to a client: proposed time, way of contact and message, sealed in the browser to
/// the client's key (and to the worker's own).
#[utoipa::path(post, path = "/api/v1/worker/clients/{client_id}/replies", tag = "worker", request_body = PostReplyRequest,
    params(("client_id" = Uuid, Path, description = "the client's id")),
    responses((status = 201, body = ReplyCreated), (status = "4XX", body = houvast_protocol::wire::ErrorBody)))]
pub async fn post_reply(
    State(state): State<AppState>,
    session: WorkerSession,
    IdPath(client_id): IdPath,
    ApiJson(req): ApiJson<PostReplyRequest>,
) -> ApiResult<(StatusCode, Json<ReplyCreated>)> {
    let row = own_client(&state, &session, client_id).await?;
    if row.5.is_some() {
        return Err(ApiError::gone(
            "client_unpaired",
            "this parent has unpaired; a reply cannot reach them",
        ));
    }
    let reply_id = Uuid::new_v4();
    let now = now_ms();
    sqlx::query(
        "INSERT INTO replies (id, client_id, worker_id, contact_point, sealed_for_client, sealed_for_worker, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(reply_id.to_string())
    .bind(client_id.to_string())
    .bind(session.worker_id.clone())
    .bind(i64::from(req.contact_point.number()))
    .bind(req.sealed_for_client.into_bytes())
    .bind(req.sealed_for_worker.into_bytes())
    .bind(now)
    .execute(&state.db.pool)
    .await?;
    audit::record(
        &state.db.pool,
        Some(&session.organisation_id),
        Actor::Worker(&session.worker_id),
        "reply_sent",
        Some(&client_id.to_string()),
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(ReplyCreated {
            reply_id,
            created_at: to_time(now),
        }),
    ))
}

/// Marks a contact point done. Doing it twice is harmless.
#[utoipa::path(post, path = "/api/v1/worker/clients/{client_id}/contact-points/{number}/done", tag = "worker",
    params(("client_id" = Uuid, Path, description = "the client's id"), ("number" = u8, Path, description = "1, 2 or 3")),
    responses((status = 200, body = Vec<ContactPointStatus>), (status = "4XX", body = houvast_protocol::wire::ErrorBody)))]
pub async fn mark_done(
    State(state): State<AppState>,
    session: WorkerSession,
    ClientContactPath(client_id, cp): ClientContactPath,
) -> ApiResult<Json<Vec<ContactPointStatus>>> {
    own_client(&state, &session, client_id).await?;
    let id = client_id.to_string();
    sqlx::query(
        "INSERT INTO contacts_done (client_id, contact_point, worker_id, done_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
    )
    .bind(id.clone())
    .bind(i64::from(cp.number()))
    .bind(session.worker_id.clone())
    .bind(now_ms())
    .execute(&state.db.pool)
    .await?;
    audit::record(
        &state.db.pool,
        Some(&session.organisation_id),
        Actor::Worker(&session.worker_id),
        "contact_marked_done",
        Some(&id),
    )
    .await?;
    Ok(Json(statuses_for_client(&state.db, &id).await?))
}
