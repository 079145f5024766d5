//! The tray icon: every account (choosing one copies its code, computed at
//! that moment), then Scan screen, Show Twofold and Quit. The accounts part
//! comes from `twofold_core::tray_menu`; the menu is rebuilt when it changes.

use tauri::menu::{IsMenuItem, Menu, MenuEvent, MenuItem, PredefinedMenuItem, Submenu};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Manager, Wry};
use tauri_plugin_notification::NotificationExt;
use twofold_core::tray_menu::{self, MenuEntry};
use twofold_core::vault::Account;

use crate::commands::{accounts, add};
use crate::state::{AppState, lock};
use crate::window;

const TRAY: &str = "main";
const ACCOUNT: &str = "account:";
const SCAN: &str = "scan";
const SHOW: &str = "show";
const QUIT: &str = "quit";

/// Creates the tray icon with the stored accounts (or a note that they cannot
/// be read yet: the keyring may be locked).
pub fn create(app: &AppHandle) -> tauri::Result<()> {
    let state = app.state::<AppState>();
    let entries = state
        .vault()
        .and_then(|vault| Ok(vault.accounts()?))
        .map(|accounts| tray_menu::entries(&accounts));
    let menu = build(app, entries.as_deref().ok())?;
    *lock(&state.tray_entries) = entries.ok();
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

/// Rebuilds the menu when the accounts it lists have changed.
pub fn sync(app: &AppHandle, accounts: &[Account]) {
    let entries = tray_menu::entries(accounts);
    let state = app.state::<AppState>();
    let mut shown = lock(&state.tray_entries);
    if shown.as_ref() == Some(&entries) {
        return;
    }
    if let (Some(tray), Ok(menu)) = (app.tray_by_id(TRAY), build(app, Some(&entries))) {
        let _ = tray.set_menu(Some(menu));
        *shown = Some(entries);
    }
}

fn build(app: &AppHandle, entries: Option<&[MenuEntry]>) -> tauri::Result<Menu<Wry>> {
    let menu = Menu::new(app)?;
    match entries {
        Some([]) => menu.append(&MenuItem::new(app, "No accounts yet", false, None::<&str>)?)?,
        Some(entries) => {
            for entry in entries {
                menu.append(item(app, entry)?.as_ref())?;
            }
        }
        None => menu.append(&MenuItem::new(
            app,
            "Accounts unavailable: open Twofold",
            false,
            None::<&str>,
        )?)?,
    }
    menu.append(&PredefinedMenuItem::separator(app)?)?;
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
