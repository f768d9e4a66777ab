//! houvast-server: carries the three check-ins between a parent's app and their prevention
//! worker as ciphertext it cannot read. See README.md for running it and for the arithmetic
//! behind the limits.

pub mod admin;
pub mod audit;
pub mod db;
pub mod error;
pub mod extract;
pub mod openapi;
pub mod ratelimit;
mod routes;
pub mod secrets;
mod serve;

use crate::db::Db;
use crate::ratelimit::{Limiters, Limits};
use crate::secrets::ServerSecret;
use axum::Router;
use std::sync::Arc;
use std::time::Duration;

/// Settings of one running instance.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where the dashboard is reached (`https://houvast.example.org`): activation links are
    /// made from it and a cookie-authenticated POST must come from its origin.
    pub public_url: String,
    /// Trust the last `X-Forwarded-For` address (only behind a proxy that sets it).
    pub behind_proxy: bool,
    pub limits: Limits,
    pub session_ttl: Duration,
    pub pairing_code_ttl: Duration,
    pub activation_ttl: Duration,
    /// Unused pairing codes a worker may have open at once.
    pub max_open_codes_per_worker: i64,
    /// How long a client may take to send a request's head (and the TLS handshake); also how
    /// long an idle keep-alive connection stays open.
    pub header_read_timeout: Duration,
    /// How long one request may take from its head to the end of the answer (a body that
    /// stays shorter than its Content-Length ends here).
    pub request_timeout: Duration,
    /// Open connections at once; new ones beyond this are closed at once. Keep it well under
    /// the process's open-files limit.
    pub max_connections: usize,
    /// Open connections from one address (an IPv4 address, an IPv6 /64); not applied
    /// `behind_proxy`, where the proxy is the only address.
    pub max_connections_per_address: usize,
    /// Argon2id hashes (sign-in, activation) computed at once; each takes 19 MiB.
    pub max_concurrent_hashes: usize,
    /// How long a sign-in waits for a free Argon2id slot before it is told to retry.
    pub hash_queue_wait: Duration,
}

impl Config {
    pub fn new(public_url: impl Into<String>) -> Self {
        Self {
            public_url: public_url.into().trim_end_matches('/').to_string(),
            behind_proxy: false,
            limits: Limits::default(),
            session_ttl: Duration::from_secs(8 * 3600),
            pairing_code_ttl: Duration::from_secs(14 * 24 * 3600),
            activation_ttl: Duration::from_secs(7 * 24 * 3600),
            max_open_codes_per_worker: 50,
            header_read_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            max_connections: 768,
            max_connections_per_address: 128,
            max_concurrent_hashes: 4,
            hash_queue_wait: Duration::from_secs(5),
        }
    }

    /// `scheme://host[:port]` of [`Config::public_url`].
    pub fn public_origin(&self) -> &str {
        let after_scheme = self.public_url.find("://").map_or(0, |i| i + 3);
        match self.public_url[after_scheme..].find('/') {
            Some(i) => &self.public_url[..after_scheme + i],
            None => &self.public_url,
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub limiters: Arc<Limiters>,
    pub secret: ServerSecret,
    /// Permits for Argon2id hashing, so a flood of sign-ins cannot take all memory and cores.
    pub hashing: Arc<tokio::sync::Semaphore>,
}

impl AppState {
    /// Checks `secret` against the database (a server started with another key refuses to run).
    pub async fn new(db: Db, config: Config, secret: ServerSecret) -> Result<Self, StartError> {
        secret.check_against(&db).await?;
        let limiters = Arc::new(Limiters::new(config.limits));
        let hashing = Arc::new(tokio::sync::Semaphore::new(
            config.max_concurrent_hashes.max(1),
        ));
        Ok(Self {
            db,
            config: Arc::new(config),
            limiters,
            secret,
            hashing,
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Secret(#[from] secrets::SecretError),
    #[error("cannot read the TLS certificate or key: {0}")]
    Tls(std::io::Error),
    #[error("serving failed: {0}")]
    Io(#[from] std::io::Error),
}

/// The whole HTTP API.
pub fn app(state: AppState) -> Router {
    routes::router(state)
}

/// Serves plain HTTP on `listener` until `shutdown` resolves.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve::run(listener, state, None, shutdown).await
}

/// Serves HTTPS with rustls on `listener` until `shutdown` resolves.
pub async fn serve_tls(
    listener: tokio::net::TcpListener,
    state: AppState,
    cert: &std::path::Path,
    key: &std::path::Path,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), StartError> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let tls = axum_server::tls_rustls::RustlsConfig::from_pem_file(cert, key)
        .await
        .map_err(StartError::Tls)?;
    // This server speaks HTTP/1.1 only; offering h2 (as axum-server's config does) would make
    // browsers pick a protocol it cannot answer.
    let mut config = (*tls.get_inner()).clone();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    Ok(serve::run(listener, state, Some(acceptor), shutdown).await?)
}
