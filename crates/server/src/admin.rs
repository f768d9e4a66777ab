//! What an administrator does from the command line: organisations, their recovery keys,
//! workers (invite, disable, enable, reset, reassign a caseload) and reading the audit log.
//! Shared by the CLI, the demo, the tests and the benchmark. Every change is audited.

use crate::audit::{self, Action, Actor, Event};
use crate::db::{now_ms, Db};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::secrets::{random_token, ServerSecret};
use crate::Config;
use houvast_protocol::{b64_encode, KeyPair, PublicKeyBytes};
use uuid::Uuid;

pub struct Invitation {
    pub worker_id: Uuid,
    pub token: String,
    pub link: String,
}

fn unique_violation(e: &sqlx::Error) -> bool {
    matches!(
        e.as_database_error().map(|d| d.kind()),
        Some(sqlx::error::ErrorKind::UniqueViolation)
    )
}

pub async fn create_org(db: &Db, name: &str) -> ApiResult<Uuid> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(ApiError::new(
            ErrorCode::InvalidName,
            "an organisation name has 1 to 200 characters",
        ));
    }
    let id = Uuid::new_v4();
    sqlx::query("INSERT INTO organisations (id, name, created_at) VALUES ($1, $2, $3)")
        .bind(id.to_string())
        .bind(name.to_string())
        .bind(now_ms())
        .execute(&db.pool)
        .await
        .map_err(|e| {
            if unique_violation(&e) {
                ApiError::new(
                    ErrorCode::OrganisationExists,
                    format!("an organisation named {name:?} exists already"),
                )
            } else {
                ApiError::Database(e)
            }
        })?;
    let org = id.to_string();
    audit::record(
        &db.pool,
        Event::new(Some(&org), Actor::Admin, Action::OrganisationCreated),
    )
    .await?;
    Ok(id)
}

async fn org_id(db: &Db, name: &str) -> ApiResult<String> {
    let id: Option<String> = sqlx::query_scalar("SELECT id FROM organisations WHERE name = $1")
        .bind(name.to_string())
        .fetch_optional(&db.pool)
        .await?;
    id.ok_or_else(|| {
        ApiError::new(
            ErrorCode::UnknownOrganisation,
            format!("no organisation named {name:?}"),
        )
    })
}

/// Makes the organisation's recovery key pair and stores the public half. The secret half is
/// returned once, to be printed and kept offline; the server never stores it. Refuses to
/// replace an existing key unless `replace` (check-ins sealed to the old key stay readable
/// only with the old secret).
pub async fn create_recovery_key(db: &Db, org_name: &str, replace: bool) -> ApiResult<KeyPair> {
    let id = org_id(db, org_name).await?;
    let keys = KeyPair::generate();
    let sql = if replace {
        "UPDATE organisations SET recovery_public_key = $1 WHERE id = $2"
    } else {
        "UPDATE organisations SET recovery_public_key = $1 WHERE id = $2 AND recovery_public_key IS NULL"
    };
    let done = sqlx::query(sql)
        .bind(keys.public_bytes().0.to_vec())
        .bind(id.clone())
        .execute(&db.pool)
        .await?;
    if done.rows_affected() == 0 {
        return Err(ApiError::new(
            ErrorCode::RecoveryKeyExists,
            "this organisation has a recovery key already; pass --replace to make a new one",
        ));
    }
    audit::record(
        &db.pool,
        Event::new(Some(&id), Actor::Admin, Action::RecoveryKeyCreated),
    )
    .await?;
    Ok(keys)
}

fn activation_link(config: &Config, token: &str) -> String {
    // The token travels in the fragment, which browsers never send to a server or a log.
    format!("{}/activate#{}", config.public_url, token)
}

pub async fn invite_worker(
    db: &Db,
    secret: &ServerSecret,
    config: &Config,
    org_name: &str,
    email: &str,
    display_name: &str,
) -> ApiResult<Invitation> {
    let org = org_id(db, org_name).await?;
    let email = normalise_email(email)?;
    let display_name = display_name.trim();
    if display_name.is_empty() || display_name.chars().count() > 100 {
        return Err(ApiError::new(
            ErrorCode::InvalidName,
            "a display name has 1 to 100 characters",
        ));
    }
    let token = random_token();
    let worker_id = Uuid::new_v4();
    let expires = now_ms() + config.activation_ttl.as_millis() as i64;
    sqlx::query(
        "INSERT INTO workers (id, organisation_id, email, display_name, activation_token_hash, activation_expires_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(worker_id.to_string())
    .bind(org.clone())
    .bind(email.clone())
    .bind(display_name.to_string())
    .bind(secret.hash("activation", token.as_bytes()))
    .bind(expires)
    .bind(now_ms())
    .execute(&db.pool)
    .await
    .map_err(|e| {
        if unique_violation(&e) {
            ApiError::new(
                ErrorCode::WorkerExists,
                format!("a worker with e-mail {email} exists already"),
            )
        } else {
            ApiError::Database(e)
        }
    })?;
    let id = worker_id.to_string();
    audit::record(
        &db.pool,
        Event::new(Some(&org), Actor::Admin, Action::WorkerInvited).worker(&id),
    )
    .await?;
    let link = activation_link(config, &token);
    Ok(Invitation {
        worker_id,
        token,
        link,
    })
}

/// A worker as the administrator names them: by e-mail address.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct WorkerRef {
    pub id: String,
    pub organisation_id: String,
    pub email: String,
    pub disabled_at: Option<i64>,
    pub activated_at: Option<i64>,
}

