//! The worker's dashboard: the embedded page under its own CSP, the sealed per-parent pin,
//! the worker's own access log, and signing out everywhere.

use crate::both_backends;
use crate::common::*;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use reqwest::{Method, StatusCode};
use serde_json::json;

/// A box-shaped byte string of `blocks` padding blocks: the server stores pins unread.
fn sealed(blocks: usize, fill: u8) -> String {
    URL_SAFE_NO_PAD.encode(vec![fill; blocks * 256 + 40])
}

/// The pseudonym the server gave a worker's parent, from the worker's caseload.
async fn pseudonym(s: &TestServer, w: &TestWorker, id: uuid::Uuid) -> serde_json::Value {
    let (_, v) = s
        .call(&w.http, Method::GET, "/api/v1/worker/clients", None, &[])
        .await;
    let clients = v["clients"].as_array().unwrap();
    let entry = clients
        .iter()
        .find(|c| c["client_id"] == id.to_string())
        .unwrap();
    entry["pseudonym"].clone()
}

async fn the_page_is_served_with_its_own_csp(kind: Kind) {
    let Some(s) = TestServer::start(kind).await else {
        return;
    };
    let http = s.http();
    for path in ["/", "/activate"] {
        let resp = http.get(format!("{}{path}", s.url)).send().await.unwrap();
        assert_eq!(resp.status(), StatusCode::OK, "{path}");
        let h = resp.headers().clone();
        assert_eq!(h["content-type"], "text/html; charset=utf-8");
        assert_eq!(h["cache-control"], "no-store");
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.starts_with("default-src 'none'; script-src 'self' 'wasm-unsafe-eval'"));
        assert!(
            !csp.contains("unsafe-inline") && !csp.contains("http"),
            "{csp}"
        );
        assert_eq!(h["x-frame-options"], "DENY");
        let html = resp.text().await.unwrap();
        assert!(html.contains("<div id=\"dashboard\">"), "{html}");
    }

    // The script the page names is served, cacheable, Brotli-compressed when asked.
    let html = http.get(&s.url).send().await.unwrap().text().await.unwrap();
    let script = html
        .split('"')
        .find(|p| p.starts_with("/assets/") && p.ends_with(".js"))
        .unwrap()
        .to_string();
    let plain = http.get(format!("{}{script}", s.url)).send().await.unwrap();
    assert_eq!(plain.status(), StatusCode::OK);
    assert_eq!(
        plain.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert!(plain.headers().get("content-encoding").is_none());
    let plain_len = plain.bytes().await.unwrap().len();
    let br = http
        .get(format!("{}{script}", s.url))
        .header("accept-encoding", "gzip, br")
        .send()
        .await
        .unwrap();
    assert_eq!(br.headers()["content-encoding"], "br");
    assert!(br.bytes().await.unwrap().len() < plain_len);

    let missing = http
        .get(format!("{}/assets/nothing.js", s.url))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    // The API keeps its own CSP: it may load nothing at all.
    let api = http.get(format!("{}/healthz", s.url)).send().await.unwrap();
    assert_eq!(
        api.headers()["content-security-policy"],
        "default-src 'none'; frame-ancestors 'none'"
    );
    assert_eq!(api.headers()["cache-control"], "no-store");
}
both_backends!(the_page_is_served_with_its_own_csp);

