//! The access log (NEN 7513): every read or change of a client's data by a worker, and what
//! the client and the administrator did. It records who, what, which client and when; never
//! content.

use crate::db::{now_ms, Db};
use crate::error::ApiResult;

#[derive(Debug, Clone, Copy)]
pub enum Actor<'a> {
    Worker(&'a str),
    Client(&'a str),
    Admin,
}

pub async fn record<'c, E>(
    exec: E,
    organisation_id: Option<&str>,
    actor: Actor<'_>,
    action: &str,
    client_id: Option<&str>,
) -> ApiResult<()>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let (kind, id) = match actor {
        Actor::Worker(id) => ("worker", Some(id)),
        Actor::Client(id) => ("client", Some(id)),
        Actor::Admin => ("admin", None),
    };
    sqlx::query(
        "INSERT INTO audit_log (at, organisation_id, actor_kind, actor_id, action, client_id) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(now_ms())
    .bind(organisation_id.map(str::to_string))
    .bind(kind)
    .bind(id.map(str::to_string))
    .bind(action.to_string())
    .bind(client_id.map(str::to_string))
    .execute(exec)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Entry {
    pub at: chrono::DateTime<chrono::Utc>,
    pub actor_kind: String,
    pub actor_id: Option<String>,
    pub action: String,
    pub client_id: Option<String>,
}

pub async fn for_client(db: &Db, client_id: &str) -> ApiResult<Vec<Entry>> {
    type Row = (i64, String, Option<String>, String, Option<String>);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT at, actor_kind, actor_id, action, client_id FROM audit_log WHERE client_id = $1 ORDER BY id",
    )
    .bind(client_id.to_string())
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(at, actor_kind, actor_id, action, client_id)| Entry {
            at: crate::db::to_time(at),
            actor_kind,
            actor_id,
            action,
            client_id,
        })
        .collect())
}
