//! Sending: sealed on the device, queued, delivered exactly once through outages, restarts and
//! lost answers; and nothing but sealed boxes leaves the device.

use crate::common::*;
use houvast_core::ErrorCode;
use houvast_courier::Sessions;
use houvast_session::ContactState;

#[tokio::test]
async fn a_checkin_is_read_by_the_worker_exactly_as_previewed() {
    let server = Server::start().await;
    let worker = server.worker("noor@ggz.test").await;
    let app = App::new();
    app.pair(&worker.invitation().await).await;

    // The preview says what is still missing.
    app.session(|s| s.save_checkin_draft(1, &houvast_session::CheckInDraft::default()));
    let missing = app.with(|s| s.preview_checkin(1)).unwrap_err();
    assert_eq!(missing.code(), ErrorCode::CheckInIncomplete);

    let preview = app.send(1, "Hoe ik het mijn zoon vertel");
    assert!(matches!(
        app.session(|s| s.contacts()).points[0].state,
        ContactState::Waiting { attempts: 0, .. }
    ));
    // Sent once: the draft is closed and sending again is refused.
    let again = app.with(|s| s.send_checkin(1, &preview)).unwrap_err();
    assert_eq!(again.code(), ErrorCode::CheckInAlreadySent);

    let report = app.courier.deliver(&app).await.unwrap();
    assert_eq!(report.delivered, 1);
    let client = app.client_id();
    assert_eq!(worker.open(client, 1).await, preview);
    // The worker opened the record: the app shows it as read after the next look.
    app.courier.refresh(&app).await.unwrap();
    assert!(matches!(
        app.session(|s| s.contacts()).points[0].state,
        ContactState::Read { .. }
    ));
    server.shutdown().await;
}

#[tokio::test]
async fn sent_while_the_server_is_down_it_arrives_once_when_it_is_back() {
    let mut server = Server::start().await;
    let worker = server.worker("noor@ggz.test").await;
    let app = App::new();
    app.pair(&worker.invitation().await).await;
    let client = app.client_id();
    server.stop().await;
    let preview = app.send(1, "Tijdens de storing geschreven");
    let report = app.courier.deliver(&app).await.unwrap();
    assert_eq!((report.delivered, report.postponed), (0, 1));
    let ContactState::Waiting {
        attempts,
        last_error,
        ..
    } = app.session(|s| s.contacts()).points[0].state.clone()
    else {
        panic!("waiting to send");
    };
    assert_eq!((attempts, last_error.as_deref()), (1, Some("offline")));
    // Not due again before its backoff.
    assert_eq!(app.courier.deliver(&app).await.unwrap().postponed, 0);

    server.restart().await;
    // The app starts again: everything waiting is tried at once.
    let app = app.restart();
    app.session(|s| s.outbox_retry_now());
    assert_eq!(app.courier.deliver(&app).await.unwrap().delivered, 1);
    assert_eq!(worker.open(client, 1).await, preview);
    assert_eq!(app.courier.deliver(&app).await.unwrap().delivered, 0);
    assert_eq!(app.session(|s| s.outbox_counts()), (0, 1, 0));
    server.shutdown().await;
}

#[tokio::test]
async fn an_answer_lost_on_the_way_back_does_not_make_a_second_checkin() {
    let server = Server::start().await;
    let worker = server.worker("noor@ggz.test").await;
    let proxy = Proxy::start(server.addr).await;
    let app = App::new();
    let invitation = worker
        .invitation()
        .await
        .replace(&server.url(), &proxy.url());
    app.pair(&invitation).await;
    let client = app.client_id();
    let preview = app.send(1, "Het antwoord raakte zoek");
    *proxy.drop_answers.lock().unwrap() = 1;
    let first = app.courier.deliver(&app).await.unwrap();
    assert_eq!(
        (first.delivered, first.postponed),
        (0, 1),
        "the app never heard back"
    );
    // The server has it already; the retry with the same id is recognised.
    assert_eq!(worker.record(client).await.checkins.len(), 1);
    app.session(|s| s.outbox_retry_now());
    assert_eq!(app.courier.deliver(&app).await.unwrap().delivered, 1);
    let record = worker.record(client).await;
    assert_eq!(record.checkins.len(), 1);
    assert_eq!(worker.open(client, 1).await, preview);
    server.shutdown().await;
}

#[tokio::test]
async fn through_the_whole_programme_only_pairing_checkins_state_and_replies_leave_the_device() {
    let server = Server::start().await;
    let worker = server.worker("noor@ggz.test").await;
    let proxy = Proxy::start(server.addr).await;
    let app = App::new();
    const SECRET: &str = "PLAINTEXT-MARKER-Mijn-geheime-zorg";
    // The parent's own words elsewhere in the app.
    app.session(|s| {
        s.save_reflection(
            // The evening's day: just after midnight it is still yesterday's reflection.
            s.reflection_today(),
            &houvast_core::reflection::ReflectionAnswers {
                went_well: SECRET.into(),
                noticed_in_myself: String::new(),
                noticed_in_child: String::new(),
            },
        )
    });
    app.courier.round(&app).await.unwrap();
    assert!(proxy.requests().is_empty(), "no request before pairing");

    let invitation = worker
        .invitation()
        .await
        .replace(&server.url(), &proxy.url());
    app.pair(&invitation).await;
    let client = app.client_id();
    // The three contact points: before module 1, after module 3, after module 5; every do-task
    // answered with the marker, a reply and "done" each time.
    for (point, modules) in [(1u8, 0..0u16), (2, 1..4), (3, 4..6)] {
        for number in modules {
            app.finish_module(number, SECRET);
        }
        assert_eq!(app.session(|s| s.contacts()).due, Some(point));
        app.send(point, SECRET);
        app.courier.round(&app).await.unwrap();
        worker.reply(client, point, &reply(SECRET)).await;
        app.courier.round(&app).await.unwrap();
        worker.mark_done(client, point).await;
        app.courier.round(&app).await.unwrap();
        assert!(matches!(
            app.session(|s| s.contacts()).points[usize::from(point) - 1].state,
            ContactState::Done { .. }
        ));
    }
    assert_eq!(worker.record(client).await.checkins.len(), 3);
    app.courier.unpair(&app).await.unwrap();

    let requests = proxy.requests();
    let lines: Vec<String> = requests
        .iter()
        .map(|r| r.head.lines().next().unwrap_or("").to_string())
        .collect();
    for line in &lines {
        let allowed = line.starts_with("POST /api/v1/client/pair ")
            || line.starts_with("PUT /api/v1/client/checkins/")
            || line.starts_with("GET /api/v1/client/state ")
            || line.starts_with("DELETE /api/v1/client/pairing ");
        assert!(allowed, "unexpected request: {line}");
    }
    assert_eq!(
        lines.iter().filter(|l| l.starts_with("PUT ")).count(),
        3,
        "{lines:?}"
    );
    for r in &requests {
        let text = String::from_utf8_lossy(&r.body);
        assert!(
            !text.contains("PLAINTEXT-MARKER"),
            "plain text left the device: {}",
            r.head
        );
        assert!(!r.head.contains("PLAINTEXT-MARKER"));
    }
    server.shutdown().await;
}
