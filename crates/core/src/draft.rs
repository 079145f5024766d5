//! An account as read from a URI, a QR code or an import, before it is stored.

use crate::backup_codes::BackupCode;
use crate::otp::Otp;

/// An account found somewhere, not yet in the vault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountDraft {
    /// The service, e.g. `GitHub`; empty when the source names none.
    pub issuer: String,
    /// The account at that service, e.g. `alice@example.com`.
    pub name: String,
    pub otp: Otp,
    /// What richer sources (Aegis vaults, Twofold's own backups) also keep.
    pub group: Option<String>,
    pub favorite: bool,
    pub backup_codes: Vec<BackupCode>,
}

impl AccountDraft {
    /// An account with names trimmed, in no group, without backup codes.
    pub fn new(issuer: impl Into<String>, name: impl Into<String>, otp: Otp) -> Self {
        Self {
            issuer: issuer.into().trim().to_owned(),
            name: name.into().trim().to_owned(),
            otp,
            group: None,
            favorite: false,
            backup_codes: Vec::new(),
        }
    }

    /// `Issuer (name)`, or just the name when there is no issuer: how the
    /// account is named in messages.
    pub fn label(&self) -> String {
        label(&self.issuer, &self.name)
    }
}

/// How an account is named in messages: `Issuer (name)`, or whichever of the
/// two there is.
pub(crate) fn label(issuer: &str, name: &str) -> String {
    match (issuer.is_empty(), name.is_empty()) {
        (true, _) => name.to_owned(),
        (false, true) => issuer.to_owned(),
        (false, false) => format!("{issuer} ({name})"),
    }
}
