use super::*;
use chrono::NaiveDate;
use std::collections::BTreeSet;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn at(y: i32, m: u32, day: u32, h: u32, min: u32) -> chrono::NaiveDateTime {
    d(y, m, day).and_hms_opt(h, min, 0).unwrap()
}

#[test]
fn the_evening_runs_past_midnight_until_four() {
    assert_eq!(reflection_day(at(2026, 3, 10, 21, 0)), d(2026, 3, 10));
    assert_eq!(reflection_day(at(2026, 3, 10, 23, 59)), d(2026, 3, 10));
    assert_eq!(reflection_day(at(2026, 3, 11, 0, 30)), d(2026, 3, 10));
    assert_eq!(reflection_day(at(2026, 3, 11, 3, 59)), d(2026, 3, 10));
    assert_eq!(reflection_day(at(2026, 3, 11, 4, 0)), d(2026, 3, 11));
    // New year's night belongs to the old year's last evening.
    assert_eq!(reflection_day(at(2027, 1, 1, 1, 0)), d(2026, 12, 31));
}

#[test]
fn only_its_own_day_can_be_edited() {
    let today = d(2026, 3, 10);
    assert!(check_editable(today, today).is_ok());
    assert_eq!(
        check_editable(d(2026, 3, 9), today),
        Err(ReflectionError::DayClosed {
            date: d(2026, 3, 9),
            today
        })
    );
    // Not ahead either: tomorrow's evening has not come.
    assert!(check_editable(d(2026, 3, 11), today).is_err());
}

#[test]
fn a_past_day_is_read_only_and_says_it_was_written() {
    let entry = ReflectionEntry {
        date: d(2026, 3, 9),
        answers: ReflectionAnswers {
            went_well: "Samen gekookt".into(),
            ..Default::default()
        },
        updated_at: chrono::Utc::now(),
    };
    let past = ReflectionDay::new(d(2026, 3, 9), Some(entry.clone()), d(2026, 3, 10));
    assert!(!past.editable);
    assert!(past.written);
    let today = ReflectionDay::new(d(2026, 3, 9), Some(entry), d(2026, 3, 9));
    assert!(today.editable);
    let empty = ReflectionDay::new(d(2026, 3, 10), None, d(2026, 3, 10));
    assert!(empty.editable && !empty.written);
    assert_eq!(empty.answers, ReflectionAnswers::default());
}

#[test]
fn answers_are_optional_but_bounded() {
    let mut a = ReflectionAnswers::default();
    assert!(a.is_empty() && a.check().is_ok());
    a.noticed_in_child = "   \n".into();
    assert!(a.is_empty(), "whitespace alone is not a reflection");
    a.noticed_in_child = "Ze lachte".into();
    assert!(!a.is_empty());
    a.went_well = "é".repeat(MAX_CHARS);
    assert!(a.check().is_ok(), "the bound counts characters, not bytes");
    a.went_well.push('x');
    assert_eq!(
        a.check(),
        Err(ReflectionError::TooLong {
            field: "went_well",
            max: MAX_CHARS
        })
    );
}

#[test]
fn the_week_counts_evenings_from_monday_and_never_breaks() {
    // Tuesday 10 March 2026; the week started on Monday 9 March.
    let today = d(2026, 3, 10);
    assert_eq!(week_start(today), d(2026, 3, 9));
    let written: BTreeSet<_> = [d(2026, 3, 6), d(2026, 3, 8), d(2026, 3, 9), d(2026, 3, 10)]
        .into_iter()
        .collect();
    assert_eq!(
        week_summary(&written, today),
        WeekSummary {
            evenings: 2,
            days_so_far: 2
        }
    );
    // Sunday: a gap mid-week changes nothing about the count.
    let sunday = d(2026, 3, 15);
    let mut written = written;
    written.insert(d(2026, 3, 13));
    written.insert(d(2026, 3, 15));
    assert_eq!(
        week_summary(&written, sunday),
        WeekSummary {
            evenings: 4,
            days_so_far: 7
        }
    );
    // A new week starts at zero without anything being "lost".
    assert_eq!(week_summary(&written, d(2026, 3, 16)).evenings, 0);
}

#[test]
fn the_month_grid_starts_on_monday_and_pads_other_months() {
    // March 2026 starts on a Sunday and has 31 days: six rows.
    let march = YearMonth::new(2026, 3).unwrap();
    let written: BTreeSet<_> = [d(2026, 2, 28), d(2026, 3, 1), d(2026, 3, 10), d(2026, 4, 1)]
        .into_iter()
        .collect();
    let view = month_view(march, &written, d(2026, 3, 10));
    assert_eq!(view.weeks.len(), 6);
    assert!(view.weeks[0][..6].iter().all(Option::is_none));
    let first = view.weeks[0][6].unwrap();
    assert_eq!(first.date, d(2026, 3, 1));
    assert!(first.written);
    let last = view.weeks[5][1].unwrap();
    assert_eq!(last.date, d(2026, 3, 31));
    assert!(last.future && !last.written);
    assert!(view.weeks[5][2..].iter().all(Option::is_none));
    let cells: Vec<DayCell> = view.weeks.iter().flatten().flatten().copied().collect();
    assert_eq!(cells.len(), 31);
    assert_eq!(cells.iter().filter(|c| c.today).count(), 1);
    assert_eq!(view.evenings, 2, "other months' evenings are not counted");
    assert_eq!(view.previous, YearMonth::new(2026, 2));
    assert_eq!(view.next, None, "no browsing into the future");

    // February 2027 starts on a Monday and has exactly four weeks.
    let feb = month_view(YearMonth::new(2027, 2).unwrap(), &written, d(2027, 5, 1));
    assert_eq!(feb.weeks.len(), 4);
    assert_eq!(feb.next, YearMonth::new(2027, 3));
    // A leap February.
    let leap = month_view(YearMonth::new(2028, 2).unwrap(), &written, d(2028, 3, 1));
    let days = leap.weeks.iter().flatten().flatten().count();
    assert_eq!(days, 29);
}

#[test]
fn months_roll_over_years_and_refuse_nonsense() {
    let dec = YearMonth::new(2026, 12).unwrap();
    assert_eq!(dec.next(), YearMonth::new(2027, 1));
    assert_eq!(dec.last_day(), d(2026, 12, 31));
    assert_eq!(YearMonth::new(2027, 1).unwrap().previous(), Some(dec));
    assert!(YearMonth::new(2026, 13).is_none());
    assert!(YearMonth::new(2026, 0).is_none());
    assert!(serde_json::from_str::<YearMonth>(r#"{"year":2026,"month":13}"#).is_err());
    let ok: YearMonth = serde_json::from_str(r#"{"year":2026,"month":2}"#).unwrap();
    assert_eq!(ok.last_day(), d(2026, 2, 28));
}
