//! The courier: pairing, delivery and fetching around the session, and the loop that keeps
//! doing it in the background (with the window closed, the app in the tray).

use crate::{http, CourierError};
use houvast_protocol::wire::SubmitCheckInRequest;
use houvast_session::{DeviceLink, PairingView, Session, SessionError, SyncReport};
use std::time::Duration;
use tokio::sync::Notify;

/// How often the state and replies are fetched while the app runs.
pub const REFRESH_EVERY: Duration = Duration::from_secs(5 * 60);
/// The loop never sleeps longer than this at once: a monotonic sleep does not count the time a
/// laptop was asleep, so after waking the outbox is looked at within a minute.
const MAX_NAP: Duration = Duration::from_secs(60);
/// Outbox items read per round.
const BATCH: u32 = 50;

/// The way to a [`Session`]: the app's state (the store behind a lock, opened on first use)
/// or a test's. The lock is held only inside `with`, never across a request.
pub trait Sessions: Send + Sync {
    fn with<T>(
        &self,
        f: impl FnOnce(&Session<'_>) -> Result<T, SessionError>,
    ) -> Result<T, CourierError>;
}

/// What one delivery round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DeliveryReport {
    pub delivered: u32,
    /// Failed for now; tried again later.
    pub postponed: u32,
    /// Refused by the server for good.
    pub refused: u32,
}

pub struct Courier {
    http: reqwest::Client,
    wake: Notify,
}

impl Courier {
    pub fn new() -> Result<Self, CourierError> {
        Ok(Self {
            http: http::client()?,
            wake: Notify::new(),
        })
    }

    /// Asks the background loop to deliver and fetch now (after sending, on start).
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    /// Pairs with the invitation: reads it and makes the device key (session), asks the
    /// server, and stores the pairing only when the server said yes. When storing fails after
    /// the server paired, the pairing is undone on the server, so nothing is left half-paired.
    pub async fn pair(
        &self,
        sessions: &impl Sessions,
        invitation: &str,
    ) -> Result<PairingView, CourierError> {
        let start = sessions.with(|s| s.start_pairing(invitation))?;
        let server = start.server.clone();
        let answer = http::pair(&self.http, &server, &start.request).await?;
        let token = answer.device_token.clone();
        match sessions.with(|s| s.finish_pairing(start, answer)) {
            Ok(view) => {
                self.wake();
                Ok(view)
            }
            Err(e) => {
                if let Err(undo) = http::unpair(&self.http, &server, &token).await {
                    log::warn!("undoing a pairing that could not be stored failed: {undo}");
                }
                Err(e)
            }
        }
    }

    /// Undoes the pairing: the server deletes what it holds for this parent, then the app
    /// forgets the pairing. When the server cannot be reached, nothing changes and the error
    /// says why (the session's `forget_pairing` forgets on this device only).
    pub async fn unpair(&self, sessions: &impl Sessions) -> Result<(), CourierError> {
        let Some(link) = sessions.with(|s| s.device_link())? else {
            return Err(SessionError::NotPaired.into());
        };
        match http::unpair(&self.http, &link.server, &link.token).await {
            Ok(()) => {}
            // The server no longer knows this device: there is nothing left to delete there.
            Err(e) if e.code() == houvast_core::ErrorCode::NotPaired => {}
            Err(e) => return Err(e),
        }
        sessions.with(|s| s.forget_pairing())
    }

    /// Before everything is deleted: asks the server to delete what it holds for this parent,
    /// waiting at most `limit` (a parent deleting everything should not wait on a server that
    /// is out of reach). True when the server confirmed, or there was no pairing.
    pub async fn unpair_before_erase(&self, sessions: &impl Sessions, limit: Duration) -> bool {
        match tokio::time::timeout(limit, self.unpair(sessions)).await {
            Ok(Ok(())) => true,
            Ok(Err(e)) if e.code() == houvast_core::ErrorCode::NotPaired => true,
            Ok(Err(e)) => {
                log::warn!("the server could not delete this parent's check-ins: {e}");
                false
            }
            Err(_) => {
                log::warn!("the server did not answer the unpair request in time");
                false
            }
        }
    }

