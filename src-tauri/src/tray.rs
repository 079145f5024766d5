//! The tray icon: every account (choosing one copies its code, computed at
//! that moment), then Scan screen, Show Twofold and Quit. The accounts part
//! comes from `twofold_core::tray_menu`; the menu is rebuilt when it changes.

use std::sync::atomic::{AtomicBool, Ordering};

use tauri::menu::{IsMenuItem, Menu, MenuEvent, MenuItem, PredefinedMenuItem, Submenu};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Manager, Wry};
use tauri_plugin_notification::NotificationExt;
use twofold_core::tray_menu::{self, MenuEntry};
use twofold_core::vault::Account;

use crate::app_lock;
use crate::commands::{accounts, add};
use crate::error::ErrorKind;
use crate::state::{AppState, lock};
use crate::window;

const TRAY: &str = "main";
const ACCOUNT: &str = "account:";
const SCAN: &str = "scan";
const SHOW: &str = "show";
const LOCK: &str = "lock";
const QUIT: &str = "quit";

/// What the menu offers above Scan, Show and Quit.
enum Top<'a> {
    Accounts(&'a [MenuEntry]),
    /// The keyring cannot be read (yet).
    Unavailable,
    /// The app lock is closed: only "Unlock…".
    Locked,
    /// Not read yet: the window's first list brings them.
    Loading,
}

/// Creates the tray icon with the stored accounts (or a note that they cannot
/// be read yet: the keyring may be locked; or "Unlock…"); without
/// `with_accounts`, with a note that they are coming, for [`sync`] to fill in
/// (or [`settle`], when the window's list finds the app locked). The keyring
/// is not asked then: the window is not kept waiting for it.
pub fn create(app: &AppHandle, with_accounts: bool) -> tauri::Result<()> {
    let menu = if with_accounts {
        current_menu(app)?
    } else {
        LOADING.store(true, Ordering::SeqCst);
        build(app, Top::Loading)?
    };
    let mut tray = TrayIconBuilder::with_id(TRAY)
        .tooltip("Twofold")
        .menu(&menu)
        .show_menu_on_left_click(true)
        .on_menu_event(on_menu_event);
    if let Some(icon) = app.default_window_icon() {
        tray = tray.icon(icon.clone());
    }
    tray.build(app)?;
    Ok(())
}

/// The menu for the app as it is now (accounts, unavailable or locked),
/// remembered so that [`sync`] rebuilds it only on change.
fn current_menu(app: &AppHandle) -> tauri::Result<Menu<Wry>> {
    let state = app.state::<AppState>();
    let accounts = state.vault().and_then(|vault| Ok(vault.accounts()?));
    let entries = accounts
        .as_ref()
        .ok()
        .map(|accounts| tray_menu::entries(accounts));
    let top = match (&entries, &accounts) {
        (Some(entries), _) => Top::Accounts(entries),
        (None, Err(error)) if error.kind == ErrorKind::Locked => Top::Locked,
        (None, _) => Top::Unavailable,
    };
    let menu = build(app, top)?;
    *lock(&state.tray_entries) = entries;
    Ok(menu)
}

/// The menu says "Loading accounts…" (see [`create`]).
static LOADING: AtomicBool = AtomicBool::new(false);

/// The window's list could not be read: a menu still waiting for it says
/// why instead (keyring unavailable, locked…).
pub fn settle(app: &AppHandle) {
    if LOADING.swap(false, Ordering::SeqCst) {
        refresh(app);
    }
}

/// Rebuilds the menu when the accounts it lists have changed.
pub fn sync(app: &AppHandle, accounts: &[Account]) {
    LOADING.store(false, Ordering::SeqCst);
    let entries = tray_menu::entries(accounts);
    let state = app.state::<AppState>();
    let mut shown = lock(&state.tray_entries);
    if shown.as_ref() == Some(&entries) {
        return;
    }
    if let (Some(tray), Ok(menu)) = (app.tray_by_id(TRAY), build(app, Top::Accounts(&entries))) {
        let _ = tray.set_menu(Some(menu));
        *shown = Some(entries);
    }
}

/// The app locked: the menu lists no account, only "Unlock…".
pub fn show_locked(app: &AppHandle) {
    *lock(&app.state::<AppState>().tray_entries) = None;
    if let (Some(tray), Ok(menu)) = (app.tray_by_id(TRAY), build(app, Top::Locked)) {
        let _ = tray.set_menu(Some(menu));
    }
}

