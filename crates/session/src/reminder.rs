//! Reminders: the settings screen, a pause, and the engine's step. The rules are in
//! houvast_core::reminder; this gathers the facts from the store and the programme, and keeps
//! the engine's log. How a reminder reaches the parent (a desktop notification, the phone's
//! scheduler) is the app shell's business.

use crate::{Result, Session, SessionError};
use chrono::Duration;
use houvast_core::reminder::{
    due_now, next_firing, notification_text, return_check_text, Firing, NotificationText,
    ReminderKind, ReminderSettings, ReminderState,
};
use houvast_core::Profile;
use houvast_store::ReminderRecord;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The longest pause the settings screen offers: a week.
pub const MAX_SNOOZE_HOURS: u32 = 7 * 24;

/// Where a reminder leads when clicked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReminderScreen {
    /// The daily reflection.
    Reflection,
    /// Home, whose next step is the module or home assignment.
    Home,
    /// The contacts with the worker: a check-in to write, a reply to read.
    Contacts,
    /// "Check my reminders", where the test notification's question waits.
    ReminderCheck,
}

impl ReminderScreen {
    pub fn for_kind(kind: ReminderKind) -> Self {
        match kind {
            ReminderKind::Reflection => ReminderScreen::Reflection,
            ReminderKind::Module | ReminderKind::HomeAssignment => ReminderScreen::Home,
            ReminderKind::CheckIn => ReminderScreen::Contacts,
        }
    }
}

/// A reminder to show now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToShow {
    pub firing: Firing,
    pub text: NotificationText,
    pub screen: ReminderScreen,
}

/// What [`Session::take_due`] found: what to show now and the next reminder after that.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DuePlan {
    pub show: Vec<ToShow>,
    pub next: Option<Firing>,
    /// The words of the next reminder, for a platform that schedules it ahead (phones).
    pub next_text: Option<NotificationText>,
}

impl Session<'_> {
    pub fn reminder_settings(&self) -> Result<ReminderRecord> {
        Ok(self.store.reminders(self.clock.now)?)
    }

    pub fn save_reminder_settings(&self, settings: &ReminderSettings) -> Result<ReminderRecord> {
        self.store
            .save_reminder_settings(settings, self.clock.now)?;
        self.reminder_settings()
    }

    /// Pauses every reminder for `hours` (at most [`MAX_SNOOZE_HOURS`]); 0 ends a pause.
    pub fn snooze(&self, hours: u32) -> Result<ReminderRecord> {
        if hours > MAX_SNOOZE_HOURS {
            return Err(SessionError::SnoozeTooLong { hours });
        }
        let now = self.clock.now;
        let until = (hours > 0).then(|| now + Duration::hours(i64::from(hours)));
        self.store.snooze_reminders(until, now)?;
        self.reminder_settings()
    }

    /// Whether any reminder can come: the parent is onboarded and at least one reminder is
    /// on. Then closing the window keeps the app running (in the tray) to bring them.
    pub fn reminders_on(&self) -> Result<bool> {
        Ok(self.store.profile()?.is_some() && any_enabled(&self.reminder_settings()?.settings))
    }

    /// The engine's step, per its contract: ask what is due now, log it as shown together with
    /// the new `checked_until` (before it is shown: a crash in between loses one reminder
    /// rather than showing it twice), and say when the next one comes. Nothing is due before
    /// the parent has a profile.
    pub fn take_due(&self) -> Result<DuePlan> {
        let Some(profile) = self.store.profile()? else {
            return Ok(DuePlan::default());
        };
        let (now, tz) = (self.clock.now, self.clock.tz);
        let record = self.store.reminders(now)?;
        let (mut facts, return_check) = self.engine_state(&profile, &record)?;
        let due = due_now(&record.settings, &facts, now, tz);
        let shown: Vec<_> = due.firings.iter().map(|f| f.occurrence).collect();
        self.store
            .record_reminders_shown(&shown, due.checked_until, now)?;
        facts.shown.extend(shown);
        facts.checked_until = due.checked_until;
        let next = next_firing(&record.settings, &facts, now, tz);
        let text = |kind| match kind {
            ReminderKind::Module if return_check => {
                return_check_text(self.discreet(record.settings.discreet), profile.language)
            }
            _ => notification_text(
                kind,
                self.discreet(record.settings.discreet),
                profile.language,
            ),
        };
        let show = due
            .firings
            .into_iter()
            .map(|firing| ToShow {
                firing,
                text: text(firing.kind()),
                screen: ReminderScreen::for_kind(firing.kind()),
            })
            .collect();
        Ok(DuePlan {
            show,
            next,
            next_text: next.map(|f| text(f.kind())),
        })
    }

    /// The engine's facts from the store and the programme rules, and whether the module
    /// reminder only offers the return check.
    pub(crate) fn engine_state(
        &self,
        profile: &Profile,
        record: &ReminderRecord,
    ) -> Result<(ReminderState, bool)> {
        let progress = self.store.all_progress()?;
        let parent = self.programme.for_parent(profile, &progress, self.clock);
        let facts = parent.reminder_facts();
        let check_in_due_since = self.check_in_due_since(&parent)?;
        let state = ReminderState {
            module_due: facts.module_due,
            last_reflection_on: self.store.last_reflection_on()?,
            home_assignment_open_since: facts.home_assignment_open_since,
            check_in_due_since,
            snoozed_until: record.snoozed_until,
            shown: record.shown.clone(),
            checked_until: record.checked_until,
        };
        Ok((state, facts.module_is_return_check))
    }
}

/// Whether any reminder is switched on: then closing the window keeps the app in the tray.
pub fn any_enabled(settings: &ReminderSettings) -> bool {
    settings.module.enabled
        || settings.reflection.enabled
        || settings.home_assignment.enabled
        || settings.check_in.enabled
}
