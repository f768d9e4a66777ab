//! From the programme to the reminder engine's facts. The engine takes plain facts
//! ([`ReminderState`](super::ReminderState)); this decides them from the parent's progress.

use crate::programme::{ForParent, HomeStatus, ModuleStatus, ModuleSummary, Overview};
use crate::progress::ModuleProgress;
use chrono::{DateTime, Days, NaiveDate, Utc};
use chrono_tz::Tz;

/// A module is "due" for its weekly reminder once the parent has not worked on the programme
/// for this many days: the programme's rhythm is one module a week, and a reminder the day
/// after a module was finished would be nagging.
pub const MODULE_PAUSE_DAYS: u64 = 6;

/// The programme facts the reminder engine needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgrammeFacts {
    pub module_due: bool,
    /// The module reminder is due only to offer the return check: it gets its own words
    /// ([`super::return_check_text`]), not "your next module is ready".
    pub module_is_return_check: bool,
    pub home_assignment_open_since: Option<NaiveDate>,
}

/// Decides the programme facts:
///
/// - `module_due`: a module is open and not done, and either the parent has never started
///   one (the largest group that drops out of online help never starts, so the weekly reminder
///   is most useful exactly then) or the last module activity (a module opened, a task done)
///   was [`MODULE_PAUSE_DAYS`] or more local days ago. An optional module (the return check)
///   does not count for this: it is offered once instead. It is due, while not opened, in the
///   first week after the day it opened ([`ModuleSummary::open_since`]); the weekly module
///   reminder has exactly one occurrence in any seven days, and the shown log keeps that one
///   from repeating, so the return check is offered once and then left alone.
/// - `home_assignment_open_since`: the local date the do-task was done, for a module whose
///   home assignment is not written up yet.
pub fn programme_facts(
    overview: &Overview,
    progress: &[ModuleProgress],
    today: NaiveDate,
    tz: Tz,
) -> ProgrammeFacts {
    let waiting = overview
        .modules
        .iter()
        .filter(|m| !m.optional)
        .any(|m| matches!(m.status, ModuleStatus::Open | ModuleStatus::InProgress));
    let return_offered = overview.modules.iter().any(|m| return_offer_week(m, today));
    let last_activity = progress
        .iter()
        .flat_map(|p| [p.started_at, p.do_task_done_at, p.home_assignment_done_at])
        .flatten()
        .max();
    let paused = match last_activity {
        None => true,
        Some(at) => {
            let since = local(at, tz);
            since
                .checked_add_days(Days::new(MODULE_PAUSE_DAYS))
                .is_some_and(|d| d <= today)
        }
    };
    let home_assignment_open_since = overview
        .modules
        .iter()
        .filter(|m| matches!(m.home_assignment, HomeStatus::Open { .. }))
        .filter_map(|m| progress.iter().find(|p| p.module_id == m.id))
        .filter_map(|p| p.do_task_done_at)
        .map(|at| local(at, tz))
        .max();
    let module_waits = waiting && paused;
    ProgrammeFacts {
        module_due: module_waits || return_offered,
        module_is_return_check: return_offered && !module_waits,
        home_assignment_open_since,
    }
}

impl ForParent<'_> {
    /// The reminder engine's facts about the programme, for this parent now.
    pub fn reminder_facts(&self) -> ProgrammeFacts {
        programme_facts(&self.overview(), self.progress, self.today(), self.clock.tz)
    }
}

/// An optional module not opened yet, in the first seven days from the day it opened.
fn return_offer_week(m: &ModuleSummary, today: NaiveDate) -> bool {
    m.optional
        && m.status == ModuleStatus::Open
        && m.open_since.is_some_and(|since| {
            since <= today
                && since
                    .checked_add_days(Days::new(7))
                    .is_some_and(|end| today < end)
        })
}