/// Rebuilds the menu from scratch (the lock was turned on or off).
pub fn refresh(app: &AppHandle) {
    if let (Some(tray), Ok(menu)) = (app.tray_by_id(TRAY), current_menu(app)) {
        let _ = tray.set_menu(Some(menu));
    }
}

fn build(app: &AppHandle, top: Top<'_>) -> tauri::Result<Menu<Wry>> {
    let menu = Menu::new(app)?;
    // A line that only tells, greyed out.
    let notice = |text: &str| MenuItem::new(app, text, false, None::<&str>);
    match top {
        Top::Accounts([]) => menu.append(&notice("No accounts yet")?)?,
        Top::Accounts(entries) => {
            for entry in entries {
                menu.append(item(app, entry)?.as_ref())?;
            }
        }
        Top::Unavailable => menu.append(&notice("Accounts unavailable: open Twofold")?)?,
        Top::Loading => menu.append(&notice("Loading accounts…")?)?,
        Top::Locked => menu.append(&MenuItem::with_id(
            app,
            SHOW,
            "Twofold is locked — Unlock…",
            true,
            None::<&str>,
        )?)?,
    }
    menu.append(&PredefinedMenuItem::separator(app)?)?;
    if matches!(top, Top::Accounts(_))
        && app_lock::status(&app.state::<AppState>()).is_ok_and(|(enabled, _)| enabled)
    {
        menu.append(&MenuItem::with_id(
            app,
            LOCK,
            "Lock now",
            true,
            None::<&str>,
        )?)?;
    }
    menu.append(&MenuItem::with_id(
        app,
        SCAN,
        "Scan screen for a QR code…",
        true,
        None::<&str>,
    )?)?;
    menu.append(&MenuItem::with_id(
        app,
        SHOW,
        "Show Twofold",
        true,
        None::<&str>,
    )?)?;
    menu.append(&MenuItem::with_id(app, QUIT, "Quit", true, None::<&str>)?)?;
    Ok(menu)
}

fn item(app: &AppHandle, entry: &MenuEntry) -> tauri::Result<Box<dyn IsMenuItem<Wry>>> {
    Ok(match entry {
        MenuEntry::Account { id, label } => Box::new(MenuItem::with_id(
            app,
            format!("{ACCOUNT}{id}"),
            literal(label),
            true,
            None::<&str>,
        )?),
        MenuEntry::Submenu { label, entries } => {
            let submenu = Submenu::new(app, literal(label), true)?;
            for entry in entries {
                submenu.append(item(app, entry)?.as_ref())?;
            }
            Box::new(submenu)
        }
        MenuEntry::Separator => Box::new(PredefinedMenuItem::separator(app)?),
    })
}

/// Menu texts mark keyboard mnemonics with `&`: a name like "AT&T" keeps its
/// ampersand only when it is doubled.
fn literal(label: &str) -> String {
    label.replace('&', "&&")
}

fn on_menu_event(app: &AppHandle, event: MenuEvent) {
    let id = event.id().as_ref().to_owned();
    let app = app.clone();
    // Keyring reads and screen captures block: never on the main thread.
    std::thread::spawn(move || match id.as_str() {
        SCAN => {
            let result = add::scan_monitors(&app.state::<AppState>());
            add::send_scan_result(&app, result);
            window::show_main(&app);
        }
        SHOW => window::show_main(&app),
        LOCK => app_lock::lock_now(&app),
        QUIT => app.exit(0),
        other => {
            if let Some(account) = other.strip_prefix(ACCOUNT) {
                copy(&app, account);
            }
        }
    });
}

/// Copies a code and says so in a desktop notification (where the desktop
/// shows them).
fn copy(app: &AppHandle, id: &str) {
    let (title, body) = match accounts::copy(app, &app.state::<AppState>(), id) {
        Ok(copied) if copied.clears_in > 0 => (
            format!("{} code copied", copied.label),
            format!(
                "It is cleared from the clipboard in {} s.",
                copied.clears_in
            ),
        ),
        Ok(copied) => (format!("{} code copied", copied.label), String::new()),
        Err(error) => ("Twofold could not copy the code".into(), error.message),
    };
    let _ = app.notification().builder().title(title).body(body).show();
}
