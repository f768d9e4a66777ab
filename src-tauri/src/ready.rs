//! The UI calls `ui_ready` once its first screen can be used. `make bench` measures start-up
//! up to that moment, and the same command in bench/bare-window gives Tauri's own floor.

/// Set by the benchmark: quit this many milliseconds after the first screen is ready.
const EXIT_AFTER_ENV: &str = "HOUVAST_BENCH_EXIT_AFTER_MS";

pub fn ui_ready<R: tauri::Runtime>(app: &tauri::AppHandle<R>) {
    let Some(ms) = std::env::var(EXIT_AFTER_ENV)
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    else {
        return;
    };
    println!("houvast-ready");
    let app = app.clone();
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(ms));
        app.exit(0);
    });
}
