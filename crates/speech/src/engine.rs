//! The one trait every platform's speech engine implements, and what it tells the window.

use houvast_core::{ErrorCode, Language};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use ts_rs::TS;

/// One reading of a page, numbered by [`crate::ReadAloud`]. Events of an earlier reading (a
/// page the parent left) carry its number, so the window can ignore them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(transparent)]
pub struct UtteranceId(pub u32);

/// Why a reading ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EndReason {
    /// Every sentence was read.
    Done,
    /// The parent stopped it, left the page, or started another reading; or another program
    /// (a screen reader) took over the speech.
    Stopped,
    /// The engine went away (speech-dispatcher was stopped) or refused a sentence.
    Failed,
}

/// What the engine tells the window while it reads. `sentence` is an index into the
/// sentences it was given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SpeechEvent {
    SentenceStarted {
        utterance: UtteranceId,
        sentence: u32,
    },
    SentenceFinished {
        utterance: UtteranceId,
        sentence: u32,
    },
    /// Paused; resuming reads this sentence again from its start.
    Paused {
        utterance: UtteranceId,
        sentence: u32,
    },
    Resumed {
        utterance: UtteranceId,
        sentence: u32,
    },
    Ended {
        utterance: UtteranceId,
        reason: EndReason,
    },
}

impl SpeechEvent {
    pub fn utterance(&self) -> UtteranceId {
        match self {
            SpeechEvent::SentenceStarted { utterance, .. }
            | SpeechEvent::SentenceFinished { utterance, .. }
            | SpeechEvent::Paused { utterance, .. }
            | SpeechEvent::Resumed { utterance, .. }
            | SpeechEvent::Ended { utterance, .. } => *utterance,
        }
    }
}

/// Where an engine sends its events (the app forwards them to the window). Called from the
/// engine's own thread.
pub type EventSink = Arc<dyn Fn(SpeechEvent) + Send + Sync>;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SpeechError {
    /// No speech engine on this computer (speech-dispatcher not installed or not starting).
    #[error("no speech engine is available: {0}")]
    Unavailable(String),
    /// The engine was there but stopped answering or refused.
    #[error("the speech engine failed: {0}")]
    Failed(String),
    /// Nothing to read, or more than a page.
    #[error("the text to read is not accepted: {0}")]
    TextInvalid(String),
}

impl SpeechError {
    pub fn code(&self) -> ErrorCode {
        match self {
            SpeechError::Unavailable(_) => ErrorCode::SpeechUnavailable,
            SpeechError::Failed(_) => ErrorCode::SpeechFailed,
            SpeechError::TextInvalid(_) => ErrorCode::SpeechTextInvalid,
        }
    }
}

/// A platform's speech engine: speaks a list of sentences in a language, one after the other,
/// and reports each sentence's start and end through its [`EventSink`]. Starting a new reading
/// stops the one before (which then ends with [`EndReason::Stopped`]). `pause`, `resume` and
/// `stop` name the reading they are meant for and do nothing when another one is current, so a
/// page that closes late never stops the next page's reading.
pub trait SpeechEngine: Send {
    fn speak(
        &mut self,
        utterance: UtteranceId,
        language: Language,
        sentences: Vec<String>,
    ) -> Result<(), SpeechError>;
    fn pause(&mut self, utterance: UtteranceId) -> Result<(), SpeechError>;
    fn resume(&mut self, utterance: UtteranceId) -> Result<(), SpeechError>;
    fn stop(&mut self, utterance: UtteranceId) -> Result<(), SpeechError>;
    /// False once the engine went away; [`crate::ReadAloud`] then connects anew.
    fn is_alive(&self) -> bool;
}
