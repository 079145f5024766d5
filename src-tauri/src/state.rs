//! What the app keeps while it runs.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use twofold_core::AccountDraft;
use twofold_core::settings::Settings;
use twofold_core::tray_menu::MenuEntry;
use twofold_core::vault::{Removed, SecretCache, Vault, default_data_dir};

use crate::error::IpcError;

#[derive(Debug, Default)]
pub struct AppState {
    /// Opened on first use, and again after a failure (the user may start or
    /// unlock the keyring and press Retry).
    vault: Mutex<Option<Arc<Vault>>>,
    /// Secrets read once per run, so the list refreshes without the keyring.
    pub secrets: Mutex<SecretCache>,
    /// Accounts found by a scan, paste or typed key, by pending id, until the
    /// user confirms or discards them. They never go to the UI.
    pub pending: Mutex<HashMap<String, Vec<AccountDraft>>>,
    /// Deleted accounts kept for a few seconds for Undo, by account id.
    pub removed: Mutex<HashMap<String, Removed>>,
    pub settings: Mutex<Settings>,
    /// The export file the user picked to import: the window names no path
    /// itself, so it cannot make the app read any other file.
    pub import_file: Mutex<Option<PathBuf>>,
    /// The accounts the tray menu lists (`None`: none could be read, or the
    /// app is locked).
    pub tray_entries: Mutex<Option<Vec<MenuEntry>>>,
    pub app_lock: Mutex<crate::app_lock::LockState>,
    /// A scan result (as the `scan-result` event carries it) that came while
    /// there was no main window.
    pub scan_result: Mutex<Option<serde_json::Value>>,
}

impl AppState {
    pub fn new() -> Self {
        let settings = default_data_dir()
            .map(|dir| Settings::load(&dir))
            .unwrap_or_default();
        Self {
            settings: Mutex::new(settings),
            ..Self::default()
        }
    }

    /// The accounts, unless the app is locked: every command, the tray and
    /// the quick pick reach them only through here.
    pub fn vault(&self) -> Result<Arc<Vault>, IpcError> {
        crate::app_lock::ensure_open(self)?;
        self.open_vault()
    }

    /// The vault whether locked or not: only for the lock itself, which
    /// opens and closes the protection of the secrets.
    pub fn open_vault(&self) -> Result<Arc<Vault>, IpcError> {
        let mut vault = lock(&self.vault);
        if let Some(vault) = vault.as_ref() {
            return Ok(vault.clone());
        }
        let opened = Arc::new(Vault::open_default()?);
        *vault = Some(opened.clone());
        Ok(opened)
    }
}

/// A poisoned lock only means another command panicked; its data is still
/// the best there is.
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
