//! Whether notifications reach the parent (rules: `houvast_core::reminder::DeliveryState`).
//!
//! The state is a small file beside the database, not a table in it: a notification can fail
//! while the app lock keeps the database closed (after a restart, before the PIN), and that
//! failure must be kept too. The file holds times and causes only, never a text the parent
//! wrote or the words of a reminder. It survives a restart and goes with "delete everything".

use crate::{Result, Session};
use chrono::{DateTime, Utc};
use houvast_core::reminder::{
    test_notification_text, DeliveryFailure, DeliveryState, DeliveryStatus, NoticeKind,
    NotificationText,
};
use houvast_core::Language;
use houvast_store::{remove_if_there, write_atomically, StoreError};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

const FILE: &str = "notifications.json";

/// The record of what happened to the app's notifications. One per data directory, shared by
/// the reminder thread and the commands; its lock keeps their read-change-write steps apart.
#[derive(Debug)]
pub struct DeliveryLog {
    dir: PathBuf,
    lock: Mutex<()>,
}

impl DeliveryLog {
    pub fn in_dir(data_dir: &Path) -> Self {
        Self {
            dir: data_dir.to_owned(),
            lock: Mutex::new(()),
        }
    }

    fn path(&self) -> PathBuf {
        self.dir.join(FILE)
    }

    fn guard(&self) -> MutexGuard<'_, ()> {
        // The guarded data is the file; a panic mid-write leaves the old file (atomic rename).
        self.lock.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The kept state. A file that is missing or does not read counts as nothing known yet:
    /// the worst that costs is a banner that shows one notification late.
    fn load(&self) -> DeliveryState {
        std::fs::read(self.path())
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    fn change<T>(
        &self,
        f: impl FnOnce(&mut DeliveryState) -> std::result::Result<T, crate::SessionError>,
    ) -> Result<DeliveryStatus> {
        let _guard = self.guard();
        let mut state = self.load();
        f(&mut state)?;
        let json = serde_json::to_vec(&state).map_err(|e| StoreError::StoredDataInvalid {
            what: "notification record",
            cause: e.to_string(),
        })?;
        std::fs::create_dir_all(&self.dir).map_err(|source| StoreError::Io {
            path: self.dir.clone(),
            source,
        })?;
        write_atomically(&self.path(), &json)?;
        Ok(state.status())
    }

    pub fn status(&self) -> DeliveryStatus {
        let _guard = self.guard();
        self.load().status()
    }

    /// The desktop's notification service took a notification at `now`.
    pub fn shown(&self, kind: NoticeKind, now: DateTime<Utc>) -> Result<DeliveryStatus> {
        self.change(|s| {
            s.shown(kind, now);
            Ok(())
        })
    }

    /// A notification could not be delivered; `error` is what the notification library said.
    pub fn failed(
        &self,
        kind: NoticeKind,
        error: &str,
        now: DateTime<Utc>,
    ) -> Result<DeliveryStatus> {
        let cause = DeliveryFailure::classify(error);
        self.change(|s| {
            s.failed(kind, cause, now);
            Ok(())
        })
    }

    /// What the notification library said about one notification, recorded.
    pub fn record<E: std::fmt::Display>(
        &self,
        kind: NoticeKind,
        outcome: std::result::Result<(), E>,
        now: DateTime<Utc>,
    ) -> Result<DeliveryStatus> {
        match outcome {
            Ok(()) => self.shown(kind, now),
            Err(e) => self.failed(kind, &e.to_string(), now),
        }
    }

    /// The parent's answer to "did the test appear?"; refused when no test is waiting.
    pub fn answer_test(&self, appeared: bool, now: DateTime<Utc>) -> Result<DeliveryStatus> {
        self.change(|s| Ok(s.answered(appeared, now)?))
    }

    /// "Delete everything": the record goes too.
    pub fn remove(&self) -> Result<()> {
        let _guard = self.guard();
        Ok(remove_if_there(&self.path())?)
    }

    /// Removes the record in `data_dir` without a log at hand (the vault's deletion).
    pub fn remove_in(data_dir: &Path) -> Result<()> {
        Ok(remove_if_there(&data_dir.join(FILE))?)
    }
}

impl Session<'_> {
    /// The test notification's words, in the parent's language.
    pub fn test_notification(&self) -> Result<NotificationText> {
        let language = self
            .store
            .profile()?
            .map(|p| p.language)
            .unwrap_or(Language::Nl);
        Ok(test_notification_text(language))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};
    use houvast_core::reminder::DeliveryProblem;
    use houvast_core::ErrorCode;
    use std::sync::Arc;

