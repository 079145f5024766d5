//! The keyring entry of an account: its secret and backup codes, as a small
//! versioned JSON document on one line (multi-line secrets have broken on some
//! Secret Service setups after a reboot).

use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use super::store::StoreError;
use crate::backup_codes::BackupCode;
use crate::otp::Secret;

const VERSION: u32 = 1;

#[derive(Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
pub(crate) struct Entry {
    v: u32,
    /// Base32, upper case, no padding.
    secret: String,
    #[serde(default)]
    pub(crate) backup_codes: Vec<BackupCode>,
}

impl Entry {
    pub(crate) fn new(secret: &Secret) -> Self {
        Self {
            v: VERSION,
            secret: secret.to_base32(),
            backup_codes: Vec::new(),
        }
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
