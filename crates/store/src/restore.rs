//! Putting a backup in place of the database, so that a crash at any moment leaves either the
//! old data (intact and readable) or the restored data — never a mix, never a file without its
//! key.
//!
//! The restored database gets a new key. Until it is in place that key waits in a second
//! keychain entry ([`Keychain::restoring`]) and the old key stays where it was. The order:
//!
//! 1. an empty `houvast.db-restoring` is created, then the marker `houvast.db-restore`;
//! 2. the new key goes into the waiting entry; the backup is written into `-restoring`,
//!    encrypted with it, and synced;
//! 3. the old database's `-wal`/`-shm` go, and `-restoring` is renamed over `houvast.db`: the
//!    one step that switches from old to new;
//! 4. the old key-check file goes, the new key moves into the main entry (replacing the old
//!    key, or the app lock's wrapped key), the waiting entry and the marker go.
//!
//! A start that finds the marker looks at `-restoring`: still there means step 3 did not
//! happen, so the restore is undone (waiting key, marker, then the file); gone means it did,
//! so step 4 is finished. Because `-restoring` exists before the marker and goes after it, a
//! marker without `-restoring` always means "renamed".

use crate::erase::{remove_if_there, sync_dir, with_suffix};
use crate::{create_private_dir, DatabaseKey};
use crate::{keycheck, Keychain, OpenedBackup, Result, Store, StoreError, StoredKey};
use std::path::Path;

pub(crate) const RESTORING: &str = "-restoring";
pub(crate) const MARKER: &str = "-restore";
/// A rollback journal SQLite may leave beside the file being written.
pub(crate) const RESTORING_JOURNAL: &str = "-restoring-journal";

impl Store {
    /// Replaces the database in `data_dir` (closed; there may be none) with `backup`. The
    /// caller has asked the parent before replacing data. The app lock, if one was set, is
    /// gone afterwards: the restored database has a new key, kept open in the keychain.
    pub fn restore_in(data_dir: &Path, keychain: &Keychain, backup: &OpenedBackup) -> Result<()> {
        create_private_dir(data_dir)?;
        let db = data_dir.join(Store::FILE_NAME);
        Store::finish_interrupted_erase(&db, Some(keychain))?;
        finish_interrupted_restore(&db, keychain)?;
        let restoring = with_suffix(&db, RESTORING);
        let marker = with_suffix(&db, MARKER);

        // 1.
        remove_if_there(&with_suffix(&db, RESTORING_JOURNAL))?;
        std::fs::File::create(&restoring)
            .and_then(|f| f.sync_all())
            .map_err(|e| StoreError::io(&restoring, e))?;
        sync_dir(data_dir)?;
        std::fs::write(&marker, b"").map_err(|e| StoreError::io(&marker, e))?;
        sync_dir(data_dir)?;

        // 2.
        let key = DatabaseKey::generate()?;
        let written = keychain
            .restoring()
            .set(&StoredKey::Open(key.clone()))
            .and_then(|()| backup.write_encrypted(&restoring, &key));
        if let Err(e) = written {
            undo(&db, keychain)?;
            return Err(e);
        }

        // 3.
        for suffix in ["-wal", "-shm", "-journal"] {
            remove_if_there(&with_suffix(&db, suffix))?;
        }
        std::fs::rename(&restoring, &db).map_err(|e| StoreError::io(&db, e))?;
        sync_dir(data_dir)?;

        // 4.
        finish(&db, keychain)
    }
}

/// Undoes or finishes a restore that was cut short. Called before a database is opened.
pub(crate) fn finish_interrupted_restore(db: &Path, keychain: &Keychain) -> Result<()> {
    let marker = with_suffix(db, MARKER);
    let restoring = with_suffix(db, RESTORING);
    let exists = |p: &Path| p.try_exists().map_err(|e| StoreError::io(p, e));
    match (exists(&marker)?, exists(&restoring)?) {
        (false, false) => Ok(()),
        // A file from a restore that never got as far as its marker: nothing refers to it.
        (false, true) => {
            remove_if_there(&restoring)?;
            remove_if_there(&with_suffix(db, RESTORING_JOURNAL))
        }
        (true, true) => undo(db, keychain),
        (true, false) => finish(db, keychain),
    }
}

/// Back to the old state: the waiting key, the marker, and last the unfinished file.
fn undo(db: &Path, keychain: &Keychain) -> Result<()> {
    let dir = db.parent().unwrap_or(Path::new("."));
    keychain.restoring().delete_key()?;
    remove_if_there(&with_suffix(db, MARKER))?;
    sync_dir(dir)?;
    remove_if_there(&with_suffix(db, RESTORING))?;
    remove_if_there(&with_suffix(db, RESTORING_JOURNAL))?;
    sync_dir(dir)
}

