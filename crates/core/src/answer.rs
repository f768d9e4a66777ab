//! What a parent writes in a do-task or home assignment.

use crate::ids::OptionId;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The two exercises of a module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TaskKind {
    /// Done inside the module (doe-opdracht).
    DoTask,
    /// Practised in the week after the module, then written up (thuisopdracht).
    HomeAssignment,
}

impl TaskKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TaskKind::DoTask => "do_task",
            TaskKind::HomeAssignment => "home_assignment",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "do_task" => Some(TaskKind::DoTask),
            "home_assignment" => Some(TaskKind::HomeAssignment),
            _ => None,
        }
    }
}

/// One answer to one question. The shape follows the question's kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AnswerValue {
    Text { text: String },
    Choice { selected: Vec<OptionId> },
    Scale { value: u8 },
}

impl AnswerValue {
    /// True when the parent has not really answered yet (an empty text, nothing chosen).
    pub fn is_empty(&self) -> bool {
        match self {
            AnswerValue::Text { text } => text.trim().is_empty(),
            AnswerValue::Choice { selected } => selected.is_empty(),
            AnswerValue::Scale { .. } => false,
        }
    }
}
