//! Automatic encrypted backups: after a change to the accounts or their
//! backup codes, a new encrypted backup (the export's Aegis format) is written
//! into a folder the user chose (a synced folder works), and only the newest
//! few are kept. The backup password is kept in the keyring, beside the
//! accounts' entries but under a service of its own.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use thiserror::Error;
use zeroize::Zeroizing;

use crate::export::{self, ExportError};
use crate::files::write_atomic;
use crate::settings::Settings;
use crate::vault::{KeyringStore, SecretStore, StoreError, Vault, VaultError};

/// Backups are named `twofold-backup-<UTC time>.json`, so that names sort by age.
const PREFIX: &str = "twofold-backup-";
const SUFFIX: &str = ".json";
/// The keyring entry of the password, in the companion service.
const PASSWORD_ENTRY: &str = "backup-password";
/// How many backups are kept unless the user says otherwise.
pub const DEFAULT_KEEP: usize = 10;

/// Where automatic backups go and how many are kept (in the settings).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AutoBackup {
    pub folder: PathBuf,
    pub keep: usize,
}

#[derive(Debug, Error)]
pub enum BackupError {
    #[error("automatic backups are off; turn them on first")]
    Off,
    #[error("the backup password is missing from the keyring; set automatic backups up again")]
    NoPassword,
    #[error("the backup folder {} does not exist", .0.display())]
    NoFolder(PathBuf),
    #[error(transparent)]
    Export(#[from] ExportError),
    #[error(transparent)]
    Vault(#[from] VaultError),
    #[error(transparent)]
    Keyring(#[from] StoreError),
    #[error("could not write the backup in {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// A backup found in the folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    pub path: PathBuf,
    /// When it was written.
    pub made: SystemTime,
}

/// Turns automatic backups on: the password into the keyring, the folder into
/// the settings (saved), and a first backup written at once.
pub fn enable(
    vault: &Vault,
    settings: &mut Settings,
    config: AutoBackup,
    password: &str,
) -> Result<Option<PathBuf>, BackupError> {
    if password.chars().count() < export::MIN_PASSWORD_LEN {
        return Err(ExportError::WeakPassword.into());
    }
    if !config.folder.is_dir() {
        return Err(BackupError::NoFolder(config.folder));
    }
    password_store()?.write(PASSWORD_ENTRY, password)?;
    settings.auto_backup = Some(config);
    save(vault, settings)?;
    back_up_now(vault, settings)
}

/// Turns automatic backups off (the backups written stay where they are).
pub fn disable(vault: &Vault, settings: &mut Settings) -> Result<(), BackupError> {
    settings.auto_backup = None;
    save(vault, settings)?;
    password_store()?.delete(PASSWORD_ENTRY)?;
    Ok(())
}

/// What to call after any change to the accounts or their backup codes: a
/// new backup when automatic backups are on, nothing otherwise.
pub fn after_change(vault: &Vault) -> Result<Option<PathBuf>, BackupError> {
    let settings = Settings::load(vault.data_dir());
    match settings.auto_backup {
        Some(_) => back_up_now(vault, &settings),
        None => Ok(None),
    }
}

/// Writes a backup now into the configured folder, then keeps only the
/// newest ones. A vault with no accounts writes nothing (`None`: the last
/// backup, which may still hold them, is kept).
pub fn back_up_now(vault: &Vault, settings: &Settings) -> Result<Option<PathBuf>, BackupError> {
    let config = settings.auto_backup.as_ref().ok_or(BackupError::Off)?;
    if vault.accounts()?.is_empty() {
        return Ok(None);
    }
    if !config.folder.is_dir() {
        return Err(BackupError::NoFolder(config.folder.clone()));
    }
    let password = password_store()?
        .read(PASSWORD_ENTRY)?
        .ok_or(BackupError::NoPassword)?;
    let path = write_into(vault, &config.folder, &password, SystemTime::now())?;
    prune(&config.folder, config.keep.max(1))?;
    let mut settings = settings.clone();
    settings.last_backup_at = Some(crate::otp::unix_now());
    save(vault, &settings)?;
    Ok(Some(path))
}

/// The backups in `folder`, newest first.
pub fn list(folder: &Path) -> Vec<Backup> {
    let mut backups: Vec<Backup> = std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|entry| is_backup_name(&entry.file_name().to_string_lossy()))
        .filter_map(|entry| {
            let made = entry
                .metadata()
                .and_then(|metadata| metadata.modified())
                .ok()?;
            Some(Backup {
                path: entry.path(),
                made,
            })
        })
        .collect();
    backups.sort_by(|a, b| b.path.cmp(&a.path));
    backups
}

/// Where automatic backups stand, as Settings and `twofold backup status`
/// show it.
#[derive(Debug)]
pub struct Status {
    /// `None`: automatic backups are off.
    pub config: Option<AutoBackup>,
    /// The newest backup in the folder.
    pub last: Option<Backup>,
    /// When off: accounts added since the last backup or export.
    pub not_backed_up: usize,
}

pub fn status(vault: &Vault) -> Result<Status, VaultError> {
    let settings = Settings::load(vault.data_dir());
    let last = settings
        .auto_backup
        .as_ref()
        .and_then(|config| list(&config.folder).into_iter().next());
    let not_backed_up = match settings.auto_backup {
        Some(_) => 0,
        None => accounts_not_backed_up(vault, &settings)?,
    };
    Ok(Status {
        config: settings.auto_backup,
        last,
        not_backed_up,
    })
}

/// How many accounts were added after the last backup or export (all of them
/// when there was none): what the reminder counts when backups are off.
fn accounts_not_backed_up(vault: &Vault, settings: &Settings) -> Result<usize, VaultError> {
    let since = settings.last_backup_at.unwrap_or(0);
    Ok(vault
        .accounts()?
        .iter()
        .filter(|account| account.created_at >= since)
        .count())
}

/// Records that every account was just exported (a manual backup counts).
pub fn record_export(vault: &Vault) -> Result<(), BackupError> {
    let mut settings = Settings::load(vault.data_dir());
    settings.last_backup_at = Some(crate::otp::unix_now());
    save(vault, &settings)
}

fn write_into(
    vault: &Vault,
    folder: &Path,
    password: &str,
    now: SystemTime,
) -> Result<PathBuf, BackupError> {
    let text: Zeroizing<String> = export::aegis(&vault.export()?, password)?;
    let path = folder.join(file_name(now));
    write_atomic(&path, text.as_bytes()).map_err(|source| BackupError::Io {
        path: folder.to_owned(),
        source,
    })?;
    Ok(path)
}

/// `twofold-backup-2026-12-01T13-24-00Z.json`: a UTC time without the colons
/// some file systems refuse.
fn file_name(now: SystemTime) -> String {
    let time = humantime::format_rfc3339_seconds(now)
        .to_string()
        .replace(':', "-");
    format!("{PREFIX}{time}{SUFFIX}")
}

fn is_backup_name(name: &str) -> bool {
    name.starts_with(PREFIX) && name.ends_with(SUFFIX)
}

/// Removes all but the newest `keep` backups; only files named as backups.
fn prune(folder: &Path, keep: usize) -> Result<(), BackupError> {
    for old in list(folder).into_iter().skip(keep) {
        std::fs::remove_file(&old.path).map_err(|source| BackupError::Io {
            path: old.path.clone(),
            source,
        })?;
    }
    Ok(())
}

fn save(vault: &Vault, settings: &Settings) -> Result<(), BackupError> {
    settings
        .save(vault.data_dir())
        .map_err(|source| BackupError::Io {
            path: vault.data_dir().to_owned(),
            source,
        })
}

/// The keyring service of the backup password: the accounts' own service
/// would list it as an account.
fn password_store() -> Result<KeyringStore, StoreError> {
    KeyringStore::from_env()?.companion("settings")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::time::{Duration, UNIX_EPOCH};

    use super::*;

    #[test]
    fn names_sort_by_age_and_only_backups_are_pruned() {
        let folder = tempfile::tempdir().unwrap();
        let at = |seconds| UNIX_EPOCH + Duration::from_secs(seconds);
        assert_eq!(
            file_name(at(1_764_595_440)),
            "twofold-backup-2025-12-01T13-24-00Z.json"
        );
        for seconds in [1_000_000_000, 1_700_000_000, 1_600_000_000, 1_764_595_440] {
            std::fs::write(folder.path().join(file_name(at(seconds))), "{}").unwrap();
        }
        std::fs::write(folder.path().join("notes.json"), "mine").unwrap();
        prune(folder.path(), 2).unwrap();
        let left: Vec<_> = list(folder.path())
            .into_iter()
            .map(|backup| {
                backup
                    .path
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(
            left,
            [
                "twofold-backup-2025-12-01T13-24-00Z.json",
                "twofold-backup-2023-11-14T22-13-20Z.json"
            ]
        );
        assert!(folder.path().join("notes.json").exists());
    }
}
