//! Issue 9's server hardening, each as a worker, a parent's app, an administrator or an
//! attacker would notice it.

use crate::both_backends;
use crate::common::*;
use houvast_protocol::*;
use houvast_server::admin;
use houvast_server::audit::Filter;
use houvast_server::ratelimit::{Backoff, FailureTracker, Limiter, Limits, Rate};
use houvast_server::secrets::{KeySource, SecretError, ServerSecret};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn retry_after(v: &reqwest::Response) -> u64 {
    v.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap()
}

async fn sign_in_raw(
    s: &TestServer,
    http: &reqwest::Client,
    email: &str,
    key: &LoginKey,
) -> reqwest::Response {
    http.post(format!("{}/api/v1/worker/sign-in", s.url))
        .header(CSRF.0, CSRF.1)
        .json(&json!({"email": email, "login_key": key}))
        .send()
        .await
        .unwrap()
}

/// Someone guessing a known worker's passphrase from one address is slowed down with growing
/// delays; the worker, from their own address, signs in as usual all the while. Successes
/// count for nothing.
async fn guessing_from_one_address_does_not_lock_the_worker_out(kind: Kind) {
    let Some(s) = TestServer::start_with(kind, |c| {
        c.limits = Limits {
            sign_in_account_address: Backoff {
                free: 3,
                first_delay: Duration::from_secs(2),
                max_delay: Duration::from_secs(3600),
                forget_after: Duration::from_secs(24 * 3600),
            },
            sign_in_address: Backoff {
                free: 8,
                first_delay: Duration::from_secs(3600),
                max_delay: Duration::from_secs(3600),
                forget_after: Duration::from_secs(24 * 3600),
            },
            ..Limits::unlimited()
        }
    })
    .await
    else {
        return;
    };
    let w = s.worker("anna@example.org").await;
    let attacker = s.http_from([127, 0, 0, 1]);
    let own = s.http_from([127, 0, 0, 2]);
    let wrong = LoginKey([7; 32]);

    // Successes are not counted: ten in a row from the worker's own address.
    for _ in 0..10 {
        assert_eq!(
            sign_in_raw(&s, &own, &w.email, &w.login_key).await.status(),
            StatusCode::OK
        );
    }
    for _ in 0..3 {
        let r = sign_in_raw(&s, &attacker, &w.email, &wrong).await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    let r = sign_in_raw(&s, &attacker, &w.email, &wrong).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(retry_after(&r), 2, "first delay");
    // Even the right passphrase waits from the guessing address.
    let r = sign_in_raw(&s, &attacker, &w.email, &w.login_key).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    // The worker's own address is not affected.
    assert_eq!(
        sign_in_raw(&s, &own, &w.email, &w.login_key).await.status(),
        StatusCode::OK
    );

    // The delay grows: after the wait, one more wrong guess doubles it.
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let r = sign_in_raw(&s, &attacker, &w.email, &wrong).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let r = sign_in_raw(&s, &attacker, &w.email, &wrong).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(retry_after(&r), 4, "doubled");
    assert_eq!(
        sign_in_raw(&s, &own, &w.email, &w.login_key).await.status(),
        StatusCode::OK
    );

    // Spraying other accounts from the same address hits the per-address limit (8 failures).
    let mut statuses = Vec::new();
    for i in 0..6 {
        let r = sign_in_raw(&s, &attacker, &format!("other{i}@example.org"), &wrong).await;
        statuses.push(r.status());
    }
    assert_eq!(
        &statuses[..4],
        [StatusCode::UNAUTHORIZED; 4],
        "{statuses:?}"
    );
    assert_eq!(
        &statuses[4..],
        [StatusCode::TOO_MANY_REQUESTS; 2],
        "{statuses:?}"
    );
    assert_eq!(
        sign_in_raw(&s, &own, &w.email, &w.login_key).await.status(),
        StatusCode::OK
    );

    // The log has the failures (attributed to Anna's account) and the successes.
    let worker_id: String =
        sqlx::query_scalar("SELECT id FROM workers WHERE email = 'anna@example.org'")
            .fetch_one(&s.db.pool)
            .await
            .unwrap();
    let entries = admin::read_audit(
        &s.db,
        &Filter {
            worker_id: Some(worker_id),
            ..Filter::default()
        },
    )
    .await
    .unwrap();
    let count = |a: &str| entries.iter().filter(|e| e.action == a).count();
    assert_eq!(count("sign_in_failed"), 4);
    assert_eq!(count("signed_in"), 1 + 10 + 2 + 1);
    let failed = entries
        .iter()
        .find(|e| e.action == "sign_in_failed")
        .unwrap();
    assert_eq!(failed.actor_kind, "anonymous");
    assert!(failed.detail.as_deref().unwrap().contains("127.0.0.1"));
    let unknown: Vec<_> = admin::read_audit(&s.db, &Filter::default())
        .await
        .unwrap()
        .into_iter()
        .filter(|e| {
            e.detail
                .as_deref()
                .is_some_and(|d| d.starts_with("unknown account"))
        })
        .collect();
    assert_eq!(unknown.len(), 4);
    assert!(
        unknown
            .iter()
            .all(|e| !e.detail.as_deref().unwrap().contains("other")),
        "typed addresses are not logged"
    );
}
both_backends!(guessing_from_one_address_does_not_lock_the_worker_out);

/// `worker disable` ends the worker's sessions at once and refuses sign-in; `enable` undoes it.
async fn a_disabled_worker_is_signed_out_and_cannot_sign_in(kind: Kind) {
    let Some(s) = TestServer::start(kind).await else {
        return;
    };
    let w = s.worker("w@example.org").await;
    let code = s.pairing_code(&w).await;
    let (st, _) = s
        .call(&w.http, Method::GET, "/api/v1/worker/me", None, &[])
        .await;
    assert_eq!(st, StatusCode::OK);
    let done = admin::disable_worker(&s.db, "W@example.org").await.unwrap();
    assert_eq!(done.sessions_revoked, 1);
    assert!(!done.was_disabled_already);
    let (st, v) = s
        .call(&w.http, Method::GET, "/api/v1/worker/clients", None, &[])
        .await;
    assert_eq!(
        (st, v["code"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("unauthenticated"))
    );
    let (st, v) = s.sign_in(&s.http(), &w.email, &w.login_key).await;
    assert_eq!(
        (st, v["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("account_disabled")),
        "{v}"
    );
    // A wrong passphrase says nothing about the account being disabled.
    let (st, v) = s.sign_in(&s.http(), &w.email, &LoginKey([1; 32])).await;
    assert_eq!(
        (st, v["code"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("sign_in_failed"))
    );
    assert!(
        admin::disable_worker(&s.db, &w.email)
            .await
            .unwrap()
            .was_disabled_already
    );

    // A code handed out before does not pair a new parent with a switched-off worker, and
    // stays usable for when the worker is back (or the caseload is reassigned).
    let (st, v, _) = s.pair(&code).await;
    assert_eq!(
        (st, v["code"].as_str()),
        (StatusCode::CONFLICT, Some("worker_disabled")),
        "{v}"
    );

    admin::enable_worker(&s.db, &w.email).await.unwrap();
    assert_eq!(s.pair(&code).await.0, StatusCode::CREATED);
    let (st, _) = s.sign_in(&s.http(), &w.email, &w.login_key).await;
    assert_eq!(st, StatusCode::OK);
    let err = admin::disable_worker(&s.db, "nobody@example.org")
        .await
        .err()
        .unwrap();
    assert_eq!(err.code(), houvast_server::error::ErrorCode::UnknownWorker);
}
both_backends!(a_disabled_worker_is_signed_out_and_cannot_sign_in);

/// `worker reassign` moves the caseload (and unused codes) to a colleague; the parent's app
/// learns the new worker and key from `/api/v1/client/worker`; every move is in the log.
async fn reassign_moves_the_caseload_and_the_app_learns_the_new_key(kind: Kind) {
    let Some(s) = TestServer::start(kind).await else {
        return;
    };
    let a = s.worker("a@example.org").await;
    let b = s.worker("b@example.org").await;
    let c1 = s.client(&a).await;
    let c2 = s.client(&a).await;
    let open_code = s.pairing_code(&a).await;
    let (st, before) = s.client_get(&c1, "/api/v1/client/worker").await;
    assert_eq!(st, StatusCode::OK, "{before}");
    assert_eq!(before["worker_public_key"], json!(a.keys.public_bytes()));
    assert_eq!(before["organisation"], s.org);
    assert!(
        before.get("worker_fingerprint").is_none(),
        "no server-made fingerprints"
    );

    let moved = admin::reassign_caseload(&s.db, &a.email, &b.email)
        .await
        .unwrap();
    assert_eq!(moved.clients.len(), 2);
    assert_eq!(moved.open_codes, 1);

    for c in [&c1, &c2] {
        let (_, now) = s.client_get(c, "/api/v1/client/worker").await;
        assert_eq!(now["worker_public_key"], json!(b.keys.public_bytes()));
        assert_ne!(now["worker_public_key"], before["worker_public_key"]);
        // The app compares with the keys it pinned at pairing: a loud warning, not a silent switch.
        let presented: PublicKeyBytes =
            serde_json::from_value(now["worker_public_key"].clone()).unwrap();
        assert_eq!(
            c.pinned
                .verify_presented(&presented, &c.pinned.keys().recovery),
            Err(ProtocolError::KeyChanged {
                parent: false,
                worker: true,
                recovery: false
            })
        );
        let (_, state) = s.client_get(c, "/api/v1/client/state").await;
        assert_eq!(state["worker_public_key"], now["worker_public_key"]);
    }
    let ids = |v: &Value| -> Vec<String> {
        v["clients"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["client_id"].as_str().unwrap().to_string())
            .collect()
    };
    let (_, caseload_b) = s
        .call(&b.http, Method::GET, "/api/v1/worker/clients", None, &[])
        .await;
    assert_eq!(ids(&caseload_b).len(), 2);
    let (_, caseload_a) = s
        .call(&a.http, Method::GET, "/api/v1/worker/clients", None, &[])
        .await;
    assert!(ids(&caseload_a).is_empty());
    let (st, _) = s
        .call(
            &a.http,
            Method::GET,
            &format!("/api/v1/worker/clients/{}", c1.pairing.client_id),
            None,
            &[],
        )
        .await;
    assert_eq!(
        st,
        StatusCode::NOT_FOUND,
        "the old worker sees the client no more"
    );
    // A code handed out before the move pairs with the new worker.
    let (st, v, _) = s.pair(&open_code).await;
    assert_eq!(st, StatusCode::CREATED);
    assert_eq!(v["worker_public_key"], json!(b.keys.public_bytes()));

    let log = houvast_server::audit::for_client(&s.db, &c1.pairing.client_id.to_string())
        .await
        .unwrap();
    let moved_entry = log
        .iter()
        .find(|e| e.action == "client_reassigned")
        .unwrap();
    assert_eq!(moved_entry.actor_kind, "admin");
    let b_id: String = sqlx::query_scalar("SELECT id FROM workers WHERE email = 'b@example.org'")
        .fetch_one(&s.db.pool)
        .await
        .unwrap();
    assert_eq!(moved_entry.worker_id.as_deref(), Some(b_id.as_str()));

    // Refused: to oneself, to someone of another organisation, to a disabled worker.
    let code = |r: houvast_server::error::ApiResult<admin::Reassigned>| r.err().unwrap().code();
    use houvast_server::error::ErrorCode;
    assert_eq!(
        code(admin::reassign_caseload(&s.db, &b.email, &b.email).await),
        ErrorCode::SameWorker
    );
    admin::create_org(&s.db, "Other GGZ").await.unwrap();
    let config = houvast_server::Config::new(s.url.clone());
    admin::invite_worker(
        &s.db,
        &s.secret,
        &config,
        "Other GGZ",
        "x@other.example",
        "X",
    )
    .await
    .unwrap();
    assert_eq!(
        code(admin::reassign_caseload(&s.db, &b.email, "x@other.example").await),
        ErrorCode::OtherOrganisation
    );
    admin::disable_worker(&s.db, &a.email).await.unwrap();
    assert_eq!(
        code(admin::reassign_caseload(&s.db, &b.email, &a.email).await),
        ErrorCode::WorkerDisabled
    );
}
both_backends!(reassign_moves_the_caseload_and_the_app_learns_the_new_key);

/// `worker reset`: the old passphrase and sessions stop at once, the new activation link sets a
/// new passphrase and key, and the parents' apps see that key.
async fn reset_gives_a_new_activation_link(kind: Kind) {
    let Some(s) = TestServer::start(kind).await else {
        return;
    };
    let w = s.worker("w@example.org").await;
    let c = s.client(&w).await;
    let config = houvast_server::Config::new(s.url.clone());
    let inv = admin::reset_worker(&s.db, &s.secret, &config, &w.email)
        .await
        .unwrap();
    assert!(inv.link.starts_with(&format!("{}/activate#", s.url)));
    let (st, _) = s
        .call(&w.http, Method::GET, "/api/v1/worker/me", None, &[])
        .await;
    assert_eq!(st, StatusCode::UNAUTHORIZED);
    let (st, _) = s.sign_in(&s.http(), &w.email, &w.login_key).await;
    assert_eq!(
        st,
        StatusCode::UNAUTHORIZED,
        "the old passphrase no longer works"
    );
    let (_, v) = s.client_get(&c, "/api/v1/client/worker").await;
    assert!(
        v["worker_public_key"].is_null(),
        "no key until the worker activates again: {v}"
    );

    let again = s.activate(&inv.token, &w.email).await;
    assert_ne!(again.keys.public_bytes(), w.keys.public_bytes());
    let (_, v) = s.client_get(&c, "/api/v1/client/worker").await;
    assert_eq!(v["worker_public_key"], json!(again.keys.public_bytes()));
    let (_, caseload) = s
        .call(
            &again.http,
            Method::GET,
            "/api/v1/worker/clients",
            None,
            &[],
        )
        .await;
    assert_eq!(
        caseload["clients"].as_array().unwrap().len(),
        1,
        "the caseload stays"
    );
    let actions: Vec<String> = admin::read_audit(&s.db, &Filter::default())
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert!(actions.contains(&"worker_reset".to_string()));
    assert_eq!(
        actions.iter().filter(|a| *a == "worker_activated").count(),
        2
    );
}
both_backends!(reset_gives_a_new_activation_link);

/// Sign-in, sign-out, activation and each client a caseload listing showed are logged; the
/// log reads back by worker, client and period; nothing can change or remove an entry.
async fn the_audit_log_is_complete_filterable_and_append_only(kind: Kind) {
    let Some(s) = TestServer::start(kind).await else {
        return;
    };
    let started = chrono::Utc::now().timestamp_millis();
    let a = s.worker("a@example.org").await;
    let b = s.worker("b@example.org").await;
    let c1 = s.client(&a).await;
    let c2 = s.client(&a).await;
    let (st, _) = s
        .call(&a.http, Method::GET, "/api/v1/worker/clients", None, &[])
        .await;
    assert_eq!(st, StatusCode::OK);
    let (st, _) = s
        .call(&b.http, Method::GET, "/api/v1/worker/clients", None, &[])
        .await;
    assert_eq!(st, StatusCode::OK);
    let (st, _) = s
        .call(
            &a.http,
            Method::POST,
            "/api/v1/worker/sign-out",
            None,
            &[CSRF],
        )
        .await;
    assert_eq!(st, StatusCode::NO_CONTENT);
    let id_of = |email: &'static str| {
        let pool = s.db.pool.clone();
        async move {
            sqlx::query_scalar::<_, String>("SELECT id FROM workers WHERE email = $1")
                .bind(email)
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    let a_id = id_of("a@example.org").await;

    let by_a = admin::read_audit(
        &s.db,
        &Filter {
            worker_id: Some(a_id.clone()),
            ..Filter::default()
        },
    )
    .await
    .unwrap();
    let actions: Vec<&str> = by_a.iter().map(|e| e.action.as_str()).collect();
    for want in [
        "worker_invited",
        "worker_activated",
        "signed_in",
        "pairing_code_created",
        "paired",
        "caseload_listed",
        "signed_out",
    ] {
        assert!(actions.contains(&want), "{want} missing from {actions:?}");
    }
    let mut listed: Vec<String> = by_a
        .iter()
        .filter(|e| e.action == "caseload_listed")
        .map(|e| e.client_id.clone().unwrap())
        .collect();
    listed.sort();
    let mut expected = vec![
        c1.pairing.client_id.to_string(),
        c2.pairing.client_id.to_string(),
    ];
    expected.sort();
    assert_eq!(listed, expected, "each client the listing showed");
    // B's empty listing is one entry without a client; none of A's clients appear under B.
    let b_id = id_of("b@example.org").await;
    let by_b = admin::read_audit(
        &s.db,
        &Filter {
            worker_id: Some(b_id),
            ..Filter::default()
        },
    )
    .await
    .unwrap();
    let b_listed: Vec<_> = by_b
        .iter()
        .filter(|e| e.action == "caseload_listed")
        .collect();
    assert_eq!(b_listed.len(), 1);
    assert!(b_listed[0].client_id.is_none());

    let by_client = admin::read_audit(
        &s.db,
        &Filter {
            client_id: Some(c1.pairing.client_id.to_string()),
            ..Filter::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(
        by_client
            .iter()
            .map(|e| e.action.as_str())
            .collect::<Vec<_>>(),
        ["paired", "caseload_listed"]
    );
    let future = admin::read_audit(
        &s.db,
        &Filter {
            since_ms: Some(chrono::Utc::now().timestamp_millis() + 60_000),
            ..Filter::default()
        },
    )
    .await
    .unwrap();
    assert!(future.is_empty());
    let past = admin::read_audit(
        &s.db,
        &Filter {
            until_ms: Some(started),
            ..Filter::default()
        },
    )
    .await
    .unwrap();
    assert!(past.iter().all(|e| e.at.timestamp_millis() < started));
    let all = admin::read_audit(
        &s.db,
        &Filter {
            since_ms: Some(started),
            ..Filter::default()
        },
    )
    .await
    .unwrap();
    assert!(
        all.iter().any(|e| e.action == "audit_log_read"),
        "reading the log is logged"
    );

    // Append-only: UPDATE and DELETE are refused by the database itself.
    let (n_before,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM audit_log")
        .fetch_one(&s.db.pool)
        .await
        .unwrap();
    let update = sqlx::query("UPDATE audit_log SET action = 'nothing_happened'")
        .execute(&s.db.pool)
        .await;
    let err = update.expect_err("UPDATE must be refused").to_string();
    assert!(err.contains("append-only"), "{err}");
    let delete = sqlx::query("DELETE FROM audit_log WHERE client_id = $1")
        .bind(c1.pairing.client_id.to_string())
        .execute(&s.db.pool)
        .await;
    let err = delete.expect_err("DELETE must be refused").to_string();
    assert!(err.contains("append-only"), "{err}");
    if kind == Kind::Postgres {
        let truncate = sqlx::query("TRUNCATE audit_log").execute(&s.db.pool).await;
        assert!(truncate.is_err(), "TRUNCATE must be refused");
    }
    let (n_after,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM audit_log")
        .fetch_one(&s.db.pool)
        .await
        .unwrap();
    assert_eq!(n_after, n_before);
    let changed: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'nothing_happened'")
            .fetch_one(&s.db.pool)
            .await
            .unwrap();
    assert_eq!(changed, 0);
}
both_backends!(the_audit_log_is_complete_filterable_and_append_only);

/// The session cookie is `__Host-`-prefixed; a request with two session cookies is refused.
async fn two_session_cookies_are_refused(kind: Kind) {
    let Some(s) = TestServer::start(kind).await else {
        return;
    };
    let w = s.worker("w@example.org").await;
    let r = sign_in_raw(&s, &s.http(), &w.email, &w.login_key).await;
    assert_eq!(r.status(), StatusCode::OK);
    let set = r.headers()["set-cookie"].to_str().unwrap().to_string();
    let pair = set.split(';').next().unwrap().to_string();
    assert!(pair.starts_with("__Host-houvast_session="));
    let plain = reqwest::Client::new();
    let me = |cookie: String| {
        plain
            .get(format!("{}/api/v1/worker/me", s.url))
            .header("cookie", cookie)
            .send()
    };
    assert_eq!(me(pair.clone()).await.unwrap().status(), StatusCode::OK);
    for cookie in [
        format!("{pair}; __Host-houvast_session=planted"),
        format!("__Host-houvast_session=planted; theme=dark; {pair}"),
    ] {
        let r = me(cookie).await.unwrap();
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
        let v: Value = r.json().await.unwrap();
        assert_eq!(v["code"], "duplicate_session_cookie");
        assert!(v["message"]
            .as_str()
            .unwrap()
            .contains("two session cookies"));
    }
    // The old name is no session cookie.
    let old = pair.replace("__Host-houvast_session", "houvast_session");
    assert_eq!(me(old).await.unwrap().status(), StatusCode::UNAUTHORIZED);
}
both_backends!(two_session_cookies_are_refused);

/// The token key is not in the database: a copy of the database alone opens no token, and a
/// server given another key refuses to start. On SQLite the key file and the database files
/// are the owner's only (0600) in a 0700 directory.
async fn the_token_key_lives_outside_the_database(kind: Kind) {
    let Some(s) = TestServer::start(kind).await else {
        return;
    };
    let w = s.worker("w@example.org").await;
    let c = s.client(&w).await;
    let (id, _, body) = c.checkin(1, "x");
    assert_eq!(s.submit(&c, id, &body).await.0, StatusCode::CREATED);
    let names: Vec<String> = sqlx::query_scalar("SELECT name FROM server_keys ORDER BY name")
        .fetch_all(&s.db.pool)
        .await
        .unwrap();
    assert_eq!(names, ["token_key_check"], "only a check value is stored");
    let other = ServerSecret::generate();
    assert!(matches!(
        other.check_against(&s.db).await,
        Err(SecretError::Mismatch)
    ));
    assert!(houvast_server::AppState::new(
        s.db.clone(),
        houvast_server::Config::new(s.url.clone()),
        other
    )
    .await
    .is_err());

    if kind == Kind::Sqlite {
        use std::os::unix::fs::PermissionsExt;
        let dir = s.dir.as_ref().unwrap().path();
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(dir), 0o700, "data directory");
        let mut names = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            assert_eq!(mode(&path), 0o600, "{name}");
            names.push(name);
        }
        names.sort();
        assert!(names.contains(&"token-key".to_string()), "{names:?}");
        assert!(names.iter().any(|n| n.ends_with("-wal")), "{names:?}");
        // The key's bytes are in no database file.
        let key_text = std::fs::read_to_string(dir.join("token-key")).unwrap();
        let key = b64_decode(key_text.trim()).unwrap();
        for name in names
            .iter()
            .filter(|n| n.starts_with("houvast-server.sqlite3"))
        {
            let bytes = std::fs::read(dir.join(name)).unwrap();
            assert!(
                !bytes.windows(32).any(|win| win == key.as_slice()),
                "key found in {name}"
            );
        }
        // A server started on a copy of the directory with the key file removed makes a new
        // key and is refused; with a wrong key in the environment likewise.
        let source = KeySource::File(dir.join("elsewhere-key"));
        let fresh = ServerSecret::load(&source).unwrap();
        assert!(matches!(
            fresh.check_against(&s.db).await,
            Err(SecretError::Mismatch)
        ));
        assert_eq!(mode(&dir.join("elsewhere-key")), 0o600);
        assert!(matches!(
            ServerSecret::load(&KeySource::Env("not a key".to_string().into())),
            Err(SecretError::Malformed(_))
        ));
        // A wider directory or file is tightened when the server opens it again.
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        std::fs::set_permissions(
            dir.join("houvast-server.sqlite3"),
            std::fs::Permissions::from_mode(0o644),
        )
        .unwrap();
        houvast_server::db::Db::open_sqlite_dir(dir).await.unwrap();
        assert_eq!(mode(dir), 0o700);
        assert_eq!(mode(&dir.join("houvast-server.sqlite3")), 0o600);
    }
}
both_backends!(the_token_key_lives_outside_the_database);

/// The server returns the Argon2id parameters stored for the worker (read back from the
/// database); an unknown address gets the defaults with a stable made-up salt.
async fn sign_in_params_are_the_stored_ones(kind: Kind) {
    let Some(s) = TestServer::start(kind).await else {
        return;
    };
    let w = s.worker("w@example.org").await;
    let s = &s;
    let params = |email: &'static str| {
        let http = s.http();
        async move {
            s.call(
                &http,
                Method::POST,
                "/api/v1/worker/sign-in/params",
                Some(json!({"email": email})),
                &[CSRF],
            )
            .await
            .1
        }
    };
    let stored = params("w@example.org").await;
    assert_eq!(stored["opslimit"], KDF_OPSLIMIT);
    assert_eq!(stored["memlimit_bytes"], KDF_MEMLIMIT_BYTES);
    assert_eq!(stored["salt"], json!(Salt([9; 16])));
    // A worker who activated under a stronger policy keeps theirs.
    sqlx::query("UPDATE workers SET kdf_opslimit = 5, kdf_memlimit = 268435456 WHERE email = $1")
        .bind(w.email.clone())
        .execute(&s.db.pool)
        .await
        .unwrap();
    let stored = params("w@example.org").await;
    assert_eq!(
        (
            stored["opslimit"].as_u64(),
            stored["memlimit_bytes"].as_u64()
        ),
        (Some(5), Some(268_435_456))
    );
    let unknown = params("nobody@example.org").await;
    assert_eq!(unknown["opslimit"], KDF_OPSLIMIT);
    assert_eq!(unknown["memlimit_bytes"], KDF_MEMLIMIT_BYTES);
}
both_backends!(sign_in_params_are_the_stored_ones);

/// Twenty simultaneous requests from a worker at 45 open pairing codes end at exactly 50.
async fn the_open_code_cap_holds_under_concurrency(kind: Kind) {
    let Some(s) = TestServer::start(kind).await else {
        return;
    };
    let w = s.worker("w@example.org").await;
    for _ in 0..45 {
        s.pairing_code(&w).await;
    }
    // Warm up: open the server's database connections and the client's HTTP connections, so
    // the twenty requests below really run side by side.
    let warm: Vec<_> = (0..20)
        .map(|_| {
            let (http, url) = (w.http.clone(), format!("{}/api/v1/worker/me", s.url));
            tokio::spawn(async move { http.get(url).send().await.unwrap().status() })
        })
        .collect();
    for t in warm {
        assert_eq!(t.await.unwrap(), StatusCode::OK);
    }
    let url = format!("{}/api/v1/worker/pairing-codes", s.url);
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(20));
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let (http, url, barrier) = (w.http.clone(), url.clone(), barrier.clone());
            tokio::spawn(async move {
                barrier.wait().await;
                let r = http
                    .post(url)
                    .header(CSRF.0, CSRF.1)
                    .json(&json!({}))
                    .send()
                    .await
                    .unwrap();
                let st = r.status();
                let v: Value = r.json().await.unwrap();
                (st, v)
            })
        })
        .collect();
    let mut created = 0;
    let mut refused = 0;
    for t in tasks {
        let (st, v) = t.await.unwrap();
        match st {
            StatusCode::CREATED => created += 1,
            StatusCode::CONFLICT => {
                assert_eq!(v["code"], "too_many_open_codes");
                refused += 1;
            }
            other => panic!("{other}: {v}"),
        }
    }
    let open: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM pairing_codes WHERE used_at IS NULL")
        .fetch_one(&s.db.pool)
        .await
        .unwrap();
    eprintln!(
        "{kind:?}: 20 at once from 45 open: {created} created, {refused} refused, {open} open"
    );
    assert_eq!((created, refused, open), (5, 15, 50));
}
both_backends!(the_open_code_cap_holds_under_concurrency);

/// Slow-loris: connections whose request head never ends, or whose body stays shorter than
/// its Content-Length, are closed after the timeouts; while they are open /healthz keeps
/// answering other addresses, and one address cannot hold more than its share of
/// connections. 1,100 such connections from one address, as measured against the old server.
async fn slow_connections_are_closed_and_healthz_keeps_answering(kind: Kind) {
    let header = Duration::from_millis(2000);
    let request = Duration::from_millis(3000);
    let Some(s) = TestServer::start_with(kind, |c| {
        c.header_read_timeout = header;
        c.request_timeout = request;
    })
    .await
    else {
        return;
    };
    let per_address = houvast_server::Config::new("http://x").max_connections_per_address;
    let started = Instant::now();
    let mut attackers = Vec::new();
    for i in 0..1100 {
        let mut stream = tokio::net::TcpStream::connect(s.addr).await.unwrap();
        // Half never finish the header line; half promise 1,000 body bytes and send 10.
        let bytes: &[u8] = if i % 2 == 0 {
            b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: aaaa"
        } else {
            b"POST /api/v1/client/pair HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"code\": \""
        };
        let _ = stream.write_all(bytes).await; // a connection over the cap may be closed already
        attackers.push((i, stream));
    }
    let opened = started.elapsed();

    // Another address is answered at once while the attack holds its connections.
    let other = s.http_from([127, 0, 0, 2]);
    let t = Instant::now();
    let r = other
        .get(format!("{}/healthz", s.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let healthz_during = t.elapsed();
    assert!(
        healthz_during < Duration::from_secs(1),
        "{healthz_during:?}"
    );

    // Every attacking connection ends: most at once (over the per-address cap), the rest
    // after the header or request timeout. The short bodies get a 408 with a reason first.
    let mut closed_at = Vec::new();
    let mut timeouts_408 = 0;
    let mut closed_immediately = 0;
    let reads: Vec<_> = attackers
        .into_iter()
        .map(|(i, mut stream)| {
            tokio::spawn(async move {
                let mut got = Vec::new();
                let mut buf = [0u8; 1024];
                let deadline = Duration::from_secs(10);
                let ended = tokio::time::timeout(deadline, async {
                    loop {
                        match stream.read(&mut buf).await {
                            Ok(0) | Err(_) => break,
                            Ok(n) => got.extend_from_slice(&buf[..n]),
                        }
                    }
                })
                .await
                .is_ok();
                (i, ended, Instant::now(), got)
            })
        })
        .collect();
    for r in reads {
        let (i, ended, at, got) = r.await.unwrap();
        assert!(ended, "connection {i} still open after 10 s");
        let after = at.duration_since(started);
        let text = String::from_utf8_lossy(&got);
        if text.starts_with("HTTP/1.1 408") {
            assert!(text.contains("request_timeout"), "{text}");
            timeouts_408 += 1;
        }
        if after < opened + Duration::from_millis(500) {
            closed_immediately += 1;
        }
        closed_at.push(after);
    }
    let last = closed_at.iter().max().copied().unwrap();
    eprintln!(
        "{kind:?}: 1100 slow connections opened in {opened:?}; /healthz from another address in {healthz_during:?}; \
         {closed_immediately} closed at once (cap {per_address} per address), {timeouts_408} got 408, last closed after {last:?}"
    );
    assert!(
        closed_immediately >= 1100 - per_address,
        "{closed_immediately}"
    );
    assert!(timeouts_408 >= 1, "short bodies get a 408");
    assert!(last < opened + request + Duration::from_secs(2), "{last:?}");

    // And the attacking address itself is answered again.
    let r = s
        .http_from([127, 0, 0, 1])
        .get(format!("{}/healthz", s.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
}
both_backends!(slow_connections_are_closed_and_healthz_keeps_answering);

/// Argon2id sign-ins are limited globally: beyond the configured number at once the server
/// says "busy, retry" (503 with Retry-After) instead of queueing without end.
async fn concurrent_sign_ins_are_capped(kind: Kind) {
    let Some(s) = TestServer::start_with(kind, |c| {
        c.max_concurrent_hashes = 1;
        c.hash_queue_wait = Duration::ZERO;
    })
    .await
    else {
        return;
    };
    let w = s.worker("w@example.org").await;
    let tasks: Vec<_> = (0..12)
        .map(|i| {
            let http = s.http();
            let url = format!("{}/api/v1/worker/sign-in", s.url);
            tokio::spawn(async move {
                let r = http
                    .post(url)
                    .header(CSRF.0, CSRF.1)
                    .json(&json!({"email": format!("guess{i}@example.org"), "login_key": LoginKey([3; 32])}))
                    .send()
                    .await
                    .unwrap();
                let st = r.status();
                let retry = r.headers().get("retry-after").is_some();
                let v: Value = r.json().await.unwrap();
                (st, retry, v)
            })
        })
        .collect();
    let mut busy = 0;
    let mut checked = 0;
    for t in tasks {
        let (st, retry, v) = t.await.unwrap();
        match st {
            StatusCode::SERVICE_UNAVAILABLE => {
                assert_eq!(v["code"], "server_busy");
                assert!(retry);
                busy += 1;
            }
            StatusCode::UNAUTHORIZED => checked += 1,
            other => panic!("{other}: {v}"),
        }
    }
    eprintln!("{kind:?}: 12 sign-ins at once with 1 Argon2id slot: {checked} checked, {busy} told to retry");
    assert!(busy >= 1 && checked >= 1, "{busy} busy, {checked} checked");
    let (st, _) = s.sign_in(&s.http(), &w.email, &w.login_key).await;
    assert_eq!(st, StatusCode::OK, "a later sign-in goes through");
}
both_backends!(concurrent_sign_ins_are_capped);

/// The rate limiter's memory has a hard cap: a flood of distinct keys (addresses, made-up
/// e-mail addresses) never makes it remember more than its maximum.
#[test]
fn the_rate_limiters_memory_is_capped() {
    let limiter = Limiter::new(Rate::new(5.0, 1.0 / 3600.0), 1000);
    let tracker = FailureTracker::new(Limits::default().sign_in_account_address, 1000);
    for i in 0..50_000 {
        let key = format!("{i}@example.org\n10.0.{}.{}", i / 256 % 256, i % 256);
        let _ = limiter.check(&key);
        let _ = tracker.attempt(&key);
        assert!(limiter.len() <= 1000 && tracker.len() <= 1000);
    }
    // A key far longer than any address is stored cut short.
    let _ = tracker.attempt(&"x".repeat(100_000));
    assert!(tracker.len() <= 1000);
    // Still limiting: the newest key is remembered.
    for _ in 0..5 {
        limiter.check("last").unwrap();
    }
    assert!(limiter.check("last").is_err());
}

/// Attempts within the free allowance are never refused, however many arrive at once: a
/// request that read the clock before another stored its failure once got "try again in 1
/// seconds" for nothing.
#[test]
fn parallel_attempts_within_the_allowance_are_never_refused() {
    let backoff = Backoff {
        free: u32::MAX,
        first_delay: Duration::from_secs(2),
        max_delay: Duration::from_secs(2),
        forget_after: Duration::from_secs(3600),
    };
    let tracker = FailureTracker::new(backoff, 1000);
    let limiter = Limiter::new(Rate::new(1e9, 1.0), 1000);
    let refused = std::sync::atomic::AtomicU32::new(0);
    std::thread::scope(|scope| {
        for _ in 0..8 {
            scope.spawn(|| {
                for _ in 0..20_000 {
                    if tracker.attempt("one address").is_err()
                        || limiter.check("one address").is_err()
                    {
                        refused.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    }
                }
            });
        }
    });
    assert_eq!(
        refused.into_inner(),
        0,
        "attempts refused within the allowance"
    );
}

/// A login key and the server's token key never show up in a debug print (a log line, a
/// panic message).
#[test]
fn secrets_do_not_show_in_debug_output() {
    let key = LoginKey([0xAB; 32]);
    let shown = format!(
        "{key:?} {:?}",
        SignInProbe {
            login_key: key.clone()
        }
    );
    assert!(!shown.contains(&key.to_b64()), "{shown}");
    assert!(shown.contains("redacted"));
    let secret = ServerSecret::generate();
    assert_eq!(format!("{secret:?}"), "ServerSecret(redacted)");
    let source = KeySource::Env(
        "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I"
            .to_string()
            .into(),
    );
    assert!(!format!("{source:?}").contains("c2VjcmV0"));
}

#[derive(Debug)]
#[allow(dead_code)] // only printed
struct SignInProbe {
    login_key: LoginKey,
}

/// Over HTTPS the server answers HTTP/1.1, also to a client that offers h2 first as browsers
/// do, and a connection that never finishes its TLS handshake is closed after the header
/// timeout.
async fn https_answers_and_stalled_handshakes_are_closed(kind: Kind) {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, ServerName};
    let header = Duration::from_millis(1000);
    let Some(s) = TestServer::start_tls(kind, |c| c.header_read_timeout = header).await else {
        return;
    };
    let pem = std::fs::read(fixture("tls-cert.pem")).unwrap();
    let http = reqwest::Client::builder()
        .add_root_certificate(reqwest::Certificate::from_pem(&pem).unwrap())
        .build()
        .unwrap();
    let r = http.get(format!("{}/healthz", s.url)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.version(), reqwest::Version::HTTP_11);

    let mut roots = rustls::RootCertStore::empty();
    roots
        .add(CertificateDer::from_pem_slice(&pem).unwrap())
        .unwrap();
    let mut config = rustls::ClientConfig::builder_with_provider(std::sync::Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_root_certificates(roots)
    .with_no_client_auth();
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    let connector = tokio_rustls::TlsConnector::from(std::sync::Arc::new(config));
    let tcp = tokio::net::TcpStream::connect(s.addr).await.unwrap();
    let mut tls = connector
        .connect(ServerName::try_from("localhost").unwrap(), tcp)
        .await
        .unwrap();
    assert_eq!(tls.get_ref().1.alpn_protocol(), Some(&b"http/1.1"[..]));
    tls.write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut answer = Vec::new();
    tls.read_to_end(&mut answer).await.unwrap_or_default();
    assert!(
        answer.starts_with(b"HTTP/1.1 200"),
        "{}",
        String::from_utf8_lossy(&answer)
    );

    let mut stalled = tokio::net::TcpStream::connect(s.addr).await.unwrap();
    let t = Instant::now();
    let mut buf = [0u8; 64];
    let ended = tokio::time::timeout(Duration::from_secs(5), async {
        while let Ok(n) = stalled.read(&mut buf).await {
            if n == 0 {
                break;
            }
        }
    })
    .await;
    assert!(ended.is_ok(), "a stalled handshake stays open");
    assert!(
        t.elapsed() < header + Duration::from_secs(1),
        "{:?}",
        t.elapsed()
    );
}
both_backends!(https_answers_and_stalled_handshakes_are_closed);

/// The sign-in delays the README promises: five free failures per account and address, then
/// 2 s doubling to an hour; twenty per address. About 68 minutes pass before the delay is an
/// hour.
#[test]
fn the_documented_sign_in_delays_hold() {
    let limits = Limits::default();
    let pair = limits.sign_in_account_address;
    assert_eq!(pair.delay(4), Duration::ZERO);
    assert_eq!(pair.delay(5), Duration::from_secs(2));
    assert_eq!(pair.delay(6), Duration::from_secs(4));
    assert_eq!(pair.delay(15), Duration::from_secs(2048));
    assert_eq!(pair.delay(16), Duration::from_secs(3600));
    assert_eq!(pair.delay(1000), Duration::from_secs(3600));
    let ramp: Duration = (5..16).map(|n| pair.delay(n)).sum();
    assert_eq!(ramp.as_secs(), 4094, "about 68 minutes");
    assert_eq!(limits.sign_in_address.delay(19), Duration::ZERO);
    assert_eq!(limits.sign_in_address.delay(20), Duration::from_secs(2));
}
