//! JSON bodies of the HTTP API, version 1 (`/api/v1/...`). Field names are snake_case; every
//! request type refuses unknown fields so a typo is an error, not a silently dropped value.

use crate::{LoginKey, PairingCode, ProtocolError, PublicKeyBytes, Salt, Sealed, WrappedSecretKey};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use uuid::Uuid;

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// Contact point 1, 2 or 3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ContactPoint(u8);

impl ContactPoint {
    pub fn new(n: i64) -> Result<Self, ProtocolError> {
        match n {
            1..=3 => Ok(Self(n as u8)),
            _ => Err(ProtocolError::ContactPoint),
        }
    }
    pub fn number(self) -> u8 {
        self.0
    }
    pub fn all() -> [ContactPoint; 3] {
        [Self(1), Self(2), Self(3)]
    }
}

impl Serialize for ContactPoint {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u8(self.0)
    }
}
impl<'de> Deserialize<'de> for ContactPoint {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Self::new(i64::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for ContactPoint {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::Integer)
            .minimum(Some(1))
            .maximum(Some(3))
            .into()
    }
}
#[cfg(feature = "openapi")]
impl ToSchema for ContactPoint {}

impl Serialize for PairingCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.display())
    }
}
impl<'de> Deserialize<'de> for PairingCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for PairingCode {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .description(Some("12 Crockford base32 symbols, shown as XXXX-XXXX-XXXX; case, dashes and spaces do not matter"))
            .examples(["7KQ2-M9XD-1FHT"])
            .max_length(Some(32))
            .into()
    }
}
#[cfg(feature = "openapi")]
impl ToSchema for PairingCode {}

/// An error answer: `code` is stable and meant for the program, `message` for a person.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ErrorBody {
    pub code: String,
    pub message: String,
}

/// Argon2id parameters and salt for a worker's passphrase.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct KdfParams {
    /// Always `argon2id13` in protocol version 1.
    pub algorithm: String,
    pub opslimit: u32,
    pub memlimit_bytes: u32,
    pub salt: Salt,
}

// ---- worker ----

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ActivationInfoRequest {
    /// The token from the activation link.
    pub token: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ActivationInfo {
    pub email: String,
    pub display_name: String,
    pub organisation: String,
    /// Parameters to derive the keys with; the browser picks the salt.
    pub opslimit: u32,
    pub memlimit_bytes: u32,
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ActivateRequest {
    pub token: String,
    pub salt: Salt,
    pub login_key: LoginKey,
    pub public_key: PublicKeyBytes,
    pub wrapped_secret_key: WrappedSecretKey,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SignInParamsRequest {
    pub email: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SignInRequest {
    pub email: String,
    pub login_key: LoginKey,
}

/// The signed-in worker, with what the browser needs to unwrap the secret key.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct WorkerProfile {
    pub worker_id: Uuid,
    pub email: String,
    pub display_name: String,
    pub organisation: String,
    pub public_key: PublicKeyBytes,
    pub fingerprint: String,
    pub wrapped_secret_key: WrappedSecretKey,
    pub recovery_public_key: Option<PublicKeyBytes>,
    pub session_expires_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub enum ContactPointState {
    /// Nothing received yet.
    Open,
    /// The parent sent a check-in; no reply yet.
    CheckinReceived,
    /// The worker replied.
    Replied,
    /// The worker marked the contact as done.
    Done,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ContactPointStatus {
    pub number: ContactPoint,
    pub state: ContactPointState,
    pub checkin_received_at: Option<DateTime<Utc>>,
    pub replied_at: Option<DateTime<Utc>>,
    pub done_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CaseloadEntry {
    pub client_id: Uuid,
    /// Made by the server (`P-XXXXXX`): the only name a parent has here.
    pub pseudonym: String,
    /// The worker's own label for this parent, sealed to the worker's key in the browser.
    pub sealed_label: Option<Sealed>,
    pub paired_at: DateTime<Utc>,
    /// Set when the parent unpaired; their check-ins and replies are then deleted.
    pub unpaired_at: Option<DateTime<Utc>>,
    pub client_fingerprint: String,
    pub contact_points: Vec<ContactPointStatus>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Caseload {
    pub clients: Vec<CaseloadEntry>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CreatePairingCodeRequest {
    /// Optional label only the worker can read (e.g. the parent's name), sealed in the browser
    /// to the worker's own public key.
    #[serde(default)]
    pub sealed_label: Option<Sealed>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PairingCodeCreated {
    pub code: PairingCode,
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CheckInForWorker {
    pub checkin_id: Uuid,
    pub contact_point: ContactPoint,
    pub sealed: Sealed,
    pub received_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ReplyForWorker {
    pub reply_id: Uuid,
    pub contact_point: ContactPoint,
    pub sealed_for_worker: Sealed,
    pub created_at: DateTime<Utc>,
}

/// Everything the dashboard shows for one parent; reading it is written to the audit log.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ClientRecord {
    pub client: CaseloadEntry,
    pub client_public_key: Option<PublicKeyBytes>,
    pub checkins: Vec<CheckInForWorker>,
    pub replies: Vec<ReplyForWorker>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PostReplyRequest {
    pub contact_point: ContactPoint,
    /// The reply sealed to the client's public key.
    pub sealed_for_client: Sealed,
    /// The same reply sealed to the worker's own key, for the dashboard's history.
    pub sealed_for_worker: Sealed,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ReplyCreated {
    pub reply_id: Uuid,
    pub created_at: DateTime<Utc>,
}

// ---- client (the parent's app) ----

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PairRequest {
    pub protocol_version: u32,
    pub code: PairingCode,
    /// The app's X25519 public key; replies are sealed to it.
    pub public_key: PublicKeyBytes,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PairResponse {
    pub client_id: Uuid,
    /// Bearer token for every later client request. Shown once; the server keeps a hash.
    pub device_token: String,
    pub worker_display_name: String,
    pub organisation: String,
    pub worker_public_key: PublicKeyBytes,
    /// Show this to the parent to compare with the worker.
    pub worker_fingerprint: String,
    pub recovery_public_key: PublicKeyBytes,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SubmitCheckInRequest {
    pub contact_point: ContactPoint,
    pub sealed_for_worker: Sealed,
    pub sealed_for_recovery: Sealed,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CheckInAccepted {
    pub checkin_id: Uuid,
    pub contact_point: ContactPoint,
    pub received_at: DateTime<Utc>,
    /// False when this was a retry of a check-in the server already had.
    pub created: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ReplyForClient {
    pub reply_id: Uuid,
    pub contact_point: ContactPoint,
    pub sealed: Sealed,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ClientState {
    pub contact_points: Vec<ContactPointStatus>,
    pub replies: Vec<ReplyForClient>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Health {
    pub status: String,
}
