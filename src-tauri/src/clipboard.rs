//! Copying codes: marked as a secret for clipboard managers, and cleared again
//! after the configured delay if the clipboard still holds the code.

use std::sync::Mutex;
use std::time::Duration;

use tauri::{AppHandle, Runtime};
use tauri_plugin_clipboard_manager::ClipboardExt;
use zeroize::Zeroizing;

use crate::error::{ErrorKind, IpcError};
use crate::state::lock;

/// The last secret copied, while the clipboard may still hold it.
static COPIED: Mutex<Option<Zeroizing<String>>> = Mutex::new(None);

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
    *lock(&COPIED) = Some(Zeroizing::new(text.clone()));
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

/// Whether the clipboard still holds the last secret copied (then it goes
/// when the app ends, see light.rs); forgets it once it does not.
pub fn holds_ours<R: Runtime>(app: &AppHandle<R>) -> bool {
    let mut copied = lock(&COPIED);
    let held = copied.as_ref().is_some_and(|copied| {
        app.clipboard()
            .read_text()
            .is_ok_and(|held| held == copied.as_str())
    });
    if !held {
        *copied = None;
    }
    held
}
