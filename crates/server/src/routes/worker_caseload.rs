//! A worker's caseload: pairing codes, each client's sealed check-ins, replies, "contact done".
//! A worker only ever sees clients paired with them; every read of a client's data is logged.

use super::contact_points::{empty, statuses, statuses_for_client, Scope};
use super::SEALED_BODY;
use crate::audit::{self, Action, Actor, Event};
use crate::db::{now_ms, to_time, Backend};
use crate::error::{ApiError, ApiResult, ErrorCode, ErrorResponse};
use crate::extract::{ApiJson, ClientContactPath, IdPath, WorkerSession};
use crate::AppState;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use houvast_protocol::wire::{
    AccessLog, AccessLogEntry, Caseload, CaseloadEntry, CheckInForWorker, ClientRecord,
    ContactPoint, ContactPointStatus, CreatePairingCodeRequest, PairingCodeCreated,
    PostReplyRequest, ReplyCreated, ReplyForWorker, StorePinRequest,
};
use houvast_protocol::{PairingCode, PublicKeyBytes, Sealed, MAX_LABEL_SEALED};
use std::collections::HashMap;
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/worker/clients", get(caseload))
        .route("/api/v1/worker/clients/{client_id}", get(client_record))
        .route("/api/v1/worker/clients/records", get(caseload_records))
        .route("/api/v1/worker/pairing-codes", post(create_pairing_code))
        .route(
            "/api/v1/worker/clients/{client_id}/replies",
            post(post_reply).layer(DefaultBodyLimit::max(SEALED_BODY)),
        )
        .route(
            "/api/v1/worker/clients/{client_id}/contact-points/{number}/done",
            post(mark_done),
        )
        .route("/api/v1/worker/clients/{client_id}/pin", put(store_pin))
        .route("/api/v1/worker/access-log", get(access_log))
}

/// The largest pin box the server keeps: the dashboard's record for a parent fits in four
/// padding blocks.
pub const MAX_PIN_SEALED: usize = 4 * 256 + 40;

/// How many entries the worker's own access log shows.
const ACCESS_LOG_ENTRIES: i64 = 500;

/// Columns of a client row, with the worker's sealed pin (`$1` is the worker's id).
const CLIENT_SELECT: &str = "SELECT c.id, c.pseudonym, c.sealed_label, c.public_key, c.paired_at, c.unpaired_at, p.sealed AS sealed_pin \
     FROM clients c LEFT JOIN client_pins p ON p.client_id = c.id AND p.worker_id = $1";

#[derive(sqlx::FromRow)]
struct ClientRow {
    id: String,
    pseudonym: String,
    sealed_label: Option<Vec<u8>>,
    public_key: Option<Vec<u8>>,
    paired_at: i64,
    unpaired_at: Option<i64>,
    sealed_pin: Option<Vec<u8>>,
}

fn sealed(bytes: Vec<u8>) -> ApiResult<Sealed> {
    Sealed::from_bytes(bytes).map_err(ApiError::internal)
}

fn entry(row: &ClientRow, contact_points: Vec<ContactPointStatus>) -> ApiResult<CaseloadEntry> {
    Ok(CaseloadEntry {
        client_id: row.id.parse().map_err(ApiError::internal)?,
        pseudonym: row.pseudonym.clone(),
        sealed_label: row.sealed_label.clone().map(sealed).transpose()?,
        paired_at: to_time(row.paired_at),
        unpaired_at: row.unpaired_at.map(to_time),
        client_public_key: row
            .public_key
            .clone()
            .and_then(|b| <[u8; 32]>::try_from(b).ok())
            .map(PublicKeyBytes),
        contact_points,
        sealed_pin: row.sealed_pin.clone().map(sealed).transpose()?,
    })
}

/// The worker's own clients, by pseudonym, with the state of their contact points.
#[utoipa::path(get, path = "/api/v1/worker/clients", tag = "worker",
    responses((status = 200, body = Caseload), (status = "4XX", body = ErrorResponse)))]
