//! Where secrets live: the OS keyring, one entry per account.
//!
//! `keyring-core` with the platform's store (the `keyring` crate's own
//! choice): the Secret Service on Linux (pure Rust, over D-Bus), the Keychain
//! on macOS and the Credential Manager on Windows. There is deliberately no
//! fallback: when no keyring is reachable, Twofold says so and stores
//! nothing, rather than writing secrets to a file.
//!
//! The connection is made here, not by the `keyring` crate's `Entry`, which
//! makes it once per process and keeps a failure for good: an app started at
//! login before the keyring could then never reach it. Here a connection that
//! failed is dropped, and the next use connects afresh.

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
    #[error(
        "Twofold's secrets are protected with the lock password: unlock Twofold (or give the password to the command line) first."
    )]
    Protected,
}

/// A place for secrets, addressed by account id. Payloads are single-line
/// strings (a small JSON document) and are wiped from memory after use.
pub trait SecretStore: Send + Sync {
    /// The entry of an account, `None` when there is none.
    fn read(&self, id: &str) -> Result<Option<Zeroizing<String>>, StoreError>;
    /// Every entry of this store, by account id, in as few keyring calls as the
    /// platform allows.
    fn read_all(&self) -> Result<HashMap<String, Zeroizing<String>>, StoreError>;
    /// The entries of `ids` that exist, by account id: a few accounts' entries
    /// without the whole store.
    fn read_some(&self, ids: &[&str]) -> Result<HashMap<String, Zeroizing<String>>, StoreError> {
        read_each(self, ids)
    }
    /// Creates or replaces an entry.
    fn write(&self, id: &str, payload: &str) -> Result<(), StoreError>;
    /// Removes an entry; removing a missing entry is not an error.
    fn delete(&self, id: &str) -> Result<(), StoreError>;
}

/// [`SecretStore::read_some`] an entry at a time.
fn read_each<S: SecretStore + ?Sized>(
    store: &S,
    ids: &[&str],
) -> Result<HashMap<String, Zeroizing<String>>, StoreError> {
    let mut found = HashMap::with_capacity(ids.len());
    for id in ids {
        if let Some(payload) = store.read(id)? {
            found.insert((*id).to_owned(), payload);
        }
    }
    Ok(found)
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
        connect()?;
        Ok(Self { service })
    }

    /// A store beside this one, for Twofold's own secrets (the backup
    /// password): a service of its own, so that it is never taken for an
    /// account.
    pub fn companion(&self, suffix: &str) -> Result<Self, StoreError> {
        Self::new(format!("{}-{suffix}", self.service))
    }

    /// Every entry in one round of keyring calls, where the platform allows
    /// it without asking the user anything (the Secret Service, unlocked);
    /// `None` otherwise, and then [`SecretStore::read_all`] reads entry by
    /// entry.
    #[cfg(all(
        unix,
        not(any(target_os = "macos", target_os = "ios", target_os = "android"))
    ))]
    pub fn read_all_at_once(&self) -> Option<HashMap<String, Zeroizing<String>>> {
        super::batch::read_all(&self.service)
    }

    /// The entries of `ids` in one round of calls, as [`Self::read_all_at_once`].
    #[cfg(all(
        unix,
        not(any(target_os = "macos", target_os = "ios", target_os = "android"))
    ))]
    pub fn read_some_at_once(&self, ids: &[&str]) -> Option<HashMap<String, Zeroizing<String>>> {
        super::batch::read_some(&self.service, ids)
    }

    /// Keychain and Credential Manager: no batch read here (yet).
    #[cfg(not(all(
        unix,
        not(any(target_os = "macos", target_os = "ios", target_os = "android"))
    )))]
    pub fn read_all_at_once(&self) -> Option<HashMap<String, Zeroizing<String>>> {
        None
    }

    #[cfg(not(all(
        unix,
        not(any(target_os = "macos", target_os = "ios", target_os = "android"))
    )))]
    pub fn read_some_at_once(&self, _: &[&str]) -> Option<HashMap<String, Zeroizing<String>>> {
        None
    }

    fn entry(&self, id: &str) -> Result<keyring_core::Entry, StoreError> {
        connect()?;
        keyring_core::Entry::new(&self.service, id).map_err(to_store_error)
    }
}

