//! The rules of the programme: which module is open, what is done, what comes next, and the
//! views the app shows. Everything is computed from the content, the profile and the stored
//! progress; nothing derived is stored.

mod return_check;
#[cfg(test)]
mod tests;

use crate::answer::{AnswerValue, TaskKind};
use crate::content::{Module, Programme};
use crate::ids::{ModuleId, QuestionId};
use crate::profile::{AgeBand, Profile};
use crate::progress::ModuleProgress;
use chrono::{DateTime, Days, Local, NaiveDate, Utc};
use serde::Serialize;
use std::collections::BTreeMap;
use ts_rs::TS;

/// The longest text answer, in characters.
pub const MAX_TEXT_CHARS: u32 = 10_000;

pub use return_check::RETURN_AFTER_DAYS;

/// Days after the do-task is done by which the home assignment is due.
pub const HOME_ASSIGNMENT_DAYS: u64 = 7;

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
        page: u16,
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
    pub minutes: u16,
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
pub struct ChoiceOption {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum QuestionInput {
    Text {
        multiline: bool,
        max_chars: u32,
    },
    Choice {
        multiple: bool,
        options: Vec<ChoiceOption>,
    },
    Scale {
        min: u8,
        max: u8,
        min_label: String,
        max_label: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Question {
    pub id: QuestionId,
    pub label: String,
    pub help: Option<String>,
    pub required: bool,
    pub input: QuestionInput,
}

impl Question {
    /// Why `value` is not a valid answer to this question, if it is not.
    pub fn validate(&self, value: &AnswerValue) -> Result<(), String> {
        match (&self.input, value) {
            (QuestionInput::Text { max_chars, .. }, AnswerValue::Text { text }) => {
                let chars = text.chars().count();
                if chars > *max_chars as usize {
                    return Err(format!(
                        "the text is {chars} characters, at most {max_chars} fit"
                    ));
                }
                Ok(())
            }
            (QuestionInput::Choice { multiple, options }, AnswerValue::Choice { selected }) => {
                if !multiple && selected.len() != 1 {
                    return Err(format!("choose exactly one option, not {}", selected.len()));
                }
                for (i, id) in selected.iter().enumerate() {
                    if !options.iter().any(|o| &o.id == id) {
                        return Err(format!("there is no option {id:?}"));
                    }
                    if selected[..i].contains(id) {
                        return Err(format!("option {id:?} is chosen twice"));
                    }
                }
                Ok(())
            }
            (QuestionInput::Scale { min, max, .. }, AnswerValue::Scale { value }) => {
                if (*min..=*max).contains(value) {
                    Ok(())
                } else {
                    Err(format!("{value} is outside {min} to {max}"))
                }
            }
            (input, _) => Err(format!("this question takes a {} answer", input.kind())),
        }
    }

    /// True when `value` counts as an answer for a required question.
    fn is_answered_by(&self, value: Option<&AnswerValue>) -> bool {
        value.is_some_and(|v| !v.is_empty() && self.validate(v).is_ok())
    }
}

impl QuestionInput {
    fn kind(&self) -> &'static str {
        match self {
            QuestionInput::Text { .. } => "text",
            QuestionInput::Choice { .. } => "choice",
            QuestionInput::Scale { .. } => "scale",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Task {
    pub kind: TaskKind,
    pub title: String,
    pub intro_html: String,
    pub minutes: u16,
    pub questions: Vec<Question>,
}

impl Task {
    pub fn question(&self, id: &QuestionId) -> Option<&Question> {
        self.questions.iter().find(|q| &q.id == id)
    }
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
    /// Index of the page in the content file, before age-band filtering.
    pub index: u16,
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
    pub pages_read: Vec<u16>,
    pub do_task: TaskView,
    pub home_assignment: TaskView,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProgrammeError {
    #[error("there is no module {0}")]
    UnknownModule(ModuleId),
    #[error("module {0} opens when the module before it is done (an optional module: six weeks after the last)")]
    ModuleLocked(ModuleId),
    #[error("module {module} has no page {page}")]
    UnknownPage { module: ModuleId, page: u16 },
    #[error("the {} of module {module} has no question {question}", task.as_str())]
    UnknownQuestion {
        module: ModuleId,
        task: TaskKind,
        question: QuestionId,
    },
    #[error("this answer does not fit question {question}: {reason}")]
    InvalidAnswer {
        question: QuestionId,
        reason: String,
    },
    #[error("the {} of module {module} is not open yet", task.as_str())]
    TaskNotOpen { module: ModuleId, task: TaskKind },
    #[error("answer these questions first: {}", join_ids(question_ids))]
    RequiredMissing { question_ids: Vec<QuestionId> },
}

fn join_ids(ids: &[QuestionId]) -> String {
    ids.iter()
        .map(QuestionId::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

impl ProgrammeError {
    /// The stable code the UI reacts to (`IpcError.code`).
    pub fn code(&self) -> &'static str {
        match self {
            ProgrammeError::UnknownModule(_) => "unknown_module",
            ProgrammeError::ModuleLocked(_) => "module_locked",
            ProgrammeError::UnknownPage { .. } => "unknown_page",
            ProgrammeError::UnknownQuestion { .. } => "unknown_question",
            ProgrammeError::InvalidAnswer { .. } => "invalid_answer",
            ProgrammeError::TaskNotOpen { .. } => "task_not_open",
            ProgrammeError::RequiredMissing { .. } => "required_missing",
        }
    }
}

/// The local calendar date of a stored instant, in the device's time zone.
pub fn local_date(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&Local).date_naive()
}

/// The home assignment's due date for a do-task done at `do_task_done_at`.
pub fn home_due_on(do_task_done_at: DateTime<Utc>) -> NaiveDate {
    let done_on = local_date(do_task_done_at);
    done_on
        .checked_add_days(Days::new(HOME_ASSIGNMENT_DAYS))
        .unwrap_or(done_on)
}

/// One module's state for one parent on one day.
struct State<'a> {
    module: &'a Module,
    progress: Option<&'a ModuleProgress>,
    /// Content-file indices of the pages this parent sees.
    visible: Vec<u16>,
    status: ModuleStatus,
    home: HomeStatus,
    /// Optional modules: the day it opened.
    open_since: Option<NaiveDate>,
}

impl State<'_> {
    fn is_read(&self, page: u16) -> bool {
        self.progress.is_some_and(|p| p.pages_read.contains(&page))
    }

    fn pages_read(&self) -> Vec<u16> {
        self.visible
            .iter()
            .copied()
            .filter(|&p| self.is_read(p))
            .collect()
    }

    fn do_task_done_at(&self) -> Option<DateTime<Utc>> {
        self.progress.and_then(|p| p.do_task_done_at)
    }

    fn task_open(&self, kind: TaskKind) -> bool {
        match kind {
            TaskKind::DoTask => self.status != ModuleStatus::Locked,
            TaskKind::HomeAssignment => {
                !self.module.optional
                    && self.status != ModuleStatus::Locked
                    && self.do_task_done_at().is_some()
            }
        }
    }
}

fn count(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

impl Programme {
    pub fn module(&self, id: &ModuleId) -> Option<&Module> {
        self.modules.iter().find(|m| &m.id == id)
    }

    fn known(&self, id: &ModuleId) -> Result<&Module, ProgrammeError> {
        self.module(id)
            .ok_or_else(|| ProgrammeError::UnknownModule(id.clone()))
    }

    /// The state of every module, in order. Module 1 is open; module N+1 opens when N is done.
    /// Optional modules are outside that order: they open six weeks after the last module
    /// is done ([`return_check::return_open_since`]).
    fn states<'a>(
        &'a self,
        profile: &Profile,
        progress: &'a [ModuleProgress],
        today: NaiveDate,
    ) -> Vec<State<'a>> {
        let mut states = self.states_of(profile, progress, today, false, None);
        let return_open = return_check::return_open_since(&states, today);
        let extra = self.states_of(profile, progress, today, true, return_open);
        states.extend(extra);
        states
    }

    /// The states of the required modules (`optional == false`, each opened by the one
    /// before) or of the optional ones (each open from `open_since`).
    fn states_of<'a>(
        &'a self,
        profile: &Profile,
        progress: &'a [ModuleProgress],
        today: NaiveDate,
        optional: bool,
        open_since: Option<NaiveDate>,
    ) -> Vec<State<'a>> {
        let bands = profile.age_bands(today);
        let mut open = !optional || open_since.is_some();
        let mut states = Vec::with_capacity(self.modules.len());
        for module in self.modules.iter().filter(|m| m.optional == optional) {
            let row = progress.iter().find(|p| p.module_id == module.id);
            let visible = visible_pages(module, &bands);
            let read_all = visible
                .iter()
                .all(|p| row.is_some_and(|r| r.pages_read.contains(p)));
            let do_done = row.and_then(|r| r.do_task_done_at);
            let untouched = row.is_none_or(|r| {
                r.started_at.is_none()
                    && r.pages_read.is_empty()
                    && r.do_task_done_at.is_none()
                    && r.home_assignment_done_at.is_none()
            });
            let status = if !open {
                ModuleStatus::Locked
            } else if read_all && do_done.is_some() {
                ModuleStatus::Done
            } else if untouched {
                ModuleStatus::Open
            } else {
                ModuleStatus::InProgress
            };
            let home = match (status, do_done, row.and_then(|r| r.home_assignment_done_at)) {
                _ if optional => HomeStatus::NotYet,
                (ModuleStatus::Locked, _, _) | (_, None, _) => HomeStatus::NotYet,
                (_, Some(_), Some(done)) => HomeStatus::Done {
                    done_on: local_date(done),
                },
                (_, Some(do_done), None) => HomeStatus::Open {
                    due_on: home_due_on(do_done),
                },
            };
            if !optional {
                open = status == ModuleStatus::Done;
            }
            states.push(State {
                module,
                progress: row,
                visible,
                status,
                home,
                open_since: if optional { open_since } else { None },
            });
        }
        states
    }

