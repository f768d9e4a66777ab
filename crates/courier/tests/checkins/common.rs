//! A real server, an activated worker who acts as the dashboard would (sealing in "the
//! browser" with the worker's key), a parent's app with its own encrypted store, and a
//! recording proxy between app and server.

use chrono::{DateTime, Utc};
use houvast_core::{Clock, Language, ProfileInput, Programme};
use houvast_courier::{Courier, CourierError, Sessions};
use houvast_protocol::wire::*;
use houvast_protocol::*;
use houvast_server::db::Db;
use houvast_server::ratelimit::Limits;
use houvast_server::secrets::{KeySource, ServerSecret, TOKEN_KEY_FILE};
use houvast_server::{admin, AppState, Config};
use houvast_session::{Session, SessionError};
use houvast_store::{DatabaseKey, Store};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const ORG: &str = "GGZ Test";
pub const CSRF: (&str, &str) = ("x-houvast-request", "1");

/// The server on one SQLite directory and one port; it can be stopped and started again.
pub struct Server {
    pub addr: SocketAddr,
    /// The server's database lives here as long as the server does.
    _dir: tempfile::TempDir,
    pub db: Db,
    secret: ServerSecret,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    done: Option<tokio::task::JoinHandle<()>>,
}

impl Server {
    pub async fn start() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open_sqlite_dir(dir.path()).await.unwrap();
        let secret = ServerSecret::load(&KeySource::File(dir.path().join(TOKEN_KEY_FILE))).unwrap();
        admin::create_org(&db, ORG).await.unwrap();
        admin::create_recovery_key(&db, ORG, false).await.unwrap();
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let mut server = Self {
            addr,
            _dir: dir,
            db,
            secret,
            stop: None,
            done: None,
        };
        server.serve(listener).await;
        server
    }

    fn config(&self) -> Config {
        let mut config = Config::new(self.url());
        config.limits = Limits::unlimited();
        config.max_open_codes_per_worker = 10_000;
        config
    }

    async fn serve(&mut self, listener: TcpListener) {
        let state = AppState::new(self.db.clone(), self.config(), self.secret.clone())
            .await
            .unwrap();
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        self.stop = Some(tx);
        self.done = Some(tokio::spawn(async move {
            houvast_server::serve(listener, state, async {
                let _ = rx.await;
            })
            .await
            .unwrap();
        }));
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops serving; the port stays this server's.
    pub async fn stop(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        if let Some(done) = self.done.take() {
            done.await.unwrap();
        }
    }

    /// Stops serving and closes the database's connections before the test ends: a SQLite
    /// connection still closing on its own thread while the process exits can race OpenSSL's
    /// exit handler (SQLCipher's crypto; seen once under load as "double free or corruption").
    pub async fn shutdown(mut self) {
        self.stop().await;
        self.db.pool.close().await;
    }

    /// Serves again on the same port and database.
    pub async fn restart(&mut self) {
        let listener = TcpListener::bind(self.addr).await.unwrap();
        self.serve(listener).await;
    }

    /// How many check-ins the server holds, all parents together.
    #[allow(dead_code)] // used by the benchmark
    pub async fn checkins_stored(&self) -> i64 {
        sqlx::query_scalar("SELECT count(*) FROM checkins")
            .fetch_one(&self.db.pool)
            .await
            .unwrap()
    }

    /// A worker invited by the administrator and activated through the API, signed in.
    pub async fn worker(&self, email: &str) -> Worker {
        let invitation = admin::invite_worker(
            &self.db,
            &self.secret,
            &self.config(),
            ORG,
            email,
            "Noor de Vries",
        )
        .await
        .unwrap();
        let http = reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .unwrap();
        let info: ActivationInfo = self
            .call(
                &http,
                reqwest::Method::POST,
                "/api/v1/worker/activation/info",
                Some(serde_json::json!({ "token": invitation.token })),
            )
            .await;
        // Random login and wrapping keys: the server only ever sees the login key, and an
        // Argon2id of 64 MiB per test worker would only make the tests slow.
        let login_key = LoginKey(KeyPair::generate().secret.to_bytes());
        let wrapping = WrappingKey(KeyPair::generate().secret.to_bytes());
        let keys = KeyPair::generate();
        let wrapped = wrap_worker_secret(&wrapping, &keys, &info.recovery_public_key).unwrap();
        let _: serde_json::Value = self
            .call(
                &http,
                reqwest::Method::POST,
                "/api/v1/worker/activation",
                Some(serde_json::json!({
                    "token": invitation.token, "salt": Salt([3; 16]), "login_key": login_key,
                    "public_key": keys.public_bytes(), "wrapped_secret_key": wrapped,
                })),
            )
            .await;
        let _: serde_json::Value = self
            .call(
                &http,
                reqwest::Method::POST,
                "/api/v1/worker/sign-in",
                Some(serde_json::json!({ "email": email, "login_key": login_key })),
            )
            .await;
        Worker {
            http,
            keys,
            recovery: info.recovery_public_key,
            url: self.url(),
        }
    }

    async fn call<T: serde::de::DeserializeOwned>(
        &self,
        http: &reqwest::Client,
        method: reqwest::Method,
        path: &str,
        body: Option<serde_json::Value>,
    ) -> T {
        call(http, &self.url(), method, path, body).await
    }
}