/// Makes the platform's store the default one, unless one is set already.
fn connect() -> Result<(), StoreError> {
    if keyring_core::get_default_store().is_none() {
        // A failure is not kept: the keyring may appear later.
        let store = platform_store().map_err(to_store_error)?;
        keyring_core::set_default_store(store);
    }
    Ok(())
}

#[cfg(all(
    unix,
    not(any(target_os = "macos", target_os = "ios", target_os = "android"))
))]
fn platform_store() -> keyring_core::Result<std::sync::Arc<keyring_core::CredentialStore>> {
    Ok(zbus_secret_service_keyring_store::Store::new()?)
}

#[cfg(target_os = "macos")]
fn platform_store() -> keyring_core::Result<std::sync::Arc<keyring_core::CredentialStore>> {
    Ok(apple_native_keyring_store::keychain::Store::new()?)
}

#[cfg(target_os = "windows")]
fn platform_store() -> keyring_core::Result<std::sync::Arc<keyring_core::CredentialStore>> {
    Ok(windows_native_keyring_store::Store::new()?)
}

impl SecretStore for KeyringStore {
    fn read(&self, id: &str) -> Result<Option<Zeroizing<String>>, StoreError> {
        match self.entry(id)?.get_password() {
            Ok(payload) => Ok(Some(Zeroizing::new(payload))),
            Err(keyring_core::Error::NoEntry) => Ok(None),
            Err(error) => Err(to_store_error(error)),
        }
    }

    fn read_some(&self, ids: &[&str]) -> Result<HashMap<String, Zeroizing<String>>, StoreError> {
        connect()?;
        if let Some(found) = self.read_some_at_once(ids) {
            return Ok(found);
        }
        read_each(self, ids)
    }

    fn read_all(&self) -> Result<HashMap<String, Zeroizing<String>>, StoreError> {
        connect()?;
        if let Some(all) = self.read_all_at_once() {
            return Ok(all);
        }
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
                Err(keyring_core::Error::NoEntry) => {}
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
            Ok(()) | Err(keyring_core::Error::NoEntry) => Ok(()),
            Err(error) => Err(to_store_error(error)),
        }
    }
}

/// Sorts the keyring crate's errors into the cases a user can act on. The
/// connection is dropped on any of them, so that the next call makes a new
/// one: a keyring daemon that was restarted or started late is found again,
/// at the cost of one reconnection after a failure.
fn to_store_error(error: keyring_core::Error) -> StoreError {
    keyring_core::unset_default_store();
    classify(error)
}

fn classify(error: keyring_core::Error) -> StoreError {
    match error {
        keyring_core::Error::NoDefaultStore => StoreError::Unavailable,
        keyring_core::Error::NoStorageAccess(inner) if inner.to_string().contains("prompt") => {
            StoreError::Dismissed
        }
        keyring_core::Error::NoStorageAccess(_) => StoreError::Locked,
        keyring_core::Error::PlatformFailure(inner) => {
            let detail = inner.to_string();
            let unavailable = [
                "no secret service provider",
                "ServiceUnknown",
                "org.freedesktop.secrets",
                // No session bus at all (no desktop session).
                "Failed to connect to address",
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

    /// Lets several vaults (a "restart", two processes) share one memory keyring.
    impl SecretStore for std::sync::Arc<MemoryStore> {
        fn read(&self, id: &str) -> Result<Option<zeroize::Zeroizing<String>>, StoreError> {
            self.as_ref().read(id)
        }
        fn read_all(
            &self,
        ) -> Result<std::collections::HashMap<String, zeroize::Zeroizing<String>>, StoreError>
        {
            self.as_ref().read_all()
        }
        fn write(&self, id: &str, payload: &str) -> Result<(), StoreError> {
            self.as_ref().write(id, payload)
        }
        fn delete(&self, id: &str) -> Result<(), StoreError> {
            self.as_ref().delete(id)
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