    fn state<'a>(
        &'a self,
        id: &ModuleId,
        profile: &Profile,
        progress: &'a [ModuleProgress],
        today: NaiveDate,
    ) -> Result<State<'a>, ProgrammeError> {
        self.known(id)?;
        self.states(profile, progress, today)
            .into_iter()
            .find(|s| &s.module.id == id)
            .ok_or_else(|| ProgrammeError::UnknownModule(id.clone()))
    }

    /// True when the module can be opened (it is not locked; a done module stays open).
    pub fn is_open(
        &self,
        id: &ModuleId,
        profile: &Profile,
        progress: &[ModuleProgress],
        today: NaiveDate,
    ) -> bool {
        self.state(id, profile, progress, today)
            .is_ok_and(|s| s.status != ModuleStatus::Locked)
    }

    pub fn overview(
        &self,
        profile: &Profile,
        progress: &[ModuleProgress],
        today: NaiveDate,
    ) -> Overview {
        let language = profile.language;
        let states = self.states(profile, progress, today);
        let modules = states
            .iter()
            .map(|s| {
                let text = s.module.text(language);
                ModuleSummary {
                    id: s.module.id.clone(),
                    number: s.module.number,
                    title: text.title.clone(),
                    summary: text.summary.clone(),
                    minutes: s.module.minutes,
                    optional: s.module.optional,
                    open_since: s.open_since,
                    status: s.status,
                    home_assignment: s.home.clone(),
                    pages_total: count(s.visible.len()),
                    pages_read: count(s.pages_read().len()),
                }
            })
            .collect();
        Overview {
            modules,
            next: next_step(&states, profile, today),
        }
    }

    pub fn module_view(
        &self,
        id: &ModuleId,
        profile: &Profile,
        progress: &[ModuleProgress],
        do_answers: &BTreeMap<QuestionId, AnswerValue>,
        home_answers: &BTreeMap<QuestionId, AnswerValue>,
        today: NaiveDate,
    ) -> Result<ModuleView, ProgrammeError> {
        let state = self.state(id, profile, progress, today)?;
        if state.status == ModuleStatus::Locked {
            return Err(ProgrammeError::ModuleLocked(id.clone()));
        }
        let module = state.module;
        let text = module.text(profile.language);
        let bands = profile.age_bands(today);
        let pages = text
            .pages
            .iter()
            .enumerate()
            .filter_map(|(index, page)| {
                Some(PageView {
                    index: count(index),
                    title: page.title.clone(),
                    html: page.html_for(&bands)?,
                })
            })
            .collect();
        let task_view = |kind: TaskKind, answers: &BTreeMap<QuestionId, AnswerValue>| {
            let task = text.task(kind).clone();
            let answers = answers
                .iter()
                .filter(|(id, _)| task.question(id).is_some())
                .map(|(id, v)| (id.clone(), v.clone()))
                .collect();
            let (done_at, due_on) = match kind {
                TaskKind::DoTask => (state.do_task_done_at(), None),
                TaskKind::HomeAssignment => (
                    state.progress.and_then(|p| p.home_assignment_done_at),
                    state.do_task_done_at().map(home_due_on),
                ),
            };
            TaskView {
                task,
                answers,
                open: state.task_open(kind),
                done_at,
                due_on,
            }
        };
        Ok(ModuleView {
            id: module.id.clone(),
            number: module.number,
            title: text.title.clone(),
            summary: text.summary.clone(),
            minutes: module.minutes,
            optional: module.optional,
            status: state.status,
            pages,
            pages_read: state.pages_read(),
            do_task: task_view(TaskKind::DoTask, do_answers),
            home_assignment: task_view(TaskKind::HomeAssignment, home_answers),
        })
    }

    /// Checks that `page` (a content-file index) is a page this parent sees in an open module.
    pub fn check_page(
        &self,
        id: &ModuleId,
        page: u16,
        profile: &Profile,
        progress: &[ModuleProgress],
        today: NaiveDate,
    ) -> Result<(), ProgrammeError> {
        let state = self.state(id, profile, progress, today)?;
        if state.status == ModuleStatus::Locked {
            return Err(ProgrammeError::ModuleLocked(id.clone()));
        }
        if !state.visible.contains(&page) {
            return Err(ProgrammeError::UnknownPage {
                module: id.clone(),
                page,
            });
        }
        Ok(())
    }

    /// Checks that an answer fits its question. Whether the task is open is
    /// [`Programme::check_task_open`]'s business.
    pub fn check_answer(
        &self,
        id: &ModuleId,
        kind: TaskKind,
        question: &QuestionId,
        value: &AnswerValue,
    ) -> Result<(), ProgrammeError> {
        // Questions are the same in every language (the content check guarantees it).
        let task = self.known(id)?.texts.nl.task(kind);
        let q = task
            .question(question)
            .ok_or_else(|| ProgrammeError::UnknownQuestion {
                module: id.clone(),
                task: kind,
                question: question.clone(),
            })?;
        q.validate(value)
            .map_err(|reason| ProgrammeError::InvalidAnswer {
                question: question.clone(),
                reason,
            })
    }

    /// The do-task is open with its module; the home assignment once the do-task is done.
    pub fn check_task_open(
        &self,
        id: &ModuleId,
        kind: TaskKind,
        profile: &Profile,
        progress: &[ModuleProgress],
        today: NaiveDate,
    ) -> Result<(), ProgrammeError> {
        let state = self.state(id, profile, progress, today)?;
        if state.task_open(kind) {
            Ok(())
        } else {
            Err(ProgrammeError::TaskNotOpen {
                module: id.clone(),
                task: kind,
            })
        }
    }

    /// A task can be marked done when it is open and every required question has a valid,
    /// non-empty answer. The error lists the missing questions in content order.
    pub fn check_can_complete(
        &self,
        id: &ModuleId,
        kind: TaskKind,
        profile: &Profile,
        progress: &[ModuleProgress],
        answers: &BTreeMap<QuestionId, AnswerValue>,
        today: NaiveDate,
    ) -> Result<(), ProgrammeError> {
        self.check_task_open(id, kind, profile, progress, today)?;
        let task = self.known(id)?.texts.nl.task(kind);
        let question_ids: Vec<QuestionId> = task
            .questions
            .iter()
            .filter(|q| q.required && !q.is_answered_by(answers.get(&q.id)))
            .map(|q| q.id.clone())
            .collect();
        if question_ids.is_empty() {
            Ok(())
        } else {
            Err(ProgrammeError::RequiredMissing { question_ids })
        }
    }
}

