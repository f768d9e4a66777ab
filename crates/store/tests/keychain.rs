//! Tests against the real OS keychain. On Linux they need a D-Bus session with an unlocked
//! secret service; without one they fail (they do not skip), because a skipped keychain test
//! looks exactly like a passing one. Run them alone with `cargo test -p houvast-store keychain_`:
//!
//! ```text
//! export XDG_DATA_HOME=$(mktemp -d)
//! dbus-run-session -- bash -c 'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; sleep 0.5; cargo test -p houvast-store'
//! ```

use houvast_core::{AnswerValue, ErrorCode, ModuleId, QuestionId, TaskKind};
use houvast_store::{Keychain, Store, StoreError};
use std::path::Path;

/// A separate service name, so these tests never touch the app's own key.
const TEST_SERVICE: &str = "nl.houvast.app.test";

const HOW_TO_RUN: &str = "keychain tests need a D-Bus session with an unlocked secret service; run: \
    dbus-run-session -- bash -c 'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; sleep 0.5; cargo test -p houvast-store'";

/// The test entry for `dir`, after checking the keychain really answers.
fn keychain(dir: &Path) -> Keychain {
    #[cfg(target_os = "linux")]
    assert!(
        std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some(),
        "no D-Bus session (DBUS_SESSION_BUS_ADDRESS is not set): {HOW_TO_RUN}"
    );
    let keychain = Keychain::new(TEST_SERVICE, dir).expect("keychain entry");
    if let Err(e) = keychain.key() {
        panic!(
            "the keychain does not answer ({:?}: {e}): {HOW_TO_RUN}",
            e.code()
        );
    }
    keychain
}

/// Deletes the test key even when an assertion fails.
struct Cleanup(Keychain);

impl Drop for Cleanup {
    fn drop(&mut self) {
        let _ = self.0.delete_key();
    }
}

#[test]
fn keychain_key_is_created_once_kept_and_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let kc = keychain(dir.path());
    let _cleanup = Cleanup(kc.clone());
    assert_eq!(kc.key().unwrap(), None);

    let created = kc.get_or_create_key().unwrap();
    assert_eq!(kc.key().unwrap(), Some(created.clone()));
    assert_eq!(
        kc.get_or_create_key().unwrap(),
        created,
        "an existing key is never replaced"
    );
    // A fresh handle for the same directory finds it: it is in the keychain, not in memory.
    assert_eq!(
        Keychain::new(TEST_SERVICE, dir.path())
            .unwrap()
            .key()
            .unwrap(),
        Some(created)
    );

    kc.delete_key().unwrap();
    assert_eq!(kc.key().unwrap(), None);
    kc.delete_key().unwrap();
}

#[test]
fn keychain_keys_of_different_data_dirs_are_separate() {
    let dir = tempfile::tempdir().unwrap();
    let a = keychain(&dir.path().join("a"));
    let b = keychain(&dir.path().join("b"));
    let _cleanup = (Cleanup(a.clone()), Cleanup(b.clone()));
    let key_a = a.get_or_create_key().unwrap();
    let key_b = b.get_or_create_key().unwrap();
    assert_ne!(key_a, key_b);
    b.delete_key().unwrap();
    assert_eq!(a.key().unwrap(), Some(key_a));
}

#[test]
fn keychain_open_in_creates_key_and_database_then_reuses_them() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("nested").join("data");
    let kc = keychain(&data);
    let _cleanup = Cleanup(kc.clone());
    let m = ModuleId::new("good-enough").unwrap();
    let q = QuestionId::new("good-enough.do.moments").unwrap();
    let answer = AnswerValue::Text {
        text: "Samen gelachen.".into(),
    };

    let store = Store::open_in(&data, &kc).unwrap();
    assert_eq!(store.path(), data.join("houvast.db"));
    store
        .save_answer(&m, TaskKind::DoTask, &q, &answer, chrono::Utc::now())
        .unwrap();
    drop(store);
    let key = kc.key().unwrap().expect("the first run saved a key");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&data).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700, "the data directory is private");
    }

    let store = Store::open_in(&data, &kc).unwrap();
    assert_eq!(store.answers(&m, TaskKind::DoTask).unwrap()[&q], answer);
    assert_eq!(kc.key().unwrap(), Some(key));
}

#[test]
fn keychain_open_in_with_a_database_but_no_key_is_key_missing_and_touches_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let kc = keychain(dir.path());
    let _cleanup = Cleanup(kc.clone());
    drop(Store::open_in(dir.path(), &kc).unwrap());
    kc.delete_key().unwrap();
    let db = dir.path().join(Store::FILE_NAME);
    let before = std::fs::read(&db).unwrap();

    let err = Store::open_in(dir.path(), &kc).unwrap_err();
    assert!(matches!(err, StoreError::KeyMissing), "{err:?}");
    assert_eq!(err.code(), ErrorCode::KeyMissing);
    assert_eq!(std::fs::read(&db).unwrap(), before);
    assert_eq!(
        kc.key().unwrap(),
        None,
        "no new key was made for the existing database"
    );
}

