//! Replies: opened and verified on the device; a forged one is refused and not shown; a
//! changed worker key stops sending.

use crate::common::*;
use houvast_core::ErrorCode;
use houvast_courier::Sessions;
use houvast_protocol::KeyPair;
use houvast_session::{ContactState, SyncProblem};

#[tokio::test]
async fn the_workers_reply_is_shown_and_a_contact_marked_done_moves_on() {
    let server = Server::start().await;
    let worker = server.worker("noor@ggz.test").await;
    let app = App::new();
    app.pair(&worker.invitation().await).await;
    app.send(1, "Over de ochtenden");
    app.courier.deliver(&app).await.unwrap();
    let client = app.client_id();
    let sent = reply("Ik bel je dinsdag om half elf.");
    worker.reply(client, 1, &sent).await;

    let (_, fetched) = app.courier.round(&app).await.unwrap();
    assert_eq!(fetched.new_replies, vec![(1, sent.clone())]);
    let contacts = app.session(|s| s.contacts());
    assert!(matches!(
        contacts.points[0].state,
        ContactState::Replied { .. }
    ));
    assert_eq!(contacts.points[0].replies.len(), 1);
    assert_eq!(contacts.points[0].replies[0].reply, sent);
    // Fetched again, it is not a new reply.
    assert!(app
        .courier
        .refresh(&app)
        .await
        .unwrap()
        .new_replies
        .is_empty());

    worker.mark_done(client, 1).await;
    app.courier.refresh(&app).await.unwrap();
    let contacts = app.session(|s| s.contacts());
    assert!(matches!(
        contacts.points[0].state,
        ContactState::Done { .. }
    ));
    assert_eq!(contacts.due, None, "the next contact comes after module 3");
    server.shutdown().await;
}

#[tokio::test]
async fn a_reply_forged_with_another_key_is_refused_and_never_shown() {
    let server = Server::start().await;
    let worker = server.worker("noor@ggz.test").await;
    let app = App::new();
    app.pair(&worker.invitation().await).await;
    app.send(1, "Over de ochtenden");
    app.courier.deliver(&app).await.unwrap();
    let client = app.client_id();
    worker
        .reply_as(&KeyPair::generate(), client, 1, &reply("Klik op deze link"))
        .await;

    let fetched = app.courier.refresh(&app).await.unwrap();
    assert_eq!((fetched.new_replies.len(), fetched.refused_replies), (0, 1));
    let contacts = app.session(|s| s.contacts());
    assert!(contacts.points[0].replies.is_empty());
    assert!(matches!(
        contacts.pairing.unwrap().problem,
        Some(SyncProblem::ReplyRefused { .. })
    ));
    // Not opened again on the next look; the genuine reply after it is shown.
    worker.reply(client, 1, &reply("Ik bel je dinsdag.")).await;
    let fetched = app.courier.refresh(&app).await.unwrap();
    assert_eq!((fetched.new_replies.len(), fetched.refused_replies), (1, 0));
    let view = app.session(|s| s.dismiss_sync_problem()).unwrap();
    assert_eq!(view.problem, None);
    server.shutdown().await;
}

#[tokio::test]
async fn a_changed_worker_key_is_shown_and_nothing_is_sent_to_it() {
    let server = Server::start().await;
    let worker = server.worker("noor@ggz.test").await;
    let _colleague = server.worker("sam@ggz.test").await;
    let app = App::new();
    app.pair(&worker.invitation().await).await;
    houvast_server::admin::reassign_caseload(&server.db, "noor@ggz.test", "sam@ggz.test")
        .await
        .unwrap();
    let fetched = app.courier.refresh(&app).await.unwrap();
    assert!(fetched.key_changed);
    let problem = app.session(|s| s.pairing()).unwrap().problem;
    assert!(matches!(
        problem,
        Some(SyncProblem::KeyChanged {
            worker: true,
            recovery: false,
            ..
        })
    ));
    let draft = houvast_session::CheckInDraft {
        parenting: Some(7),
        feeling: Some(5),
        confidence: Some(6),
        worried_about_safety: Some(false),
        ..Default::default()
    };
    app.session(|s| s.save_checkin_draft(1, &draft));
    let preview = app.session(|s| s.preview_checkin(1));
    let refused = app.with(|s| s.send_checkin(1, &preview)).unwrap_err();
    assert_eq!(refused.code(), ErrorCode::KeyChanged);
    assert_eq!(app.session(|s| s.outbox_counts()), (0, 0, 0));
    server.shutdown().await;
}
