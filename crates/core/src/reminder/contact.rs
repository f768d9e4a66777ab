//! The reminder before a contact the worker proposed: once, in the day before the proposed
//! time, outside quiet hours and a pause, with the check-in reminders switched on.

use super::ReminderSettings;
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

/// How long before the proposed time the reminder may come.
pub const CONTACT_REMINDER_BEFORE: Duration = Duration::hours(24);

/// Whether the reminder for a contact proposed at `proposed` is due at `now`.
pub fn contact_reminder_due(
    proposed: DateTime<Utc>,
    now: DateTime<Utc>,
    settings: &ReminderSettings,
    snoozed_until: Option<DateTime<Utc>>,
    tz: Tz,
) -> bool {
    let in_window = proposed - CONTACT_REMINDER_BEFORE <= now && now < proposed;
    let paused = snoozed_until.is_some_and(|until| now < until);
    let quiet = settings
        .quiet_hours
        .is_some_and(|q| q.contains(now.with_timezone(&tz).time()));
    settings.check_in.enabled && in_window && !paused && !quiet
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    const TZ: Tz = chrono_tz::Europe::Amsterdam;

    fn at(h: u32, m: u32, day: u32) -> DateTime<Utc> {
        TZ.with_ymd_and_hms(2026, 12, day, h, m, 0)
            .single()
            .expect("time")
            .with_timezone(&Utc)
    }

    #[test]
    fn it_comes_in_the_day_before_and_not_in_quiet_hours_a_pause_or_when_switched_off() {
        let settings = ReminderSettings::default(); // quiet hours 22:00-08:00
        let proposed = at(10, 30, 3);
        let due =
            |now, s: &ReminderSettings, snooze| contact_reminder_due(proposed, now, s, snooze, TZ);
        assert!(
            !due(at(10, 29, 2), &settings, None),
            "more than a day before"
        );
        assert!(due(at(10, 30, 2), &settings, None));
        assert!(due(at(21, 59, 2), &settings, None));
        assert!(!due(at(23, 0, 2), &settings, None), "quiet hours");
        assert!(
            due(at(8, 0, 3), &settings, None),
            "after quiet hours, before the contact"
        );
        assert!(
            !due(at(10, 30, 3), &settings, None),
            "the contact has begun"
        );
        assert!(!due(at(12, 0, 2), &settings, Some(at(13, 0, 2))), "paused");
        let mut off = settings;
        off.check_in.enabled = false;
        assert!(!due(at(12, 0, 2), &off, None));
    }
}
