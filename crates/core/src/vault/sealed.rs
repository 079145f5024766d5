//! Secrets protected with the lock password. On Linux any program in the
//! session can read every Secret Service item; with protection on, each
//! account's keyring entry holds only ciphertext.
//!
//! A random data key seals the entries (AES-256-GCM, a fresh nonce each).
//! The data key itself is kept in Twofold's companion keyring service,
//! sealed with a key derived from the lock password (Argon2id, own salt):
//! changing the password re-wraps the data key only. Reading accepts plain
//! and sealed entries alike, so an interrupted switch leaves every account
//! readable; writing seals whenever protection is on, and is refused while
//! the data key is not in memory (never a plain write by mistake).

use std::collections::HashMap;
use std::sync::RwLock;

use aes_gcm::aead::{Aead, KeyInit};
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::store::{SecretStore, StoreError};

/// How a sealed entry starts; the rest is base64 `nonce ‖ ciphertext ‖ tag`.
const SEALED: &str = "sealed:v1:";
/// The companion entry holding the sealed data key.
const RECORD: &str = "protection";
/// Argon2id cost of the password key: OWASP's (19 MiB, 2 passes).
const ARGON2_MEMORY_KIB: u32 = 19_456;
const ARGON2_PASSES: u32 = 2;

type Key = Zeroizing<[u8; 32]>;

/// The data key, sealed with the password key.
#[derive(Serialize, Deserialize)]
struct Record {
    salt: String,
    memory_kib: u32,
    passes: u32,
    /// base64 `nonce ‖ sealed data key`.
    key: String,
}

/// A store whose entries are sealed once protection is on.
pub struct SealedStore<S: SecretStore> {
    entries: S,
    /// Where the sealed data key is kept (Twofold's companion service).
    settings: S,
    key: RwLock<Option<Key>>,
}

impl<S: SecretStore> std::fmt::Debug for SealedStore<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SealedStore").finish_non_exhaustive()
    }
}

impl<S: SecretStore> SealedStore<S> {
    pub fn new(entries: S, settings: S) -> Self {
        Self {
            entries,
            settings,
            key: RwLock::new(None),
        }
    }

    /// Whether protection is on (the sealed data key is in the keyring).
    pub fn is_protected(&self) -> Result<bool, StoreError> {
        Ok(self.settings.read(RECORD)?.is_some())
    }

    /// Whether the data key is in memory (or not needed).
    pub fn is_open(&self) -> Result<bool, StoreError> {
        Ok(self.key_in_memory() || !self.is_protected()?)
    }

