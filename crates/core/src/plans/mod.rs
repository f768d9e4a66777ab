//! Plans: do-task answers that outlive their module. The step plan for difficult moments
//! (module 4) and the network map (module 5) are shown under "My plans" and can be changed at
//! any time. A plan is not stored twice: it *is* the do-task's answers, so changing it there
//! saves the same answers the module shows.
//!
//! Which questions make which plan is content (`[[plans]]` in `programme.toml`), not code.

#[cfg(test)]
mod tests;

use crate::answer::{AnswerValue, TaskKind};
use crate::content::{line_of, Errors, PerLanguage, Programme};
use crate::ids::{ModuleId, QuestionId};
use crate::profile::Profile;
use crate::programme::{Question, QuestionInput};
use crate::progress::ModuleProgress;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use toml::Spanned;
use ts_rs::TS;

/// What a plan looks like on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PlanKind {
    /// Numbered steps under the situation they are for.
    StepPlan,
    /// A picture: the parent in the middle, people around by closeness.
    NetworkMap,
}

/// The part a question plays in its plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PlanRole {
    /// Step plan: the moment the plan is for.
    Situation,
    /// Step plan: the next numbered step.
    Step,
    /// Step plan: more of the step before (no number of its own).
    StepMore,
    /// Network map: the inner ring, one person per line.
    Close,
    /// Network map: the middle ring.
    Further,
    /// Network map: the outer ring.
    Professionals,
    /// Network map: the child's trusted person (marked in the picture).
    ChildTrusted,
    /// Network map: whether the trusted person knows.
    ChildTrustedKnows,
    /// Network map: support the parent would like more of.
    Wish,
}

impl PlanRole {
    fn fits(self, kind: PlanKind) -> bool {
        use PlanRole::*;
        match kind {
            PlanKind::StepPlan => matches!(self, Situation | Step | StepMore),
            PlanKind::NetworkMap => matches!(
                self,
                Close | Further | Professionals | ChildTrusted | ChildTrustedKnows | Wish
            ),
        }
    }

    /// Roles drawn from lines of text: the question must be a text question.
    fn needs_text(self) -> bool {
        matches!(
            self,
            PlanRole::Close | PlanRole::Further | PlanRole::Professionals | PlanRole::ChildTrusted
        )
    }

    fn name(self) -> &'static str {
        use PlanRole::*;
        match self {
            Situation => "situation",
            Step => "step",
            StepMore => "step_more",
            Close => "close",
            Further => "further",
            Professionals => "professionals",
            ChildTrusted => "child_trusted",
            ChildTrustedKnows => "child_trusted_knows",
            Wish => "wish",
        }
    }
}

/// A plan as the content defines it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub id: String,
    pub kind: PlanKind,
    pub module: ModuleId,
    pub title: PerLanguage<String>,
    /// Where the plan comes from, in plain words; shown before the module is reached too.
    pub origin: PerLanguage<String>,
    pub parts: Vec<PlanPart>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanPart {
    pub question: QuestionId,
    pub role: PlanRole,
    /// A short name for the part in the plan ("Signs"); the question's label when absent.
    pub heading: Option<PerLanguage<String>>,
}

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
    pub id: String,
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

