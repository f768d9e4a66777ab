//! The encrypted database on real files in a temporary directory. No keychain here: these
//! tests pass the key directly (see tests/keychain.rs for the keychain).

use chrono::{DateTime, TimeZone, Utc};
use houvast_core::{
    AnswerValue, Child, ErrorCode, Language, ModuleId, OptionId, PageIndex, Profile, Pseudonym,
    QuestionId, TaskKind,
};
use houvast_store::{DatabaseKey, Store, StoreError};
use std::path::{Path, PathBuf};

const MARKER: &str = "MARKER-ons-geheim-4f1c9e";

fn key(byte: u8) -> DatabaseKey {
    DatabaseKey::from_bytes([byte; 32])
}

/// Opens the file with plain rusqlite and the same raw key, to look behind the store's back.
fn raw(path: &Path, key_byte: u8) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(path).expect("open raw");
    let hex = format!("{key_byte:02x}").repeat(32);
    conn.execute_batch(&format!("PRAGMA key = \"x'{hex}'\";"))
        .expect("key");
    conn
}

fn at(minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 10, 20, minute, 0)
        .single()
        .expect("valid time")
        + chrono::Duration::nanoseconds(123_456_789)
}

fn module(id: &str) -> ModuleId {
    ModuleId::new(id).expect("module id")
}

fn question(id: &str) -> QuestionId {
    QuestionId::new(id).expect("question id")
}

fn text(s: &str) -> AnswerValue {
    AnswerValue::Text { text: s.to_owned() }
}

fn profile() -> Profile {
    Profile {
        language: Language::Nl,
        pseudonym: Pseudonym::new("Sam").expect("pseudonym"),
        role: Default::default(),
        children: vec![Child {
            age_years: 6,
            recorded_on: chrono::NaiveDate::from_ymd_opt(2026, 1, 5).expect("date"),
        }],
    }
}

fn db_files(db: &Path) -> Vec<PathBuf> {
    ["", "-wal", "-shm", "-journal", "-keycheck"]
        .iter()
        .map(|suffix| PathBuf::from(format!("{}{suffix}", db.display())))
        .filter(|p| p.exists())
        .collect()
}

/// The files (of the database at `db`) whose bytes contain `needle`.
fn files_containing(db: &Path, needle: &str) -> Vec<PathBuf> {
    db_files(db)
        .into_iter()
        .filter(|p| {
            let bytes = std::fs::read(p).expect("read file");
            bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
        })
        .collect()
}

fn snapshot(db: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    db_files(db)
        .into_iter()
        .map(|p| (p.clone(), std::fs::read(&p).expect("read")))
        .collect()
}

#[test]
fn nothing_the_parent_writes_is_readable_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("houvast.db");
    let store = Store::open(&db, &key(1)).unwrap();
    let m = module("good-enough");
    store
        .save_answer(
            &m,
            TaskKind::DoTask,
            &question("good-enough.do.moments"),
            &text(MARKER),
            at(1),
        )
        .unwrap();
    store.mark_started(&m, at(0)).unwrap();

    // While open the answer sits in the WAL: that file must be encrypted too.
    let wal = PathBuf::from(format!("{}-wal", db.display()));
    assert!(
        std::fs::metadata(&wal).unwrap().len() > 0,
        "the save should be in the WAL"
    );
    assert_eq!(files_containing(&db, MARKER), Vec::<PathBuf>::new());
    assert_eq!(files_containing(&db, "good-enough"), Vec::<PathBuf>::new());

    drop(store);
    assert!(!db_files(&db).is_empty());
    assert_eq!(files_containing(&db, MARKER), Vec::<PathBuf>::new());
    assert_eq!(
        files_containing(&db, "SQLite format 3"),
        Vec::<PathBuf>::new()
    );
}

