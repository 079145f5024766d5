//! An account as the index file keeps it: everything but the secret.

use serde::{Deserialize, Serialize};

use crate::backup_codes::BackupCode;
use crate::otp::{Algorithm, OtpKind};

/// A stored account's metadata. The secret and backup codes are in the keyring.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    /// Random, stable; the keyring entry's user name.
    pub id: String,
    pub issuer: String,
    pub name: String,
    /// `type` and, for TOTP, `period`, for HOTP, `counter`.
    #[serde(flatten)]
    pub kind: OtpKind,
    pub algorithm: Algorithm,
    pub digits: u8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    #[serde(default)]
    pub favorite: bool,
    /// Unix seconds.
    pub created_at: u64,
    /// When a code was last copied or shown on request, Unix seconds.
    #[serde(default)]
    pub used_at: Option<u64>,
    /// How many backup codes the keyring entry holds: not secret, and kept
    /// here so that listing accounts needs no keyring access.
    #[serde(default)]
    pub backup_codes: BackupCodeCounts,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupCodeCounts {
    pub total: usize,
    pub remaining: usize,
}

impl BackupCodeCounts {
    pub fn of(codes: &[BackupCode]) -> Self {
        Self {
            total: codes.len(),
            remaining: crate::backup_codes::remaining(codes),
        }
    }
}

impl Account {
    /// `Issuer (name)`, or whichever of the two there is.
    pub fn label(&self) -> String {
        crate::draft::label(&self.issuer, &self.name)
    }

    /// The site the account signs in to, for questions about it: the issuer,
    /// or the name when there is none.
    pub fn site(&self) -> &str {
        if self.issuer.is_empty() {
            &self.name
        } else {
            &self.issuer
        }
    }

    /// Whether a search query picks this account: its id exactly, or a
    /// case-insensitive part of its issuer or name.
    pub fn matches(&self, query: &str) -> bool {
        let query = query.trim().to_lowercase();
        self.id == query
            || self.issuer.to_lowercase().contains(&query)
            || self.name.to_lowercase().contains(&query)
    }
}

/// The order accounts are shown in (window and tray): favourites first, then
/// grouped accounts by group name, then the rest; the user's order within each.
pub fn display_order(accounts: &mut [Account]) {
    accounts.sort_by_cached_key(display_key);
}

/// The sort key of [`display_order`] (a stable sort by it keeps the user's
/// order within equal keys).
fn display_key(account: &Account) -> (bool, bool, Option<String>) {
    (
        !account.favorite,
        account.group.is_none(),
        account.group.as_ref().map(|group| group.to_lowercase()),
    )
}

/// Changes to an account; `None` leaves a field as it is.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ts", ts(optional_fields))]
pub struct AccountEdit {
    pub issuer: Option<String>,
    pub name: Option<String>,
    /// `Some(None)` removes the account from its group.
    pub group: Option<Option<String>>,
    pub favorite: Option<bool>,
    pub kind: Option<OtpKind>,
    pub algorithm: Option<Algorithm>,
    pub digits: Option<u8>,
}
