//! Changes made elsewhere (the CLI, a second window) reach the window and the
//! tray within a second: the account list file's modification time is
//! checked every second, and the window told to reload (which also updates
//! the tray). Reading a file's time needs no keyring.

use std::time::Duration;

use tauri::{AppHandle, Emitter};
use twofold_core::vault::{default_data_dir, list_modified};

pub fn start(app: &AppHandle) {
    let Some(dir) = default_data_dir() else {
        return;
    };
    let app = app.clone();
    std::thread::spawn(move || {
        let mut seen = list_modified(&dir);
        loop {
            std::thread::sleep(Duration::from_secs(1));
            let modified = list_modified(&dir);
            if modified != seen {
                seen = modified;
                let _ = app.emit("accounts-changed", ());
            }
        }
    });
}
