//! The data as a whole through the session's [`Vault`]: the app lock with its waits, the
//! backup written where the parent chose, and the restore on a new machine. Real SQLCipher
//! files, the real keychain (run inside `scripts/with-desktop-session.sh`), real Argon2id.

#![allow(clippy::unwrap_used)] // a test: a failed unwrap is a failed test

use chrono::{DateTime, Duration, TimeZone, Utc};
use houvast_core::{
    AnswerValue, Clock, ErrorCode, Language, LockKind, LockSecretProblem, ModuleId, ProfileInput,
    Programme, QuestionId, TaskKind,
};
use houvast_session::{Session, SessionError, Vault};
use houvast_store::{Keychain, Store, StoreError};
use std::path::Path;

const SERVICE: &str = "nl.houvast.app.test";
const MARKER: &str = "We lazen samen een boek over draken 4be2";

/// A vault under the test service name; its keys are deleted when the test ends.
struct TestVault {
    vault: Vault,
}

impl TestVault {
    fn new(dir: &Path) -> Self {
        let keychain = Keychain::new(SERVICE, dir).expect("keychain entry");
        keychain
            .stored()
            .expect("the keychain answers (run inside scripts/with-desktop-session.sh)");
        Self {
            vault: Vault::new(dir.to_owned(), keychain),
        }
    }
}

impl Drop for TestVault {
    fn drop(&mut self) {
        let _ = self.vault.erase();
    }
}

fn at(minute: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 29, 20, 0, 0).unwrap() + Duration::seconds(minute)
}

fn clock() -> Clock {
    Clock {
        now: at(0),
        tz: chrono_tz::Europe::Amsterdam,
    }
}

/// Onboards a parent and saves one answer with the marker.
fn write_something(programme: &Programme, store: &Store) {
    let session = Session::new(programme, store, clock());
    session
        .onboard(ProfileInput {
            language: Language::Nl,
            pseudonym: "Sam".into(),
            children_ages: vec![6],
            role: Default::default(),
        })
        .unwrap();
    store
        .save_answer(
            &ModuleId::new("good-enough").unwrap(),
            TaskKind::DoTask,
            &QuestionId::new("good-enough.do.moments").unwrap(),
            &AnswerValue::Text {
                text: MARKER.into(),
            },
            at(0),
        )
        .unwrap();
}

fn marker_in(store: &Store) -> bool {
    store
        .answers(&ModuleId::new("good-enough").unwrap(), TaskKind::DoTask)
        .unwrap()
        .values()
        .any(|v| matches!(v, AnswerValue::Text { text } if text == MARKER))
}

#[test]
fn wrong_pins_make_the_next_try_wait_and_a_restart_does_not_reset_the_wait() {
    let programme = Programme::bundled().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let tv = TestVault::new(dir.path());
    let vault = &tv.vault;
    let store = vault.open().unwrap();
    write_something(&programme, &store);

    let refused = vault.set_lock(&store, LockKind::Pin, "12345").unwrap_err();
    assert!(matches!(
        refused,
        SessionError::LockSecretInvalid(LockSecretProblem::PinTooShort)
    ));
    let status = vault.set_lock(&store, LockKind::Pin, "493817").unwrap();
    assert_eq!(status.kind, Some(LockKind::Pin));
    drop(store);

    let locked = vault.open().unwrap_err();
    assert_eq!(locked.code(), ErrorCode::AppLocked);

    for n in 1..=3u32 {
        match vault.unlock("000001", at(n.into())) {
            Err(SessionError::WrongLockSecret {
                failures,
                wait_until,
            }) => {
                assert_eq!(failures, n);
                assert_eq!(
                    wait_until,
                    (n == 3).then(|| at(3) + Duration::seconds(5)),
                    "try {n}"
                );
            }
            other => panic!("try {n}: {other:?}"),
        }
    }
    // Too soon: refused without looking at the PIN, even the right one.
    assert!(matches!(
        vault.unlock("493817", at(4)),
        Err(SessionError::LockWait { until }) if until == at(8)
    ));

    // "Restart": a new vault for the same directory still knows the wait.
    let again = Vault::new(dir.path().to_owned(), vault.keychain().clone());
    let status = again.lock_status(at(4)).unwrap();
    assert_eq!((status.failures, status.wait_until), (3, Some(at(8))));

    let store = again.unlock("493817", at(9)).unwrap();
    assert!(marker_in(&store));
    assert_eq!(again.lock_status(at(9)).unwrap().failures, 0);

    // Nothing in the keychain entry or the files opens the data without the PIN.
    assert!(matches!(
        vault.keychain().key(),
        Err(StoreError::AppLocked {
            kind: LockKind::Pin
        })
    ));
    let status = again.remove_lock(&store).unwrap();
    assert_eq!(status.kind, None);
    drop(store);
    assert!(marker_in(&again.open().unwrap()));
}

