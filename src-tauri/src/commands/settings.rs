//! Preferences.

use tauri::State;
use twofold_core::settings::Settings;
use twofold_core::vault::default_data_dir;

use crate::error::IpcError;
use crate::state::{AppState, lock};

#[tauri::command]
pub fn get_settings(state: State<'_, AppState>) -> Settings {
    lock(&state.settings).clone()
}

#[tauri::command]
pub fn set_settings(state: State<'_, AppState>, settings: Settings) -> Result<(), IpcError> {
    let dir = default_data_dir().ok_or_else(|| IpcError::new("storage", "no data directory"))?;
    settings.save(&dir).map_err(|error| {
        IpcError::new("storage", format!("could not save the settings: {error}"))
    })?;
    *lock(&state.settings) = settings;
    Ok(())
}
