//! Reminders on a desktop: a scheduler thread that sleeps until the next reminder, shows it
//! through the desktop's notification service (D-Bus `org.freedesktop.Notifications` on Linux,
//! via notify-rust) and opens the right screen when the notification is clicked.

use super::{ReminderDelivery, ReminderOpened, REMINDER_OPENED_EVENT};
use crate::state::AppState;
use chrono::Utc;
use houvast_core::reminder::{NoticeKind, NotificationText};
use houvast_core::ErrorCode;
use houvast_session::{ReminderScreen, ToShow};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;
use tauri::{AppHandle, Emitter, Manager, Runtime};

/// The longest single sleep. The thread sleeps until the next reminder, but never longer than
/// this, because two things do not wake a sleeping thread: a suspended laptop (the monotonic
/// clock that sleeps are measured on stops while suspended, so an 8-hour sleep across a
/// 3-hour suspend would end 3 hours late) and a changed time zone or clock (20:00 moves when
/// the parent lands in New York). Waking every two minutes to recompute from the wall clock
/// and the current zone costs nothing noticeable and bounds the delay to two minutes.
pub const MAX_SLEEP: Duration = Duration::from_secs(120);

/// Shows one notification.
pub trait Notifier: Send + Sync {
    fn show(&self, text: &NotificationText, screen: ReminderScreen) -> Result<(), NotifyError>;
}

#[derive(Debug, thiserror::Error)]
#[error("the notification could not be shown: {0}")]
pub struct NotifyError(pub String);

/// The thread that brings reminders on a desktop.
pub struct DesktopScheduler {
    wake: Arc<Wake>,
    thread: Mutex<Option<JoinHandle<()>>>,
}

#[derive(Default)]
struct Wake {
    /// (woken, stopped)
    flags: Mutex<(bool, bool)>,
    signal: Condvar,
}

impl Wake {
    fn set(&self, stop: bool) {
        let mut flags = self.flags.lock().unwrap_or_else(|p| p.into_inner());
        flags.0 = true;
        flags.1 |= stop;
        self.signal.notify_all();
    }

    /// Sleeps for `timeout` or until woken; true when the scheduler should stop.
    fn sleep(&self, timeout: Duration) -> bool {
        let flags = self.flags.lock().unwrap_or_else(|p| p.into_inner());
        let (mut flags, _) = self
            .signal
            .wait_timeout_while(flags, timeout, |f| !f.0)
            .unwrap_or_else(|p| p.into_inner());
        flags.0 = false;
        flags.1
    }
}

impl DesktopScheduler {
    /// Starts the thread. It reads the store through the app's [`AppState`].
    pub fn spawn<R: Runtime>(app: AppHandle<R>, notifier: Arc<dyn Notifier>) -> Self {
        let wake = Arc::new(Wake::default());
        let thread_wake = Arc::clone(&wake);
        let thread = std::thread::Builder::new()
            .name("houvast-reminders".into())
            .spawn(move || loop {
                let wait = fire_due(&app, notifier.as_ref());
                if thread_wake.sleep(wait) {
                    break;
                }
            })
            .map_err(|e| log::error!("the reminder thread did not start: {e}"))
            .ok();
        Self {
            wake,
            thread: Mutex::new(thread),
        }
    }

    /// Stops the thread and waits for it.
    pub fn stop(&self) {
        self.wake.set(true);
        let thread = self.thread.lock().unwrap_or_else(|p| p.into_inner()).take();
        if let Some(thread) = thread {
            let _ = thread.join();
        }
    }
}

impl ReminderDelivery for DesktopScheduler {
    fn refresh(&self) {
        self.wake.set(false);
    }
}

impl Drop for DesktopScheduler {
    fn drop(&mut self) {
        self.stop();
    }
}

/// One step: show what is due now, return how long to sleep. A failure (locked keychain, no
/// notification service) is logged and tried again after [`MAX_SLEEP`].
pub fn fire_due<R: Runtime>(app: &AppHandle<R>, notifier: &dyn Notifier) -> Duration {
    let state = app.state::<AppState>();
    let plan = match state.existing_session(|s| s.take_due()) {
        Ok(plan) => plan.unwrap_or_default(),
        Err(e) if e.code == ErrorCode::AppLocked => {
            // Closed by the app lock: the kept moments, in the discreet words.
            let (text, next) = state.locked_reminders_due();
            if let Some(text) = text {
                log::info!("reminder shown while locked");
                let _ = deliver(
                    app,
                    notifier,
                    &text,
                    ReminderScreen::Home,
                    NoticeKind::Reminder,
                );
            }
            return sleep_until(next);
        }
        Err(e) => {
            log::warn!("reminders: {e}");
            return MAX_SLEEP;
        }
    };
    state.keep_locked_reminders();
    for ToShow {
        firing,
        text,
        screen,
    } in &plan.show
    {
        log::info!("reminder shown: {:?}", firing.occurrence);
        let _ = deliver(app, notifier, text, *screen, NoticeKind::Reminder);
    }
    // The day before a contact the worker proposed (checked at least every MAX_SLEEP).
    match state.existing_session(|s| s.take_contact_reminders()) {
        Ok(texts) => {
            for text in texts.unwrap_or_default() {
                log::info!("contact reminder shown");
                let _ = deliver(
                    app,
                    notifier,
                    &text,
                    ReminderScreen::Contacts,
                    NoticeKind::Reminder,
                );
            }
        }
        Err(e) => log::warn!("contact reminders: {e}"),
    }
    sleep_until(plan.next.map(|next| next.at))
}

