//! The session's half of talking to the server, around the requests houvast-courier makes:
//! what the outbox holds, what became of each attempt, and what the server's state means once
//! checked on this device. The server is not trusted: its keys are compared with the pinned
//! ones, and each reply is opened and verified here before it is stored or shown.

use crate::{PairingView, Result, Session, SessionError, SyncProblem};
use chrono::{DateTime, Duration, Utc};
use houvast_core::reminder::{
    contact_reminder_due, contact_reminder_text, reply_notification_text, NotificationText,
};
use houvast_protocol::wire::{CheckInAccepted, ClientState};
use houvast_protocol::{
    open_reply, CheckIn, CheckInPlace, KeyPair, ProtocolError, Reply, ReplyLedger,
};
use houvast_store::{OutboxItem, StoredReply};
use rand_core::{OsRng, RngCore};

/// The first retry waits this long; each next one twice as long, up to [`MAX_RETRY_DELAY`].
pub const FIRST_RETRY_DELAY: Duration = Duration::seconds(15);
pub const MAX_RETRY_DELAY: Duration = Duration::hours(1);

/// How long to wait after `attempts` failed attempts: doubling from 15 s up to an hour, with a
/// random quarter off, so many apps coming back after an outage do not all knock at once.
pub fn retry_delay(attempts: u32) -> Duration {
    let doublings = attempts.saturating_sub(1).min(12);
    let base = (FIRST_RETRY_DELAY * (1 << doublings)).min(MAX_RETRY_DELAY);
    let jitter_ms = base.num_milliseconds() / 4;
    let off = i64::from(OsRng.next_u32()) % jitter_ms.max(1);
    base - Duration::milliseconds(off)
}

/// What one look at the server changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// Replies opened, verified and stored just now: (contact point, reply).
    pub new_replies: Vec<(u8, Reply)>,
    /// Replies that failed verification just now (not shown).
    pub refused_replies: u32,
    /// The server presented other keys than the pinned ones.
    pub key_changed: bool,
}

