//! The Linux engine: speech-dispatcher, the desktop's speech service, over its own socket
//! protocol (SSIP). One sentence is one SSIP message, so the daemon's BEGIN and END
//! notifications say exactly which sentence is being read. Pausing cancels the sentence being
//! read and resuming reads it again from its start: a parent who paused mid-sentence hears it
//! whole, and it works the same with every speech module.
//!
//! Two threads per connection: one reads the socket and sorts what comes in into replies (to
//! the command just sent) and notifications; the other owns the reading (which sentence, paused
//! or not), sends commands and turns notifications into [`SpeechEvent`]s. Commands from the app
//! and notifications arrive on one channel, so they are handled in the order they happened.

use crate::engine::{EndReason, EventSink, SpeechEngine, SpeechError, SpeechEvent, UtteranceId};
use houvast_core::Language;
use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long a reply to one command may take.
const REPLY_TIMEOUT: Duration = Duration::from_secs(5);
/// How long a daemon that was just started may take to open its socket.
const SPAWN_TIMEOUT: Duration = Duration::from_secs(5);

pub struct SpeechDispatcher {
    tx: Sender<Input>,
    alive: Arc<AtomicBool>,
}

enum Input {
    Speak(UtteranceId, Language, Vec<String>),
    Pause(UtteranceId),
    Resume(UtteranceId),
    Stop(UtteranceId),
    /// A notification from the daemon: its code (701 begin, 702 end, 703 cancelled, ...) and
    /// the message it is about.
    Notification(u16, u32),
    Closed,
    Quit,
}

/// A reply to a command: its code and the lines before the status line.
struct Reply {
    code: u16,
    lines: Vec<String>,
    status: String,
}

impl SpeechDispatcher {
    /// Connects to the session's speech-dispatcher, starting it when it is not running (as
    /// libspeechd does). `SPEECHD_ADDRESS=unix_socket:/path` names another socket; that one is
    /// never started.
    pub fn connect(sink: EventSink) -> Result<Self, SpeechError> {
        let (path, may_spawn) = socket_path()?;
        if may_spawn && UnixStream::connect(&path).is_err() {
            spawn_daemon()?;
            return Self::start(wait_for_socket(&path)?, sink);
        }
        Self::connect_to(&path, sink)
    }

    /// Connects to the daemon at `path`, without starting one.
    pub fn connect_to(path: &std::path::Path, sink: EventSink) -> Result<Self, SpeechError> {
        let stream = UnixStream::connect(path).map_err(|e| {
            SpeechError::Unavailable(format!("no speech-dispatcher at {}: {e}", path.display()))
        })?;
        Self::start(stream, sink)
    }

    fn start(stream: UnixStream, sink: EventSink) -> Result<Self, SpeechError> {
        let failed = |e: std::io::Error| SpeechError::Failed(e.to_string());
        let writer = stream.try_clone().map_err(failed)?;
        let mut reader = BufReader::new(stream);
        let (tx, rx) = mpsc::channel();
        let (reply_tx, reply_rx) = mpsc::channel();
        let alive = Arc::new(AtomicBool::new(true));

        let notify = tx.clone();
        std::thread::Builder::new()
            .name("houvast-speechd-read".into())
            .spawn(move || loop {
                match read_message(&mut reader) {
                    Ok(reply) if (700..800).contains(&reply.code) => {
                        let message = reply.lines.first().and_then(|l| l.parse().ok());
                        if let Some(message) = message {
                            let _ = notify.send(Input::Notification(reply.code, message));
                        }
                    }
                    Ok(reply) => {
                        if reply_tx.send(reply).is_err() {
                            return;
                        }
                    }
                    Err(_) => {
                        let _ = notify.send(Input::Closed);
                        return;
                    }
                }
            })
            .map_err(failed)?;

        let mut worker = Worker {
            writer,
            replies: reply_rx,
            sink,
            reading: None,
            alive: alive.clone(),
        };
        // The handshake happens here, so a daemon that refuses us is an error of `connect`.
        worker.request("SET self CLIENT_NAME houvast:houvast:read-aloud")?;
        worker.request("SET self NOTIFICATION all on")?;
        worker.request("SET self PRIORITY text")?;
        std::thread::Builder::new()
            .name("houvast-speechd".into())
            .spawn(move || worker.run(rx))
            .map_err(failed)?;
        Ok(Self { tx, alive })
    }

    fn send(&self, input: Input) -> Result<(), SpeechError> {
        self.tx
            .send(input)
            .map_err(|_| SpeechError::Failed("speech-dispatcher connection ended".into()))
    }
}

