//! The programme for one parent at one moment: every module's state worked out once, from the
//! content, the profile, the stored progress and the clock. The overview, a module, the checks
//! before a step, the plans and the reminder facts all read from that one computation.

use super::error::ProgrammeError;
use super::next_step::next_step;
use super::return_check;
use super::views::{
    HomeStatus, ModuleStatus, ModuleSummary, ModuleView, Overview, PageView, TaskView,
};
use super::HOME_ASSIGNMENT_DAYS;
use crate::answer::{AnswerValue, TaskKind};
use crate::clock::Clock;
use crate::content::{Module, Programme};
use crate::ids::{ModuleId, PageIndex, QuestionId};
use crate::profile::{AgeBand, Profile, Role};
use crate::progress::ModuleProgress;
use chrono::{DateTime, Days, NaiveDate, Utc};
use std::collections::BTreeMap;

/// Answers to one task, by question.
pub type Answers = BTreeMap<QuestionId, AnswerValue>;

/// The programme as it stands for one parent now. Made by [`Programme::for_parent`].
pub struct ForParent<'a> {
    pub(crate) programme: &'a Programme,
    pub(crate) profile: &'a Profile,
    pub(crate) progress: &'a [ModuleProgress],
    pub(crate) clock: Clock,
    pub(crate) bands: Vec<AgeBand>,
    pub(crate) role: Role,
    /// The required modules in order, then the optional ones.
    pub(crate) states: Vec<State<'a>>,
}

/// One module's state for one parent on one day.
pub(crate) struct State<'a> {
    pub(crate) module: &'a Module,
    pub(crate) progress: Option<&'a ModuleProgress>,
    /// Content-file indices of the pages this parent sees.
    pub(crate) visible: Vec<PageIndex>,
    pub(crate) status: ModuleStatus,
    pub(crate) home: HomeStatus,
    /// Optional modules: the day it opened.
    pub(crate) open_since: Option<NaiveDate>,
}

impl State<'_> {
    pub(crate) fn is_read(&self, page: PageIndex) -> bool {
        self.progress.is_some_and(|p| p.pages_read.contains(&page))
    }

    fn pages_read(&self) -> Vec<PageIndex> {
        self.visible
            .iter()
            .copied()
            .filter(|&p| self.is_read(p))
            .collect()
    }

    pub(crate) fn do_task_done_at(&self) -> Option<DateTime<Utc>> {
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

pub(crate) fn count(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

impl Programme {
    pub fn module(&self, id: &ModuleId) -> Option<&Module> {
        self.modules.iter().find(|m| &m.id == id)
    }

    /// The programme for this parent now: every module's state, worked out once.
    pub fn for_parent<'a>(
        &'a self,
        profile: &'a Profile,
        progress: &'a [ModuleProgress],
        clock: Clock,
    ) -> ForParent<'a> {
        let today = clock.today();
        let bands = profile.age_bands(today);
        let role = profile.role;
        let mut states = states_of(self, &bands, role, progress, clock, false, None);
        let return_open = return_check::return_open_since(&states, clock);
        states.extend(states_of(
            self,
            &bands,
            role,
            progress,
            clock,
            true,
            return_open,
        ));
        ForParent {
            programme: self,
            profile,
            progress,
            clock,
            bands,
            role,
            states,
        }
    }

    /// Checks that an answer fits its question. Whether the task is open is
    /// [`ForParent::check_task_open`]'s business.
    pub fn check_answer(
        &self,
        id: &ModuleId,
        kind: TaskKind,
        question: &QuestionId,
        value: &AnswerValue,
    ) -> Result<(), ProgrammeError> {
        let module = self
            .module(id)
            .ok_or_else(|| ProgrammeError::UnknownModule(id.clone()))?;
        // Questions are the same in every language (the content check guarantees it).
        let q = module
            .texts
            .nl
            .task(kind)
            .question(question)
            .ok_or_else(|| ProgrammeError::UnknownQuestion {
                module: id.clone(),
                task: kind,
                question: question.clone(),
            })?;
        q.validate(value)
            .map_err(|problem| ProgrammeError::InvalidAnswer {
                question: question.clone(),
                problem,
            })
    }
}