    /// Delivers every outbox item that is due. A check-in is sent with the id made on the
    /// device, so a retry after a lost answer is stored once by the server. When the server
    /// cannot be reached, every due item is postponed with its own backoff.
    pub async fn deliver(&self, sessions: &impl Sessions) -> Result<DeliveryReport, CourierError> {
        let mut report = DeliveryReport::default();
        let Some(link) = sessions.with(|s| s.device_link())? else {
            return Ok(report);
        };
        loop {
            let due = sessions.with(|s| s.outbox_due(BATCH))?;
            if due.is_empty() {
                return Ok(report);
            }
            for (i, item) in due.iter().enumerate() {
                let body = SubmitCheckInRequest {
                    contact_point: item.contact_point,
                    sealed_for_worker: item.sealed_for_worker.clone(),
                    sealed_for_recovery: item.sealed_for_recovery.clone(),
                };
                let sent = http::submit_checkin(
                    &self.http,
                    &link.server,
                    &link.token,
                    item.checkin_id,
                    &body,
                )
                .await;
                match sent {
                    Ok(accepted) => {
                        sessions.with(|s| s.outbox_delivered(&accepted))?;
                        report.delivered += 1;
                    }
                    Err(e) if e.is_transient() => {
                        log::info!("delivery postponed: {}", e.short());
                        let reason = e.short();
                        sessions.with(|s| {
                            due[i..]
                                .iter()
                                .try_for_each(|rest| s.outbox_failed(rest, &reason).map(|_| ()))
                        })?;
                        report.postponed += u32::try_from(due.len() - i).unwrap_or(u32::MAX);
                        return Ok(report);
                    }
                    Err(e) => {
                        log::warn!("delivery refused: {}", e.short());
                        sessions.with(|s| s.outbox_refused(item, &e.short()))?;
                        report.refused += 1;
                    }
                }
            }
        }
    }

    /// Fetches the state and replies and lets the session check them.
    pub async fn refresh(&self, sessions: &impl Sessions) -> Result<SyncReport, CourierError> {
        let Some(DeviceLink { server, token, .. }) = sessions.with(|s| s.device_link())? else {
            return Ok(SyncReport::default());
        };
        let state = http::state(&self.http, &server, &token).await?;
        sessions.with(|s| s.apply_server_state(&state))
    }

    /// One round: deliver what is due, then fetch. Returns what changed.
    pub async fn round(
        &self,
        sessions: &impl Sessions,
    ) -> Result<(DeliveryReport, SyncReport), CourierError> {
        let delivered = self.deliver(sessions).await?;
        let fetched = self.refresh(sessions).await?;
        Ok((delivered, fetched))
    }

    /// Runs for as long as the app does: a round on start, after every [`Self::wake`], when an
    /// outbox item is due again and every [`REFRESH_EVERY`]. `on_round` hears about each round
    /// (to notify the parent of a reply and to refresh the screen). Before pairing it only
    /// waits: no request is made.
    pub async fn run(
        &self,
        sessions: &impl Sessions,
        on_round: impl Fn(Result<&(DeliveryReport, SyncReport), &CourierError>),
    ) {
        let _ = sessions.with(|s| s.outbox_retry_now());
        let mut last_refresh: Option<chrono::DateTime<chrono::Utc>> = None;
        loop {
            let now = chrono::Utc::now();
            let paired = matches!(sessions.with(|s| s.device_link()), Ok(Some(_)));
            let refresh_due = last_refresh
                .is_none_or(|at| (now - at).to_std().unwrap_or_default() >= REFRESH_EVERY);
            let outbox_due = matches!(
                sessions.with(|s| s.outbox_next_attempt()),
                Ok(Some(at)) if at <= now
            );
            if paired && (refresh_due || outbox_due) {
                let result = self.round(sessions).await;
                if result.is_ok() {
                    last_refresh = Some(chrono::Utc::now());
                }
                on_round(result.as_ref());
            }
            let nap = match sessions.with(|s| s.outbox_next_attempt()) {
                Ok(Some(at)) => (at - chrono::Utc::now()).to_std().unwrap_or_default(),
                _ => MAX_NAP,
            }
            .clamp(Duration::from_millis(200), MAX_NAP);
            tokio::select! {
                () = tokio::time::sleep(nap) => {}
                () = self.wake.notified() => { last_refresh = None; }
            }
        }
    }
}