async fn call<T: serde::de::DeserializeOwned>(
    http: &reqwest::Client,
    url: &str,
    method: reqwest::Method,
    path: &str,
    body: Option<serde_json::Value>,
) -> T {
    let mut request = http
        .request(method, format!("{url}{path}"))
        .header(CSRF.0, CSRF.1);
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    let text = response.text().await.unwrap();
    assert!(status.is_success(), "{path}: {status} {text}");
    serde_json::from_str(if text.is_empty() { "null" } else { &text }).unwrap()
}

/// A worker as the dashboard acts: everything sealed and opened with their own key.
pub struct Worker {
    pub http: reqwest::Client,
    pub keys: KeyPair,
    pub recovery: PublicKeyBytes,
    url: String,
}

impl Worker {
    /// A new invitation line for a parent, as the dashboard shows it.
    pub async fn invitation(&self) -> String {
        let made: PairingCodeCreated = call(
            &self.http,
            &self.url,
            reqwest::Method::POST,
            "/api/v1/worker/pairing-codes",
            Some(serde_json::json!({})),
        )
        .await;
        format!("{}/{}", self.url, made.code.display())
    }

    pub async fn caseload(&self) -> Caseload {
        call(
            &self.http,
            &self.url,
            reqwest::Method::GET,
            "/api/v1/worker/clients",
            None,
        )
        .await
    }

    pub async fn record(&self, client: uuid::Uuid) -> ClientRecord {
        call(
            &self.http,
            &self.url,
            reqwest::Method::GET,
            &format!("/api/v1/worker/clients/{client}"),
            None,
        )
        .await
    }

    /// The key set the dashboard pins for this parent, from the parent's key in the caseload.
    pub fn keys_for(&self, record: &ClientRecord) -> KeySet {
        KeySet {
            parent: record.client.client_public_key.clone().unwrap(),
            worker: self.keys.public_bytes(),
            recovery: self.recovery.clone(),
        }
    }

    /// Opens the parent's check-in at `contact_point` in "the browser".
    pub async fn open(&self, client: uuid::Uuid, contact_point: u8) -> CheckIn {
        let record = self.record(client).await;
        let cp = ContactPoint::new(i64::from(contact_point)).unwrap();
        let found: Vec<_> = record
            .checkins
            .iter()
            .filter(|c| c.contact_point == cp)
            .collect();
        assert_eq!(
            found.len(),
            1,
            "one check-in at contact point {contact_point}"
        );
        let place = CheckInPlace {
            client_id: client,
            checkin_id: found[0].checkin_id,
            contact_point: cp,
        };
        open_checkin(
            &self.keys,
            &self.keys_for(&record),
            &place,
            &found[0].sealed,
        )
        .unwrap()
    }

