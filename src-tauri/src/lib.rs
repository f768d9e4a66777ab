//! The Houvast app shell: Tauri commands that translate between IPC and houvast-session's use
//! cases, and what needs Tauri itself: the window, the tray, notifications, start at login,
//! the scheduler thread and the keychain wiring. No programme rules live here.

pub mod bindings;
pub mod boot;
pub mod commands;
pub mod contact;
pub mod error;
pub mod export;
pub mod lock;
pub mod platform;
pub mod ready;
pub mod reminder;
pub mod speech;
pub mod state;

pub use commands::with_commands;
use state::{AppState, KeySource};
use std::path::PathBuf;
use tauri::Manager;

/// The environment variable that moves the parent's data (tests, portable use).
pub const DATA_DIR_ENV: &str = "HOUVAST_DATA_DIR";

pub fn run() {
    let webkit_settings = platform::apply_webkit_settings();
    let builder = tauri::Builder::default();
    // First, so a second start hands over and exits before it opens anything.
    #[cfg(desktop)]
    let builder = builder.plugin(single_instance());
    with_commands(builder.plugin(platform::log_plugin()))
        // The save and open dialogs for backups and exports: the parent chooses the place.
        .plugin(tauri_plugin_dialog::init())
        .setup(move |app| {
            ready::mark("setup");
            // The window first: its web process starts and loads the page while the rest of
            // the set-up runs (the store, the tray). The page's commands wait for the main
            // thread, which is busy here until the state below is managed.
            open_main_window(app)?;
            ready::mark("window_created");
            show_later_at_the_latest(app.handle());
            log::info!("Houvast {} started", env!("CARGO_PKG_VERSION"));
            for (name, value) in &webkit_settings {
                log::info!("WebKit: {name}={value} (platform.rs: this machine's case)");
            }
            let data_dir = match std::env::var_os(DATA_DIR_ENV) {
                Some(dir) => PathBuf::from(dir),
                None => app.path().app_data_dir()?,
            };
            app.manage(AppState::new(data_dir, KeySource::Keychain));
            ready::mark("programme_parsed");
            reminder_setup(app.handle());
            ready::mark("reminders_set_up");
            contact::start(app.handle());
            ready::mark("setup_done");
            Ok(())
        })
        .on_page_load(|webview, payload| match payload.event() {
            tauri::webview::PageLoadEvent::Started => ready::mark("page_load_started"),
            tauri::webview::PageLoadEvent::Finished => {
                ready::mark("page_load_finished");
                show_at_start(webview.app_handle());
            }
        })
        .on_window_event(|window, event| {
            lock::on_window_event(window, event);
            #[cfg(desktop)]
            reminder::tray::on_window_event(window, event);
            #[cfg(mobile)]
            let _ = (window, event);
        })
        .run(context())
        .unwrap_or_else(|e| {
            eprintln!("Houvast could not start: {e}");
            log::error!("Houvast could not start: {e}");
            std::process::exit(1);
        });
}

/// The configuration and the embedded UI, whose `index.html` carries the first screen's
/// answers (see [`boot`]).
fn context() -> tauri::Context {
    let mut context = tauri::generate_context!();
    let embedded = context.set_assets(Box::new(boot::NoAssets));
    context.set_assets(Box::new(boot::WithFirstAnswers::new(embedded)));
    context
}

/// The window described in tauri.conf.json (`"create": false` there, so it is made here, at
/// the start of the set-up rather than after it).
fn open_main_window(app: &tauri::App) -> tauri::Result<()> {
    let config = app
        .config()
        .app
        .windows
        .iter()
        .find(|w| w.label == "main")
        .ok_or_else(|| tauri::Error::WindowNotFound)?
        .clone();
    tauri::WebviewWindowBuilder::from_config(app.handle(), &config)?.build()?;
    Ok(())
}