/// The control for the test above: the same scan does find the marker in a plain SQLite
/// database, so an empty result there means encryption, not a blind scan.
#[test]
fn the_disk_scan_finds_the_marker_in_a_plain_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("plain.db");
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("PRAGMA journal_mode = WAL; CREATE TABLE t (v TEXT);")
        .unwrap();
    conn.execute("INSERT INTO t VALUES (?1)", [MARKER]).unwrap();
    assert_eq!(
        files_containing(&db, MARKER),
        vec![PathBuf::from(format!("{}-wal", db.display()))]
    );
    drop(conn);
    assert_eq!(files_containing(&db, MARKER), vec![db.clone()]);
}

#[cfg(feature = "unencrypted-for-bench")]
#[test]
fn the_unencrypted_store_does_leak_the_marker() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("plain.db");
    let store = Store::open_unencrypted(&db).unwrap();
    store
        .save_answer(
            &module("m"),
            TaskKind::DoTask,
            &question("m.q"),
            &text(MARKER),
            at(1),
        )
        .unwrap();
    drop(store);
    assert_eq!(files_containing(&db, MARKER), vec![db.clone()]);
}

#[test]
fn reopening_with_the_right_key_finds_everything() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("houvast.db");
    let m = module("talking");
    let q = question("talking.home.how");
    {
        let store = Store::open(&db, &key(2)).unwrap();
        assert_eq!(store.profile().unwrap(), None);
        store.save_profile(&profile()).unwrap();
        store.mark_started(&m, at(1)).unwrap();
        store.mark_page_read(&m, PageIndex(0), at(2)).unwrap();
        store.mark_page_read(&m, PageIndex(3), at(3)).unwrap();
        store.mark_task_done(&m, TaskKind::DoTask, at(4)).unwrap();
        store
            .save_answer(
                &m,
                TaskKind::HomeAssignment,
                &q,
                &text("Rustig gebleven."),
                at(5),
            )
            .unwrap();
    }
    let store = Store::open(&db, &key(2)).unwrap();
    assert_eq!(store.profile().unwrap(), Some(profile()));
    let progress = store.all_progress().unwrap();
    assert_eq!(progress.len(), 1);
    assert_eq!(progress[0].module_id, m);
    assert_eq!(progress[0].started_at, Some(at(1)));
    assert_eq!(
        progress[0]
            .pages_read
            .iter()
            .map(|p| p.get())
            .collect::<Vec<_>>(),
        vec![0, 3]
    );
    assert_eq!(progress[0].do_task_done_at, Some(at(4)));
    assert_eq!(progress[0].home_assignment_done_at, None);
    let answers = store.answers(&m, TaskKind::HomeAssignment).unwrap();
    assert_eq!(answers.get(&q), Some(&text("Rustig gebleven.")));
    assert!(store.answers(&m, TaskKind::DoTask).unwrap().is_empty());
}

#[test]
fn a_wrong_key_is_reported_as_wrong_key_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("houvast.db");
    Store::open(&db, &key(3))
        .unwrap()
        .save_profile(&profile())
        .unwrap();
    let before = snapshot(&db);

    let err = Store::open(&db, &key(4)).unwrap_err();
    assert!(matches!(err, StoreError::WrongKey), "{err:?}");
    assert_eq!(err.code(), ErrorCode::WrongKey);
    assert_eq!(snapshot(&db), before);
    assert_eq!(
        Store::open(&db, &key(3)).unwrap().profile().unwrap(),
        Some(profile())
    );
}

#[test]
fn random_bytes_are_reported_as_corrupt_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("houvast.db");
    drop(Store::open(&db, &key(5)).unwrap());
    let mut noise = vec![0u8; 64 * 1024];
    getrandom::fill(&mut noise).unwrap();
    std::fs::write(&db, &noise).unwrap();
    let before = snapshot(&db);

    let err = Store::open(&db, &key(5)).unwrap_err();
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err:?}");
    assert_eq!(err.code(), ErrorCode::DatabaseCorrupt);
    assert_eq!(std::fs::read(&db).unwrap(), noise);
    assert_eq!(snapshot(&db), before);

    // With another key the check file does not open either: the key is the likelier fault.
    assert!(matches!(
        Store::open(&db, &key(6)),
        Err(StoreError::WrongKey)
    ));

    // Without the check file nothing can tell the two apart, and the error says so.
    std::fs::remove_file(format!("{}-keycheck", db.display())).unwrap();
    let err = Store::open(&db, &key(5)).unwrap_err();
    assert!(matches!(err, StoreError::WrongKeyOrCorrupt), "{err:?}");
    assert_eq!(err.code(), ErrorCode::WrongKeyOrCorrupt);
    assert_eq!(std::fs::read(&db).unwrap(), noise);
}

