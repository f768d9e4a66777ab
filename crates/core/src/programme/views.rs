//! What the app shows of the programme: the overview with its next step, and one module with
//! its pages and two exercises. Built by [`super::ForParent`]; nothing here decides anything.

use crate::answer::AnswerValue;
use crate::content::Task;
use crate::ids::{ModuleId, PageIndex, PagePosition, QuestionId};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use std::collections::BTreeMap;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ModuleStatus {
    Locked,
    /// Open, and nothing read or done yet.
    Open,
    InProgress,
    Done,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum HomeStatus {
    /// The module's do-task is not done yet.
    NotYet,
    /// Due a week after the do-task; it can be written later too.
    Open {
        due_on: NaiveDate,
    },
    Done {
        done_on: NaiveDate,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NextStep {
    StartModule {
        module_id: ModuleId,
        number: u16,
        title: String,
    },
    ContinueModule {
        module_id: ModuleId,
        number: u16,
        title: String,
        /// Index into `ModuleView.pages` of the first unread page, or `pages.length` when all
        /// are read (the do-task is next).
        page: PagePosition,
    },
    WriteHomeAssignment {
        module_id: ModuleId,
        number: u16,
        title: String,
        due_on: NaiveDate,
    },
    Finished,
    /// The programme is finished, and the optional return check is open and not done: an
    /// offer, not a task ("if you like").
    LookBack {
        module_id: ModuleId,
        title: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ModuleSummary {
    pub id: ModuleId,
    pub number: u16,
    pub title: String,
    pub summary: String,
    /// One sitting: the pages and the do-task, as measured by the content check.
    pub minutes: u16,
    /// The home assignment, done in the week after the sitting; 0 when there is none.
    pub home_assignment_minutes: u16,
    /// An extra outside the fixed order (the return check): never needed to finish.
    pub optional: bool,
    /// Optional modules: the day it opened (six weeks after the programme was finished).
    pub open_since: Option<NaiveDate>,
    pub status: ModuleStatus,
    pub home_assignment: HomeStatus,
    /// Counted over the pages the parent sees.
    pub pages_total: u16,
    pub pages_read: u16,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Overview {
    pub modules: Vec<ModuleSummary>,
    pub next: NextStep,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TaskView {
    pub task: Task,
    // Spelled out so the type is the same whatever map setting the bindings use.
    #[ts(type = "{ [key in string]?: AnswerValue }")]
    pub answers: BTreeMap<QuestionId, AnswerValue>,
    /// The do-task is open with its module; the home assignment once the do-task is done.
    pub open: bool,
    pub done_at: Option<DateTime<Utc>>,
    /// Home assignment only: the do-task's local date + 7 days.
    pub due_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PageView {
    /// The page's place in the content file, before age-band filtering.
    pub index: PageIndex,
    pub title: String,
    pub html: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ModuleView {
    pub id: ModuleId,
    pub number: u16,
    pub title: String,
    pub summary: String,
    pub minutes: u16,
    /// An extra outside the fixed order: it has no home assignment.
    pub optional: bool,
    pub status: ModuleStatus,
    pub pages: Vec<PageView>,
    /// Content-file indices of the shown pages that are read.
    pub pages_read: Vec<PageIndex>,
    pub do_task: TaskView,
    pub home_assignment: TaskView,
}
