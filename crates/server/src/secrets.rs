//! Tokens and the server's token key. Tokens are 256-bit random values; the database keeps
//! only keyed hashes of them, so a copy of the database opens no session, device or code. The
//! key lives outside the database: in a file beside the SQLite database (created 0600), in a
//! file named on the command line, or in the environment variable `HOUVAST_TOKEN_KEY`. The
//! database keeps only a check value, so a server started with the wrong key refuses to run
//! instead of silently failing every token.

use crate::db::Db;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use zeroize::{Zeroize, Zeroizing};

/// The environment variable that may hold the token key (base64, URL-safe, no padding).
pub const TOKEN_KEY_ENV: &str = "HOUVAST_TOKEN_KEY";
/// The key file's name beside the SQLite database.
pub const TOKEN_KEY_FILE: &str = "token-key";

pub fn random_token() -> String {
    let mut bytes = Zeroizing::new([0u8; 32]);
    OsRng.fill_bytes(bytes.as_mut());
    URL_SAFE_NO_PAD.encode(bytes.as_ref())
}

/// A fresh token key as text, for `houvast-server token-key new`.
pub fn new_token_key_text() -> Zeroizing<String> {
    random_token().into()
}

#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    #[error("cannot read the token key file {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot create the token key file {path}: {source}")]
    Create {
        path: String,
        source: std::io::Error,
    },
    #[error("the token key in {0} is not 32 bytes in base64 (URL-safe, no padding); make one with `houvast-server token-key new`")]
    Malformed(String),
    #[error(
        "PostgreSQL needs the token key from outside the database: set {TOKEN_KEY_ENV} on every \
         instance (make one with `houvast-server token-key new`) or pass --token-key-file"
    )]
    Missing,
    #[error(
        "this token key is not the one this database was set up with; start with the original \
         key (every session, device and pairing code depends on it)"
    )]
    Mismatch,
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
}

/// Where the token key comes from.
#[derive(Clone)]
pub enum KeySource {
    /// The value of [`TOKEN_KEY_ENV`].
    Env(Zeroizing<String>),
    /// A file holding the key; created (mode 0600) when it does not exist.
    File(PathBuf),
}

impl std::fmt::Debug for KeySource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Env(_) => write!(f, "Env({TOKEN_KEY_ENV}, redacted)"),
            Self::File(path) => write!(f, "File({})", path.display()),
        }
    }
}

impl KeySource {
    /// The environment variable when set, else `file` when given, else none.
    pub fn from_env_or(file: Option<PathBuf>) -> Option<Self> {
        match std::env::var(TOKEN_KEY_ENV) {
            Ok(v) if !v.trim().is_empty() => Some(Self::Env(v.into())),
            _ => file.map(Self::File),
        }
    }
}

struct Key([u8; 32]);

impl Drop for Key {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

/// The key that token hashes are made with; shared by every instance on one database.
/// Zeroed when the last copy is dropped and never shown by `Debug`.
#[derive(Clone)]
pub struct ServerSecret(Arc<Key>);

impl std::fmt::Debug for ServerSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ServerSecret(redacted)")
    }
}

fn parse_key(text: &str, origin: &str) -> Result<ServerSecret, SecretError> {
    let raw = Zeroizing::new(
        URL_SAFE_NO_PAD
            .decode(text.trim())
            .map_err(|_| SecretError::Malformed(origin.to_string()))?,
    );
    let bytes: [u8; 32] = raw
        .as_slice()
        .try_into()
        .map_err(|_| SecretError::Malformed(origin.to_string()))?;
    Ok(ServerSecret(Arc::new(Key(bytes))))
}

impl ServerSecret {
    /// A random key that lives only in this process (tests and benchmarks).
    pub fn generate() -> Self {
        let mut bytes = [0u8; 32];
        OsRng.fill_bytes(&mut bytes);
        let key = Key(bytes);
        bytes.zeroize();
        Self(Arc::new(key))
    }

