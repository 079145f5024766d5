//! The app lock while Twofold runs. With a lock password set (kept by
//! `twofold_core::app_lock`), the app starts locked and locks again on
//! "Lock now", after the idle time of the settings, when the screen locks and
//! before the computer sleeps. Locked, [`AppState::vault`] refuses every use,
//! so no command, tray item or quick pick reaches a code, a name or a
//! secret; the secrets read so far are dropped (and wiped).

use std::time::{Duration, Instant};

use tauri::{AppHandle, Emitter, Manager};
use twofold_core::app_lock::AppLock;
use twofold_core::vault::SecretCache;

use crate::error::{ErrorKind, IpcError};
use crate::state::{AppState, lock};

/// The event the windows get when the lock closes (`true`) or opens.
pub const CHANGED: &str = "lock-changed";
/// Misses answered at once; after that each waits twice as long, up to
/// [`MAX_WAIT`].
const FREE_MISSES: u32 = 3;
const MAX_WAIT: Duration = Duration::from_secs(60);

#[derive(Debug)]
pub struct LockState {
    /// Whether a lock password is set; `None` until the keyring has said.
    enabled: Option<bool>,
    locked: bool,
    misses: u32,
    retry_at: Option<Instant>,
    last_use: Instant,
}

impl Default for LockState {
    fn default() -> Self {
        Self {
            enabled: None,
            locked: false,
            misses: 0,
            retry_at: None,
            last_use: Instant::now(),
        }
    }
}

/// Refuses while locked. The first call asks the keyring whether a lock
/// password is set, and locks when one is: the app starts locked.
pub fn ensure_open(state: &AppState) -> Result<(), IpcError> {
    let mut lock_state = lock(&state.app_lock);
    if lock_state.enabled.is_none() {
        let enabled = AppLock::open_default()?.is_set()?;
        lock_state.enabled = Some(enabled);
        lock_state.locked = enabled;
    }
    if lock_state.locked {
        return Err(locked());
    }
    Ok(())
}

pub fn locked() -> IpcError {
    IpcError::new(
        ErrorKind::Locked,
        "Twofold is locked. Unlock it with your lock password.",
    )
}

/// `(enabled, locked)` as known now (asking the keyring the first time).
pub fn status(state: &AppState) -> Result<(bool, bool), IpcError> {
    match ensure_open(state) {
        Ok(())
        | Err(IpcError {
            kind: ErrorKind::Locked,
            ..
        }) => {}
        Err(error) => return Err(error),
    }
    let lock_state = lock(&state.app_lock);
    Ok((lock_state.enabled == Some(true), lock_state.locked))
}

/// Whether a new start of the app (light.rs) would find the lock as it is:
/// no lock password, or closed with no wrong password since.
pub fn survives_a_new_start(state: &AppState) -> bool {
    let lock_state = lock(&state.app_lock);
    lock_state.enabled != Some(true) || (lock_state.locked && lock_state.misses == 0)
}

/// Something the user did (a key, a click, a copy): the idle time restarts.
pub fn note_use(state: &AppState) {
    lock(&state.app_lock).last_use = Instant::now();
}

/// Locks now, if a lock password is set: drops every secret held in memory,
/// tells the windows, and turns the tray menu into "Unlock…".
pub fn lock_now(app: &AppHandle) {
    let state = app.state::<AppState>();
    {
        let mut lock_state = lock(&state.app_lock);
        if lock_state.enabled != Some(true) || lock_state.locked {
            return;
        }
        lock_state.locked = true;
    }
    if let Ok(vault) = state.open_vault() {
        vault.protection().close();
    }
    *lock(&state.secrets) = SecretCache::default();
    lock(&state.pending).clear();
    lock(&state.removed).clear();
    *lock(&state.import_file) = None;
    crate::quick_pick::hide(app);
    crate::tray::show_locked(app);
    let _ = app.emit(CHANGED, true);
    crate::light::when_idle(app);
}

/// Opens the lock with the password. Misses after the first few wait longer
/// each time before the next try is taken.
pub fn unlock(app: &AppHandle, password: &str) -> Result<(), IpcError> {
    let state = app.state::<AppState>();
    if let Some(wait) = lock(&state.app_lock)
        .retry_at
        .and_then(|at| at.checked_duration_since(Instant::now()))
    {
        return Err(IpcError::new(
            ErrorKind::WrongPassword,
            format!(
                "Too many wrong passwords: try again in {} s.",
                wait.as_secs() + 1
            ),
        ));
    }
    match AppLock::open_default()?.check(password) {
        Ok(()) => {
            // Protected secrets open with the same password.
            if !state.open_vault()?.protection().open(password)? {
                return Err(IpcError::new(
                    ErrorKind::WrongPassword,
                    "The lock password does not open the protected secrets.",
                ));
            }
            let mut lock_state = lock(&state.app_lock);
            *lock_state = LockState {
                enabled: Some(true),
                ..LockState::default()
            };
        }
        Err(twofold_core::app_lock::LockError::WrongPassword) => {
            let mut lock_state = lock(&state.app_lock);
            lock_state.misses += 1;
            let wait = wait_after(lock_state.misses);
            lock_state.retry_at = Some(Instant::now() + wait);
            let then = match wait.as_secs() {
                0 => String::new(),
                seconds => format!(" Try again in {seconds} s."),
            };
            return Err(IpcError::new(
                ErrorKind::WrongPassword,
                format!("That is not the lock password.{then}"),
            ));
        }
        Err(error) => return Err(error.into()),
    }
    let _ = app.emit(CHANGED, false);
    if let Ok(accounts) = state.vault().and_then(|vault| Ok(vault.accounts()?)) {
        crate::tray::sync(app, &accounts);
    }
    Ok(())
}

