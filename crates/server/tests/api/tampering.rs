//! A hostile server, played by editing the database behind a running server: swapped keys,
//! a check-in moved to another parent or contact point, a forged and a replayed reply. The app
//! and the dashboard (here: the protocol crate, as they call it) must refuse each one.

use crate::both_backends;
use crate::common::*;
use houvast_protocol::wire::*;
use houvast_protocol::*;
use reqwest::{Method, StatusCode};
use serde_json::json;

async fn record(s: &TestServer, w: &TestWorker, client_id: uuid::Uuid) -> ClientRecord {
    let (st, v) = s
        .call(
            &w.http,
            Method::GET,
            &format!("/api/v1/worker/clients/{client_id}"),
            None,
            &[],
        )
        .await;
    assert_eq!(st, StatusCode::OK, "{v}");
    serde_json::from_value(v).unwrap()
}

async fn state(s: &TestServer, c: &TestClient) -> ClientState {
    let (st, v) = s.client_get(c, "/api/v1/client/state").await;
    assert_eq!(st, StatusCode::OK, "{v}");
    serde_json::from_value(v).unwrap()
}

async fn exec(s: &TestServer, sql: &str, a: Vec<u8>, b: String) {
    sqlx::query(sqlx::AssertSqlSafe(sql.to_string()))
        .bind(a)
        .bind(b)
        .execute(&s.db.pool)
        .await
        .unwrap();
}

