//! Read aloud in the window: the engine (houvast-speech's [`ReadAloud`], speech-dispatcher on
//! Linux) is made on first use, and its events go to the window as `read-aloud`, so the page
//! highlights the sentence being read. The rules (sentences, pausing, limits) live in
//! houvast-speech.

use crate::error::IpcError;
use houvast_core::{ErrorCode, Language};
use houvast_speech::{EventSink, ReadAloud, ReadingStarted, SpeechError, SpeechEvent};
use std::sync::Arc;
use tauri::{AppHandle, Emitter, Manager, Runtime, State};

/// Sent to the window for every [`SpeechEvent`].
pub const READ_ALOUD_EVENT: &str = "read-aloud";

pub struct Speech(ReadAloud);

/// The app's one reader, made the first time it is needed.
pub fn reader<R: Runtime>(app: &AppHandle<R>) -> State<'_, Speech> {
    if app.try_state::<Speech>().is_none() {
        let handle = app.clone();
        let sink: EventSink = Arc::new(move |event: SpeechEvent| {
            if let Err(e) = handle.emit(READ_ALOUD_EVENT, &event) {
                log::warn!("read aloud: the window missed an event: {e}");
            }
        });
        app.manage(Speech(ReadAloud::system(sink)));
    }
    app.state::<Speech>()
}

impl std::ops::Deref for Speech {
    type Target = ReadAloud;
    fn deref(&self) -> &ReadAloud {
        &self.0
    }
}

/// Starts reading off the main thread: the first reading may start speech-dispatcher.
pub async fn read<R: Runtime>(
    app: &AppHandle<R>,
    language: Language,
    blocks: Vec<String>,
) -> Result<ReadingStarted, IpcError> {
    let app = app.clone();
    tauri::async_runtime::spawn_blocking(move || reader(&app).read(language, &blocks))
        .await
        .map_err(|e| IpcError::new(ErrorCode::SpeechFailed, e.to_string()))?
        .map_err(IpcError::from)
}

impl From<SpeechError> for IpcError {
    fn from(e: SpeechError) -> Self {
        log::info!("read aloud: {e}");
        Self::new(e.code(), e.to_string())
    }
}