/// Content-file indices of the pages a parent with children in `bands` sees.
fn visible_pages(module: &Module, bands: &[AgeBand]) -> Vec<u16> {
    // Visibility is the same in every language (same age blocks); Dutch is the reference.
    module
        .texts
        .nl
        .pages
        .iter()
        .enumerate()
        .filter(|(_, page)| page.blocks.iter().any(|b| b.is_for(bands)))
        .map(|(i, _)| count(i))
        .collect()
}

/// What comes next. Optional modules never make the programme look unfinished: the return
/// check is offered ([`NextStep::LookBack`]) only where the programme would be finished.
fn next_step(all: &[State<'_>], profile: &Profile, today: NaiveDate) -> NextStep {
    let title = |s: &State<'_>| s.module.text(profile.language).title.clone();
    let (extra, states): (Vec<&State<'_>>, Vec<&State<'_>>) =
        all.iter().partition(|s| s.module.optional);
    if let Some(s) = states.iter().find(|s| s.status == ModuleStatus::InProgress) {
        let page = s
            .visible
            .iter()
            .position(|&p| !s.is_read(p))
            .unwrap_or(s.visible.len());
        return NextStep::ContinueModule {
            module_id: s.module.id.clone(),
            number: s.module.number,
            title: title(s),
            page: count(page),
        };
    }
    let write = |s: &State<'_>, due_on: NaiveDate| NextStep::WriteHomeAssignment {
        module_id: s.module.id.clone(),
        number: s.module.number,
        title: title(s),
        due_on,
    };
    if let Some(s) = states.iter().rev().find(|s| s.status == ModuleStatus::Done) {
        if let HomeStatus::Open { due_on } = s.home {
            if today <= due_on {
                return write(s, due_on);
            }
        }
    }
    if let Some(s) = states.iter().find(|s| s.status == ModuleStatus::Open) {
        return NextStep::StartModule {
            module_id: s.module.id.clone(),
            number: s.module.number,
            title: title(s),
        };
    }
    let earliest_open_home = states
        .iter()
        .filter_map(|s| match s.home {
            HomeStatus::Open { due_on } => Some((due_on, s)),
            _ => None,
        })
        .min_by_key(|(due_on, s)| (*due_on, s.module.number));
    if let Some((due_on, s)) = earliest_open_home {
        return write(s, due_on);
    }
    match extra
        .iter()
        .find(|s| matches!(s.status, ModuleStatus::Open | ModuleStatus::InProgress))
    {
        Some(s) => NextStep::LookBack {
            module_id: s.module.id.clone(),
            title: title(s),
        },
        None => NextStep::Finished,
    }
}
