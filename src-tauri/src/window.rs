//! The main window's behaviour: shown from the tray or a second launch,
//! hidden to the tray on close when there is a tray to come back from.

use tauri::{AppHandle, Manager, WebviewWindowBuilder, Window};

use crate::state::{AppState, lock};

pub const MAIN: &str = "main";
/// The argument of a start at login: stay in the tray.
pub const HIDDEN: &str = "--hidden";

/// Makes the main window from its configuration (tauri.conf.json, where it
/// is not created by itself), with no way to open further windows.
pub fn create_main(app: &AppHandle) -> tauri::Result<()> {
    let config = app
        .config()
        .app
        .windows
        .iter()
        .find(|window| window.label == MAIN)
        .ok_or_else(|| tauri::Error::WindowNotFound)?;
    WebviewWindowBuilder::from_config(app, config)?
        .on_new_window(crate::confinement::deny_new_window)
        .build()?;
    Ok(())
}

/// The main window starts hidden (tauri.conf.json); it is shown unless the
/// app was started at login, or for its quick pick, and there is a tray to
/// find it in.
pub fn show_at_start(app: &AppHandle) {
    let quick_pick = std::env::args().any(|arg| arg == crate::quick_pick::ARGUMENT);
    let hidden = quick_pick || std::env::args().any(|arg| arg == HIDDEN);
    if !(hidden && tray_available()) {
        show_main(app);
    }
    if quick_pick {
        crate::quick_pick::open(app);
    }
}

/// Ctrl+Q in the window.
#[tauri::command]
pub fn quit(app: AppHandle) {
    app.exit(0);
}

pub fn show_main(app: &AppHandle) {
    if let Some(window) = app.get_webview_window(MAIN) {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

/// Whether closing `window` should only hide it: the setting is on and the
/// desktop shows tray icons.
pub fn hides_on_close(window: &Window) -> bool {
    window.label() == MAIN
        && lock(&window.app_handle().state::<AppState>().settings).close_to_tray
        && tray_available()
}

/// On Linux a tray needs a StatusNotifierItem host (the watcher on the
/// session bus); without one the icon is invisible and a hidden window lost.
#[cfg(target_os = "linux")]
fn tray_available() -> bool {
    zbus::blocking::Connection::session()
        .and_then(|bus| {
            zbus::blocking::fdo::DBusProxy::new(&bus)?
                .name_has_owner("org.kde.StatusNotifierWatcher".try_into()?)
                .map_err(Into::into)
        })
        .unwrap_or(false)
}

#[cfg(not(target_os = "linux"))]
fn tray_available() -> bool {
    true
}
