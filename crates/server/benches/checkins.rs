//! Check-ins accepted per second and latency with 64 concurrent clients on loopback, on SQLite
//! and on PostgreSQL (when DATABASE_URL is set), beside the server's own `/healthz` in the same
//! run: the ratio says how close the check-in path gets to the framework's floor. After each
//! run the database is counted: no check-in lost, none doubled (every 20th one is also sent a
//! second time, as a retry, and must be answered "already have it").
//!
//! Run: `scripts/bench-server.sh` (or `cargo bench -p houvast-server --bench checkins`).
#![allow(clippy::unwrap_used, clippy::print_stdout)]

use houvast_protocol::wire::PairResponse;
use houvast_protocol::*;
use houvast_server::db::Db;
use houvast_server::ratelimit::Limits;
use houvast_server::{admin, AppState, Config};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

const CONCURRENCY: usize = 64;
const CLIENTS_PER_TASK: usize = 40;
const HEALTH_PER_TASK: usize = 400;

struct Run {
    ok: usize,
    elapsed: Duration,
    latencies: Vec<Duration>,
}

impl Run {
    fn rate(&self) -> f64 {
        self.ok as f64 / self.elapsed.as_secs_f64()
    }
    fn pct(&self, p: f64) -> f64 {
        let mut l = self.latencies.clone();
        l.sort();
        l[((l.len() as f64 * p).ceil() as usize)
            .saturating_sub(1)
            .min(l.len() - 1)]
        .as_secs_f64()
            * 1000.0
    }
}

/// One token key for the run (the server and the admin calls must agree on it).
fn secret() -> &'static houvast_server::secrets::ServerSecret {
    static SECRET: std::sync::OnceLock<houvast_server::secrets::ServerSecret> =
        std::sync::OnceLock::new();
    SECRET.get_or_init(houvast_server::secrets::ServerSecret::generate)
}

async fn start(db: Db) -> (String, tokio::sync::oneshot::Sender<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let mut config = Config::new(url.clone());
    config.limits = Limits::unlimited();
    config.max_open_codes_per_worker = i64::MAX;
    let state = AppState::new(db, config, secret().clone()).await.unwrap();
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(houvast_server::serve(listener, state, async {
        let _ = rx.await;
    }));
    (url, tx)
}

async fn health(url: &str, http: &reqwest::Client) -> Run {
    let started = Instant::now();
    let tasks: Vec<_> = (0..CONCURRENCY)
        .map(|_| {
            let (http, url) = (http.clone(), format!("{url}/healthz"));
            tokio::spawn(async move {
                let mut lat = Vec::with_capacity(HEALTH_PER_TASK);
                for _ in 0..HEALTH_PER_TASK {
                    let t = Instant::now();
                    let r = http.get(&url).send().await.unwrap();
                    assert!(r.status().is_success());
                    r.bytes().await.unwrap();
                    lat.push(t.elapsed());
                }
                lat
            })
        })
        .collect();
    let mut latencies = Vec::new();
    for t in tasks {
        latencies.extend(t.await.unwrap());
    }
    Run {
        ok: latencies.len(),
        elapsed: started.elapsed(),
        latencies,
    }
}

struct Prepared {
    token: String,
    checkins: Vec<(uuid::Uuid, Value)>,
}

