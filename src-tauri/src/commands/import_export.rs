//! Moving accounts in and out: importing another authenticator's export (it
//! ends in the same confirmation as a scan), an encrypted backup or plain
//! list saved through the native dialog, transfer QR codes for a phone.

use std::path::PathBuf;

use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;
use twofold_core::export::{self, Transfer};
use twofold_core::files::write_atomic;
use twofold_core::import::{self, Format};
use twofold_core::qr;

use super::add::store_pending;
use super::blocking;
use crate::confirm;
use crate::error::{ErrorKind, IpcError};
use crate::state::lock;
use crate::views::{PendingView, TransferView};

/// Asks for the export file to import (native dialog) and keeps it for
/// [`import_file`]. Returns its name, `None` on cancel.
#[tauri::command]
pub async fn pick_import_file(app: AppHandle) -> Result<Option<String>, IpcError> {
    blocking(app, |app, state| {
        let picked = app
            .dialog()
            .file()
            .set_title("Import from another authenticator")
            .blocking_pick_file()
            .and_then(|path| path.into_path().ok());
        let name = picked.as_ref().map(|path| {
            path.file_name()
                .unwrap_or(path.as_os_str())
                .to_string_lossy()
                .into_owned()
        });
        *lock(&state.import_file) = picked;
        Ok(name)
    })
    .await
}

/// The formats the user may pick when detection fails: `(name, app)`.
#[tauri::command]
pub fn import_formats() -> Vec<(&'static str, &'static str)> {
    Format::ALL
        .into_iter()
        .map(|format| (format.name(), format.app()))
        .collect()
}

/// Reads the picked export; its accounts wait for the user's confirmation.
/// Fails with `password_needed` or `wrong_password` so the UI can ask for one.
#[tauri::command]
pub async fn import_file(
    app: AppHandle,
    format: Option<String>,
    password: Option<String>,
) -> Result<PendingView, IpcError> {
    blocking(app, move |_, state| {
        let password = password.map(zeroize::Zeroizing::new);
        let path = lock(&state.import_file).clone().ok_or_else(|| {
            IpcError::new(ErrorKind::NotFound, "Choose the file to import first.")
        })?;
        let format = format.as_deref().map(str::parse).transpose()?;
        let imported = import::import_file(&path, format, password.as_deref().map(String::as_str))?;
        let notes = imported
            .skipped
            .iter()
            .map(|(label, why)| format!("Not imported: {label} — {why}."))
            .collect();
        let source = imported.format.map(import::Format::short_app);
        store_pending(state, imported.accounts, notes, source)
    })
    .await
}

/// Saves an encrypted backup of every account (Aegis's format) where the user
/// chooses. Returns the path, or `None` on cancel.
#[tauri::command]
pub async fn export_backup(app: AppHandle, password: String) -> Result<Option<String>, IpcError> {
    blocking(app, move |app, state| {
        let password = zeroize::Zeroizing::new(password);
        let vault = state.vault()?;
        let backup = export::aegis(&vault.export()?, &password)?;
        let saved = save(
            app,
            "twofold-backup.json",
            "Encrypted backup",
            &["json"],
            backup.as_bytes(),
        )?;
        if saved.is_some() {
            twofold_core::auto_backup::record_export(&vault)?;
        }
        Ok(saved)
    })
    .await
}

/// Saves every account as plain `otpauth://` URIs (the UI warns first).
#[tauri::command]
pub async fn export_uris(app: AppHandle) -> Result<Option<String>, IpcError> {
    blocking(app, |app, state| {
        confirm::ask(
            app,
            "Save your accounts without encryption?",
            "Anyone who reads the file can make your codes. Delete it once you have imported it elsewhere.",
            "Continue",
        )?;
        let text = export::uris(&state.vault()?.export()?);
        save(
            app,
            "twofold-accounts.txt",
            "Text",
            &["txt"],
            text.as_bytes(),
        )
    })
    .await
}

/// Google Authenticator transfer codes for every account it can hold.
#[tauri::command]
pub async fn export_transfer(app: AppHandle) -> Result<TransferView, IpcError> {
    blocking(app, |app, state| {
        confirm::ask(
            app,
            "Show transfer codes for all your accounts?",
            "Anyone who sees these QR codes can make your codes. Make sure nobody is watching your screen.",
            "Show codes",
        )?;
        let Transfer { codes, left_out } = export::google_transfer(&state.vault()?.export()?)?;
        Ok(TransferView {
            codes: codes
                .iter()
                .map(|code| qr::render_svg(code))
                .collect::<Result<_, _>>()?,
            left_out: left_out
                .into_iter()
                .map(|(label, why)| format!("{label} is left out: {why}."))
                .collect(),
        })
    })
    .await
}

fn save(
    app: &AppHandle,
    file_name: &str,
    kind: &str,
    extensions: &[&str],
    bytes: &[u8],
) -> Result<Option<String>, IpcError> {
    let picked: Option<PathBuf> = app
        .dialog()
        .file()
        .set_title("Save the export")
        .set_file_name(file_name)
        .add_filter(kind, extensions)
        .blocking_save_file()
        .and_then(|path| path.into_path().ok());
    let Some(path) = picked else {
        return Ok(None);
    };
    write_atomic(&path, bytes).map_err(|error| {
        IpcError::new(
            ErrorKind::Storage,
            format!("could not save {}: {error}", path.display()),
        )
    })?;
    Ok(Some(path.display().to_string()))
}
