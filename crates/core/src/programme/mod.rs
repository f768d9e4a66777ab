//! The rules of the programme: which module is open, what is done, what comes next, and the
//! views the app shows. Everything is computed from the content, the profile, the stored
//! progress and the clock ([`Programme::for_parent`]); nothing derived is stored.

mod contact_points;
mod error;
mod next_step;
mod parent;
mod return_check;
#[cfg(test)]
pub(crate) mod testing;
#[cfg(test)]
mod tests;
mod views;

pub use contact_points::{ProgrammeCounts, Reached};
pub use error::ProgrammeError;
pub use parent::{Answers, ForParent};
pub use return_check::RETURN_AFTER_DAYS;
pub use views::{
    HomeStatus, ModuleStatus, ModuleSummary, ModuleView, NextStep, Overview, PageView, TaskView,
};

/// Days after the do-task is done by which the home assignment is due.
pub const HOME_ASSIGNMENT_DAYS: u64 = 7;