    /// Replies to the check-in at `contact_point`, sealed with `sender` (the worker's own key,
    /// or another to forge one).
    pub async fn reply_as(
        &self,
        sender: &KeyPair,
        client: uuid::Uuid,
        contact_point: u8,
        reply: &Reply,
    ) {
        let record = self.record(client).await;
        let cp = ContactPoint::new(i64::from(contact_point)).unwrap();
        let checkin = record
            .checkins
            .iter()
            .find(|c| c.contact_point == cp)
            .unwrap();
        let mut keys = self.keys_for(&record);
        keys.worker = sender.public_bytes();
        let header = ReplyHeader {
            place: CheckInPlace {
                client_id: client,
                checkin_id: checkin.checkin_id,
                contact_point: cp,
            },
            reply_id: uuid::Uuid::new_v4(),
            sent_at: Utc::now(),
        };
        let sealed = seal_reply(sender, &keys, &header, reply).unwrap();
        let _: ReplyCreated = call(
            &self.http,
            &self.url,
            reqwest::Method::POST,
            &format!("/api/v1/worker/clients/{client}/replies"),
            Some(serde_json::json!({
                "contact_point": contact_point,
                "sealed_for_client": sealed.for_client,
                "sealed_for_worker": sealed.for_worker,
            })),
        )
        .await;
    }

    pub async fn reply(&self, client: uuid::Uuid, contact_point: u8, reply: &Reply) {
        self.reply_as(&self.keys, client, contact_point, reply)
            .await;
    }

    pub async fn mark_done(&self, client: uuid::Uuid, contact_point: u8) {
        let _: serde_json::Value = call(
            &self.http,
            &self.url,
            reqwest::Method::POST,
            &format!("/api/v1/worker/clients/{client}/contact-points/{contact_point}/done"),
            None,
        )
        .await;
    }
}

pub fn reply(message: &str) -> Reply {
    Reply {
        format: REPLY_FORMAT,
        proposed_time: Some(DateTime::parse_from_rfc3339("2026-12-03T10:30:00+01:00").unwrap()),
        way_of_contact: WayOfContact::Phone,
        message: message.into(),
    }
}

/// A parent's app: the bundled programme, an encrypted store in a temp dir, the clock now in
/// Amsterdam.
pub struct App {
    programme: Programme,
    store: Mutex<Store>,
    pub courier: Courier,
    dir: tempfile::TempDir,
    key: DatabaseKey,
}

impl Sessions for App {
    fn with<T>(
        &self,
        f: impl FnOnce(&Session<'_>) -> Result<T, SessionError>,
    ) -> Result<T, CourierError> {
        let store = self.store.lock().unwrap();
        let clock = Clock::new(Utc::now(), chrono_tz::Europe::Amsterdam);
        Ok(f(&Session::new(&self.programme, &store, clock))?)
    }
}

impl App {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let key = DatabaseKey::generate().unwrap();
        let app = Self::open(dir, key);
        app.session(|s| {
            s.onboard(ProfileInput {
                language: Language::Nl,
                pseudonym: "Sam".into(),
                children_ages: vec![7],
                role: Default::default(),
            })
        });
        app
    }

    fn open(dir: tempfile::TempDir, key: DatabaseKey) -> Self {
        let store = Store::open(&dir.path().join(Store::FILE_NAME), &key).unwrap();
        Self {
            programme: Programme::bundled().unwrap(),
            store: Mutex::new(store),
            courier: Courier::new().unwrap(),
            dir,
            key,
        }
    }

    /// Closes the app (the database connection and the courier) and opens it again from disk,
    /// as a restart does.
    pub fn restart(self) -> Self {
        self.close().open()
    }

    /// Closes the app; its data stays on disk.
    pub fn close(self) -> ClosedApp {
        let Self { dir, key, .. } = self;
        ClosedApp { dir, key }
    }