/// Shows one notification and records whether the desktop took it, so a reminder that could
/// not be shown is noticed (the home screen says so) instead of lost in silence.
pub fn deliver<R: Runtime>(
    app: &AppHandle<R>,
    notifier: &dyn Notifier,
    text: &NotificationText,
    screen: ReminderScreen,
    kind: NoticeKind,
) -> Result<(), NotifyError> {
    let outcome = notifier.show(text, screen);
    if let Err(e) = &outcome {
        log::warn!("{e}");
    }
    if let Some(state) = app.try_state::<AppState>() {
        let recorded = state
            .delivery()
            .record(kind, outcome.as_ref().map(|_| ()), Utc::now());
        if let Err(e) = recorded {
            log::warn!("could not record a notification's delivery: {e}");
        }
    }
    outcome
}

/// The app's notifier, managed as state, so a test can hand the app another one.
pub struct AppNotifier(pub Arc<dyn Notifier>);

/// The managed notifier, or the desktop's own.
pub fn notifier<R: Runtime>(app: &AppHandle<R>) -> Arc<dyn Notifier> {
    match app.try_state::<AppNotifier>() {
        Some(n) => Arc::clone(&n.0),
        None => Arc::new(DesktopNotifier::new(app.clone())),
    }
}

/// How long to sleep before `next`, at most [`MAX_SLEEP`].
fn sleep_until(next: Option<chrono::DateTime<Utc>>) -> Duration {
    match next {
        // A few milliseconds past the instant, so the wall clock has surely reached it.
        Some(next) => (next - Utc::now())
            .to_std()
            .map(|d| (d + Duration::from_millis(20)).min(MAX_SLEEP))
            // Due already (held by quiet hours that just ended, say): look again shortly
            // rather than spin.
            .unwrap_or(Duration::from_secs(1)),
        None => MAX_SLEEP,
    }
}

/// Shows the window on the screen a reminder leads to.
pub fn open_screen<R: Runtime>(app: &AppHandle<R>, screen: ReminderScreen) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.show();
        let _ = window.unminimize();
        let _ = window.set_focus();
    }
    if let Err(e) = app.emit(REMINDER_OPENED_EVENT, ReminderOpened { screen }) {
        log::warn!("could not open the reminder's screen: {e}");
    }
}

/// Notifications through notify-rust. On Linux a thread per notification waits for the click
/// (the "default" action) and opens the screen; the thread ends when the notification closes.
pub struct DesktopNotifier<R: Runtime> {
    app: AppHandle<R>,
}

impl<R: Runtime> DesktopNotifier<R> {
    pub fn new(app: AppHandle<R>) -> Self {
        Self { app }
    }
}

impl<R: Runtime> Notifier for DesktopNotifier<R> {
    fn show(&self, text: &NotificationText, screen: ReminderScreen) -> Result<(), NotifyError> {
        let mut notification = notify_rust::Notification::new();
        notification
            .appname("Houvast")
            .summary(text.title)
            .body(text.body)
            .action("default", text.title);
        #[cfg(all(unix, not(target_os = "macos")))]
        {
            // A handle keeps libdbus's connection, which stays on the thread that made it: that
            // thread shows the notification, reports whether it could, then waits for the click.
            let app = self.app.clone();
            let (shown, was_shown) = std::sync::mpsc::channel();
            std::thread::Builder::new()
                .name("houvast-notification".into())
                .spawn(move || match notification.show() {
                    Ok(handle) => {
                        let _ = shown.send(Ok(()));
                        handle.wait_for_action(|action| {
                            if action == "default" {
                                open_screen(&app, screen);
                            }
                        });
                    }
                    Err(e) => {
                        // The Debug form names the D-Bus error (Display gives only its
                        // message): the name tells "no service" from "refused".
                        let _ = shown.send(Err(NotifyError(format!("{e:?}"))));
                    }
                })
                .map_err(|e| NotifyError(e.to_string()))?;
            was_shown.recv().map_err(|e| NotifyError(e.to_string()))??;
        }
        #[cfg(not(all(unix, not(target_os = "macos"))))]
        {
            // macOS and Windows bring the app forward on a click themselves.
            notification
                .show()
                .map_err(|e| NotifyError(e.to_string()))?;
            let _ = (screen, &self.app);
        }
        Ok(())
    }
}