/// Step 4: the restored file is in place; its key moves into the main entry.
fn finish(db: &Path, keychain: &Keychain) -> Result<()> {
    let dir = db.parent().unwrap_or(Path::new("."));
    // The old key-check file vouches for the old key; the next open writes a new one.
    remove_if_there(&keycheck::path_for(db))?;
    sync_dir(dir)?;
    let waiting = keychain.restoring();
    if let Some(StoredKey::Open(key)) = waiting.stored()? {
        keychain.set(&StoredKey::Open(key))?;
        waiting.delete_key()?;
    }
    remove_if_there(&with_suffix(db, MARKER))?;
    sync_dir(dir)
}

#[cfg(test)]
mod tests {
    //! Against the real keychain (a D-Bus session with an unlocked secret service, as
    //! `scripts/with-desktop-session.sh` gives), under a test service name.
    use super::*;
    use crate::seal::KdfParams;
    use crate::{open_backup, LockKind};
    use chrono::Utc;
    use houvast_core::{AnswerValue, ModuleId, QuestionId, TaskKind};
    use std::path::PathBuf;
    use std::process::{Command, Stdio};
    use std::time::Duration;

    const SERVICE: &str = "nl.houvast.app.test";
    const PASS: &str = "een lange zin voor de kopie";

    struct Cleanup(Keychain);
    impl Drop for Cleanup {
        fn drop(&mut self) {
            let _ = self.0.delete_key();
            let _ = self.0.restoring().delete_key();
        }
    }

    fn keychain(dir: &Path) -> (Keychain, Cleanup) {
        let kc = Keychain::new(SERVICE, dir).expect("keychain entry");
        kc.stored()
            .expect("the keychain answers (run inside a desktop session)");
        (kc.clone(), Cleanup(kc))
    }

    fn answer_of(store: &Store, question: &str) -> Option<String> {
        let module = ModuleId::new("good-enough").unwrap();
        store
            .answers(&module, TaskKind::DoTask)
            .unwrap()
            .into_iter()
            .find(|(q, _)| q.as_str() == question)
            .map(|(_, value)| match value {
                AnswerValue::Text { text } => text,
                other => format!("{other:?}"),
            })
    }

    fn write(store: &Store, question: &str, text: &str) {
        store
            .save_answer(
                &ModuleId::new("good-enough").unwrap(),
                TaskKind::DoTask,
                &QuestionId::new(question).unwrap(),
                &AnswerValue::Text { text: text.into() },
                Utc::now(),
            )
            .unwrap();
    }

    /// A backup file (cheap Argon2id parameters) whose two answers both say `tag`.
    fn backup_saying(tag: &str) -> Vec<u8> {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(
            &dir.path().join(Store::FILE_NAME),
            &DatabaseKey::generate().unwrap(),
        )
        .unwrap();
        write(
            &store,
            "good-enough.do.moments",
            &format!("moment {tag} 91f3"),
        );
        write(&store, "good-enough.do.helped", &format!("helped {tag}"));
        store
            .backup_with(PASS, Utc::now(), KdfParams::TEST)
            .unwrap()
    }

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    fn any_file_contains(dir: &Path, needle: &str) -> Vec<String> {
        names_in(dir)
            .into_iter()
            .filter(|n| {
                let bytes = std::fs::read(dir.join(n)).unwrap();
                bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
            })
            .collect()
    }

    #[test]
    fn a_restore_on_a_new_machine_with_an_empty_keychain_brings_everything_back() {
        let dir = tempfile::tempdir().unwrap();
        let (kc, _cleanup) = keychain(dir.path());
        assert_eq!(kc.stored().unwrap(), None);
        let backup = open_backup(&backup_saying("A"), PASS).unwrap();
        Store::restore_in(dir.path(), &kc, &backup).unwrap();

        assert!(matches!(kc.stored().unwrap(), Some(StoredKey::Open(_))));
        assert_eq!(
            kc.restoring().stored().unwrap(),
            None,
            "no waiting key left"
        );
        let store = Store::open_in(dir.path(), &kc).unwrap();
        assert_eq!(
            answer_of(&store, "good-enough.do.moments").as_deref(),
            Some("moment A 91f3")
        );
        assert_eq!(
            answer_of(&store, "good-enough.do.helped").as_deref(),
            Some("helped A")
        );
        assert_eq!(store.integrity_check().unwrap(), ["ok"]);
        drop(store);
        assert_eq!(names_in(dir.path()), ["houvast.db", "houvast.db-keycheck"]);
        assert_eq!(any_file_contains(dir.path(), "91f3"), Vec::<String>::new());
    }

