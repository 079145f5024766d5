//! The keyring entry of an account: its secret and backup codes, and since
//! version 2 the whole account besides (issuer, name, parameters, counter,
//! group…), so that the keyring alone can rebuild a lost index. A small
//! versioned JSON document on one line (multi-line secrets have broken on some
//! Secret Service setups after a reboot).

use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use super::account::Account;
use super::store::StoreError;
use crate::backup_codes::BackupCode;
use crate::otp::Secret;

/// 1: secret and backup codes; 2: the account too.
const VERSION: u32 = 2;

#[derive(Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
pub(crate) struct Entry {
    v: u32,
    /// Base32, upper case, no padding.
    secret: String,
    #[serde(default)]
    pub(crate) backup_codes: Vec<BackupCode>,
    /// The account as of the last change of its entry (`None` in version 1
    /// entries, until they are upgraded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[zeroize(skip)]
    pub(crate) account: Option<Account>,
}

impl Entry {
    pub(crate) fn new(secret: &Secret, account: &Account) -> Self {
        Self {
            v: VERSION,
            secret: secret.to_base32(),
            backup_codes: Vec::new(),
            account: Some(account.clone()),
        }
    }

    /// This entry describing `account`, in the current version.
    pub(crate) fn describe(&mut self, account: &Account) {
        self.v = VERSION;
        self.account = Some(account.clone());
    }

    /// Whether the entry predates self-describing entries.
    pub(crate) fn lacks_account(&self) -> bool {
        self.account.is_none()
    }

    /// `None` when the payload is not an entry this version can read.
    pub(crate) fn decode(payload: &str) -> Option<Self> {
        serde_json::from_str::<Self>(payload)
            .ok()
            .filter(|entry| entry.v <= VERSION)
    }

    pub(crate) fn encode(&self) -> Result<Zeroizing<String>, StoreError> {
        serde_json::to_string(self)
            .map(Zeroizing::new)
            .map_err(|error| StoreError::Failure(error.to_string()))
    }

    pub(crate) fn secret(&self) -> Option<Secret> {
        Secret::from_base32(&self.secret).ok()
    }
}