fn local(at: DateTime<Utc>, tz: Tz) -> NaiveDate {
    at.with_timezone(&tz).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::programme::NextStep;
    use crate::ModuleId;
    use chrono::TimeZone;

    fn summary(id: &str, status: ModuleStatus, home: HomeStatus) -> ModuleSummary {
        ModuleSummary {
            id: ModuleId::new(id).unwrap(),
            number: 1,
            title: String::new(),
            summary: String::new(),
            minutes: 30,
            home_assignment_minutes: 20,
            optional: false,
            open_since: None,
            status,
            home_assignment: home,
            pages_total: 3,
            pages_read: 0,
        }
    }

    fn overview(modules: Vec<ModuleSummary>) -> Overview {
        Overview {
            modules,
            next: NextStep::Finished,
        }
    }

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    const AMS: Tz = chrono_tz::Europe::Amsterdam;

    #[test]
    fn a_parent_who_never_started_is_reminded() {
        let o = overview(vec![summary("a", ModuleStatus::Open, HomeStatus::NotYet)]);
        let facts = programme_facts(&o, &[], d(3, 10), AMS);
        assert!(facts.module_due);
        assert_eq!(facts.home_assignment_open_since, None);
    }

    #[test]
    fn a_module_is_due_six_local_days_after_the_last_activity() {
        let o = overview(vec![
            summary(
                "a",
                ModuleStatus::Done,
                HomeStatus::Done { done_on: d(3, 3) },
            ),
            summary("b", ModuleStatus::Open, HomeStatus::NotYet),
        ]);
        let mut p = ModuleProgress::new(ModuleId::new("a").unwrap());
        // 23:30 UTC on 3 March is already 4 March in Amsterdam.
        p.home_assignment_done_at = Some(Utc.with_ymd_and_hms(2026, 3, 3, 23, 30, 0).unwrap());
        let progress = [p];
        assert!(!programme_facts(&o, &progress, d(3, 9), AMS).module_due);
        assert!(programme_facts(&o, &progress, d(3, 10), AMS).module_due);
        assert!(programme_facts(&o, &progress, d(3, 9), chrono_tz::UTC).module_due);
    }

    #[test]
    fn nothing_is_due_when_every_module_is_done_or_locked() {
        let o = overview(vec![
            summary(
                "a",
                ModuleStatus::Done,
                HomeStatus::Done { done_on: d(3, 3) },
            ),
            summary("b", ModuleStatus::Locked, HomeStatus::NotYet),
        ]);
        assert!(!programme_facts(&o, &[], d(5, 1), AMS).module_due);
    }

    #[test]
    fn an_open_home_assignment_counts_from_the_do_task() {
        let o = overview(vec![summary(
            "a",
            ModuleStatus::InProgress,
            HomeStatus::Open { due_on: d(3, 12) },
        )]);
        let mut p = ModuleProgress::new(ModuleId::new("a").unwrap());
        p.started_at = Some(Utc.with_ymd_and_hms(2026, 3, 5, 18, 0, 0).unwrap());
        p.do_task_done_at = Some(Utc.with_ymd_and_hms(2026, 3, 5, 19, 0, 0).unwrap());
        let facts = programme_facts(&o, &[p], d(3, 7), AMS);
        assert_eq!(facts.home_assignment_open_since, Some(d(3, 5)));
        assert!(!facts.module_due, "worked on two days ago");
    }

    #[test]
    fn the_return_check_is_offered_in_its_first_week_only() {
        let mut extra = summary("return", ModuleStatus::Open, HomeStatus::NotYet);
        extra.optional = true;
        extra.open_since = Some(d(4, 20));
        let done = summary(
            "a",
            ModuleStatus::Done,
            HomeStatus::Done { done_on: d(3, 9) },
        );
        let o = overview(vec![done.clone(), extra.clone()]);
        let due = |day| programme_facts(&o, &[], day, AMS).module_due;
        assert!(due(d(4, 20)), "on the day it opens");
        assert!(
            programme_facts(&o, &[], d(4, 20), AMS).module_is_return_check,
            "in its own words"
        );
        assert!(due(d(4, 26)), "one weekly occurrence falls in this week");
        assert!(!due(d(4, 27)), "then it is left alone");
        assert!(!due(d(4, 19)));

        let mut opened = extra.clone();
        opened.status = ModuleStatus::InProgress;
        let o = overview(vec![done.clone(), opened]);
        assert!(
            !programme_facts(&o, &[], d(4, 21), AMS).module_due,
            "not offered again once opened, and never weekly"
        );

        let mut locked = extra;
        locked.status = ModuleStatus::Locked;
        locked.open_since = None;
        let o = overview(vec![done, locked]);
        assert!(!programme_facts(&o, &[], d(9, 1), AMS).module_due);
    }
}