async fn a_tampered_database_is_refused_by_app_and_dashboard(kind: Kind) {
    let Some(s) = TestServer::start(kind).await else {
        return;
    };
    let w = s.worker("w@example.org").await;
    let a = s.client(&w).await;
    let b = s.client(&w).await;
    let keys_a = w.keys_for(&a.keys.public_bytes());
    let keys_b = w.keys_for(&b.keys.public_bytes());

    // Both parents send contact point 1; A also sends contact point 2.
    let (a1, _, body) = a.checkin(1, "A one");
    assert_eq!(s.submit(&a, a1, &body).await.0, StatusCode::CREATED);
    let (a2, _, body) = a.checkin(2, "A two");
    assert_eq!(s.submit(&a, a2, &body).await.0, StatusCode::CREATED);
    let (b1, _, body) = b.checkin(1, "B one");
    assert_eq!(s.submit(&b, b1, &body).await.0, StatusCode::CREATED);

    // Check-in moved to another client: the server shows A's first check-in under B.
    let (sealed_a1,): (Vec<u8>,) =
        sqlx::query_as("SELECT sealed_for_worker FROM checkins WHERE id = $1")
            .bind(a1.to_string())
            .fetch_one(&s.db.pool)
            .await
            .unwrap();
    exec(
        &s,
        "UPDATE checkins SET sealed_for_worker = $1 WHERE id = $2",
        sealed_a1.clone(),
        b1.to_string(),
    )
    .await;
    let rb = record(&s, &w, b.pairing.client_id).await;
    let moved = &rb.checkins[0];
    assert_eq!(
        open_checkin(
            &w.keys,
            &keys_b,
            &b.place(1, moved.checkin_id),
            &moved.sealed
        ),
        Err(ProtocolError::Open),
        "A's box does not open as B's"
    );
    // ... and when it also presents A's key as B's: the dashboard's pin for B catches it, and a
    // dashboard that had not pinned B yet is stopped by the client id inside.
    let pinned_b = PinnedKeys::pin(keys_b.clone()).unwrap();
    assert!(matches!(
        pinned_b.verify(&keys_a),
        Err(ProtocolError::KeyChanged { parent: true, .. })
    ));
    assert_eq!(
        open_checkin(&w.keys, &keys_a, &b.place(1, a1), &moved.sealed),
        Err(ProtocolError::WrongClient)
    );

    // Check-in moved to another contact point: A's check-in 1 delivered as contact point 2.
    exec(
        &s,
        "UPDATE checkins SET sealed_for_worker = $1 WHERE id = $2",
        sealed_a1,
        a2.to_string(),
    )
    .await;
    let ra = record(&s, &w, a.pairing.client_id).await;
    let at2 = ra.checkins.iter().find(|c| c.checkin_id == a2).unwrap();
    assert_eq!(
        open_checkin(&w.keys, &keys_a, &a.place(2, a2), &at2.sealed),
        Err(ProtocolError::WrongContactPoint {
            expected: 2,
            found: 1
        })
    );

    // A genuine reply to A's check-in 1, accepted once by the app.
    let place = a.place(1, a1);
    let header = ReplyHeader {
        place,
        reply_id: uuid::Uuid::new_v4(),
        sent_at: chrono::Utc::now(),
    };
    let reply = Reply {
        format: REPLY_FORMAT,
        proposed_time: None,
        way_of_contact: WayOfContact::Phone,
        message: "Ik bel je morgen.".into(),
    };
    let sealed = seal_reply(&w.keys, &keys_a, &header, &reply).unwrap();
    let (st, v) = s
        .call(
            &w.http,
            Method::POST,
            &format!("/api/v1/worker/clients/{}/replies", a.pairing.client_id),
            Some(json!({"contact_point": 1, "sealed_for_client": sealed.for_client, "sealed_for_worker": sealed.for_worker})),
            &[CSRF],
        )
        .await;
    assert_eq!(st, StatusCode::CREATED, "{v}");
    let mut ledger = ReplyLedger::default();
    let st_a = state(&s, &a).await;
    assert_eq!(
        open_reply(
            &a.keys,
            a.pinned.keys(),
            &place,
            &st_a.replies[0].sealed,
            &mut ledger
        )
        .map(|r| r.reply),
        Ok(reply.clone())
    );

    // Replayed reply: the server stores the same box again under a new id.
    sqlx::query(
        "INSERT INTO replies (id, client_id, worker_id, contact_point, sealed_for_client, sealed_for_worker, created_at) \
         SELECT $1, client_id, worker_id, contact_point, sealed_for_client, sealed_for_worker, created_at + 1 FROM replies",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .execute(&s.db.pool)
    .await
    .unwrap();
    let st_a = state(&s, &a).await;
    assert_eq!(st_a.replies.len(), 2);
    assert_eq!(
        open_reply(
            &a.keys,
            a.pinned.keys(),
            &place,
            &st_a.replies[1].sealed,
            &mut ledger
        ),
        Err(ProtocolError::ReplayedReply)
    );

    // Forged reply: the server writes its own box "from the worker" into A's replies.
    let mallory = KeyPair::generate();
    let forged = seal_box(&mallory, &a.keys.public_bytes(), b"{}").unwrap();
    exec(
        &s,
        "UPDATE replies SET sealed_for_client = $1 WHERE id = $2",
        forged.into_bytes(),
        st_a.replies[1].reply_id.to_string(),
    )
    .await;
    let st_a = state(&s, &a).await;
    assert_eq!(
        open_reply(
            &a.keys,
            a.pinned.keys(),
            &place,
            &st_a.replies[1].sealed,
            &mut ledger
        ),
        Err(ProtocolError::Open)
    );

    // Swapped recovery key: the app's pin and the worker's wrapped key both notice.
    exec(
        &s,
        "UPDATE organisations SET recovery_public_key = $1 WHERE name = $2",
        mallory.public_bytes().0.to_vec(),
        s.org.clone(),
    )
    .await;
    let st_a = state(&s, &a).await;
    assert_eq!(
        a.pinned
            .verify_presented(&st_a.worker_public_key, &st_a.recovery_public_key),
        Err(ProtocolError::KeyChanged {
            parent: false,
            worker: false,
            recovery: true
        })
    );
    let (st, me) = s
        .call(&w.http, Method::GET, "/api/v1/worker/me", None, &[])
        .await;
    assert_eq!(st, StatusCode::OK);
    let me: WorkerProfile = serde_json::from_value(me).unwrap();
    assert_ne!(me.recovery_public_key, w.recovery);
    // The dashboard compares with the key it pinned at activation (`w.recovery`, as unwrapped).
    let unwrapped = WorkerSecret {
        keys: KeyPair::from_secret_bytes(w.keys.secret.to_bytes()),
        pinned_recovery: w.recovery.clone(),
    };
    assert!(matches!(
        unwrapped.verify_recovery(&me.recovery_public_key),
        Err(ProtocolError::KeyChanged { recovery: true, .. })
    ));

    // Swapped worker key: the app's pin notices; a parent who paired under the swapped key sees
    // another safety number than the worker.
    exec(
        &s,
        "UPDATE workers SET public_key = $1 WHERE email = $2",
        mallory.public_bytes().0.to_vec(),
        "w@example.org".into(),
    )
    .await;
    let st_a = state(&s, &a).await;
    assert!(matches!(
        a.pinned
            .verify_presented(&st_a.worker_public_key, &st_a.recovery_public_key),
        Err(ProtocolError::KeyChanged { worker: true, .. })
    ));
    let fooled = KeySet {
        worker: mallory.public_bytes(),
        ..a.pinned.keys().clone()
    };
    assert_eq!(
        keys_a
            .safety_number()
            .verify_qr_payload(&fooled.safety_number().qr_payload()),
        Err(ProtocolError::SafetyNumberMismatch)
    );
}
both_backends!(a_tampered_database_is_refused_by_app_and_dashboard);
