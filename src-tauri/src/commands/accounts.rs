//! The code list and account details.

use std::time::Duration;

use tauri::{AppHandle, Manager};
use twofold_core::otp::unix_now;
use twofold_core::vault::{Account, AccountEdit};
use twofold_core::{AccountDraft, qr, uri};

use super::blocking;
use crate::confirm;
use crate::error::{ErrorKind, IpcError};
use crate::state::{AppState, lock};
use crate::views::{AccountView, CopiedView};
use crate::{backups, clipboard};

/// How long a deleted account can be brought back.
const UNDO_SECONDS: u64 = 10;

/// The rows a tall window shows: how many accounts' secrets a start with the
/// window shown reads ahead. The window asks for its own screenful; any it
/// lacks are read then.
const SCREENFUL_AHEAD: usize = 24;

/// At start the secrets are read in the background, while WebKit starts:
/// with the window shown, a screenful, so that its first list waits for no
/// keyring; started in the tray, all of them, so that the first quick pick
/// waits for none either. Locked, nothing is read; a failure is the first
/// list's to report.
pub fn read_ahead(app: &AppHandle, shown: bool) {
    let app = app.clone();
    std::thread::spawn(move || {
        let state = app.state::<AppState>();
        let Ok(vault) = state.vault() else { return };
        let mut secrets = lock(&state.secrets);
        let _ = if shown {
            vault.first_codes(&mut secrets, unix_now(), SCREENFUL_AHEAD)
        } else {
            vault.codes_cached(&mut secrets, unix_now())
        };
    });
}

/// Every account with its current and next code, in display order. With
/// `first`, a screenful first: only the first `first` accounts, reading only
/// their secrets if the keyring has not been read yet; the window asks again
/// without `first` for the whole list (a thousand secrets take the keyring a
/// while; the first screen should not wait for them).
#[tauri::command]
pub async fn list_accounts(
    app: AppHandle,
    first: Option<usize>,
) -> Result<Vec<AccountView>, IpcError> {
    blocking(app, move |app, state| {
        let listed = match first {
            Some(count) => screenful(app, state, count),
            None => every_code(app, state),
        };
        if listed.is_err() {
            let tray = app.clone();
            std::thread::spawn(move || crate::tray::settle(&tray));
        }
        listed
    })
    .await
}

fn screenful(
    app: &AppHandle,
    state: &AppState,
    count: usize,
) -> Result<Vec<AccountView>, IpcError> {
    let codes = state
        .vault()?
        .first_codes(&mut lock(&state.secrets), unix_now(), count)?;
    // Fewer than asked for: that was the whole list.
    if codes.len() < count {
        tray_follows(app, codes.iter().map(|code| code.account.clone()).collect());
    }
    Ok(codes.into_iter().map(AccountView::from).collect())
}

fn every_code(app: &AppHandle, state: &AppState) -> Result<Vec<AccountView>, IpcError> {
    let codes = state
        .vault()?
        .codes_cached(&mut lock(&state.secrets), unix_now())?;
    tray_follows(app, codes.iter().map(|code| code.account.clone()).collect());
    Ok(codes.into_iter().map(AccountView::from).collect())
}

/// The window lists accounts after every change: the tray follows, without
/// holding the list up (a long menu takes a while to build).
fn tray_follows(app: &AppHandle, accounts: Vec<Account>) {
    let tray = app.clone();
    std::thread::spawn(move || crate::tray::sync(&tray, &accounts));
}

/// Copies the code to use now (HOTP: the counter moves on first).
#[tauri::command]
pub async fn copy_code(app: AppHandle, id: String) -> Result<CopiedView, IpcError> {
    blocking(app, move |app, state| copy(app, state, &id)).await
}

/// What the window, the tray and the quick-pick window do to copy a code:
/// [`twofold_core::vault::Vault::use_code`], then the clipboard.
pub fn copy(app: &AppHandle, state: &AppState, id: &str) -> Result<CopiedView, IpcError> {
    crate::app_lock::note_use(state);
    let used = state.vault()?.use_code(id, unix_now())?;
    let clears_in = lock(&state.settings).clipboard_clear_seconds;
    let hotp_code = used.account.kind.counter().map(|_| used.code.value.clone());
    clipboard::copy_secret(app, used.code.value, clears_in)?;
    Ok(CopiedView {
        label: used.account.label(),
        clears_in,
        hotp_code,
    })
}