impl Programme {
    /// Every plan for this parent. `answers` holds the do-task answers per module.
    pub fn plans(
        &self,
        profile: &Profile,
        progress: &[ModuleProgress],
        answers: &BTreeMap<ModuleId, BTreeMap<QuestionId, AnswerValue>>,
        today: NaiveDate,
    ) -> Vec<PlanView> {
        let language = profile.language;
        let no_answers = BTreeMap::new();
        self.plans
            .iter()
            .filter_map(|plan| {
                let module = self.module(&plan.module)?;
                let text = module.text(language);
                let open = self.is_open(&plan.module, profile, progress, today);
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

// --- parsing ------------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPlan {
    id: Spanned<String>,
    kind: Spanned<String>,
    module: Spanned<String>,
    title: Spanned<RawTexts>,
    origin: Spanned<RawTexts>,
    #[serde(default)]
    parts: Vec<RawPart>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPart {
    question: Spanned<String>,
    role: Spanned<String>,
    heading: Option<RawTexts>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTexts {
    nl: String,
    en: String,
}

impl RawTexts {
    fn filled(&self) -> bool {
        !self.nl.trim().is_empty() && !self.en.trim().is_empty()
    }

    fn into_texts(self) -> PerLanguage<String> {
        PerLanguage {
            nl: self.nl,
            en: self.en,
        }
    }
}

/// Checks the `[[plans]]` of `programme.toml` (at `path`, text `text`) against the parsed
/// modules: the module exists, every part is a question of its do-task, roles fit the kind.
pub(crate) fn resolve(
    path: &str,
    text: &str,
    raw: Vec<RawPlan>,
    modules: &[crate::content::Module],
    errors: &mut Errors,
) -> Vec<Plan> {
    let line = |span: std::ops::Range<usize>| line_of(text, span.start);
    let mut plans: Vec<Plan> = Vec::new();
    for raw_plan in raw {
        let before = errors.len();
        let plan_line = line(raw_plan.id.span());
        let id = raw_plan.id.get_ref().clone();
        if id.is_empty()
            || !id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            errors.at(
                path,
                plan_line,
                format!("plan id {id:?}: use a-z, 0-9 and '-'"),
            );
        }
        if plans.iter().any(|p| p.id == id) {
            errors.at(path, plan_line, format!("plan {id} is defined twice"));
        }
        let kind = match raw_plan.kind.get_ref().as_str() {
            "step_plan" => Some(PlanKind::StepPlan),
            "network_map" => Some(PlanKind::NetworkMap),
            other => {
                errors.at(
                    path,
                    line(raw_plan.kind.span()),
                    format!("unknown plan kind {other:?} (use step_plan or network_map)"),
                );
                None
            }
        };
        let module = modules
            .iter()
            .find(|m| m.id.as_str() == raw_plan.module.get_ref());
        if module.is_none() {
            errors.at(
                path,
                line(raw_plan.module.span()),
                format!(
                    "plan {id} names module {:?}, which is not in the programme",
                    raw_plan.module.get_ref()
                ),
            );
        }
        for (what, texts) in [("title", &raw_plan.title), ("origin", &raw_plan.origin)] {
            if !texts.get_ref().filled() {
                errors.at(
                    path,
                    line(texts.span()),
                    format!("plan {id} needs a {what} in nl and en"),
                );
            }
        }
        if raw_plan.parts.is_empty() {
            errors.at(path, plan_line, format!("plan {id} has no parts"));
        }
        let mut parts = Vec::new();
        for raw_part in raw_plan.parts {
            let part_line = line(raw_part.question.span());
            let role =
                match PlanRole::deserialize(toml::Value::String(raw_part.role.get_ref().clone())) {
                    Ok(role) => Some(role),
                    Err(_) => {
                        errors.at(
                            path,
                            line(raw_part.role.span()),
                            format!("unknown plan role {:?}", raw_part.role.get_ref()),
                        );
                        None
                    }
                };
            if let (Some(role), Some(kind)) = (role, kind) {
                if !role.fits(kind) {
                    errors.at(
                        path,
                        line(raw_part.role.span()),
                        format!("role {} does not belong in a {kind:?} plan", role.name()),
                    );
                }
            }
            let question = QuestionId::new(raw_part.question.get_ref().clone()).ok();
            let found = module.and_then(|m| {
                question
                    .as_ref()
                    .and_then(|q| m.texts.nl.task(TaskKind::DoTask).question(q))
            });
            if module.is_some() && found.is_none() {
                errors.at(
                    path,
                    part_line,
                    format!(
                        "{:?} is not a question of the do-task of module {}",
                        raw_part.question.get_ref(),
                        raw_plan.module.get_ref()
                    ),
                );
            }
            if let (Some(q), Some(role)) = (found, role) {
                if role.needs_text() && !matches!(q.input, QuestionInput::Text { .. }) {
                    errors.at(
                        path,
                        part_line,
                        format!("role {} needs a text question", role.name()),
                    );
                }
            }
            if let Some(h) = &raw_part.heading {
                if !h.filled() {
                    errors.at(path, part_line, "a heading needs nl and en");
                }
            }
            if let (Some(question), Some(role)) = (question, role) {
                parts.push(PlanPart {
                    question,
                    role,
                    heading: raw_part.heading.map(RawTexts::into_texts),
                });
            }
        }
        if kind == Some(PlanKind::NetworkMap) {
            for role in [
                PlanRole::Close,
                PlanRole::Further,
                PlanRole::Professionals,
                PlanRole::ChildTrusted,
            ] {
                let n = parts.iter().filter(|p| p.role == role).count();
                if n != 1 {
                    errors.at(
                        path,
                        plan_line,
                        format!(
                            "a network map has exactly one part with role {} (found {n})",
                            role.name()
                        ),
                    );
                }
            }
        }
        if kind == Some(PlanKind::StepPlan)
            && parts.first().is_some_and(|p| p.role == PlanRole::StepMore)
        {
            errors.at(
                path,
                plan_line,
                "step_more continues a step: it cannot come first",
            );
        }
        if errors.len() > before {
            continue;
        }
        if let (Some(kind), Some(module)) = (kind, module) {
            plans.push(Plan {
                id,
                kind,
                module: module.id.clone(),
                title: raw_plan.title.into_inner().into_texts(),
                origin: raw_plan.origin.into_inner().into_texts(),
                parts,
            });
        }
    }
    plans
}
