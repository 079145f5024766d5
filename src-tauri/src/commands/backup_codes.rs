//! Backup codes: sent to the UI only when the account's panel is opened.

use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;
use twofold_core::backup_codes::{self, BackupCode};

use super::blocking;
use crate::clipboard;
use crate::confirm;
use crate::error::{ErrorKind, IpcError};
use crate::state::lock;
use crate::views::CopiedView;

/// The codes found in pasted text (the live preview); nothing is stored.
#[tauri::command]
pub fn parse_backup_codes(text: String) -> Vec<String> {
    backup_codes::parse(&text)
}

#[tauri::command]
pub async fn backup_codes(app: AppHandle, id: String) -> Result<Vec<BackupCode>, IpcError> {
    blocking(app, move |_, state| {
        let vault = state.vault()?;
        Ok(vault.backup_codes(&vault.account(&id)?)?)
    })
    .await
}

/// Stores the codes of pasted text: added to those there, or replacing them
/// all (the site made new ones).
#[tauri::command]
pub async fn save_backup_codes(
    app: AppHandle,
    id: String,
    text: String,
    replace: bool,
) -> Result<Vec<BackupCode>, IpcError> {
    blocking(app, move |app, state| {
        let vault = state.vault()?;
        let saved = if replace {
            let account = vault.account(&id)?;
            if account.backup_codes.remaining > 0 {
                let site = account.site();
                confirm::ask(
                    app,
                    &format!("Replace the backup codes of {site}?"),
                    &format!(
                        "{} unused codes will be forgotten. Replace them only when {site} has made new ones.",
                        account.backup_codes.remaining
                    ),
                    "Replace",
                )?;
            }
            vault.replace_backup_codes(&id, &text)?
        } else {
            vault.add_backup_codes(&id, &text)?
        };
        crate::backups::after_change(app);
        Ok(saved)
    })
    .await
}

#[tauri::command]
pub async fn set_backup_code_used(
    app: AppHandle,
    id: String,
    code: String,
    used: bool,
) -> Result<Vec<BackupCode>, IpcError> {
    blocking(app, move |app, state| {
        let vault = state.vault()?;
        let codes = if used {
            vault.use_backup_code(&id, Some(&code))?;
            vault.backup_codes(&vault.account(&id)?)?
        } else {
            vault.unuse_backup_code(&id, &code)?
        };
        crate::backups::after_change(app);
        Ok(codes)
    })
    .await
}

/// Copies a backup code (the UI then asks whether to mark it used).
#[tauri::command]
pub async fn copy_backup_code(
    app: AppHandle,
    id: String,
    code: String,
) -> Result<CopiedView, IpcError> {
    blocking(app, move |app, state| {
        let vault = state.vault()?;
        let account = vault.account(&id)?;
        let stored = vault.backup_code(&account, &code)?;
        let clears_in = lock(&state.settings).clipboard_clear_seconds;
        clipboard::copy_secret(app, stored.code.clone(), clears_in)?;
        Ok(CopiedView {
            label: account.label(),
            clears_in,
            hotp_code: None,
        })
    })
    .await
}

/// Saves the codes as a text file where the user chooses; `false` when the
/// user cancels.
#[tauri::command]
pub async fn export_backup_codes(app: AppHandle, id: String) -> Result<bool, IpcError> {
    blocking(app, move |app, state| {
        let vault = state.vault()?;
        let account = vault.account(&id)?;
        let text = backup_codes::as_text(&account.label(), &vault.backup_codes(&account)?);
        let file_name = format!("{} backup codes.txt", account.issuer.trim())
            .trim()
            .to_owned();
        let Some(path) = app
            .dialog()
            .file()
            .set_title("Save the backup codes")
            .set_file_name(file_name)
            .add_filter("Text", &["txt"])
            .blocking_save_file()
            .and_then(|path| path.into_path().ok())
        else {
            return Ok(false);
        };
        twofold_core::files::write_atomic(&path, text.as_bytes()).map_err(|error| {
            IpcError::new(
                ErrorKind::Storage,
                format!("could not save {}: {error}", path.display()),
            )
        })?;
        Ok(true)
    })
    .await
}
