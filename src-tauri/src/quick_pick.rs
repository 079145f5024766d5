//! The quick-pick window: a global shortcut (Ctrl+Alt+O unless changed)
//! opens a small window at the centre of the screen; type to filter, Enter
//! copies and hides it, Esc hides it. Made on first use, hidden after.

use std::time::Duration;

use tauri::{AppHandle, Manager, WebviewUrl, WebviewWindow, WebviewWindowBuilder, WindowEvent};
use tauri_plugin_global_shortcut::{GlobalShortcutExt, Shortcut, ShortcutEvent, ShortcutState};

use crate::error::{ErrorKind, IpcError};
use crate::state::{AppState, lock};

pub const LABEL: &str = "quick";
/// The command-line argument that opens the quick pick (forwarded to the
/// running app): for desktops whose global shortcuts belong to the desktop
/// itself (Wayland), where a system shortcut can run `twofold-app --quick-pick`.
pub const ARGUMENT: &str = "--quick-pick";

/// The global shortcut's handler: each press toggles the window.
pub fn on_shortcut(app: &AppHandle, _: &Shortcut, event: ShortcutEvent) {
    if event.state == ShortcutState::Pressed {
        pressed(app);
    }
}

/// A press of the shortcut (ours, or the desktop's through its portal).
pub fn pressed(app: &AppHandle) {
    toggle(app, true);
}

/// `twofold-app --quick-pick`: opens the window (a second run opens it
/// again rather than closing it).
pub fn open(app: &AppHandle) {
    toggle(app, false);
}

/// Registers the shortcut of the settings (at start; a failure, such as a
/// shortcut another app holds, leaves Twofold without one, not broken). On
/// Wayland the desktop binds it instead (`desktop_shortcut`).
pub fn register_saved(app: &AppHandle) {
    let shortcut = lock(&app.state::<AppState>().settings).shortcut.clone();
    if crate::desktop_shortcut::on_wayland() {
        crate::desktop_shortcut::start(app, &shortcut);
    } else if let Err(error) = register(app, None, &shortcut) {
        eprintln!("twofold: {}", error.message);
    }
}

/// Replaces the shortcut `old` by `new` ("" turns it off); on failure the old
/// one stays. On Wayland nothing is grabbed: the desktop owns the shortcut.
pub fn register(app: &AppHandle, old: Option<&str>, new: &str) -> Result<(), IpcError> {
    if crate::desktop_shortcut::on_wayland() {
        return Ok(());
    }
    let shortcuts = app.global_shortcut();
    let parsed = match new.trim() {
        "" => None,
        // The parser's own message sends users to its bug tracker: say what
        // a shortcut looks like instead.
        text => Some(text.parse::<Shortcut>().map_err(|_| {
            IpcError::new(
                ErrorKind::Invalid,
                format!("\"{text}\" is not a shortcut: hold Ctrl, Alt or Super with one key, as in Ctrl+Alt+O"),
            )
        })?),
    };
    if let Some(old) = old.and_then(|old| old.parse::<Shortcut>().ok()) {
        if Some(old) == parsed {
            return Ok(());
        }
        let _ = shortcuts.unregister(old);
    }
    if let Some(shortcut) = parsed {
        shortcuts.register(shortcut).map_err(|error| {
            if let Some(old) = old.and_then(|old| old.parse::<Shortcut>().ok()) {
                let _ = shortcuts.register(old);
            }
            IpcError::new(
                ErrorKind::Shortcut,
                format!("{new} cannot be used: {error} (another app may hold it)"),
            )
        })?;
    }
    Ok(())
}

/// Shows the window, or hides it when it is shown and `hide` allows.
fn toggle(app: &AppHandle, hide: bool) {
    // Locked: the unlock screen instead, where the password can be typed.
    if let Err(IpcError {
        kind: ErrorKind::Locked,
        ..
    }) = crate::app_lock::ensure_open(&app.state::<AppState>())
    {
        crate::window::show_main(app);
        return;
    }
    if let Some(window) = app.get_webview_window(LABEL) {
        if window.is_visible().unwrap_or(false) {
            if hide {
                let _ = window.hide();
            } else {
                take_focus(window);
            }
        } else {
            // Fresh each time: the filter emptied, the list reloaded.
            let _ = window.eval("window.dispatchEvent(new Event('quick-pick-open'))");
            let _ = window.center();
            let _ = window.show();
            take_focus(window);
        }
        return;
    }
    let built = WebviewWindowBuilder::new(app, LABEL, WebviewUrl::App("index.html#quick".into()))
        .title("Twofold — quick pick")
        .inner_size(380.0, 340.0)
        .center()
        .decorations(false)
        .always_on_top(true)
        .skip_taskbar(true)
        .resizable(false)
        .focused(true)
        .on_new_window(crate::confinement::deny_new_window)
        .build();
    match built {
        Ok(window) => {
            // A picker that lost the focus is done with, as a menu is. Only
            // a loss that lasts counts: showing a window can move the focus
            // away and back within milliseconds.
            let picker = window.clone();
            window.on_window_event(move |event| {
                if let WindowEvent::Focused(false) = event {
                    let picker = picker.clone();
                    std::thread::spawn(move || {
                        std::thread::sleep(Duration::from_millis(250));
                        if !picker.is_focused().unwrap_or(true) {
                            let _ = picker.hide();
                        }
                    });
                }
            });
            take_focus(window);
        }
        Err(error) => eprintln!("twofold: the quick-pick window could not open: {error}"),
    }
}

/// Asks for the keyboard focus until the window has it: window managers may
/// refuse a first request from a window that was not clicked (focus-stealing
/// prevention), and the picker is useless without the keyboard.
fn take_focus(window: WebviewWindow) {
    std::thread::spawn(move || {
        for _ in 0..10 {
            let _ = window.set_focus();
            std::thread::sleep(Duration::from_millis(50));
            if window.is_focused().unwrap_or(true) {
                return;
            }
        }
    });
}

/// Whether the quick-pick window is on screen.
pub fn is_shown(app: &AppHandle) -> bool {
    app.get_webview_window(LABEL)
        .is_some_and(|window| window.is_visible().unwrap_or(false))
}

/// Enter or Esc in the quick-pick window.
#[tauri::command]
pub fn hide_quick_pick(app: AppHandle) {
    if let Some(window) = app.get_webview_window(LABEL) {
        let _ = window.hide();
    }
}