pub async fn worker_by_email(db: &Db, email: &str) -> ApiResult<WorkerRef> {
    let email = normalise_email(email)?;
    let row: Option<WorkerRef> = sqlx::query_as(
        "SELECT id, organisation_id, email, disabled_at, activated_at FROM workers WHERE email = $1",
    )
    .bind(email.clone())
    .fetch_optional(&db.pool)
    .await?;
    row.ok_or_else(|| {
        ApiError::new(
            ErrorCode::UnknownWorker,
            format!("no worker with e-mail {email}"),
        )
    })
}

/// What `worker disable` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Disabled {
    pub sessions_revoked: u64,
    pub was_disabled_already: bool,
}

/// Switches a worker off: their sessions end at once and sign-in is refused. Their caseload
/// stays theirs until it is reassigned.
pub async fn disable_worker(db: &Db, email: &str) -> ApiResult<Disabled> {
    let worker = worker_by_email(db, email).await?;
    let mut tx = db.pool.begin().await?;
    let changed =
        sqlx::query("UPDATE workers SET disabled_at = $1 WHERE id = $2 AND disabled_at IS NULL")
            .bind(now_ms())
            .bind(worker.id.clone())
            .execute(&mut *tx)
            .await?
            .rows_affected();
    let sessions_revoked = sqlx::query("DELETE FROM sessions WHERE worker_id = $1")
        .bind(worker.id.clone())
        .execute(&mut *tx)
        .await?
        .rows_affected();
    let detail = format!("{sessions_revoked} sessions revoked");
    audit::record(
        &mut *tx,
        Event::new(
            Some(&worker.organisation_id),
            Actor::Admin,
            Action::WorkerDisabled,
        )
        .worker(&worker.id)
        .detail(&detail),
    )
    .await?;
    tx.commit().await?;
    Ok(Disabled {
        sessions_revoked,
        was_disabled_already: changed == 0,
    })
}

