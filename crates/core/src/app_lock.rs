//! The app lock's password: an Argon2id hash (a PHC string, parameters and
//! salt included) kept in the keyring beside the accounts, never on disk. A
//! lock is on when the hash is there: deleting a settings file cannot turn
//! it off. What is locked (the window, the tray, the quick pick) is up to the
//! app; this module only keeps and checks the password.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use thiserror::Error;
use zeroize::Zeroizing;

use crate::vault::{KeyringStore, SealedStore, SecretStore, StoreError};

/// The keyring entry of the hash, in the companion service.
const ENTRY: &str = "app-lock";
/// The shortest lock password.
pub const MIN_PASSWORD_LEN: usize = 6;

#[derive(Debug, Error)]
pub enum LockError {
    #[error(transparent)]
    Keyring(#[from] StoreError),
    #[error("the lock password must have at least {MIN_PASSWORD_LEN} characters")]
    WeakPassword,
    #[error("that is not the lock password")]
    WrongPassword,
    #[error("no lock password is set")]
    NotSet,
    #[error(
        "the stored lock password is unreadable; remove it with `twofold lock off --forget` and set a new one"
    )]
    Damaged,
    #[error("no random numbers from the system: {0}")]
    Random(String),
    #[error(
        "{0} accounts are in no encrypted backup, and a forgotten lock password cannot be recovered: make a backup first, or confirm that you keep one elsewhere"
    )]
    NoBackup(usize),
}

/// Where the hash is kept: [`KeyringStore`] in the app and the CLI, another
/// store in tests.
#[derive(Debug)]
pub struct AppLock<S: SecretStore = KeyringStore> {
    store: S,
}

impl AppLock<KeyringStore> {
    /// The lock of the user's keyring.
    pub fn open_default() -> Result<Self, LockError> {
        Ok(Self::new(KeyringStore::from_env()?.companion("settings")?))
    }
}

impl<S: SecretStore> AppLock<S> {
    pub fn new(store: S) -> Self {
        Self { store }
    }

    /// Whether a lock password is set.
    pub fn is_set(&self) -> Result<bool, LockError> {
        Ok(self.store.read(ENTRY)?.is_some())
    }

    /// Sets the lock password, or changes it (`current` must then be right).
    pub fn set(&self, new: &str, current: Option<&str>) -> Result<(), LockError> {
        if self.is_set()? {
            self.check(current.unwrap_or_default())?;
        }
        if new.chars().count() < MIN_PASSWORD_LEN {
            return Err(LockError::WeakPassword);
        }
        let salt: [u8; 16] =
            crate::random::bytes().map_err(|error| LockError::Random(error.to_string()))?;
        let salt = SaltString::encode_b64(&salt).map_err(|_| LockError::Damaged)?;
        let hash = hasher()
            .hash_password(new.as_bytes(), &salt)
            .map_err(|_| LockError::Damaged)?
            .to_string();
        Ok(self.store.write(ENTRY, &hash)?)
    }

    /// Turns the lock off; the current password is needed.
    pub fn remove(&self, current: &str) -> Result<(), LockError> {
        self.check(current)?;
        Ok(self.store.delete(ENTRY)?)
    }

    /// Turns the lock off without the password: the way out of a forgotten
    /// or unreadable one. The lock guards the window against people at the
    /// desk, and whoever can run this could read the keyring anyway.
    pub fn forget(&self) -> Result<(), LockError> {
        Ok(self.store.delete(ENTRY)?)
    }

    /// Sets the lock password or changes it, with the protected secrets
    /// following: their data key is re-wrapped first, and back again when
    /// the password cannot change, so the two never disagree.
    pub fn change<T: SecretStore>(
        &self,
        protection: &SealedStore<T>,
        new: &str,
        current: Option<&str>,
    ) -> Result<(), LockError> {
        if !protection.is_protected()? {
            return self.set(new, current);
        }
        let current = current.unwrap_or_default();
        self.check(current)?;
        open(protection, current)?;
        protection.change_password(new)?;
        if let Err(error) = self.set(new, Some(current)) {
            protection.change_password(current)?;
            return Err(error);
        }
        Ok(())
    }

    /// Turns the lock off; protected secrets are stored plainly first, as
    /// they cannot outlive the password that opens them.
    pub fn remove_with<T: SecretStore>(
        &self,
        protection: &SealedStore<T>,
        current: &str,
    ) -> Result<(), LockError> {
        self.check(current)?;
        if protection.is_protected()? {
            open(protection, current)?;
            protection.unprotect()?;
        }
        self.remove(current)
    }

    /// Protects the secrets with the lock password (which must be right).
    /// A forgotten password cannot be recovered, so every account must be in
    /// an encrypted backup (`unsaved` is how many are not), unless the user
    /// keeps one elsewhere (`have_backup`).
    pub fn protect<T: SecretStore>(
        &self,
        protection: &SealedStore<T>,
        password: &str,
        unsaved: usize,
        have_backup: bool,
    ) -> Result<(), LockError> {
        self.check(password)?;
        if unsaved > 0 && !have_backup {
            return Err(LockError::NoBackup(unsaved));
        }
        Ok(protection.protect(password)?)
    }

