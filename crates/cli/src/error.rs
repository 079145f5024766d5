//! What can go wrong in a command, each with a message for the user.

use thiserror::Error;
use twofold_core::draft::DraftError;
use twofold_core::uri::UriError;
use twofold_core::vault::VaultError;

#[derive(Debug, Error)]
pub enum CliError {
    #[error("{0}")]
    Uri(#[from] UriError),
    #[error(transparent)]
    Vault(#[from] VaultError),
    // The messages name what is wrong themselves ("the setup key has…").
    #[error(transparent)]
    Draft(#[from] DraftError),
    #[error(
        "nothing was removed: add --yes to confirm removing {0} (you may lose access to the site)"
    )]
    NotConfirmed(String),
    #[error("{0}")]
    Scan(String),
    #[error("{0}; or take a screenshot and run: twofold scan FILE")]
    Capture(#[from] twofold_capture::CaptureError),
    #[error(transparent)]
    Import(#[from] twofold_core::import::ImportError),
    #[error(transparent)]
    Export(#[from] twofold_core::export::ExportError),
    #[error(transparent)]
    Migration(#[from] twofold_core::migration::MigrationError),
    #[error(transparent)]
    Qr(#[from] twofold_core::qr::QrError),
    #[error("{0}")]
    Usage(String),
    #[error("no accounts could be imported (the reasons are above)")]
    NothingImported,
    #[error("{0}")]
    Unhealthy(String),
    #[error(transparent)]
    Backup(#[from] twofold_core::auto_backup::BackupError),
    #[error(transparent)]
    Lock(#[from] twofold_core::app_lock::LockError),
    #[error("could not read or write: {0}")]
    Io(#[from] std::io::Error),
}

/// A keyring error outside an account operation (the protection of the
/// secrets) reads like one inside.
impl From<twofold_core::vault::StoreError> for CliError {
    fn from(error: twofold_core::vault::StoreError) -> Self {
        CliError::Vault(VaultError::Keyring(error))
    }
}