impl SpeechEngine for SpeechDispatcher {
    fn speak(
        &mut self,
        u: UtteranceId,
        language: Language,
        sentences: Vec<String>,
    ) -> Result<(), SpeechError> {
        self.send(Input::Speak(u, language, sentences))
    }
    fn pause(&mut self, u: UtteranceId) -> Result<(), SpeechError> {
        self.send(Input::Pause(u))
    }
    fn resume(&mut self, u: UtteranceId) -> Result<(), SpeechError> {
        self.send(Input::Resume(u))
    }
    fn stop(&mut self, u: UtteranceId) -> Result<(), SpeechError> {
        self.send(Input::Stop(u))
    }
    fn is_alive(&self) -> bool {
        self.alive.load(Ordering::SeqCst)
    }
}

impl Drop for SpeechDispatcher {
    fn drop(&mut self) {
        let _ = self.tx.send(Input::Quit);
    }
}

struct Reading {
    utterance: UtteranceId,
    sentences: Vec<String>,
    index: usize,
    /// The daemon's number for the sentence being read; `None` while paused or between
    /// sentences, so notifications about a cancelled sentence are ignored.
    message: Option<u32>,
    paused: bool,
}

struct Worker {
    writer: UnixStream,
    replies: Receiver<Reply>,
    sink: EventSink,
    reading: Option<Reading>,
    alive: Arc<AtomicBool>,
}

impl Worker {
    fn run(mut self, rx: Receiver<Input>) {
        while let Ok(input) = rx.recv() {
            let result = match input {
                Input::Speak(u, language, sentences) => self.speak(u, language, sentences),
                Input::Pause(u) => self.pause(u),
                Input::Resume(u) => self.resume(u),
                Input::Stop(u) => self.stop(u),
                Input::Notification(code, message) => self.notification(code, message),
                Input::Closed => Err(SpeechError::Failed(
                    "speech-dispatcher closed the connection".into(),
                )),
                Input::Quit => {
                    let _ = self.cancel();
                    let _ = self.writer.write_all(b"QUIT\r\n");
                    let _ = self.writer.shutdown(std::net::Shutdown::Both);
                    return;
                }
            };
            if let Err(e) = result {
                log::warn!("read aloud: {e}");
                self.alive.store(false, Ordering::SeqCst);
                self.end(EndReason::Failed);
                let _ = self.writer.shutdown(std::net::Shutdown::Both);
                return;
            }
        }
    }

    fn speak(
        &mut self,
        u: UtteranceId,
        language: Language,
        sentences: Vec<String>,
    ) -> Result<(), SpeechError> {
        let cancelled = if self.reading.is_some() {
            let cancelled = self.cancel();
            self.end(EndReason::Stopped);
            cancelled
        } else {
            Ok(())
        };
        // The reading exists before the first command for it, so a daemon that goes away
        // right now still ends it (as failed) instead of leaving it open for ever.
        self.reading = Some(Reading {
            utterance: u,
            sentences,
            index: 0,
            message: None,
            paused: false,
        });
        cancelled?;
        self.request(&format!("SET self LANGUAGE {}", language.code()))?;
        self.speak_current()
    }

    fn pause(&mut self, u: UtteranceId) -> Result<(), SpeechError> {
        let Some(r) = self
            .reading
            .as_mut()
            .filter(|r| r.utterance == u && !r.paused)
        else {
            return Ok(());
        };
        r.paused = true;
        r.message = None;
        let event = SpeechEvent::Paused {
            utterance: u,
            sentence: index(r.index),
        };
        self.cancel()?;
        (self.sink)(event);
        Ok(())
    }

    fn resume(&mut self, u: UtteranceId) -> Result<(), SpeechError> {
        let Some(r) = self
            .reading
            .as_mut()
            .filter(|r| r.utterance == u && r.paused)
        else {
            return Ok(());
        };
        r.paused = false;
        (self.sink)(SpeechEvent::Resumed {
            utterance: u,
            sentence: index(r.index),
        });
        self.speak_current()
    }

    fn stop(&mut self, u: UtteranceId) -> Result<(), SpeechError> {
        if self.reading.as_ref().is_some_and(|r| r.utterance == u) {
            self.cancel()?;
            self.end(EndReason::Stopped);
        }
        Ok(())
    }

