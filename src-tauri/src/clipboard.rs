//! Copying codes: marked as a secret for clipboard managers, and cleared again
//! after the configured delay if the clipboard still holds the code.

use std::time::Duration;

use tauri::{AppHandle, Runtime};
use tauri_plugin_clipboard_manager::ClipboardExt;

use crate::error::{ErrorKind, IpcError};

pub fn copy_secret<R: Runtime>(
    app: &AppHandle<R>,
    text: String,
    clear_after: u32,
) -> Result<(), IpcError> {
    app.clipboard()
        .write_secret(text.as_str())
        .map_err(|error| {
            IpcError::new(
                ErrorKind::Clipboard,
                format!("could not copy to the clipboard: {error}"),
            )
        })?;
    if clear_after > 0 {
        let app = app.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_secs(clear_after.into()));
            if app.clipboard().read_text().is_ok_and(|held| held == text) {
                let _ = app.clipboard().clear();
            }
        });
    }
    Ok(())
}
