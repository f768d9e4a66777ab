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

use crate::db::Db;
use crate::ratelimit::{Limiters, Limits};
use crate::secrets::ServerSecret;
use axum::Router;
use std::net::SocketAddr;
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

    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub limiters: Arc<Limiters>,
    pub secret: ServerSecret,
}

impl AppState {
    pub async fn new(db: Db, config: Config) -> Result<Self, error::ApiError> {
        let secret = ServerSecret::load_or_create(&db).await?;
        let limiters = Arc::new(Limiters::new(config.limits));
        Ok(Self {
            db,
            config: Arc::new(config),
            limiters,
            secret,
        })
    }
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
    axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

/// Serves HTTPS with rustls on `addr`.
pub async fn serve_tls(
    addr: SocketAddr,
    state: AppState,
    cert: &std::path::Path,
    key: &std::path::Path,
) -> std::io::Result<()> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let tls = axum_server::tls_rustls::RustlsConfig::from_pem_file(cert, key).await?;
    axum_server::bind_rustls(addr, tls)
        .serve(app(state).into_make_service_with_connect_info::<SocketAddr>())
        .await
}