/// A lock password was set (`true`) or removed: the lock follows at once.
pub fn set_enabled(app: &AppHandle, enabled: bool) {
    let state = app.state::<AppState>();
    *lock(&state.app_lock) = LockState {
        enabled: Some(enabled),
        ..LockState::default()
    };
    crate::tray::refresh(app);
}

fn wait_after(misses: u32) -> Duration {
    match misses.checked_sub(FREE_MISSES) {
        None => Duration::ZERO,
        Some(over) => Duration::from_secs(1u64 << over.min(6)).min(MAX_WAIT),
    }
}

/// Locks after the idle time of the settings (checked every second).
pub fn watch_idle(app: &AppHandle) {
    let app = app.clone();
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(Duration::from_secs(1));
            let state = app.state::<AppState>();
            let limit = lock(&state.settings).auto_lock_seconds;
            let idle = {
                let lock_state = lock(&state.app_lock);
                lock_state.enabled == Some(true)
                    && !lock_state.locked
                    && limit > 0
                    && lock_state.last_use.elapsed() >= Duration::from_secs(limit.into())
            };
            if idle {
                lock_now(&app);
            }
        }
    });
}

/// Locks when the screen locks or the computer is about to sleep: the
/// desktop's screen saver (`org.freedesktop.ScreenSaver` and GNOME's
/// `ActiveChanged`) on the session bus, and logind's `Lock`, the session's
/// `LockedHint` and `PrepareForSleep` on the system bus. Missing buses are
/// skipped.
#[cfg(target_os = "linux")]
pub fn watch_desktop(app: &AppHandle) {
    let watch = |bus: fn() -> zbus::Result<zbus::blocking::Connection>,
                 rule: &'static str,
                 locks: fn(&zbus::Message) -> bool| {
        let app = app.clone();
        std::thread::spawn(move || {
            let Ok(connection) = bus() else { return };
            let Ok(messages) =
                zbus::blocking::MessageIterator::for_match_rule(rule, &connection, Some(16))
            else {
                return;
            };
            for message in messages.flatten() {
                if locks(&message) {
                    lock_now(&app);
                }
            }
        });
    };
    let activated = |message: &zbus::Message| message.body().deserialize::<bool>().unwrap_or(false);
    watch(
        zbus::blocking::Connection::session,
        "type='signal',member='ActiveChanged'",
        |message| {
            let screen_saver = message
                .header()
                .interface()
                .is_some_and(|interface| interface.ends_with(".ScreenSaver"));
            screen_saver && message.body().deserialize::<bool>().unwrap_or(false)
        },
    );
    watch(
        zbus::blocking::Connection::system,
        "type='signal',interface='org.freedesktop.login1.Manager',member='PrepareForSleep'",
        activated,
    );
    watch(
        zbus::blocking::Connection::system,
        "type='signal',interface='org.freedesktop.login1.Session',member='Lock'",
        |_| true,
    );
    // Screen lockers that only set the session's LockedHint.
    watch(
        zbus::blocking::Connection::system,
        "type='signal',interface='org.freedesktop.DBus.Properties',member='PropertiesChanged',arg0='org.freedesktop.login1.Session'",
        |message| {
            type Changed = (
                String,
                std::collections::HashMap<String, zbus::zvariant::OwnedValue>,
                Vec<String>,
            );
            message
                .body()
                .deserialize::<Changed>()
                .ok()
                .and_then(|(_, changed, _)| changed.get("LockedHint").cloned())
                .and_then(|value| bool::try_from(value).ok())
                .unwrap_or(false)
        },
    );
}

#[cfg(not(target_os = "linux"))]
pub fn watch_desktop(_: &AppHandle) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_start_keeps_only_a_lock_that_is_off_or_closed_with_no_miss() {
        let state = AppState::default();
        let survives = |enabled, locked, misses| {
            *lock(&state.app_lock) = LockState {
                enabled,
                locked,
                misses,
                ..LockState::default()
            };
            survives_a_new_start(&state)
        };
        assert!(survives(None, false, 0), "not asked yet: asked again");
        assert!(survives(Some(false), false, 0), "no lock password");
        assert!(survives(Some(true), true, 0), "locked: a new start is too");
        assert!(!survives(Some(true), false, 0), "unlocked: it would lock");
        assert!(
            !survives(Some(true), true, 2),
            "the misses' wait would restart"
        );
    }

    #[test]
    fn misses_wait_longer_each_time() {
        let waits: Vec<u64> = (1..=12)
            .map(|misses| wait_after(misses).as_secs())
            .collect();
        assert_eq!(waits, [0, 0, 1, 2, 4, 8, 16, 32, 60, 60, 60, 60]);
    }
}
