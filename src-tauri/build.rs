/// Every command the UI may call. Declaring them makes Tauri check each call against the
/// capabilities in `capabilities/`, so a command is reachable only when granted there.
const COMMANDS: &[&str] = &[
    "app_status",
    "save_profile",
    "programme_overview",
    "open_module",
    "mark_page_read",
    "save_answer",
    "complete_task",
    "ui_ready",
    "reflection_day",
    "save_reflection",
    "reflection_history",
    "reminder_settings",
    "save_reminder_settings",
    "snooze_reminders",
    "set_start_at_login",
    "reminder_check",
    "send_test_notification",
    "answer_test_notification",
    "my_plans",
    "set_language",
    "set_role",
    "delete_everything",
    "contacts",
    "checkin",
    "save_checkin_draft",
    "preview_checkin",
    "send_checkin",
    "mark_safety_number_checked",
    "dismiss_sync_problem",
    "forget_pairing",
    "pair_with_worker",
    "unpair_worker",
    "check_for_replies",
    "lock_status",
    "lock_app",
    "remove_app_lock",
    "passphrase_strength",
    "suggest_backup_passphrase",
    "unlock_app",
    "set_app_lock",
    "write_backup",
    "restore_backup",
    "export_data",
    "read_aloud",
    "pause_reading",
    "resume_reading",
    "stop_reading",
];

fn main() {
    pack_relocations();
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .unwrap_or_else(|e| panic!("tauri build step failed: {e:#}"));
}

/// Release builds for Linux pack the binary's relative relocations (DT_RELR: glibc 2.36, binutils
/// 2.38, both in Debian 12). The pointers in Rust's static data (vtables, string slices, panic
/// locations) otherwise need 24 bytes of relocation each: about 1.6 MB of the binary.
fn pack_relocations() {
    let var = |name| std::env::var(name).unwrap_or_default();
    if var("CARGO_CFG_TARGET_OS") == "linux"
        && var("CARGO_CFG_TARGET_ENV") == "gnu"
        && var("PROFILE") == "release"
    {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}
