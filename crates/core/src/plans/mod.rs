//! Plans: do-task answers that outlive their module. The step plan for difficult moments
//! (module 4) and the network map (module 5) are shown under "My plans" and can be changed at
//! any time. A plan is not stored twice: it *is* the do-task's answers, so changing it there
//! saves the same answers the module shows.
//!
//! Which questions make which plan is content (`[[plans]]` in `programme.toml`, read by
//! [`crate::content::plans`]), not code.

#[cfg(test)]
mod tests;

use crate::answer::AnswerValue;
use crate::content::{PlanKind, PlanRole, Question, QuestionInput};
use crate::ids::{ModuleId, PlanId};
use crate::programme::{Answers, ForParent};
use serde::Serialize;
use std::collections::BTreeMap;
use ts_rs::TS;

/// How far the parent is with a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PlanState {
    /// Its module is not open yet: only where the plan comes from is shown.
    NotReached,
    /// The module is open but nothing of the plan is written yet.
    ToMake,
    /// At least one part has an answer.
    Made,
}

/// One part of a plan with the parent's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PlanPartView {
    pub role: PlanRole,
    pub heading: String,
    /// The do-task question this part is (edit it with `save_answer` on the plan's module).
    pub question: Question,
    pub answer: Option<AnswerValue>,
    /// The answer as lines to show: each non-empty line of a text, the labels of the chosen
    /// options, or the number on a scale. Empty when unanswered.
    pub lines: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PlanView {
    pub id: PlanId,
    pub kind: PlanKind,
    pub title: String,
    pub origin: String,
    pub module_id: ModuleId,
    pub module_number: u16,
    pub module_title: String,
    pub state: PlanState,
    /// The parts can be changed now (the module is open).
    pub editable: bool,
    /// Empty while the plan is not reached.
    pub parts: Vec<PlanPartView>,
}

impl ForParent<'_> {
    /// Every plan for this parent. `answers` holds the do-task answers per module.
    pub fn plans(&self, answers: &BTreeMap<ModuleId, Answers>) -> Vec<PlanView> {
        let language = self.profile.language;
        let no_answers = BTreeMap::new();
        self.programme
            .plans
            .iter()
            .filter_map(|plan| {
                let module = self.programme.module(&plan.module)?;
                let text = module.text_for(language, self.role);
                let open = self.is_open(&plan.module);
                let answers = answers.get(&plan.module).unwrap_or(&no_answers);
                let parts: Vec<PlanPartView> = if open {
                    plan.parts
                        .iter()
                        .filter_map(|part| {
                            let question = text.do_task.question(&part.question)?.clone();
                            let answer = answers.get(&part.question).cloned();
                            let lines = answer
                                .as_ref()
                                .map(|a| answer_lines(&question, a))
                                .unwrap_or_default();
                            Some(PlanPartView {
                                role: part.role,
                                heading: part.heading.as_ref().map_or_else(
                                    || question.label.clone(),
                                    |h| h.get(language).clone(),
                                ),
                                question,
                                answer,
                                lines,
                            })
                        })
                        .collect()
                } else {
                    Vec::new()
                };
                let state = if !open {
                    PlanState::NotReached
                } else if parts.iter().any(|p| !p.lines.is_empty()) {
                    PlanState::Made
                } else {
                    PlanState::ToMake
                };
                Some(PlanView {
                    id: plan.id.clone(),
                    kind: plan.kind,
                    title: plan.title.get(language).clone(),
                    origin: plan.origin.get(language).clone(),
                    module_id: module.id.clone(),
                    module_number: module.number,
                    module_title: text.title.clone(),
                    state,
                    editable: open,
                    parts,
                })
            })
            .collect()
    }
}

/// An answer as the lines a plan shows.
pub fn answer_lines(question: &Question, answer: &AnswerValue) -> Vec<String> {
    match (answer, &question.input) {
        (AnswerValue::Text { text }, _) => text
            .lines()
            .map(|l| l.trim().trim_start_matches(['-', '*', '•']).trim())
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect(),
        (AnswerValue::Choice { selected }, QuestionInput::Choice { options, .. }) => options
            .iter()
            .filter(|o| selected.contains(&o.id))
            .map(|o| o.label.clone())
            .collect(),
        (AnswerValue::Scale { value }, _) => vec![value.to_string()],
        (AnswerValue::Choice { .. }, _) => Vec::new(),
    }
}
