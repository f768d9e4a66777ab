//! What the app does for the machine it runs on before the window opens: the log file, the
//! known WebKitGTK blank-window cases on Linux, and painting on machines without a GPU.

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

/// WebKitGTK (2.46 and later) paints the page with Skia on the GPU and composes its layers
/// with OpenGL. Without a GPU (no DRM render node: most virtual machines, thin clients and
/// remote desktops, or `LIBGL_ALWAYS_SOFTWARE`) Mesa's llvmpipe emulates one on the processor,
/// and both steps through it are slower and heavier than working on the processor directly:
/// with compositing, the UI process sets up EGL and GLX through llvmpipe (about 100 ms) before
/// it starts the web process, which then sets up its own compositor the same way. There the
/// page is painted with Skia on the processor and composed in place, without OpenGL, which is
/// what WebKit does itself on a machine that cannot composite. Measured on this project's test
/// machine (2 cores, no GPU; README, Benchmarks): the first screen about 100 ms sooner and
/// about 40 MiB lighter. Returns the variables to set: none of the two that the parent (or
/// their IT) set themselves, to anything.
pub fn software_rendering(
    painting_set: bool,
    compositing_set: bool,
    render_node: bool,
    forced_software_gl: bool,
) -> Vec<(&'static str, &'static str)> {
    if render_node && !forced_software_gl {
        return Vec::new();
    }
    [
        (!painting_set).then_some(("WEBKIT_SKIA_ENABLE_CPU_RENDERING", "1")),
        (!compositing_set).then_some(("WEBKIT_DISABLE_COMPOSITING_MODE", "1")),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// Applies [`webkit_workaround`] and [`software_rendering`] to this process. Called first
/// thing, before any thread. Returns the variables it set, for the log.
pub fn apply_webkit_settings() -> Vec<(&'static str, &'static str)> {
    #[cfg(target_os = "linux")]
    {
        let choice = std::env::var(WEBKIT_COMPAT_ENV).ok();
        let dmabuf_set = std::env::var_os("WEBKIT_DISABLE_DMABUF_RENDERER").is_some();
        let nvidia = std::path::Path::new("/proc/driver/nvidia/version").exists();
        let painting_set = std::env::var_os("WEBKIT_SKIA_ENABLE_CPU_RENDERING").is_some();
        let compositing_set = std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_some();
        let forced = std::env::var("LIBGL_ALWAYS_SOFTWARE").is_ok_and(|v| truthy(&v));
        let set: Vec<_> = webkit_workaround(choice.as_deref(), dmabuf_set, nvidia)
            .into_iter()
            .chain(software_rendering(
                painting_set,
                compositing_set,
                has_render_node(),
                forced,
            ))
            .collect();
        for (name, value) in &set {
            std::env::set_var(name, value);
        }
        set
    }
    #[cfg(not(target_os = "linux"))]
    Vec::new()
}

/// Whether the machine has a GPU that Mesa or a vendor driver can render with: a DRM render
/// node (`/dev/dri/renderD128` and up). A display-only device (`card0`) does not count.
#[cfg(target_os = "linux")]
fn has_render_node() -> bool {
    std::fs::read_dir("/dev/dri").is_ok_and(|entries| {
        entries
            .flatten()
            .any(|entry| entry.file_name().to_string_lossy().starts_with("renderD"))
    })
}

/// Mesa's reading of a boolean variable: set, and not `0` or `false`.
#[cfg(any(target_os = "linux", test))]
fn truthy(value: &str) -> bool {
    !matches!(
        value.trim().to_ascii_lowercase().as_str(),
        "" | "0" | "false" | "no"
    )
}

#[cfg(test)]
mod tests {
    use super::{software_rendering, truthy, webkit_workaround};

    #[test]
    fn without_a_gpu_webkit_paints_and_composites_on_the_processor() {
        let painting = ("WEBKIT_SKIA_ENABLE_CPU_RENDERING", "1");
        let compositing = ("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
        assert_eq!(
            software_rendering(false, false, false, false),
            [painting, compositing],
            "no render node"
        );
        assert_eq!(
            software_rendering(false, false, true, false),
            [],
            "a GPU paints and composites"
        );
        assert_eq!(
            software_rendering(false, false, true, true),
            [painting, compositing],
            "LIBGL_ALWAYS_SOFTWARE"
        );
        assert_eq!(
            software_rendering(true, false, false, false),
            [compositing],
            "their own painting setting wins"
        );
        assert_eq!(
            software_rendering(false, true, false, false),
            [painting],
            "their own compositing setting wins"
        );
        assert!(truthy("1") && truthy("true") && !truthy("0") && !truthy("false") && !truthy(""));
    }

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