pub async fn caseload(
    State(state): State<AppState>,
    session: WorkerSession,
) -> ApiResult<Json<Caseload>> {
    let rows: Vec<ClientRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{CLIENT_SELECT} WHERE c.worker_id = $1 ORDER BY c.paired_at"
    )))
    .bind(session.worker_id.clone())
    .fetch_all(&state.db.pool)
    .await?;
    let mut all = statuses(&state.db, Scope::Worker(&session.worker_id)).await?;
    let clients = rows
        .iter()
        .map(|row| entry(row, all.remove(&row.id).unwrap_or_else(empty)))
        .collect::<ApiResult<Vec<_>>>()?;
    // Which clients this listing showed, one entry each, before anything is handed out.
    let mut tx = state.db.pool.begin().await?;
    let listed = Event::new(
        Some(&session.organisation_id),
        Actor::Worker(&session.worker_id),
        Action::CaseloadListed,
    );
    if rows.is_empty() {
        audit::record(&mut *tx, listed).await?;
    }
    for row in &rows {
        audit::record(&mut *tx, listed.client(&row.id)).await?;
    }
    tx.commit().await?;
    Ok(Json(Caseload { clients }))
}

async fn own_client(
    state: &AppState,
    session: &WorkerSession,
    client_id: Uuid,
) -> ApiResult<ClientRow> {
    let row: Option<ClientRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{CLIENT_SELECT} WHERE c.id = $2 AND c.worker_id = $1"
    )))
    .bind(session.worker_id.clone())
    .bind(client_id.to_string())
    .fetch_optional(&state.db.pool)
    .await?;
    // Another worker's client is "not found", exactly like one that does not exist.
    row.ok_or_else(|| ApiError::new(ErrorCode::ClientNotFound, "no such client in your caseload"))
}

/// A sealed check-in or reply as stored.
#[derive(sqlx::FromRow)]
struct SealedRow {
    id: String,
    contact_point: i64,
    sealed: Vec<u8>,
    at: i64,
}

/// One client's record: contact points, the check-ins sealed to the worker, the replies sent.
#[utoipa::path(get, path = "/api/v1/worker/clients/{client_id}", tag = "worker",
    params(("client_id" = Uuid, Path, description = "the client's id")),
    responses((status = 200, body = ClientRecord), (status = "4XX", body = ErrorResponse)))]
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
        Event::new(
            Some(&session.organisation_id),
            Actor::Worker(&session.worker_id),
            Action::ClientRecordRead,
        )
        .client(&id),
    )
    .await?;
    let checkins: Vec<SealedRow> = sqlx::query_as(
        "SELECT id, contact_point, sealed_for_worker AS sealed, received_at AS at FROM checkins WHERE client_id = $1 ORDER BY contact_point",
    )
    .bind(id.clone())
    .fetch_all(&state.db.pool)
    .await?;
    let replies: Vec<SealedRow> = sqlx::query_as(
        "SELECT id, contact_point, sealed_for_worker AS sealed, created_at AS at FROM replies WHERE client_id = $1 ORDER BY created_at",
    )
    .bind(id.clone())
    .fetch_all(&state.db.pool)
    .await?;
    let contact_points = statuses_for_client(&state.db, &id).await?;
    Ok(Json(ClientRecord {
        client: entry(&row, contact_points)?,
        checkins: checkins
            .into_iter()
            .map(checkin_for_worker)
            .collect::<ApiResult<_>>()?,
        replies: replies
            .into_iter()
            .map(reply_for_worker)
            .collect::<ApiResult<_>>()?,
    }))
}

fn contact_point(n: i64) -> ApiResult<ContactPoint> {
    ContactPoint::new(n).map_err(ApiError::internal)
}

