//! JSON bodies of the HTTP API (`/api/v1/...`), carrying protocol version 2. Field names are
//! snake_case; every request type refuses unknown fields so a typo is an error, not a silently
//! dropped value. No response carries a fingerprint or safety number: each side derives the
//! safety number from the keys itself ([`crate::KeySet::safety_number`]).

pub use crate::ContactPoint;
use crate::{LoginKey, PairingCode, ProtocolError, PublicKeyBytes, Salt, Sealed, WrappedSecretKey};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use uuid::Uuid;

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

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
    /// Always `argon2id13` in protocol version 2.
    pub algorithm: String,
    /// At least 3; the browser refuses less.
    pub opslimit: u32,
    /// At least 64 MiB; the browser refuses less.
    pub memlimit_bytes: u32,
    pub salt: Salt,
}

impl KdfParams {
    /// What the browser checks before deriving: the algorithm and the floors.
    pub fn check(&self) -> Result<(), ProtocolError> {
        if self.algorithm != crate::KDF_ALGORITHM {
            return Err(ProtocolError::KdfAlgorithm(
                self.algorithm.chars().take(32).collect(),
            ));
        }
        crate::check_kdf_params(self.opslimit, self.memlimit_bytes)
    }
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
    /// Parameters to derive the keys with; the browser picks the salt and refuses parameters
    /// below t=3 and 64 MiB.
    pub opslimit: u32,
    pub memlimit_bytes: u32,
    /// The organisation's recovery key, pinned inside the wrapped secret key at activation.
    pub recovery_public_key: PublicKeyBytes,
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
    /// The secret key and the recovery key pinned at activation, wrapped with a key derived
    /// from the passphrase.
    pub wrapped_secret_key: WrappedSecretKey,
    /// The organisation's recovery key now; the dashboard compares it with the pinned one.
    pub recovery_public_key: PublicKeyBytes,
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
    /// When the worker first opened this parent's record after the check-in arrived (from the
    /// server's access log). A status, not content: the app shows it as "read", nothing more.
    #[serde(default)]
    pub read_at: Option<DateTime<Utc>>,
    pub replied_at: Option<DateTime<Utc>>,
    pub done_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CaseloadEntry {
    pub client_id: Uuid,
    /// Made by the server (`P-XXXXXX`): the only name a parent has here.
    pub pseudonym: String,
    /// The worker's own label for this parent, boxed in the browser from the worker's key to
    /// itself (`seal_label`).
    pub sealed_label: Option<Sealed>,
    pub paired_at: DateTime<Utc>,
    /// Set when the parent unpaired; their check-ins and replies are then deleted.
    pub unpaired_at: Option<DateTime<Utc>>,
    /// The parent's device key (gone once unpaired): with the worker's and the recovery key it
    /// makes the safety number, computed in the browser.
    pub client_public_key: Option<PublicKeyBytes>,
    pub contact_points: Vec<ContactPointStatus>,
    /// The dashboard's own record for this parent (the parent's key it pinned, whether the
    /// safety number was compared, which check-ins were seen), boxed in the browser from the
    /// worker's key to itself: the server can withhold it, not read or alter it.
    #[serde(default)]
    pub sealed_pin: Option<Sealed>,
}

/// The dashboard's record for one parent, sealed from the worker's key to itself.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct StorePinRequest {
    pub sealed_pin: Sealed,
}

/// One entry of the worker's own access log: what they (or the system, about their
/// caseload) did, when, and to which parent.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AccessLogEntry {
    pub at: DateTime<Utc>,
    /// `worker`, `client`, `admin` or `anonymous`.
    pub actor_kind: String,
    /// `signed_in`, `client_record_read`, `reply_sent`, … (see the server's audit module).
    pub action: String,
    /// The parent's pseudonym, when the entry is about one.
    pub pseudonym: Option<String>,
    pub detail: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AccessLog {
    /// Newest first.
    pub entries: Vec<AccessLogEntry>,
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
    /// Optional label only the worker can read (e.g. the parent's name), boxed in the browser
    /// from the worker's key to itself (`seal_label`, at most 808 bytes).
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
    pub checkins: Vec<CheckInForWorker>,
    pub replies: Vec<ReplyForWorker>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PostReplyRequest {
    pub contact_point: ContactPoint,
    /// The reply boxed from the worker's key to the client's.
    pub sealed_for_client: Sealed,
    /// The same reply boxed from the worker's key to itself, for the dashboard's history.
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
    /// The app's X25519 device key: check-ins are sent from it, replies are sealed to it.
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
    /// Pinned by the app with the recovery key and its own key; the safety number is derived
    /// from the three on the device.
    pub worker_public_key: PublicKeyBytes,
    pub recovery_public_key: PublicKeyBytes,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SubmitCheckInRequest {
    pub contact_point: ContactPoint,
    /// Boxed from the parent's device key to the worker's key.
    pub sealed_for_worker: Sealed,
    /// The same check-in boxed to the organisation's recovery key.
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
    /// The keys the server holds for this pairing now. The app compares them with the keys it
    /// pinned; a difference (e.g. after the caseload moved to another worker) is shown as a
    /// loud warning, never applied silently.
    pub worker_public_key: PublicKeyBytes,
    pub recovery_public_key: PublicKeyBytes,
    pub contact_points: Vec<ContactPointStatus>,
    pub replies: Vec<ReplyForClient>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Health {
    pub status: String,
}
