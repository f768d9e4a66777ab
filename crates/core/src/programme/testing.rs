//! For the tests of this crate: the programme asked on a given day in Amsterdam, in the shape
//! the rules had before [`Programme::for_parent`] (one computation per question), so each test
//! says what it asks in one line.

use super::{Answers, ModuleView, Overview, ProgrammeError};
use crate::answer::TaskKind;
use crate::clock::Clock;
use crate::content::Programme;
use crate::ids::{ModuleId, PageIndex};
use crate::plans::PlanView;
use crate::profile::Profile;
use crate::progress::ModuleProgress;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use std::collections::BTreeMap;

pub const TZ: Tz = chrono_tz::Europe::Amsterdam;

/// Noon in Amsterdam on `date`: a time whose local date is `date`.
pub fn noon(date: NaiveDate) -> DateTime<Utc> {
    let noon = date.and_hms_opt(12, 0, 0).expect("noon");
    TZ.from_local_datetime(&noon)
        .earliest()
        .expect("noon exists")
        .with_timezone(&Utc)
}

pub fn clock_on(date: NaiveDate) -> Clock {
    Clock::new(noon(date), TZ)
}

pub fn pages(indices: &[u16]) -> std::collections::BTreeSet<PageIndex> {
    indices.iter().copied().map(PageIndex).collect()
}

pub trait OnDay {
    fn overview(&self, profile: &Profile, progress: &[ModuleProgress], on: NaiveDate) -> Overview;
    fn is_open(
        &self,
        id: &ModuleId,
        profile: &Profile,
        progress: &[ModuleProgress],
        on: NaiveDate,
    ) -> bool;
    fn module_view(
        &self,
        id: &ModuleId,
        profile: &Profile,
        progress: &[ModuleProgress],
        do_answers: &Answers,
        home_answers: &Answers,
        on: NaiveDate,
    ) -> Result<ModuleView, ProgrammeError>;
    fn check_page(
        &self,
        id: &ModuleId,
        page: u16,
        profile: &Profile,
        progress: &[ModuleProgress],
        on: NaiveDate,
    ) -> Result<(), ProgrammeError>;
    fn check_can_complete(
        &self,
        id: &ModuleId,
        kind: TaskKind,
        profile: &Profile,
        progress: &[ModuleProgress],
        answers: &Answers,
        on: NaiveDate,
    ) -> Result<(), ProgrammeError>;
    fn check_task_open(
        &self,
        id: &ModuleId,
        kind: TaskKind,
        profile: &Profile,
        progress: &[ModuleProgress],
        on: NaiveDate,
    ) -> Result<(), ProgrammeError>;
    fn finished_on(
        &self,
        profile: &Profile,
        progress: &[ModuleProgress],
        on: NaiveDate,
    ) -> Option<NaiveDate>;
    fn return_module_open_since(
        &self,
        profile: &Profile,
        progress: &[ModuleProgress],
        on: NaiveDate,
    ) -> Option<NaiveDate>;
    fn plans(
        &self,
        profile: &Profile,
        progress: &[ModuleProgress],
        answers: &BTreeMap<ModuleId, Answers>,
        on: NaiveDate,
    ) -> Vec<PlanView>;
}

impl OnDay for Programme {
    fn overview(&self, profile: &Profile, progress: &[ModuleProgress], on: NaiveDate) -> Overview {
        self.for_parent(profile, progress, clock_on(on)).overview()
    }
    fn is_open(
        &self,
        id: &ModuleId,
        profile: &Profile,
        progress: &[ModuleProgress],
        on: NaiveDate,
    ) -> bool {
        self.for_parent(profile, progress, clock_on(on)).is_open(id)
    }
    fn module_view(
        &self,
        id: &ModuleId,
        profile: &Profile,
        progress: &[ModuleProgress],
        do_answers: &Answers,
        home_answers: &Answers,
        on: NaiveDate,
    ) -> Result<ModuleView, ProgrammeError> {
        self.for_parent(profile, progress, clock_on(on))
            .module_view(id, do_answers, home_answers)
    }
    fn check_page(
        &self,
        id: &ModuleId,
        page: u16,
        profile: &Profile,
        progress: &[ModuleProgress],
        on: NaiveDate,
    ) -> Result<(), ProgrammeError> {
        self.for_parent(profile, progress, clock_on(on))
            .check_page(id, PageIndex(page))
    }
    fn check_can_complete(
        &self,
        id: &ModuleId,
        kind: TaskKind,
        profile: &Profile,
        progress: &[ModuleProgress],
        answers: &Answers,
        on: NaiveDate,
    ) -> Result<(), ProgrammeError> {
        self.for_parent(profile, progress, clock_on(on))
            .check_can_complete(id, kind, answers)
    }
    fn check_task_open(
        &self,
        id: &ModuleId,
        kind: TaskKind,
        profile: &Profile,
        progress: &[ModuleProgress],
        on: NaiveDate,
    ) -> Result<(), ProgrammeError> {
        self.for_parent(profile, progress, clock_on(on))
            .check_task_open(id, kind)
    }
    fn finished_on(
        &self,
        profile: &Profile,
        progress: &[ModuleProgress],
        on: NaiveDate,
    ) -> Option<NaiveDate> {
        self.for_parent(profile, progress, clock_on(on))
            .finished_on()
    }
    fn return_module_open_since(
        &self,
        profile: &Profile,
        progress: &[ModuleProgress],
        on: NaiveDate,
    ) -> Option<NaiveDate> {
        self.for_parent(profile, progress, clock_on(on))
            .return_module_open_since()
    }
    fn plans(
        &self,
        profile: &Profile,
        progress: &[ModuleProgress],
        answers: &BTreeMap<ModuleId, Answers>,
        on: NaiveDate,
    ) -> Vec<PlanView> {
        self.for_parent(profile, progress, clock_on(on))
            .plans(answers)
    }
}
