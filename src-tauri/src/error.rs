//! Errors as they cross to the web UI: `{ kind, message }`, the kind for the
//! UI to choose a presentation, the message for the person.

use serde::Serialize;
use twofold_core::draft::DraftError;
use twofold_core::export::ExportError;
use twofold_core::import::ImportError;
use twofold_core::migration::MigrationError;
use twofold_core::otp::{ParamError, SecretError};
use twofold_core::qr::QrError;
use twofold_core::uri::UriError;
use twofold_core::vault::{StoreError, VaultError};

#[derive(Debug, Clone, Serialize, thiserror::Error)]
#[error("{message}")]
pub struct IpcError {
    pub kind: &'static str,
    pub message: String,
}

impl IpcError {
    pub fn new(kind: &'static str, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }
}

impl From<VaultError> for IpcError {
    fn from(error: VaultError) -> Self {
        let kind = match &error {
            VaultError::Keyring(StoreError::Unavailable) => "keyring_unavailable",
            VaultError::Keyring(StoreError::Locked | StoreError::Dismissed) => "keyring_locked",
            VaultError::Keyring(StoreError::Failure(_)) => "keyring_error",
            VaultError::Duplicate(_) => "duplicate",
            VaultError::Busy => "busy",
            VaultError::NotFound(_) | VaultError::NoMatch(_) => "not_found",
            VaultError::MissingSecret(_) | VaultError::DamagedSecret(_) => "missing_secret",
            VaultError::Param(_) | VaultError::Secret(_) => "invalid",
            VaultError::NoBackupCodesFound
            | VaultError::NoSuchBackupCode { .. }
            | VaultError::NoUnusedBackupCodes(_) => "backup_codes",
            _ => "storage",
        };
        Self::new(kind, error.to_string())
    }
}

impl From<QrError> for IpcError {
    fn from(error: QrError) -> Self {
        let kind = match &error {
            QrError::NoQrCode => "no_qr_code",
            QrError::NotAnImage(_) | QrError::TooLarge { .. } | QrError::Io { .. } => {
                "not_an_image"
            }
            QrError::Decoder(_) | QrError::Render(_) => "qr_error",
        };
        Self::new(kind, error.to_string())
    }
}

impl From<ImportError> for IpcError {
    fn from(error: ImportError) -> Self {
        let kind = match &error {
            ImportError::PasswordNeeded => "password_needed",
            ImportError::WrongPassword => "wrong_password",
            ImportError::UnknownFormat | ImportError::UnknownFormatName(_) => "unknown_format",
            ImportError::Damaged(_) | ImportError::Stalling(_) | ImportError::Empty => "damaged",
            ImportError::Image(_) => "no_qr_code",
            ImportError::Unreadable { .. } => "unreadable",
        };
        Self::new(kind, capitalized(&error.to_string()))
    }
}

impl From<ExportError> for IpcError {
    fn from(error: ExportError) -> Self {
        let kind = match &error {
            ExportError::WeakPassword => "weak_password",
            ExportError::Empty => "empty",
            ExportError::Random(_) | ExportError::Encryption(_) => "internal",
        };
        Self::new(kind, capitalized(&error.to_string()))
    }
}

impl From<twofold_core::auto_backup::BackupError> for IpcError {
    fn from(error: twofold_core::auto_backup::BackupError) -> Self {
        Self::new("backup", capitalized(&error.to_string()))
    }
}

impl From<MigrationError> for IpcError {
    fn from(error: MigrationError) -> Self {
        Self::new("cannot_transfer", capitalized(&error.to_string()))
    }
}

/// Core messages start in lower case (the CLI prefixes them); the window
/// shows them as sentences.
pub fn capitalized(message: &str) -> String {
    let mut chars = message.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

impl From<UriError> for IpcError {
    fn from(error: UriError) -> Self {
        Self::new("not_otp", error.to_string())
    }
}

impl From<DraftError> for IpcError {
    fn from(error: DraftError) -> Self {
        match error {
            DraftError::Secret(error) => error.into(),
            DraftError::UnknownKind(_) | DraftError::Param(_) => {
                Self::new("invalid", capitalized(&error.to_string()))
            }
        }
    }
}

impl From<SecretError> for IpcError {
    fn from(error: SecretError) -> Self {
        Self::new("invalid_key", error.to_string())
    }
}

impl From<ParamError> for IpcError {
    fn from(error: ParamError) -> Self {
        Self::new("invalid", error.to_string())
    }
}
