//! A real server on a random port with a fresh database (a temporary SQLite directory, or a new
//! database on the PostgreSQL named by DATABASE_URL), and helpers that talk to it over HTTP
//! the way the app and the dashboard will.

use houvast_protocol::wire::*;
use houvast_protocol::*;
use houvast_server::db::Db;
use houvast_server::ratelimit::Limits;
use houvast_server::secrets::{KeySource, ServerSecret, TOKEN_KEY_FILE};
use houvast_server::{admin, AppState, Config};
use reqwest::{Method, StatusCode};
use serde_json::Value;
use sqlx::Connection;
use std::sync::atomic::{AtomicU32, Ordering};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Sqlite,
    Postgres,
}

pub struct TestServer {
    pub url: String,
    pub db: Db,
    pub kind: Kind,
    pub dir: Option<tempfile::TempDir>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    pub org: String,
    pub secret: ServerSecret,
    pub addr: std::net::SocketAddr,
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

pub fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A fresh PostgreSQL database, or None (skipped) when DATABASE_URL is not set and
/// HOUVAST_REQUIRE_PG is not either.
pub async fn fresh_postgres() -> Option<String> {
    let Ok(base) = std::env::var("DATABASE_URL") else {
        if std::env::var_os("HOUVAST_REQUIRE_PG").is_some() {
            panic!("HOUVAST_REQUIRE_PG is set but DATABASE_URL is not");
        }
        eprintln!("skipped: DATABASE_URL not set (scripts/test-server.sh sets it)");
        return None;
    };
    sqlx::any::install_default_drivers();
    let name = format!(
        "houvast_test_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    );
    let mut conn = sqlx::AnyConnection::connect(&base)
        .await
        .expect("connect to DATABASE_URL");
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut conn)
        .await
        .expect("create database");
    conn.close().await.ok();
    let (head, tail) = base.rsplit_once('/').expect("DATABASE_URL has a path");
    let query = tail
        .split_once('?')
        .map(|(_, q)| format!("?{q}"))
        .unwrap_or_default();
    Some(format!("{head}/{name}{query}"))
}

impl TestServer {
    pub async fn start(kind: Kind) -> Option<Self> {
        Self::start_with(kind, |_| {}).await
    }

    pub async fn start_with(kind: Kind, tweak: impl FnOnce(&mut Config)) -> Option<Self> {
        Self::start_inner(kind, tweak, false).await
    }

    /// Served over HTTPS with the self-signed test certificate in `tests/fixtures`.
    pub async fn start_tls(kind: Kind, tweak: impl FnOnce(&mut Config)) -> Option<Self> {
        Self::start_inner(kind, tweak, true).await
    }

    async fn start_inner(kind: Kind, tweak: impl FnOnce(&mut Config), tls: bool) -> Option<Self> {
        // As in production: on SQLite the key file beside the database, on PostgreSQL a key
        // from outside (here made in the test).
        let (db, dir, secret) = match kind {
            Kind::Sqlite => {
                let dir = tempfile::tempdir().unwrap();
                let db = Db::open_sqlite_dir(dir.path()).await.unwrap();
                let secret =
                    ServerSecret::load(&KeySource::File(dir.path().join(TOKEN_KEY_FILE))).unwrap();
                (db, Some(dir), secret)
            }
            Kind::Postgres => (
                Db::open(&fresh_postgres().await?).await.unwrap(),
                None,
                ServerSecret::generate(),
            ),
        };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let url = format!("{}://{addr}", if tls { "https" } else { "http" });
        let mut config = Config::new(url.clone());
        config.limits = Limits::unlimited();
        tweak(&mut config);
        let state = AppState::new(db.clone(), config, secret.clone())
            .await
            .unwrap();
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let shutdown = async {
            let _ = rx.await;
        };
        if tls {
            tokio::spawn(async move {
                houvast_server::serve_tls(
                    listener,
                    state,
                    &fixture("tls-cert.pem"),
                    &fixture("tls-key.pem"),
                    shutdown,
                )
                .await
                .unwrap()
            });
        } else {
            tokio::spawn(houvast_server::serve(listener, state, shutdown));
        }
        let org = "Test GGZ".to_string();
        admin::create_org(&db, &org).await.unwrap();
        admin::create_recovery_key(&db, &org, false).await.unwrap();
        Some(Self {
            url,
            db,
            kind,
            dir,
            shutdown: Some(tx),
            org,
            secret,
            addr,
        })
    }