#[test]
fn a_database_from_a_newer_version_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("houvast.db");
    drop(Store::open(&db, &key(7)).unwrap());
    let future = Store::SCHEMA_VERSION + 1;
    {
        let conn = raw(&db, 7);
        conn.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, 'future', 'x')",
            [future],
        )
        .unwrap();
    }
    let before = snapshot(&db);

    let err = Store::open(&db, &key(7)).unwrap_err();
    assert!(
        matches!(err, StoreError::DatabaseTooNew { found, supported }
            if found == future && supported == Store::SCHEMA_VERSION),
        "{err:?}"
    );
    assert_eq!(err.code(), ErrorCode::DatabaseTooNew);
    assert_eq!(snapshot(&db), before);
}

#[test]
fn migrations_are_recorded_and_the_database_is_in_wal_mode() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("houvast.db");
    let store = Store::open(&db, &key(8)).unwrap();
    assert_eq!(store.schema_version().unwrap(), Store::SCHEMA_VERSION);
    drop(store);
    drop(Store::open(&db, &key(8)).unwrap());

    let conn = raw(&db, 8);
    let rows: Vec<(u32, String, String)> = conn
        .prepare("SELECT version, name, applied_at FROM schema_migrations ORDER BY version")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let versions: Vec<u32> = rows.iter().map(|r| r.0).collect();
    // The numbers of the files in migrations/ (a number can be taken by another branch).
    let mut files: Vec<u32> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations"))
        .unwrap()
        .map(|e| {
            e.unwrap().file_name().to_string_lossy()[..4]
                .parse()
                .unwrap()
        })
        .collect();
    files.sort_unstable();
    assert_eq!(versions, files, "each applied once");
    assert_eq!(versions.last(), Some(&Store::SCHEMA_VERSION));
    assert_eq!(rows[0].1, "init");
    assert!(DateTime::parse_from_rfc3339(&rows[0].2).is_ok());
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn the_integrity_check_passes_a_sound_file_and_names_a_broken_index() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("houvast.db");
    let store = Store::open(&db, &key(9)).unwrap();
    store.save_profile(&profile()).unwrap();
    assert_eq!(store.integrity_check().unwrap(), vec!["ok".to_owned()]);
    drop(store);

    // Every page stays authentic (SQLCipher's HMAC would refuse a flipped byte before SQLite
    // looked at it): the index is redefined on another column behind SQLite's back, so its
    // entries no longer match the table.
    let conn = raw(&db, 9);
    conn.execute_batch(
        "CREATE TABLE sample (a TEXT NOT NULL, b TEXT NOT NULL);
         CREATE INDEX sample_a ON sample (a);
         INSERT INTO sample VALUES ('1', 'z'), ('2', 'y'), ('3', 'x');
         PRAGMA writable_schema = ON;
         UPDATE sqlite_master SET sql = 'CREATE INDEX sample_a ON sample (b)'
          WHERE name = 'sample_a';
         PRAGMA writable_schema = OFF;",
    )
    .unwrap();
    drop(conn);

    let store = Store::open(&db, &key(9)).unwrap();
    let problems = store.integrity_check().unwrap();
    assert_ne!(problems, vec!["ok".to_owned()]);
    assert!(
        problems.iter().any(|line| line.contains("sample_a")),
        "{problems:?}"
    );
}

