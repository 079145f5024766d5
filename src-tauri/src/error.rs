//! Errors as they cross to the web UI: `{ kind, message }`, the kind for the
//! UI to choose a presentation, the message for the person.

use serde::Serialize;
use twofold_capture::CaptureError;
use twofold_core::app_lock::LockError;
use twofold_core::draft::DraftError;
use twofold_core::export::ExportError;
use twofold_core::import::ImportError;
use twofold_core::migration::MigrationError;
use twofold_core::otp::{ParamError, SecretError};
use twofold_core::qr::QrError;
use twofold_core::uri::UriError;
use twofold_core::vault::{StoreError, VaultError};

#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, thiserror::Error)]
#[error("{message}")]
pub struct IpcError {
    pub kind: ErrorKind,
    /// One or more sentences, starting with a capital.
    pub message: String,
}

/// What went wrong, for the window to choose how to show it (a fatal page,
/// a password prompt, a toast). Sent as `snake_case`.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// No Secret Service (or Keychain, Credential Manager) answers.
    KeyringUnavailable,
    /// The keyring is locked, or its unlock prompt was dismissed.
    KeyringLocked,
    KeyringError,
    /// The account list could not be read or written.
    Storage,
    /// Another process is changing the accounts.
    Busy,
    Duplicate,
    NotFound,
    MissingSecret,
    /// A value the user gave is not acceptable (digits, period, a shortcut).
    Invalid,
    InvalidKey,
    BackupCodes,
    NoQrCode,
    NotAnImage,
    QrError,
    /// A QR code or text that is not a 2FA setup code.
    NotOtp,
    EmptyClipboard,
    Capture,
    PasswordNeeded,
    WrongPassword,
    UnknownFormat,
    Damaged,
    Unreadable,
    WeakPassword,
    Empty,
    CannotTransfer,
    Backup,
    Shortcut,
    Clipboard,
    Autostart,
    /// The app lock is on: nothing but the unlock screen until the password
    /// is given.
    Locked,
    /// The user said no in a native confirmation: nothing to show.
    Cancelled,
    Internal,
}

impl IpcError {
    /// The message is shown as a sentence: core messages start in lower case
    /// (the CLI prefixes them), so the first letter is capitalised here, once
    /// for every error the window sees.
    pub fn new(kind: ErrorKind, message: impl AsRef<str>) -> Self {
        Self {
            kind,
            message: capitalized(message.as_ref()),
        }
    }
}

impl From<VaultError> for IpcError {
    fn from(error: VaultError) -> Self {
        let kind = match &error {
            VaultError::Keyring(StoreError::Unavailable) => ErrorKind::KeyringUnavailable,
            VaultError::Keyring(StoreError::Locked | StoreError::Dismissed) => {
                ErrorKind::KeyringLocked
            }
            VaultError::Keyring(StoreError::Failure(_)) => ErrorKind::KeyringError,
            VaultError::Keyring(StoreError::Protected) => ErrorKind::Locked,
            VaultError::Duplicate(_) => ErrorKind::Duplicate,
            VaultError::Busy => ErrorKind::Busy,
            VaultError::NotFound(_) | VaultError::NoMatch(_) => ErrorKind::NotFound,
            VaultError::MissingSecret(_) | VaultError::DamagedSecret(_) => ErrorKind::MissingSecret,
            VaultError::Param(_) | VaultError::Secret(_) => ErrorKind::Invalid,
            VaultError::NoBackupCodesFound
            | VaultError::NoSuchBackupCode { .. }
            | VaultError::NoUnusedBackupCodes(_) => ErrorKind::BackupCodes,
            _ => ErrorKind::Storage,
        };
        Self::new(kind, error.to_string())
    }
}

/// "Scan screen": what happened, then the way that always works.
impl From<CaptureError> for IpcError {
    fn from(error: CaptureError) -> Self {
        Self::new(
            ErrorKind::Capture,
            format!("{error}. Or take a screenshot and use Open image… or Paste."),
        )
    }
}