    #[test]
    fn a_restore_replaces_the_data_and_the_lock_and_the_old_key_no_longer_opens_it() {
        let dir = tempfile::tempdir().unwrap();
        let (kc, _cleanup) = keychain(dir.path());
        let store = Store::open_in(dir.path(), &kc).unwrap();
        write(&store, "good-enough.do.moments", "old words");
        store.set_lock(&kc, LockKind::Pin, "493817").unwrap();
        let old_key = store.key.clone().unwrap();
        drop(store);
        assert!(matches!(
            Store::open_in(dir.path(), &kc),
            Err(StoreError::AppLocked {
                kind: LockKind::Pin
            })
        ));
        // A copy of the keychain entry is not the key: it is wrapped.
        assert!(!matches!(kc.stored().unwrap(), Some(StoredKey::Open(_))));

        let backup = open_backup(&backup_saying("B"), PASS).unwrap();
        Store::restore_in(dir.path(), &kc, &backup).unwrap();
        let store = Store::open_in(dir.path(), &kc).unwrap();
        assert_eq!(
            answer_of(&store, "good-enough.do.moments").as_deref(),
            Some("moment B 91f3")
        );
        assert_ne!(
            store.key.clone().unwrap(),
            old_key,
            "the restored data has a new key"
        );
    }

    #[test]
    fn the_lock_opens_with_the_pin_only() {
        let dir = tempfile::tempdir().unwrap();
        let (kc, _cleanup) = keychain(dir.path());
        let store = Store::open_in(dir.path(), &kc).unwrap();
        write(&store, "good-enough.do.moments", "locked words");
        store.set_lock(&kc, LockKind::Pin, "493817").unwrap();
        drop(store);
        assert!(matches!(
            Store::unlock_in(dir.path(), &kc, "493818"),
            Err(StoreError::WrongLockSecret)
        ));
        let store = Store::unlock_in(dir.path(), &kc, "493817").unwrap();
        assert_eq!(
            answer_of(&store, "good-enough.do.moments").as_deref(),
            Some("locked words")
        );
        store.remove_lock(&kc).unwrap();
        drop(store);
        assert!(Store::open_in(dir.path(), &kc).is_ok());
    }

    #[test]
    fn a_restore_cut_short_before_the_switch_is_undone_at_the_next_start() {
        let dir = tempfile::tempdir().unwrap();
        let (kc, _cleanup) = keychain(dir.path());
        let store = Store::open_in(dir.path(), &kc).unwrap();
        write(&store, "good-enough.do.moments", "kept words");
        drop(store);
        // As a crash in step 2 leaves it: the file half written, the marker, the waiting key.
        let db = dir.path().join(Store::FILE_NAME);
        std::fs::write(with_suffix(&db, RESTORING), b"half a database").unwrap();
        std::fs::write(with_suffix(&db, MARKER), b"").unwrap();
        kc.restoring()
            .set(&StoredKey::Open(DatabaseKey::generate().unwrap()))
            .unwrap();

        let store = Store::open_in(dir.path(), &kc).unwrap();
        assert_eq!(
            answer_of(&store, "good-enough.do.moments").as_deref(),
            Some("kept words")
        );
        assert_eq!(kc.restoring().stored().unwrap(), None);
        drop(store);
        assert_eq!(names_in(dir.path()), ["houvast.db", "houvast.db-keycheck"]);
    }

    #[test]
    fn erasing_leaves_no_file_and_no_key_behind() {
        let dir = tempfile::tempdir().unwrap();
        let (kc, _cleanup) = keychain(dir.path());
        let backup = open_backup(&backup_saying("C"), PASS).unwrap();
        Store::restore_in(dir.path(), &kc, &backup).unwrap();
        kc.restoring()
            .set(&StoredKey::Open(DatabaseKey::generate().unwrap()))
            .unwrap();
        Store::erase_in(dir.path(), Some(&kc)).unwrap();
        assert_eq!(names_in(dir.path()), Vec::<String>::new());
        assert_eq!(kc.stored().unwrap(), None);
        assert_eq!(kc.restoring().stored().unwrap(), None);
    }

    // --- killed halfway -------------------------------------------------------------------

    const CHILD_ENV: &str = "HOUVAST_KILL_CHILD";

    /// Random milliseconds below `max`, from the system's random source.
    fn random_ms(max: u64) -> u64 {
        let mut b = [0u8; 8];
        getrandom::fill(&mut b).unwrap();
        u64::from_le_bytes(b) % max
    }

