//! The IPC commands: each a few lines that call twofold-core and map its
//! errors. Keyring calls block, so every command that may reach the keyring
//! runs on the blocking pool, never on the main (UI) thread.

pub mod accounts;
pub mod add;
pub mod app_lock;
pub mod backup_codes;
pub mod backup_settings;
pub mod import_export;
pub mod settings;
pub mod store_health;

use tauri::{AppHandle, Manager};

use crate::error::{ErrorKind, IpcError};
use crate::state::AppState;

/// Runs `work` on the blocking pool with the app's state.
async fn blocking<T: Send + 'static>(
    app: AppHandle,
    work: impl FnOnce(&AppHandle, &AppState) -> Result<T, IpcError> + Send + 'static,
) -> Result<T, IpcError> {
    tauri::async_runtime::spawn_blocking(move || work(&app, &app.state::<AppState>()))
        .await
        .map_err(|error| IpcError::new(ErrorKind::Internal, error.to_string()))?
}