impl From<QrError> for IpcError {
    fn from(error: QrError) -> Self {
        let kind = match &error {
            QrError::NoQrCode => ErrorKind::NoQrCode,
            QrError::NotAnImage(_) | QrError::TooLarge { .. } | QrError::Io { .. } => {
                ErrorKind::NotAnImage
            }
            QrError::Decoder(_) | QrError::Render(_) => ErrorKind::QrError,
        };
        Self::new(kind, error.to_string())
    }
}

impl From<ImportError> for IpcError {
    fn from(error: ImportError) -> Self {
        let kind = match &error {
            ImportError::PasswordNeeded => ErrorKind::PasswordNeeded,
            ImportError::WrongPassword => ErrorKind::WrongPassword,
            ImportError::UnknownFormat | ImportError::UnknownFormatName(_) => {
                ErrorKind::UnknownFormat
            }
            ImportError::Damaged(_) | ImportError::Stalling(_) | ImportError::Empty => {
                ErrorKind::Damaged
            }
            ImportError::Image(_) => ErrorKind::NoQrCode,
            ImportError::Unreadable { .. } => ErrorKind::Unreadable,
        };
        Self::new(kind, error.to_string())
    }
}

impl From<ExportError> for IpcError {
    fn from(error: ExportError) -> Self {
        let kind = match &error {
            ExportError::WeakPassword => ErrorKind::WeakPassword,
            ExportError::Empty => ErrorKind::Empty,
            ExportError::Random(_) | ExportError::Encryption(_) => ErrorKind::Internal,
        };
        Self::new(kind, error.to_string())
    }
}

impl From<twofold_core::auto_backup::BackupError> for IpcError {
    fn from(error: twofold_core::auto_backup::BackupError) -> Self {
        Self::new(ErrorKind::Backup, error.to_string())
    }
}

impl From<MigrationError> for IpcError {
    fn from(error: MigrationError) -> Self {
        Self::new(ErrorKind::CannotTransfer, error.to_string())
    }
}

/// The first letter in upper case: how the window shows a core message.
pub fn capitalized(message: &str) -> String {
    let mut chars = message.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

impl From<UriError> for IpcError {
    fn from(error: UriError) -> Self {
        Self::new(ErrorKind::NotOtp, error.to_string())
    }
}

impl From<DraftError> for IpcError {
    fn from(error: DraftError) -> Self {
        match error {
            DraftError::Secret(error) => error.into(),
            DraftError::UnknownKind(_) | DraftError::Param(_) => {
                Self::new(ErrorKind::Invalid, error.to_string())
            }
        }
    }
}

/// A keyring error outside an account operation (the protection of the
/// secrets) reads like one inside.
impl From<StoreError> for IpcError {
    fn from(error: StoreError) -> Self {
        VaultError::Keyring(error).into()
    }
}

impl From<LockError> for IpcError {
    fn from(error: LockError) -> Self {
        match error {
            LockError::Keyring(error) => VaultError::Keyring(error).into(),
            LockError::WeakPassword => Self::new(ErrorKind::WeakPassword, error.to_string()),
            LockError::WrongPassword => Self::new(ErrorKind::WrongPassword, error.to_string()),
            LockError::NoBackup(_) => Self::new(ErrorKind::Backup, error.to_string()),
            LockError::NotSet | LockError::Damaged | LockError::Random(_) => {
                Self::new(ErrorKind::Internal, error.to_string())
            }
        }
    }
}

impl From<SecretError> for IpcError {
    fn from(error: SecretError) -> Self {
        Self::new(ErrorKind::InvalidKey, error.to_string())
    }
}

impl From<ParamError> for IpcError {
    fn from(error: ParamError) -> Self {
        Self::new(ErrorKind::Invalid, error.to_string())
    }
}
