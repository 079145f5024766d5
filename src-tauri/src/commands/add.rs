//! Every way in: screen, image file (dialog or drop), paste, typed key. Each
//! ends in a pending set of accounts that the user confirms.

use std::path::Path;

use serde::Deserialize;
use tauri::{AppHandle, Emitter, Manager, State};
use tauri_plugin_clipboard_manager::ClipboardExt;
use tauri_plugin_dialog::DialogExt;
use twofold_core::draft::Fields;
use twofold_core::otp::unix_now;
use twofold_core::qr::{self, QrError};
use twofold_core::random;
use twofold_core::vault::VaultError;
use twofold_core::{AccountDraft, Secret, scan};

use super::blocking;
use crate::clipboard;
use crate::error::{ErrorKind, IpcError};
use crate::state::{AppState, lock};
use crate::views::{AddedView, CodeView, CopiedView, DraftView, PendingView};

/// Captures every monitor and finds the QR codes on them.
#[tauri::command]
pub async fn scan_screen(app: AppHandle) -> Result<PendingView, IpcError> {
    blocking(app, |_, state| scan_monitors(state)).await
}

/// The QR codes on every monitor, as pending accounts (also the tray's scan).
pub fn scan_monitors(state: &AppState) -> Result<PendingView, IpcError> {
    let texts = match qr::decode_all(&twofold_capture::all_screens()?) {
        Err(QrError::NoQrCode) => {
            return Err(IpcError::new(
                ErrorKind::NoQrCode,
                "No QR code is visible on the screen. Show the site's QR code, then scan again.",
            ));
        }
        found => found?,
    };
    pending(state, texts.iter().map(String::as_str))
}

/// Asks for an image file (native dialog) and reads its QR codes. `None` when
/// the user cancels.
#[tauri::command]
pub async fn open_image(app: AppHandle) -> Result<Option<PendingView>, IpcError> {
    blocking(app, |app, state| {
        let picked = app
            .dialog()
            .file()
            .set_title("Open an image with a QR code")
            .add_filter("Images", &["png", "jpg", "jpeg", "webp", "bmp", "gif"])
            .blocking_pick_file();
        let Some(path) = picked.and_then(|path| path.into_path().ok()) else {
            return Ok(None);
        };
        scan_file(state, &path).map(Some)
    })
    .await
}

/// Reads a file dropped on the window; the result goes to the UI as a
/// `scan-result` event.
pub fn dropped(app: &AppHandle, path: &Path) {
    send_scan_result(app, scan_file(&app.state::<AppState>(), path));
}

/// Hands a scan's result to the window (`scan-result` event), which shows
/// the confirmation or the error; with no window (let go of in the tray) it
/// is kept for the next one to take at its start.
pub fn send_scan_result(app: &AppHandle, result: Result<PendingView, IpcError>) {
    let payload = match result {
        Ok(view) => serde_json::json!(view),
        Err(error) => serde_json::json!(error),
    };
    if app.get_webview_window(crate::window::MAIN).is_some() {
        let _ = app.emit("scan-result", payload);
    } else {
        *lock(&app.state::<AppState>().scan_result) = Some(payload);
    }
}

/// A scan result that came while there was no window, once.
#[tauri::command]
pub fn take_scan_result(state: State<'_, AppState>) -> Option<serde_json::Value> {
    lock(&state.scan_result).take()
}

fn scan_file(state: &AppState, path: &Path) -> Result<PendingView, IpcError> {
    let texts = qr::decode_file(path)?;
    pending(state, texts.iter().map(String::as_str))
}

/// Ctrl+V: an image on the clipboard is scanned for QR codes; text is read as
/// `otpauth://` or `otpauth-migration://` URIs, one per line.
#[tauri::command]
pub async fn paste(app: AppHandle) -> Result<PendingView, IpcError> {
    blocking(app, |app, state| {
        let clipboard = app.clipboard();
        if let Ok(image) = clipboard.read_image() {
            qr::check_size(image.width(), image.height())?;
            let rgba = image::RgbaImage::from_raw(image.width(), image.height(), image.rgba().to_vec())
                .ok_or_else(|| IpcError::new(ErrorKind::NotAnImage, "the image on the clipboard is damaged"))?;
            let texts = qr::decode_image(&image::DynamicImage::ImageRgba8(rgba))?;
            return pending(state, texts.iter().map(String::as_str));
        }
        let text = clipboard.read_text().unwrap_or_default();
        if text.trim().is_empty() {
            return Err(IpcError::new(ErrorKind::EmptyClipboard, "The clipboard holds no image and no text. Copy the QR code or its otpauth:// link first."));
        }
        pending(state, text.lines().map(str::trim).filter(|line| !line.is_empty()))
    })
    .await
}

/// Live validation of a setup key as it is typed.
#[tauri::command]
pub fn check_key(key: String) -> Result<(), IpcError> {
    Secret::from_base32(&key)?;
    Ok(())
}

/// The fields of a site's "can't scan? enter this key" fallback.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Deserialize)]
pub struct KeyForm {
    issuer: String,
    name: String,
    key: String,
    #[cfg_attr(test, ts(type = "OtpKind[\"type\"]"))]
    kind: String,
    algorithm: String,
    digits: u8,
    period: u32,
    counter: u64,
}

