//! The quick pick: a global shortcut (Ctrl+Alt+O unless changed) opens a
//! small window at the centre of the screen; type to filter, Enter copies
//! and hides it, Esc hides it (the window itself: picker.rs).

#[cfg(target_os = "linux")]
mod picker;

/// Hiding the window (the app locked), and whether it is on screen.
pub use picker::{hide, is_shown};

use tauri::{AppHandle, Manager};
use tauri_plugin_global_shortcut::{GlobalShortcutExt, Shortcut, ShortcutEvent, ShortcutState};

use crate::error::{ErrorKind, IpcError};
use crate::state::{AppState, lock};

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
    picker::toggle(app, hide);
}

/// Elsewhere than on Linux there is no picker of its own (it is drawn with
/// GTK): the shortcut shows the main window, whose search finds the account.
#[cfg(not(target_os = "linux"))]
mod picker {
    use tauri::AppHandle;

    pub fn toggle(app: &AppHandle, _hide: bool) {
        crate::window::show_main(app);
    }

    pub fn hide(_: &AppHandle) {}

    pub fn is_shown() -> bool {
        false
    }
}
