//! Whether notifications reach the parent: the most-reported failure of reminder apps is the
//! reminder that silently never arrives. The app shell says what happened to each notification
//! it handed to the desktop (shown, or the error it got); the parent says whether a test
//! notification appeared. These rules decide what that means:
//!
//! - **A failure** is any notification (reminder, message, test) the desktop's notification
//!   service did not take: no D-Bus session to talk to, no notification service on it, or a
//!   service that answered with an error. One failure is enough for the home screen to say so:
//!   a reminder that was not shown is missed, there is no "a bit" missed.
//! - **"Not seen"**: the parent answered "no" to a test that the service took. The desktop
//!   accepts notifications but does not show them (do-not-disturb, blocked for Houvast), so a
//!   later notification the service takes proves nothing; only a test the parent saw clears it.
//! - **Cleared**: a failure by the next notification the service takes, or by a test the parent
//!   saw; "not seen" only by a test the parent saw.
//! - **Last shown**: the newest notification the service took without an error, of any kind.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What kind of notification it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    /// A reminder (module, reflection, home assignment, check-in, a contact tomorrow).
    Reminder,
    /// A message: the prevention worker replied.
    Message,
    /// The test from "check my reminders".
    Test,
}

/// Why a notification did not reach the desktop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryFailure {
    /// The app could not talk to the desktop at all (no D-Bus session bus, or it broke off).
    Unreachable,
    /// The desktop has no notification service running.
    NoService,
    /// The notification service answered with an error.
    Refused,
}

/// D-Bus errors meaning that nothing provides `org.freedesktop.Notifications`.
const NO_SERVICE_ERRORS: &[&str] = &[
    "org.freedesktop.DBus.Error.ServiceUnknown",
    "org.freedesktop.DBus.Error.NameHasNoOwner",
    "org.freedesktop.DBus.Error.Spawn.",
];

/// D-Bus errors (libdbus's names) meaning the app could not reach a bus at all.
const UNREACHABLE_ERRORS: &[&str] = &[
    "org.freedesktop.DBus.Error.NoServer",
    "org.freedesktop.DBus.Error.FileNotFound",
    "org.freedesktop.DBus.Error.BadAddress",
    "org.freedesktop.DBus.Error.NoNetwork",
    "org.freedesktop.DBus.Error.Disconnected",
    // No session bus address and no X11 display to find one through.
    "org.freedesktop.DBus.Error.NotSupported",
];

impl DeliveryFailure {
    /// Classifies the error text of the notification library. A D-Bus error reply (its name
    /// reads `org.freedesktop.DBus.Error.X` or `some.service.Error.Y`) came from the bus or the
    /// service; anything else (an address that does not parse, a socket that is not there, a
    /// connection that broke) means the app could not talk to the desktop.
    pub fn classify(error: &str) -> Self {
        if UNREACHABLE_ERRORS.iter().any(|name| error.contains(name)) {
            DeliveryFailure::Unreachable
        } else if NO_SERVICE_ERRORS.iter().any(|name| error.contains(name)) {
            DeliveryFailure::NoService
        } else if looks_like_dbus_error_name(error) {
            DeliveryFailure::Refused
        } else {
            DeliveryFailure::Unreachable
        }
    }
}

/// Whether `error` holds a D-Bus error name: dotted words with an `Error` among them
/// (`org.freedesktop.DBus.Error.AccessDenied`, `org.example.Notify.Error.Full`).
fn looks_like_dbus_error_name(error: &str) -> bool {
    error
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '_'))
        .any(|word| {
            let parts: Vec<&str> = word.split('.').collect();
            parts.len() >= 3
                && parts.iter().all(|p| !p.is_empty())
                && parts.iter().any(|p| *p == "Error" || p.ends_with("Error"))
        })
}

/// One notification the service took.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ShownNotice {
    pub at: DateTime<Utc>,
    pub kind: NoticeKind,
}

/// Failures since the last notification the service took.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FailureRecord {
    /// The first failure in this run of failures.
    pub since: DateTime<Utc>,
    /// The newest one, and its cause.
    pub last_at: DateTime<Utc>,
    pub cause: DeliveryFailure,
    pub count: u32,
}

/// What the app knows about its notifications; kept beside the database (it must be written
/// while the app lock keeps the database closed), holding times and causes, never a text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryState {
    pub last_shown: Option<ShownNotice>,
    /// The newest reminder the service took (a test or message does not move it).
    pub last_reminder: Option<DateTime<Utc>>,
    pub failure: Option<FailureRecord>,
    /// A test was shown and the parent has not said yet whether it appeared.
    pub test_waiting: Option<DateTime<Utc>>,
    /// The parent said the last test did not appear.
    pub not_seen_at: Option<DateTime<Utc>>,
    /// The parent said a test appeared.
    pub confirmed_at: Option<DateTime<Utc>>,
}

