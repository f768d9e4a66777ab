//! The Linux engine against a real speech-dispatcher with Debian's espeak-ng voices. Each test
//! starts its own daemon (`houvast_speech::test_daemon`), which logs what it was asked to say
//! and plays into a file, so the tests check what was said, in which language, and that sound
//! came out.
//!
//! Needs the Debian packages `speech-dispatcher`, `speech-dispatcher-espeak-ng` and `espeak-ng`
//! (`scripts/ensure-deps.sh test`).

use houvast_core::Language;
use houvast_speech::speechd::SpeechDispatcher;
use houvast_speech::test_daemon::TestDaemon;
use houvast_speech::{EndReason, ReadAloud, SpeechEngine, SpeechError, SpeechEvent, UtteranceId};
use std::path::Path;
use std::process::Command;
use std::sync::mpsc::{self, Receiver};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The engine connected to `daemon`, with the events it sends.
fn engine(daemon: &TestDaemon) -> (SpeechDispatcher, Receiver<SpeechEvent>) {
    let (tx, rx) = mpsc::channel();
    let tx = std::sync::Mutex::new(tx);
    let sink = Arc::new(move |e: SpeechEvent| {
        let _ = tx.lock().map(|tx| tx.send(e));
    });
    (
        SpeechDispatcher::connect_to(&daemon.socket(), sink).expect("connect"),
        rx,
    )
}

/// What the log says the voice was asked to say: each text sent to the speech module, with
/// the language set for it just before.
fn spoken(log: &str) -> Vec<(String, String)> {
    let mut language = String::new();
    let mut out = Vec::new();
    for line in log.lines() {
        if let Some(l) = line.strip_prefix("language=") {
            language = l.trim().to_owned();
        }
        if let Some(rest) = line.split("Command sent to output module: |<speak>").nth(1) {
            let text = rest.split("</speak>|").next().unwrap_or_default();
            out.push((language.clone(), text.to_owned()));
        }
    }
    out
}

/// Events until (and with) the reading's end.
fn until_end(rx: &Receiver<SpeechEvent>, utterance: UtteranceId) -> Vec<SpeechEvent> {
    let mut events = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let e = rx.recv_timeout(left).expect("the reading ends within 30 s");
        let end = matches!(e, SpeechEvent::Ended { utterance: u, .. } if u == utterance);
        events.push(e);
        if end {
            return events;
        }
    }
}

