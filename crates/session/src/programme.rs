//! Working through the programme: the overview, a module's pages, its two exercises, and the
//! plans made of do-task answers.

use crate::{Result, Session};
use chrono::{DateTime, Utc};
use houvast_core::{
    AnswerValue, Answers, ForParent, ModuleId, ModuleView, Overview, PageIndex, PlanView, Profile,
    QuestionId, TaskKind,
};
use serde::Serialize;
use std::collections::BTreeMap;
use ts_rs::TS;

/// Sent back after an answer is stored, so the UI can say "saved".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SavedAnswer {
    pub saved_at: DateTime<Utc>,
}

impl Session<'_> {
    /// The overview. It also records modules done before completions were stored (an older
    /// database), so they too stay done from now on.
    pub fn overview(&self) -> Result<Overview> {
        self.record_completions()?;
        self.with_programme(|_, parent| Ok(parent.overview()))
    }

    /// Opens a module: a locked one is refused before anything is recorded.
    pub fn open_module(&self, id: &ModuleId) -> Result<ModuleView> {
        self.with_programme(|profile, parent| {
            parent.check_open(id)?;
            self.store.mark_started(id, self.clock.now)?;
            self.module_view(profile, id)
        })
    }

    /// `page` is a page this parent sees in an open module.
    pub fn mark_page_read(&self, id: &ModuleId, page: PageIndex) -> Result<ModuleView> {
        self.with_programme(|profile, parent| {
            parent.check_page(id, page)?;
            self.store.mark_page_read(id, page, self.clock.now)?;
            self.record_completions()?;
            self.module_view(profile, id)
        })
    }

    /// Saves one answer as the parent types: it must fit its question, and the task must be
    /// open. Saving again replaces it.
    pub fn save_answer(
        &self,
        id: &ModuleId,
        task: TaskKind,
        question: &QuestionId,
        value: &AnswerValue,
    ) -> Result<SavedAnswer> {
        self.programme.check_answer(id, task, question, value)?;
        self.with_programme(|_, parent| Ok(parent.check_task_open(id, task)?))?;
        let saved_at = self.clock.now;
        self.store
            .save_answer(id, task, question, value, saved_at)?;
        Ok(SavedAnswer { saved_at })
    }

    /// Marks a task done once every required question has an answer.
    pub fn complete_task(&self, id: &ModuleId, task: TaskKind) -> Result<ModuleView> {
        self.with_programme(|profile, parent| {
            parent.check_can_complete(id, task, &self.store.answers(id, task)?)?;
            self.store.mark_task_done(id, task, self.clock.now)?;
            self.record_completions()?;
            self.module_view(profile, id)
        })
    }

    /// The step plan and the network map, built from the do-task answers. Changing a plan is
    /// [`Session::save_answer`] on its module's do-task: a plan is never stored twice.
    pub fn my_plans(&self) -> Result<Vec<PlanView>> {
        let mut answers: BTreeMap<ModuleId, Answers> = BTreeMap::new();
        for plan in &self.programme.plans {
            if !answers.contains_key(&plan.module) {
                let module_answers = self.store.answers(&plan.module, TaskKind::DoTask)?;
                answers.insert(plan.module.clone(), module_answers);
            }
        }
        self.with_programme(|_, parent| Ok(parent.plans(&answers)))
    }

    /// Records every module that is done now and not recorded yet: once done, a module stays
    /// done whatever the children's ages show later.
    fn record_completions(&self) -> Result<()> {
        let done = self.with_programme(|_, parent| Ok(parent.unrecorded_completions()))?;
        for id in done {
            self.store.mark_completed(&id, self.clock.now)?;
        }
        Ok(())
    }

    /// Runs `f` with the parent's profile and the programme worked out for them now (their
    /// stored progress, this session's clock): the one way every step above reads both.
    pub(crate) fn with_programme<T>(
        &self,
        f: impl FnOnce(&Profile, &ForParent<'_>) -> Result<T>,
    ) -> Result<T> {
        let profile = self.onboarded()?;
        let progress = self.store.all_progress()?;
        f(
            &profile,
            &self.programme.for_parent(&profile, &progress, self.clock),
        )
    }

    /// The module as it is after a step was stored (progress read again).
    fn module_view(&self, profile: &Profile, id: &ModuleId) -> Result<ModuleView> {
        let progress = self.store.all_progress()?;
        let do_answers = self.store.answers(id, TaskKind::DoTask)?;
        let home_answers = self.store.answers(id, TaskKind::HomeAssignment)?;
        Ok(self
            .programme
            .for_parent(profile, &progress, self.clock)
            .module_view(id, &do_answers, &home_answers)?)
    }
}
