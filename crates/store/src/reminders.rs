//! The reminder settings and the engine's bookkeeping: what was shown, up to when everything
//! due was dealt with, and a pause the parent asked for.

use crate::reflection::{date_string, parse_date};
use crate::{parse_timestamp, timestamp, Result, Store, StoreError};
use chrono::{DateTime, Days, Utc};
use houvast_core::reminder::{Occurrence, ReminderKind, ReminderSettings};
use rusqlite::OptionalExtension;
use std::collections::BTreeSet;

/// What the store keeps for the reminder engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderRecord {
    pub settings: ReminderSettings,
    pub checked_until: DateTime<Utc>,
    pub snoozed_until: Option<DateTime<Utc>>,
    pub shown: BTreeSet<Occurrence>,
}

/// Shown occurrences older than this before `checked_until` can no longer change what the
/// engine does (its longest period is a week), so they are pruned.
const KEEP_SHOWN_DAYS: u64 = 14;

impl Store {
    /// The reminder settings and bookkeeping. Before the parent ever saved settings, these are
    /// the defaults, checked up to `now` (and written, so the next call starts from there).
    pub fn reminders(&self, now: DateTime<Utc>) -> Result<ReminderRecord> {
        let row: Option<(String, String, Option<String>)> = self
            .conn
            .prepare_cached(
                "SELECT settings, checked_until, snoozed_until FROM reminder_config WHERE id = 1",
            )?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        let (settings, checked_until, snoozed_until) = match row {
            Some((settings, checked, snoozed)) => (
                serde_json::from_str(&settings).map_err(|e| StoreError::StoredDataInvalid {
                    what: "reminder settings",
                    cause: e.to_string(),
                })?,
                parse_timestamp(&checked)?,
                snoozed.as_deref().map(parse_timestamp).transpose()?,
            ),
            None => {
                let settings = ReminderSettings::default();
                self.save_reminder_settings(&settings, now)?;
                (settings, now, None)
            }
        };
        let mut shown = BTreeSet::new();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT kind, local_date FROM reminder_shown")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            shown.insert(Occurrence {
                kind: kind_from(&row.get::<_, String>(0)?)?,
                local_date: parse_date(&row.get::<_, String>(1)?)?,
            });
        }
        Ok(ReminderRecord {
            settings,
            checked_until,
            snoozed_until,
            shown,
        })
    }

    /// Saves new settings. Per the engine's contract, everything up to `now` counts as dealt
    /// with, so a time that has just passed is not shown the moment the parent saves.
    pub fn save_reminder_settings(
        &self,
        settings: &ReminderSettings,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let json = serde_json::to_string(settings).map_err(|e| StoreError::StoredDataInvalid {
            what: "reminder settings",
            cause: e.to_string(),
        })?;
        self.conn
            .prepare_cached(
                "INSERT INTO reminder_config (id, settings, checked_until) VALUES (1, ?1, ?2)
                 ON CONFLICT (id) DO UPDATE SET
                     settings = excluded.settings, checked_until = excluded.checked_until",
            )?
            .execute((json, timestamp(now)))?;
        Ok(())
    }

    /// Pauses reminders until `until` (`None` ends a pause).
    pub fn snooze_reminders(&self, until: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Result<()> {
        self.reminders(now)?; // makes sure the row exists
        self.conn
            .prepare_cached("UPDATE reminder_config SET snoozed_until = ?1 WHERE id = 1")?
            .execute([until.map(timestamp)])?;
        Ok(())
    }

    /// Records what was shown and up to when everything was dealt with, in one transaction,
    /// before the notifications go out: a crash in between loses a reminder rather than
    /// showing it twice.
    pub fn record_reminders_shown(
        &self,
        shown: &[Occurrence],
        checked_until: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let tx = self.conn.unchecked_transaction()?;
        for o in shown {
            tx.prepare_cached(
                "INSERT INTO reminder_shown (kind, local_date, shown_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT DO NOTHING",
            )?
            .execute((kind_str(o.kind), date_string(o.local_date), timestamp(now)))?;
        }
        tx.prepare_cached("UPDATE reminder_config SET checked_until = ?1 WHERE id = 1")?
            .execute([timestamp(checked_until)])?;
        if let Some(cutoff) = checked_until
            .date_naive()
            .checked_sub_days(Days::new(KEEP_SHOWN_DAYS))
        {
            tx.prepare_cached("DELETE FROM reminder_shown WHERE local_date < ?1")?
                .execute([date_string(cutoff)])?;
        }
        tx.commit()?;
        Ok(())
    }
}

fn kind_str(kind: ReminderKind) -> &'static str {
    match kind {
        ReminderKind::Module => "module",
        ReminderKind::CheckIn => "check_in",
        ReminderKind::HomeAssignment => "home_assignment",
        ReminderKind::Reflection => "reflection",
    }
}

fn kind_from(s: &str) -> Result<ReminderKind> {
    ReminderKind::ALL
        .into_iter()
        .find(|k| kind_str(*k) == s)
        .ok_or_else(|| StoreError::StoredDataInvalid {
            what: "reminder kind",
            cause: s.to_owned(),
        })
}
