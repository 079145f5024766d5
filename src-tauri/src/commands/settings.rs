//! Preferences.

use tauri::{AppHandle, State};
use tauri_plugin_autostart::ManagerExt;
use twofold_core::settings::Settings;
use twofold_core::vault::default_data_dir;

use crate::error::{ErrorKind, IpcError};
use crate::quick_pick;
use crate::state::{AppState, lock};

#[tauri::command]
pub fn get_settings(state: State<'_, AppState>) -> Settings {
    lock(&state.settings).clone()
}

/// Applies the settings that act on the system (shortcut, start at login),
/// then saves them; nothing is saved when one cannot be applied.
#[tauri::command]
pub fn set_settings(
    app: AppHandle,
    state: State<'_, AppState>,
    mut settings: Settings,
) -> Result<(), IpcError> {
    let dir = default_data_dir().ok_or(twofold_core::vault::VaultError::NoDataDir)?;
    let old = lock(&state.settings).clone();
    quick_pick::register(&app, Some(&old.shortcut), &settings.shortcut)?;
    if settings.start_at_login != old.start_at_login {
        let autostart = app.autolaunch();
        let changed = if settings.start_at_login {
            autostart.enable()
        } else {
            autostart.disable()
        };
        changed.map_err(|error| {
            IpcError::new(
                ErrorKind::Autostart,
                format!("could not change the start at login: {error}"),
            )
        })?;
    }
    // Automatic backups have commands of their own; the window's copy of
    // them may be stale.
    let stored = Settings::load(&dir);
    settings.auto_backup = stored.auto_backup;
    settings.last_backup_at = stored.last_backup_at;
    settings.save(&dir).map_err(|error| {
        IpcError::new(
            ErrorKind::Storage,
            format!("could not save the settings: {error}"),
        )
    })?;
    *lock(&state.settings) = settings;
    Ok(())
}
