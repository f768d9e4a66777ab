//! Reminders while the app lock keeps the database closed (after a restart, before the parent
//! has typed the PIN): the database cannot be read, so the reminders' times are kept beside it
//! in a small file — only the moments, no kinds and no text — written whenever the reminders
//! are worked out while a lock is set. At those moments the app shows the discreet text. Once
//! unlocked, what was shown meanwhile is logged as shown, so nothing comes twice.

use crate::{Result, Session};
use chrono::{DateTime, Duration, Utc};
use houvast_core::reminder::ReminderKind;
use houvast_core::reminder::{due_now, next_firing, notification_text, NotificationText};
use houvast_core::Language;
use houvast_store::{remove_if_there, write_atomically, StoreError};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// How far ahead the times are worked out: a locked app that nobody opens for two weeks has
/// two weeks of reminders.
pub const LOCKED_HORIZON_DAYS: i64 = 14;
const FILE: &str = "reminders-while-locked.json";
const MAX_TIMES: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockedReminders {
    pub language: Language,
    /// The coming reminders' moments, in order.
    pub at: Vec<DateTime<Utc>>,
    /// Shown while locked up to here; `None` when nothing was.
    pub shown_until: Option<DateTime<Utc>>,
}

impl LockedReminders {
    fn path(data_dir: &Path) -> PathBuf {
        data_dir.join(FILE)
    }

    /// The file in `data_dir`, if there is one that reads.
    pub fn load(data_dir: &Path) -> Option<Self> {
        let bytes = std::fs::read(Self::path(data_dir)).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    pub fn save(&self, data_dir: &Path) -> Result<()> {
        let json = serde_json::to_vec(self).map_err(|e| StoreError::StoredDataInvalid {
            what: "reminders while locked",
            cause: e.to_string(),
        })?;
        Ok(write_atomically(&Self::path(data_dir), &json)?)
    }

    /// No lock (any more): the file goes.
    pub fn remove(data_dir: &Path) -> Result<()> {
        Ok(remove_if_there(&Self::path(data_dir))?)
    }

    /// The step of the scheduler while locked: the discreet text when one or more moments
    /// have come since the last step (one notification for all of them), and the next moment.
    pub fn take_due(
        &mut self,
        now: DateTime<Utc>,
    ) -> (Option<NotificationText>, Option<DateTime<Utc>>) {
        let after = self.shown_until;
        let due = self
            .at
            .iter()
            .any(|at| *at <= now && after.is_none_or(|after| *at > after));
        if due {
            self.shown_until = Some(now);
        }
        let next = self.at.iter().copied().find(|at| *at > now);
        let text = due.then(|| notification_text(ReminderKind::Module, true, self.language));
        (text, next)
    }
}

impl Session<'_> {
    /// The moments of the coming reminders for [`LOCKED_HORIZON_DAYS`], as the engine would
    /// show them if nothing changed (no new reflection, no module finished).
    pub fn locked_reminders(&self) -> Result<Option<LockedReminders>> {
        let Some(profile) = self.store.profile()? else {
            return Ok(None);
        };
        let (now, tz) = (self.clock.now, self.clock.tz);
        let record = self.store.reminders(now)?;
        let (mut state, _) = self.engine_state(&profile, &record)?;
        let until = now + Duration::days(LOCKED_HORIZON_DAYS);
        let mut at = Vec::new();
        let mut from = now;
        while let Some(firing) = next_firing(&record.settings, &state, from, tz) {
            if firing.at > until || at.len() >= MAX_TIMES {
                break;
            }
            if !state.shown.insert(firing.occurrence) {
                break;
            }
            at.push(firing.at);
            from = firing.at.max(from);
        }
        Ok(Some(LockedReminders {
            language: profile.language,
            at,
            shown_until: None,
        }))
    }

    /// After unlocking: every reminder that was due by `shown_until` was shown (discreetly)
    /// while locked, so it is logged as shown and does not come again.
    pub fn log_reminders_shown_while_locked(&self, shown_until: DateTime<Utc>) -> Result<()> {
        let Some(profile) = self.store.profile()? else {
            return Ok(());
        };
        let record = self.store.reminders(self.clock.now)?;
        let (state, _) = self.engine_state(&profile, &record)?;
        let due = due_now(&record.settings, &state, shown_until, self.clock.tz);
        let shown: Vec<_> = due.firings.iter().map(|f| f.occurrence).collect();
        self.store
            .record_reminders_shown(&shown, due.checked_until, self.clock.now)?;
        Ok(())
    }
}