fn rms(raw: &[u8]) -> f64 {
    let samples: Vec<f64> = raw
        .chunks_exact(2)
        .map(|b| f64::from(i16::from_le_bytes([b[0], b[1]])))
        .collect();
    if samples.is_empty() {
        return 0.0;
    }
    (samples.iter().map(|s| s * s).sum::<f64>() / samples.len() as f64).sqrt()
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn dutch_sentences_are_spoken_one_by_one_in_dutch_and_make_sound() {
    let daemon = TestDaemon::start();
    let (mut engine, rx) = engine(&daemon);
    let sentences = strings(&[
        "Welkom bij Houvast.",
        "Dit is de tweede zin.",
        "En dit is de derde!",
    ]);
    engine
        .speak(UtteranceId(1), Language::Nl, sentences.clone())
        .expect("speak");
    let events = until_end(&rx, UtteranceId(1));

    let u = UtteranceId(1);
    let mut expected = Vec::new();
    for s in 0..3 {
        expected.push(SpeechEvent::SentenceStarted {
            utterance: u,
            sentence: s,
        });
        expected.push(SpeechEvent::SentenceFinished {
            utterance: u,
            sentence: s,
        });
    }
    expected.push(SpeechEvent::Ended {
        utterance: u,
        reason: EndReason::Done,
    });
    assert_eq!(events, expected);

    let said = spoken(&daemon.log());
    let want: Vec<(String, String)> = sentences
        .iter()
        .map(|s| ("nl".to_owned(), s.clone()))
        .collect();
    assert_eq!(
        said, want,
        "the log shows each sentence sent to the voice in Dutch"
    );
    let audio = daemon.audio();
    assert!(
        audio.len() > 22_050,
        "about a second of sound or more: {} bytes",
        audio.len()
    );
    assert!(
        rms(&audio) > 200.0,
        "the sound is not silence: rms {}",
        rms(&audio)
    );
}

#[test]
fn english_is_spoken_in_english() {
    let daemon = TestDaemon::start();
    let (mut engine, rx) = engine(&daemon);
    engine
        .speak(
            UtteranceId(7),
            Language::En,
            strings(&["You are not alone."]),
        )
        .expect("speak");
    let events = until_end(&rx, UtteranceId(7));
    assert_eq!(
        events.last(),
        Some(&SpeechEvent::Ended {
            utterance: UtteranceId(7),
            reason: EndReason::Done
        })
    );
    assert_eq!(
        spoken(&daemon.log()),
        [("en".to_owned(), "You are not alone.".to_owned())]
    );
}

#[test]
fn pausing_holds_the_sentence_and_resuming_reads_it_again_to_the_end() {
    let daemon = TestDaemon::start();
    let (mut engine, rx) = engine(&daemon);
    let sentences: Vec<String> = (1..=6).map(|i| format!("Dit is zin nummer {i}.")).collect();
    let u = UtteranceId(3);
    engine
        .speak(u, Language::Nl, sentences.clone())
        .expect("speak");
    engine.pause(u).expect("pause");
    let paused_at = loop {
        match rx.recv_timeout(Duration::from_secs(10)).expect("paused") {
            SpeechEvent::Paused { sentence, .. } => break sentence,
            SpeechEvent::Ended { .. } => panic!("ended before the pause"),
            _ => {}
        }
    };
    assert!((paused_at as usize) < sentences.len());
    // While paused nothing more is read.
    std::thread::sleep(Duration::from_millis(800));
    assert_eq!(rx.try_recv().ok(), None, "no event while paused");
    let log_while_paused = spoken(&daemon.log()).len();
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(spoken(&daemon.log()).len(), log_while_paused);

    engine.resume(u).expect("resume");
    let events = until_end(&rx, u);
    assert_eq!(
        events.first(),
        Some(&SpeechEvent::Resumed {
            utterance: u,
            sentence: paused_at
        })
    );
    let finished: Vec<u32> = events
        .iter()
        .filter_map(|e| match e {
            SpeechEvent::SentenceFinished { sentence, .. } => Some(*sentence),
            _ => None,
        })
        .collect();
    assert_eq!(
        finished,
        (paused_at..6).collect::<Vec<_>>(),
        "from the paused sentence to the end"
    );
    assert_eq!(
        events.last(),
        Some(&SpeechEvent::Ended {
            utterance: u,
            reason: EndReason::Done
        })
    );
    // The last sentence sent to the voice is the last one of the page.
    let said = spoken(&daemon.log());
    assert_eq!(
        said.last().map(|s| s.1.as_str()),
        Some("Dit is zin nummer 6.")
    );
}

#[test]
fn stop_ends_the_reading_and_a_stale_stop_leaves_the_next_reading_alone() {
    let daemon = TestDaemon::start();
    let (mut engine, rx) = engine(&daemon);
    let long: Vec<String> = (1..=20)
        .map(|i| format!("Zin {i} van een lange bladzijde."))
        .collect();
    engine
        .speak(UtteranceId(1), Language::Nl, long.clone())
        .expect("speak");
    engine.stop(UtteranceId(1)).expect("stop");
    let events = until_end(&rx, UtteranceId(1));
    assert_eq!(
        events.last(),
        Some(&SpeechEvent::Ended {
            utterance: UtteranceId(1),
            reason: EndReason::Stopped
        })
    );
    assert!(
        spoken(&daemon.log()).len() < long.len(),
        "not every sentence was read"
    );

    // A new reading stops the one before; a late stop for the old one changes nothing.
    engine
        .speak(UtteranceId(2), Language::Nl, long)
        .expect("speak");
    engine
        .speak(
            UtteranceId(3),
            Language::Nl,
            strings(&["Nieuwe bladzijde."]),
        )
        .expect("speak");
    engine.stop(UtteranceId(2)).expect("stale stop");
    let first = until_end(&rx, UtteranceId(2));
    assert_eq!(
        first.last(),
        Some(&SpeechEvent::Ended {
            utterance: UtteranceId(2),
            reason: EndReason::Stopped
        })
    );
    let second = until_end(&rx, UtteranceId(3));
    assert_eq!(
        second.last(),
        Some(&SpeechEvent::Ended {
            utterance: UtteranceId(3),
            reason: EndReason::Done
        })
    );
}

#[test]
fn a_daemon_that_goes_away_ends_the_reading_as_failed_and_read_aloud_says_so() {
    let mut daemon = TestDaemon::start();
    let socket = daemon.socket();
    let (tx, rx) = mpsc::channel();
    let tx = std::sync::Mutex::new(tx);
    let sink = Arc::new(move |e: SpeechEvent| {
        let _ = tx.lock().map(|tx| tx.send(e));
    });
    let reader = ReadAloud::new(
        move |sink| {
            Ok(Box::new(SpeechDispatcher::connect_to(&socket, sink)?) as Box<dyn SpeechEngine>)
        },
        sink,
    );
    let blocks: Vec<String> = (1..=30).map(|i| format!("Zin {i}.")).collect();
    let started = reader.read(Language::Nl, &blocks).expect("read");
    // Stopped as a desktop session stops it at logout (SIGTERM).
    let term = Command::new("kill")
        .args(["-TERM", &daemon.pid().to_string()])
        .status()
        .expect("kill");
    assert!(term.success());
    let events = until_end(&rx, started.utterance);
    assert_eq!(
        events.last(),
        Some(&SpeechEvent::Ended {
            utterance: started.utterance,
            reason: EndReason::Failed
        })
    );
    // The next reading tries to connect again, and says plainly that nothing is there.
    daemon.wait();
    let err = reader.read(Language::Nl, &blocks).expect_err("no daemon");
    assert!(matches!(err, SpeechError::Unavailable(_)), "{err:?}");
}

#[test]
fn without_speech_dispatcher_installed_the_error_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    // No speech-dispatcher on PATH and no socket: what a computer without it looks like.
    // Changing the environment is fine here: nextest runs every test in its own process.
    std::env::set_var("PATH", dir.path());
    std::env::set_var("XDG_RUNTIME_DIR", dir.path());
    std::env::remove_var("SPEECHD_ADDRESS");
    let err = match SpeechDispatcher::connect(Arc::new(|_| {})) {
        Ok(_) => panic!("connected without speech-dispatcher"),
        Err(e) => e,
    };
    assert_eq!(
        err,
        SpeechError::Unavailable("speech-dispatcher is not installed".into())
    );
    let missing: &Path = &dir.path().join("nothing.sock");
    let err = match SpeechDispatcher::connect_to(missing, Arc::new(|_| {})) {
        Ok(_) => panic!("connected to nothing"),
        Err(e) => e,
    };
    assert!(matches!(err, SpeechError::Unavailable(_)), "{err:?}");
}
