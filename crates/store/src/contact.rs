//! The pairing with a prevention worker, the check-in drafts, the outbox of sealed check-ins
//! and the worker's verified replies. The rules (what is due, what may be sent, how a reply is
//! checked) live in houvast-session and houvast-protocol; the store keeps what it is given,
//! each change in one statement or one transaction.

use crate::{parse_timestamp, timestamp, Result, Store, StoreError};
use chrono::{DateTime, Utc};
use houvast_protocol::wire::ContactPointStatus;
use houvast_protocol::{ContactPoint, PinnedKeys, Reply, Sealed};
use rusqlite::OptionalExtension;
use serde::de::DeserializeOwned;
use serde::Serialize;
use uuid::Uuid;
use zeroize::Zeroizing;

/// The pairing as stored. The device secret and token stay in here and in memory only.
pub struct PairingRecord {
    pub server_url: String,
    pub client_id: Uuid,
    pub device_token: Zeroizing<String>,
    pub device_secret: Zeroizing<[u8; 32]>,
    pub pinned: PinnedKeys,
    pub worker_name: String,
    pub organisation: String,
    pub paired_at: DateTime<Utc>,
    /// The contact points as the server last told them; empty before the first sync.
    pub contact_points: Vec<ContactPointStatus>,
    pub synced_at: Option<DateTime<Utc>>,
}

impl std::fmt::Debug for PairingRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PairingRecord")
            .field("server_url", &self.server_url)
            .field("client_id", &self.client_id)
            .field("worker_name", &self.worker_name)
            .finish_non_exhaustive()
    }
}

/// A sealed check-in waiting in the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxItem {
    pub checkin_id: Uuid,
    pub contact_point: ContactPoint,
    pub sealed_for_worker: Sealed,
    pub sealed_for_recovery: Sealed,
    pub queued_at: DateTime<Utc>,
    pub attempts: u32,
    pub next_attempt_at: DateTime<Utc>,
}

/// Where one outbox item stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    Waiting {
        attempts: u32,
        last_error: Option<String>,
        next_attempt_at: DateTime<Utc>,
    },
    Delivered {
        at: DateTime<Utc>,
    },
    /// The server said no for good (e.g. the pairing was undone on its side).
    Refused {
        reason: String,
    },
}

/// A check-in that was sent (queued), as the parent's own copy.
#[derive(Debug, Clone)]
pub struct SentCheckIn<T> {
    pub checkin_id: Uuid,
    pub checkin: T,
    pub sent_at: DateTime<Utc>,
    pub delivery: Delivery,
}

/// A reply that passed every check on the device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredReply {
    pub reply_id: Uuid,
    pub contact_point: ContactPoint,
    pub checkin_id: Uuid,
    pub sent_at: DateTime<Utc>,
    pub reply: Reply,
    pub received_at: DateTime<Utc>,
}

fn json<T: Serialize>(value: &T, what: &'static str) -> Result<String> {
    serde_json::to_string(value).map_err(|e| StoreError::StoredDataInvalid {
        what,
        cause: e.to_string(),
    })
}

fn from_json<T: DeserializeOwned>(text: &str, what: &'static str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| StoreError::StoredDataInvalid {
        what,
        cause: e.to_string(),
    })
}

fn uuid(text: &str, what: &'static str) -> Result<Uuid> {
    text.parse()
        .map_err(|e: uuid::Error| StoreError::StoredDataInvalid {
            what,
            cause: e.to_string(),
        })
}

fn contact_point(n: i64) -> Result<ContactPoint> {
    ContactPoint::new(n).map_err(|e| StoreError::StoredDataInvalid {
        what: "contact point",
        cause: e.to_string(),
    })
}

fn sealed(bytes: Vec<u8>) -> Result<Sealed> {
    Sealed::from_bytes(bytes).map_err(|e| StoreError::StoredDataInvalid {
        what: "sealed check-in",
        cause: e.to_string(),
    })
}