    /// Runs this test binary's `name` test as a child that loops until killed.
    fn spawn_child(name: &str, args: &str) -> std::process::Child {
        Command::new(std::env::current_exe().unwrap())
            .args([name, "--exact", "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    }

    /// Waits until the child says it is looping, then a random moment, then SIGKILL.
    fn kill_at_random(mut child: std::process::Child, max_ms: u64) {
        use std::io::Read;
        let mut out = child.stdout.take().unwrap();
        let mut byte = [0u8; 1];
        // The child prints one byte when its loop starts.
        out.read_exact(&mut byte).unwrap();
        std::thread::sleep(Duration::from_millis(random_ms(max_ms)));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
    }

    /// The child of the test below: restores A and B in turn, for ever.
    #[test]
    fn restore_child() {
        let Ok(args) = std::env::var(CHILD_ENV) else {
            return;
        };
        let mut parts = args.split('|');
        let dir = PathBuf::from(parts.next().unwrap());
        let a = open_backup(&std::fs::read(parts.next().unwrap()).unwrap(), PASS).unwrap();
        let b = open_backup(&std::fs::read(parts.next().unwrap()).unwrap(), PASS).unwrap();
        let kc = Keychain::new(SERVICE, &dir).unwrap();
        use std::io::Write;
        std::io::stdout().write_all(b"!").unwrap();
        std::io::stdout().flush().unwrap();
        loop {
            Store::restore_in(&dir, &kc, &a).unwrap();
            Store::restore_in(&dir, &kc, &b).unwrap();
        }
    }

    #[test]
    fn a_restore_killed_at_any_moment_leaves_the_old_data_or_the_new_never_a_mix() {
        let work = tempfile::tempdir().unwrap();
        let dir = work.path().join("data");
        let (kc, _cleanup) = keychain(&dir);
        let (a, b) = (work.path().join("a.houvast"), work.path().join("b.houvast"));
        std::fs::write(&a, backup_saying("A")).unwrap();
        std::fs::write(&b, backup_saying("B")).unwrap();
        Store::restore_in(
            &dir,
            &kc,
            &open_backup(&std::fs::read(&a).unwrap(), PASS).unwrap(),
        )
        .unwrap();
        let args = format!("{}|{}|{}", dir.display(), a.display(), b.display());
        let mut seen = std::collections::BTreeSet::new();
        for round in 0..25 {
            kill_at_random(spawn_child("restore::tests::restore_child", &args), 400);
            let store = Store::open_in(&dir, &kc)
                .unwrap_or_else(|e| panic!("round {round}: the data does not open: {e}"));
            let moment = answer_of(&store, "good-enough.do.moments").unwrap();
            let helped = answer_of(&store, "good-enough.do.helped").unwrap();
            let tag = moment.split(' ').nth(1).unwrap().to_owned();
            assert_eq!(
                helped,
                format!("helped {tag}"),
                "round {round}: a mix of two backups"
            );
            assert_eq!(store.integrity_check().unwrap(), ["ok"], "round {round}");
            assert_eq!(kc.restoring().stored().unwrap(), None, "round {round}");
            seen.insert(tag);
            drop(store);
            assert_eq!(
                names_in(&dir),
                ["houvast.db", "houvast.db-keycheck"],
                "round {round}"
            );
        }
        eprintln!("restores killed 25 times; found {seen:?}");
    }

    /// The child of the test below: writes a backup over the same file, for ever.
    #[test]
    fn backup_child() {
        let Ok(args) = std::env::var(CHILD_ENV) else {
            return;
        };
        let (db, target) = args.split_once('|').unwrap();
        let store = Store::open(Path::new(db), &DatabaseKey::from_bytes([5; 32])).unwrap();
        use std::io::Write;
        std::io::stdout().write_all(b"!").unwrap();
        std::io::stdout().flush().unwrap();
        for n in 0.. {
            write(
                &store,
                "good-enough.do.moments",
                &format!("moment {n} 91f3"),
            );
            store
                .write_backup_with(Path::new(target), PASS, Utc::now(), KdfParams::TEST)
                .unwrap();
        }
    }

    #[test]
    fn a_backup_killed_at_any_moment_leaves_the_last_whole_backup_and_the_data_sound() {
        let work = tempfile::tempdir().unwrap();
        let db = work.path().join(Store::FILE_NAME);
        let target = work.path().join("kopie.houvast");
        {
            let store = Store::open(&db, &DatabaseKey::from_bytes([5; 32])).unwrap();
            write(&store, "good-enough.do.moments", "moment first 91f3");
            store
                .write_backup_with(&target, PASS, Utc::now(), KdfParams::TEST)
                .unwrap();
        }
        let args = format!("{}|{}", db.display(), target.display());
        for round in 0..15 {
            kill_at_random(spawn_child("restore::tests::backup_child", &args), 300);
            let backup = open_backup(&std::fs::read(&target).unwrap(), PASS)
                .unwrap_or_else(|e| panic!("round {round}: the backup does not open: {e}"));
            assert!(backup.manifest.schema_version > 0);
            let store = Store::open(&db, &DatabaseKey::from_bytes([5; 32])).unwrap();
            assert_eq!(store.integrity_check().unwrap(), ["ok"], "round {round}");
            drop(store);
            assert_eq!(any_file_contains(work.path(), "91f3"), Vec::<String>::new());
        }
    }
}
