//! Tokens and the server's own secret. Tokens are 256-bit random values; the database keeps
//! only keyed hashes of them, so a copy of the database opens no session, device or code.

use crate::db::Db;
use crate::error::ApiResult;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};

pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// A per-database secret, made on first start and shared by every instance on that database.
#[derive(Clone)]
pub struct ServerSecret([u8; 32]);

impl ServerSecret {
    pub async fn load_or_create(db: &Db) -> ApiResult<Self> {
        let mut fresh = [0u8; 32];
        OsRng.fill_bytes(&mut fresh);
        sqlx::query("INSERT INTO server_keys (name, value) VALUES ('token_hmac', $1) ON CONFLICT (name) DO NOTHING")
            .bind(fresh.to_vec())
            .execute(&db.pool)
            .await?;
        let (value,): (Vec<u8>,) =
            sqlx::query_as("SELECT value FROM server_keys WHERE name = 'token_hmac'")
                .fetch_one(&db.pool)
                .await?;
        let key: [u8; 32] = value
            .try_into()
            .map_err(|_| crate::error::ApiError::internal("bad server key"))?;
        Ok(Self(key))
    }

    /// HMAC-SHA256(key, purpose ‖ 0 ‖ value).
    pub fn hash(&self, purpose: &str, value: &[u8]) -> Vec<u8> {
        let mut ipad = [0x36u8; 64];
        let mut opad = [0x5cu8; 64];
        for i in 0..32 {
            ipad[i] ^= self.0[i];
            opad[i] ^= self.0[i];
        }
        let inner = Sha256::new()
            .chain_update(ipad)
            .chain_update(purpose)
            .chain_update([0])
            .chain_update(value)
            .finalize();
        Sha256::new()
            .chain_update(opad)
            .chain_update(inner)
            .finalize()
            .to_vec()
    }
}

/// The server's hash of a worker's login key: Argon2id (19 MiB, 2 passes, OWASP's minimum), so
/// a stolen database does not hold a value that signs in.
pub fn hash_login_key(login_key: &[u8; 32]) -> Result<String, crate::error::ApiError> {
    use argon2::password_hash::{PasswordHasher, SaltString};
    let salt = SaltString::generate(&mut OsRng);
    login_argon()
        .hash_password(login_key, &salt)
        .map(|h| h.to_string())
        .map_err(crate::error::ApiError::internal)
}

pub fn verify_login_key(login_key: &[u8; 32], stored: &str) -> bool {
    use argon2::password_hash::{PasswordHash, PasswordVerifier};
    PasswordHash::new(stored).is_ok_and(|h| login_argon().verify_password(login_key, &h).is_ok())
}

fn login_argon() -> argon2::Argon2<'static> {
    let params = argon2::Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
}
