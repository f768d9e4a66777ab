//! The Houvast programme as plain Rust: the parent's profile, the programme's content and the
//! rules that decide what is open, what is done and what comes next. Nothing here knows about
//! Tauri, a window or a database, so all of it is tested in milliseconds.

pub mod answer;
pub mod clock;
pub mod content;
pub mod error;
pub mod ids;
pub mod lock;
pub mod plans;
pub mod profile;
pub mod programme;
pub mod progress;
pub mod reflection;
pub mod reminder;

pub use answer::{AnswerValue, TaskKind};
pub use clock::Clock;
pub use content::{
    AnswerKind, AnswerProblem, Block, ChoiceOption, Condition, ContactPoint, ContentError,
    ContentErrors, Module, ModuleText, Page, PerLanguage, PlanKind, PlanRole, Programme, Question,
    QuestionInput, Task,
};
pub use error::{ErrorCode, ErrorDetails, ProfileField};
pub use ids::{ModuleId, OptionId, PageIndex, PagePosition, PlanId, QuestionId};
pub use lock::{LockKind, LockSecretProblem, Strength};
pub use plans::{PlanPartView, PlanState, PlanView};
pub use profile::{
    AgeBand, Child, Language, Profile, ProfileError, ProfileInput, ProfileLimits, Pseudonym, Role,
};
pub use programme::{
    Answers, ForParent, HomeStatus, ModuleStatus, ModuleSummary, ModuleView, NextStep, Overview,
    PageView, ProgrammeCounts, ProgrammeError, Reached, TaskView,
};
pub use progress::ModuleProgress;
