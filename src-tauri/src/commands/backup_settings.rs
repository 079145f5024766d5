//! Automatic backups, as Settings shows them: on or off, the folder (chosen
//! in a native dialog, so the window never names a path), the last backup.

use serde::Serialize;
use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;
use twofold_core::auto_backup::{self, AutoBackup, DEFAULT_KEEP};
use twofold_core::settings::Settings;

use super::blocking;
use crate::error::IpcError;
use crate::state::lock;

#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Serialize)]
pub struct BackupStatusView {
    /// The folder, when automatic backups are on.
    pub folder: Option<String>,
    pub keep: usize,
    /// Seconds since the last backup in the folder.
    pub last_backup_ago: Option<u64>,
    /// When off: accounts added since the last backup or export.
    pub not_backed_up: usize,
}

#[tauri::command]
pub async fn backup_status(app: AppHandle) -> Result<BackupStatusView, IpcError> {
    blocking(app, |_, state| {
        let vault = state.vault()?;
        let status = auto_backup::status(&vault)?;
        Ok(BackupStatusView {
            folder: status
                .config
                .as_ref()
                .map(|config| config.folder.display().to_string()),
            keep: status
                .config
                .as_ref()
                .map_or(DEFAULT_KEEP, |config| config.keep),
            last_backup_ago: status
                .last
                .and_then(|backup| backup.made.elapsed().ok())
                .map(|elapsed| elapsed.as_secs()),
            not_backed_up: status.not_backed_up,
        })
    })
    .await
}

/// Asks for the folder, then turns automatic backups on and writes the first
/// one; `false` when the user cancels the folder dialog.
#[tauri::command]
pub async fn enable_auto_backup(
    app: AppHandle,
    password: String,
    keep: usize,
) -> Result<bool, IpcError> {
    blocking(app, move |app, state| {
        let password = zeroize::Zeroizing::new(password);
        let Some(folder) = app
            .dialog()
            .file()
            .set_title("Choose the folder for automatic backups")
            .blocking_pick_folder()
            .and_then(|path| path.into_path().ok())
        else {
            return Ok(false);
        };
        let vault = state.vault()?;
        let mut settings = Settings::load(vault.data_dir());
        let config = AutoBackup {
            folder,
            keep: keep.max(1),
        };
        auto_backup::enable(&vault, &mut settings, config, &password)?;
        *lock(&state.settings) = settings;
        Ok(true)
    })
    .await
}

#[tauri::command]
pub async fn disable_auto_backup(app: AppHandle) -> Result<(), IpcError> {
    blocking(app, |_, state| {
        let vault = state.vault()?;
        let mut settings = Settings::load(vault.data_dir());
        auto_backup::disable(&vault, &mut settings)?;
        *lock(&state.settings) = settings;
        Ok(())
    })
    .await
}

#[tauri::command]
pub async fn back_up_now(app: AppHandle) -> Result<Option<String>, IpcError> {
    blocking(app, |_, state| {
        let vault = state.vault()?;
        let written = auto_backup::back_up_now(&vault, &Settings::load(vault.data_dir()))?;
        Ok(written.map(|path| path.display().to_string()))
    })
    .await
}
