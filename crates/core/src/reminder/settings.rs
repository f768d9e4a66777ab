//! What the parent chose: which reminders, at what time, quiet hours, and whether the text
//! may say what a reminder is about. Parsed once from the settings screen; the engine trusts it.

use chrono::{NaiveTime, Timelike};
use serde::{Deserialize, Serialize};
use std::fmt;
use ts_rs::TS;

/// A time of day on the parent's clock, to the minute, written `"HH:MM"` (what an
/// `<input type="time">` gives). It always exists as a time; whether it exists on a given date
/// in a given zone (daylight saving) is the schedule's concern.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(try_from = "String", into = "String")]
#[ts(type = "string")]
pub struct LocalTime(NaiveTime);

impl LocalTime {
    pub fn new(hour: u32, minute: u32) -> Result<Self, ReminderError> {
        NaiveTime::from_hms_opt(hour, minute, 0)
            .map(Self)
            .ok_or_else(|| ReminderError::InvalidTime {
                value: format!("{hour}:{minute:02}"),
            })
    }

    /// Parses `"HH:MM"`, 00:00 to 23:59, nothing else.
    pub fn parse(s: &str) -> Result<Self, ReminderError> {
        let invalid = || ReminderError::InvalidTime {
            value: s.to_owned(),
        };
        let (h, m) = s.split_once(':').ok_or_else(invalid)?;
        let two_digits = |p: &str| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit());
        if !two_digits(h) || !two_digits(m) {
            return Err(invalid());
        }
        let hour = h.parse().map_err(|_| invalid())?;
        let minute = m.parse().map_err(|_| invalid())?;
        Self::new(hour, minute).map_err(|_| invalid())
    }

    pub fn as_naive(self) -> NaiveTime {
        self.0
    }
}

impl fmt::Display for LocalTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0.hour(), self.0.minute())
    }
}

impl TryFrom<String> for LocalTime {
    type Error = ReminderError;
    fn try_from(s: String) -> Result<Self, ReminderError> {
        Self::parse(&s)
    }
}

impl From<LocalTime> for String {
    fn from(t: LocalTime) -> String {
        t.to_string()
    }
}

/// chrono's own `Weekday` serialises as `"Mon"`; ours follows the project's snake_case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    pub fn to_chrono(self) -> chrono::Weekday {
        match self {
            Weekday::Monday => chrono::Weekday::Mon,
            Weekday::Tuesday => chrono::Weekday::Tue,
            Weekday::Wednesday => chrono::Weekday::Wed,
            Weekday::Thursday => chrono::Weekday::Thu,
            Weekday::Friday => chrono::Weekday::Fri,
            Weekday::Saturday => chrono::Weekday::Sat,
            Weekday::Sunday => chrono::Weekday::Sun,
        }
    }
}

/// The weekly module reminder. Its time of day is also when the home-assignment nudge and the
/// check-in reminder come: the moment the parent set aside for the programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WeeklyReminder {
    pub enabled: bool,
    pub weekday: Weekday,
    pub time: LocalTime,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DailyReminder {
    pub enabled: bool,
    pub time: LocalTime,
}

/// A reminder that has no time of its own (it follows the weekly reminder's time).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Toggle {
    pub enabled: bool,
}

/// No reminder is shown from `start` up to (not including) `end`, on the local clock. When
/// `end` is earlier than `start` the quiet hours run past midnight (22:00 to 07:00).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(try_from = "QuietHoursInput")]
pub struct QuietHours {
    start: LocalTime,
    end: LocalTime,
}

#[derive(Deserialize)]
struct QuietHoursInput {
    start: LocalTime,
    end: LocalTime,
}

impl TryFrom<QuietHoursInput> for QuietHours {
    type Error = ReminderError;
    fn try_from(input: QuietHoursInput) -> Result<Self, ReminderError> {
        Self::new(input.start, input.end)
    }
}

impl QuietHours {
    /// Equal start and end would mean either no quiet hours or a day with no reminders at all;
    /// both are said more clearly another way (switch them off, switch reminders off).
    pub fn new(start: LocalTime, end: LocalTime) -> Result<Self, ReminderError> {
        if start == end {
            return Err(ReminderError::EmptyQuietHours);
        }
        Ok(Self { start, end })
    }

    pub fn start(&self) -> LocalTime {
        self.start
    }

    pub fn end(&self) -> LocalTime {
        self.end
    }

