//! Delivery figures against the real server (SQLite) on loopback, with real SQLCipher stores:
//!
//! - from "send" (sealing and queueing) to stored on a reachable server, per check-in;
//! - 1,000 parents who each sent a check-in while the server was down, every app restarted
//!   (the store closed and opened from disk), the server back: how long until all are
//!   delivered, and a count on the server that none is missing and none arrived twice.
//!
//! Run: `make bench` (or `cargo bench -p houvast-courier --bench outbox`).
#![allow(clippy::unwrap_used, clippy::print_stdout)]

// The end-to-end tests' harness: a real server, a worker, apps with their own stores. The
// benchmark uses part of it.
#[allow(dead_code)]
#[path = "../tests/checkins/common.rs"]
mod common;

use common::{App, Server};
use std::time::{Duration, Instant};

const LATENCY_SAMPLES: usize = 50;
const QUEUED: usize = 1000;
/// Apps delivering at once after the outage (each opens its own store).
const AT_ONCE: usize = 16;

fn median_ms(mut v: Vec<Duration>) -> f64 {
    v.sort();
    v[v.len() / 2].as_secs_f64() * 1000.0
}

#[tokio::main]
async fn main() {
    let mut server = Server::start().await;
    let worker = server.worker("bench@ggz.test").await;

    let mut latencies = Vec::new();
    for _ in 0..LATENCY_SAMPLES {
        let app = App::new();
        app.pair(&worker.invitation().await).await;
        let started = Instant::now();
        app.send(1, "bench");
        let report = app.courier.deliver(&app).await.unwrap();
        latencies.push(started.elapsed());
        assert_eq!(report.delivered, 1);
    }
    println!(
        "send → stored on the server (seal, queue, PUT, mark delivered): median {:.1} ms over {LATENCY_SAMPLES}",
        median_ms(latencies)
    );

    // Closed between steps: 1,000 open databases would need more file descriptors than a
    // process gets by default.
    let mut paired = Vec::with_capacity(QUEUED);
    for _ in 0..QUEUED {
        let app = App::new();
        app.pair(&worker.invitation().await).await;
        paired.push(app.close());
    }
    let before = server.checkins_stored().await;
    server.stop().await;
    let queued = Instant::now();
    let mut closed = Vec::with_capacity(QUEUED);
    for app in paired {
        let app = app.open();
        app.send(1, "queued while the server was down");
        assert_eq!(app.courier.deliver(&app).await.unwrap().postponed, 1);
        closed.push(app.close());
    }
    let queue_time = queued.elapsed();
    server.restart().await;
    let started = Instant::now();
    let mut delivered = 0;
    let mut iter = closed.into_iter();
    loop {
        let mut set = tokio::task::JoinSet::new();
        for app in iter.by_ref().take(AT_ONCE) {
            set.spawn(async move {
                let app = app.open();
                app.session(|s| s.outbox_retry_now());
                let report = app.courier.deliver(&app).await.unwrap();
                let again = app.courier.deliver(&app).await.unwrap();
                assert_eq!(app.session(|s| s.outbox_counts()), (0, 1, 0));
                report.delivered + again.delivered
            });
        }
        if set.is_empty() {
            break;
        }
        while let Some(n) = set.join_next().await {
            delivered += n.unwrap();
        }
    }
    let elapsed = started.elapsed();
    let stored = server.checkins_stored().await - before;
    println!(
        "{QUEUED} check-ins queued while the server was down ({:.0} ms to seal, queue and try once), apps restarted: \
         all delivered in {:.2} s ({:.0}/s, {AT_ONCE} apps at once); delivered {delivered}, on the server {stored}",
        queue_time.as_secs_f64() * 1000.0,
        elapsed.as_secs_f64(),
        QUEUED as f64 / elapsed.as_secs_f64(),
    );
    assert_eq!(delivered, QUEUED as u32, "each delivered exactly once");
    assert_eq!(stored, QUEUED as i64, "none missing, none twice");
    server.shutdown().await;
}