    pub fn load(source: &KeySource) -> Result<Self, SecretError> {
        match source {
            KeySource::Env(value) => parse_key(value, TOKEN_KEY_ENV),
            KeySource::File(path) => load_or_create_file(path),
        }
    }

    /// Checks the key against the check value in the database, storing it on first use.
    pub async fn check_against(&self, db: &Db) -> Result<(), SecretError> {
        let check = self.hash("key-check", b"");
        sqlx::query(
            "INSERT INTO server_keys (name, value) VALUES ('token_key_check', $1) ON CONFLICT (name) DO NOTHING",
        )
        .bind(check.clone())
        .execute(&db.pool)
        .await?;
        let stored: Vec<u8> =
            sqlx::query_scalar("SELECT value FROM server_keys WHERE name = 'token_key_check'")
                .fetch_one(&db.pool)
                .await?;
        if stored == check {
            Ok(())
        } else {
            Err(SecretError::Mismatch)
        }
    }

    /// HMAC-SHA256(key, purpose ‖ 0 ‖ value).
    pub fn hash(&self, purpose: &str, value: &[u8]) -> Vec<u8> {
        let mut ipad = Zeroizing::new([0x36u8; 64]);
        let mut opad = Zeroizing::new([0x5cu8; 64]);
        for i in 0..32 {
            ipad[i] ^= self.0 .0[i];
            opad[i] ^= self.0 .0[i];
        }
        let inner = Sha256::new()
            .chain_update(ipad.as_ref())
            .chain_update(purpose)
            .chain_update([0])
            .chain_update(value)
            .finalize();
        Sha256::new()
            .chain_update(opad.as_ref())
            .chain_update(inner)
            .finalize()
            .to_vec()
    }
}

fn load_or_create_file(path: &Path) -> Result<ServerSecret, SecretError> {
    let shown = path.display().to_string();
    match std::fs::read_to_string(path) {
        Ok(text) => {
            let text = Zeroizing::new(text);
            restrict_to_owner(path).map_err(|source| SecretError::Read {
                path: shown.clone(),
                source,
            })?;
            parse_key(&text, &shown)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let text = new_token_key_text();
            write_new_private_file(path, format!("{}\n", text.as_str()).as_bytes()).map_err(
                |source| SecretError::Create {
                    path: shown.clone(),
                    source,
                },
            )?;
            tracing::info!(path = %shown, "created a new token key file");
            parse_key(&text, &shown)
        }
        Err(source) => Err(SecretError::Read {
            path: shown,
            source,
        }),
    }
}

/// Writes a file that must not exist yet, readable by its owner only from the first byte.
fn write_new_private_file(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(contents)?;
    file.sync_all()
}

/// Sets a file to 0600 (a no-op where Unix modes do not exist).
pub fn restrict_to_owner(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)?.permissions().mode() & 0o777;
        if mode != 0o600 {
            tracing::warn!(path = %path.display(), mode = format!("{mode:o}"), "tightening permissions to 0600");
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// The server's hash of a worker's login key: Argon2id (19 MiB, 2 passes, OWASP's minimum), so
/// a stolen database does not hold a value that signs in.
pub fn hash_login_key(
    login_key: &houvast_protocol::LoginKey,
) -> Result<String, crate::error::ApiError> {
    use argon2::password_hash::{PasswordHasher, SaltString};
    let salt = SaltString::generate(&mut OsRng);
    login_argon()
        .hash_password(&login_key.0, &salt)
        .map(|h| h.to_string())
        .map_err(crate::error::ApiError::internal)
}

pub fn verify_login_key(login_key: &houvast_protocol::LoginKey, stored: &str) -> bool {
    use argon2::password_hash::{PasswordHash, PasswordVerifier};
    PasswordHash::new(stored).is_ok_and(|h| login_argon().verify_password(&login_key.0, &h).is_ok())
}

fn login_argon() -> argon2::Argon2<'static> {
    let params = argon2::Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
}
