//! Read aloud through the app's IPC layer: bad input and a computer without speech-dispatcher
//! get a clear error code, and with a real speech-dispatcher the window receives an event for
//! every sentence. The engine itself is tested in crates/speech/tests/speechd.rs.

mod common;

use common::*;
use houvast_speech::test_daemon::TestDaemon;
use serde_json::{json, Value};
use std::sync::mpsc;
use std::time::Duration;
use tauri::Listener;

#[test]
fn bad_text_and_a_missing_engine_get_clear_error_codes() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Changing the environment is fine here: nextest runs every test in its own process.
    std::env::set_var(
        "SPEECHD_ADDRESS",
        format!("unix_socket:{}", dir.path().join("none.sock").display()),
    );
    let app = start(dir.path());
    assert_eq!(
        app.err_code("read_aloud", json!({ "language": "nl", "blocks": [] })),
        "speech_text_invalid"
    );
    assert_eq!(
        app.err_code(
            "read_aloud",
            json!({ "language": "nl", "blocks": ["  — "] })
        ),
        "speech_text_invalid"
    );
    assert_eq!(
        app.err_code(
            "read_aloud",
            json!({ "language": "nl", "blocks": ["Hallo."] })
        ),
        "speech_unavailable"
    );
    app.refused_args(
        "read_aloud",
        json!({ "language": "fr", "blocks": ["Bonjour."] }),
    );
    app.refused_args("pause_reading", json!({ "utterance": "one" }));
    // Nothing is being read: pausing, resuming and stopping are no-ops, not errors.
    for cmd in ["pause_reading", "resume_reading", "stop_reading"] {
        assert_eq!(app.ok(cmd, json!({ "utterance": 1 })), Value::Null);
    }
}

/// speech-dispatcher with espeak-ng on a private socket, playing into a file, found by the app
/// through `SPEECHD_ADDRESS` as on a desktop that names its daemon.
fn daemon() -> TestDaemon {
    let daemon = TestDaemon::start();
    std::env::set_var("SPEECHD_ADDRESS", daemon.address());
    daemon
}

#[test]
fn the_window_hears_every_sentence_start_and_finish_and_the_end() {
    let _daemon = daemon();
    let dir = tempfile::tempdir().expect("temp dir");
    let app = start(dir.path());
    let (tx, rx) = mpsc::channel::<Value>();
    app.app.listen_any("read-aloud", move |event| {
        let _ = tx.send(serde_json::from_str(event.payload()).expect("json event"));
    });
    let started = app.ok(
        "read_aloud",
        json!({ "language": "nl", "blocks": ["Hulp bij crisis", "Bel 113 of 0800-0113. Chat via 113.nl."] }),
    );
    let utterance = started["utterance"].clone();
    assert_eq!(
        started["sentences"],
        json!([
            { "block": 0, "start": 0, "end": 15, "text": "Hulp bij crisis" },
            { "block": 1, "start": 0, "end": 21, "text": "Bel 113 of 0800-0113." },
            { "block": 1, "start": 22, "end": 38, "text": "Chat via 113.nl." },
        ])
    );
    let mut kinds = Vec::new();
    loop {
        let e = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("an event within 30 s");
        assert_eq!(e["utterance"], utterance);
        let kind = e["kind"].as_str().unwrap().to_owned();
        kinds.push(format!(
            "{kind}:{}",
            e.get("sentence").or(e.get("reason")).unwrap()
        ));
        if kind == "ended" {
            break;
        }
    }
    assert_eq!(
        kinds,
        [
            "sentence_started:0",
            "sentence_finished:0",
            "sentence_started:1",
            "sentence_finished:1",
            "sentence_started:2",
            "sentence_finished:2",
            "ended:\"done\""
        ]
    );
}