/// What is wrong with the notifications, for the home screen's banner and the check view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DeliveryProblem {
    /// Notifications could not be handed to the desktop.
    NotDelivered {
        cause: DeliveryFailure,
        since: DateTime<Utc>,
        last_at: DateTime<Utc>,
        count: u32,
    },
    /// The desktop took the test, but the parent did not see it.
    NotSeen { at: DateTime<Utc> },
}

/// The state as the screens show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct DeliveryStatus {
    pub last_shown: Option<ShownNotice>,
    pub last_reminder: Option<DateTime<Utc>>,
    pub problem: Option<DeliveryProblem>,
    /// A test is waiting for the parent's answer (shown at this moment).
    pub test_waiting: Option<DateTime<Utc>>,
    pub confirmed_at: Option<DateTime<Utc>>,
}

/// The parent answered whether a test appeared, but no test was waiting for an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("no test notification is waiting for an answer")]
pub struct NoTestWaiting;

impl DeliveryState {
    /// The service took a notification at `at`.
    pub fn shown(&mut self, kind: NoticeKind, at: DateTime<Utc>) {
        self.last_shown = Some(ShownNotice { at, kind });
        self.failure = None;
        match kind {
            NoticeKind::Reminder => self.last_reminder = Some(at),
            NoticeKind::Test => self.test_waiting = Some(at),
            NoticeKind::Message => {}
        }
    }

    /// A notification could not be delivered at `at`.
    pub fn failed(&mut self, kind: NoticeKind, cause: DeliveryFailure, at: DateTime<Utc>) {
        self.failure = Some(match self.failure {
            Some(f) => FailureRecord {
                since: f.since,
                last_at: at,
                cause,
                count: f.count.saturating_add(1),
            },
            None => FailureRecord {
                since: at,
                last_at: at,
                cause,
                count: 1,
            },
        });
        if kind == NoticeKind::Test {
            self.test_waiting = None;
        }
    }

    /// The parent's answer to the waiting test: it appeared, or not.
    pub fn answered(&mut self, appeared: bool, at: DateTime<Utc>) -> Result<(), NoTestWaiting> {
        self.test_waiting.take().ok_or(NoTestWaiting)?;
        if appeared {
            self.confirmed_at = Some(at);
            self.not_seen_at = None;
            self.failure = None;
        } else {
            self.not_seen_at = Some(at);
        }
        Ok(())
    }

    pub fn problem(&self) -> Option<DeliveryProblem> {
        if let Some(f) = self.failure {
            return Some(DeliveryProblem::NotDelivered {
                cause: f.cause,
                since: f.since,
                last_at: f.last_at,
                count: f.count,
            });
        }
        self.not_seen_at.map(|at| DeliveryProblem::NotSeen { at })
    }

    pub fn status(&self) -> DeliveryStatus {
        DeliveryStatus {
            last_shown: self.last_shown,
            last_reminder: self.last_reminder,
            problem: self.problem(),
            test_waiting: self.test_waiting,
            confirmed_at: self.confirmed_at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, 20, minute, 0).unwrap()
    }

    #[test]
    fn errors_are_classified_by_what_the_bus_said() {
        use DeliveryFailure::*;
        for (error, cause) in [
            // zbus's texts for the cases seen in the tests.
            ("org.freedesktop.DBus.Error.ServiceUnknown: The name is not activatable", NoService),
            ("org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.Notifications was not provided by any .service files", NoService),
            ("org.freedesktop.DBus.Error.NameHasNoOwner: Could not get owner of name", NoService),
            ("org.freedesktop.DBus.Error.Spawn.ChildExited: Process exited with status 1", NoService),
            ("org.freedesktop.DBus.Error.AccessDenied: Rejected send message", Refused),
            ("org.freedesktop.DBus.Error.NoReply: Did not receive a reply", Refused),
            ("nl.houvast.Test.Error.Refused: not now", Refused),
            // libdbus's (notify-rust's `d` backend, in the Debug form that names the error).
            ("Error { kind: Dbus(D-Bus error: The name org.freedesktop.Notifications was not provided by any .service files (org.freedesktop.DBus.Error.ServiceUnknown)) }", NoService),
            ("Error { kind: Dbus(D-Bus error: Failed to connect to socket /tmp/x: No such file or directory (org.freedesktop.DBus.Error.FileNotFound)) }", Unreachable),
            ("Error { kind: Dbus(D-Bus error: Unable to autolaunch a dbus-daemon without a $DISPLAY for X11 (org.freedesktop.DBus.Error.NotSupported)) }", Unreachable),
            ("Error { kind: Dbus(D-Bus error: Connection refused (org.freedesktop.DBus.Error.NoServer)) }", Unreachable),
            ("Error { kind: Dbus(D-Bus error: Rejected send message (org.freedesktop.DBus.Error.AccessDenied)) }", Refused),
            ("I/O error: No such file or directory (os error 2)", Unreachable),
            ("Address error: DBUS_SESSION_BUS_ADDRESS not set", Unreachable),
            ("a connection that broke. Or anything else.", Unreachable),
            ("", Unreachable),
        ] {
            assert_eq!(DeliveryFailure::classify(error), cause, "{error}");
        }
    }

