//! The parent's side of Houvast as use cases: a [`Session`] holds the programme, the open
//! store and the clock, and has one method per thing a parent does. The Tauri commands only
//! translate IPC to these methods; every rule a test would want lives here or below, in
//! houvast-core, and is tested against a real encrypted database.

mod checkin;
mod clock;
mod delivery;
mod error;
mod export;
mod locked_reminders;
mod pairing;
mod profile;
mod programme;
mod reflection;
mod reminder;
mod sync;
mod vault;

pub use checkin::{
    CheckInDraft, CheckInScreen, ContactPointView, ContactState, ContactsView, ReplyView, ShareRef,
    Shareable,
};
pub use clock::system_clock;
pub use delivery::DeliveryLog;
pub use error::SessionError;
pub use export::{
    ExportDocument, ExportFormat, ExportSaved, SaveDialog, EXPORT_FORMAT, EXPORT_VERSION,
};
pub use locked_reminders::{LockedReminders, LOCKED_HORIZON_DAYS};
pub use pairing::{DeviceLink, PairingStart, PairingView, SyncProblem};
pub use profile::AppStatus;
pub use programme::SavedAnswer;
pub use reflection::{ReflectionHistory, SavedReflection};
pub use reminder::{any_enabled, DuePlan, ReminderScreen, ToShow, MAX_SNOOZE_HOURS};
pub use sync::{retry_delay, SyncReport, FIRST_RETRY_DELAY, MAX_RETRY_DELAY};
pub use vault::{suggest_passphrase, BackupWritten, LockStatus, RestoreDone, Vault};

use houvast_core::{Clock, Profile, Programme};
use houvast_store::Store;

pub type Result<T, E = SessionError> = std::result::Result<T, E>;

/// One parent's session: the bundled programme, their store and "now". Made per command, so
/// the clock is read once and every rule in a call sees the same moment.
pub struct Session<'a> {
    programme: &'a Programme,
    store: &'a Store,
    clock: Clock,
    /// Notifications in the discreet words whatever the setting (the app lock is set).
    always_discreet: bool,
}

impl<'a> Session<'a> {
    pub fn new(programme: &'a Programme, store: &'a Store, clock: Clock) -> Self {
        Self {
            programme,
            store,
            clock,
            always_discreet: false,
        }
    }

    /// While the app lock is set a notification says nothing about the programme, whatever
    /// the parent chose for discreet texts: the lock means others may be near the screen.
    pub fn always_discreet(mut self, yes: bool) -> Self {
        self.always_discreet = yes;
        self
    }

    fn discreet(&self, chosen: bool) -> bool {
        chosen || self.always_discreet
    }

    pub fn clock(&self) -> Clock {
        self.clock
    }

    /// The open store, for the use cases of the data as a whole ([`Vault`]).
    pub fn store(&self) -> &Store {
        self.store
    }

    /// The parent's profile; the programme needs one.
    fn onboarded(&self) -> Result<Profile> {
        self.store.profile()?.ok_or(SessionError::NotOnboarded)
    }
}
