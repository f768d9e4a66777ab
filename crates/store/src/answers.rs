//! Answers to the questions of do-tasks and home assignments, one row per question.

use crate::{timestamp, Result, Store, StoreError};
use chrono::{DateTime, Utc};
use houvast_core::{AnswerValue, ModuleId, QuestionId, TaskKind};
use std::collections::BTreeMap;

impl Store {
    /// Saves (or replaces) the answer to one question. This runs on every debounced batch of
    /// keystrokes, so it is a single cached upsert in its own implicit transaction. Durable
    /// once this returns, against the app crashing; a power cut can lose the last few seconds
    /// of saves (WAL with `synchronous = NORMAL`), never the database's consistency.
    pub fn save_answer(
        &self,
        module: &ModuleId,
        task: TaskKind,
        question: &QuestionId,
        value: &AnswerValue,
        at: DateTime<Utc>,
    ) -> Result<()> {
        let json = serde_json::to_string(value).map_err(|e| StoreError::StoredDataInvalid {
            what: "answer",
            cause: e.to_string(),
        })?;
        self.conn
            .prepare_cached(
                "INSERT INTO answer (module_id, task, question_id, value, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (module_id, task, question_id)
                 DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            )?
            .execute((
                module.as_str(),
                task.as_str(),
                question.as_str(),
                json,
                timestamp(at),
            ))?;
        Ok(())
    }

    /// All saved answers of one task, by question id.
    pub fn answers(
        &self,
        module: &ModuleId,
        task: TaskKind,
    ) -> Result<BTreeMap<QuestionId, AnswerValue>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT question_id, value FROM answer WHERE module_id = ?1 AND task = ?2",
        )?;
        let mut rows = stmt.query((module.as_str(), task.as_str()))?;
        let mut answers = BTreeMap::new();
        while let Some(row) = rows.next()? {
            let id = QuestionId::new(row.get::<_, String>(0)?).map_err(|e| {
                StoreError::StoredDataInvalid {
                    what: "question id",
                    cause: e.to_string(),
                }
            })?;
            let value: String = row.get(1)?;
            let value =
                serde_json::from_str(&value).map_err(|e| StoreError::StoredDataInvalid {
                    what: "answer",
                    cause: e.to_string(),
                })?;
            answers.insert(id, value);
        }
        Ok(answers)
    }
}
