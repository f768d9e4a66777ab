//! What a parent has done in a module, as stored. Everything derived from it (open, locked,
//! what is next) is computed by the programme rules, never stored twice.

use crate::ids::{ModuleId, PageIndex};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ModuleProgress {
    pub module_id: ModuleId,
    /// Indices of the pages the parent has read, counted over all pages in the content file
    /// (before age-band filtering), so they stay valid when a child grows into another band.
    pub pages_read: BTreeSet<PageIndex>,
    pub started_at: Option<DateTime<Utc>>,
    pub do_task_done_at: Option<DateTime<Utc>>,
    pub home_assignment_done_at: Option<DateTime<Utc>>,
    /// When the module was first done (every page shown then read, the do-task done). Once
    /// recorded the module stays done, even when a child grows into an age band that shows a
    /// page the parent has not read.
    pub completed_at: Option<DateTime<Utc>>,
}

impl ModuleProgress {
    pub fn new(module_id: ModuleId) -> Self {
        Self {
            module_id,
            pages_read: BTreeSet::new(),
            started_at: None,
            do_task_done_at: None,
            home_assignment_done_at: None,
            completed_at: None,
        }
    }
}