async fn a_pin_is_kept_for_its_worker_only(kind: Kind) {
    let Some(s) = TestServer::start(kind).await else {
        return;
    };
    let anna = s.worker("anna@example.org").await;
    let bert = s.worker("bert@example.org").await;
    let client = s.client(&anna).await;
    let id = client.pairing.client_id;
    let path = format!("/api/v1/worker/clients/{id}/pin");

    let (st, v) = s
        .call(&anna.http, Method::GET, "/api/v1/worker/clients", None, &[])
        .await;
    assert_eq!(st, StatusCode::OK);
    assert!(v["clients"][0]["sealed_pin"].is_null(), "{v}");

    let pin = sealed(2, 7);
    let (st, v) = s
        .call(
            &anna.http,
            Method::PUT,
            &path,
            Some(json!({ "sealed_pin": pin })),
            &[CSRF],
        )
        .await;
    assert_eq!(st, StatusCode::NO_CONTENT, "{v}");
    let (_, v) = s
        .call(&anna.http, Method::GET, "/api/v1/worker/clients", None, &[])
        .await;
    assert_eq!(v["clients"][0]["sealed_pin"], pin);
    // Replaced, not added.
    let newer = sealed(2, 8);
    let (st, _) = s
        .call(
            &anna.http,
            Method::PUT,
            &path,
            Some(json!({ "sealed_pin": newer })),
            &[CSRF],
        )
        .await;
    assert_eq!(st, StatusCode::NO_CONTENT);
    let (_, v) = s
        .call(
            &anna.http,
            Method::GET,
            &format!("/api/v1/worker/clients/{id}"),
            None,
            &[],
        )
        .await;
    assert_eq!(v["client"]["sealed_pin"], newer);

    // Another worker cannot store one for a parent who is not theirs, nor see it.
    let (st, v) = s
        .call(
            &bert.http,
            Method::PUT,
            &path,
            Some(json!({ "sealed_pin": sealed(1, 1) })),
            &[CSRF],
        )
        .await;
    assert_eq!(
        (st, v["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("client_not_found"))
    );
    let (_, v) = s
        .call(&bert.http, Method::GET, "/api/v1/worker/clients", None, &[])
        .await;
    assert_eq!(v["clients"], json!([]));

    // Too large, no CSRF header, not signed in.
    let (st, v) = s
        .call(
            &anna.http,
            Method::PUT,
            &path,
            Some(json!({ "sealed_pin": sealed(5, 1) })),
            &[CSRF],
        )
        .await;
    assert_eq!(
        (st, v["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("pin_too_large"))
    );
    let (st, v) = s
        .call(
            &anna.http,
            Method::PUT,
            &path,
            Some(json!({ "sealed_pin": pin })),
            &[],
        )
        .await;
    assert_eq!(
        (st, v["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("csrf"))
    );
    let (st, _) = s
        .call(
            &s.http(),
            Method::PUT,
            &path,
            Some(json!({ "sealed_pin": pin })),
            &[CSRF],
        )
        .await;
    assert_eq!(st, StatusCode::UNAUTHORIZED);

    let log = houvast_server::audit::for_client(&s.db, &id.to_string())
        .await
        .unwrap();
    assert_eq!(
        log.iter()
            .filter(|e| e.action == "client_pin_stored")
            .count(),
        2
    );
}
both_backends!(a_pin_is_kept_for_its_worker_only);

async fn the_access_log_shows_a_worker_their_own_entries(kind: Kind) {
    let Some(s) = TestServer::start(kind).await else {
        return;
    };
    let anna = s.worker("anna@example.org").await;
    let bert = s.worker("bert@example.org").await;
    let client = s.client(&anna).await;
    let id = client.pairing.client_id;
    s.call(
        &anna.http,
        Method::GET,
        &format!("/api/v1/worker/clients/{id}"),
        None,
        &[],
    )
    .await;
    let bert_client = s.client(&bert).await;

    let (st, v) = s
        .call(
            &anna.http,
            Method::GET,
            "/api/v1/worker/access-log",
            None,
            &[],
        )
        .await;
    assert_eq!(st, StatusCode::OK, "{v}");
    let entries = v["entries"].as_array().unwrap();
    let actions: Vec<&str> = entries
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    // Newest first: reading the log is itself logged, before it is read.
    assert_eq!(actions[0], "own_access_log_read");
    for expected in [
        "signed_in",
        "worker_activated",
        "pairing_code_created",
        "paired",
        "client_record_read",
    ] {
        assert!(
            actions.contains(&expected),
            "{expected} missing from {actions:?}"
        );
    }
    let read = entries
        .iter()
        .find(|e| e["action"] == "client_record_read")
        .unwrap();
    assert_eq!(read["pseudonym"], pseudonym(&s, &anna, id).await);
    assert_eq!(read["actor_kind"], "worker");
    // Nothing about Bert's parent.
    let bert_pseudonym = pseudonym(&s, &bert, bert_client.pairing.client_id).await;
    assert!(
        entries.iter().all(|e| e["pseudonym"] != bert_pseudonym),
        "{v}"
    );
    let (st, _) = s
        .call(
            &s.http(),
            Method::GET,
            "/api/v1/worker/access-log",
            None,
            &[],
        )
        .await;
    assert_eq!(st, StatusCode::UNAUTHORIZED);
}
both_backends!(the_access_log_shows_a_worker_their_own_entries);

async fn signing_out_everywhere_ends_every_session(kind: Kind) {
    let Some(s) = TestServer::start(kind).await else {
        return;
    };
    let anna = s.worker("anna@example.org").await;
    let laptop = s.http();
    let (st, _) = s.sign_in(&laptop, &anna.email, &anna.login_key).await;
    assert_eq!(st, StatusCode::OK);
    let bert = s.worker("bert@example.org").await;

    let (st, v) = s
        .call(
            &anna.http,
            Method::POST,
            "/api/v1/worker/sign-out-everywhere",
            None,
            &[],
        )
        .await;
    assert_eq!(
        (st, v["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("csrf"))
    );
    let (st, _) = s
        .call(
            &anna.http,
            Method::POST,
            "/api/v1/worker/sign-out-everywhere",
            None,
            &[CSRF],
        )
        .await;
    assert_eq!(st, StatusCode::NO_CONTENT);
    for http in [&anna.http, &laptop] {
        let (st, _) = s
            .call(http, Method::GET, "/api/v1/worker/me", None, &[])
            .await;
        assert_eq!(st, StatusCode::UNAUTHORIZED);
    }
    // Another worker stays signed in.
    let (st, _) = s
        .call(&bert.http, Method::GET, "/api/v1/worker/me", None, &[])
        .await;
    assert_eq!(st, StatusCode::OK);
    let entries = houvast_server::audit::query(&s.db, &houvast_server::audit::Filter::default())
        .await
        .unwrap();
    let ended = entries
        .iter()
        .find(|e| e.action == "signed_out_everywhere")
        .unwrap();
    assert_eq!(ended.detail.as_deref(), Some("2 sessions ended"));
}
both_backends!(signing_out_everywhere_ends_every_session);

async fn every_record_of_a_caseload_comes_in_one_answer(kind: Kind) {
    let Some(s) = TestServer::start(kind).await else {
        return;
    };
    let anna = s.worker("anna@example.org").await;
    let bert = s.worker("bert@example.org").await;
    let first = s.client(&anna).await;
    let second = s.client(&anna).await;
    let gone = s.client(&anna).await;
    let other = s.client(&bert).await;
    let (id1, _, body) = first.checkin(1, "first, one");
    assert_eq!(s.submit(&first, id1, &body).await.0, StatusCode::CREATED);
    let (id2, _, body) = first.checkin(2, "first, two");
    assert_eq!(s.submit(&first, id2, &body).await.0, StatusCode::CREATED);
    let (id3, _, body) = second.checkin(1, "second, one");
    assert_eq!(s.submit(&second, id3, &body).await.0, StatusCode::CREATED);
    let (id4, _, body) = other.checkin(1, "Bert's parent");
    assert_eq!(s.submit(&other, id4, &body).await.0, StatusCode::CREATED);
    let auth = format!("Bearer {}", gone.token);
    let (st, _) = s
        .call(
            &gone.http,
            Method::DELETE,
            "/api/v1/client/pairing",
            None,
            &[("authorization", &auth)],
        )
        .await;
    assert_eq!(st, StatusCode::NO_CONTENT);

    let (st, v) = s
        .call(
            &anna.http,
            Method::GET,
            "/api/v1/worker/clients/records",
            None,
            &[],
        )
        .await;
    assert_eq!(st, StatusCode::OK, "{v}");
    let records = v["records"].as_array().unwrap();
    let ids: Vec<&str> = records
        .iter()
        .map(|r| r["client"]["client_id"].as_str().unwrap())
        .collect();
    // Paired parents only, in pairing order; the one who unpaired and Bert's are not there.
    assert_eq!(
        ids,
        [
            first.pairing.client_id.to_string(),
            second.pairing.client_id.to_string()
        ]
    );
    let checkin_ids = |r: &serde_json::Value| -> Vec<String> {
        r["checkins"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["checkin_id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(checkin_ids(&records[0]), [id1.to_string(), id2.to_string()]);
    assert_eq!(checkin_ids(&records[1]), [id3.to_string()]);
    // The same as each record read on its own.
    let (_, one) = s
        .call(
            &anna.http,
            Method::GET,
            &format!("/api/v1/worker/clients/{}", first.pairing.client_id),
            None,
            &[],
        )
        .await;
    assert_eq!(records[0]["checkins"], one["checkins"]);
    assert_eq!(
        records[0]["client"]["contact_points"],
        one["client"]["contact_points"]
    );

    // Every parent's read is in the access log.
    for c in [&first, &second] {
        let log = houvast_server::audit::for_client(&s.db, &c.pairing.client_id.to_string())
            .await
            .unwrap();
        assert_eq!(
            log.iter()
                .filter(|e| e.action == "client_record_read")
                .count(),
            if c.pairing.client_id == first.pairing.client_id {
                2
            } else {
                1
            }
        );
    }
    let (_, v) = s
        .call(
            &bert.http,
            Method::GET,
            "/api/v1/worker/clients/records",
            None,
            &[],
        )
        .await;
    assert_eq!(v["records"].as_array().unwrap().len(), 1);
    assert_eq!(
        v["records"][0]["client"]["client_id"],
        other.pairing.client_id.to_string()
    );
    let (st, _) = s
        .call(
            &s.http(),
            Method::GET,
            "/api/v1/worker/clients/records",
            None,
            &[],
        )
        .await;
    assert_eq!(st, StatusCode::UNAUTHORIZED);
}
both_backends!(every_record_of_a_caseload_comes_in_one_answer);
