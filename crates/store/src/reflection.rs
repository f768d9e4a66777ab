//! The daily reflections, one row per local calendar day. The rules (which day may be edited)
//! live in houvast_core::reflection; the store keeps what it is given.

use crate::{parse_timestamp, timestamp, Result, Store, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use houvast_core::reflection::{ReflectionAnswers, ReflectionEntry};
use rusqlite::OptionalExtension;
use std::collections::BTreeSet;

impl Store {
    /// Saves (or replaces) the reflection of `date`; empty answers remove the day, so the
    /// calendar never marks an evening where nothing is written. One cached upsert: this runs
    /// on every debounced batch of keystrokes.
    pub fn save_reflection(
        &self,
        date: NaiveDate,
        answers: &ReflectionAnswers,
        at: DateTime<Utc>,
    ) -> Result<()> {
        if answers.is_empty() {
            self.conn
                .prepare_cached("DELETE FROM reflection WHERE local_date = ?1")?
                .execute([date_key(date)])?;
            return Ok(());
        }
        let now = timestamp(at);
        self.conn
            .prepare_cached(
                "INSERT INTO reflection
                     (local_date, went_well, noticed_in_myself, noticed_in_child, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)
                 ON CONFLICT (local_date) DO UPDATE SET
                     went_well = excluded.went_well,
                     noticed_in_myself = excluded.noticed_in_myself,
                     noticed_in_child = excluded.noticed_in_child,
                     updated_at = excluded.updated_at",
            )?
            .execute((
                date_key(date),
                &answers.went_well,
                &answers.noticed_in_myself,
                &answers.noticed_in_child,
                now,
            ))?;
        Ok(())
    }

    /// The reflection of one day, if something was written.
    pub fn reflection(&self, date: NaiveDate) -> Result<Option<ReflectionEntry>> {
        self.conn
            .prepare_cached(
                "SELECT went_well, noticed_in_myself, noticed_in_child, updated_at
                 FROM reflection WHERE local_date = ?1",
            )?
            .query_row([date_key(date)], |row| {
                Ok((
                    ReflectionAnswers {
                        went_well: row.get(0)?,
                        noticed_in_myself: row.get(1)?,
                        noticed_in_child: row.get(2)?,
                    },
                    row.get::<_, String>(3)?,
                ))
            })
            .optional()?
            .map(|(answers, updated)| -> Result<ReflectionEntry> {
                Ok(ReflectionEntry {
                    date,
                    answers,
                    updated_at: parse_timestamp(&updated)?,
                })
            })
            .transpose()
    }

    /// The days from `from` to `to` (both included) that have a reflection. Reads only the
    /// primary key, so a month of a ten-year history is an index range scan.
    pub fn reflection_dates(&self, from: NaiveDate, to: NaiveDate) -> Result<BTreeSet<NaiveDate>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT local_date FROM reflection WHERE local_date BETWEEN ?1 AND ?2",
        )?;
        let mut rows = stmt.query((date_key(from), date_key(to)))?;
        let mut dates = BTreeSet::new();
        while let Some(row) = rows.next()? {
            dates.insert(parse_date(&row.get::<_, String>(0)?)?);
        }
        Ok(dates)
    }

    /// The most recent day with a reflection (the reminder skips that day).
    pub fn last_reflection_on(&self) -> Result<Option<NaiveDate>> {
        let last: Option<String> = self
            .conn
            .prepare_cached("SELECT max(local_date) FROM reflection")?
            .query_row([], |row| row.get(0))?;
        last.as_deref().map(parse_date).transpose()
    }
}

/// ISO dates (`2026-03-10`) sort as text in date order.
fn date_key(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

pub(crate) fn parse_date(s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| StoreError::StoredDataInvalid {
        what: "date",
        cause: e.to_string(),
    })
}

pub(crate) fn date_string(date: NaiveDate) -> String {
    date_key(date)
}
