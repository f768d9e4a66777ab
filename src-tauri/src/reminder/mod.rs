//! Reminders in the app: the facts the engine in houvast_core::reminder needs are gathered
//! here from the store and the programme, what is due is logged and handed to a
//! [`ReminderDelivery`] for the platform. The rules themselves are not here.
//!
//! Desktop ([`desktop`]): a scheduler thread sleeps until the next firing, shows it through
//! the desktop's notification service and stays alive in the tray. Phones ([`mobile`]): the
//! OS schedules the next notifications, since the app does not keep running there.

pub mod commands;
#[cfg(desktop)]
pub mod desktop;
#[cfg(mobile)]
pub mod mobile;
#[cfg(desktop)]
pub mod tray;

pub use commands::ReminderSettingsView;

use crate::error::IpcError;
use crate::state::AppState;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use houvast_core::reminder::{
    due_now, next_firing, notification_text, programme_facts, Firing, NotificationText,
    ReminderKind, ReminderSettings, ReminderState,
};
use houvast_core::{Profile, Programme};
use houvast_store::{ReminderRecord, Store};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager, Runtime};
use ts_rs::TS;

/// The event the UI receives when the parent clicks a reminder.
pub const REMINDER_OPENED_EVENT: &str = "reminder-opened";

/// Where a reminder leads when clicked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReminderScreen {
    /// The daily reflection.
    Reflection,
    /// Home, whose next step is the module or home assignment (and later the check-in).
    Home,
}

impl ReminderScreen {
    pub fn for_kind(kind: ReminderKind) -> Self {
        match kind {
            ReminderKind::Reflection => ReminderScreen::Reflection,
            ReminderKind::Module | ReminderKind::HomeAssignment | ReminderKind::CheckIn => {
                ReminderScreen::Home
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct ReminderOpened {
    pub screen: ReminderScreen,
}

/// How reminders reach the parent on one platform.
pub trait ReminderDelivery: Send + Sync {
    /// Settings or facts changed (a reflection written, settings saved, a pause asked for):
    /// bring the plan up to date. The desktop wakes its scheduler; a phone reschedules.
    fn refresh(&self);
}

/// The platform's delivery, managed as app state.
pub struct Reminders(pub Box<dyn ReminderDelivery>);

/// Tells the platform's delivery that something changed. Without one (command tests) it does
/// nothing: the next firing is recomputed from fresh facts anyway.
pub fn refresh<R: Runtime>(app: &AppHandle<R>) {
    if let Some(reminders) = app.try_state::<Reminders>() {
        reminders.0.refresh();
    }
}

/// A reminder to show now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToShow {
    pub firing: Firing,
    pub text: NotificationText,
    pub screen: ReminderScreen,
}

/// What [`take_due`] found: what to show now and the next reminder after that.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DuePlan {
    pub show: Vec<ToShow>,
    pub next: Option<Firing>,
}

/// The engine's step, per its contract: ask what is due at `now`, log it as shown together
/// with the new `checked_until` (before it is shown: a crash in between loses one reminder
/// rather than showing it twice), and say when the next one comes. Nothing is due before the
/// parent has a profile, and a database that does not exist yet is not created from here.
pub fn take_due(state: &AppState, now: DateTime<Utc>, tz: Tz) -> Result<DuePlan, IpcError> {
    let programme = state.programme()?;
    let plan = state.with_existing_store(|store| {
        let Some(profile) = store.profile()? else {
            return Ok(DuePlan::default());
        };
        let record = store.reminders(now)?;
        let mut facts = engine_state(programme, store, &profile, &record, now, tz)?;
        let due = due_now(&record.settings, &facts, now, tz);
        let shown: Vec<_> = due.firings.iter().map(|f| f.occurrence).collect();
        store.record_reminders_shown(&shown, due.checked_until, now)?;
        facts.shown.extend(shown);
        facts.checked_until = due.checked_until;
        let next = next_firing(&record.settings, &facts, now, tz);
        let show = due
            .firings
            .into_iter()
            .map(|firing| ToShow {
                firing,
                text: notification_text(firing.kind(), record.settings.discreet, profile.language),
                screen: ReminderScreen::for_kind(firing.kind()),
            })
            .collect();
        Ok(DuePlan { show, next })
    })?;
    Ok(plan.unwrap_or_default())
}

/// The engine's facts from the store and the programme rules. No check-ins exist yet in the
/// app, so `check_in_due_since` is always `None` until they land.
fn engine_state(
    programme: &Programme,
    store: &Store,
    profile: &Profile,
    record: &ReminderRecord,
    now: DateTime<Utc>,
    tz: Tz,
) -> Result<ReminderState, IpcError> {
    let progress = store.all_progress()?;
    let today = now.with_timezone(&tz).date_naive();
    let overview = programme.overview(profile, &progress, today);
    let facts = programme_facts(&overview, &progress, today, tz);
    Ok(ReminderState {
        module_due: facts.module_due,
        last_reflection_on: store.last_reflection_on()?,
        home_assignment_open_since: facts.home_assignment_open_since,
        check_in_due_since: None,
        snoozed_until: record.snoozed_until,
        shown: record.shown.clone(),
        checked_until: record.checked_until,
    })
}

/// Whether any reminder is switched on: then closing the window keeps the app in the tray.
pub fn any_enabled(settings: &ReminderSettings) -> bool {
    settings.module.enabled
        || settings.reflection.enabled
        || settings.home_assignment.enabled
        || settings.check_in.enabled
}

/// The device's time zone with its daylight-saving rules. `TZ` (as the C library reads it)
/// wins, then the system setting; UTC only when neither names a known zone, which is logged.
pub fn local_zone() -> Tz {
    let from_env = std::env::var("TZ")
        .ok()
        .and_then(|v| v.trim_start_matches(':').parse::<Tz>().ok());
    from_env
        .or_else(|| {
            iana_time_zone::get_timezone()
                .ok()
                .and_then(|name| name.parse::<Tz>().ok())
        })
        .unwrap_or_else(|| {
            log::warn!("the system time zone is unknown; reminders follow UTC");
            Tz::UTC
        })
}
