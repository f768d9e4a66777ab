//! Read aloud. A page (its blocks of text, as the parent sees them) is split into sentences by
//! a plain rule ([`sentences`]); a [`SpeechEngine`] speaks them one by one in the parent's
//! language and says which sentence it is at, so the window can highlight it. [`ReadAloud`]
//! is what the app holds: it checks the input, connects to the engine when first needed and
//! again after the engine went away, and numbers each reading.
//!
//! The engine per platform: speech-dispatcher on Linux ([`speechd`], over its own socket
//! protocol, SSIP). Other platforms have no engine yet; [`ReadAloud`] then says
//! `speech_unavailable`, as it does on a Linux machine without speech-dispatcher.

pub mod engine;
pub mod read_aloud;
pub mod sentences;
#[cfg(unix)]
pub mod speechd;
#[cfg(feature = "test-daemon")]
pub mod test_daemon;

pub use engine::{EndReason, EventSink, SpeechEngine, SpeechError, SpeechEvent, UtteranceId};
pub use read_aloud::{ReadAloud, ReadingStarted, MAX_BLOCKS, MAX_CHARS};
pub use sentences::{split_blocks, Sentence};
