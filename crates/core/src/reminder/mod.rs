//! Reminders, as pure rules: the parent's settings, plain facts about the programme and "now"
//! (always a parameter, never the system clock) go in; when to show which reminder comes out.
//! The store keeps the log of what was shown and the app shows the notification; neither rule
//! lives there, so daylight saving, travel and sleep are tested here in milliseconds.

mod contact;
mod delivery;
mod facts;
mod schedule;
mod settings;
mod state;
mod text;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;

pub use contact::{contact_reminder_due, CONTACT_REMINDER_BEFORE};
pub use delivery::{
    DeliveryFailure, DeliveryProblem, DeliveryState, DeliveryStatus, FailureRecord, NoTestWaiting,
    NoticeKind, ShownNotice,
};
pub use facts::{programme_facts, ProgrammeFacts, MODULE_PAUSE_DAYS};
pub use schedule::{
    due_now, next_firing, Due, CHECK_IN_REPEAT_DAYS, HOME_ASSIGNMENT_NUDGE_AFTER_DAYS,
};
pub use settings::{
    DailyReminder, LocalTime, QuietHours, ReminderError, ReminderSettings, Toggle, Weekday,
    WeeklyReminder,
};
pub use state::{Firing, Occurrence, ReminderKind, ReminderState};
pub use text::{
    contact_reminder_text, notification_text, reply_notification_text, return_check_text,
    test_notification_text, NotificationText,
};