    fn at(minute: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, 20, 0, 0).unwrap() + Duration::minutes(minute)
    }

    const NO_SERVICE: &str =
        "org.freedesktop.DBus.Error.ServiceUnknown: The name is not activatable";

    #[test]
    fn a_failure_is_kept_across_a_restart_and_cleared_by_the_next_notification() {
        let dir = tempfile::tempdir().unwrap();
        let log = DeliveryLog::in_dir(dir.path());
        assert_eq!(log.status().problem, None);
        log.shown(NoticeKind::Reminder, at(0)).unwrap();
        log.failed(NoticeKind::Reminder, NO_SERVICE, at(1)).unwrap();

        // A new process: a new log over the same directory.
        let log = DeliveryLog::in_dir(dir.path());
        let status = log.status();
        assert_eq!(
            status.problem,
            Some(DeliveryProblem::NotDelivered {
                cause: DeliveryFailure::NoService,
                since: at(1),
                last_at: at(1),
                count: 1
            })
        );
        assert_eq!(status.last_reminder, Some(at(0)));

        let status = log
            .record::<String>(NoticeKind::Reminder, Ok(()), at(2))
            .unwrap();
        assert_eq!(status.problem, None);
        assert_eq!(status.last_shown.map(|s| s.at), Some(at(2)));
        assert_eq!(DeliveryLog::in_dir(dir.path()).status(), status);
    }

    #[test]
    fn the_test_answered_no_then_yes() {
        let dir = tempfile::tempdir().unwrap();
        let log = DeliveryLog::in_dir(dir.path());
        let error = log.answer_test(true, at(0)).unwrap_err();
        assert_eq!(error.code(), ErrorCode::NoTestWaiting);

        let status = log.shown(NoticeKind::Test, at(1)).unwrap();
        assert_eq!(status.test_waiting, Some(at(1)));
        let status = log.answer_test(false, at(2)).unwrap();
        assert_eq!(status.problem, Some(DeliveryProblem::NotSeen { at: at(2) }));
        assert_eq!(
            DeliveryLog::in_dir(dir.path()).status().problem,
            status.problem,
            "kept"
        );

        log.shown(NoticeKind::Test, at(3)).unwrap();
        let status = log.answer_test(true, at(4)).unwrap();
        assert_eq!(status.problem, None);
        assert_eq!(status.confirmed_at, Some(at(4)));
    }

    #[test]
    fn a_damaged_file_counts_as_nothing_known_and_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE), b"{ not json").unwrap();
        let log = DeliveryLog::in_dir(dir.path());
        assert_eq!(log.status().problem, None);
        log.record(NoticeKind::Message, Err("I/O error: broken pipe"), at(0))
            .unwrap();
        assert!(matches!(
            DeliveryLog::in_dir(dir.path()).status().problem,
            Some(DeliveryProblem::NotDelivered {
                cause: DeliveryFailure::Unreachable,
                ..
            })
        ));
    }

    #[test]
    fn the_file_holds_no_words_and_goes_with_remove() {
        let dir = tempfile::tempdir().unwrap();
        let log = DeliveryLog::in_dir(dir.path());
        log.shown(NoticeKind::Test, at(0)).unwrap();
        log.failed(NoticeKind::Reminder, NO_SERVICE, at(1)).unwrap();
        let text = std::fs::read_to_string(dir.path().join(FILE)).unwrap();
        assert!(!text.contains("not activatable"), "only the cause: {text}");
        assert!(!text.contains("Houvast"), "no words: {text}");
        log.remove().unwrap();
        assert!(!dir.path().join(FILE).exists());
        log.remove().unwrap();
        DeliveryLog::remove_in(dir.path()).unwrap();
    }

    #[test]
    fn the_reminder_thread_and_a_command_do_not_lose_each_others_changes() {
        let dir = tempfile::tempdir().unwrap();
        let log = Arc::new(DeliveryLog::in_dir(dir.path()));
        let threads: Vec<_> = (0..4)
            .map(|_| {
                let log = Arc::clone(&log);
                std::thread::spawn(move || {
                    for i in 0..25 {
                        log.failed(NoticeKind::Reminder, NO_SERVICE, at(i)).unwrap();
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        assert!(matches!(
            log.status().problem,
            Some(DeliveryProblem::NotDelivered { count: 100, .. })
        ));
    }
}
