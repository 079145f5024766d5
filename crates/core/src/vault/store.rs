//! Where secrets live: the OS keyring, one entry per account.
//!
//! The `keyring` crate (v4) reaches the Secret Service on Linux (pure Rust,
//! over D-Bus), the Keychain on macOS and the Credential Manager on Windows.
//! There is deliberately no fallback: when no keyring is reachable, Twofold
//! says so and stores nothing, rather than writing secrets to a file.

use std::collections::HashMap;

use thiserror::Error;
use zeroize::Zeroizing;

/// The keyring service name of Twofold's entries, unless
/// `TWOFOLD_KEYRING_SERVICE` says otherwise (tests use their own).
pub const DEFAULT_SERVICE: &str = "twofold";

/// What went wrong with the keyring, phrased for the user.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StoreError {
    #[error(
        "No keyring service is running. Install and start gnome-keyring or KWallet (or log in to a desktop session that provides one), then try again."
    )]
    Unavailable,
    #[error(
        "The keyring is locked. Unlock it (log out and in again, or open \"Passwords and Keys\"), then try again."
    )]
    Locked,
    #[error(
        "The keyring is locked and was not unlocked: the unlock prompt was dismissed or could not be shown. Try again and unlock the keyring when asked (or open \"Passwords and Keys\" and unlock it there)."
    )]
    Dismissed,
    #[error("The keyring reported an error: {0}")]
    Failure(String),
}

/// A place for secrets, addressed by account id. Payloads are single-line
/// strings (a small JSON document) and are wiped from memory after use.
pub trait SecretStore: Send + Sync {
    /// The entry of an account, `None` when there is none.
    fn read(&self, id: &str) -> Result<Option<Zeroizing<String>>, StoreError>;
    /// Every entry of this store, by account id, in as few keyring calls as the
    /// platform allows.
    fn read_all(&self) -> Result<HashMap<String, Zeroizing<String>>, StoreError>;
    /// Creates or replaces an entry.
    fn write(&self, id: &str, payload: &str) -> Result<(), StoreError>;
    /// Removes an entry; removing a missing entry is not an error.
    fn delete(&self, id: &str) -> Result<(), StoreError>;
}

/// The OS keyring.
#[derive(Debug, Clone)]
pub struct KeyringStore {
    service: String,
}

impl KeyringStore {
    /// Connects to the platform keyring, with the service name from
    /// `TWOFOLD_KEYRING_SERVICE` or [`DEFAULT_SERVICE`].
    pub fn from_env() -> Result<Self, StoreError> {
        let service = std::env::var("TWOFOLD_KEYRING_SERVICE")
            .ok()
            .filter(|service| !service.is_empty())
            .unwrap_or_else(|| DEFAULT_SERVICE.to_owned());
        Self::new(service)
    }

    pub fn new(service: String) -> Result<Self, StoreError> {
        keyring::Entry::store_status()
            .as_ref()
            .map_err(|_| StoreError::Unavailable)?;
        Ok(Self { service })
    }

    fn entry(&self, id: &str) -> Result<keyring::Entry, StoreError> {
        keyring::Entry::new(&self.service, id).map_err(to_store_error)
    }
}

impl SecretStore for KeyringStore {
    fn read(&self, id: &str) -> Result<Option<Zeroizing<String>>, StoreError> {
        match self.entry(id)?.get_password() {
            Ok(payload) => Ok(Some(Zeroizing::new(payload))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(error) => Err(to_store_error(error)),
        }
    }

    fn read_all(&self) -> Result<HashMap<String, Zeroizing<String>>, StoreError> {
        let spec = HashMap::from([("service", self.service.as_str())]);
        let entries = keyring_core::Entry::search(&spec).map_err(to_store_error)?;
        let mut all = HashMap::with_capacity(entries.len());
        for entry in entries {
            let Some((_, id)) = entry.get_specifiers() else {
                continue;
            };
            match entry.get_password() {
                Ok(payload) => {
                    all.insert(id, Zeroizing::new(payload));
                }
                Err(keyring::Error::NoEntry) => {}
                Err(error) => return Err(to_store_error(error)),
            }
        }
        Ok(all)
    }

    fn write(&self, id: &str, payload: &str) -> Result<(), StoreError> {
        self.entry(id)?
            .set_password(payload)
            .map_err(to_store_error)
    }

    fn delete(&self, id: &str) -> Result<(), StoreError> {
        match self.entry(id)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(error) => Err(to_store_error(error)),
        }
    }
}

