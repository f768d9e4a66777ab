//! A bare Tauri window that reports when its page is interactive, exactly as the Houvast app
//! does (see `src-tauri/src/ready.rs`), so the benchmark can compare the two step by step.

use std::sync::OnceLock;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

static START: OnceLock<Instant> = OnceLock::new();
static START_WALL: OnceLock<SystemTime> = OnceLock::new();
static SETUP: OnceLock<f64> = OnceLock::new();
static PAGE_LOAD_STARTED: OnceLock<f64> = OnceLock::new();

fn since_start() -> f64 {
    START.get_or_init(Instant::now).elapsed().as_secs_f64() * 1e3
}

/// Called by the page once it is interactive, with its own moments (`performance.now()`), the
/// last being the call itself.
#[tauri::command]
fn ui_ready(app: tauri::AppHandle, marks: Vec<(String, f64)>) {
    let arrived = since_start();
    let Some(ms) = std::env::var("HOUVAST_BENCH_EXIT_AFTER_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    else {
        return;
    };
    if let Some(setup) = SETUP.get() {
        println!("houvast-mark shell:setup {setup:.1}");
    }
    if let Some(started) = PAGE_LOAD_STARTED.get() {
        println!("houvast-mark shell:page_load_started {started:.1}");
    }
    println!("houvast-mark shell:ui_ready {arrived:.1}");
    // The page's moments placed by its time origin, on the same wall clock as `main`'s, as
    // the app does (src-tauri/src/ready.rs, page_offset).
    let origin = marks
        .iter()
        .find(|(n, _)| n == "time_origin")
        .map(|(_, at)| *at);
    let start = START_WALL
        .get()
        .and_then(|s| s.duration_since(UNIX_EPOCH).ok());
    let page_offset = match (origin, start) {
        (Some(origin), Some(start)) => origin - start.as_secs_f64() * 1e3,
        _ => marks.last().map_or(0.0, |(_, at)| arrived - at),
    };
    for (name, at) in marks.iter().filter(|(n, _)| n != "time_origin") {
        let name: String = name
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
            .take(40)
            .collect();
        println!("houvast-mark page:{name} {:.1}", at + page_offset);
    }
    println!("houvast-ready");
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(ms));
        app.exit(0);
    });
}

fn main() {
    START.get_or_init(Instant::now);
    START_WALL.get_or_init(SystemTime::now);
    tauri::Builder::default()
        .setup(|_| {
            let _ = SETUP.set(since_start());
            Ok(())
        })
        .on_page_load(|_, payload| {
            if payload.event() == tauri::webview::PageLoadEvent::Started {
                let _ = PAGE_LOAD_STARTED.set(since_start());
            }
        })
        .invoke_handler(tauri::generate_handler![ui_ready])
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("bare window failed: {e}");
            std::process::exit(1);
        });
}