/// The window is made hidden (tauri.conf.json) and shown once, when its page has loaded: the
/// parent never sees an empty white window, and WebKitGTK does not draw the view before its web
/// process has started. Without compositing (platform.rs) that early draw waits up to 500 ms for
/// a first frame while the starting web process waits for an answer from the same thread
/// (README, Benchmarks). Started at login (`--hidden`) with the tray icon there, it stays hidden.
fn show_at_start<R: tauri::Runtime>(app: &tauri::AppHandle<R>) {
    static SHOWN: std::sync::Once = std::sync::Once::new();
    SHOWN.call_once(|| {
        #[cfg(desktop)]
        if std::env::args().any(|a| a == HIDDEN_FLAG)
            && app.try_state::<reminder::tray::TrayInstalled>().is_some()
        {
            return;
        }
        if let Some(window) = app.get_webview_window("main") {
            let _ = window.show();
        }
    });
}

/// Should the page never finish loading, the window is shown anyway after a few seconds: with
/// whatever WebKit has, rather than no window at all.
fn show_later_at_the_latest<R: tauri::Runtime>(app: &tauri::AppHandle<R>) {
    const LATEST: std::time::Duration = std::time::Duration::from_secs(5);
    let app = app.clone();
    std::thread::spawn(move || {
        std::thread::sleep(LATEST);
        let handle = app.clone();
        let _ = app.run_on_main_thread(move || show_at_start(&handle));
    });
}

/// One process per data directory: a second start brings the running window to the front and
/// exits, so two processes never create two keys or write to one database at once. The D-Bus
/// name (Linux) names the data directory when `HOUVAST_DATA_DIR` moves it, so a portable copy
/// or a test runs beside the installed app.
#[cfg(desktop)]
fn single_instance<R: tauri::Runtime>() -> tauri::plugin::TauriPlugin<R> {
    let builder = tauri_plugin_single_instance::Builder::new()
        .callback(|app, _args, _cwd| reminder::tray::show_window(app));
    let moved = std::env::var_os(DATA_DIR_ENV)
        .and_then(|dir| houvast_store::data_dir_id(std::path::Path::new(&dir)).ok());
    match moved {
        Some(id) => builder.dbus_id(format!("nl.houvast.app.d{id}")).build(),
        None => builder.build(),
    }
}

/// The command-line flag the login item starts the app with: only the tray, no window.
pub const HIDDEN_FLAG: &str = "--hidden";

/// Reminders on this platform: the tray, start at login and the scheduler on a desktop; the
/// OS's scheduled notifications on a phone. A failure here costs the reminders, not the app.
fn reminder_setup<R: tauri::Runtime>(app: &tauri::AppHandle<R>) {
    #[cfg(desktop)]
    {
        use reminder::desktop::DesktopScheduler;
        let autostart = tauri_plugin_autostart::init(
            tauri_plugin_autostart::MacosLauncher::LaunchAgent,
            Some(vec![HIDDEN_FLAG]),
        );
        if let Err(e) = app.plugin(autostart) {
            log::warn!("start at login is not available: {e}");
        }
        let language = app
            .state::<AppState>()
            .existing_session(|s| Ok(s.status()?.profile.map(|p| p.language)))
            .ok()
            .flatten()
            .flatten()
            .unwrap_or(houvast_core::Language::Nl);
        // With the tray there, a start with `--hidden` leaves the window hidden (show_at_start).
        if let Err(e) = reminder::tray::install(app, language) {
            log::warn!("no tray icon: {e}");
        }
        // A test's notifier, when it managed one before; the desktop's otherwise.
        let notifier = reminder::desktop::notifier(app);
        app.manage(reminder::desktop::AppNotifier(notifier.clone()));
        let scheduler = DesktopScheduler::spawn(app.clone(), notifier);
        app.manage(reminder::Reminders(Box::new(scheduler)));
    }
    #[cfg(mobile)]
    {
        if let Err(e) = app.plugin(tauri_plugin_notification::init()) {
            log::warn!("notifications are not available: {e}");
        }
        let delivery = reminder::mobile::MobileDelivery::new(app.clone());
        reminder::ReminderDelivery::refresh(&delivery);
        app.manage(reminder::Reminders(Box::new(delivery)));
    }
}