/// Sorts the keyring crate's errors into the cases a user can act on.
fn to_store_error(error: keyring::Error) -> StoreError {
    match error {
        keyring::Error::NoDefaultStore => StoreError::Unavailable,
        keyring::Error::NoStorageAccess(inner) if inner.to_string().contains("prompt") => {
            StoreError::Dismissed
        }
        keyring::Error::NoStorageAccess(_) => StoreError::Locked,
        keyring::Error::PlatformFailure(inner) => {
            let detail = inner.to_string();
            let unavailable = [
                "no secret service provider",
                "ServiceUnknown",
                "org.freedesktop.secrets",
            ];
            if unavailable.iter().any(|sign| detail.contains(sign)) {
                StoreError::Unavailable
            } else {
                StoreError::Failure(detail)
            }
        }
        other => StoreError::Failure(other.to_string()),
    }
}

/// An in-memory store for unit tests, which can be told to fail.
#[cfg(test)]
pub mod memory {
    use std::collections::HashMap;
    use std::sync::Mutex;

    use zeroize::Zeroizing;

    use super::{SecretStore, StoreError};

    #[derive(Debug, Default)]
    pub struct MemoryStore {
        entries: Mutex<HashMap<String, String>>,
        /// Operations to fail, by name (`read`, `write`, `delete`), each
        /// after that many more succeed.
        failures: Mutex<Vec<(&'static str, usize)>>,
    }

    impl MemoryStore {
        pub fn fail_next(&self, operation: &'static str) {
            self.fail_after(operation, 0);
        }

        /// Fails the operation once, after `successes` more of it succeed.
        pub fn fail_after(&self, operation: &'static str, successes: usize) {
            self.failures.lock().unwrap().push((operation, successes));
        }

        pub fn entry_count(&self) -> usize {
            self.entries.lock().unwrap().len()
        }

        pub fn remove_behind_our_back(&self, id: &str) {
            self.entries.lock().unwrap().remove(id);
        }

        fn check(&self, operation: &'static str) -> Result<(), StoreError> {
            let mut failures = self.failures.lock().unwrap();
            match failures
                .iter()
                .position(|(failing, _)| *failing == operation)
            {
                Some(at) if failures[at].1 == 0 => {
                    failures.remove(at);
                    Err(StoreError::Locked)
                }
                Some(at) => {
                    failures[at].1 -= 1;
                    Ok(())
                }
                None => Ok(()),
            }
        }
    }

    impl SecretStore for MemoryStore {
        fn read(&self, id: &str) -> Result<Option<Zeroizing<String>>, StoreError> {
            self.check("read")?;
            Ok(self
                .entries
                .lock()
                .unwrap()
                .get(id)
                .cloned()
                .map(Zeroizing::new))
        }

        fn read_all(&self) -> Result<HashMap<String, Zeroizing<String>>, StoreError> {
            self.check("read")?;
            let entries = self.entries.lock().unwrap();
            Ok(entries
                .iter()
                .map(|(id, payload)| (id.clone(), Zeroizing::new(payload.clone())))
                .collect())
        }

        fn write(&self, id: &str, payload: &str) -> Result<(), StoreError> {
            self.check("write")?;
            self.entries
                .lock()
                .unwrap()
                .insert(id.to_owned(), payload.to_owned());
            Ok(())
        }

        fn delete(&self, id: &str) -> Result<(), StoreError> {
            self.check("delete")?;
            self.entries.lock().unwrap().remove(id);
            Ok(())
        }
    }
}
