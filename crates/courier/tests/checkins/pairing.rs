//! Pairing: the invitation line, the safety number, each way it can fail (and that a failure
//! leaves nothing behind), and undoing it.

use crate::common::*;
use houvast_core::ErrorCode;
use houvast_protocol::{KeySet, PairingCode};
use houvast_session::ContactState;

fn code_of(err: houvast_courier::CourierError) -> ErrorCode {
    err.code()
}

#[tokio::test]
async fn a_parent_pairs_with_the_line_from_their_worker_and_sees_the_same_safety_number() {
    let server = Server::start().await;
    let worker = server.worker("noor@ggz.test").await;
    let app = App::new();
    // Nothing to send before pairing: no contact point is due.
    let before = app.session(|s| s.contacts());
    assert!(before.pairing.is_none());
    assert_eq!(before.due, None);

    let invitation = worker.invitation().await;
    // As a parent might type it: lower case, spaces around.
    let view = app
        .pair(&format!("  {}  ", invitation.to_lowercase()))
        .await;
    assert_eq!(view.worker_name, "Noor de Vries");
    assert_eq!(view.organisation, "GGZ Test");
    assert_eq!(view.server, server.url());
    assert!(!view.safety_number_checked);

    // The worker's dashboard derives the same number from the keys it sees.
    let caseload = worker.caseload().await;
    assert_eq!(caseload.clients.len(), 1);
    let dashboard = KeySet {
        parent: caseload.clients[0].client_public_key.clone().unwrap(),
        worker: worker.keys.public_bytes(),
        recovery: worker.recovery.clone(),
    }
    .safety_number();
    assert_eq!(view.safety_number, dashboard.groups().to_vec());

    // Contact point 1 (before module 1) is due from the day of pairing.
    let contacts = app.session(|s| s.contacts());
    assert_eq!(contacts.due, Some(1));
    assert!(matches!(
        contacts.points[0].state,
        ContactState::Due { since: Some(_) }
    ));
    assert_eq!(contacts.points[1].state, ContactState::NotYet);

    let checked = app.session(|s| s.mark_safety_number_checked());
    assert!(checked.safety_number_checked);

    // Pairing twice is refused before any request.
    let again = app.courier.pair(&app, &worker.invitation().await).await;
    assert_eq!(code_of(again.unwrap_err()), ErrorCode::AlreadyPaired);
    server.shutdown().await;
}

#[tokio::test]
async fn each_failed_pairing_says_why_and_leaves_nothing_behind() {
    let server = Server::start().await;
    let worker = server.worker("noor@ggz.test").await;
    let app = App::new();
    let url = server.url();
    let unknown = PairingCode::generate().display();
    let used = worker.invitation().await;
    App::new().pair(&used).await;
    // A port with nothing listening.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap()
    };
    // Something that answers HTTP, but not as Houvast.
    let other = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let other_addr = other.local_addr().unwrap();
    tokio::spawn(async move {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        while let Ok((mut s, _)) = other.accept().await {
            let mut buf = [0u8; 4096];
            let _ = s.read(&mut buf).await;
            let _ = s
                .write_all(b"HTTP/1.1 404 Not Found\r\ncontent-type: text/html\r\ncontent-length: 9\r\nconnection: close\r\n\r\nnot here!")
                .await;
        }
    });
    let cases = [
        (String::new(), ErrorCode::InvitationInvalid),
        (
            "houvast.ggz.example".to_string(),
            ErrorCode::InvitationInvalid,
        ),
        (format!("{url}/7KQ2-M9XD"), ErrorCode::InvitationInvalid),
        (
            format!("http://houvast.ggz.example/{unknown}"),
            ErrorCode::PlainHttp,
        ),
        (format!("{url}/{unknown}"), ErrorCode::CodeUnknown),
        (used.clone(), ErrorCode::CodeUsed),
        (format!("http://{closed}/{unknown}"), ErrorCode::Offline),
        (
            format!("http://{other_addr}/{unknown}"),
            ErrorCode::NotHouvastServer,
        ),
    ];
    for (line, expected) in cases {
        let err = app.courier.pair(&app, &line).await.unwrap_err();
        assert_eq!(err.code(), expected, "{line:?}: {err}");
        assert!(
            app.session(|s| s.pairing()).is_none(),
            "{line:?} left a pairing"
        );
    }
    // After all that, a good invitation still pairs.
    app.pair(&worker.invitation().await).await;
    server.shutdown().await;
}

