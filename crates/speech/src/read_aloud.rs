//! What the app holds: one engine, connected when the parent first presses "Read aloud" (and
//! again after it went away, so installing speech-dispatcher while the app runs works), and a
//! number for every reading.

use crate::engine::{EventSink, SpeechEngine, SpeechError, UtteranceId};
use crate::sentences::{split_blocks, Sentence};
use houvast_core::Language;
use serde::Serialize;
use std::sync::Mutex;
use ts_rs::TS;

/// At most this many blocks in one reading (a page has a few dozen).
pub const MAX_BLOCKS: usize = 1_000;
/// At most this many characters in one reading (a page has a few thousand).
pub const MAX_CHARS: usize = 100_000;

/// A reading that started: its number and the sentences, in the order they are read, with
/// where the window finds each one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReadingStarted {
    pub utterance: UtteranceId,
    pub sentences: Vec<Sentence>,
}

type Connect = Box<dyn Fn(EventSink) -> Result<Box<dyn SpeechEngine>, SpeechError> + Send + Sync>;

pub struct ReadAloud {
    connect: Connect,
    sink: EventSink,
    inner: Mutex<Inner>,
}

struct Inner {
    engine: Option<Box<dyn SpeechEngine>>,
    last: u32,
}

impl ReadAloud {
    /// Over any engine; `connect` is called when an engine is first needed.
    pub fn new(
        connect: impl Fn(EventSink) -> Result<Box<dyn SpeechEngine>, SpeechError>
            + Send
            + Sync
            + 'static,
        sink: EventSink,
    ) -> Self {
        Self {
            connect: Box::new(connect),
            sink,
            inner: Mutex::new(Inner {
                engine: None,
                last: 0,
            }),
        }
    }

    /// This platform's engine: speech-dispatcher on Linux and other Unix desktops. Elsewhere
    /// (macOS, Windows, phones) there is none yet and every reading says so.
    pub fn system(sink: EventSink) -> Self {
        Self::new(system_engine, sink)
    }

    /// Splits the blocks into sentences and starts reading them in `language`; a reading
    /// that was going on stops.
    pub fn read(
        &self,
        language: Language,
        blocks: &[String],
    ) -> Result<ReadingStarted, SpeechError> {
        if blocks.len() > MAX_BLOCKS {
            return Err(SpeechError::TextInvalid(format!(
                "{} blocks, at most {MAX_BLOCKS}",
                blocks.len()
            )));
        }
        let chars: usize = blocks.iter().map(|b| b.chars().count()).sum();
        if chars > MAX_CHARS {
            return Err(SpeechError::TextInvalid(format!(
                "{chars} characters, at most {MAX_CHARS}"
            )));
        }
        let sentences = split_blocks(blocks);
        if sentences.is_empty() {
            return Err(SpeechError::TextInvalid("there is nothing to read".into()));
        }
        let mut inner = self.lock();
        if !inner.engine.as_ref().is_some_and(|e| e.is_alive()) {
            inner.engine = None;
            inner.engine = Some((self.connect)(self.sink.clone())?);
        }
        inner.last += 1;
        let utterance = UtteranceId(inner.last);
        let texts = sentences.iter().map(|s| s.text.clone()).collect();
        if let Some(engine) = inner.engine.as_mut() {
            engine.speak(utterance, language, texts)?;
        }
        Ok(ReadingStarted {
            utterance,
            sentences,
        })
    }

    pub fn pause(&self, utterance: UtteranceId) -> Result<(), SpeechError> {
        self.with_engine(|e| e.pause(utterance))
    }

    pub fn resume(&self, utterance: UtteranceId) -> Result<(), SpeechError> {
        self.with_engine(|e| e.resume(utterance))
    }

    pub fn stop(&self, utterance: UtteranceId) -> Result<(), SpeechError> {
        self.with_engine(|e| e.stop(utterance))
    }