    /// Whether a time on the local clock falls inside the quiet hours.
    pub fn contains(&self, t: NaiveTime) -> bool {
        let (start, end) = (self.start.as_naive(), self.end.as_naive());
        if start < end {
            start <= t && t < end
        } else {
            t >= start || t < end
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReminderSettings {
    pub module: WeeklyReminder,
    pub reflection: DailyReminder,
    /// A nudge in the middle of the week after a module, while its home assignment is open.
    pub home_assignment: Toggle,
    /// A reminder while a check-in for the prevention worker is due.
    pub check_in: Toggle,
    pub quiet_hours: Option<QuietHours>,
    /// When true (the default) a notification says only "a moment for yourself", never what
    /// it is about: a shared phone must not reveal an illness.
    pub discreet: bool,
}

impl Default for ReminderSettings {
    /// What a new parent starts with: the module reminder on, the daily reflection off (it is
    /// optional and asking every day can feel like pressure), nights quiet, text discreet.
    fn default() -> Self {
        let at = |h, m| LocalTime(NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN));
        Self {
            module: WeeklyReminder {
                enabled: true,
                weekday: Weekday::Monday,
                time: at(19, 30),
            },
            reflection: DailyReminder {
                enabled: false,
                time: at(20, 30),
            },
            home_assignment: Toggle { enabled: true },
            check_in: Toggle { enabled: true },
            quiet_hours: Some(QuietHours {
                start: at(22, 0),
                end: at(8, 0),
            }),
            discreet: true,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReminderError {
    #[error("{value:?} is not a time of day (use HH:MM, 00:00 to 23:59)")]
    InvalidTime { value: String },
    #[error("quiet hours need a start and an end that differ")]
    EmptyQuietHours,
}

impl ReminderError {
    pub fn code(&self) -> crate::error::ErrorCode {
        match self {
            ReminderError::InvalidTime { .. } | ReminderError::EmptyQuietHours => {
                crate::error::ErrorCode::InvalidSettings
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_time_is_strict_hh_mm() {
        assert_eq!(LocalTime::parse("07:05").unwrap().to_string(), "07:05");
        assert_eq!(
            LocalTime::parse("23:59").unwrap(),
            LocalTime::new(23, 59).unwrap()
        );
        for bad in [
            "24:00", "7:05", "07:60", "0705", "07:05:00", "", "ab:cd", "-1:00", "+7:00",
        ] {
            assert!(
                matches!(
                    LocalTime::parse(bad),
                    Err(ReminderError::InvalidTime { .. })
                ),
                "{bad:?} should be refused"
            );
        }
        assert!(LocalTime::new(12, 60).is_err());
    }

    #[test]
    fn local_time_travels_as_a_string() {
        let t = LocalTime::new(20, 0).unwrap();
        assert_eq!(serde_json::to_string(&t).unwrap(), "\"20:00\"");
        assert_eq!(serde_json::from_str::<LocalTime>("\"20:00\"").unwrap(), t);
        assert!(serde_json::from_str::<LocalTime>("\"25:00\"").is_err());
    }

    #[test]
    fn quiet_hours_may_wrap_midnight() {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        let night = QuietHours::new(
            LocalTime::parse("22:00").unwrap(),
            LocalTime::parse("07:00").unwrap(),
        )
        .unwrap();
        assert!(night.contains(t(22, 0)));
        assert!(night.contains(t(23, 59)));
        assert!(night.contains(t(0, 0)));
        assert!(night.contains(t(6, 59)));
        assert!(!night.contains(t(7, 0)));
        assert!(!night.contains(t(21, 59)));

        let lunch = QuietHours::new(
            LocalTime::parse("12:00").unwrap(),
            LocalTime::parse("13:00").unwrap(),
        )
        .unwrap();
        assert!(lunch.contains(t(12, 30)));
        assert!(!lunch.contains(t(13, 0)));
        assert!(!lunch.contains(t(11, 59)));
    }

    #[test]
    fn empty_quiet_hours_are_refused_also_from_json() {
        let t = LocalTime::parse("22:00").unwrap();
        assert_eq!(QuietHours::new(t, t), Err(ReminderError::EmptyQuietHours));
        let json = r#"{"start":"22:00","end":"22:00"}"#;
        assert!(serde_json::from_str::<QuietHours>(json).is_err());
        let ok = r#"{"start":"22:00","end":"07:00"}"#;
        assert!(serde_json::from_str::<QuietHours>(ok).is_ok());
    }

    #[test]
    fn settings_round_trip_in_snake_case() {
        let s = ReminderSettings::default();
        let json = serde_json::to_value(s).unwrap();
        assert_eq!(json["module"]["weekday"], "monday");
        assert_eq!(json["module"]["time"], "19:30");
        assert_eq!(json["quiet_hours"]["start"], "22:00");
        assert_eq!(json["discreet"], true);
        assert_eq!(serde_json::from_value::<ReminderSettings>(json).unwrap(), s);
    }
}