    /// Opens the data key with the lock password; `false` when the
    /// password does not open it. Nothing to do when protection is off.
    pub fn open(&self, password: &str) -> Result<bool, StoreError> {
        let Some(record) = self.record()? else {
            return Ok(true);
        };
        match unwrap_key(&record, password)? {
            Some(key) => {
                *self
                    .key
                    .write()
                    .unwrap_or_else(|poison| poison.into_inner()) = Some(key);
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// Forgets the data key (the app locked); reads of sealed entries fail
    /// until [`SealedStore::open`].
    pub fn close(&self) {
        *self
            .key
            .write()
            .unwrap_or_else(|poison| poison.into_inner()) = None;
    }

    /// Turns protection on: every entry is sealed with a new data key, all or
    /// nothing (on a failure the entries sealed so far are written back as
    /// they were, and protection stays off).
    pub fn protect(&self, password: &str) -> Result<(), StoreError> {
        if self.is_protected()? {
            return Ok(());
        }
        let key: Key = Zeroizing::new(random()?);
        let plain = self.entries.read_all()?;
        let record = wrap_key(&key, password)?;
        self.settings.write(RECORD, &record)?;
        let sealed: Result<Vec<_>, StoreError> = plain
            .iter()
            .map(|(id, payload)| Ok((id, seal(&key, &open_payload(None, payload)?)?)))
            .collect();
        let rewritten = sealed.and_then(|sealed| self.rewrite(&plain, &sealed));
        if let Err(error) = rewritten {
            let _ = self.settings.delete(RECORD);
            return Err(error);
        }
        *self
            .key
            .write()
            .unwrap_or_else(|poison| poison.into_inner()) = Some(key);
        Ok(())
    }

    /// Turns protection off: every entry is written plain again, all or
    /// nothing, then the data key is forgotten. Needs the data key open.
    pub fn unprotect(&self) -> Result<(), StoreError> {
        if !self.is_protected()? {
            return Ok(());
        }
        let key = self.key_or_locked()?;
        let stored = self.entries.read_all()?;
        let plain: Result<Vec<_>, StoreError> = stored
            .iter()
            .map(|(id, payload)| Ok((id, open_payload(Some(&key), payload)?)))
            .collect();
        self.rewrite(&stored, &plain?)?;
        self.settings.delete(RECORD)?;
        self.close();
        Ok(())
    }

    /// Seals the data key under a new password (the lock password changed).
    pub fn change_password(&self, new: &str) -> Result<(), StoreError> {
        if !self.is_protected()? {
            return Ok(());
        }
        let key = self.key_or_locked()?;
        self.settings.write(RECORD, &wrap_key(&key, new)?)
    }

    /// The accounts whose entries are sealed (read raw, without the key).
    pub fn sealed_ids(&self) -> Result<Vec<String>, StoreError> {
        Ok(self
            .entries
            .read_all()?
            .into_iter()
            .filter(|(_, payload)| payload.starts_with(SEALED))
            .map(|(id, _)| id)
            .collect())
    }

    /// Ends protection without the password: the sealed data key is deleted
    /// and forgotten (the sealed entries can then never be opened).
    pub fn forget(&self) -> Result<(), StoreError> {
        self.settings.delete(RECORD)?;
        self.close();
        Ok(())
    }

    /// Writes `new` over the entries, restoring `old` ones if a write fails.
    fn rewrite(
        &self,
        old: &HashMap<String, Zeroizing<String>>,
        new: &[(&String, Zeroizing<String>)],
    ) -> Result<(), StoreError> {
        for (done, (id, payload)) in new.iter().enumerate() {
            if let Err(error) = self.entries.write(id, payload) {
                for (id, _) in &new[..done] {
                    if let Some(payload) = old.get(*id) {
                        let _ = self.entries.write(id, payload);
                    }
                }
                return Err(error);
            }
        }
        Ok(())
    }

    fn record(&self) -> Result<Option<Record>, StoreError> {
        self.settings
            .read(RECORD)?
            .map(|text| serde_json::from_str(&text).map_err(|_| damaged()))
            .transpose()
    }

    fn key_in_memory(&self) -> bool {
        self.key.read().map(|key| key.is_some()).unwrap_or_default()
    }

    fn key_or_locked(&self) -> Result<Key, StoreError> {
        self.key
            .read()
            .ok()
            .and_then(|key| key.clone())
            .ok_or(StoreError::Protected)
    }
}

impl<S: SecretStore> SecretStore for SealedStore<S> {
    fn read(&self, id: &str) -> Result<Option<Zeroizing<String>>, StoreError> {
        let key = self.key.read().ok().and_then(|key| key.clone());
        self.entries
            .read(id)?
            .map(|payload| open_payload(key.as_ref(), &payload))
            .transpose()
    }

    fn read_all(&self) -> Result<HashMap<String, Zeroizing<String>>, StoreError> {
        let key = self.key.read().ok().and_then(|key| key.clone());
        self.entries
            .read_all()?
            .into_iter()
            .map(|(id, payload)| Ok((id, open_payload(key.as_ref(), &payload)?)))
            .collect()
    }

    fn read_some(&self, ids: &[&str]) -> Result<HashMap<String, Zeroizing<String>>, StoreError> {
        let key = self.key.read().ok().and_then(|key| key.clone());
        self.entries
            .read_some(ids)?
            .into_iter()
            .map(|(id, payload)| Ok((id, open_payload(key.as_ref(), &payload)?)))
            .collect()
    }

    fn write(&self, id: &str, payload: &str) -> Result<(), StoreError> {
        if !self.is_protected()? {
            return self.entries.write(id, payload);
        }
        let key = self.key_or_locked()?;
        self.entries.write(id, &seal(&key, payload)?)
    }

    fn delete(&self, id: &str) -> Result<(), StoreError> {
        self.entries.delete(id)
    }
}

/// A stored payload as the vault reads it: plain as it is, sealed opened
/// with the key (an error without it, or when it does not open).
fn open_payload(key: Option<&Key>, payload: &str) -> Result<Zeroizing<String>, StoreError> {
    let Some(sealed) = payload.strip_prefix(SEALED) else {
        return Ok(Zeroizing::new(payload.to_owned()));
    };
    let key = key.ok_or(StoreError::Protected)?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(sealed)
        .map_err(|_| damaged())?;
    let plain = open_bytes(key, &bytes).ok_or_else(damaged)?;
    String::from_utf8(plain.to_vec())
        .map(Zeroizing::new)
        .map_err(|_| damaged())
}

fn seal(key: &Key, payload: &str) -> Result<Zeroizing<String>, StoreError> {
    let sealed = seal_bytes(key, payload.as_bytes())?;
    Ok(Zeroizing::new(format!(
        "{SEALED}{}",
        base64::engine::general_purpose::STANDARD.encode(sealed)
    )))
}

/// AES-256-GCM: `nonce ‖ ciphertext ‖ tag`.
fn seal_bytes(key: &Key, plain: &[u8]) -> Result<Vec<u8>, StoreError> {
    let nonce: [u8; 12] = random()?;
    let cipher = aes_gcm::Aes256Gcm::new_from_slice(key.as_ref()).map_err(|_| damaged())?;
    let sealed = cipher
        .encrypt(aes_gcm::Nonce::from_slice(&nonce), plain)
        .map_err(|_| damaged())?;
    Ok([nonce.as_slice(), &sealed].concat())
}

fn open_bytes(key: &Key, bytes: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    let (nonce, sealed) = bytes.split_at_checked(12)?;
    let cipher = aes_gcm::Aes256Gcm::new_from_slice(key.as_ref()).ok()?;
    cipher
        .decrypt(aes_gcm::Nonce::from_slice(nonce), sealed)
        .ok()
        .map(Zeroizing::new)
}

fn wrap_key(key: &Key, password: &str) -> Result<String, StoreError> {
    let salt: [u8; 16] = random()?;
    let record = Record {
        salt: base64::engine::general_purpose::STANDARD.encode(salt),
        memory_kib: ARGON2_MEMORY_KIB,
        passes: ARGON2_PASSES,
        key: base64::engine::general_purpose::STANDARD.encode(seal_bytes(
            &password_key(password, &salt, ARGON2_MEMORY_KIB, ARGON2_PASSES)?,
            key.as_ref(),
        )?),
    };
    serde_json::to_string(&record).map_err(|_| damaged())
}

/// The data key, or `None` when the password does not open it.
fn unwrap_key(record: &Record, password: &str) -> Result<Option<Key>, StoreError> {
    // The record's costs are checked: a planted record must not stall us.
    if record.memory_kib > 1 << 20 || record.passes > 16 {
        return Err(damaged());
    }
    let engine = base64::engine::general_purpose::STANDARD;
    let salt = engine.decode(&record.salt).map_err(|_| damaged())?;
    let sealed = engine.decode(&record.key).map_err(|_| damaged())?;
    let password_key = password_key(password, &salt, record.memory_kib, record.passes)?;
    Ok(open_bytes(&password_key, &sealed).and_then(|bytes| {
        let key: [u8; 32] = bytes.as_slice().try_into().ok()?;
        Some(Zeroizing::new(key))
    }))
}

fn password_key(
    password: &str,
    salt: &[u8],
    memory_kib: u32,
    passes: u32,
) -> Result<Key, StoreError> {
    let params = argon2::Params::new(memory_kib, passes, 1, Some(32)).map_err(|_| damaged())?;
    let argon2 = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let mut key: Key = Zeroizing::new([0; 32]);
    argon2
        .hash_password_into(password.as_bytes(), salt, key.as_mut())
        .map_err(|_| damaged())?;
    Ok(key)
}

fn random<const N: usize>() -> Result<[u8; N], StoreError> {
    crate::random::bytes().map_err(|error| StoreError::Failure(error.to_string()))
}

fn damaged() -> StoreError {
    StoreError::Failure(
        "a protected keyring entry does not open: it is damaged or was not written by Twofold"
            .into(),
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::sync::Arc;

    use super::*;
    use crate::vault::Vault;
    use crate::vault::store::memory::MemoryStore;

    const GITHUB: &str = "otpauth://totp/GitHub:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    const BANK: &str = "otpauth://totp/Bank:bob?secret=JBSWY3DPEHPK3PXP";

    struct Fixture {
        _dir: tempfile::TempDir,
        entries: Arc<MemoryStore>,
        settings: Arc<MemoryStore>,
        vault: Vault<SealedStore<Arc<MemoryStore>>>,
    }

    fn fixture() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let entries = Arc::new(MemoryStore::default());
        let settings = Arc::new(MemoryStore::default());
        let vault = Vault::open(
            dir.path().to_owned(),
            SealedStore::new(entries.clone(), settings.clone()),
        )
        .unwrap();
        for uri in [GITHUB, BANK] {
            vault.add(&crate::uri::parse(uri).unwrap()).unwrap();
        }
        Fixture {
            _dir: dir,
            entries,
            settings,
            vault,
        }
    }

    /// Every payload as another program reading the keyring sees it.
    fn raw(store: &MemoryStore) -> String {
        let mut all: Vec<String> = store
            .read_all()
            .unwrap()
            .into_values()
            .map(|payload| payload.to_string())
            .collect();
        all.sort();
        all.join("\n")
    }

    fn codes(
        vault: &Vault<SealedStore<Arc<MemoryStore>>>,
    ) -> Result<Vec<String>, crate::vault::VaultError> {
        vault
            .accounts()?
            .iter()
            .map(|account| Ok(vault.code(account, 59)?.current.value))
            .collect()
    }

    #[test]
    fn protected_entries_hold_only_ciphertext_and_open_with_the_password() {
        let fixture = fixture();
        let before = codes(&fixture.vault).unwrap();
        assert!(raw(&fixture.entries).contains("GEZDGNBV"), "plain before");
        let protection = fixture.vault.protection();
        protection.protect("correct horse").unwrap();
        let stored = raw(&fixture.entries);
        assert!(
            !stored.contains("GEZDGNBV") && !stored.contains("JBSWY3DP"),
            "{stored}"
        );
        assert!(stored.lines().all(|line| line.starts_with(SEALED)));
        assert!(!raw(&fixture.settings).contains("correct horse"));
        assert_eq!(
            codes(&fixture.vault).unwrap(),
            before,
            "open while the key is in memory"
        );

        protection.close();
        assert!(matches!(
            codes(&fixture.vault),
            Err(crate::vault::VaultError::Keyring(StoreError::Protected))
        ));
        assert!(
            fixture
                .vault
                .add(&crate::uri::parse("otpauth://totp/X:y?secret=JBSWY3DPEHPK3PXQ").unwrap())
                .is_err(),
            "no plain write while the key is closed"
        );
        assert!(!protection.open("wrong horse").unwrap());
        assert!(protection.open("correct horse").unwrap());
        assert_eq!(codes(&fixture.vault).unwrap(), before);

        protection.change_password("new password").unwrap();
        protection.close();
        assert!(!protection.open("correct horse").unwrap());
        assert!(protection.open("new password").unwrap());

        protection.unprotect().unwrap();
        assert!(!protection.is_protected().unwrap());
        assert!(raw(&fixture.entries).contains("GEZDGNBV"), "plain again");
        assert_eq!(codes(&fixture.vault).unwrap(), before);
    }

    #[test]
    fn a_forgotten_password_starts_over_without_the_protected_accounts() {
        let fixture = fixture();
        fixture.vault.protection().protect("correct horse").unwrap();
        fixture.vault.protection().close();
        assert_eq!(fixture.vault.forget_protected().unwrap(), 2);
        assert!(fixture.vault.accounts().unwrap().is_empty());
        assert_eq!(fixture.entries.entry_count(), 0);
        assert!(!fixture.vault.protection().is_protected().unwrap());
        let added = fixture
            .vault
            .add(&crate::uri::parse(GITHUB).unwrap())
            .unwrap();
        assert!(raw(&fixture.entries).contains("GEZDGNBV"), "plain again");
        assert!(fixture.vault.code(&added, 59).is_ok());
    }

    #[test]
    fn a_failure_half_way_leaves_every_account_readable_and_protection_off() {
        let fixture = fixture();
        let before = codes(&fixture.vault).unwrap();
        let plain = raw(&fixture.entries);
        fixture.entries.fail_after("write", 1);
        assert!(fixture.vault.protection().protect("correct horse").is_err());
        assert!(!fixture.vault.protection().is_protected().unwrap());
        assert_eq!(
            raw(&fixture.entries),
            plain,
            "the entry sealed first is written back"
        );
        assert_eq!(codes(&fixture.vault).unwrap(), before);

        fixture.vault.protection().protect("correct horse").unwrap();
        let sealed = raw(&fixture.entries);
        fixture.entries.fail_after("write", 1);
        assert!(fixture.vault.protection().unprotect().is_err());
        assert!(fixture.vault.protection().is_protected().unwrap());
        assert_eq!(raw(&fixture.entries), sealed, "still all sealed");
        assert_eq!(codes(&fixture.vault).unwrap(), before);
    }
}