    #[test]
    fn a_new_state_has_no_problem_and_nothing_shown() {
        let state = DeliveryState::default();
        assert_eq!(state.problem(), None);
        assert_eq!(state.status().last_shown, None);
    }

    #[test]
    fn one_failure_is_a_problem_and_the_next_notification_taken_clears_it() {
        let mut state = DeliveryState::default();
        state.shown(NoticeKind::Reminder, at(0));
        state.failed(NoticeKind::Reminder, DeliveryFailure::NoService, at(1));
        state.failed(NoticeKind::Message, DeliveryFailure::Refused, at(2));
        assert_eq!(
            state.problem(),
            Some(DeliveryProblem::NotDelivered {
                cause: DeliveryFailure::Refused,
                since: at(1),
                last_at: at(2),
                count: 2
            })
        );
        // Last shown stays the last one that was taken.
        assert_eq!(
            state.last_shown,
            Some(ShownNotice {
                at: at(0),
                kind: NoticeKind::Reminder
            })
        );
        state.shown(NoticeKind::Message, at(3));
        assert_eq!(state.problem(), None);
        assert_eq!(state.last_reminder, Some(at(0)), "a message is no reminder");
        assert_eq!(state.last_shown.map(|s| s.at), Some(at(3)));
    }

    #[test]
    fn a_test_the_parent_saw_clears_everything() {
        let mut state = DeliveryState::default();
        state.failed(NoticeKind::Reminder, DeliveryFailure::NoService, at(0));
        state.shown(NoticeKind::Test, at(1));
        assert_eq!(state.test_waiting, Some(at(1)));
        assert_eq!(state.problem(), None, "taken by the service");
        state.answered(true, at(2)).unwrap();
        assert_eq!(state.problem(), None);
        assert_eq!(state.confirmed_at, Some(at(2)));
        assert_eq!(state.test_waiting, None);
        assert_eq!(state.last_reminder, None, "a test is no reminder");
        assert_eq!(
            state.last_shown,
            Some(ShownNotice {
                at: at(1),
                kind: NoticeKind::Test
            })
        );
    }

    #[test]
    fn a_test_not_seen_stays_a_problem_until_a_test_is_seen() {
        let mut state = DeliveryState::default();
        state.shown(NoticeKind::Test, at(0));
        state.answered(false, at(1)).unwrap();
        assert_eq!(
            state.problem(),
            Some(DeliveryProblem::NotSeen { at: at(1) })
        );
        // The desktop takes reminders, but it took the test too and the parent did not see it.
        state.shown(NoticeKind::Reminder, at(2));
        assert_eq!(
            state.problem(),
            Some(DeliveryProblem::NotSeen { at: at(1) })
        );
        // A failure is the louder problem while it lasts.
        state.failed(NoticeKind::Reminder, DeliveryFailure::Unreachable, at(3));
        assert!(matches!(
            state.problem(),
            Some(DeliveryProblem::NotDelivered { .. })
        ));
        state.shown(NoticeKind::Test, at(4));
        assert_eq!(
            state.problem(),
            Some(DeliveryProblem::NotSeen { at: at(1) })
        );
        state.answered(true, at(5)).unwrap();
        assert_eq!(state.problem(), None);
    }

    #[test]
    fn an_answer_needs_a_test_waiting() {
        let mut state = DeliveryState::default();
        assert_eq!(state.answered(true, at(0)), Err(NoTestWaiting));
        state.shown(NoticeKind::Test, at(1));
        state.answered(true, at(2)).unwrap();
        assert_eq!(
            state.answered(false, at(3)),
            Err(NoTestWaiting),
            "answered once"
        );
        assert_eq!(state.problem(), None);
        // A test that failed is not waiting for an answer: the app already knows.
        state.failed(NoticeKind::Test, DeliveryFailure::NoService, at(4));
        assert_eq!(state.answered(true, at(5)), Err(NoTestWaiting));
        assert!(state.problem().is_some());
    }

    #[test]
    fn the_failure_count_does_not_overflow() {
        let mut state = DeliveryState {
            failure: Some(FailureRecord {
                since: at(0),
                last_at: at(0),
                cause: DeliveryFailure::Refused,
                count: u32::MAX,
            }),
            ..Default::default()
        };
        state.failed(NoticeKind::Reminder, DeliveryFailure::Refused, at(1));
        assert_eq!(state.failure.map(|f| f.count), Some(u32::MAX));
    }

    #[test]
    fn the_state_survives_its_file_format() {
        let mut state = DeliveryState::default();
        state.shown(NoticeKind::Test, at(0));
        state.failed(NoticeKind::Reminder, DeliveryFailure::NoService, at(1));
        let json = serde_json::to_string(&state).unwrap();
        assert_eq!(serde_json::from_str::<DeliveryState>(&json).unwrap(), state);
    }
}