/// Switches a disabled worker on again.
pub async fn enable_worker(db: &Db, email: &str) -> ApiResult<()> {
    let worker = worker_by_email(db, email).await?;
    let mut tx = db.pool.begin().await?;
    sqlx::query("UPDATE workers SET disabled_at = NULL WHERE id = $1")
        .bind(worker.id.clone())
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut *tx,
        Event::new(
            Some(&worker.organisation_id),
            Actor::Admin,
            Action::WorkerEnabled,
        )
        .worker(&worker.id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// For a worker who lost their passphrase: a new activation link. Their passphrase, key pair
/// and sessions are gone at once; they choose a new passphrase and get a new key pair, which
/// their clients' apps learn from `GET /api/v1/client/worker` (and must confirm by comparing
/// the safety number again). Check-ins sealed to the old key stay readable with the
/// organisation's recovery key only.
pub async fn reset_worker(
    db: &Db,
    secret: &ServerSecret,
    config: &Config,
    email: &str,
) -> ApiResult<Invitation> {
    let worker = worker_by_email(db, email).await?;
    let token = random_token();
    let expires = now_ms() + config.activation_ttl.as_millis() as i64;
    let mut tx = db.pool.begin().await?;
    sqlx::query(
        "UPDATE workers SET activation_token_hash = $1, activation_expires_at = $2, login_hash = NULL, \
         kdf_salt = NULL, kdf_opslimit = NULL, kdf_memlimit = NULL, public_key = NULL, wrapped_secret_key = NULL, \
         activated_at = NULL WHERE id = $3",
    )
    .bind(secret.hash("activation", token.as_bytes()))
    .bind(expires)
    .bind(worker.id.clone())
    .execute(&mut *tx)
    .await?;
    let revoked = sqlx::query("DELETE FROM sessions WHERE worker_id = $1")
        .bind(worker.id.clone())
        .execute(&mut *tx)
        .await?
        .rows_affected();
    let detail = format!("{revoked} sessions revoked");
    audit::record(
        &mut *tx,
        Event::new(
            Some(&worker.organisation_id),
            Actor::Admin,
            Action::WorkerReset,
        )
        .worker(&worker.id)
        .detail(&detail),
    )
    .await?;
    tx.commit().await?;
    Ok(Invitation {
        worker_id: worker.id.parse().map_err(ApiError::internal)?,
        link: activation_link(config, &token),
        token,
    })
}

/// What `worker reassign` moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reassigned {
    /// The paired clients that moved, by id.
    pub clients: Vec<String>,
    /// Unused pairing codes that moved with them.
    pub open_codes: u64,
}

/// Moves a worker's caseload (every paired client, and their unused pairing codes) to another
/// active worker of the same organisation, one audit entry per client. Unpaired clients stay
/// with the old worker as history. The clients' apps learn the new worker and key from
/// `GET /api/v1/client/worker`.
pub async fn reassign_caseload(db: &Db, from_email: &str, to_email: &str) -> ApiResult<Reassigned> {
    let from = worker_by_email(db, from_email).await?;
    let to = worker_by_email(db, to_email).await?;
    if from.id == to.id {
        return Err(ApiError::new(
            ErrorCode::SameWorker,
            "a caseload moves to another worker",
        ));
    }
    if from.organisation_id != to.organisation_id {
        return Err(ApiError::new(
            ErrorCode::OtherOrganisation,
            "a caseload moves only within one organisation",
        ));
    }
    if to.disabled_at.is_some() {
        return Err(ApiError::new(
            ErrorCode::WorkerDisabled,
            format!("{} is switched off", to.email),
        ));
    }
    if to.activated_at.is_none() {
        return Err(ApiError::new(
            ErrorCode::WorkerNotReady,
            format!("{} has not activated their account yet", to.email),
        ));
    }
    let mut tx = db.pool.begin().await?;
    let clients: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM clients WHERE worker_id = $1 AND unpaired_at IS NULL ORDER BY paired_at",
    )
    .bind(from.id.clone())
    .fetch_all(&mut *tx)
    .await?;
    sqlx::query("UPDATE clients SET worker_id = $1 WHERE worker_id = $2 AND unpaired_at IS NULL")
        .bind(to.id.clone())
        .bind(from.id.clone())
        .execute(&mut *tx)
        .await?;
    let open_codes = sqlx::query(
        "UPDATE pairing_codes SET worker_id = $1 WHERE worker_id = $2 AND used_at IS NULL",
    )
    .bind(to.id.clone())
    .bind(from.id.clone())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    let org = Some(from.organisation_id.as_str());
    let from_detail = format!("from worker {}", from.id);
    for client in &clients {
        audit::record(
            &mut *tx,
            Event::new(org, Actor::Admin, Action::ClientReassigned)
                .client(client)
                .worker(&to.id)
                .detail(&from_detail),
        )
        .await?;
    }
    let summary = format!(
        "{} clients and {open_codes} unused pairing codes to worker {}",
        clients.len(),
        to.id
    );
    audit::record(
        &mut *tx,
        Event::new(org, Actor::Admin, Action::ClientReassigned)
            .worker(&from.id)
            .detail(&summary),
    )
    .await?;
    tx.commit().await?;
    Ok(Reassigned {
        clients,
        open_codes,
    })
}

#[derive(sqlx::FromRow)]
struct WorkerEmail {
    id: String,
    email: String,
}

/// Every worker's e-mail address by id, to show the audit log to a person.
pub async fn worker_emails(db: &Db) -> ApiResult<std::collections::HashMap<String, String>> {
    let rows: Vec<WorkerEmail> = sqlx::query_as("SELECT id, email FROM workers")
        .fetch_all(&db.pool)
        .await?;
    Ok(rows.into_iter().map(|r| (r.id, r.email)).collect())
}

/// Reads the audit log (and records that it was read).
pub async fn read_audit(db: &Db, filter: &audit::Filter) -> ApiResult<Vec<audit::Entry>> {
    let entries = audit::query(db, filter).await?;
    let detail = format!(
        "worker={} client={} since={} until={}; {} entries",
        filter.worker_id.as_deref().unwrap_or("any"),
        filter.client_id.as_deref().unwrap_or("any"),
        filter
            .since_ms
            .map_or("any".to_string(), |t| crate::db::to_time(t).to_rfc3339()),
        filter
            .until_ms
            .map_or("any".to_string(), |t| crate::db::to_time(t).to_rfc3339()),
        entries.len()
    );
    audit::record(
        &db.pool,
        Event::new(None, Actor::Admin, Action::AuditLogRead).detail(&detail),
    )
    .await?;
    Ok(entries)
}

