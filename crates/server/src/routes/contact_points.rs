//! The state of a client's three contact points, derived from what exists: a check-in, a
//! reply, a "done" mark, and the access log's first read of the record after a check-in.

use crate::db::{to_time, Db};
use crate::error::ApiResult;
use houvast_protocol::wire::{ContactPoint, ContactPointState, ContactPointStatus};
use std::collections::HashMap;

#[derive(Default, Clone, Copy)]
struct Marks {
    checkin: Option<i64>,
    read: Option<i64>,
    reply: Option<i64>,
    done: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct MarkRow {
    client_id: String,
    contact_point: i64,
    at: i64,
}

pub enum Scope<'a> {
    Worker(&'a str),
    Client(&'a str),
}

/// Contact-point states of every client in `scope`, by client id.
pub async fn statuses(
    db: &Db,
    scope: Scope<'_>,
) -> ApiResult<HashMap<String, Vec<ContactPointStatus>>> {
    // Literal SQL per scope (sqlx refuses strings assembled at run time).
    let (queries, id) = match scope {
        Scope::Worker(id) => (
            [
                "SELECT c.client_id, c.contact_point, c.received_at AS at FROM checkins c JOIN clients k ON k.id = c.client_id WHERE k.worker_id = $1",
                "SELECT r.client_id, r.contact_point, MAX(r.created_at) AS at FROM replies r JOIN clients k ON k.id = r.client_id WHERE k.worker_id = $1 GROUP BY r.client_id, r.contact_point",
                "SELECT d.client_id, d.contact_point, d.done_at AS at FROM contacts_done d JOIN clients k ON k.id = d.client_id WHERE k.worker_id = $1",
                "SELECT c.client_id, c.contact_point, MIN(a.at) AS at FROM checkins c JOIN clients k ON k.id = c.client_id \
                 JOIN audit_log a ON a.client_id = c.client_id AND a.action = 'client_record_read' AND a.at >= c.received_at \
                 WHERE k.worker_id = $1 GROUP BY c.client_id, c.contact_point",
            ],
            id,
        ),
        Scope::Client(id) => (
            [
                "SELECT client_id, contact_point, received_at AS at FROM checkins WHERE client_id = $1",
                "SELECT client_id, contact_point, MAX(created_at) AS at FROM replies WHERE client_id = $1 GROUP BY client_id, contact_point",
                "SELECT client_id, contact_point, done_at AS at FROM contacts_done WHERE client_id = $1",
                "SELECT c.client_id, c.contact_point, MIN(a.at) AS at FROM checkins c \
                 JOIN audit_log a ON a.client_id = c.client_id AND a.action = 'client_record_read' AND a.at >= c.received_at \
                 WHERE c.client_id = $1 GROUP BY c.client_id, c.contact_point",
            ],
            id,
        ),
    };
    let mut marks: HashMap<(String, i64), Marks> = HashMap::new();
    for (which, sql) in queries.iter().enumerate() {
        let rows: Vec<MarkRow> = sqlx::query_as(*sql)
            .bind(id.to_string())
            .fetch_all(&db.pool)
            .await?;
        for row in rows {
            let m = marks.entry((row.client_id, row.contact_point)).or_default();
            match which {
                0 => m.checkin = Some(row.at),
                1 => m.reply = Some(row.at),
                2 => m.done = Some(row.at),
                _ => m.read = Some(row.at),
            }
        }
    }
    let mut out: HashMap<String, Vec<ContactPointStatus>> = HashMap::new();
    for ((client, _), _) in marks.iter() {
        out.entry(client.clone()).or_default();
    }
    for (client, list) in out.iter_mut() {
        *list = ContactPoint::all()
            .into_iter()
            .map(|cp| {
                status(
                    cp,
                    marks
                        .get(&(client.clone(), i64::from(cp.number())))
                        .copied()
                        .unwrap_or_default(),
                )
            })
            .collect();
    }
    Ok(out)
}

pub fn empty() -> Vec<ContactPointStatus> {
    ContactPoint::all()
        .into_iter()
        .map(|cp| status(cp, Marks::default()))
        .collect()
}

pub async fn statuses_for_client(db: &Db, client_id: &str) -> ApiResult<Vec<ContactPointStatus>> {
    Ok(statuses(db, Scope::Client(client_id))
        .await?
        .remove(client_id)
        .unwrap_or_else(empty))
}

fn status(number: ContactPoint, m: Marks) -> ContactPointStatus {
    let state = if m.done.is_some() {
        ContactPointState::Done
    } else if m.reply.is_some() {
        ContactPointState::Replied
    } else if m.checkin.is_some() {
        ContactPointState::CheckinReceived
    } else {
        ContactPointState::Open
    };
    ContactPointStatus {
        number,
        state,
        checkin_received_at: m.checkin.map(to_time),
        read_at: m.read.map(to_time),
        replied_at: m.reply.map(to_time),
        done_at: m.done.map(to_time),
    }
}