#[test]
fn a_backup_restores_on_a_new_machine_and_asks_before_it_replaces_anything() {
    let programme = Programme::bundled().unwrap();
    let old = tempfile::tempdir().unwrap();
    let old_vault = TestVault::new(old.path());
    let store = old_vault.vault.open().unwrap();
    write_something(&programme, &store);
    let session = Session::new(&programme, &store, clock());
    let target = old.path().join("kopie.houvast");

    assert!(matches!(
        session.write_backup(&target, "te kort"),
        Err(SessionError::BackupPassphraseTooShort)
    ));
    assert!(!target.exists());
    let written = session
        .write_backup(&target, "fiets-boom-wolk-zee-42")
        .unwrap();
    assert_eq!(written.bytes, std::fs::metadata(&target).unwrap().len());
    assert_eq!(written.created_at, at(0));
    let file = std::fs::read(&target).unwrap();
    assert!(!file.windows(MARKER.len()).any(|w| w == MARKER.as_bytes()));

    // A new laptop: another data directory, nothing in the keychain for it.
    let new = tempfile::tempdir().unwrap();
    let new_vault = TestVault::new(new.path());
    let wrong = new_vault
        .vault
        .restore(&file, "fiets-boom-wolk-zee-43", false, &mut None)
        .unwrap_err();
    assert_eq!(wrong.code(), ErrorCode::BackupWrongPassphrase);
    assert!(
        !new_vault.vault.has_data(),
        "a refused restore writes nothing"
    );

    // The first start made an empty database (no profile): nothing to lose, nothing asked.
    let mut first_start = Some(new_vault.vault.open().unwrap());
    let done = new_vault
        .vault
        .restore(&file, "fiets-boom-wolk-zee-42", false, &mut first_start)
        .unwrap();
    assert_eq!(done.created_at, at(0));
    assert!(!done.lock_removed);
    let restored = new_vault.vault.open().unwrap();
    assert!(marker_in(&restored));
    assert_eq!(
        Session::new(&programme, &restored, clock())
            .status()
            .unwrap()
            .profile
            .unwrap()
            .pseudonym
            .as_str(),
        "Sam"
    );
    drop(restored);

    // Again, now that there is data: asked first, nothing touched until the parent agrees.
    let mut open = Some(new_vault.vault.open().unwrap());
    match new_vault
        .vault
        .restore(&file, "fiets-boom-wolk-zee-42", false, &mut open)
    {
        Err(e @ SessionError::RestoreWouldReplace { .. }) => {
            assert_eq!(e.code(), ErrorCode::RestoreWouldReplace);
        }
        other => panic!("{other:?}"),
    }
    assert!(open.is_some(), "a refused restore leaves the store open");
    new_vault
        .vault
        .restore(&file, "fiets-boom-wolk-zee-42", true, &mut open)
        .unwrap();
    assert!(open.is_none());
    assert!(marker_in(&new_vault.vault.open().unwrap()));
}
