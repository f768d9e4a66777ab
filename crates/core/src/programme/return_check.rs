//! The return check: like the group course's return meeting, the programme offers one more
//! look back six weeks after the last module is done. It is optional and never counts for
//! "finished". This is the pure rule the reminder feed and the overview can ask.

use super::{local_date, ModuleStatus, State};
use crate::content::Programme;
use crate::profile::Profile;
use crate::progress::ModuleProgress;
use chrono::{Days, NaiveDate};

/// Days after the last module is done before the return check opens (six weeks).
pub const RETURN_AFTER_DAYS: u64 = 42;

impl Programme {
    /// The day the programme was finished: every module done, dated by the last module's
    /// do-task (its pages are read before it). `None` while a module is not done.
    pub fn finished_on(
        &self,
        profile: &Profile,
        progress: &[ModuleProgress],
        today: NaiveDate,
    ) -> Option<NaiveDate> {
        finished_on(&self.states_of(profile, progress, today, false, None))
    }

    /// The day the return check opened, when it is open on `today`: six weeks after the
    /// programme was finished. `None` before that, and while a module is not done. The
    /// reminder feed offers the return check once from this day on.
    pub fn return_module_open_since(
        &self,
        profile: &Profile,
        progress: &[ModuleProgress],
        today: NaiveDate,
    ) -> Option<NaiveDate> {
        return_open_since(
            &self.states_of(profile, progress, today, false, None),
            today,
        )
    }
}

/// The finish date from the states of the required modules.
fn finished_on(required: &[State<'_>]) -> Option<NaiveDate> {
    if required.is_empty() || required.iter().any(|s| s.status != ModuleStatus::Done) {
        return None;
    }
    required.last()?.do_task_done_at().map(local_date)
}

/// The day the return check opened, from the states of the required modules.
pub(super) fn return_open_since(required: &[State<'_>], today: NaiveDate) -> Option<NaiveDate> {
    let opens_on = finished_on(required)?.checked_add_days(Days::new(RETURN_AFTER_DAYS))?;
    (today >= opens_on).then_some(opens_on)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::tests::fixture;
    use crate::ids::ModuleId;
    use crate::profile::{Child, Language, Pseudonym};
    use chrono::{Local, TimeZone, Utc};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    fn profile() -> Profile {
        Profile {
            language: Language::Nl,
            pseudonym: Pseudonym::new("Sam").expect("pseudonym"),
            children: vec![Child {
                age_years: 6,
                recorded_on: day(2026, 1, 5),
            }],
        }
    }

    /// A module read and its do-task done at local noon on `on`.
    fn done(module: &str, on: NaiveDate) -> ModuleProgress {
        let noon = Local
            .from_local_datetime(&on.and_hms_opt(12, 0, 0).expect("noon"))
            .earliest()
            .expect("local noon")
            .with_timezone(&Utc);
        let mut row = ModuleProgress::new(ModuleId::new(module).expect("id"));
        row.pages_read = [0, 1, 2].into();
        row.started_at = Some(noon);
        row.do_task_done_at = Some(noon);
        row
    }

    #[test]
    fn the_return_check_opens_six_weeks_after_the_last_module() {
        let p = fixture(&["one", "two"]);
        let progress = [done("one", day(2026, 3, 2)), done("two", day(2026, 3, 9))];
        assert_eq!(
            p.finished_on(&profile(), &progress, day(2026, 3, 9)),
            Some(day(2026, 3, 9))
        );
        // 9 March + 42 days = 20 April.
        assert_eq!(
            p.return_module_open_since(&profile(), &progress, day(2026, 4, 19)),
            None
        );
        assert_eq!(
            p.return_module_open_since(&profile(), &progress, day(2026, 4, 20)),
            Some(day(2026, 4, 20))
        );
        assert_eq!(
            p.return_module_open_since(&profile(), &progress, day(2026, 9, 1)),
            Some(day(2026, 4, 20)),
            "it stays open; the date it opened does not move"
        );
    }

    #[test]
    fn no_return_check_while_a_module_is_not_done() {
        let p = fixture(&["one", "two"]);
        let only_first = [done("one", day(2026, 3, 2))];
        assert_eq!(
            p.finished_on(&profile(), &only_first, day(2026, 9, 1)),
            None
        );
        assert_eq!(
            p.return_module_open_since(&profile(), &only_first, day(2026, 9, 1)),
            None
        );
        let mut unread = done("two", day(2026, 3, 9));
        unread.pages_read = [0].into();
        let progress = [done("one", day(2026, 3, 2)), unread];
        assert_eq!(
            p.return_module_open_since(&profile(), &progress, day(2026, 9, 1)),
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
            p.return_module_open_since(&profile(), &progress, day(2026, 5, 9)),
            Some(day(2026, 5, 9))
        );
    }
}