    /// Runs one use case and unwraps it.
    pub fn session<T>(&self, f: impl FnOnce(&Session<'_>) -> Result<T, SessionError>) -> T {
        self.with(f).unwrap()
    }

    pub async fn pair(&self, invitation: &str) -> houvast_session::PairingView {
        self.courier.pair(self, invitation).await.unwrap()
    }

    /// Fills in and sends the check-in at `contact_point` with `marker` as what to talk about.
    pub fn send(&self, contact_point: u8, marker: &str) -> CheckIn {
        let draft = houvast_session::CheckInDraft {
            parenting: Some(7),
            feeling: Some(5),
            confidence: Some(6),
            programme_grade: (contact_point == 3).then_some(8),
            talk_about: marker.into(),
            ways: vec![WayOfContact::Phone],
            times: "'s ochtends".into(),
            worried_about_safety: Some(false),
            ..Default::default()
        };
        self.session(|s| s.save_checkin_draft(contact_point, &draft));
        let preview = self.session(|s| s.preview_checkin(contact_point));
        self.session(|s| s.send_checkin(contact_point, &preview));
        preview
    }

    /// Reads every page of the required module `number` and does its do-task, answering every
    /// question with `text` (or the first option, or the lowest value).
    #[allow(dead_code)] // used by some tests only
    pub fn finish_module(&self, number: u16, text: &str) {
        use houvast_core::{AnswerValue, QuestionInput, TaskKind};
        let overview = self.session(|s| s.overview());
        let module = overview
            .modules
            .iter()
            .find(|m| m.number == number && !m.optional)
            .unwrap()
            .id
            .clone();
        let view = self.session(|s| s.open_module(&module));
        for page in &view.pages {
            self.session(|s| s.mark_page_read(&module, page.index));
        }
        for q in &view.do_task.task.questions {
            let value = match &q.input {
                QuestionInput::Text { .. } => AnswerValue::Text { text: text.into() },
                QuestionInput::Choice { options, .. } => AnswerValue::Choice {
                    selected: vec![options[0].id.clone()],
                },
                QuestionInput::Scale { min, .. } => AnswerValue::Scale { value: *min },
            };
            self.session(|s| s.save_answer(&module, TaskKind::DoTask, &q.id, &value));
        }
        self.session(|s| s.complete_task(&module, TaskKind::DoTask));
    }

    pub fn client_id(&self) -> uuid::Uuid {
        self.session(|s| s.device_link()).unwrap().client_id
    }
}

/// An app that is not running: its data directory and its key.
pub struct ClosedApp {
    dir: tempfile::TempDir,
    key: DatabaseKey,
}

impl ClosedApp {
    pub fn open(self) -> App {
        App::open(self.dir, self.key)
    }
}

/// One request as the proxy saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub head: String,
    pub body: Vec<u8>,
}

/// A TCP proxy in front of the server that records every request and can drop the answers of
/// the next `drop_answers` requests (the server handled them, the app never hears back).
pub struct Proxy {
    pub addr: SocketAddr,
    pub seen: Arc<Mutex<Vec<Seen>>>,
    pub drop_answers: Arc<Mutex<u32>>,
}

impl Proxy {
    pub async fn start(upstream: SocketAddr) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let drop_answers = Arc::new(Mutex::new(0));
        let (s, d) = (seen.clone(), drop_answers.clone());
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                tokio::spawn(relay(client, upstream, s.clone(), d.clone()));
            }
        });
        Self {
            addr,
            seen,
            drop_answers,
        }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn requests(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

/// Relays one request at a time (the app's requests carry a Content-Length), recording each.
async fn relay(
    mut client: TcpStream,
    upstream: SocketAddr,
    seen: Arc<Mutex<Vec<Seen>>>,
    drop_answers: Arc<Mutex<u32>>,
) {
    let Ok(mut server) = TcpStream::connect(upstream).await else {
        return;
    };
    loop {
        let Some((head, body)) = read_message(&mut client).await else {
            return;
        };
        seen.lock().unwrap().push(Seen {
            head: String::from_utf8_lossy(&head).into_owned(),
            body: body.clone(),
        });
        if server.write_all(&head).await.is_err() || server.write_all(&body).await.is_err() {
            return;
        }
        let Some((answer_head, answer_body)) = read_message(&mut server).await else {
            return;
        };
        let drop_it = {
            let mut n = drop_answers.lock().unwrap();
            let drop_it = *n > 0;
            *n = n.saturating_sub(1);
            drop_it
        };
        if drop_it {
            return; // the connection closes: the app sees no answer
        }
        if client.write_all(&answer_head).await.is_err()
            || client.write_all(&answer_body).await.is_err()
        {
            return;
        }
    }
}

/// Reads an HTTP/1.1 message with a Content-Length body (or none).
async fn read_message(stream: &mut TcpStream) -> Option<(Vec<u8>, Vec<u8>)> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if stream.read(&mut byte).await.ok()? == 0 {
            return None;
        }
        head.push(byte[0]);
    }
    let text = String::from_utf8_lossy(&head).to_ascii_lowercase();
    let length = text
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = vec![0u8; length];
    stream.read_exact(&mut body).await.ok()?;
    Some((head, body))
}
