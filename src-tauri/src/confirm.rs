//! Confirmations the page cannot forge: native dialogs, opened by Rust, before
//! a secret goes to the window (a key, a QR code, transfer codes) or an
//! account is deleted. A script in a compromised page could press any button
//! of the page; it cannot answer these.

use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::{DialogExt, MessageDialogButtons, MessageDialogKind};

use crate::error::{ErrorKind, IpcError};
use crate::window::MAIN;

/// Asks `question` with `detail` below it; `Ok` when the user chose `action`,
/// the "cancelled" error otherwise. Blocks: call it from the blocking pool.
pub fn ask(app: &AppHandle, question: &str, detail: &str, action: &str) -> Result<(), IpcError> {
    let mut dialog = app
        .dialog()
        .message(detail)
        .title(question)
        .kind(MessageDialogKind::Warning)
        .buttons(MessageDialogButtons::OkCancelCustom(
            action.to_owned(),
            "Cancel".to_owned(),
        ));
    if let Some(window) = app.get_webview_window(MAIN) {
        dialog = dialog.parent(&window);
    }
    if dialog.blocking_show() {
        Ok(())
    } else {
        Err(IpcError::new(ErrorKind::Cancelled, "Cancelled."))
    }
}
