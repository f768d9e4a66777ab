//! What is inside the sealed boxes. The server never sees these types filled in: they are
//! built and read on the parent's device and in the worker's browser.

use crate::ProtocolError;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A check-in as the parent previewed it and the worker will read it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckInContent {
    /// Version of this inner format.
    pub format: u32,
    pub checkin_id: Uuid,
    pub contact_point: u8,
    pub written_at: DateTime<Utc>,
    /// The parent answered "yes" to "do you worry about your own or your children's safety?".
    /// Kept inside the ciphertext: the dashboard sorts urgent check-ins first after opening them.
    pub urgent: bool,
    /// Question and answer as shown in the preview, in the parent's language.
    pub items: Vec<CheckInItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckInItem {
    pub question: String,
    pub answer: String,
}

/// The way of contact a worker proposes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WayOfContact {
    Phone,
    Video,
    InPerson,
    Chat,
}

/// A worker's reply to a check-in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReplyContent {
    pub format: u32,
    pub contact_point: u8,
    /// Proposed moment, as the worker typed it or picked it (RFC 3339 with offset).
    pub proposed_time: Option<DateTime<chrono::FixedOffset>>,
    pub way_of_contact: WayOfContact,
    pub message: String,
}

pub(crate) fn checkin_from_json(bytes: &[u8]) -> Result<CheckInContent, ProtocolError> {
    serde_json::from_slice(bytes).map_err(|e| ProtocolError::Content(e.to_string()))
}

pub(crate) fn reply_from_json(bytes: &[u8]) -> Result<ReplyContent, ProtocolError> {
    serde_json::from_slice(bytes).map_err(|e| ProtocolError::Content(e.to_string()))
}

impl CheckInContent {
    /// A filled-in check-in, for tests, the demo and the benchmark.
    pub fn example(contact_point: u8) -> Self {
        Self {
            format: 1,
            checkin_id: Uuid::new_v4(),
            contact_point,
            written_at: DateTime::from_timestamp(1_760_000_000, 0).unwrap_or_default(),
            urgent: false,
            items: vec![
                CheckInItem {
                    question: "Hoe gaat het opvoeden? (1-10)".into(),
                    answer: "7".into(),
                },
                CheckInItem {
                    question: "Wat wil je bespreken?".into(),
                    answer: "Hoe ik mijn zoon uitleg waarom ik soms moe ben.".into(),
                },
            ],
        }
    }
}