#[tokio::test]
async fn a_certificate_the_app_does_not_trust_is_named() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let dir = tempfile::tempdir().unwrap();
    let db = houvast_server::db::Db::open_sqlite_dir(dir.path())
        .await
        .unwrap();
    let secret = houvast_server::secrets::ServerSecret::generate();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let state = houvast_server::AppState::new(
        db.clone(),
        houvast_server::Config::new(format!("https://{addr}")),
        secret,
    )
    .await
    .unwrap();
    let fixtures =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../server/tests/fixtures");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        houvast_server::serve_tls(
            listener,
            state,
            &fixtures.join("tls-cert.pem"),
            &fixtures.join("tls-key.pem"),
            async {
                let _ = stopped.await;
            },
        )
        .await
        .unwrap();
    });
    let app = App::new();
    let line = format!("{addr}/{}", PairingCode::generate().display());
    let err = app.courier.pair(&app, &line).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::CertificateInvalid, "{err}");
    assert!(app.session(|s| s.pairing()).is_none());
    // The server and its SQLite connections end before the test does: a connection thread
    // still closing while the process exits raced OpenSSL's exit handler (SQLCipher's crypto)
    // once under load ("double free or corruption").
    let _ = stop.send(());
    server.await.unwrap();
    db.pool.close().await;
}

#[tokio::test]
async fn undoing_the_pairing_deletes_what_the_server_holds() {
    let server = Server::start().await;
    let worker = server.worker("noor@ggz.test").await;
    let app = App::new();
    app.pair(&worker.invitation().await).await;
    let client = app.client_id();
    app.send(1, "Over de ochtenden");
    app.courier.deliver(&app).await.unwrap();
    assert_eq!(worker.record(client).await.checkins.len(), 1);

    app.courier.unpair(&app).await.unwrap();
    assert!(app.session(|s| s.pairing()).is_none());
    let record = worker.record(client).await;
    assert!(
        record.checkins.is_empty(),
        "the server deleted the check-in"
    );
    assert!(record.client.unpaired_at.is_some());
    // Not paired: nothing is due, and a new pairing is possible.
    assert_eq!(app.session(|s| s.contacts()).due, None);
    app.pair(&worker.invitation().await).await;
    assert_eq!(app.session(|s| s.contacts()).due, Some(1));
    server.shutdown().await;
}

#[tokio::test]
async fn deleting_everything_first_asks_the_server_to_delete_and_never_waits_long() {
    let mut server = Server::start().await;
    let worker = server.worker("noor@ggz.test").await;
    let limit = std::time::Duration::from_secs(2);
    let app = App::new();
    assert!(
        app.courier.unpair_before_erase(&app, limit).await,
        "not paired: nothing to ask"
    );
    app.pair(&worker.invitation().await).await;
    let client = app.client_id();
    app.send(1, "Over de ochtenden");
    app.courier.deliver(&app).await.unwrap();
    assert!(app.courier.unpair_before_erase(&app, limit).await);
    assert!(worker.record(client).await.checkins.is_empty());

    let offline = App::new();
    offline.pair(&worker.invitation().await).await;
    server.stop().await;
    let started = std::time::Instant::now();
    assert!(!offline.courier.unpair_before_erase(&offline, limit).await);
    assert!(started.elapsed() < limit + std::time::Duration::from_millis(500));
    server.shutdown().await;
}
