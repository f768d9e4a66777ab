//! Start-up, measured. The UI calls `ui_ready` once its first screen can be used: its data
//! loaded and the screen drawn. `make bench` measures start-up up to that moment (the same command in
//! bench/bare-window gives Tauri's own floor) and, from the marks kept here, where the time
//! goes: the shell's steps from `main` on, and the page's own steps the UI sends along.
//!
//! Only the benchmark sets `HOUVAST_BENCH_EXIT_AFTER_MS`; without it the marks are a few
//! timestamps in memory and nothing is printed.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Set by the benchmark: print the marks, then quit this many milliseconds after the first
/// screen is ready.
const EXIT_AFTER_ENV: &str = "HOUVAST_BENCH_EXIT_AFTER_MS";

static START: OnceLock<Instant> = OnceLock::new();
/// The same moment on the wall clock, which the page's time origin is on too.
static START_WALL: OnceLock<SystemTime> = OnceLock::new();
static MARKS: Mutex<Vec<(String, Duration)>> = Mutex::new(Vec::new());
static READY: AtomicBool = AtomicBool::new(false);

/// The first line of `main`: the moment the marks count from.
pub fn started() {
    START.get_or_init(Instant::now);
    START_WALL.get_or_init(SystemTime::now);
}

/// A step of the start-up is done. Only the first mark of each name is kept, so a step that
/// runs again later (a second store open after a restore) does not move it.
pub fn mark(name: &'static str) {
    mark_owned(name.to_owned());
}

fn mark_owned(name: String) {
    let at = START.get_or_init(Instant::now).elapsed();
    let mut marks = MARKS.lock().unwrap_or_else(|p| p.into_inner());
    if marks.len() < 64 && !marks.iter().any(|(n, _)| *n == name) {
        marks.push((name, at));
    }
}

/// Marks the first call of each command before the first screen is ready: when it started
/// and, when the returned guard drops, when it ended (`name>` and `name<`). After that it is
/// one atomic load.
pub fn command(name: &'static str) -> Option<CommandTiming> {
    span(|| name.to_owned())
}

/// Like [`command`], for any step named at run time (an asset the web view asked for); the
/// name is only made before the first screen is ready.
pub fn span(name: impl FnOnce() -> String) -> Option<CommandTiming> {
    if READY.load(Ordering::Relaxed) {
        return None;
    }
    let name = name();
    mark_owned(format!("{name}>"));
    Some(CommandTiming(name))
}

pub struct CommandTiming(String);

impl Drop for CommandTiming {
    fn drop(&mut self) {
        mark_owned(format!("{}<", self.0));
    }
}

/// The UI's first screen is ready; `ui_marks` are the page's own moments in milliseconds of
/// its clock (`performance.now()`, counted from the page's navigation start), the last one
/// being the moment it called this command.
pub fn ui_ready<R: tauri::Runtime>(app: &tauri::AppHandle<R>, ui_marks: &[(String, f64)]) {
    mark("ui_ready");
    READY.store(true, Ordering::Relaxed);
    let Some(ms) = std::env::var(EXIT_AFTER_ENV)
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    else {
        return;
    };
    let marks = MARKS.lock().unwrap_or_else(|p| p.into_inner()).clone();
    let arrived = marks
        .iter()
        .find(|(n, _)| *n == "ui_ready")
        .map_or(0.0, |(_, at)| millis(*at));
    let page_offset = page_offset(ui_marks, START_WALL.get().copied(), arrived);
    for (name, at) in &marks {
        println!("houvast-mark shell:{name} {:.1}", millis(*at));
    }
    for (name, at) in ui_marks.iter().filter(|(n, _)| n != TIME_ORIGIN) {
        let name: String = name
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
            .take(40)
            .collect();
        println!("houvast-mark page:{name} {:.1}", at + page_offset);
    }
    println!("houvast-ready");
    let app = app.clone();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(ms));
        app.exit(0);
    });
}

/// The page's mark carrying its time origin (`performance.timeOrigin`, ms since the Unix epoch).
const TIME_ORIGIN: &str = "time_origin";

/// What to add to a page mark (ms since its navigation started) to count it from `main`: the
/// page's time origin against the wall clock at `main`, both on the same clock. Without an
/// origin, the last page mark (the page calling `ui_ready`) is taken as the moment the call
/// arrived here, and the IPC's delay then shifts every page mark later by that much.
fn page_offset(ui_marks: &[(String, f64)], start_wall: Option<SystemTime>, arrived: f64) -> f64 {
    let origin = ui_marks.iter().find(|(n, _)| n == TIME_ORIGIN);
    let start = start_wall.and_then(|s| s.duration_since(UNIX_EPOCH).ok());
    match (origin, start) {
        (Some((_, origin)), Some(start)) => origin - millis(start),
        _ => ui_marks
            .iter()
            .rev()
            .find(|(n, _)| n != TIME_ORIGIN)
            .map_or(0.0, |(_, at)| arrived - at),
    }
}

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

#[cfg(test)]
mod tests {
    use super::page_offset;
    use std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn page_marks_land_where_they_happened_with_the_time_origin() {
        let start = UNIX_EPOCH + Duration::from_millis(1_000_000);
        // The page's navigation began 400 ms after `main`; its ready call came at 250 ms on its
        // clock and arrived here 30 ms later (at 680 ms).
        let marks = vec![
            ("ui_ready".to_owned(), 250.0),
            ("time_origin".to_owned(), 1_000_400.0),
        ];
        assert_eq!(page_offset(&marks, Some(start), 680.0), 400.0);
        // Without the origin: the call is taken to arrive the moment it was made.
        assert_eq!(page_offset(&marks[..1], Some(start), 680.0), 430.0);
    }
}