    pub fn http(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .unwrap()
    }

    /// A browser on another address (any 127.x.y.z is this machine).
    pub fn http_from(&self, ip: [u8; 4]) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .local_address(std::net::IpAddr::from(ip))
            .build()
            .unwrap()
    }

    /// Signs in with `login_key`; returns the status and answer.
    pub async fn sign_in(
        &self,
        http: &reqwest::Client,
        email: &str,
        login_key: &LoginKey,
    ) -> (StatusCode, Value) {
        let body = serde_json::json!({ "email": email, "login_key": login_key });
        self.call(
            http,
            Method::POST,
            "/api/v1/worker/sign-in",
            Some(body),
            &[CSRF],
        )
        .await
    }

    /// Sends `body` (JSON) and returns status and JSON answer (or Null).
    pub async fn call(
        &self,
        client: &reqwest::Client,
        method: Method,
        path: &str,
        body: Option<Value>,
        headers: &[(&str, &str)],
    ) -> (StatusCode, Value) {
        let mut req = client.request(method, format!("{}{}", self.url, path));
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        if let Some(body) = body {
            req = req.json(&body);
        }
        let resp = req.send().await.unwrap();
        let status = resp.status();
        let text = resp.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    /// A worker invited and activated through the API. The login and wrapping keys are random
    /// instead of derived from a passphrase: the server only ever sees the login key, and one
    /// Argon2id of 64 MiB per test worker would only make the tests slow (`flows` derives them
    /// for real).
    pub async fn worker(&self, email: &str) -> TestWorker {
        let config = Config::new(self.url.clone());
        let inv = admin::invite_worker(
            &self.db,
            &self.secret,
            &config,
            &self.org,
            email,
            "Test Worker",
        )
        .await
        .unwrap();
        self.activate(&inv.token, email).await
    }

    /// Activates through the API with the token from an activation link, then signs in.
    pub async fn activate(&self, token: &str, email: &str) -> TestWorker {
        let http = self.http();
        let (st, info) = self
            .call(
                &http,
                Method::POST,
                "/api/v1/worker/activation/info",
                Some(serde_json::json!({ "token": token })),
                &[CSRF],
            )
            .await;
        assert_eq!(st, StatusCode::OK, "{info}");
        let info: ActivationInfo = serde_json::from_value(info).unwrap();
        let salt = Salt([9; 16]);
        let login_key = LoginKey(KeyPair::generate().secret.to_bytes());
        let wrapping_key = WrappingKey(KeyPair::generate().secret.to_bytes());
        let pair = KeyPair::generate();
        let wrapped = wrap_worker_secret(&wrapping_key, &pair, &info.recovery_public_key).unwrap();
        let body = serde_json::json!({
            "token": token, "salt": salt, "login_key": login_key,
            "public_key": pair.public_bytes(), "wrapped_secret_key": wrapped,
        });
        let (st, v) = self
            .call(
                &http,
                Method::POST,
                "/api/v1/worker/activation",
                Some(body),
                &[CSRF],
            )
            .await;
        assert_eq!(st, StatusCode::NO_CONTENT, "{v}");
        let body = serde_json::json!({ "email": email, "login_key": login_key });
        let (st, v) = self
            .call(
                &http,
                Method::POST,
                "/api/v1/worker/sign-in",
                Some(body),
                &[CSRF],
            )
            .await;
        assert_eq!(st, StatusCode::OK, "{v}");
        TestWorker {
            http,
            keys: pair,
            recovery: info.recovery_public_key,
            email: email.to_string(),
            login_key,
        }
    }

    pub async fn pairing_code(&self, w: &TestWorker) -> String {
        let (st, v) = self
            .call(
                &w.http,
                Method::POST,
                "/api/v1/worker/pairing-codes",
                Some(serde_json::json!({})),
                &[CSRF],
            )
            .await;
        assert_eq!(st, StatusCode::CREATED, "{v}");
        v["code"].as_str().unwrap().to_string()
    }

    pub async fn pair(&self, code: &str) -> (StatusCode, Value, KeyPair) {
        let keys = KeyPair::generate();
        let body = serde_json::json!({ "protocol_version": PROTOCOL_VERSION, "code": code, "public_key": keys.public_bytes() });
        let (st, v) = self
            .call(
                &self.http(),
                Method::POST,
                "/api/v1/client/pair",
                Some(body),
                &[],
            )
            .await;
        (st, v, keys)
    }

    pub async fn client(&self, w: &TestWorker) -> TestClient {
        let code = self.pairing_code(w).await;
        let (st, v, keys) = self.pair(&code).await;
        assert_eq!(st, StatusCode::CREATED, "{v}");
        let resp: PairResponse = serde_json::from_value(v).unwrap();
        // The app pins the keys it paired with; everything is sealed to these from now on.
        let pinned = PinnedKeys::pin(KeySet {
            parent: keys.public_bytes(),
            worker: resp.worker_public_key.clone(),
            recovery: resp.recovery_public_key.clone(),
        })
        .unwrap();
        TestClient {
            token: resp.device_token.clone(),
            keys,
            pinned,
            pairing: resp,
            http: self.http(),
        }
    }

    pub async fn submit(
        &self,
        c: &TestClient,
        id: uuid::Uuid,
        body: &Value,
    ) -> (StatusCode, Value) {
        let auth = format!("Bearer {}", c.token);
        self.call(
            &c.http,
            Method::PUT,
            &format!("/api/v1/client/checkins/{id}"),
            Some(body.clone()),
            &[("authorization", &auth)],
        )
        .await
    }

    pub async fn client_get(&self, c: &TestClient, path: &str) -> (StatusCode, Value) {
        let auth = format!("Bearer {}", c.token);
        self.call(
            &c.http,
            Method::GET,
            path,
            None,
            &[("authorization", &auth)],
        )
        .await
    }
}

pub const CSRF: (&str, &str) = ("x-houvast-request", "1");

pub struct TestWorker {
    pub http: reqwest::Client,
    pub keys: KeyPair,
    /// The recovery key pinned in the worker's wrapped key at activation.
    pub recovery: PublicKeyBytes,
    pub email: String,
    pub login_key: LoginKey,
}

impl TestWorker {
    /// The key set the dashboard pins for a parent, from the parent's key in the caseload.
    pub fn keys_for(&self, client_public_key: &PublicKeyBytes) -> KeySet {
        KeySet {
            parent: client_public_key.clone(),
            worker: self.keys.public_bytes(),
            recovery: self.recovery.clone(),
        }
    }
}

pub struct TestClient {
    pub token: String,
    pub keys: KeyPair,
    pub pinned: PinnedKeys,
    pub pairing: PairResponse,
    pub http: reqwest::Client,
}

impl TestClient {
    pub fn place(&self, contact_point: u8, checkin_id: uuid::Uuid) -> CheckInPlace {
        CheckInPlace {
            client_id: self.pairing.client_id,
            checkin_id,
            contact_point: ContactPoint::new(i64::from(contact_point)).unwrap(),
        }
    }

    /// A check-in sealed as the app will seal it; returns its id, content and the request body.
    pub fn checkin(&self, contact_point: u8, marker: &str) -> (uuid::Uuid, CheckIn, Value) {
        let id = uuid::Uuid::new_v4();
        let place = self.place(contact_point, id);
        let mut checkin = CheckIn::example(place.contact_point);
        checkin.shared.push(SharedItem {
            question: "Anything else?".into(),
            answer: marker.into(),
        });
        let sealed = seal_checkin(&self.keys, self.pinned.keys(), &place, &checkin).unwrap();
        let body = serde_json::json!({ "contact_point": contact_point, "sealed_for_worker": sealed.for_worker, "sealed_for_recovery": sealed.for_recovery });
        (id, checkin, body)
    }
}

/// Runs an async test body once on SQLite and once on PostgreSQL.
#[macro_export]
macro_rules! both_backends {
    ($name:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name($crate::common::Kind::Sqlite).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$name($crate::common::Kind::Postgres).await
            }
        }
    };
}