#[tauri::command]
pub async fn edit_account(app: AppHandle, id: String, edit: AccountEdit) -> Result<(), IpcError> {
    blocking(app, move |app, state| {
        state.vault()?.edit(&id, &edit)?;
        backups::after_change(app);
        Ok(())
    })
    .await
}

#[tauri::command]
pub async fn reorder_accounts(app: AppHandle, ids: Vec<String>) -> Result<(), IpcError> {
    blocking(app, move |_, state| Ok(state.vault()?.reorder(&ids)?)).await
}

/// Deletes an account once the user confirms it in a native dialog, keeping
/// it for [`UNDO_SECONDS`] so that Undo can bring it back.
#[tauri::command]
pub async fn delete_account(app: AppHandle, id: String) -> Result<String, IpcError> {
    blocking(app, move |app, state| {
        let vault = state.vault()?;
        let site = vault.account(&id)?.site().to_owned();
        confirm::ask(
            app,
            &format!("Delete {site}?"),
            &format!("If you have no other way to sign in (backup codes, another device), you may lose access to {site}."),
            "Delete",
        )?;
        let removed = vault.remove(&id)?;
        backups::after_change(app);
        let label = removed.account.label();
        lock(&state.removed).insert(id.clone(), removed);
        let app = app.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_secs(UNDO_SECONDS));
            lock(&app.state::<AppState>().removed).remove(&id);
        });
        Ok(label)
    })
    .await
}

#[tauri::command]
pub async fn undo_delete(app: AppHandle, id: String) -> Result<(), IpcError> {
    blocking(app, move |app, state| {
        let removed = lock(&state.removed).remove(&id).ok_or_else(|| {
            IpcError::new(
                ErrorKind::NotFound,
                "It is too late to undo: the account is gone.",
            )
        })?;
        state.vault()?.restore(&removed)?;
        backups::after_change(app);
        Ok(())
    })
    .await
}

/// The setup key, for the user to read, once confirmed in a native dialog.
#[tauri::command]
pub async fn reveal_key(app: AppHandle, id: String) -> Result<String, IpcError> {
    blocking(app, move |app, state| {
        let vault = state.vault()?;
        let account = vault.account(&id)?;
        confirm_showing(app, account.site(), "key", "Reveal key")?;
        Ok(vault.otp(&account)?.secret().to_base32())
    })
    .await
}

/// Copies the key already revealed (`shown`, as the page has it), cleared
/// from the clipboard like a code. Copying asks no second confirmation, so
/// the page must show the key it got from [`reveal_key`]: a script cannot
/// copy a key the user was not shown.
#[tauri::command]
pub async fn copy_key(app: AppHandle, id: String, shown: String) -> Result<CopiedView, IpcError> {
    let shown = zeroize::Zeroizing::new(shown);
    blocking(app, move |app, state| {
        let vault = state.vault()?;
        let account = vault.account(&id)?;
        let key = zeroize::Zeroizing::new(vault.otp(&account)?.secret().to_base32());
        let typed: String = shown.chars().filter(|c| !c.is_whitespace()).collect();
        if typed != *key {
            return Err(IpcError::new(
                ErrorKind::Invalid,
                "Reveal the key before copying it.",
            ));
        }
        let clears_in = lock(&state.settings).clipboard_clear_seconds;
        clipboard::copy_secret(app, key.to_string(), clears_in)?;
        Ok(CopiedView {
            label: account.label(),
            clears_in,
            hotp_code: None,
        })
    })
    .await
}

/// The account as an `otpauth://` QR code (SVG), to move it to a phone, once
/// confirmed in a native dialog.
#[tauri::command]
pub async fn account_qr(app: AppHandle, id: String) -> Result<String, IpcError> {
    blocking(app, move |app, state| {
        let vault = state.vault()?;
        let account = vault.account(&id)?;
        confirm_showing(app, account.site(), "QR code", "Show QR code")?;
        let draft = AccountDraft::new(
            account.issuer.clone(),
            account.name.clone(),
            vault.otp(&account)?,
        );
        Ok(qr::render_svg(&uri::format(&draft))?)
    })
    .await
}

/// The native confirmation before a secret of `site` is shown as `what`.
fn confirm_showing(app: &AppHandle, site: &str, what: &str, action: &str) -> Result<(), IpcError> {
    confirm::ask(
        app,
        &format!("Show the {what} of {site}?"),
        &format!(
            "Anyone who sees the {what} can make codes for {site}. Make sure nobody is watching your screen."
        ),
        action,
    )
}
