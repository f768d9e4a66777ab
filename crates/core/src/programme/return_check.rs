//! The return check: like the group course's return meeting, the programme offers one more
//! look back six weeks after the last module is done. It is optional and never counts for
//! "finished". This is the pure rule the reminder feed and the overview can ask.

use super::parent::State;
use super::views::ModuleStatus;
use crate::clock::Clock;
use chrono::{Days, NaiveDate};

/// Days after the last module is done before the return check opens (six weeks).
pub const RETURN_AFTER_DAYS: u64 = 42;

/// The finish date from the module states: every required module done, dated by the last
/// one's do-task.
pub(super) fn finished_on(states: &[State<'_>], clock: Clock) -> Option<NaiveDate> {
    let mut required = states.iter().filter(|s| !s.module.optional).peekable();
    required.peek()?;
    let mut last = None;
    for s in required {
        if s.status != ModuleStatus::Done {
            return None;
        }
        last = Some(s);
    }
    last?.do_task_done_at().map(|at| clock.local_date(at))
}

/// The day the return check opened, when it is open on the clock's day.
pub(super) fn return_open_since(states: &[State<'_>], clock: Clock) -> Option<NaiveDate> {
    let opens_on = finished_on(states, clock)?.checked_add_days(Days::new(RETURN_AFTER_DAYS))?;
    (clock.today() >= opens_on).then_some(opens_on)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::tests::fixture;
    use crate::programme::testing::{noon, on, pages};
    use crate::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    fn profile() -> Profile {
        Profile {
            language: Language::Nl,
            pseudonym: Pseudonym::new("Sam").expect("pseudonym"),
            role: Default::default(),
            children: vec![Child {
                age_years: 6,
                recorded_on: day(2026, 1, 5),
            }],
        }
    }

    /// A module read and its do-task done at local noon on `on`.
    fn done(module: &str, on: NaiveDate) -> ModuleProgress {
        let noon = noon(on);
        let mut row = ModuleProgress::new(ModuleId::new(module).expect("id"));
        row.pages_read = pages(&[0, 1, 2]);
        row.started_at = Some(noon);
        row.do_task_done_at = Some(noon);
        row
    }

    #[test]
    fn the_return_check_opens_six_weeks_after_the_last_module() {
        let p = fixture(&["one", "two"]);
        let progress = [done("one", day(2026, 3, 2)), done("two", day(2026, 3, 9))];
        assert_eq!(
            on(&p, &profile(), &progress, day(2026, 3, 9)).finished_on(),
            Some(day(2026, 3, 9))
        );
        // 9 March + 42 days = 20 April.
        assert_eq!(
            on(&p, &profile(), &progress, day(2026, 4, 19)).return_module_open_since(),
            None
        );
        assert_eq!(
            on(&p, &profile(), &progress, day(2026, 4, 20)).return_module_open_since(),
            Some(day(2026, 4, 20))
        );
        assert_eq!(
            on(&p, &profile(), &progress, day(2026, 9, 1)).return_module_open_since(),
            Some(day(2026, 4, 20)),
            "it stays open; the date it opened does not move"
        );
    }

    #[test]
    fn no_return_check_while_a_module_is_not_done() {
        let p = fixture(&["one", "two"]);
        let only_first = [done("one", day(2026, 3, 2))];
        assert_eq!(
            on(&p, &profile(), &only_first, day(2026, 9, 1)).finished_on(),
            None
        );
        assert_eq!(
            on(&p, &profile(), &only_first, day(2026, 9, 1)).return_module_open_since(),
            None
        );
        let mut unread = done("two", day(2026, 3, 9));
        unread.pages_read = pages(&[0]);
        let progress = [done("one", day(2026, 3, 2)), unread];
        assert_eq!(
            on(&p, &profile(), &progress, day(2026, 9, 1)).return_module_open_since(),
            None,
            "the do-task alone does not finish a module with unread pages"
        );
    }

    #[test]
    fn six_weeks_are_counted_in_calendar_days_across_daylight_saving() {
        let p = fixture(&["one"]);
        // Done the Saturday before the clocks go forward (29 March 2026 in Europe).
        let progress = [done("one", day(2026, 3, 28))];
        assert_eq!(
            on(&p, &profile(), &progress, day(2026, 5, 9)).return_module_open_since(),
            Some(day(2026, 5, 9))
        );
    }
}
