//! What the parent has done per module. First times are kept: opening a module again or
//! completing a task twice does not move the date the parent (and the programme) count from.

use crate::{parse_timestamp, timestamp, Result, Store, StoreError};
use chrono::{DateTime, Utc};
use houvast_core::{ModuleId, ModuleProgress, PageIndex, TaskKind};
use std::collections::BTreeMap;

impl Store {
    /// The progress of every module the parent has touched, ordered by module id.
    pub fn all_progress(&self) -> Result<Vec<ModuleProgress>> {
        let mut modules = BTreeMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT module_id, started_at, do_task_done_at, home_assignment_done_at, completed_at
             FROM module_progress",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let id = module_id(row.get(0)?)?;
            let mut progress = ModuleProgress::new(id.clone());
            progress.started_at = optional_time(row.get(1)?)?;
            progress.do_task_done_at = optional_time(row.get(2)?)?;
            progress.home_assignment_done_at = optional_time(row.get(3)?)?;
            progress.completed_at = optional_time(row.get(4)?)?;
            modules.insert(id, progress);
        }

        let mut stmt = self
            .conn
            .prepare_cached("SELECT module_id, page FROM page_read")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let id = module_id(row.get(0)?)?;
            let page = PageIndex(row.get(1)?);
            // The foreign key guarantees the module row exists.
            if let Some(progress) = modules.get_mut(&id) {
                progress.pages_read.insert(page);
            }
        }
        Ok(modules.into_values().collect())
    }

    /// Records that the parent opened the module; an earlier start is kept.
    pub fn mark_started(&self, module: &ModuleId, at: DateTime<Utc>) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO module_progress (module_id, started_at) VALUES (?1, ?2)
                 ON CONFLICT (module_id)
                 DO UPDATE SET started_at = coalesce(started_at, excluded.started_at)",
            )?
            .execute((module.as_str(), timestamp(at)))?;
        Ok(())
    }

    /// Records that page `page` (counted over all pages of the content file) was read. This
    /// does not mark the module as started; the app does that when it opens the module.
    pub fn mark_page_read(
        &self,
        module: &ModuleId,
        page: PageIndex,
        at: DateTime<Utc>,
    ) -> Result<()> {
        let tx = self.conn.unchecked_transaction()?;
        tx.prepare_cached(
            "INSERT INTO module_progress (module_id) VALUES (?1) ON CONFLICT DO NOTHING",
        )?
        .execute([module.as_str()])?;
        tx.prepare_cached(
            "INSERT INTO page_read (module_id, page, first_read_at) VALUES (?1, ?2, ?3)
             ON CONFLICT DO NOTHING",
        )?
        .execute((module.as_str(), page.get(), timestamp(at)))?;
        tx.commit()?;
        Ok(())
    }

    /// Records that a task was completed; an earlier completion is kept.
    pub fn mark_task_done(
        &self,
        module: &ModuleId,
        task: TaskKind,
        at: DateTime<Utc>,
    ) -> Result<()> {
        // Two fixed statements rather than a column name built from input.
        let sql = match task {
            TaskKind::DoTask => {
                "INSERT INTO module_progress (module_id, do_task_done_at) VALUES (?1, ?2)
                 ON CONFLICT (module_id)
                 DO UPDATE SET do_task_done_at = coalesce(do_task_done_at, excluded.do_task_done_at)"
            }
            TaskKind::HomeAssignment => {
                "INSERT INTO module_progress (module_id, home_assignment_done_at) VALUES (?1, ?2)
                 ON CONFLICT (module_id)
                 DO UPDATE SET home_assignment_done_at =
                     coalesce(home_assignment_done_at, excluded.home_assignment_done_at)"
            }
        };
        self.conn
            .prepare_cached(sql)?
            .execute((module.as_str(), timestamp(at)))?;
        Ok(())
    }
}

impl Store {
    /// Records that the module was done; the first time is kept, and it is never undone.
    pub fn mark_completed(&self, module: &ModuleId, at: DateTime<Utc>) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO module_progress (module_id, completed_at) VALUES (?1, ?2)
                 ON CONFLICT (module_id)
                 DO UPDATE SET completed_at = coalesce(completed_at, excluded.completed_at)",
            )?
            .execute((module.as_str(), timestamp(at)))?;
        Ok(())
    }
}

fn module_id(s: String) -> Result<ModuleId> {
    ModuleId::new(s).map_err(|e| StoreError::StoredDataInvalid {
        what: "module id",
        cause: e.to_string(),
    })
}

fn optional_time(s: Option<String>) -> Result<Option<DateTime<Utc>>> {
    s.as_deref().map(parse_timestamp).transpose()
}
