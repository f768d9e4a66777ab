//! A bare Tauri window that reports when its page is interactive, exactly as the Houvast app
//! does (see `houvast_app::bench`), so the benchmark can compare the two.

/// Called by the page once it is interactive.
#[tauri::command]
fn ui_ready(app: tauri::AppHandle) {
    println!("houvast-ready");
    let exit_after = std::env::var("HOUVAST_BENCH_EXIT_AFTER_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok());
    if let Some(ms) = exit_after {
        std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(ms));
            app.exit(0);
        });
    }
}

fn main() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![ui_ready])
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("bare window failed: {e}");
            std::process::exit(1);
        });
}
