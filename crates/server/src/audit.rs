//! The access log (NEN 7513): every read or change of a client's data by a worker, every
//! sign-in, sign-out and activation, what the client and the administrator did. It records
//! who, what, which client, whose caseload and when; never content. The table is append-only:
//! triggers refuse UPDATE and DELETE on both backends.

use crate::db::{now_ms, to_time, Db};
use crate::error::ApiResult;
use serde::Serialize;

#[derive(Debug, Clone, Copy)]
pub enum Actor<'a> {
    Worker(&'a str),
    Client(&'a str),
    Admin,
    /// Someone not signed in (a failed sign-in).
    Anonymous,
}

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    OrganisationCreated,
    RecoveryKeyCreated,
    WorkerInvited,
    WorkerActivated,
    WorkerDisabled,
    WorkerEnabled,
    WorkerReset,
    /// A client moved to another worker's caseload.
    ClientReassigned,
    SignedIn,
    SignInFailed,
    SignedOut,
    /// The worker ended all their sessions, on every device.
    SignedOutEverywhere,
    /// One row per client the caseload listing showed (one row without a client when empty).
    CaseloadListed,
    ClientRecordRead,
    ReplySent,
    ContactMarkedDone,
    /// The dashboard stored its sealed record for a parent (pinned key, safety number state).
    ClientPinStored,
    /// A worker read their own access log.
    OwnAccessLogRead,
    PairingCodeCreated,
    Paired,
    Unpaired,
    /// An administrator read this log.
    AuditLogRead,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::OrganisationCreated => "organisation_created",
            Self::RecoveryKeyCreated => "recovery_key_created",
            Self::WorkerInvited => "worker_invited",
            Self::WorkerActivated => "worker_activated",
            Self::WorkerDisabled => "worker_disabled",
            Self::WorkerEnabled => "worker_enabled",
            Self::WorkerReset => "worker_reset",
            Self::ClientReassigned => "client_reassigned",
            Self::SignedIn => "signed_in",
            Self::SignInFailed => "sign_in_failed",
            Self::SignedOut => "signed_out",
            Self::SignedOutEverywhere => "signed_out_everywhere",
            Self::CaseloadListed => "caseload_listed",
            Self::ClientRecordRead => "client_record_read",
            Self::ReplySent => "reply_sent",
            Self::ContactMarkedDone => "contact_marked_done",
            Self::ClientPinStored => "client_pin_stored",
            Self::OwnAccessLogRead => "own_access_log_read",
            Self::PairingCodeCreated => "pairing_code_created",
            Self::Paired => "paired",
            Self::Unpaired => "unpaired",
            Self::AuditLogRead => "audit_log_read",
        }
    }
}

/// One entry to write.
#[derive(Debug, Clone, Copy)]
pub struct Event<'a> {
    pub organisation_id: Option<&'a str>,
    pub actor: Actor<'a>,
    pub action: Action,
    pub client_id: Option<&'a str>,
    /// The worker whose caseload this is about.
    pub worker_id: Option<&'a str>,
    /// A short note without content (why a sign-in failed, where a client came from).
    pub detail: Option<&'a str>,
}

impl<'a> Event<'a> {
    pub fn new(organisation_id: Option<&'a str>, actor: Actor<'a>, action: Action) -> Self {
        let worker_id = match actor {
            Actor::Worker(id) => Some(id),
            Actor::Client(_) | Actor::Admin | Actor::Anonymous => None,
        };
        Self {
            organisation_id,
            actor,
            action,
            client_id: None,
            worker_id,
            detail: None,
        }
    }
    pub fn client(mut self, client_id: &'a str) -> Self {
        self.client_id = Some(client_id);
        self
    }
    pub fn worker(mut self, worker_id: &'a str) -> Self {
        self.worker_id = Some(worker_id);
        self
    }
    pub fn detail(mut self, detail: &'a str) -> Self {
        self.detail = Some(detail);
        self
    }
}

pub async fn record<'c, E>(exec: E, event: Event<'_>) -> ApiResult<()>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let (kind, id) = match event.actor {
        Actor::Worker(id) => ("worker", Some(id)),
        Actor::Client(id) => ("client", Some(id)),
        Actor::Admin => ("admin", None),
        Actor::Anonymous => ("anonymous", None),
    };
    sqlx::query(
        "INSERT INTO audit_log (at, organisation_id, actor_kind, actor_id, action, client_id, worker_id, detail) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(now_ms())
    .bind(event.organisation_id.map(str::to_string))
    .bind(kind)
    .bind(id.map(str::to_string))
    .bind(event.action.as_str())
    .bind(event.client_id.map(str::to_string))
    .bind(event.worker_id.map(str::to_string))
    .bind(event.detail.map(str::to_string))
    .execute(exec)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub id: i64,
    pub at: chrono::DateTime<chrono::Utc>,
    pub organisation_id: Option<String>,
    pub actor_kind: String,
    pub actor_id: Option<String>,
    pub action: String,
    pub client_id: Option<String>,
    pub worker_id: Option<String>,
    pub detail: Option<String>,
}

#[derive(sqlx::FromRow)]
struct EntryRow {
    id: i64,
    at: i64,
    organisation_id: Option<String>,
    actor_kind: String,
    actor_id: Option<String>,
    action: String,
    client_id: Option<String>,
    worker_id: Option<String>,
    detail: Option<String>,
}

impl From<EntryRow> for Entry {
    fn from(r: EntryRow) -> Self {
        Self {
            id: r.id,
            at: to_time(r.at),
            organisation_id: r.organisation_id,
            actor_kind: r.actor_kind,
            actor_id: r.actor_id,
            action: r.action,
            client_id: r.client_id,
            worker_id: r.worker_id,
            detail: r.detail,
        }
    }
}

/// Which entries to read; every field narrows the selection.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Entries by this worker or about their caseload.
    pub worker_id: Option<String>,
    pub client_id: Option<String>,
    /// From this moment (inclusive), Unix milliseconds.
    pub since_ms: Option<i64>,
    /// Before this moment (exclusive), Unix milliseconds.
    pub until_ms: Option<i64>,
    pub limit: Option<i64>,
}

pub async fn query(db: &Db, filter: &Filter) -> ApiResult<Vec<Entry>> {
    // One literal statement: an absent filter is NULL and matches everything.
    let rows: Vec<EntryRow> = sqlx::query_as(
        "SELECT id, at, organisation_id, actor_kind, actor_id, action, client_id, worker_id, detail \
         FROM audit_log \
         WHERE ($1 IS NULL OR worker_id = $1 OR actor_id = $1) \
           AND ($2 IS NULL OR client_id = $2) \
           AND ($3 IS NULL OR at >= $3) \
           AND ($4 IS NULL OR at < $4) \
         ORDER BY id LIMIT $5",
    )
    .bind(filter.worker_id.clone())
    .bind(filter.client_id.clone())
    .bind(filter.since_ms)
    .bind(filter.until_ms)
    .bind(filter.limit.unwrap_or(i64::MAX))
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.into_iter().map(Entry::from).collect())
}

pub async fn for_client(db: &Db, client_id: &str) -> ApiResult<Vec<Entry>> {
    query(
        db,
        &Filter {
            client_id: Some(client_id.to_string()),
            ..Filter::default()
        },
    )
    .await
}