async fn prepare(db: &Db, url: &str, http: &reqwest::Client) -> Vec<Vec<Prepared>> {
    let org = format!("Bench {}", uuid::Uuid::new_v4().simple());
    admin::create_org(db, &org).await.unwrap();
    admin::create_recovery_key(db, &org, false).await.unwrap();
    let email = format!("{}@bench.test", uuid::Uuid::new_v4().simple());
    let inv = admin::invite_worker(db, secret(), &Config::new(url), &org, &email, "Bench")
        .await
        .unwrap();
    // The server only sees the login key: random keys stand in for a passphrase's.
    let salt = Salt([1; 16]);
    let login_key = LoginKey(KeyPair::generate().secret.to_bytes());
    let wrapping_key = WrappingKey(KeyPair::generate().secret.to_bytes());
    let pair = KeyPair::generate();
    let info: Value = reqwest::Client::new()
        .post(format!("{url}/api/v1/worker/activation/info"))
        .header("x-houvast-request", "1")
        .json(&json!({"token": inv.token}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let recovery: PublicKeyBytes =
        serde_json::from_value(info["recovery_public_key"].clone()).unwrap();
    let wrapped = wrap_worker_secret(&wrapping_key, &pair, &recovery).unwrap();
    let worker = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let r = worker.post(format!("{url}/api/v1/worker/activation")).header("x-houvast-request", "1")
        .json(&json!({"token": inv.token, "salt": salt, "login_key": login_key, "public_key": pair.public_bytes(), "wrapped_secret_key": wrapped}))
        .send().await.unwrap();
    assert!(r.status().is_success(), "{}", r.text().await.unwrap());
    let r = worker
        .post(format!("{url}/api/v1/worker/sign-in"))
        .header("x-houvast-request", "1")
        .json(&json!({"email": email, "login_key": login_key}))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success());

    let tasks: Vec<_> = (0..CONCURRENCY)
        .map(|_| {
            let (worker, http, url) = (worker.clone(), http.clone(), url.to_string());
            tokio::spawn(async move {
                let mut out = Vec::new();
                for _ in 0..CLIENTS_PER_TASK {
                    let code: Value = worker.post(format!("{url}/api/v1/worker/pairing-codes")).header("x-houvast-request", "1")
                        .json(&json!({})).send().await.unwrap().json().await.unwrap();
                    let keys = KeyPair::generate();
                    let resp: PairResponse = http.post(format!("{url}/api/v1/client/pair"))
                        .json(&json!({"protocol_version": PROTOCOL_VERSION, "code": code["code"], "public_key": keys.public_bytes()}))
                        .send().await.unwrap().json().await.unwrap();
                    let pinned = KeySet {
                        parent: keys.public_bytes(),
                        worker: resp.worker_public_key.clone(),
                        recovery: resp.recovery_public_key.clone(),
                    };
                    let checkins = ContactPoint::all()
                        .into_iter()
                        .map(|cp| {
                            let place = CheckInPlace { client_id: resp.client_id, checkin_id: uuid::Uuid::new_v4(), contact_point: cp };
                            let sealed = seal_checkin(&keys, &pinned, &place, &CheckIn::example(cp)).unwrap();
                            (place.checkin_id, json!({"contact_point": cp, "sealed_for_worker": sealed.for_worker, "sealed_for_recovery": sealed.for_recovery}))
                        })
                        .collect();
                    out.push(Prepared { token: resp.device_token, checkins });
                }
                out
            })
        })
        .collect();
    let mut all = Vec::new();
    for t in tasks {
        all.push(t.await.unwrap());
    }
    all
}

async fn submit(url: &str, http: &reqwest::Client, work: Vec<Vec<Prepared>>) -> (Run, usize) {
    let started = Instant::now();
    let tasks: Vec<_> = work
        .into_iter()
        .map(|clients| {
            let (http, url) = (http.clone(), url.to_string());
            tokio::spawn(async move {
                let mut lat = Vec::new();
                let mut retries = 0;
                let mut n = 0usize;
                // Contact point 1 of every client, then 2, then 3: the order a programme runs in.
                for cp in 0..3 {
                    for c in &clients {
                        let (id, body) = &c.checkins[cp];
                        let target = format!("{url}/api/v1/client/checkins/{id}");
                        let t = Instant::now();
                        let r = http
                            .put(&target)
                            .bearer_auth(&c.token)
                            .json(body)
                            .send()
                            .await
                            .unwrap();
                        assert_eq!(r.status().as_u16(), 201, "{}", r.text().await.unwrap());
                        r.bytes().await.unwrap();
                        lat.push(t.elapsed());
                        n += 1;
                        if n.is_multiple_of(20) {
                            let r = http
                                .put(&target)
                                .bearer_auth(&c.token)
                                .json(body)
                                .send()
                                .await
                                .unwrap();
                            assert_eq!(
                                r.status().as_u16(),
                                200,
                                "a retry must not make a second check-in"
                            );
                            retries += 1;
                        }
                    }
                }
                (lat, retries)
            })
        })
        .collect();
    let mut latencies = Vec::new();
    let mut retries = 0;
    for t in tasks {
        let (l, r) = t.await.unwrap();
        latencies.extend(l);
        retries += r;
    }
    (
        Run {
            ok: latencies.len(),
            elapsed: started.elapsed(),
            latencies,
        },
        retries,
    )
}

async fn bench(name: &str, db: Db) -> Vec<String> {
    let (url, stop) = start(db.clone()).await;
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(CONCURRENCY)
        .build()
        .unwrap();
    let work = prepare(&db, &url, &http).await;
    let expected = CONCURRENCY * CLIENTS_PER_TASK * 3;
    let warm = health(&url, &http).await; // warm-up: connections, caches
    drop(warm);
    let h = health(&url, &http).await;
    let (c, retries) = submit(&url, &http, work).await;
    let (stored,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM checkins")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    let (per_client_ok,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM (SELECT client_id FROM checkins GROUP BY client_id HAVING COUNT(*) = 3 AND COUNT(DISTINCT contact_point) = 3) t",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    assert_eq!(stored as usize, expected, "lost or duplicated check-ins");
    assert_eq!(
        per_client_ok as usize,
        CONCURRENCY * CLIENTS_PER_TASK,
        "a client without exactly its three check-ins"
    );
    let _ = stop.send(());
    vec![
        format!("| {name} | /healthz | {:.0} | {:.2} | {:.2} | 1.00 | |", h.rate(), h.pct(0.5), h.pct(0.99)),
        format!(
            "| {name} | PUT check-in | {:.0} | {:.2} | {:.2} | {:.3} | {expected} sent, {stored} stored, {retries} retries answered 200, 0 lost, 0 duplicated |",
            c.rate(), c.pct(0.5), c.pct(0.99), c.rate() / h.rate()
        ),
    ]
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo test --benches` asks for the list of benchmarks
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let mut rows = Vec::new();
        let dir = tempfile::tempdir().unwrap();
        rows.extend(bench("SQLite", Db::open_sqlite_dir(dir.path()).await.unwrap()).await);
        match std::env::var("DATABASE_URL") {
            Ok(url) => rows.extend(bench("PostgreSQL", Db::open(&url).await.unwrap()).await),
            Err(_) => println!("(PostgreSQL skipped: DATABASE_URL not set; scripts/bench-server.sh sets it)"),
        }
        println!();
        println!("{CONCURRENCY} concurrent clients on loopback, {} cores, server and load generator in one process", std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0));
        println!("| backend | request | per second | p50 ms | p99 ms | ratio to /healthz | check |");
        println!("|---|---|---|---|---|---|---|");
        for r in rows {
            println!("{r}");
        }
    });
}