    /// Nothing to pause or stop without an engine: then nothing is being read.
    fn with_engine(
        &self,
        f: impl FnOnce(&mut dyn SpeechEngine) -> Result<(), SpeechError>,
    ) -> Result<(), SpeechError> {
        match self.lock().engine.as_mut() {
            Some(engine) if engine.is_alive() => f(engine.as_mut()),
            _ => Ok(()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panic while holding the lock leaves nothing half-changed worth refusing over.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(unix)]
fn system_engine(sink: EventSink) -> Result<Box<dyn SpeechEngine>, SpeechError> {
    Ok(Box::new(crate::speechd::SpeechDispatcher::connect(sink)?))
}

#[cfg(not(unix))]
fn system_engine(_sink: EventSink) -> Result<Box<dyn SpeechEngine>, SpeechError> {
    Err(SpeechError::Unavailable(
        "reading aloud is not built for this platform yet".into(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{EndReason, SpeechEvent};
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    /// An engine that ends each reading at once, as "done", through the sink: enough to check
    /// what ReadAloud itself decides (the engine is tested against the real speech-dispatcher
    /// in tests/speechd.rs).
    struct Instant {
        sink: EventSink,
        alive: bool,
    }

    impl SpeechEngine for Instant {
        fn speak(
            &mut self,
            utterance: UtteranceId,
            _: Language,
            s: Vec<String>,
        ) -> Result<(), SpeechError> {
            if s.iter().any(|s| s.contains("break")) {
                self.alive = false;
                return Err(SpeechError::Failed("gone".into()));
            }
            (self.sink)(SpeechEvent::Ended {
                utterance,
                reason: EndReason::Done,
            });
            Ok(())
        }
        fn pause(&mut self, _: UtteranceId) -> Result<(), SpeechError> {
            Ok(())
        }
        fn resume(&mut self, _: UtteranceId) -> Result<(), SpeechError> {
            Ok(())
        }
        fn stop(&mut self, _: UtteranceId) -> Result<(), SpeechError> {
            Ok(())
        }
        fn is_alive(&self) -> bool {
            self.alive
        }
    }

    fn reader(connects: Arc<AtomicUsize>) -> ReadAloud {
        ReadAloud::new(
            move |sink| {
                connects.fetch_add(1, Ordering::SeqCst);
                Ok(Box::new(Instant { sink, alive: true }) as Box<dyn SpeechEngine>)
            },
            Arc::new(|_| {}),
        )
    }

    #[test]
    fn each_reading_gets_a_new_number_and_its_sentences() {
        let r = reader(Arc::default());
        let a = r.read(Language::Nl, &["Eén. Twee.".into()]).expect("read");
        let b = r.read(Language::Nl, &["Drie.".into()]).expect("read");
        assert!(b.utterance > a.utterance);
        assert_eq!(a.sentences.len(), 2);
    }

    #[test]
    fn bad_input_is_refused_with_a_clear_error_before_any_engine_is_started() {
        let connects = Arc::new(AtomicUsize::new(0));
        let r = reader(connects.clone());
        for blocks in [
            vec![],
            vec!["  —  ".to_owned()],
            vec!["x".to_owned(); MAX_BLOCKS + 1],
            vec!["a".repeat(MAX_CHARS + 1)],
        ] {
            let err = r.read(Language::En, &blocks).expect_err("refused");
            assert_eq!(
                err.code(),
                houvast_core::ErrorCode::SpeechTextInvalid,
                "{err}"
            );
        }
        assert_eq!(connects.load(Ordering::SeqCst), 0);
    }

    #[test]
    fn an_engine_that_went_away_is_connected_again() {
        let connects = Arc::new(AtomicUsize::new(0));
        let r = reader(connects.clone());
        r.read(Language::Nl, &["Een.".into()]).expect("read");
        r.read(Language::Nl, &["Twee.".into()]).expect("read");
        assert_eq!(connects.load(Ordering::SeqCst), 1);
        let err = r.read(Language::Nl, &["break".into()]).expect_err("failed");
        assert_eq!(err.code(), houvast_core::ErrorCode::SpeechFailed);
        r.read(Language::Nl, &["Drie.".into()]).expect("read");
        assert_eq!(connects.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn no_engine_is_a_clear_error_and_pausing_nothing_is_fine() {
        let r = ReadAloud::new(
            |_| {
                Err(SpeechError::Unavailable(
                    "speech-dispatcher is not installed".into(),
                ))
            },
            Arc::new(|_| {}),
        );
        let err = r
            .read(Language::Nl, &["Hallo.".into()])
            .expect_err("unavailable");
        assert_eq!(err.code(), houvast_core::ErrorCode::SpeechUnavailable);
        assert!(err
            .to_string()
            .contains("speech-dispatcher is not installed"));
        r.pause(UtteranceId(1)).expect("nothing to pause");
        r.stop(UtteranceId(1)).expect("nothing to stop");
    }
}
