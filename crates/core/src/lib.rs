//! The Houvast programme as plain Rust: the parent's profile, the programme's content and the
//! rules that decide what is open, what is done and what comes next. Nothing here knows about
//! Tauri, a window or a database, so all of it is tested in milliseconds.

pub mod answer;
pub mod content;
pub mod ids;
pub mod plans;
pub mod profile;
pub mod programme;
pub mod progress;
pub mod reflection;
pub mod reminder;

pub use answer::{AnswerValue, TaskKind};
pub use content::{
    Block, ContactPoint, ContentError, ContentErrors, Module, ModuleText, Page, PerLanguage,
    Programme,
};
pub use ids::{ModuleId, QuestionId};
pub use plans::{PlanKind, PlanPartView, PlanRole, PlanState, PlanView};
pub use profile::{AgeBand, Child, Language, Profile, ProfileError, ProfileInput, Pseudonym};
pub use programme::{
    ChoiceOption, HomeStatus, ModuleStatus, ModuleSummary, ModuleView, NextStep, Overview,
    PageView, ProgrammeError, Question, QuestionInput, Task, TaskView,
};
pub use progress::ModuleProgress;
