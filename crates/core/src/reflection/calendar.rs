//! The history as a parent takes it in at a glance: a month of days, the evenings that were
//! used marked, and a count for this week that only ever goes up ("4 evenings this week"). No
//! streaks: a day without a reflection is simply a day, never a break.

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use ts_rs::TS;

/// A calendar month. Parsed once at the IPC edge; `month` is 1 to 12.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(try_from = "YearMonthInput")]
pub struct YearMonth {
    year: i32,
    month: u32,
}

#[derive(Deserialize)]
struct YearMonthInput {
    year: i32,
    month: u32,
}

impl TryFrom<YearMonthInput> for YearMonth {
    type Error = String;
    fn try_from(input: YearMonthInput) -> Result<Self, String> {
        Self::new(input.year, input.month)
            .ok_or_else(|| format!("{}-{} is not a month", input.year, input.month))
    }
}

impl YearMonth {
    pub fn new(year: i32, month: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, month, 1).map(|_| Self { year, month })
    }

    pub fn of(date: NaiveDate) -> Self {
        Self {
            year: date.year(),
            month: date.month(),
        }
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u32 {
        self.month
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }

    pub fn last_day(self) -> NaiveDate {
        self.next()
            .and_then(|n| n.first_day().pred_opt())
            .unwrap_or(NaiveDate::MAX)
    }

    pub fn next(self) -> Option<Self> {
        if self.month == 12 {
            Self::new(self.year.checked_add(1)?, 1)
        } else {
            Self::new(self.year, self.month + 1)
        }
    }

    pub fn previous(self) -> Option<Self> {
        if self.month == 1 {
            Self::new(self.year.checked_sub(1)?, 12)
        } else {
            Self::new(self.year, self.month - 1)
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct DayCell {
    pub date: NaiveDate,
    /// Something was written on this day.
    pub written: bool,
    pub today: bool,
    /// After today: nothing to show, nothing to miss.
    pub future: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MonthView {
    pub month: YearMonth,
    /// Weeks from Monday to Sunday (the Dutch calendar); `null` pads days of other months.
    pub weeks: Vec<[Option<DayCell>; 7]>,
    /// How many evenings of this month have a reflection.
    pub evenings: u32,
    pub previous: Option<YearMonth>,
    /// `null` when `month` is the current month: the future has nothing to look at.
    pub next: Option<YearMonth>,
}

/// This week's evenings, counted from Monday up to today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct WeekSummary {
    pub evenings: u32,
    /// Days of this week so far, today included (1 on a Monday, 7 on a Sunday).
    pub days_so_far: u32,
}

/// The month grid for `month`, with `written` the days that have a reflection.
pub fn month_view(month: YearMonth, written: &BTreeSet<NaiveDate>, today: NaiveDate) -> MonthView {
    let first = month.first_day();
    let last = month.last_day();
    let lead = first.weekday().num_days_from_monday() as usize;
    let mut weeks: Vec<[Option<DayCell>; 7]> = Vec::with_capacity(6);
    let mut week = [None; 7];
    let mut slot = lead;
    let mut evenings = 0;
    for date in first.iter_days().take_while(|d| *d <= last) {
        let is_written = written.contains(&date);
        evenings += u32::from(is_written);
        week[slot] = Some(DayCell {
            date,
            written: is_written,
            today: date == today,
            future: date > today,
        });
        slot += 1;
        if slot == 7 {
            weeks.push(week);
            week = [None; 7];
            slot = 0;
        }
    }
    if slot > 0 {
        weeks.push(week);
    }
    MonthView {
        month,
        weeks,
        evenings,
        previous: month.previous(),
        next: month.next().filter(|n| n.first_day() <= today),
    }
}

/// The first day (Monday) of the week that holds `day`.
pub fn week_start(day: NaiveDate) -> NaiveDate {
    day.checked_sub_days(Days::new(u64::from(day.weekday().num_days_from_monday())))
        .unwrap_or(day)
}

pub fn week_summary(written: &BTreeSet<NaiveDate>, today: NaiveDate) -> WeekSummary {
    let monday = week_start(today);
    WeekSummary {
        evenings: u32::try_from(written.range(monday..=today).count()).unwrap_or(u32::MAX),
        days_so_far: today.weekday().num_days_from_monday() + 1,
    }
}
