//! The check of the account list against the keyring, made when the window
//! opens, and the repair it offers (see twofold-core's `vault::doctor`).

use serde::Serialize;
use tauri::AppHandle;
use twofold_core::vault::Finding;

use super::blocking;
use crate::error::{IpcError, capitalized};

/// What the window's banner says; empty when all is well.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Default, Serialize)]
pub struct HealthView {
    /// Accounts found in the keyring but not in the list (Restore lists them).
    pub restorable: usize,
    /// Accounts that need the user: a secret missing or unreadable.
    pub problems: Vec<String>,
    /// What happened to the list file itself (a damaged file restored).
    pub notices: Vec<String>,
}

/// Checks the store. Entries in the old format are upgraded on the way (the
/// account's details added to them), which changes nothing the user sees.
#[tauri::command]
pub async fn check_store(app: AppHandle) -> Result<HealthView, IpcError> {
    blocking(app, |_, state| {
        let vault = state.vault()?;
        vault.upgrade_entries()?;
        let findings = vault.check()?.findings;
        let restorable = findings
            .iter()
            .filter(|finding| matches!(finding, Finding::NotListed { .. }))
            .count();
        Ok(HealthView {
            restorable,
            problems: findings
                .iter()
                .filter(|finding| finding.is_problem() && !finding.is_repairable())
                .map(|finding| capitalized(&finding.to_string()))
                .collect(),
            notices: vault
                .take_notices()
                .iter()
                .map(ToString::to_string)
                .collect(),
        })
    })
    .await
}

/// Lists again the accounts found only in the keyring; how many.
#[tauri::command]
pub async fn repair_store(app: AppHandle) -> Result<usize, IpcError> {
    blocking(app, |app, state| {
        let restored = state.vault()?.repair()?.restored.len();
        crate::backups::after_change(app);
        Ok(restored)
    })
    .await
}