fn checkin_for_worker(r: SealedRow) -> ApiResult<CheckInForWorker> {
    Ok(CheckInForWorker {
        checkin_id: r.id.parse().map_err(ApiError::internal)?,
        contact_point: contact_point(r.contact_point)?,
        sealed: sealed(r.sealed)?,
        received_at: to_time(r.at),
    })
}

fn reply_for_worker(r: SealedRow) -> ApiResult<ReplyForWorker> {
    Ok(ReplyForWorker {
        reply_id: r.id.parse().map_err(ApiError::internal)?,
        contact_point: contact_point(r.contact_point)?,
        sealed_for_worker: sealed(r.sealed)?,
        created_at: to_time(r.at),
    })
}

/// Every paired parent's record at once, for the dashboard's overview.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct CaseloadRecords {
    pub records: Vec<ClientRecord>,
}

/// A sealed check-in or reply with the client it belongs to.
#[derive(sqlx::FromRow)]
struct ClientSealedRow {
    client_id: String,
    #[sqlx(flatten)]
    row: SealedRow,
}

/// Every paired parent of the worker with their sealed check-ins and replies, in one answer
/// (the dashboard opens them all to sort the caseload). Each parent's read is logged, as for
/// one record, before anything is handed out.
#[utoipa::path(get, path = "/api/v1/worker/clients/records", tag = "worker",
    responses((status = 200, body = CaseloadRecords), (status = "4XX", body = ErrorResponse)))]
pub async fn caseload_records(
    State(state): State<AppState>,
    session: WorkerSession,
) -> ApiResult<Json<CaseloadRecords>> {
    let rows: Vec<ClientRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{CLIENT_SELECT} WHERE c.worker_id = $1 AND c.unpaired_at IS NULL ORDER BY c.paired_at"
    )))
    .bind(session.worker_id.clone())
    .fetch_all(&state.db.pool)
    .await?;
    let mut tx = state.db.pool.begin().await?;
    for row in &rows {
        audit::record(
            &mut *tx,
            Event::new(
                Some(&session.organisation_id),
                Actor::Worker(&session.worker_id),
                Action::ClientRecordRead,
            )
            .client(&row.id),
        )
        .await?;
    }
    tx.commit().await?;
    let checkins: Vec<ClientSealedRow> = sqlx::query_as(
        "SELECT k.client_id, k.id, k.contact_point, k.sealed_for_worker AS sealed, k.received_at AS at \
         FROM checkins k JOIN clients c ON c.id = k.client_id \
         WHERE c.worker_id = $1 AND c.unpaired_at IS NULL ORDER BY k.contact_point",
    )
    .bind(session.worker_id.clone())
    .fetch_all(&state.db.pool)
    .await?;
    let replies: Vec<ClientSealedRow> = sqlx::query_as(
        "SELECT r.client_id, r.id, r.contact_point, r.sealed_for_worker AS sealed, r.created_at AS at \
         FROM replies r JOIN clients c ON c.id = r.client_id \
         WHERE c.worker_id = $1 AND c.unpaired_at IS NULL ORDER BY r.created_at",
    )
    .bind(session.worker_id.clone())
    .fetch_all(&state.db.pool)
    .await?;
    let mut all = statuses(&state.db, Scope::Worker(&session.worker_id)).await?;
    let mut by_client: HashMap<String, (Vec<CheckInForWorker>, Vec<ReplyForWorker>)> =
        HashMap::new();
    for r in checkins {
        by_client
            .entry(r.client_id)
            .or_default()
            .0
            .push(checkin_for_worker(r.row)?);
    }
    for r in replies {
        by_client
            .entry(r.client_id)
            .or_default()
            .1
            .push(reply_for_worker(r.row)?);
    }
    let records = rows
        .iter()
        .map(|row| {
            let (checkins, replies) = by_client.remove(&row.id).unwrap_or_default();
            Ok(ClientRecord {
                client: entry(row, all.remove(&row.id).unwrap_or_else(empty))?,
                checkins,
                replies,
            })
        })
        .collect::<ApiResult<_>>()?;
    Ok(Json(CaseloadRecords { records }))
}

