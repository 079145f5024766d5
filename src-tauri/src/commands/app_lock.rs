//! The app lock from the window: its state, unlocking, locking now, and
//! setting or removing the lock password (see `crate::app_lock`).

use serde::Serialize;
use tauri::{AppHandle, Emitter, State};
use twofold_core::app_lock::AppLock;
use zeroize::Zeroizing;

use super::blocking;
use crate::error::IpcError;
use crate::state::AppState;
use crate::{app_lock, confirm};

/// Whether a lock password is set, whether the app is locked now, and
/// whether the secrets are protected with the password.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Serialize)]
pub struct LockStatusView {
    pub enabled: bool,
    pub locked: bool,
    pub protected: bool,
}

#[tauri::command]
pub async fn lock_status(app: AppHandle) -> Result<LockStatusView, IpcError> {
    blocking(app, |_, state| {
        let (enabled, locked) = app_lock::status(state)?;
        let protected = state.open_vault()?.protection().is_protected()?;
        Ok(LockStatusView {
            enabled,
            locked,
            protected,
        })
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
        let vault = state.vault()?;
        AppLock::open_default()?.change(
            vault.protection(),
            &password,
            current.as_deref().map(String::as_str),
        )?;
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
        let vault = state.vault()?;
        AppLock::open_default()?.remove_with(vault.protection(), &current)?;
        app_lock::set_enabled(app, false);
        Ok(())
    })
    .await
}

/// "Forgot the password?" on the unlock screen, once confirmed in a native
/// dialog: the lock is removed and, when the secrets were protected, the
/// accounts that cannot be opened without it leave Twofold (a backup brings
/// them back). Returns how many were removed.
#[tauri::command]
pub async fn forget_lock_password(app: AppHandle) -> Result<usize, IpcError> {
    blocking(app, move |app, state| {
        let vault = state.open_vault()?;
        let sealed = vault.protection().sealed_ids()?.len();
        if sealed == 0 {
            confirm::ask(
                app,
                "Remove the app lock?",
                "Twofold then opens without a password. You can set a new one in Settings.",
                "Remove lock",
            )?;
        } else {
            confirm::ask(
                app,
                "Start over from a backup?",
                &format!("Without the lock password, the {sealed} protected accounts cannot be opened. They are removed from Twofold; then restore them from your encrypted backup."),
                "Remove them",
            )?;
        }
        let removed = vault.forget_protected()?;
        AppLock::open_default()?.forget()?;
        app_lock::set_enabled(app, false);
        let _ = app.emit(app_lock::CHANGED, false);
        Ok(removed)
    })
    .await
}

/// Protects the secrets with the lock password: every keyring entry is
/// sealed. Needs a backup holding every account, or the user's word that
/// one exists.
#[tauri::command]
pub async fn protect_secrets(
    app: AppHandle,
    password: String,
    have_backup: bool,
) -> Result<(), IpcError> {
    let password = Zeroizing::new(password);
    blocking(app, move |_, state| {
        let vault = state.vault()?;
        let unsaved = twofold_core::auto_backup::status(&vault)?.not_backed_up;
        Ok(
            AppLock::open_default()?.protect(
                vault.protection(),
                &password,
                unsaved,
                have_backup,
            )?,
        )
    })
    .await
}

/// Stores the secrets plainly in the keyring again; the lock stays.
#[tauri::command]
pub async fn unprotect_secrets(app: AppHandle, password: String) -> Result<(), IpcError> {
    let password = Zeroizing::new(password);
    blocking(app, move |_, state| {
        let vault = state.vault()?;
        Ok(AppLock::open_default()?.unprotect(vault.protection(), &password)?)
    })
    .await
}