    fn notification(&mut self, code: u16, message: u32) -> Result<(), SpeechError> {
        let Some(r) = self.reading.as_mut().filter(|r| r.message == Some(message)) else {
            return Ok(()); // a sentence cancelled by a pause, a stop or a new reading
        };
        let (utterance, sentence) = (r.utterance, index(r.index));
        match code {
            701 => (self.sink)(SpeechEvent::SentenceStarted {
                utterance,
                sentence,
            }),
            702 => {
                r.message = None;
                r.index += 1;
                let more = r.index < r.sentences.len();
                (self.sink)(SpeechEvent::SentenceFinished {
                    utterance,
                    sentence,
                });
                if more {
                    self.speak_current()?;
                } else {
                    self.end(EndReason::Done);
                }
            }
            // Cancelled by someone else (a screen reader's message of higher priority).
            703 => self.end(EndReason::Stopped),
            _ => {}
        }
        Ok(())
    }

    /// Sends the current sentence as one message and remembers its number.
    fn speak_current(&mut self) -> Result<(), SpeechError> {
        let Some(r) = self.reading.as_ref() else {
            return Ok(());
        };
        let text = r.sentences.get(r.index).cloned().unwrap_or_default();
        self.request("SPEAK")?;
        let mut data = String::new();
        for line in text.lines() {
            // A line starting with a dot would end the message early: SSIP doubles it.
            if line.starts_with('.') {
                data.push('.');
            }
            data.push_str(line);
            data.push_str("\r\n");
        }
        data.push('.');
        let reply = self.request(&data)?;
        let message = reply
            .lines
            .first()
            .and_then(|l| l.parse().ok())
            .ok_or_else(|| SpeechError::Failed(format!("no message id in {:?}", reply.status)))?;
        if let Some(r) = self.reading.as_mut() {
            r.message = Some(message);
        }
        Ok(())
    }

    fn cancel(&mut self) -> Result<(), SpeechError> {
        if let Some(r) = self.reading.as_mut() {
            r.message = None;
        }
        self.request("CANCEL self").map(|_| ())
    }

    /// Ends the current reading and says why.
    fn end(&mut self, reason: EndReason) {
        if let Some(r) = self.reading.take() {
            (self.sink)(SpeechEvent::Ended {
                utterance: r.utterance,
                reason,
            });
        }
    }

    /// Sends one command (one or more lines) and waits for its reply; an error reply (3xx,
    /// 4xx, 5xx) is a failure.
    fn request(&mut self, command: &str) -> Result<Reply, SpeechError> {
        let failed = |e: std::io::Error| SpeechError::Failed(e.to_string());
        self.writer.write_all(command.as_bytes()).map_err(failed)?;
        self.writer.write_all(b"\r\n").map_err(failed)?;
        self.writer.flush().map_err(failed)?;
        let reply = self
            .replies
            .recv_timeout(REPLY_TIMEOUT)
            .map_err(|e| match e {
                RecvTimeoutError::Timeout => {
                    SpeechError::Failed("speech-dispatcher did not answer".into())
                }
                RecvTimeoutError::Disconnected => {
                    SpeechError::Failed("speech-dispatcher closed the connection".into())
                }
            })?;
        if reply.code >= 300 {
            // Name the command, never the text of a sentence: errors reach the log, and a
            // sentence can be something the parent wrote (the care plan in crisis help).
            let what = command
                .split_whitespace()
                .next()
                .filter(|word| matches!(*word, "SET" | "SPEAK" | "CANCEL"))
                .unwrap_or("the text of a sentence");
            return Err(SpeechError::Failed(format!(
                "{what}: {} {}",
                reply.code, reply.status
            )));
        }
        Ok(reply)
    }
}

fn index(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// Reads one SSIP message: lines `NNN-text` and a last line `NNN text`.
fn read_message(reader: &mut impl BufRead) -> std::io::Result<Reply> {
    let invalid =
        |what: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_owned());
    let mut lines = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "closed",
            ));
        }
        let line = line.trim_end_matches(['\r', '\n']);
        let code: u16 = line
            .get(..3)
            .and_then(|c| c.parse().ok())
            .ok_or_else(|| invalid("a line without a status code"))?;
        let rest = line.get(4..).unwrap_or_default().to_owned();
        match line.as_bytes().get(3) {
            Some(b'-') => lines.push(rest),
            Some(b' ') | None => {
                return Ok(Reply {
                    code,
                    lines,
                    status: rest,
                });
            }
            Some(_) => return Err(invalid("a status code without '-' or ' '")),
        }
    }
}

