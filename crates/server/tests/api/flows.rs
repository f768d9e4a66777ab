use crate::both_backends;
use crate::common::*;
use houvast_protocol::wire::*;
use houvast_protocol::*;
use reqwest::{Method, StatusCode};
use serde_json::json;

async fn activation_and_sign_in(kind: Kind) {
    let Some(s) = TestServer::start(kind).await else {
        return;
    };
    let config = houvast_server::Config::new(s.url.clone());
    let inv = houvast_server::admin::invite_worker(
        &s.db,
        &s.secret,
        &config,
        &s.org,
        "Anna@Example.org",
        "Anna",
    )
    .await
    .unwrap();
    assert!(inv.link.starts_with(&format!("{}/activate#", s.url)));
    let http = s.http();

    let (st, info) = s
        .call(
            &http,
            Method::POST,
            "/api/v1/worker/activation/info",
            Some(json!({"token": inv.token})),
            &[CSRF],
        )
        .await;
    assert_eq!(st, StatusCode::OK, "{info}");
    assert_eq!(info["email"], "anna@example.org");
    let info: ActivationInfo = serde_json::from_value(info).unwrap();

    // The browser's side, with the real parameters, which are not below the client's floors;
    // the organisation's recovery key is pinned inside the wrapped key.
    assert_eq!(check_kdf_params(info.opslimit, info.memlimit_bytes), Ok(()));
    let salt = Salt([3; 16]);
    let keys = derive_worker_keys(
        "lange zin als wachtwoord",
        &salt,
        info.opslimit,
        info.memlimit_bytes,
    )
    .unwrap();
    let pair = KeyPair::generate();
    let wrapped = wrap_worker_secret(&keys.wrapping_key, &pair, &info.recovery_public_key).unwrap();
    let activate = json!({"token": inv.token, "salt": salt, "login_key": keys.login_key, "public_key": pair.public_bytes(), "wrapped_secret_key": wrapped});
    let (st, v) = s
        .call(
            &http,
            Method::POST,
            "/api/v1/worker/activation",
            Some(activate.clone()),
            &[CSRF],
        )
        .await;
    assert_eq!(st, StatusCode::NO_CONTENT, "{v}");
    let (st, v) = s
        .call(
            &http,
            Method::POST,
            "/api/v1/worker/activation",
            Some(activate),
            &[CSRF],
        )
        .await;
    assert_eq!(
        (st, v["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("activation_unknown")),
        "a link works once"
    );

    // Sign in: params give the stored salt back; the browser derives again and unwraps.
    let (st, params) = s
        .call(
            &http,
            Method::POST,
            "/api/v1/worker/sign-in/params",
            Some(json!({"email": "anna@example.org"})),
            &[CSRF],
        )
        .await;
    assert_eq!(st, StatusCode::OK);
    let params: KdfParams = serde_json::from_value(params).unwrap();
    assert_eq!(params.salt, salt);
    assert_eq!(params.check(), Ok(()));
    let again = derive_worker_keys(
        "lange zin als wachtwoord",
        &params.salt,
        params.opslimit,
        params.memlimit_bytes,
    )
    .unwrap();

    let wrong = LoginKey([7; 32]);
    let (st, v) = s
        .call(
            &http,
            Method::POST,
            "/api/v1/worker/sign-in",
            Some(json!({"email": "anna@example.org", "login_key": wrong})),
            &[CSRF],
        )
        .await;
    assert_eq!(
        (st, v["code"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("sign_in_failed"))
    );
    let (st, _) = s
        .call(&http, Method::GET, "/api/v1/worker/me", None, &[])
        .await;
    assert_eq!(st, StatusCode::UNAUTHORIZED);

    let resp = http
        .post(format!("{}/api/v1/worker/sign-in", s.url))
        .header(CSRF.0, CSRF.1)
        .json(&json!({"email": "ANNA@example.org ", "login_key": again.login_key}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let cookie = resp.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.starts_with("__Host-houvast_session="), "{cookie}");
    for part in [
        "; HttpOnly",
        "; Secure",
        "; SameSite=Strict",
        "; Max-Age=28800",
        "; Path=/;",
    ] {
        assert!(cookie.contains(part), "{cookie} lacks {part}");
    }
    assert!(!cookie.to_lowercase().contains("domain="), "{cookie}");
    let profile: serde_json::Value = resp.json().await.unwrap();
    assert!(
        profile.get("fingerprint").is_none(),
        "the server hands out no fingerprints: {profile}"
    );
    let profile: WorkerProfile = serde_json::from_value(profile).unwrap();
    let secret = unwrap_worker_secret(
        &again.wrapping_key,
        &profile.wrapped_secret_key,
        &profile.public_key,
    )
    .unwrap();
    assert_eq!(secret.keys.secret.to_bytes(), pair.secret.to_bytes());
    assert_eq!(secret.verify_recovery(&profile.recovery_public_key), Ok(()));

    let (st, me) = s
        .call(&http, Method::GET, "/api/v1/worker/me", None, &[])
        .await;
    assert_eq!(
        (st, me["email"].as_str()),
        (StatusCode::OK, Some("anna@example.org"))
    );
    let (st, _) = s
        .call(
            &http,
            Method::POST,
            "/api/v1/worker/sign-out",
            None,
            &[CSRF],
        )
        .await;
    assert_eq!(st, StatusCode::NO_CONTENT);
    let (st, _) = s
        .call(&http, Method::GET, "/api/v1/worker/me", None, &[])
        .await;
    assert_eq!(st, StatusCode::UNAUTHORIZED);

    // An unknown address gets a stable made-up salt, not an error.
    let ask = || {
        s.call(
            &http,
            Method::POST,
            "/api/v1/worker/sign-in/params",
            Some(json!({"email": "nobody@example.org"})),
            &[CSRF],
        )
    };
    let (st1, a) = ask().await;
    let (_, b) = ask().await;
    assert_eq!(st1, StatusCode::OK);
    assert_eq!(a["salt"], b["salt"]);
}
both_backends!(activation_and_sign_in);

async fn pair_submit_retry_reply_done_unpair(kind: Kind) {
    let Some(s) = TestServer::start(kind).await else {
        return;
    };
    let w = s.worker("w@example.org").await;
    let c = s.client(&w).await;
    assert_eq!(c.pairing.worker_public_key, w.keys.public_bytes());
    assert_eq!(c.pairing.recovery_public_key, w.recovery);
    assert_eq!(c.pairing.organisation, s.org);

    let (id, content, body) = c.checkin(1, "hello");
    let (st, v) = s.submit(&c, id, &body).await;
    assert_eq!(
        (st, v["created"].as_bool()),
        (StatusCode::CREATED, Some(true)),
        "{v}"
    );
    // A retry (the app lost the answer) changes nothing.
    let (st, v) = s.submit(&c, id, &body).await;
    assert_eq!(
        (st, v["created"].as_bool()),
        (StatusCode::OK, Some(false)),
        "{v}"
    );
    // The same id with other content is refused, and so is a second check-in for point 1.
    let (_, _, other) = c.checkin(1, "other");
    let (st, v) = s.submit(&c, id, &other).await;
    assert_eq!(
        (st, v["code"].as_str()),
        (StatusCode::CONFLICT, Some("checkin_id_reused"))
    );
    let (st, v) = s.submit(&c, uuid::Uuid::new_v4(), &other).await;
    assert_eq!(
        (st, v["code"].as_str()),
        (StatusCode::CONFLICT, Some("contact_point_has_checkin"))
    );
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM checkins")
        .fetch_one(&s.db.pool)
        .await
        .unwrap();
    assert_eq!(n, 1, "exactly one check-in stored");

    // The worker sees the client in the caseload and opens the check-in.
    let (st, caseload) = s
        .call(&w.http, Method::GET, "/api/v1/worker/clients", None, &[])
        .await;
    assert_eq!(st, StatusCode::OK);
    assert!(caseload["clients"][0].get("client_fingerprint").is_none());
    let caseload: Caseload = serde_json::from_value(caseload).unwrap();
    assert_eq!(caseload.clients.len(), 1);
    // Both sides derive the same safety number from the keys each holds, not from the server.
    let client_pk = caseload.clients[0].client_public_key.clone().unwrap();
    assert_eq!(client_pk, c.keys.public_bytes());
    let keys = w.keys_for(&client_pk);
    assert_eq!(keys.safety_number(), c.pinned.safety_number());
    assert_eq!(
        keys.safety_number()
            .verify_qr_payload(&c.pinned.safety_number().qr_payload()),
        Ok(())
    );
    assert!(caseload.clients[0].pseudonym.starts_with("P-"));
    assert_eq!(
        caseload.clients[0].contact_points[0].state,
        ContactPointState::CheckinReceived
    );
    assert_eq!(
        caseload.clients[0].contact_points[1].state,
        ContactPointState::Open
    );
    let client_id = c.pairing.client_id;
    let (st, record) = s
        .call(
            &w.http,
            Method::GET,
            &format!("/api/v1/worker/clients/{client_id}"),
            None,
            &[],
        )
        .await;
    assert_eq!(st, StatusCode::OK, "{record}");
    let record: ClientRecord = serde_json::from_value(record).unwrap();
    assert_eq!(record.checkins.len(), 1);
    let place = c.place(1, record.checkins[0].checkin_id);
    assert_eq!(record.checkins[0].checkin_id, id);
    let opened = open_checkin(&w.keys, &keys, &place, &record.checkins[0].sealed).unwrap();
    assert_eq!(opened, content);

    // The recovery copy does not open with the worker's key.
    let (rec,): (Vec<u8>,) = sqlx::query_as("SELECT sealed_for_recovery FROM checkins")
        .fetch_one(&s.db.pool)
        .await
        .unwrap();
    assert_eq!(
        open_checkin(&w.keys, &keys, &place, &Sealed::from_bytes(rec).unwrap()),
        Err(ProtocolError::Open)
    );

    // Reply, boxed from the worker to the client; the client opens it.
    let reply = Reply {
        format: REPLY_FORMAT,
        proposed_time: chrono::DateTime::parse_from_rfc3339("2025-11-04T14:30:00+01:00").ok(),
        way_of_contact: WayOfContact::Video,
        message: "Tot dinsdag!".into(),
    };
    let header = ReplyHeader {
        place,
        reply_id: uuid::Uuid::new_v4(),
        sent_at: chrono::Utc::now(),
    };
    let sealed = seal_reply(&w.keys, &keys, &header, &reply).unwrap();
    let body = json!({"contact_point": 1, "sealed_for_client": sealed.for_client, "sealed_for_worker": sealed.for_worker});
    let (st, v) = s
        .call(
            &w.http,
            Method::POST,
            &format!("/api/v1/worker/clients/{client_id}/replies"),
            Some(body),
            &[CSRF],
        )
        .await;
    assert_eq!(st, StatusCode::CREATED, "{v}");
    let (st, state) = s.client_get(&c, "/api/v1/client/state").await;
    assert_eq!(st, StatusCode::OK);
    let state: ClientState = serde_json::from_value(state).unwrap();
    assert_eq!(
        c.pinned
            .verify_presented(&state.worker_public_key, &state.recovery_public_key),
        Ok(())
    );
    assert_eq!(state.replies.len(), 1);
    let mut ledger = ReplyLedger::default();
    let got = open_reply(
        &c.keys,
        c.pinned.keys(),
        &place,
        &state.replies[0].sealed,
        &mut ledger,
    )
    .unwrap();
    assert_eq!((got.reply, got.reply_id), (reply, header.reply_id));
    assert_eq!(state.contact_points[0].state, ContactPointState::Replied);

    // Contact done, twice (harmless).
    for _ in 0..2 {
        let (st, v) = s
            .call(
                &w.http,
                Method::POST,
                &format!("/api/v1/worker/clients/{client_id}/contact-points/1/done"),
                None,
                &[CSRF],
            )
            .await;
        assert_eq!(st, StatusCode::OK, "{v}");
        assert_eq!(v[0]["state"], "done");
    }
    let (_, state) = s.client_get(&c, "/api/v1/client/state").await;
    assert_eq!(state["contact_points"][0]["state"], "done");

    // Unpair: the token stops working, the ciphertexts are gone, the caseload says so.
    let auth = format!("Bearer {}", c.token);
    let (st, _) = s
        .call(
            &c.http,
            Method::DELETE,
            "/api/v1/client/pairing",
            None,
            &[("authorization", &auth)],
        )
        .await;
    assert_eq!(st, StatusCode::NO_CONTENT);
    let (st, v) = s.client_get(&c, "/api/v1/client/state").await;
    assert_eq!(
        (st, v["code"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("not_paired"))
    );
    for table in ["checkins", "replies"] {
        let (n,): (i64,) =
            sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
                .fetch_one(&s.db.pool)
                .await
                .unwrap();
        assert_eq!(n, 0, "{table} emptied");
    }
    let (_, caseload) = s
        .call(&w.http, Method::GET, "/api/v1/worker/clients", None, &[])
        .await;
    assert!(caseload["clients"][0]["unpaired_at"].is_string());
    let (st, v) = s.call(&w.http, Method::POST, &format!("/api/v1/worker/clients/{client_id}/replies"),
        Some(json!({"contact_point": 1, "sealed_for_client": seal_box(&w.keys, &client_pk, b"x").unwrap(), "sealed_for_worker": seal_box(&w.keys, &client_pk, b"x").unwrap()})), &[CSRF]).await;
    assert_eq!(
        (st, v["code"].as_str()),
        (StatusCode::GONE, Some("client_unpaired"))
    );
}
both_backends!(pair_submit_retry_reply_done_unpair);

async fn a_worker_sees_only_their_own_caseload(kind: Kind) {
    let Some(s) = TestServer::start(kind).await else {
        return;
    };
    let a = s.worker("a@example.org").await;
    let b = s.worker("b@example.org").await;
    let ca = s.client(&a).await;
    let cb = s.client(&b).await;
    let (id, _, body) = cb.checkin(1, "secret of b");
    assert_eq!(s.submit(&cb, id, &body).await.0, StatusCode::CREATED);
    // The same client-made id from another client is that client's own check-in.
    let (_, _, body_a) = ca.checkin(1, "a");
    assert_eq!(s.submit(&ca, id, &body_a).await.0, StatusCode::CREATED);

    let b_client = cb.pairing.client_id;
    let (st, v) = s
        .call(
            &a.http,
            Method::GET,
            &format!("/api/v1/worker/clients/{b_client}"),
            None,
            &[],
        )
        .await;
    assert_eq!(
        (st, v["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("client_not_found"))
    );
    let sealed = seal_box(&a.keys, &cb.keys.public_bytes(), b"hi").unwrap();
    let (st, _) = s.call(&a.http, Method::POST, &format!("/api/v1/worker/clients/{b_client}/replies"),
        Some(json!({"contact_point": 1, "sealed_for_client": sealed, "sealed_for_worker": sealed})), &[CSRF]).await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    let (st, _) = s
        .call(
            &a.http,
            Method::POST,
            &format!("/api/v1/worker/clients/{b_client}/contact-points/1/done"),
            None,
            &[CSRF],
        )
        .await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    let (_, caseload) = s
        .call(&a.http, Method::GET, "/api/v1/worker/clients", None, &[])
        .await;
    let ids: Vec<_> = caseload["clients"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["client_id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, vec![ca.pairing.client_id.to_string()]);

    // A client token opens the client API only, and only its own data.
    let (_, state_a) = s.client_get(&ca, "/api/v1/client/state").await;
    assert_eq!(state_a["contact_points"][0]["state"], "checkin_received");
    let auth = format!("Bearer {}", ca.token);
    let (st, _) = s
        .call(
            &s.http(),
            Method::GET,
            "/api/v1/worker/clients",
            None,
            &[("authorization", &auth)],
        )
        .await;
    assert_eq!(st, StatusCode::UNAUTHORIZED);
    let (st, _) = s
        .call(
            &s.http(),
            Method::GET,
            &format!("/api/v1/worker/clients/{b_client}"),
            None,
            &[("authorization", &auth)],
        )
        .await;
    assert_eq!(st, StatusCode::UNAUTHORIZED);
    // A worker's cookie is no device token.
    let (st, _) = s
        .call(&a.http, Method::GET, "/api/v1/client/state", None, &[])
        .await;
    assert_eq!(st, StatusCode::UNAUTHORIZED);
    let (st, _) = s
        .call(
            &s.http(),
            Method::GET,
            "/api/v1/client/state",
            None,
            &[("authorization", "Bearer made-up")],
        )
        .await;
    assert_eq!(st, StatusCode::UNAUTHORIZED);
}
both_backends!(a_worker_sees_only_their_own_caseload);

async fn pairing_codes_expire_and_work_once(kind: Kind) {
    let Some(s) = TestServer::start_with(kind, |c| c.max_open_codes_per_worker = 3).await else {
        return;
    };
    let w = s.worker("w@example.org").await;
    let code = s.pairing_code(&w).await;
    assert_eq!(s.pair(&code).await.0, StatusCode::CREATED);
    let (st, v, _) = s.pair(&code).await;
    assert_eq!(
        (st, v["code"].as_str()),
        (StatusCode::GONE, Some("code_used"))
    );

    let expiring = s.pairing_code(&w).await;
    sqlx::query("UPDATE pairing_codes SET expires_at = 0 WHERE used_at IS NULL")
        .execute(&s.db.pool)
        .await
        .unwrap();
    let (st, v, _) = s.pair(&expiring).await;
    assert_eq!(
        (st, v["code"].as_str()),
        (StatusCode::GONE, Some("code_expired"))
    );

    let (st, v, _) = s.pair(&PairingCode::generate().display()).await;
    assert_eq!(
        (st, v["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("code_unknown"))
    );
    // A typo is caught by the check symbol before any lookup.
    let mut typo: Vec<char> = expiring.chars().collect();
    typo[0] = if typo[0] == 'A' { 'B' } else { 'A' };
    let (st, v, _) = s.pair(&typo.into_iter().collect::<String>()).await;
    assert_eq!(
        (st, v["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_body")),
        "{v}"
    );
    assert!(v["message"].as_str().unwrap().contains("typo"));

    // Lowercase with spaces works as well.
    let code = s.pairing_code(&w).await;
    assert_eq!(
        s.pair(&code.to_lowercase().replace('-', " ")).await.0,
        StatusCode::CREATED
    );

    for _ in 0..3 {
        s.pairing_code(&w).await;
    }
    let (st, v) = s
        .call(
            &w.http,
            Method::POST,
            "/api/v1/worker/pairing-codes",
            Some(json!({})),
            &[CSRF],
        )
        .await;
    assert_eq!(
        (st, v["code"].as_str()),
        (StatusCode::CONFLICT, Some("too_many_open_codes"))
    );

    let (st, v, _) = s.pair(&PairingCode::generate().display()).await;
    assert_eq!(st, StatusCode::NOT_FOUND, "{v}");
    // A v1 app is told to update rather than paired with a protocol it cannot speak.
    let body = json!({"protocol_version": 1, "code": PairingCode::generate().display(), "public_key": KeyPair::generate().public_bytes()});
    let (st, v) = s
        .call(
            &s.http(),
            Method::POST,
            "/api/v1/client/pair",
            Some(body),
            &[],
        )
        .await;
    assert_eq!(
        (st, v["code"].as_str()),
        (
            StatusCode::BAD_REQUEST,
            Some("unsupported_protocol_version")
        )
    );
}
both_backends!(pairing_codes_expire_and_work_once);

async fn every_read_of_client_data_is_audited(kind: Kind) {
    let Some(s) = TestServer::start(kind).await else {
        return;
    };
    let w = s.worker("w@example.org").await;
    let c = s.client(&w).await;
    let id = c.pairing.client_id.to_string();
    for _ in 0..2 {
        s.call(
            &w.http,
            Method::GET,
            &format!("/api/v1/worker/clients/{id}"),
            None,
            &[],
        )
        .await;
    }
    let entries = houvast_server::audit::for_client(&s.db, &id).await.unwrap();
    let actions: Vec<_> = entries.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        ["paired", "client_record_read", "client_record_read"]
    );
    assert_eq!(entries[1].actor_kind, "worker");
    assert!(entries[1].actor_id.is_some());
}
both_backends!(every_read_of_client_data_is_audited);

/// A marker written in a check-in is nowhere in the database: not in any table, not in the
/// SQLite files (WAL included).
async fn no_plaintext_reaches_the_database(kind: Kind) {
    let Some(s) = TestServer::start(kind).await else {
        return;
    };
    let w = s.worker("w@example.org").await;
    let c = s.client(&w).await;
    let marker = format!("MARKER-{}", uuid::Uuid::new_v4().simple());
    let (id, _, body) = c.checkin(2, &marker);
    assert_eq!(s.submit(&c, id, &body).await.0, StatusCode::CREATED);
    let needle = marker.as_bytes();
    let hex: String = needle.iter().map(|b| format!("{b:02x}")).collect();
    match s.kind {
        Kind::Sqlite => {
            let dir = s.dir.as_ref().unwrap().path();
            let mut files = 0;
            for entry in std::fs::read_dir(dir).unwrap() {
                let bytes = std::fs::read(entry.unwrap().path()).unwrap();
                files += 1;
                assert!(
                    !bytes.windows(needle.len()).any(|w| w == needle),
                    "marker found in a database file"
                );
            }
            assert!(files >= 1);
        }
        Kind::Postgres => {
            let tables: Vec<(String,)> =
                sqlx::query_as("SELECT tablename::text FROM pg_tables WHERE schemaname = 'public'")
                    .fetch_all(&s.db.pool)
                    .await
                    .unwrap();
            assert!(tables.len() >= 9);
            for (table,) in tables {
                let rows: Vec<(String,)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "SELECT t::text FROM {table} t"
                )))
                .fetch_all(&s.db.pool)
                .await
                .unwrap();
                for (row,) in rows {
                    assert!(
                        !row.contains(&marker) && !row.contains(&hex),
                        "marker found in {table}"
                    );
                }
            }
        }
    }
    // …while the worker can read it.
    let (_, record) = s
        .call(
            &w.http,
            Method::GET,
            &format!("/api/v1/worker/clients/{}", c.pairing.client_id),
            None,
            &[],
        )
        .await;
    let record: ClientRecord = serde_json::from_value(record).unwrap();
    let keys = w.keys_for(record.client.client_public_key.as_ref().unwrap());
    let opened = open_checkin(&w.keys, &keys, &c.place(2, id), &record.checkins[0].sealed).unwrap();
    assert!(opened.shared.iter().any(|i| i.answer == marker));
}
both_backends!(no_plaintext_reaches_the_database);

async fn a_database_from_a_newer_version_is_refused(kind: Kind) {
    let Some(s) = TestServer::start(kind).await else {
        return;
    };
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) VALUES (9999, 'future', TRUE, $1, 0)",
    )
    .bind(vec![0u8; 48])
    .execute(&s.db.pool)
    .await
    .unwrap();
    let reopened = match kind {
        Kind::Sqlite => {
            houvast_server::db::Db::open_sqlite_dir(s.dir.as_ref().unwrap().path()).await
        }
        Kind::Postgres => {
            let url: (String,) = sqlx::query_as("SELECT current_database()::text")
                .fetch_one(&s.db.pool)
                .await
                .unwrap();
            let base = std::env::var("DATABASE_URL").unwrap();
            let (head, _) = base.rsplit_once('/').unwrap();
            houvast_server::db::Db::open(&format!("{head}/{}", url.0)).await
        }
    };
    let err = reopened.err().expect("a newer database must be refused");
    assert!(
        matches!(err, houvast_server::db::DbError::TooNew(9999)),
        "{err}"
    );
}
both_backends!(a_database_from_a_newer_version_is_refused);
