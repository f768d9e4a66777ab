// No console window on Windows in release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    houvast_app::ready::started();
    houvast_app::run();
}
