//! The app lock from the window: its state, unlocking, locking now, and
//! setting or removing the lock password (see `crate::app_lock`).

use serde::Serialize;
use tauri::{AppHandle, State};
use twofold_core::app_lock::AppLock;
use zeroize::Zeroizing;

use super::blocking;
use crate::app_lock;
use crate::error::IpcError;
use crate::state::AppState;

/// Whether a lock password is set, and whether the app is locked now.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Serialize)]
pub struct LockStatusView {
    pub enabled: bool,
    pub locked: bool,
}

#[tauri::command]
pub async fn lock_status(app: AppHandle) -> Result<LockStatusView, IpcError> {
    blocking(app, |_, state| {
        let (enabled, locked) = app_lock::status(state)?;
        Ok(LockStatusView { enabled, locked })
    })
    .await
}

#[tauri::command]
pub async fn unlock(app: AppHandle, password: String) -> Result<(), IpcError> {
    let password = Zeroizing::new(password);
    blocking(app, move |app, _| app_lock::unlock(app, &password)).await
}

#[tauri::command]
pub fn lock_now(app: AppHandle) {
    app_lock::lock_now(&app);
}

/// A key or a click in a window: the idle time restarts.
#[tauri::command]
pub fn note_activity(state: State<'_, AppState>) {
    app_lock::note_use(&state);
}

/// Sets the lock password, or changes it (`current` is then needed). Only
/// while unlocked.
#[tauri::command]
pub async fn set_lock_password(
    app: AppHandle,
    password: String,
    current: Option<String>,
) -> Result<(), IpcError> {
    let (password, current) = (Zeroizing::new(password), current.map(Zeroizing::new));
    blocking(app, move |app, state| {
        app_lock::ensure_open(state)?;
        AppLock::open_default()?.set(&password, current.as_deref().map(String::as_str))?;
        app_lock::set_enabled(app, true);
        Ok(())
    })
    .await
}

/// Turns the lock off; the current password is needed.
#[tauri::command]
pub async fn remove_lock_password(app: AppHandle, current: String) -> Result<(), IpcError> {
    let current = Zeroizing::new(current);
    blocking(app, move |app, state| {
        app_lock::ensure_open(state)?;
        AppLock::open_default()?.remove(&current)?;
        app_lock::set_enabled(app, false);
        Ok(())
    })
    .await
}