#[test]
fn an_answer_is_one_row_per_question_and_the_last_save_wins() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("houvast.db");
    let store = Store::open(&db, &key(9)).unwrap();
    let m = module("limits");
    let q = question("limits.do.plan");
    store
        .save_answer(&m, TaskKind::DoTask, &q, &text("Eerst"), at(1))
        .unwrap();
    store
        .save_answer(&m, TaskKind::DoTask, &q, &text("Eerst ademhalen"), at(2))
        .unwrap();
    let choice = AnswerValue::Choice {
        selected: ["walk", "friend"]
            .map(|o| OptionId::new(o).unwrap())
            .to_vec(),
    };
    let scale = AnswerValue::Scale { value: 7 };
    store
        .save_answer(
            &m,
            TaskKind::DoTask,
            &question("limits.do.care"),
            &choice,
            at(3),
        )
        .unwrap();
    store
        .save_answer(
            &m,
            TaskKind::HomeAssignment,
            &question("limits.home.score"),
            &scale,
            at(3),
        )
        .unwrap();

    let answers = store.answers(&m, TaskKind::DoTask).unwrap();
    assert_eq!(answers.len(), 2);
    assert_eq!(answers[&q], text("Eerst ademhalen"));
    assert_eq!(answers[&question("limits.do.care")], choice);
    assert_eq!(
        store.answers(&m, TaskKind::HomeAssignment).unwrap().len(),
        1
    );
    assert!(store
        .answers(&module("network"), TaskKind::DoTask)
        .unwrap()
        .is_empty());
    drop(store);

    let rows: u32 = raw(&db, 9)
        .query_row(
            "SELECT count(*) FROM answer WHERE question_id = ?1",
            [q.as_str()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(rows, 1);
}

#[test]
fn progress_keeps_the_first_times() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("houvast.db"), &key(10)).unwrap();
    let a = module("good-enough");
    let b = module("development");
    store.mark_started(&a, at(10)).unwrap();
    store.mark_started(&a, at(20)).unwrap();
    store.mark_task_done(&a, TaskKind::DoTask, at(11)).unwrap();
    store.mark_task_done(&a, TaskKind::DoTask, at(21)).unwrap();
    store
        .mark_task_done(&a, TaskKind::HomeAssignment, at(30))
        .unwrap();
    store
        .mark_task_done(&a, TaskKind::HomeAssignment, at(40))
        .unwrap();
    store.mark_page_read(&a, PageIndex(1), at(12)).unwrap();
    store.mark_page_read(&a, PageIndex(1), at(22)).unwrap();
    // Reading a page of a module that was never "started" still records the page.
    store.mark_page_read(&b, PageIndex(2), at(13)).unwrap();

    let progress = store.all_progress().unwrap();
    assert_eq!(
        progress
            .iter()
            .map(|p| p.module_id.as_str())
            .collect::<Vec<_>>(),
        ["development", "good-enough"]
    );
    let (pb, pa) = (&progress[0], &progress[1]);
    assert_eq!(pa.started_at, Some(at(10)));
    assert_eq!(pa.do_task_done_at, Some(at(11)));
    assert_eq!(pa.home_assignment_done_at, Some(at(30)));
    assert_eq!(
        pa.pages_read.iter().map(|p| p.get()).collect::<Vec<_>>(),
        vec![1]
    );
    assert_eq!(pb.started_at, None);
    assert_eq!(
        pb.pages_read.iter().map(|p| p.get()).collect::<Vec<_>>(),
        vec![2]
    );

    // A later start of b fills in; it was not started before.
    store.mark_started(&b, at(50)).unwrap();
    assert_eq!(store.all_progress().unwrap()[0].started_at, Some(at(50)));
}

#[test]
fn the_profile_is_a_single_row_that_is_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("houvast.db");
    let store = Store::open(&db, &key(11)).unwrap();
    store.save_profile(&profile()).unwrap();
    let mut changed = profile();
    changed.language = Language::En;
    changed.pseudonym = Pseudonym::new("Alex").unwrap();
    store.save_profile(&changed).unwrap();
    assert_eq!(store.profile().unwrap(), Some(changed));
    drop(store);
    let rows: u32 = raw(&db, 11)
        .query_row("SELECT count(*) FROM profile", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 1);
}
