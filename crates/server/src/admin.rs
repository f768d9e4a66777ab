//! What an administrator does from the command line: organisations, their recovery keys and
//! worker invitations. Shared by the CLI, the demo, the tests and the benchmark.

use crate::audit::{self, Actor};
use crate::db::{now_ms, Db};
use crate::error::{ApiError, ApiResult};
use crate::secrets::{random_token, ServerSecret};
use crate::Config;
use houvast_protocol::{b64_encode, KeyPair, PublicKeyBytes};
use uuid::Uuid;

pub struct Invitation {
    pub worker_id: Uuid,
    pub token: String,
    pub link: String,
}

pub async fn create_org(db: &Db, name: &str) -> ApiResult<Uuid> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(ApiError::invalid(
            "invalid_name",
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
        .map_err(|e| match e.as_database_error().map(|d| d.kind()) {
            Some(sqlx::error::ErrorKind::UniqueViolation) => ApiError::conflict(
                "organisation_exists",
                format!("an organisation named {name:?} exists already"),
            ),
            _ => ApiError::Database(e),
        })?;
    audit::record(
        &db.pool,
        Some(&id.to_string()),
        Actor::Admin,
        "organisation_created",
        None,
    )
    .await?;
    Ok(id)
}

async fn org_id(db: &Db, name: &str) -> ApiResult<String> {
    let row: Option<(String,)> = sqlx::query_as("SELECT id FROM organisations WHERE name = $1")
        .bind(name.to_string())
        .fetch_optional(&db.pool)
        .await?;
    row.map(|r| r.0).ok_or_else(|| {
        ApiError::not_found(
            "unknown_organisation",
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
        return Err(ApiError::conflict(
            "recovery_key_exists",
            "this organisation has a recovery key already; pass --replace to make a new one",
        ));
    }
    audit::record(
        &db.pool,
        Some(&id),
        Actor::Admin,
        "recovery_key_created",
        None,
    )
    .await?;
    Ok(keys)
}

pub async fn invite_worker(
    db: &Db,
    config: &Config,
    org_name: &str,
    email: &str,
    display_name: &str,
) -> ApiResult<Invitation> {
    let org = org_id(db, org_name).await?;
    let email = normalise_email(email)?;
    let display_name = display_name.trim();
    if display_name.is_empty() || display_name.chars().count() > 100 {
        return Err(ApiError::invalid(
            "invalid_name",
            "a display name has 1 to 100 characters",
        ));
    }
    let secret = ServerSecret::load_or_create(db).await?;
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
    .map_err(|e| match e.as_database_error().map(|d| d.kind()) {
        Some(sqlx::error::ErrorKind::UniqueViolation) => {
            ApiError::conflict("worker_exists", format!("a worker with e-mail {email} exists already"))
        }
        _ => ApiError::Database(e),
    })?;
    audit::record(&db.pool, Some(&org), Actor::Admin, "worker_invited", None).await?;
    // The token travels in the fragment, which browsers never send to a server or a log.
    let link = format!("{}/activate#{}", config.public_url, token);
    Ok(Invitation {
        worker_id,
        token,
        link,
    })
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
        Err(ApiError::invalid(
            "invalid_email",
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
    token: &str,
    passphrase: &str,
) -> ApiResult<KeyPair> {
    use houvast_protocol::{
        derive_worker_keys, wrap_worker_secret, Salt, KDF_MEMLIMIT_BYTES, KDF_OPSLIMIT,
    };
    let secret = ServerSecret::load_or_create(db).await?;
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
            ApiError::conflict(
                "organisation_not_ready",
                "no pending activation for this token, or its organisation has no recovery key",
            )
        })?;
    let mut salt = [0u8; 16];
    rand_core::RngCore::fill_bytes(&mut rand_core::OsRng, &mut salt);
    let salt = Salt(salt);
    let passphrase = passphrase.to_string();
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
    let login_hash = crate::secrets::hash_login_key(&keys.login_key.0)?;
    let done = sqlx::query(
        "UPDATE workers SET login_hash = $1, kdf_salt = $2, kdf_opslimit = $3, kdf_memlimit = $4, public_key = $5, \
         wrapped_secret_key = $6, activated_at = $7, activation_token_hash = NULL, activation_expires_at = NULL \
         WHERE activation_token_hash = $8",
    )
    .bind(login_hash)
    .bind(derived.0.to_vec())
    .bind(i64::from(KDF_OPSLIMIT))
    .bind(i64::from(KDF_MEMLIMIT_BYTES))
    .bind(pair.public_bytes().0.to_vec())
    .bind(wrapped.0.to_vec())
    .bind(now_ms())
    .bind(secret.hash("activation", token.as_bytes()))
    .execute(&db.pool)
    .await?;
    if done.rows_affected() == 0 {
        return Err(ApiError::not_found(
            "activation_unknown",
            "no pending activation for this token",
        ));
    }
    Ok(pair)
}
