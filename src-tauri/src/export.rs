//! The save dialog of the export: the parent chooses where the file goes in the system's own
//! dialog. The path comes from that dialog and never from the web view, so no command can be
//! made to write anywhere else.

use crate::error::IpcError;
use houvast_core::ErrorCode;
use houvast_session::SaveDialog;
use std::path::PathBuf;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_dialog::DialogExt;

/// Shows the save dialog and waits for the parent; `None` when they cancelled. It blocks
/// until the parent chooses: call it from an async command, never on the main thread.
pub fn choose_file<R: Runtime>(
    app: &AppHandle<R>,
    dialog: SaveDialog,
) -> Result<Option<PathBuf>, IpcError> {
    let mut builder = app
        .dialog()
        .file()
        .set_title(dialog.title)
        .set_file_name(dialog.file_name)
        .add_filter(dialog.filter_name, &[dialog.extension])
        .set_can_create_directories(true);
    if let Ok(documents) = app.path().document_dir() {
        builder = builder.set_directory(documents);
    }
    #[cfg(desktop)]
    if let Some(window) = app.get_webview_window("main") {
        builder = builder.set_parent(&window);
    }
    match builder.blocking_save_file() {
        None => Ok(None),
        Some(file) => file
            .into_path()
            .map(Some)
            .map_err(|e| IpcError::new(ErrorCode::ExportFailed, e.to_string())),
    }
}