/// The socket, and whether the daemon may be started to open it.
fn socket_path() -> Result<(PathBuf, bool), SpeechError> {
    if let Some(address) = std::env::var_os("SPEECHD_ADDRESS") {
        let address = address.to_string_lossy().into_owned();
        return match address.strip_prefix("unix_socket:") {
            Some(path) if !path.is_empty() => Ok((PathBuf::from(path), false)),
            _ => Err(SpeechError::Unavailable(format!(
                "SPEECHD_ADDRESS {address:?} is not unix_socket:/path"
            ))),
        };
    }
    let runtime = std::env::var_os("XDG_RUNTIME_DIR")
        .ok_or_else(|| SpeechError::Unavailable("XDG_RUNTIME_DIR is not set".into()))?;
    Ok((
        PathBuf::from(runtime).join("speech-dispatcher/speechd.sock"),
        true,
    ))
}

/// Starts the session's daemon as libspeechd does (`--spawn` respects the user's choice to
/// switch autospawn off).
fn spawn_daemon() -> Result<(), SpeechError> {
    let status = Command::new("speech-dispatcher")
        .arg("--spawn")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => {
                SpeechError::Unavailable("speech-dispatcher is not installed".into())
            }
            _ => SpeechError::Unavailable(format!("speech-dispatcher could not be started: {e}")),
        })?;
    if status.success() {
        Ok(())
    } else {
        Err(SpeechError::Unavailable(format!(
            "speech-dispatcher did not start ({status}); is autospawn switched off?"
        )))
    }
}

fn wait_for_socket(path: &std::path::Path) -> Result<UnixStream, SpeechError> {
    let deadline = Instant::now() + SPAWN_TIMEOUT;
    loop {
        match UnixStream::connect(path) {
            Ok(stream) => return Ok(stream),
            Err(e) if Instant::now() >= deadline => {
                return Err(SpeechError::Unavailable(format!(
                    "speech-dispatcher started but {} did not open: {e}",
                    path.display()
                )))
            }
            Err(_) => std::thread::sleep(Duration::from_millis(100)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{read_message, SpeechDispatcher};
    use crate::engine::{EndReason, SpeechEngine, SpeechEvent, UtteranceId};
    use houvast_core::Language;
    use std::io::{BufRead, BufReader, Write};
    use std::os::unix::net::UnixStream;
    use std::sync::{mpsc, Arc, Mutex};
    use std::time::Duration;

    /// A daemon that answers the handshake and goes away at the first command of a reading
    /// (the moment a desktop session may stop it): the reading still ends, as failed. With
    /// the real daemon this was a race a loaded machine lost now and then.
    #[test]
    fn a_daemon_gone_at_the_start_of_a_reading_ends_it_as_failed() {
        let (ours, theirs) = UnixStream::pair().expect("socket pair");
        let daemon = std::thread::spawn(move || {
            let mut writer = theirs.try_clone().expect("clone");
            let mut lines = BufReader::new(theirs).lines();
            while let Some(Ok(line)) = lines.next() {
                if line.starts_with("SET self LANGUAGE") {
                    return; // the socket closes here
                }
                writer.write_all(b"208 OK\r\n").expect("reply");
            }
        });
        let (tx, rx) = mpsc::channel();
        let tx = Mutex::new(tx);
        let sink = Arc::new(move |e: SpeechEvent| {
            let _ = tx.lock().map(|tx| tx.send(e));
        });
        let mut engine = SpeechDispatcher::start(ours, sink).expect("handshake");
        let u = UtteranceId(7);
        engine
            .speak(u, Language::Nl, vec!["Zin.".into()])
            .expect("queued");
        let ended = rx
            .recv_timeout(Duration::from_secs(10))
            .expect("the reading ends");
        assert_eq!(
            ended,
            SpeechEvent::Ended {
                utterance: u,
                reason: EndReason::Failed
            }
        );
        assert!(!engine.is_alive());
        daemon.join().expect("daemon thread");
    }

    #[test]
    fn reads_replies_and_notifications() {
        let input = b"225-17\r\n225 OK MESSAGE QUEUED\r\n701-17\r\n701-3\r\n701 BEGIN\r\n";
        let mut reader = &input[..];
        let queued = read_message(&mut reader).expect("reply");
        assert_eq!(
            (queued.code, queued.lines.as_slice()),
            (225, &["17".to_owned()][..])
        );
        let begin = read_message(&mut reader).expect("notification");
        assert_eq!(begin.code, 701);
        assert_eq!(begin.lines, ["17", "3"]);
        assert!(read_message(&mut reader).is_err(), "end of input");
    }

    #[test]
    fn garbage_from_the_socket_is_an_error_not_a_panic() {
        for input in [
            &b"OK\r\n"[..],
            b"2\r\n",
            b"20x1 what\r\n",
            "éé\u{301}x\r\n".as_bytes(),
        ] {
            let mut reader = input;
            assert!(read_message(&mut reader).is_err(), "{input:?}");
        }
    }
}