/// A keyring that is not unlocked (no password given to gnome-keyring, no one to answer the
/// prompt) must give the "locked" screen, not "unavailable" and never a new key. This starts
/// its own D-Bus session with such a keyring and runs `locked_keyring_probe` in it.
#[cfg(target_os = "linux")]
#[test]
fn keychain_a_locked_keyring_is_reported_as_locked() {
    let data_home = tempfile::tempdir().unwrap();
    // A runtime dir of its own, or gnome-keyring finds the caller's (unlocked) daemon's socket.
    let runtime_dir = tempfile::tempdir().unwrap();
    let test_binary = std::env::current_exe().unwrap();
    let script = format!(
        "gnome-keyring-daemon --start --components=secrets >/dev/null; sleep 0.5; \
         exec '{}' --ignored --exact locked_keyring_probe --nocapture",
        test_binary.display()
    );
    let output = std::process::Command::new("timeout")
        .args(["60", "dbus-run-session", "--", "bash", "-c", &script])
        .env("XDG_DATA_HOME", data_home.path())
        .env("XDG_RUNTIME_DIR", runtime_dir.path())
        // With a display, gnome-keyring would put up an unlock prompt and wait for a person.
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap_or_else(|e| panic!("cannot start dbus-run-session ({e}): {HOW_TO_RUN}"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let probe = stdout.lines().find(|l| l.starts_with("PROBE ")).unwrap_or_else(|| {
        panic!(
            "the probe did not run (needs dbus-run-session and gnome-keyring-daemon):\n{stdout}\n{}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    assert!(
        probe.starts_with("PROBE KeychainLocked db_made=false "),
        "{probe}"
    );
}

/// Run by `keychain_a_locked_keyring_is_reported_as_locked` inside its own D-Bus session
/// whose keyring is not unlocked; ignored on its own.
#[test]
#[ignore = "started by keychain_a_locked_keyring_is_reported_as_locked"]
fn locked_keyring_probe() {
    let dir = tempfile::tempdir().unwrap();
    let kc = Keychain::new(TEST_SERVICE, dir.path()).unwrap();
    match Store::open_in(dir.path(), &kc) {
        Ok(_) => println!("PROBE ok: the keyring was not locked"),
        Err(e) => {
            let db_made = dir.path().join(Store::FILE_NAME).exists();
            println!("PROBE {:?} db_made={db_made} {e}", e.code());
        }
    }
}

/// Files in `dir`, by name.
fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn keychain_erase_destroys_the_key_and_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let kc = keychain(dir.path());
    let _cleanup = Cleanup(kc.clone());
    let store = Store::open_in(dir.path(), &kc).unwrap();
    let m = ModuleId::new("good-enough").unwrap();
    let q = QuestionId::new("good-enough.do.moments").unwrap();
    let answer = AnswerValue::Text {
        text: "Wat ik schreef".into(),
    };
    store
        .save_answer(&m, TaskKind::DoTask, &q, &answer, chrono::Utc::now())
        .unwrap();
    assert!(
        files_in(dir.path()).len() >= 2,
        "the database and its sidecars"
    );

    store.erase(Some(&kc)).unwrap();
    assert_eq!(
        files_in(dir.path()),
        Vec::<String>::new(),
        "no file is left"
    );
    assert_eq!(kc.key().unwrap(), None, "the key is gone from the keychain");

    // The next start is a fresh start: a new key, an empty database.
    let store = Store::open_in(dir.path(), &kc).unwrap();
    assert!(store.answers(&m, TaskKind::DoTask).unwrap().is_empty());
    assert!(store.profile().unwrap().is_none());
}

#[test]
fn keychain_a_deletion_cut_short_after_the_key_is_finished_at_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let kc = keychain(dir.path());
    let _cleanup = Cleanup(kc.clone());
    drop(Store::open_in(dir.path(), &kc).unwrap());
    // The state a crash right after destroying the key leaves: the marker, no key, the files.
    let db = dir.path().join(Store::FILE_NAME);
    std::fs::write(dir.path().join("houvast.db-erasing"), b"").unwrap();
    kc.delete_key().unwrap();
    assert!(db.exists());

    // Not "the key is missing": the deletion is finished and the parent starts fresh.
    let store = Store::open_in(dir.path(), &kc).unwrap();
    assert!(store.profile().unwrap().is_none());
    assert!(
        kc.key().unwrap().is_some(),
        "a new key for the new database"
    );
    assert!(!dir.path().join("houvast.db-erasing").exists());
}