    /// Stores the secrets plainly again (the password must be right).
    pub fn unprotect<T: SecretStore>(
        &self,
        protection: &SealedStore<T>,
        password: &str,
    ) -> Result<(), LockError> {
        self.check(password)?;
        open(protection, password)?;
        Ok(protection.unprotect()?)
    }

    /// Whether `password` is the lock password (an error when none is set).
    pub fn check(&self, password: &str) -> Result<(), LockError> {
        let stored: Zeroizing<String> = self.store.read(ENTRY)?.ok_or(LockError::NotSet)?;
        let hash = PasswordHash::new(&stored).map_err(|_| LockError::Damaged)?;
        match hasher().verify_password(password.as_bytes(), &hash) {
            Ok(()) => Ok(()),
            Err(argon2::password_hash::Error::Password) => Err(LockError::WrongPassword),
            Err(_) => Err(LockError::Damaged),
        }
    }
}

/// Opens the protected secrets' data key with the password, unless it is
/// open already.
fn open<T: SecretStore>(protection: &SealedStore<T>, password: &str) -> Result<(), LockError> {
    if protection.is_open()? || protection.open(password)? {
        Ok(())
    } else {
        Err(LockError::WrongPassword)
    }
}

/// Argon2id at OWASP's recommended cost (19 MiB, 2 passes): about 50 ms to
/// check in a release build, slow enough to make guessing expensive.
fn hasher() -> argon2::Argon2<'static> {
    let params = argon2::Params::new(19_456, 2, 1, None).unwrap_or_default();
    argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::vault::store::memory::MemoryStore;

    #[test]
    fn a_password_is_set_checked_changed_and_removed() {
        let lock = AppLock::new(MemoryStore::default());
        assert!(!lock.is_set().unwrap());
        assert!(matches!(lock.check("anything"), Err(LockError::NotSet)));
        assert!(matches!(
            lock.set("short", None),
            Err(LockError::WeakPassword)
        ));
        lock.set("correct horse", None).unwrap();
        assert!(lock.is_set().unwrap());
        lock.check("correct horse").unwrap();
        assert!(matches!(
            lock.check("wrong horse"),
            Err(LockError::WrongPassword)
        ));
        assert!(matches!(
            lock.set("new password", Some("wrong horse")),
            Err(LockError::WrongPassword)
        ));
        lock.set("new password", Some("correct horse")).unwrap();
        lock.check("new password").unwrap();
        assert!(matches!(
            lock.remove("correct horse"),
            Err(LockError::WrongPassword)
        ));
        lock.remove("new password").unwrap();
        assert!(!lock.is_set().unwrap());
    }

    #[test]
    fn the_keyring_holds_a_salted_argon2id_hash_never_the_password() {
        let store = std::sync::Arc::new(MemoryStore::default());
        let lock = AppLock::new(store.clone());
        lock.set("correct horse", None).unwrap();
        let stored = store.read(ENTRY).unwrap().unwrap();
        assert!(stored.starts_with("$argon2id$"), "{}", stored.as_str());
        assert!(!stored.contains("correct horse"));
        lock.set("correct horse", Some("correct horse")).unwrap();
        assert_ne!(
            store.read(ENTRY).unwrap().unwrap(),
            stored,
            "a new salt each time"
        );
    }

    /// The lock password and the protected secrets never disagree: a new
    /// password re-wraps the data key, removing the lock unprotects first.
    #[test]
    fn protected_secrets_follow_the_lock_password() {
        use std::sync::Arc;
        let entries = Arc::new(MemoryStore::default());
        entries.write("a1", "plain payload").unwrap();
        let protection = SealedStore::new(entries.clone(), Arc::new(MemoryStore::default()));
        let lock = AppLock::new(MemoryStore::default());
        lock.change(&protection, "correct horse", None).unwrap();
        assert!(matches!(
            lock.protect(&protection, "wrong horse", 0, false),
            Err(LockError::WrongPassword)
        ));
        assert!(matches!(
            lock.protect(&protection, "correct horse", 1, false),
            Err(LockError::NoBackup(1))
        ));
        assert!(!protection.is_protected().unwrap());
        lock.protect(&protection, "correct horse", 1, true).unwrap();
        lock.change(&protection, "new password", Some("correct horse"))
            .unwrap();
        protection.close();
        assert!(!protection.open("correct horse").unwrap());
        assert!(protection.open("new password").unwrap());
        protection.close();
        lock.remove_with(&protection, "new password").unwrap();
        assert!(!lock.is_set().unwrap());
        assert!(!protection.is_protected().unwrap());
        assert_eq!(
            entries.read("a1").unwrap().unwrap().as_str(),
            "plain payload"
        );
    }

    #[test]
    fn a_damaged_hash_is_reported_as_such() {
        let store = std::sync::Arc::new(MemoryStore::default());
        store.write(ENTRY, "not a hash").unwrap();
        let lock = AppLock::new(store);
        assert!(matches!(lock.check("x"), Err(LockError::Damaged)));
    }
}
