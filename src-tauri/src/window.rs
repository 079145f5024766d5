//! The main window's behaviour: shown from the tray or a second launch,
//! hidden to the tray on close when there is a tray to come back from.
//!
//! A window hidden for a few seconds is let go of (its web page and WebKit
//! process) and made again when shown: Twofold mostly waits in the tray, and
//! should weigh little while it does (the rest of WebKit goes when the app
//! then starts itself again light, light.rs). The page keeps itself when it
//! holds something the user would lose (unsaved edits, an account being
//! added).

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use tauri::{AppHandle, Manager, WebviewWindow, WebviewWindowBuilder, Window};

use crate::state::{AppState, lock};

pub const MAIN: &str = "main";
/// The argument of a start at login: stay in the tray.
pub const HIDDEN: &str = "--hidden";

/// Makes the main window from its configuration (tauri.conf.json, where it
/// is not created by itself), with no way to open further windows.
fn create_main(app: &AppHandle) -> tauri::Result<()> {
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
    MADE.store(true, Ordering::SeqCst);
    Ok(())
}

/// The main window is made and shown at start unless the app was started at
/// login, or for its quick pick, and there is a tray to find it in: then
/// there is no window (and no WebKit) until the user asks for one. Says
/// whether the main window is shown.
pub fn show_at_start(app: &AppHandle) -> tauri::Result<bool> {
    let quick_pick = std::env::args().any(|arg| arg == crate::quick_pick::ARGUMENT);
    let hidden = quick_pick || std::env::args().any(|arg| arg == HIDDEN);
    let shown = !(hidden && tray_available());
    if shown {
        create_main(app)?;
        show_main(app);
    } else {
        WINDOWLESS.store(true, Ordering::SeqCst);
    }
    if quick_pick {
        crate::quick_pick::open(app);
    }
    Ok(shown)
}

/// Ctrl+W in the window: as its close button.
#[tauri::command]
pub fn close_window(window: Window) {
    let _ = window.close();
}

/// Ctrl+Q in the window.
#[tauri::command]
pub fn quit(app: AppHandle) {
    app.exit(0);
}

/// How long a hidden main window is kept as it is: showing it again within
/// this time costs nothing.
const RELEASE_AFTER: Duration = Duration::from_secs(5);
/// Counts the hides, so that only the latest one's timer releases.
static HIDES: AtomicU64 = AtomicU64::new(0);
/// A main window was made in this process: WebKit is loaded.
static MADE: AtomicBool = AtomicBool::new(false);
/// There is no main window on purpose (started in the tray, or let go of
/// while hidden): the app goes on in the tray.
static WINDOWLESS: AtomicBool = AtomicBool::new(false);

pub fn show_main(app: &AppHandle) {
    if app.get_webview_window(MAIN).is_none() {
        if let Err(error) = create_main(app) {
            eprintln!("twofold: the window could not open again: {error}");
            return;
        }
        WINDOWLESS.store(false, Ordering::SeqCst);
    }
    if let Some(window) = app.get_webview_window(MAIN) {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

/// Hides the main window to the tray; after [`RELEASE_AFTER`] still hidden,
/// its page is asked whether it may be let go of (`twofold-release`).
pub fn hide_main(window: &Window) {
    let _ = window.hide();
    let hide = HIDES.fetch_add(1, Ordering::SeqCst) + 1;
    let app = window.app_handle().clone();
    std::thread::spawn(move || {
        std::thread::sleep(RELEASE_AFTER);
        let Some(window) = app.get_webview_window(MAIN) else {
            return;
        };
        if HIDES.load(Ordering::SeqCst) == hide && !window.is_visible().unwrap_or(true) {
            let _ = window.eval("window.dispatchEvent(new Event('twofold-release'))");
        }
    });
}

/// The page's answer to `twofold-release`: nothing to keep, so the hidden
/// window goes (a shown one stays: the user came back meanwhile).
#[tauri::command]
pub fn release_window(window: WebviewWindow) {
    if window.label() == MAIN && !window.is_visible().unwrap_or(true) {
        WINDOWLESS.store(true, Ordering::SeqCst);
        let _ = window.destroy();
        crate::light::when_idle(window.app_handle());
    }
}

/// Whether the app should go on with no window: its main window was let go
/// of (or not made yet), not closed by the user.
pub fn windowless() -> bool {
    WINDOWLESS.load(Ordering::SeqCst)
}

/// Whether this process has made a main window (and so loaded WebKit).
pub fn ever_made() -> bool {
    MADE.load(Ordering::SeqCst)
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
