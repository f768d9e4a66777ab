//! A question in a do-task or home assignment, and the task that holds the questions: content,
//! the same in every language but for the words.

use crate::answer::{AnswerValue, TaskKind};
use crate::ids::{OptionId, QuestionId};
use serde::Serialize;
use std::collections::BTreeMap;
use ts_rs::TS;

/// The longest text answer, in characters.
pub const MAX_TEXT_CHARS: u32 = 10_000;

/// The three kinds of answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AnswerKind {
    Text,
    Choice,
    Scale,
}

/// Why an answer does not fit its question; the UI says it next to the field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum AnswerProblem {
    #[error("the text is {chars} characters, at most {max_chars} fit")]
    TooLong { chars: u32, max_chars: u32 },
    #[error("choose exactly one option, not {chosen}")]
    ChooseOne { chosen: u32 },
    #[error("there is no option {option}")]
    UnknownOption { option: OptionId },
    #[error("option {option} is chosen twice")]
    ChosenTwice { option: OptionId },
    #[error("{value} is outside {min} to {max}")]
    OutOfScale { value: u8, min: u8, max: u8 },
    #[error("this question takes a {expected:?} answer")]
    WrongKind { expected: AnswerKind },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ChoiceOption {
    pub id: OptionId,
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
    /// Required whatever else is answered. False when `required_when` decides.
    pub required: bool,
    /// Required only while this holds (and the question is not hidden).
    pub required_when: Option<Condition>,
    /// Not shown, not required and its answer not counted while this holds.
    pub hidden_when: Option<Condition>,
    /// The content says this required question can be answered honestly also after a "not
    /// yet" answer earlier in its task (a feeling, a wish); only the content check reads it.
    #[serde(skip)]
    #[ts(skip)]
    pub also_after_not_yet: bool,
    pub input: QuestionInput,
}

/// "The earlier choice question `question` has any of these options chosen." Conditions only
/// look back, at a choice question of the same task, so the form reads top to bottom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Condition {
    pub question: QuestionId,
    pub any_of: Vec<OptionId>,
}

impl Condition {
    pub fn holds(&self, answers: &BTreeMap<QuestionId, AnswerValue>) -> bool {
        match answers.get(&self.question) {
            Some(AnswerValue::Choice { selected }) => {
                selected.iter().any(|chosen| self.any_of.contains(chosen))
            }
            _ => false,
        }
    }
}

/// An option that says "not yet" or "nobody yet": its id starts with `not-yet` or `no-one`.
/// After such an answer a parent must not be asked to describe what did not happen (the
/// content check holds every later required question to that).
pub fn is_not_yet_option(id: &OptionId) -> bool {
    id.as_str().starts_with("not-yet") || id.as_str().starts_with("no-one")
}

impl Question {
    /// Why `value` is not a valid answer to this question, if it is not.
    pub fn validate(&self, value: &AnswerValue) -> Result<(), AnswerProblem> {
        match (&self.input, value) {
            (QuestionInput::Text { max_chars, .. }, AnswerValue::Text { text }) => {
                let chars = u32::try_from(text.chars().count()).unwrap_or(u32::MAX);
                if chars > *max_chars {
                    return Err(AnswerProblem::TooLong {
                        chars,
                        max_chars: *max_chars,
                    });
                }
                Ok(())
            }
            (QuestionInput::Choice { multiple, options }, AnswerValue::Choice { selected }) => {
                if !multiple && selected.len() != 1 {
                    return Err(AnswerProblem::ChooseOne {
                        chosen: u32::try_from(selected.len()).unwrap_or(u32::MAX),
                    });
                }
                for (i, id) in selected.iter().enumerate() {
                    if !options.iter().any(|o| &o.id == id) {
                        return Err(AnswerProblem::UnknownOption { option: id.clone() });
                    }
                    if selected[..i].contains(id) {
                        return Err(AnswerProblem::ChosenTwice { option: id.clone() });
                    }
                }
                Ok(())
            }
            (QuestionInput::Scale { min, max, .. }, AnswerValue::Scale { value }) => {
                if (*min..=*max).contains(value) {
                    Ok(())
                } else {
                    Err(AnswerProblem::OutOfScale {
                        value: *value,
                        min: *min,
                        max: *max,
                    })
                }
            }
            (input, _) => Err(AnswerProblem::WrongKind {
                expected: input.kind(),
            }),
        }
    }

    /// True when `value` counts as an answer for a required question.
    pub(crate) fn is_answered_by(&self, value: Option<&AnswerValue>) -> bool {
        value.is_some_and(|v| !v.is_empty() && self.validate(v).is_ok())
    }

    /// Hidden, given the other answers of its task.
    pub fn is_hidden(&self, answers: &BTreeMap<QuestionId, AnswerValue>) -> bool {
        self.hidden_when.as_ref().is_some_and(|c| c.holds(answers))
    }

    /// Required, given the other answers of its task.
    pub fn is_required(&self, answers: &BTreeMap<QuestionId, AnswerValue>) -> bool {
        !self.is_hidden(answers)
            && self
                .required_when
                .as_ref()
                .map_or(self.required, |c| c.holds(answers))
    }
}

impl QuestionInput {
    pub fn kind(&self) -> AnswerKind {
        match self {
            QuestionInput::Text { .. } => AnswerKind::Text,
            QuestionInput::Choice { .. } => AnswerKind::Choice,
            QuestionInput::Scale { .. } => AnswerKind::Scale,
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
