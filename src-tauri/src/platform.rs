//! What the app does for the machine it runs on before the window opens: the log file, and
//! the known WebKitGTK blank-window cases on Linux.

use tauri::plugin::TauriPlugin;
use tauri::Runtime;

/// Moves the log files (tests; a parent sending a log to their organisation's IT).
pub const LOG_DIR_ENV: &str = "HOUVAST_LOG_DIR";

/// The log: the platform's log directory (`~/.local/share/nl.houvast.app/logs` on Linux,
/// `~/Library/Logs/nl.houvast.app` on macOS, `%LOCALAPPDATA%\nl.houvast.app\logs` on Windows),
/// at most three files of 1 MB, and standard error. What the parent wrote is never logged:
/// messages name steps, codes and counts, not answers, reflections or check-ins (an end-to-end
/// test writes a marker and searches the log for it).
pub fn log_plugin<R: Runtime>() -> TauriPlugin<R> {
    use tauri_plugin_log::{RotationStrategy, Target, TargetKind};
    let file = match std::env::var_os(LOG_DIR_ENV) {
        Some(dir) => TargetKind::Folder {
            path: dir.into(),
            file_name: Some("houvast".into()),
        },
        None => TargetKind::LogDir {
            file_name: Some("houvast".into()),
        },
    };
    tauri_plugin_log::Builder::new()
        .clear_targets()
        .targets([Target::new(TargetKind::Stderr), Target::new(file)])
        .rotation_strategy(RotationStrategy::KeepSome(3))
        .max_file_size(1_000_000)
        .level(log::LevelFilter::Warn)
        .level_for("houvast_app", log::LevelFilter::Info)
        .level_for("houvast_courier", log::LevelFilter::Info)
        .level_for("houvast_session", log::LevelFilter::Info)
        .build()
}

/// The parent's (or their IT's) say over the WebKitGTK workaround: `on`, `off`, or unset for
/// the app to decide.
pub const WEBKIT_COMPAT_ENV: &str = "HOUVAST_WEBKIT_COMPAT";

/// WebKitGTK's DMA-BUF renderer shows a blank or white window with NVIDIA's driver and on
/// some Wayland setups. Established Tauri apps switch it off there with
/// `WEBKIT_DISABLE_DMABUF_RENDERER=1` (rendering stays hardware-accelerated otherwise).
/// Returns the variable to set, if any: never when the parent set it themselves or said
/// `off`; always with `on`; by default when NVIDIA's driver is loaded.
pub fn webkit_workaround(
    choice: Option<&str>,
    already_set: bool,
    nvidia_driver: bool,
) -> Option<(&'static str, &'static str)> {
    const SET: (&str, &str) = ("WEBKIT_DISABLE_DMABUF_RENDERER", "1");
    if already_set {
        return None;
    }
    match choice.map(str::trim) {
        Some("on") => Some(SET),
        Some("off") => None,
        _ => nvidia_driver.then_some(SET),
    }
}

/// Applies [`webkit_workaround`] to this process. Called first thing, before any thread.
pub fn apply_webkit_workaround() {
    #[cfg(target_os = "linux")]
    {
        let choice = std::env::var(WEBKIT_COMPAT_ENV).ok();
        let already = std::env::var_os("WEBKIT_DISABLE_DMABUF_RENDERER").is_some();
        let nvidia = std::path::Path::new("/proc/driver/nvidia/version").exists();
        if let Some((name, value)) = webkit_workaround(choice.as_deref(), already, nvidia) {
            std::env::set_var(name, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::webkit_workaround;

    #[test]
    fn the_workaround_follows_the_parent_first_then_the_driver() {
        let set = Some(("WEBKIT_DISABLE_DMABUF_RENDERER", "1"));
        assert_eq!(webkit_workaround(None, false, true), set);
        assert_eq!(webkit_workaround(None, false, false), None);
        assert_eq!(webkit_workaround(Some("on"), false, false), set);
        assert_eq!(webkit_workaround(Some("off"), false, true), None);
        assert_eq!(
            webkit_workaround(Some(" on "), true, true),
            None,
            "their own setting wins"
        );
        assert_eq!(webkit_workaround(Some("maybe"), false, true), set);
    }
}