fn cp_key(cp: ContactPoint) -> i64 {
    i64::from(cp.number())
}

impl Store {
    // ---- pairing ----

    /// Stores a new pairing. Fails when one exists: unpair first.
    pub fn save_pairing(&self, p: &PairingRecord) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO pairing (id, server_url, client_id, device_token, device_secret,
                     pinned_keys, worker_name, organisation, paired_at)
                 VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute((
                &p.server_url,
                p.client_id.to_string(),
                p.device_token.as_str(),
                p.device_secret.as_slice(),
                json(&p.pinned, "pinned keys")?,
                &p.worker_name,
                &p.organisation,
                timestamp(p.paired_at),
            ))?;
        Ok(())
    }

    pub fn pairing(&self) -> Result<Option<PairingRecord>> {
        type Row = (
            String,
            String,
            String,
            Vec<u8>,
            String,
            String,
            String,
            String,
            Option<String>,
            Option<String>,
        );
        let row: Option<Row> = self
            .conn
            .prepare_cached(
                "SELECT server_url, client_id, device_token, device_secret, pinned_keys,
                        worker_name, organisation, paired_at, contact_points, synced_at
                 FROM pairing WHERE id = 1",
            )?
            .query_row([], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                ))
            })
            .optional()?;
        let Some((url, client, token, secret, pinned, worker, org, paired, points, synced)) = row
        else {
            return Ok(None);
        };
        let secret = Zeroizing::new(secret);
        let device_secret: [u8; 32] =
            secret
                .as_slice()
                .try_into()
                .map_err(|_| StoreError::StoredDataInvalid {
                    what: "device key",
                    cause: "not 32 bytes".into(),
                })?;
        Ok(Some(PairingRecord {
            server_url: url,
            client_id: uuid(&client, "client id")?,
            device_token: Zeroizing::new(token),
            device_secret: Zeroizing::new(device_secret),
            pinned: from_json(&pinned, "pinned keys")?,
            worker_name: worker,
            organisation: org,
            paired_at: parse_timestamp(&paired)?,
            contact_points: points
                .as_deref()
                .map(|p| from_json(p, "contact points"))
                .transpose()?
                .unwrap_or_default(),
            synced_at: synced.as_deref().map(parse_timestamp).transpose()?,
        }))
    }

    /// Keeps what the server said about the contact points, and when.
    pub fn save_contact_points(
        &self,
        points: &[ContactPointStatus],
        at: DateTime<Utc>,
    ) -> Result<()> {
        self.conn
            .prepare_cached("UPDATE pairing SET contact_points = ?1, synced_at = ?2 WHERE id = 1")?
            .execute((json(&points, "contact points")?, timestamp(at)))?;
        Ok(())
    }

    /// Replaces the pinned keys (after the parent saw the key-changed warning and chose to go
    /// on) or marks them checked.
    pub fn save_pinned_keys(&self, pinned: &PinnedKeys) -> Result<()> {
        self.conn
            .prepare_cached("UPDATE pairing SET pinned_keys = ?1 WHERE id = 1")?
            .execute([json(pinned, "pinned keys")?])?;
        Ok(())
    }

    /// The problem the parent must see (JSON of the session's type), or none.
    pub fn sync_problem<T: DeserializeOwned>(&self) -> Result<Option<T>> {
        let text: Option<Option<String>> = self
            .conn
            .prepare_cached("SELECT problem FROM pairing WHERE id = 1")?
            .query_row([], |r| r.get(0))
            .optional()?;
        text.flatten()
            .map(|t| from_json(&t, "sync problem"))
            .transpose()
    }

    pub fn save_sync_problem<T: Serialize>(&self, problem: Option<&T>) -> Result<()> {
        let text = problem.map(|p| json(p, "sync problem")).transpose()?;
        self.conn
            .prepare_cached("UPDATE pairing SET problem = ?1 WHERE id = 1")?
            .execute([text])?;
        Ok(())
    }

    /// Forgets the pairing and everything that belonged to it (drafts stay: they are the
    /// parent's own words and were never sent).
    pub fn forget_pairing(&self) -> Result<()> {
        let tx = self.conn.unchecked_transaction()?;
        tx.execute_batch(
            "DELETE FROM pairing;
             DELETE FROM outbox;
             DELETE FROM reply;
             DELETE FROM reply_refused;
             UPDATE checkin SET checkin_id = NULL, sent = NULL, sent_at = NULL;",
        )?;
        tx.commit()?;
        Ok(())
    }

    // ---- drafts and sent check-ins ----

    pub fn save_checkin_draft<T: Serialize>(
        &self,
        cp: ContactPoint,
        draft: &T,
        at: DateTime<Utc>,
    ) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO checkin (contact_point, draft, updated_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (contact_point) DO UPDATE SET
                     draft = excluded.draft, updated_at = excluded.updated_at
                 WHERE checkin.sent IS NULL",
            )?
            .execute((cp_key(cp), json(draft, "check-in draft")?, timestamp(at)))?;
        Ok(())
    }

    pub fn checkin_draft<T: DeserializeOwned>(&self, cp: ContactPoint) -> Result<Option<T>> {
        let text: Option<String> = self
            .conn
            .prepare_cached("SELECT draft FROM checkin WHERE contact_point = ?1")?
            .query_row([cp_key(cp)], |r| r.get(0))
            .optional()?;
        text.map(|t| from_json(&t, "check-in draft")).transpose()
    }

    /// Records a sent check-in and queues its sealed boxes, in one transaction: either both or
    /// neither. Fails when this contact point was sent already.
    pub fn queue_checkin<T: Serialize>(&self, checkin: &T, item: &OutboxItem) -> Result<()> {
        let tx = self.conn.unchecked_transaction()?;
        let changed = tx
            .prepare_cached(
                "UPDATE checkin SET checkin_id = ?1, sent = ?2, sent_at = ?3
                 WHERE contact_point = ?4 AND sent IS NULL",
            )?
            .execute((
                item.checkin_id.to_string(),
                json(checkin, "check-in")?,
                timestamp(item.queued_at),
                cp_key(item.contact_point),
            ))?;
        if changed != 1 {
            return Err(StoreError::StoredDataInvalid {
                what: "check-in",
                cause: "no unsent draft for this contact point".into(),
            });
        }
        insert_outbox(&tx, item)?;
        tx.commit()?;
        Ok(())
    }

    /// The sent check-in of a contact point with its delivery, if it was sent.
    pub fn sent_checkin<T: DeserializeOwned>(
        &self,
        cp: ContactPoint,
    ) -> Result<Option<SentCheckIn<T>>> {
        type Row = (
            String,
            String,
            String,
            i64,
            Option<String>,
            String,
            Option<String>,
            Option<String>,
        );
        let row: Option<Row> = self
            .conn
            .prepare_cached(
                "SELECT c.checkin_id, c.sent, c.sent_at, o.attempts, o.last_error,
                        o.next_attempt_at, o.delivered_at, o.refused
                 FROM checkin c JOIN outbox o ON o.checkin_id = c.checkin_id
                 WHERE c.contact_point = ?1 AND c.sent IS NOT NULL",
            )?
            .query_row([cp_key(cp)], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                ))
            })
            .optional()?;
        let Some((id, sent, sent_at, attempts, last_error, next, delivered, refused)) = row else {
            return Ok(None);
        };
        let delivery = match (delivered, refused) {
            (Some(at), _) => Delivery::Delivered {
                at: parse_timestamp(&at)?,
            },
            (None, Some(reason)) => Delivery::Refused { reason },
            (None, None) => Delivery::Waiting {
                attempts: u32::try_from(attempts).unwrap_or(u32::MAX),
                last_error,
                next_attempt_at: parse_timestamp(&next)?,
            },
        };
        Ok(Some(SentCheckIn {
            checkin_id: uuid(&id, "check-in id")?,
            checkin: from_json(&sent, "check-in")?,
            sent_at: parse_timestamp(&sent_at)?,
            delivery,
        }))
    }

    // ---- outbox ----

    /// Items due for (another) attempt at `now`, oldest first.
    pub fn outbox_due(&self, now: DateTime<Utc>, limit: u32) -> Result<Vec<OutboxItem>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT checkin_id, contact_point, sealed_for_worker, sealed_for_recovery,
                    queued_at, attempts, next_attempt_at
             FROM outbox
             WHERE delivered_at IS NULL AND refused IS NULL AND next_attempt_at <= ?1
             ORDER BY queued_at, checkin_id LIMIT ?2",
        )?;
        let rows = stmt.query_map((timestamp(now), limit), |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Vec<u8>>(2)?,
                r.get::<_, Vec<u8>>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, i64>(5)?,
                r.get::<_, String>(6)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, cp, worker, recovery, queued, attempts, next) = row?;
            out.push(OutboxItem {
                checkin_id: uuid(&id, "check-in id")?,
                contact_point: contact_point(cp)?,
                sealed_for_worker: sealed(worker)?,
                sealed_for_recovery: sealed(recovery)?,
                queued_at: parse_timestamp(&queued)?,
                attempts: u32::try_from(attempts).unwrap_or(u32::MAX),
                next_attempt_at: parse_timestamp(&next)?,
            });
        }
        Ok(out)
    }

    /// The earliest next attempt of anything still waiting.
    pub fn outbox_next_attempt(&self) -> Result<Option<DateTime<Utc>>> {
        let next: Option<String> = self
            .conn
            .prepare_cached(
                "SELECT min(next_attempt_at) FROM outbox WHERE delivered_at IS NULL AND refused IS NULL",
            )?
            .query_row([], |r| r.get(0))?;
        next.as_deref().map(parse_timestamp).transpose()
    }

    pub fn outbox_delivered(&self, id: Uuid, received_at: DateTime<Utc>) -> Result<()> {
        self.conn
            .prepare_cached(
                "UPDATE outbox SET delivered_at = ?1, last_error = NULL
                 WHERE checkin_id = ?2 AND delivered_at IS NULL",
            )?
            .execute((timestamp(received_at), id.to_string()))?;
        Ok(())
    }

    /// One more failed attempt; tried again from `retry_at`.
    pub fn outbox_retry(&self, id: Uuid, error: &str, retry_at: DateTime<Utc>) -> Result<()> {
        self.conn
            .prepare_cached(
                "UPDATE outbox SET attempts = attempts + 1, last_error = ?1, next_attempt_at = ?2
                 WHERE checkin_id = ?3 AND delivered_at IS NULL",
            )?
            .execute((error, timestamp(retry_at), id.to_string()))?;
        Ok(())
    }

    pub fn outbox_refused(&self, id: Uuid, reason: &str) -> Result<()> {
        self.conn
            .prepare_cached(
                "UPDATE outbox SET attempts = attempts + 1, refused = ?1
                 WHERE checkin_id = ?2 AND delivered_at IS NULL",
            )?
            .execute((reason, id.to_string()))?;
        Ok(())
    }

    /// Every waiting item may be tried at once (the network came back, the app started).
    pub fn outbox_retry_now(&self, now: DateTime<Utc>) -> Result<()> {
        self.conn
            .prepare_cached(
                "UPDATE outbox SET next_attempt_at = ?1
                 WHERE delivered_at IS NULL AND refused IS NULL AND next_attempt_at > ?1",
            )?
            .execute([timestamp(now)])?;
        Ok(())
    }

    /// Counts of the outbox: (waiting, delivered, refused).
    pub fn outbox_counts(&self) -> Result<(u32, u32, u32)> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT count(*) FILTER (WHERE delivered_at IS NULL AND refused IS NULL),
                    count(*) FILTER (WHERE delivered_at IS NOT NULL),
                    count(*) FILTER (WHERE refused IS NOT NULL)
             FROM outbox",
            )?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?)
    }

    // ---- replies ----

    /// Whether the server's reply with this id was dealt with already (stored or refused).
    pub fn reply_known(&self, server_id: Uuid) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM reply WHERE server_id = ?1)
                     OR EXISTS (SELECT 1 FROM reply_refused WHERE server_id = ?1)",
            )?
            .query_row([server_id.to_string()], |r| r.get(0))?)
    }

    /// The ids inside every accepted reply: a reply with one of these again is a replay.
    pub fn accepted_reply_ids(&self) -> Result<Vec<Uuid>> {
        let mut stmt = self.conn.prepare_cached("SELECT reply_id FROM reply")?;
        let ids = stmt.query_map([], |r| r.get::<_, String>(0))?;
        ids.map(|id| uuid(&id?, "reply id")).collect()
    }

    pub fn save_reply(&self, server_id: Uuid, reply: &StoredReply) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO reply (reply_id, server_id, contact_point, checkin_id, sent_at, reply, received_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute((
                reply.reply_id.to_string(),
                server_id.to_string(),
                cp_key(reply.contact_point),
                reply.checkin_id.to_string(),
                timestamp(reply.sent_at),
                json(&reply.reply, "reply")?,
                timestamp(reply.received_at),
            ))?;
        Ok(())
    }

    pub fn refuse_reply(&self, server_id: Uuid, reason: &str, at: DateTime<Utc>) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO reply_refused (server_id, reason, at) VALUES (?1, ?2, ?3)
                 ON CONFLICT DO NOTHING",
            )?
            .execute((server_id.to_string(), reason, timestamp(at)))?;
        Ok(())
    }

    /// Every verified reply, oldest first.
    pub fn replies(&self) -> Result<Vec<StoredReply>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT reply_id, contact_point, checkin_id, sent_at, reply, received_at
             FROM reply ORDER BY sent_at, reply_id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, cp, checkin, sent, reply, received) = row?;
            out.push(StoredReply {
                reply_id: uuid(&id, "reply id")?,
                contact_point: contact_point(cp)?,
                checkin_id: uuid(&checkin, "check-in id")?,
                sent_at: parse_timestamp(&sent)?,
                reply: from_json(&reply, "reply")?,
                received_at: parse_timestamp(&received)?,
            });
        }
        Ok(out)
    }

    /// Verified replies whose contact reminder was not shown yet: (reply id, contact point, reply).
    pub fn replies_to_remind(&self) -> Result<Vec<(Uuid, ContactPoint, Reply)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT reply_id, contact_point, reply FROM reply WHERE reminded_at IS NULL",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, cp, reply) = row?;
            out.push((
                uuid(&id, "reply id")?,
                contact_point(cp)?,
                from_json(&reply, "reply")?,
            ));
        }
        Ok(out)
    }

    /// The contact reminder of this reply was shown (or is no longer needed).
    pub fn mark_reply_reminded(&self, reply_id: Uuid, at: DateTime<Utc>) -> Result<()> {
        self.conn
            .prepare_cached("UPDATE reply SET reminded_at = ?1 WHERE reply_id = ?2")?
            .execute((timestamp(at), reply_id.to_string()))?;
        Ok(())
    }
}

fn insert_outbox(conn: &rusqlite::Connection, item: &OutboxItem) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO outbox (checkin_id, contact_point, sealed_for_worker, sealed_for_recovery,
             queued_at, attempts, next_attempt_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute((
        item.checkin_id.to_string(),
        cp_key(item.contact_point),
        item.sealed_for_worker.as_bytes(),
        item.sealed_for_recovery.as_bytes(),
        timestamp(item.queued_at),
        item.attempts,
        timestamp(item.next_attempt_at),
    ))?;
    Ok(())
}