/// A single-use pairing code for a new parent, valid for 14 days.
#[utoipa::path(post, path = "/api/v1/worker/pairing-codes", tag = "worker", request_body = CreatePairingCodeRequest,
    responses((status = 201, body = PairingCodeCreated), (status = "4XX", body = ErrorResponse)))]
pub async fn create_pairing_code(
    State(state): State<AppState>,
    session: WorkerSession,
    ApiJson(req): ApiJson<CreatePairingCodeRequest>,
) -> ApiResult<(StatusCode, Json<PairingCodeCreated>)> {
    if let Some(label) = &req.sealed_label {
        if label.as_bytes().len() > MAX_LABEL_SEALED {
            return Err(ApiError::new(
                ErrorCode::LabelTooLong,
                "a label is at most 100 characters (a box of at most 808 bytes)",
            ));
        }
    }
    let recovery: Option<Vec<u8>> =
        sqlx::query_scalar("SELECT recovery_public_key FROM organisations WHERE id = $1")
            .bind(session.organisation_id.clone())
            .fetch_one(&state.db.pool)
            .await?;
    if recovery.is_none() {
        return Err(ApiError::new(
            ErrorCode::NoRecoveryKey,
            "the organisation has no recovery key yet; an administrator runs `houvast-server org recovery-key`",
        ));
    }
    let now = now_ms();
    let code = PairingCode::generate();
    let expires = now + state.config.pairing_code_ttl.as_millis() as i64;
    // Count and insert in one statement, in a transaction that holds the worker's row: on
    // PostgreSQL the row lock makes parallel requests of one worker wait for each other; on
    // SQLite the INSERT takes the one write lock before its SELECT runs. Either way twenty
    // requests at once cannot all see "49 open" and all insert.
    let mut tx = state.db.pool.begin().await?;
    if state.db.backend == Backend::Postgres {
        sqlx::query("SELECT id FROM workers WHERE id = $1 FOR UPDATE")
            .bind(session.worker_id.clone())
            .execute(&mut *tx)
            .await?;
    }
    let inserted = sqlx::query(
        "INSERT INTO pairing_codes (code_hash, worker_id, sealed_label, created_at, expires_at) \
         SELECT $1, $2, $3, $4, $5 \
         WHERE (SELECT COUNT(*) FROM pairing_codes WHERE worker_id = $2 AND used_at IS NULL AND expires_at > $4) < $6",
    )
    .bind(state.secret.hash("pairing", code.canonical().as_bytes()))
    .bind(session.worker_id.clone())
    .bind(req.sealed_label.map(Sealed::into_bytes))
    .bind(now)
    .bind(expires)
    .bind(state.config.max_open_codes_per_worker)
    .execute(&mut *tx)
    .await?;
    if inserted.rows_affected() == 0 {
        return Err(ApiError::new(
            ErrorCode::TooManyOpenCodes,
            format!(
                "you have {} unused pairing codes; wait until some are used or expire",
                state.config.max_open_codes_per_worker
            ),
        ));
    }
    audit::record(
        &mut *tx,
        Event::new(
            Some(&session.organisation_id),
            Actor::Worker(&session.worker_id),
            Action::PairingCodeCreated,
        ),
    )
    .await?;
    tx.commit().await?;
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
    responses((status = 201, body = ReplyCreated), (status = "4XX", body = ErrorResponse)))]
