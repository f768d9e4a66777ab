//! Pairing with a prevention worker, in two steps around the one request that needs the
//! network (made by houvast-courier): [`Session::start_pairing`] reads the invitation and makes
//! the device key; [`Session::finish_pairing`] pins the keys the server answered with and
//! stores the pairing. Nothing is stored before the server said yes, so a failed attempt leaves
//! nothing half-paired behind.

use crate::{Result, Session, SessionError};
use chrono::{DateTime, Utc};
use houvast_protocol::wire::{PairRequest, PairResponse};
use houvast_protocol::{Invitation, KeyPair, KeySet, PinnedKeys, Verification, PROTOCOL_VERSION};
use houvast_store::PairingRecord;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use url::Url;
use uuid::Uuid;
use zeroize::Zeroizing;

/// What the parent sees of the pairing. Everything here was checked on the device: the safety
/// number is derived from the pinned keys, never taken from the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PairingView {
    pub worker_name: String,
    pub organisation: String,
    /// The server's address as the parent typed it (without the code).
    pub server: String,
    pub paired_at: DateTime<Utc>,
    /// Twelve groups of five digits, to compare with the worker at the first contact.
    pub safety_number: Vec<String>,
    pub safety_number_checked: bool,
    /// The last time the app reached the server.
    pub synced_at: Option<DateTime<Utc>>,
    pub problem: Option<SyncProblem>,
}

/// Something about the connection with the worker the parent must know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SyncProblem {
    /// The server presented other keys than the ones pinned at pairing. Nothing is sent until
    /// the parent has compared the new safety number with their worker.
    KeyChanged {
        worker: bool,
        recovery: bool,
        since: DateTime<Utc>,
    },
    /// A reply did not pass the checks on this device and is not shown.
    ReplyRefused { at: DateTime<Utc> },
}

/// The first step of pairing: the request to send, and the device key it names (kept in memory
/// until [`Session::finish_pairing`] stores it).
pub struct PairingStart {
    pub server: Url,
    pub request: PairRequest,
    device_secret: Zeroizing<[u8; 32]>,
}

/// Where and as whom the courier talks to the server.
pub struct DeviceLink {
    pub server: Url,
    pub token: Zeroizing<String>,
    pub client_id: Uuid,
}

/// The server's address without the code, as the parent would recognise it.
fn server_label(server: &Url) -> String {
    let s = server.as_str().trim_end_matches('/');
    s.strip_prefix("https://").unwrap_or(s).to_string()
}

impl Session<'_> {
    /// Reads the invitation and makes this device's key pair. Refused when paired already.
    pub fn start_pairing(&self, invitation: &str) -> Result<PairingStart> {
        self.onboarded()?;
        if self.store.pairing()?.is_some() {
            return Err(SessionError::AlreadyPaired);
        }
        let invitation = Invitation::parse(invitation)?;
        let device = KeyPair::generate();
        Ok(PairingStart {
            server: invitation.server().clone(),
            request: PairRequest {
                protocol_version: PROTOCOL_VERSION,
                code: invitation.code().clone(),
                public_key: device.public_bytes(),
            },
            device_secret: Zeroizing::new(device.secret.to_bytes()),
        })
    }

    /// Pins the worker's and the organisation's keys the server answered with, beside the
    /// device key, and stores the pairing.
    pub fn finish_pairing(&self, start: PairingStart, answer: PairResponse) -> Result<PairingView> {
        let device = KeyPair::from_secret_bytes(*start.device_secret);
        let pinned = PinnedKeys::pin(KeySet {
            parent: device.public_bytes(),
            worker: answer.worker_public_key,
            recovery: answer.recovery_public_key,
        })?;
        self.store.save_pairing(&PairingRecord {
            server_url: start.server.to_string(),
            client_id: answer.client_id,
            device_token: Zeroizing::new(answer.device_token),
            device_secret: start.device_secret,
            pinned,
            worker_name: one_line(&answer.worker_display_name, 100),
            organisation: one_line(&answer.organisation, 100),
            paired_at: self.clock.now,
            contact_points: Vec::new(),
            synced_at: None,
        })?;
        self.pairing()?.ok_or(SessionError::NotPaired)
    }

    /// The pairing, if the parent paired.
    pub fn pairing(&self) -> Result<Option<PairingView>> {
        self.store
            .pairing()?
            .map(|p| self.pairing_view(&p))
            .transpose()
    }

    /// What the parent sees of a pairing record already read.
    pub(crate) fn pairing_view(&self, p: &PairingRecord) -> Result<PairingView> {
        let server = Url::parse(&p.server_url)
            .map(|u| server_label(&u))
            .unwrap_or_default();
        Ok(PairingView {
            worker_name: p.worker_name.clone(),
            organisation: p.organisation.clone(),
            server,
            paired_at: p.paired_at,
            safety_number: p.pinned.safety_number().groups().to_vec(),
            safety_number_checked: matches!(p.pinned.verification(), Verification::Checked { .. }),
            synced_at: p.synced_at,
            problem: self.store.sync_problem()?,
        })
    }

    /// The parent and the worker read the safety number to each other and it was the same.
    pub fn mark_safety_number_checked(&self) -> Result<PairingView> {
        let mut p = self.store.pairing()?.ok_or(SessionError::NotPaired)?;
        p.pinned.mark_checked(self.clock.now);
        self.store.save_pinned_keys(&p.pinned)?;
        self.pairing()?.ok_or(SessionError::NotPaired)
    }

    /// The server and credentials for the courier; `None` before pairing, so no request is
    /// ever made before the parent paired.
    pub fn device_link(&self) -> Result<Option<DeviceLink>> {
        let Some(p) = self.store.pairing()? else {
            return Ok(None);
        };
        let server = Url::parse(&p.server_url).map_err(|e| {
            SessionError::Store(houvast_store::StoreError::StoredDataInvalid {
                what: "server address",
                cause: e.to_string(),
            })
        })?;
        Ok(Some(DeviceLink {
            server,
            token: p.device_token,
            client_id: p.client_id,
        }))
    }

    /// Forgets the pairing on this device (after the server deleted what it held, or when the
    /// parent chooses to forget it without the server). Drafts stay: they are the parent's.
    pub fn forget_pairing(&self) -> Result<()> {
        self.store.forget_pairing()?;
        Ok(())
    }
}

/// A name from the server, shown as one line of at most `max` characters.
fn one_line(text: &str, max: usize) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(max)
        .collect::<String>()
        .trim()
        .to_string()
}
