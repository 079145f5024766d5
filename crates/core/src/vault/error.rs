//! What can go wrong with the vault, and what the user is told in passing.

use std::fmt;
use std::path::{Path, PathBuf};

use thiserror::Error;

use super::store::StoreError;
use crate::otp::{ParamError, SecretError};

#[derive(Debug, Error)]
pub enum VaultError {
    #[error(transparent)]
    Keyring(#[from] StoreError),
    #[error("could not {action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "the accounts file {} was written by a newer version of Twofold (format {version}); update Twofold to use it",
        path.display()
    )]
    IndexTooNew { path: PathBuf, version: u32 },
    #[error(
        "no data directory: set TWOFOLD_DATA_DIR, or HOME so that the platform's one can be found"
    )]
    NoDataDir,
    #[error(
        "another Twofold window or command is changing the accounts (perhaps waiting for the keyring to be unlocked); try again in a moment"
    )]
    Busy,
    #[error("no account matches \"{0}\"")]
    NoMatch(String),
    #[error("several accounts match \"{query}\": {candidates}; be more specific")]
    Ambiguous { query: String, candidates: String },
    #[error("no account with id {0}")]
    NotFound(String),
    #[error(
        "the keyring has no secret for {0}: it was removed from the keyring outside Twofold. Restore it from a backup, or remove the account and add it again"
    )]
    MissingSecret(String),
    #[error("the keyring entry of {0} is damaged and cannot be read")]
    DamagedSecret(String),
    #[error("{0} is already in Twofold")]
    Duplicate(String),
    #[error(
        "{account} was removed, but its secret could not be deleted from the keyring ({source}); it can be removed with your keyring manager"
    )]
    SecretNotDeleted { account: String, source: StoreError },
    #[error(transparent)]
    Param(#[from] ParamError),
    #[error("invalid secret: {0}")]
    Secret(#[from] SecretError),
    #[error("{0} is not a counter-based (HOTP) account")]
    NotHotp(String),
    #[error("the HOTP counter of {0} is at its maximum")]
    CounterExhausted(String),
    #[error("no backup codes found in the text (codes look like \"1234 5678\" or \"abcde-12345\")")]
    NoBackupCodesFound,
    #[error("{account} has no backup code {code}")]
    NoSuchBackupCode { account: String, code: String },
    #[error("{0} has no unused backup codes left")]
    NoUnusedBackupCodes(String),
}

impl VaultError {
    pub(crate) fn io(action: &'static str, path: &Path, source: std::io::Error) -> Self {
        Self::Io {
            action,
            path: path.to_owned(),
            source,
        }
    }
}

/// Something the user should know that is not an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// The index could not be read: it was renamed aside (when it existed) and
    /// the previous version restored (when there was one).
    IndexRecovered {
        kept_aside: Option<PathBuf>,
        restored_from_backup: bool,
    },
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Notice::IndexRecovered {
                kept_aside,
                restored_from_backup,
            } => {
                f.write_str("The accounts file could not be read")?;
                if let Some(path) = kept_aside {
                    write!(f, "; it was kept as {}", path.display())?;
                }
                if *restored_from_backup {
                    f.write_str(". The previous version was restored: a change made just before may be missing.")
                } else {
                    f.write_str(". There was no earlier version to restore; your secrets are still in the keyring.")
                }
            }
        }
    }
}