pub fn normalise_email(email: &str) -> ApiResult<String> {
    let email = email.trim().to_lowercase();
    let valid = email.len() <= 254
        && email
            .split_once('@')
            .is_some_and(|(local, domain)| !local.is_empty() && domain.contains('.'))
        && !email.chars().any(|c| c.is_whitespace() || c.is_control());
    if valid {
        Ok(email)
    } else {
        Err(ApiError::new(
            ErrorCode::InvalidEmail,
            "this is not an e-mail address",
        ))
    }
}

pub fn print_recovery_secret(keys: &KeyPair) -> String {
    format!(
        "Recovery public key:  {}\nRecovery SECRET key:  {}\n",
        PublicKeyBytes::from(&keys.public).to_b64(),
        b64_encode(&keys.secret.to_bytes())
    )
}

/// Activates a worker on the server's side with a passphrase, exactly as the browser would
/// (used by `demo`, tests and the benchmark; a real worker activates in the browser).
pub async fn activate_with_passphrase(
    db: &Db,
    secret: &ServerSecret,
    token: &str,
    passphrase: &str,
) -> ApiResult<KeyPair> {
    use houvast_protocol::{
        derive_worker_keys, wrap_worker_secret, Salt, KDF_MEMLIMIT_BYTES, KDF_OPSLIMIT,
    };
    let recovery: Option<(Option<Vec<u8>>,)> = sqlx::query_as(
        "SELECT o.recovery_public_key FROM workers w JOIN organisations o ON o.id = w.organisation_id \
         WHERE w.activation_token_hash = $1",
    )
    .bind(secret.hash("activation", token.as_bytes()))
    .fetch_optional(&db.pool)
    .await?;
    let recovery = recovery
        .and_then(|r| r.0)
        .and_then(|b| <[u8; 32]>::try_from(b).ok())
        .map(PublicKeyBytes)
        .ok_or_else(|| {
            ApiError::new(
                ErrorCode::NoRecoveryKey,
                "no pending activation for this token, or its organisation has no recovery key",
            )
        })?;
    let mut salt = [0u8; 16];
    rand_core::RngCore::fill_bytes(&mut rand_core::OsRng, &mut salt);
    let salt = Salt(salt);
    let passphrase = zeroize::Zeroizing::new(passphrase.to_string());
    let (keys, derived) = tokio::task::spawn_blocking(move || {
        derive_worker_keys(&passphrase, &salt, KDF_OPSLIMIT, KDF_MEMLIMIT_BYTES).map(|k| (k, salt))
    })
    .await
    .map_err(ApiError::internal)?
    .map_err(ApiError::internal)?;
    let pair = KeyPair::generate();
    // As the browser does: the recovery key is pinned inside the wrapped key.
    let wrapped =
        wrap_worker_secret(&keys.wrapping_key, &pair, &recovery).map_err(ApiError::internal)?;
    let login_hash = crate::secrets::hash_login_key(&keys.login_key)?;
    let mut tx = db.pool.begin().await?;
    let activated: Option<ActivatedWorker> = sqlx::query_as(
        "UPDATE workers SET login_hash = $1, kdf_salt = $2, kdf_opslimit = $3, kdf_memlimit = $4, public_key = $5, \
         wrapped_secret_key = $6, activated_at = $7, activation_token_hash = NULL, activation_expires_at = NULL \
         WHERE activation_token_hash = $8 RETURNING id, organisation_id",
    )
    .bind(login_hash)
    .bind(derived.0.to_vec())
    .bind(i64::from(KDF_OPSLIMIT))
    .bind(i64::from(KDF_MEMLIMIT_BYTES))
    .bind(pair.public_bytes().0.to_vec())
    .bind(wrapped.0.to_vec())
    .bind(now_ms())
    .bind(secret.hash("activation", token.as_bytes()))
    .fetch_optional(&mut *tx)
    .await?;
    let Some(activated) = activated else {
        return Err(ApiError::new(
            ErrorCode::ActivationUnknown,
            "no pending activation for this token",
        ));
    };
    audit::record(
        &mut *tx,
        Event::new(
            Some(&activated.organisation_id),
            Actor::Worker(&activated.id),
            Action::WorkerActivated,
        )
        .detail("from the command line"),
    )
    .await?;
    tx.commit().await?;
    Ok(pair)
}

#[derive(sqlx::FromRow)]
struct ActivatedWorker {
    id: String,
    organisation_id: String,
}
