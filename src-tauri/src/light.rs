//! Light in the tray. A window let go of (window.rs) still leaves WebKit's
//! libraries, Mesa's renderer and WebKit's network process behind: ~145 MiB
//! for an app that only waits. So once the main window is gone and the app
//! holds nothing a new start would lack, it starts itself again in place, as
//! at login (`--hidden`): the same process, made anew by `exec`, with its
//! tray and shortcut and no WebKit at all (~60 MiB). Show makes the window
//! as after a release.
//!
//! Nothing is handed over, so the app waits while it holds: a code of ours on
//! the clipboard (a process that ends takes its clipboard with it), a
//! deletion to undo, accounts being added, a scan result or import file not
//! yet used, or an open lock (a new start opens locked; a user who unlocked
//! would have to again) or wrong passwords since the lock closed (their wait
//! must not start over).

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use tauri::{AppHandle, Manager};
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

use crate::state::{AppState, lock};

/// How often a waiting app looks again whether it may start light.
const LOOK_EVERY: Duration = Duration::from_secs(5);
/// One waiter at a time.
static WAITING: AtomicBool = AtomicBool::new(false);

/// The window was let go of, or the app locked: start light as soon as
/// nothing would be lost, unless the window comes back first.
pub fn when_idle(app: &AppHandle) {
    // Light already; and a WebDriver session (tests) is bound to this
    // process image.
    if !crate::window::ever_made()
        || std::env::var_os("TAURI_WEBVIEW_AUTOMATION").is_some()
        || WAITING.swap(true, Ordering::SeqCst)
    {
        return;
    }
    let app = app.clone();
    std::thread::spawn(move || {
        while crate::window::windowless() && !crate::quick_pick::is_shown() {
            if nothing_to_lose(&app) {
                let error = start_again(&app);
                eprintln!("twofold: could not start again light: {error}");
                break;
            }
            std::thread::sleep(LOOK_EVERY);
        }
        WAITING.store(false, Ordering::SeqCst);
    });
}

fn nothing_to_lose(app: &AppHandle) -> bool {
    let state = app.state::<AppState>();
    lock(&state.removed).is_empty()
        && lock(&state.pending).is_empty()
        && lock(&state.scan_result).is_none()
        && lock(&state.import_file).is_none()
        && crate::app_lock::survives_a_new_start(&state)
        && !crate::clipboard::holds_ours(app)
}

/// Replaces this process by a new start of the app; returns only on failure.
#[cfg(unix)]
fn start_again(app: &AppHandle) -> std::io::Error {
    use std::os::unix::process::CommandExt;
    let _ = app.save_window_state(StateFlags::all() - StateFlags::VISIBLE);
    match std::env::current_exe() {
        Ok(exe) => std::process::Command::new(exe)
            .arg(crate::window::HIDDEN)
            .exec(),
        Err(error) => error,
    }
}

#[cfg(not(unix))]
fn start_again(_: &AppHandle) -> std::io::Error {
    std::io::ErrorKind::Unsupported.into()
}