/// The states of the required modules (`optional == false`, each opened by the one before) or
/// of the optional ones (each open from `open_since`).
fn states_of<'a>(
    programme: &'a Programme,
    bands: &[AgeBand],
    role: Role,
    progress: &'a [ModuleProgress],
    clock: Clock,
    optional: bool,
    open_since: Option<NaiveDate>,
) -> Vec<State<'a>> {
    let mut open = !optional || open_since.is_some();
    let mut states = Vec::with_capacity(programme.modules.len());
    for module in programme.modules.iter().filter(|m| m.optional == optional) {
        let row = progress.iter().find(|p| p.module_id == module.id);
        let visible = visible_pages(module, bands, role);
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
        let completed = row.is_some_and(|r| r.completed_at.is_some());
        let status = if !open {
            ModuleStatus::Locked
        } else if completed || (read_all && do_done.is_some()) {
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
                done_on: clock.local_date(done),
            },
            (_, Some(do_done), None) => HomeStatus::Open {
                due_on: home_due_on(clock, do_done),
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

/// The home assignment's due date for a do-task done at `do_task_done_at`.
pub(crate) fn home_due_on(clock: Clock, do_task_done_at: DateTime<Utc>) -> NaiveDate {
    let done_on = clock.local_date(do_task_done_at);
    done_on
        .checked_add_days(Days::new(HOME_ASSIGNMENT_DAYS))
        .unwrap_or(done_on)
}

/// Content-file indices of the pages a reader in `role` with children in `bands` sees.
fn visible_pages(module: &Module, bands: &[AgeBand], role: Role) -> Vec<PageIndex> {
    // Visibility is the same in every language (same age blocks); Dutch is the reference.
    module
        .texts
        .nl
        .pages
        .iter()
        .enumerate()
        .filter(|(_, page)| page.is_for(bands, role))
        .map(|(i, _)| PageIndex(count(i)))
        .collect()
}

impl<'a> ForParent<'a> {
    pub fn today(&self) -> NaiveDate {
        self.clock.today()
    }

    fn state(&self, id: &ModuleId) -> Result<&State<'a>, ProgrammeError> {
        self.states
            .iter()
            .find(|s| &s.module.id == id)
            .ok_or_else(|| ProgrammeError::UnknownModule(id.clone()))
    }

    /// The state of a module that is not locked.
    fn open_state(&self, id: &ModuleId) -> Result<&State<'a>, ProgrammeError> {
        let state = self.state(id)?;
        if state.status == ModuleStatus::Locked {
            return Err(ProgrammeError::ModuleLocked(id.clone()));
        }
        Ok(state)
    }

    /// True when the module can be opened (it is not locked; a done module stays open).
    pub fn is_open(&self, id: &ModuleId) -> bool {
        self.open_state(id).is_ok()
    }

    /// Refuses an unknown or locked module.
    pub fn check_open(&self, id: &ModuleId) -> Result<(), ProgrammeError> {
        self.open_state(id).map(|_| ())
    }

    pub fn overview(&self) -> Overview {
        let language = self.profile.language;
        let modules = self
            .states
            .iter()
            .map(|s| {
                let text = s.module.text_for(language, self.role);
                ModuleSummary {
                    id: s.module.id.clone(),
                    number: s.module.number,
                    title: text.title.clone(),
                    summary: text.summary.clone(),
                    minutes: s.module.minutes,
                    home_assignment_minutes: text.home_assignment.minutes,
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
            next: next_step(&self.states, self.profile, self.today()),
        }
    }

    pub fn module_view(
        &self,
        id: &ModuleId,
        do_answers: &Answers,
        home_answers: &Answers,
    ) -> Result<ModuleView, ProgrammeError> {
        let state = self.open_state(id)?;
        let module = state.module;
        let text = module.text_for(self.profile.language, self.role);
        let pages = text
            .pages
            .iter()
            .enumerate()
            .filter_map(|(index, page)| {
                Some(PageView {
                    index: PageIndex(count(index)),
                    title: page.title.clone(),
                    html: page.html_for(&self.bands, self.role)?,
                })
            })
            .collect();
        let task_view = |kind: TaskKind, answers: &Answers| {
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
                    state
                        .do_task_done_at()
                        .map(|at| home_due_on(self.clock, at)),
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

    /// Checks that `page` is a page this parent sees in an open module.
    pub fn check_page(&self, id: &ModuleId, page: PageIndex) -> Result<(), ProgrammeError> {
        let state = self.open_state(id)?;
        if !state.visible.contains(&page) {
            return Err(ProgrammeError::UnknownPage {
                module: id.clone(),
                page,
            });
        }
        Ok(())
    }

    /// The do-task is open with its module; the home assignment once the do-task is done.
    pub fn check_task_open(&self, id: &ModuleId, kind: TaskKind) -> Result<(), ProgrammeError> {
        if self.state(id)?.task_open(kind) {
            Ok(())
        } else {
            Err(ProgrammeError::TaskNotOpen {
                module: id.clone(),
                task: kind,
            })
        }
    }

    /// A task can be marked done when it is open and every question required by the answers
    /// given (conditions included) has a valid, non-empty answer. The error lists the missing
    /// questions in content order.
    pub fn check_can_complete(
        &self,
        id: &ModuleId,
        kind: TaskKind,
        answers: &Answers,
    ) -> Result<(), ProgrammeError> {
        self.check_task_open(id, kind)?;
        let task = self.state(id)?.module.texts.nl.task(kind);
        let question_ids: Vec<QuestionId> = task
            .questions
            .iter()
            .filter(|q| q.is_required(answers) && !q.is_answered_by(answers.get(&q.id)))
            .map(|q| q.id.clone())
            .collect();
        if question_ids.is_empty() {
            Ok(())
        } else {
            Err(ProgrammeError::RequiredMissing { question_ids })
        }
    }

    /// Modules that are done now but whose completion is not recorded yet: the caller records
    /// them, so they stay done whatever the children's ages do later.
    pub fn unrecorded_completions(&self) -> Vec<ModuleId> {
        self.states
            .iter()
            .filter(|s| {
                s.status == ModuleStatus::Done
                    && s.progress.is_none_or(|p| p.completed_at.is_none())
            })
            .map(|s| s.module.id.clone())
            .collect()
    }

    /// The day the programme was finished: every module done, dated by the last module's
    /// do-task (its pages are read before it). `None` while a module is not done.
    pub fn finished_on(&self) -> Option<NaiveDate> {
        return_check::finished_on(&self.states, self.clock)
    }

    /// The day the return check opened, when it is open today: six weeks after the programme
    /// was finished. `None` before that, and while a module is not done.
    pub fn return_module_open_since(&self) -> Option<NaiveDate> {
        return_check::return_open_since(&self.states, self.clock)
    }
}