/// Without the key.
impl std::fmt::Debug for KeyForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyForm")
            .field("issuer", &self.issuer)
            .field("name", &self.name)
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

#[tauri::command]
pub async fn enter_key(app: AppHandle, form: KeyForm) -> Result<PendingView, IpcError> {
    blocking(app, move |_, state| {
        let draft = AccountDraft::from_fields(Fields {
            issuer: &form.issuer,
            name: &form.name,
            kind: &form.kind,
            algorithm: Some(&form.algorithm),
            digits: Some(form.digits),
            period: Some(form.period),
            counter: Some(form.counter),
            secret: Secret::from_base32(&form.key),
            group: None,
        })?;
        store_pending(state, vec![draft], Vec::new(), None)
    })
    .await
}

/// The live codes of pending accounts, so the user can finish enrolling on the
/// site before adding.
#[tauri::command]
pub fn pending_codes(
    state: tauri::State<'_, AppState>,
    id: String,
) -> Result<Vec<CodeView>, IpcError> {
    let pending = lock(&state.pending);
    let drafts = pending.get(&id).ok_or_else(gone)?;
    let now = unix_now();
    Ok(drafts
        .iter()
        .map(|draft| draft.otp.code_pair(now).into())
        .collect())
}

/// Copies a pending account's current code, to type into the site before
/// the account is added.
#[tauri::command]
pub async fn copy_pending_code(
    app: AppHandle,
    id: String,
    index: usize,
) -> Result<CopiedView, IpcError> {
    blocking(app, move |app, state| {
        let draft = lock(&state.pending)
            .get(&id)
            .and_then(|drafts| drafts.get(index).cloned())
            .ok_or_else(gone)?;
        let clears_in = lock(&state.settings).clipboard_clear_seconds;
        clipboard::copy_secret(app, draft.otp.code_at(unix_now()).value, clears_in)?;
        Ok(CopiedView {
            label: draft.label(),
            clears_in,
            hotp_code: None,
        })
    })
    .await
}

/// An account the user ticked, with the names as edited.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Deserialize)]
pub struct Pick {
    index: usize,
    issuer: String,
    name: String,
}

/// Stores the picked accounts, all or none; returns those added. Accounts
/// already stored are skipped, never added twice.
#[tauri::command]
pub async fn confirm_pending(
    app: AppHandle,
    id: String,
    picks: Vec<Pick>,
) -> Result<Vec<AddedView>, IpcError> {
    blocking(app, move |app, state| {
        // Kept pending until stored: after a failure (a locked keyring) the
        // user can try again.
        let drafts = lock(&state.pending).get(&id).cloned().ok_or_else(gone)?;
        let picked: Vec<AccountDraft> = picks
            .into_iter()
            .filter_map(|pick| {
                let draft = drafts.get(pick.index)?;
                Some(AccountDraft {
                    issuer: pick.issuer,
                    name: pick.name,
                    ..draft.clone()
                })
            })
            .collect();
        let done = state.vault()?.add_all(&picked)?;
        lock(&state.pending).remove(&id);
        crate::backups::after_change(app);
        Ok(done
            .added
            .into_iter()
            .map(|account| AddedView {
                label: account.label(),
                id: account.id,
            })
            .collect())
    })
    .await
}

#[tauri::command]
pub fn discard_pending(state: tauri::State<'_, AppState>, id: String) {
    lock(&state.pending).remove(&id);
}

/// Sorts scanned texts and keeps the accounts pending; an error when none of
/// them is a 2FA code.
fn pending<'a>(
    state: &AppState,
    texts: impl IntoIterator<Item = &'a str>,
) -> Result<PendingView, IpcError> {
    let findings = scan::findings(texts);
    if findings.accounts.is_empty() {
        let why = findings
            .not_otp
            .into_iter()
            .next()
            .unwrap_or_else(|| "no 2FA setup code found".into());
        return Err(IpcError::new(
            ErrorKind::NotOtp,
            format!("This QR code is {why}."),
        ));
    }
    let notes = findings
        .not_otp
        .iter()
        .map(|why| format!("Also found a QR code that is {why}."))
        .collect();
    store_pending(state, findings.accounts, notes, None)
}

/// Keeps accounts found until the user confirms them; what the UI is shown.
pub(super) fn store_pending(
    state: &AppState,
    drafts: Vec<AccountDraft>,
    notes: Vec<String>,
    source: Option<&str>,
) -> Result<PendingView, IpcError> {
    let vault = state.vault()?;
    let accounts = drafts
        .iter()
        .enumerate()
        .map(|(index, draft)| {
            Ok(DraftView::new(
                index,
                draft,
                vault.find_duplicate(draft)?.is_some(),
            ))
        })
        .collect::<Result<Vec<_>, VaultError>>()?;
    let id = random::id();
    lock(&state.pending).insert(id.clone(), drafts);
    Ok(PendingView {
        id,
        accounts,
        notes,
        source: source.map(str::to_owned),
    })
}

fn gone() -> IpcError {
    IpcError::new(
        ErrorKind::NotFound,
        "These accounts were already added or discarded.",
    )
}
