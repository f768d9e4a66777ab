//! What comes next for the parent: the one step the home screen offers.

use super::parent::{count, State};
use super::views::{HomeStatus, ModuleStatus, NextStep};
use crate::ids::PagePosition;
use crate::profile::Profile;
use chrono::NaiveDate;

/// What comes next. Optional modules never make the programme look unfinished: the return
/// check is offered ([`NextStep::LookBack`]) only where the programme would be finished.
pub(super) fn next_step(all: &[State<'_>], profile: &Profile, today: NaiveDate) -> NextStep {
    let title = |s: &State<'_>| {
        s.module
            .text_for(profile.language, profile.role)
            .title
            .clone()
    };
    let (extra, states): (Vec<&State<'_>>, Vec<&State<'_>>) =
        all.iter().partition(|s| s.module.optional);
    if let Some(s) = states.iter().find(|s| s.status == ModuleStatus::InProgress) {
        let page = s
            .visible
            .iter()
            .position(|&p| !s.is_read(p))
            .unwrap_or(s.visible.len());
        return NextStep::ContinueModule {
            module_id: s.module.id.clone(),
            number: s.module.number,
            title: title(s),
            page: PagePosition(count(page)),
        };
    }
    let write = |s: &State<'_>, due_on: NaiveDate| NextStep::WriteHomeAssignment {
        module_id: s.module.id.clone(),
        number: s.module.number,
        title: title(s),
        due_on,
    };
    if let Some(s) = states.iter().rev().find(|s| s.status == ModuleStatus::Done) {
        if let HomeStatus::Open { due_on } = s.home {
            if today <= due_on {
                return write(s, due_on);
            }
        }
    }
    if let Some(s) = states.iter().find(|s| s.status == ModuleStatus::Open) {
        return NextStep::StartModule {
            module_id: s.module.id.clone(),
            number: s.module.number,
            title: title(s),
        };
    }
    let earliest_open_home = states
        .iter()
        .filter_map(|s| match s.home {
            HomeStatus::Open { due_on } => Some((due_on, s)),
            _ => None,
        })
        .min_by_key(|(due_on, s)| (*due_on, s.module.number));
    if let Some((due_on, s)) = earliest_open_home {
        return write(s, due_on);
    }
    match extra
        .iter()
        .find(|s| matches!(s.status, ModuleStatus::Open | ModuleStatus::InProgress))
    {
        Some(s) => NextStep::LookBack {
            module_id: s.module.id.clone(),
            title: title(s),
        },
        None => NextStep::Finished,
    }
}
