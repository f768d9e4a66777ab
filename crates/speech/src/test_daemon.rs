//! A real speech-dispatcher for tests (feature `test-daemon`), shared by this crate's engine
//! tests and the app's IPC tests: Debian's espeak-ng voices, on a socket in a temporary
//! directory, logging everything (level 5: the text of each message and the language sent to
//! the voice) and playing into a file instead of a sound card (ALSA's `file` device), so a test
//! can check what was said, in which language, and that sound came out.
//!
//! Needs the Debian packages `speech-dispatcher`, `speech-dispatcher-espeak-ng` and `espeak-ng`
//! (`scripts/ensure-deps.sh test`). Panics when they are missing: it is for tests only.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The daemon, and the directory its socket, log and sound live in; stopped when dropped.
pub struct TestDaemon {
    child: Child,
    dir: tempfile::TempDir,
}

impl TestDaemon {
    /// Starts the daemon and waits until its socket takes connections.
    pub fn start() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let conf = dir.path().join("conf");
        std::fs::create_dir_all(conf.join("modules")).expect("conf dir");
        std::fs::copy(
            "/etc/speech-dispatcher/modules/espeak-ng.conf",
            conf.join("modules/espeak-ng.conf"),
        )
        .expect("speech-dispatcher-espeak-ng is installed (scripts/ensure-deps.sh test)");
        std::fs::write(
            conf.join("speechd.conf"),
            format!(
                "LogLevel 5\nLogDir \"{log}\"\nAudioOutputMethod \"alsa\"\n\
                 AudioALSADevice \"file:FILE={audio},FORMAT=raw\"\n\
                 AddModule \"espeak-ng\" \"sd_espeak-ng\" \"espeak-ng.conf\"\n\
                 DefaultModule espeak-ng\n",
                log = dir.path().display(),
                audio = dir.path().join("audio.raw").display(),
            ),
        )
        .expect("speechd.conf");
        let socket = dir.path().join("speechd.sock");
        let child = Command::new("speech-dispatcher")
            .args(["--run-single", "--timeout", "0", "--log-level", "5"])
            .arg("--config-dir")
            .arg(&conf)
            .arg("--socket-path")
            .arg(&socket)
            .arg("--pid-file")
            .arg(dir.path().join("speechd.pid"))
            .env("XDG_RUNTIME_DIR", dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("speech-dispatcher is installed (scripts/ensure-deps.sh test)");
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::os::unix::net::UnixStream::connect(&socket).is_err() {
            assert!(
                Instant::now() < deadline,
                "speech-dispatcher did not open its socket"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Self { child, dir }
    }

    /// The socket the daemon listens on.
    pub fn socket(&self) -> PathBuf {
        self.dir.path().join("speechd.sock")
    }

    /// The socket as `SPEECHD_ADDRESS` names it, for code that finds the daemon as an app does.
    pub fn address(&self) -> String {
        format!("unix_socket:{}", self.socket().display())
    }

    /// The daemon's process id (to stop it as a desktop session would).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Waits until the daemon has exited.
    pub fn wait(&mut self) {
        let _ = self.child.wait();
    }

    /// Everything the daemon logged so far.
    pub fn log(&self) -> String {
        let bytes =
            std::fs::read(self.dir.path().join("speech-dispatcher.log")).unwrap_or_default();
        String::from_utf8_lossy(&bytes).into_owned()
    }

    /// The raw sound played so far.
    pub fn audio(&self) -> Vec<u8> {
        std::fs::read(self.dir.path().join("audio.raw")).unwrap_or_default()
    }
}

impl Drop for TestDaemon {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
