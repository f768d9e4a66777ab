//! The programme's side of the three contacts with the prevention worker: when each contact
//! point is reached, and the numbers a check-in reports. Whether the parent is paired, and what
//! was sent, is the session's business.

use super::parent::ForParent;
use super::views::ModuleStatus;
use crate::content::ContactPoint;
use chrono::NaiveDate;

/// When a contact point's moment came.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reached {
    /// Its module is not done yet.
    NotYet,
    /// Before module 1: there from the start.
    FromStart,
    /// The day its module was done (the module's do-task, in the parent's calendar).
    On(NaiveDate),
}

/// How far the parent is, in the numbers a check-in carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ProgrammeCounts {
    pub modules_done: u8,
    pub do_tasks_done: u8,
    pub home_assignments_done: u8,
}

impl ForParent<'_> {
    /// The contact points of the programme, in order.
    pub fn contact_points(&self) -> &[ContactPoint] {
        &self.programme.contact_points
    }

    /// When `point` was reached: `after_module` counts the required modules in their fixed
    /// order, and the point comes once that module is done.
    pub fn contact_point_reached(&self, point: &ContactPoint) -> Reached {
        if point.after_module == 0 {
            return Reached::FromStart;
        }
        let module = self
            .states
            .iter()
            .filter(|s| !s.module.optional)
            .find(|s| s.module.number == point.after_module);
        match module {
            Some(s) if s.status == ModuleStatus::Done => s
                .do_task_done_at()
                .map_or(Reached::NotYet, |at| Reached::On(self.clock.local_date(at))),
            _ => Reached::NotYet,
        }
    }

    /// Modules done, do-tasks done and home assignments written, over the required modules.
    pub fn counts(&self) -> ProgrammeCounts {
        let mut counts = ProgrammeCounts::default();
        for s in self.states.iter().filter(|s| !s.module.optional) {
            let add = |n: &mut u8, yes: bool| *n = n.saturating_add(u8::from(yes));
            add(&mut counts.modules_done, s.status == ModuleStatus::Done);
            add(&mut counts.do_tasks_done, s.do_task_done_at().is_some());
            add(
                &mut counts.home_assignments_done,
                s.progress
                    .is_some_and(|p| p.home_assignment_done_at.is_some()),
            );
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::programme::testing::{noon, on};
    use crate::*;
    use chrono::NaiveDate;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).expect("date")
    }

    #[test]
    fn a_contact_point_is_reached_the_day_its_module_is_done() {
        let programme = Programme::bundled().expect("content");
        let profile = Profile {
            language: Language::Nl,
            pseudonym: Pseudonym::new("Sam").expect("pseudonym"),
            role: Default::default(),
            children: vec![Child {
                age_years: 6,
                recorded_on: day(1),
            }],
        };
        let points = programme.contact_points.clone();
        assert_eq!(
            points.iter().map(|p| p.after_module).collect::<Vec<_>>(),
            [0, 3, 5]
        );
        // Modules 1-3 fully done on the 2nd, 3rd and 4th; module 3's home assignment not yet.
        let mut progress = Vec::new();
        for (i, module) in programme
            .modules
            .iter()
            .filter(|m| !m.optional)
            .take(3)
            .enumerate()
        {
            let mut row = ModuleProgress::new(module.id.clone());
            row.pages_read = (0..module.page_count()).map(PageIndex).collect();
            let done = noon(day(2 + u32::try_from(i).expect("small")));
            row.started_at = Some(done);
            row.do_task_done_at = Some(done);
            row.home_assignment_done_at = (i < 2).then_some(done);
            progress.push(row);
        }
        let parent = on(&programme, &profile, &progress, day(10));
        assert_eq!(parent.contact_point_reached(&points[0]), Reached::FromStart);
        assert_eq!(
            parent.contact_point_reached(&points[1]),
            Reached::On(day(4))
        );
        assert_eq!(parent.contact_point_reached(&points[2]), Reached::NotYet);
        assert_eq!(
            parent.counts(),
            ProgrammeCounts {
                modules_done: 3,
                do_tasks_done: 3,
                home_assignments_done: 2
            }
        );
        let before = on(&programme, &profile, &progress[..2], day(10));
        assert_eq!(before.contact_point_reached(&points[1]), Reached::NotYet);
    }
}
