//! Automatic backups in the app (see twofold-core's `auto_backup`): written
//! on a thread of their own a moment after the last change, so that a burst
//! of changes makes one backup and no command waits for it.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tauri::{AppHandle, Emitter, Manager};
use twofold_core::auto_backup;

use crate::state::AppState;

/// How long after a change the backup is written (more changes restart it).
const SETTLE: Duration = Duration::from_secs(2);

static LAST_CHANGE: AtomicU64 = AtomicU64::new(0);

/// Call after any change to the accounts or their backup codes.
pub fn after_change(app: &AppHandle) {
    let change = LAST_CHANGE.fetch_add(1, Ordering::SeqCst) + 1;
    let app = app.clone();
    std::thread::spawn(move || {
        std::thread::sleep(SETTLE);
        if LAST_CHANGE.load(Ordering::SeqCst) != change {
            return;
        }
        let result = app
            .state::<AppState>()
            .vault()
            .map_err(|error| error.message)
            .and_then(|vault| auto_backup::after_change(&vault).map_err(|error| error.to_string()));
        match result {
            Ok(Some(_)) => {
                let _ = app.emit("backup-written", ());
            }
            Ok(None) => {}
            Err(why) => {
                let _ = app.emit(
                    "backup-failed",
                    format!("The automatic backup failed: {why}"),
                );
            }
        }
    });
}
