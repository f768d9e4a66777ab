//! Plans as the content defines them (`[[plans]]` in programme.toml): which do-task answers
//! make the step plan, the network map and the care plan for the child, and the checks on
//! that table.

use super::{line_of, Errors, Module, PerLanguage};
use crate::answer::TaskKind;
use crate::content::QuestionInput;
use crate::ids::{ModuleId, PlanId, QuestionId};
use serde::{Deserialize, Serialize};
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
    /// "When I can't for a while": who looks after the child, and what is arranged. The crisis
    /// help offers it first, beside the phone numbers; it can be printed.
    CarePlan,
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
    /// Care plan: who takes over the care of the child (shown first, also in crisis help).
    TakesOver,
    /// Care plan: one more arrangement under its heading (the backup, numbers, school...).
    Arrangement,
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
            PlanKind::CarePlan => matches!(self, TakesOver | Arrangement),
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
            TakesOver => "takes_over",
            Arrangement => "arrangement",
        }
    }
}

/// A plan as the content defines it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub id: PlanId,
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
    modules: &[Module],
    errors: &mut Errors,
) -> Vec<Plan> {
    let line = |span: std::ops::Range<usize>| line_of(text, span.start);
    let mut plans: Vec<Plan> = Vec::new();
    for raw_plan in raw {
        let before = errors.len();
        let plan_line = line(raw_plan.id.span());
        let id = raw_plan.id.get_ref().clone();
        let plan_id = PlanId::new(id.clone());
        if plan_id.is_err() {
            errors.at(
                path,
                plan_line,
                format!("plan id {id:?}: use a-z, 0-9 and '-'"),
            );
        }
        if plans.iter().any(|p| p.id.as_str() == id) {
            errors.at(path, plan_line, format!("plan {id} is defined twice"));
        }
        let kind = match raw_plan.kind.get_ref().as_str() {
            "step_plan" => Some(PlanKind::StepPlan),
            "network_map" => Some(PlanKind::NetworkMap),
            "care_plan" => Some(PlanKind::CarePlan),
            other => {
                errors.at(
                    path,
                    line(raw_plan.kind.span()),
                    format!(
                        "unknown plan kind {other:?} (use step_plan, network_map or care_plan)"
                    ),
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
        if kind == Some(PlanKind::CarePlan)
            && parts.first().is_none_or(|p| p.role != PlanRole::TakesOver)
        {
            errors.at(
                path,
                plan_line,
                "a care plan starts with the one part with role takes_over",
            );
        }
        if kind == Some(PlanKind::CarePlan)
            && parts
                .iter()
                .filter(|p| p.role == PlanRole::TakesOver)
                .count()
                > 1
        {
            errors.at(
                path,
                plan_line,
                "a care plan has one part with role takes_over",
            );
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
        if let (Some(kind), Some(module), Ok(id)) = (kind, module, plan_id) {
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