impl Session<'_> {
    /// Sealed check-ins due for an attempt now, oldest first.
    pub fn outbox_due(&self, limit: u32) -> Result<Vec<OutboxItem>> {
        Ok(self.store.outbox_due(self.clock.now, limit)?)
    }

    /// When the next waiting item is due, if any.
    pub fn outbox_next_attempt(&self) -> Result<Option<DateTime<Utc>>> {
        Ok(self.store.outbox_next_attempt()?)
    }

    /// Everything waiting may be tried at once (the app started, the network came back).
    pub fn outbox_retry_now(&self) -> Result<()> {
        Ok(self.store.outbox_retry_now(self.clock.now)?)
    }

    pub fn outbox_delivered(&self, accepted: &CheckInAccepted) -> Result<()> {
        Ok(self
            .store
            .outbox_delivered(accepted.checkin_id, accepted.received_at)?)
    }

    /// A failed attempt that may work later; returns when it is tried again.
    pub fn outbox_failed(&self, item: &OutboxItem, error: &str) -> Result<DateTime<Utc>> {
        let at = self.clock.now + retry_delay(item.attempts + 1);
        self.store.outbox_retry(item.checkin_id, error, at)?;
        Ok(at)
    }

    /// The server refused the item for good.
    pub fn outbox_refused(&self, item: &OutboxItem, reason: &str) -> Result<()> {
        Ok(self.store.outbox_refused(item.checkin_id, reason)?)
    }

    /// (waiting, delivered, refused).
    pub fn outbox_counts(&self) -> Result<(u32, u32, u32)> {
        Ok(self.store.outbox_counts()?)
    }

    /// Takes in what the server says now: its keys are compared with the pinned ones (a
    /// difference stops everything and is shown), the contact points' states are kept, and
    /// every new reply is opened and verified; one that fails is recorded and never shown.
    pub fn apply_server_state(&self, state: &ClientState) -> Result<SyncReport> {
        let pairing = self.store.pairing()?.ok_or(SessionError::NotPaired)?;
        let mut report = SyncReport::default();
        let now = self.clock.now;
        if let Err(ProtocolError::KeyChanged {
            worker, recovery, ..
        }) = pairing
            .pinned
            .verify_presented(&state.worker_public_key, &state.recovery_public_key)
        {
            log::warn!("the server presents other keys than the ones pinned at pairing");
            if !matches!(
                self.store.sync_problem()?,
                Some(SyncProblem::KeyChanged { .. })
            ) {
                self.store
                    .save_sync_problem(Some(&SyncProblem::KeyChanged {
                        worker,
                        recovery,
                        since: now,
                    }))?;
            }
            report.key_changed = true;
            return Ok(report);
        }
        self.store.save_contact_points(&state.contact_points, now)?;
        let device = KeyPair::from_secret_bytes(*pairing.device_secret);
        let mut ledger = ReplyLedger::with_accepted(self.store.accepted_reply_ids()?);
        for delivered in &state.replies {
            if self.store.reply_known(delivered.reply_id)? {
                continue;
            }
            let cp = delivered.contact_point;
            let sent = self.store.sent_checkin::<CheckIn>(cp)?;
            let opened = match sent {
                None => Err(ProtocolError::WrongCheckIn),
                Some(sent) => open_reply(
                    &device,
                    pairing.pinned.keys(),
                    &CheckInPlace {
                        client_id: pairing.client_id,
                        checkin_id: sent.checkin_id,
                        contact_point: cp,
                    },
                    &delivered.sealed,
                    &mut ledger,
                ),
            };
            match opened {
                Ok(opened) => {
                    self.store.save_reply(
                        delivered.reply_id,
                        &StoredReply {
                            reply_id: opened.reply_id,
                            contact_point: cp,
                            checkin_id: opened.place.checkin_id,
                            sent_at: opened.sent_at,
                            reply: opened.reply.clone(),
                            received_at: now,
                        },
                    )?;
                    report.new_replies.push((cp.number(), opened.reply));
                }
                Err(e) => {
                    log::warn!("a reply was refused: {}", e.code());
                    self.store.refuse_reply(delivered.reply_id, e.code(), now)?;
                    self.store
                        .save_sync_problem(Some(&SyncProblem::ReplyRefused { at: now }))?;
                    report.refused_replies += 1;
                }
            }
        }
        Ok(report)
    }

    /// The notification for a new reply, in the parent's language, discreet when they chose
    /// discreet reminders.
    pub fn reply_notification(&self) -> Result<NotificationText> {
        let profile = self.onboarded()?;
        let record = self.store.reminders(self.clock.now)?;
        Ok(reply_notification_text(
            self.discreet(record.settings.discreet),
            profile.language,
        ))
    }

    /// The reminders before a contact the worker proposed that are due now, each marked shown
    /// so it comes once. A reply without a proposed time, a past time or a contact marked done
    /// needs none.
    pub fn take_contact_reminders(&self) -> Result<Vec<NotificationText>> {
        let Some(profile) = self.store.profile()? else {
            return Ok(Vec::new());
        };
        let Some(pairing) = self.store.pairing()? else {
            return Ok(Vec::new());
        };
        let now = self.clock.now;
        let record = self.store.reminders(now)?;
        let mut due = Vec::new();
        for (reply_id, cp, reply) in self.store.replies_to_remind()? {
            let done = pairing
                .contact_points
                .iter()
                .any(|p| p.number == cp && p.done_at.is_some());
            let Some(proposed) = reply.proposed_time.map(|t| t.with_timezone(&Utc)) else {
                self.store.mark_reply_reminded(reply_id, now)?;
                continue;
            };
            if done || proposed <= now {
                self.store.mark_reply_reminded(reply_id, now)?;
                continue;
            }
            if contact_reminder_due(
                proposed,
                now,
                &record.settings,
                record.snoozed_until,
                self.clock.tz,
            ) {
                self.store.mark_reply_reminded(reply_id, now)?;
                due.push(contact_reminder_text(
                    self.discreet(record.settings.discreet),
                    profile.language,
                ));
            }
        }
        Ok(due)
    }

    /// The parent has read that a reply was refused. A changed key stays until they pair again.
    pub fn dismiss_sync_problem(&self) -> Result<Option<PairingView>> {
        if let Some(SyncProblem::ReplyRefused { .. }) = self.store.sync_problem()? {
            self.store.save_sync_problem::<SyncProblem>(None)?;
        }
        self.pairing()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_double_from_fifteen_seconds_to_an_hour_with_at_most_a_quarter_off() {
        for (attempts, full) in [(1, 15), (2, 30), (3, 60), (8, 1920), (9, 3600), (40, 3600)] {
            for _ in 0..50 {
                let d = retry_delay(attempts).num_milliseconds();
                let full = full * 1000;
                assert!(d <= full && d > full - full / 4 - 1, "{attempts}: {d}");
            }
        }
    }
}
