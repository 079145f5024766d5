//! import: another authenticator's export, checked whole before anything is
//! stored, and stored whole or not at all.

use std::path::Path;

use twofold_core::import::{self, Format, Imported};
use twofold_core::uri;
use twofold_core::vault::Vault;

use super::read_password;
use crate::error::CliError;
use crate::output::{print_line, warn};

pub fn read(
    file: &Path,
    format: Option<Format>,
    password_stdin: bool,
) -> Result<Imported, CliError> {
    let password = password_stdin.then(read_password).transpose()?;
    let imported = import::import_file(file, format, password.as_deref().map(String::as_str))?;
    for (label, why) in &imported.skipped {
        warn(&format!("twofold: skipped {label}: {why}"));
    }
    if imported.accounts.is_empty() {
        return Err(CliError::NothingImported);
    }
    Ok(imported)
}

/// `--dry-run`: the accounts as URIs, nothing stored.
pub fn print(imported: &Imported) -> Result<(), CliError> {
    for draft in &imported.accounts {
        print_line(&uri::format(draft))?;
    }
    Ok(())
}

/// Adds every account not stored yet, all or none.
pub fn store(vault: &Vault, imported: &Imported) -> Result<(), CliError> {
    let done = vault.add_all(&imported.accounts)?;
    for label in &done.already_stored {
        warn(&format!("twofold: skipped {label}: already in Twofold"));
    }
    let from = imported
        .format
        .map(|format| format!(" from {}", format.short_app()))
        .unwrap_or_default();
    print_line(&format!("Imported {} accounts{from}", done.added.len()))
}