pub async fn post_reply(
    State(state): State<AppState>,
    session: WorkerSession,
    IdPath(client_id): IdPath,
    ApiJson(req): ApiJson<PostReplyRequest>,
) -> ApiResult<(StatusCode, Json<ReplyCreated>)> {
    let row = own_client(&state, &session, client_id).await?;
    if row.unpaired_at.is_some() {
        return Err(ApiError::new(
            ErrorCode::ClientUnpaired,
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
        Event::new(
            Some(&session.organisation_id),
            Actor::Worker(&session.worker_id),
            Action::ReplySent,
        )
        .client(&client_id.to_string()),
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
    responses((status = 200, body = Vec<ContactPointStatus>), (status = "4XX", body = ErrorResponse)))]
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
        Event::new(
            Some(&session.organisation_id),
            Actor::Worker(&session.worker_id),
            Action::ContactMarkedDone,
        )
        .client(&id),
    )
    .await?;
    Ok(Json(statuses_for_client(&state.db, &id).await?))
}

/// Stores the dashboard's sealed record for one of the worker's parents (replacing the
/// previous one). The server cannot read it; the browser checks on opening that it was sealed
/// by this worker for this parent.
#[utoipa::path(put, path = "/api/v1/worker/clients/{client_id}/pin", tag = "worker", request_body = StorePinRequest,
    params(("client_id" = Uuid, Path, description = "the client's id")),
    responses((status = 204, description = "stored"), (status = "4XX", body = ErrorResponse)))]
pub async fn store_pin(
    State(state): State<AppState>,
    session: WorkerSession,
    IdPath(client_id): IdPath,
    ApiJson(req): ApiJson<StorePinRequest>,
) -> ApiResult<StatusCode> {
    if req.sealed_pin.as_bytes().len() > MAX_PIN_SEALED {
        return Err(ApiError::new(
            ErrorCode::PinTooLarge,
            format!("a pin is a box of at most {MAX_PIN_SEALED} bytes"),
        ));
    }
    own_client(&state, &session, client_id).await?;
    let id = client_id.to_string();
    let mut tx = state.db.pool.begin().await?;
    sqlx::query(
        "INSERT INTO client_pins (client_id, worker_id, sealed, updated_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (client_id, worker_id) DO UPDATE SET sealed = excluded.sealed, updated_at = excluded.updated_at",
    )
    .bind(id.clone())
    .bind(session.worker_id.clone())
    .bind(req.sealed_pin.into_bytes())
    .bind(now_ms())
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut *tx,
        Event::new(
            Some(&session.organisation_id),
            Actor::Worker(&session.worker_id),
            Action::ClientPinStored,
        )
        .client(&id),
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(sqlx::FromRow)]
struct AccessRow {
    at: i64,
    actor_kind: String,
    action: String,
    pseudonym: Option<String>,
    detail: Option<String>,
}

/// The worker's own access log (NEN 7513): what they did, and what happened in their
/// caseload, newest first. Reading it is logged too.
#[utoipa::path(get, path = "/api/v1/worker/access-log", tag = "worker",
    responses((status = 200, body = AccessLog), (status = "4XX", body = ErrorResponse)))]
pub async fn access_log(
    State(state): State<AppState>,
    session: WorkerSession,
) -> ApiResult<Json<AccessLog>> {
    audit::record(
        &state.db.pool,
        Event::new(
            Some(&session.organisation_id),
            Actor::Worker(&session.worker_id),
            Action::OwnAccessLogRead,
        ),
    )
    .await?;
    let rows: Vec<AccessRow> = sqlx::query_as(
        "SELECT a.at, a.actor_kind, a.action, c.pseudonym, a.detail FROM audit_log a \
         LEFT JOIN clients c ON c.id = a.client_id \
         WHERE a.worker_id = $1 OR (a.actor_kind = 'worker' AND a.actor_id = $1) \
         ORDER BY a.id DESC LIMIT $2",
    )
    .bind(session.worker_id.clone())
    .bind(ACCESS_LOG_ENTRIES)
    .fetch_all(&state.db.pool)
    .await?;
    Ok(Json(AccessLog {
        entries: rows
            .into_iter()
            .map(|r| AccessLogEntry {
                at: to_time(r.at),
                actor_kind: r.actor_kind,
                action: r.action,
                pseudonym: r.pseudonym,
                detail: r.detail,
            })
            .collect(),
    }))
}
