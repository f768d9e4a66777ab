//! Why the programme refuses a step.

use crate::answer::TaskKind;
use crate::content::AnswerProblem;
use crate::error::{ErrorCode, ErrorDetails};
use crate::ids::{ModuleId, PageIndex, QuestionId};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProgrammeError {
    #[error("there is no module {0}")]
    UnknownModule(ModuleId),
    #[error("module {0} opens when the module before it is done (an optional module: six weeks after the last)")]
    ModuleLocked(ModuleId),
    #[error("module {module} has no page {page}")]
    UnknownPage { module: ModuleId, page: PageIndex },
    #[error("the {} of module {module} has no question {question}", task.as_str())]
    UnknownQuestion {
        module: ModuleId,
        task: TaskKind,
        question: QuestionId,
    },
    #[error("this answer does not fit question {question}: {problem}")]
    InvalidAnswer {
        question: QuestionId,
        problem: AnswerProblem,
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
    /// The stable code the UI reacts to.
    pub fn code(&self) -> ErrorCode {
        match self {
            ProgrammeError::UnknownModule(_) => ErrorCode::UnknownModule,
            ProgrammeError::ModuleLocked(_) => ErrorCode::ModuleLocked,
            ProgrammeError::UnknownPage { .. } => ErrorCode::UnknownPage,
            ProgrammeError::UnknownQuestion { .. } => ErrorCode::UnknownQuestion,
            ProgrammeError::InvalidAnswer { .. } => ErrorCode::InvalidAnswer,
            ProgrammeError::TaskNotOpen { .. } => ErrorCode::TaskNotOpen,
            ProgrammeError::RequiredMissing { .. } => ErrorCode::RequiredMissing,
        }
    }

    pub fn details(&self) -> Option<ErrorDetails> {
        match self {
            ProgrammeError::InvalidAnswer { question, problem } => {
                Some(ErrorDetails::InvalidAnswer {
                    question_id: question.clone(),
                    problem: problem.clone(),
                })
            }
            ProgrammeError::RequiredMissing { question_ids } => {
                Some(ErrorDetails::RequiredMissing {
                    question_ids: question_ids.clone(),
                })
            }
            ProgrammeError::UnknownModule(_)
            | ProgrammeError::ModuleLocked(_)
            | ProgrammeError::UnknownPage { .. }
            | ProgrammeError::UnknownQuestion { .. }
            | ProgrammeError::TaskNotOpen { .. } => None,
        }
    }
}
