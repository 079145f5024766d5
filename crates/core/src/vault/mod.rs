//! The store the app and the CLI share: account metadata in an index file,
//! secrets and backup codes in the OS keyring (see `DESIGN.md`, *Storage*).
//!
//! Order of writes, so that a crash or a keyring failure loses nothing: adding
//! writes the keyring first, then the index; removing changes the index first,
//! then the keyring. An account whose keyring entry is missing stays listed,
//! with an error where its code would be.

mod account;
#[cfg(all(
    unix,
    not(any(target_os = "macos", target_os = "ios", target_os = "android"))
))]
mod batch;
mod doctor;
mod entry;
mod error;
mod index;
pub mod sealed;
pub mod store;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

pub use account::{Account, AccountEdit, BackupCodeCounts, display_order};
pub use doctor::{Checkup, Finding, Repaired};
pub use error::{Notice, VaultError};
pub use sealed::SealedStore;
pub use store::{KeyringStore, SecretStore, StoreError};

use crate::backup_codes::{self, BackupCode};
use crate::draft::{AccountDraft, clean_name};
use crate::otp::{self, Code, CodePair, Otp, OtpKind};
use entry::Entry;
use index::{Index, IndexLock};

/// The data dir shared by the app and the CLI: `$TWOFOLD_DATA_DIR`, else the
/// platform's (`~/.local/share/twofold` on Linux).
pub fn default_data_dir() -> Option<PathBuf> {
    std::env::var_os("TWOFOLD_DATA_DIR")
        .filter(|dir| !dir.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            directories::ProjectDirs::from("", "", "twofold").map(|dirs| dirs.data_dir().to_owned())
        })
}

/// When the account list in `dir` last changed (`None`: there is none yet):
/// a long-running process compares it to notice changes made by another.
pub fn list_modified(dir: &Path) -> Option<std::time::SystemTime> {
    index::modified(dir)
}

/// An account as a list shows it: its current code, or why there is none.
#[derive(Debug)]
pub struct AccountCode {
    pub account: Account,
    /// `Ok(None)` for HOTP: its code is made only when it is used
    /// ([`Vault::use_code`]), so a list never shows a code the site has
    /// already taken.
    pub code: Result<Option<CodePair>, VaultError>,
}

/// A code given out by [`Vault::use_code`], and its account.
#[derive(Debug)]
pub struct UsedCode {
    pub account: Account,
    pub code: Code,
}

/// A removed account with its keyring entry, for undo. The entry is wiped
/// from memory when this is dropped.
pub struct Removed {
    pub account: Account,
    position: usize,
    payload: Option<zeroize::Zeroizing<String>>,
}

/// Without the entry, which holds the secret and the backup codes.
impl std::fmt::Debug for Removed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Removed")
            .field("account", &self.account)
            .field("position", &self.position)
            .finish_non_exhaustive()
    }
}

/// Secrets already read from the keyring, by account id (wiped on drop).
/// `None`: the entry was there but unreadable.
#[derive(Debug, Default)]
pub struct SecretCache(std::collections::HashMap<String, Option<crate::otp::Secret>>);

impl SecretCache {
    /// Drops an account's cached secret, so that it is read again.
    pub fn forget(&mut self, id: &str) {
        self.0.remove(id);
    }

    /// Keeps the secret of a keyring entry just read, unless one is held.
    fn keep(&mut self, id: String, payload: &str) {
        self.0
            .entry(id)
            .or_insert_with(|| Entry::decode(payload).and_then(|entry| entry.secret()));
    }
}

/// The accounts of one data dir and keyring.
#[derive(Debug)]
pub struct Vault<S: SecretStore = SealedStore<KeyringStore>> {
    index: Index,
    store: S,
    notices: Mutex<Vec<Notice>>,
}

impl Vault<SealedStore<KeyringStore>> {
    /// The user's vault: [`default_data_dir`] and the OS keyring.
    pub fn open_default() -> Result<Self, VaultError> {
        let dir = default_data_dir().ok_or(VaultError::NoDataDir)?;
        let keyring = KeyringStore::from_env()?;
        let settings = keyring.companion("settings")?;
        Self::open(dir, SealedStore::new(keyring, settings))
    }
}

impl<S: SecretStore> Vault<SealedStore<S>> {
    /// Protection of the secrets with the lock password (see [`sealed`]).
    pub fn protection(&self) -> &SealedStore<S> {
        &self.store
    }

    /// Starts over without the lock password. Protected accounts cannot be
    /// opened without it, so they leave the list and the keyring (an
    /// encrypted backup brings them back) and protection ends; accounts
    /// stored plainly stay. Returns how many accounts were removed.
    pub fn forget_protected(&self) -> Result<usize, VaultError> {
        let sealed = self.store.sealed_ids()?;
        self.change_index(|accounts| {
            accounts.retain(|account| !sealed.contains(&account.id));
            Ok(())
        })?;
        for id in &sealed {
            self.store.delete(id)?;
        }
        self.store.forget()?;
        Ok(sealed.len())
    }
}

impl<S: SecretStore> Vault<S> {
    pub fn open(dir: PathBuf, store: S) -> Result<Self, VaultError> {
        Ok(Self {
            index: Index::open(dir)?,
            store,
            notices: Mutex::new(Vec::new()),
        })
    }

    pub fn data_dir(&self) -> &Path {
        self.index.dir()
    }

    /// What happened that the user should be told about, since the last call.
    pub fn take_notices(&self) -> Vec<Notice> {
        self.notices
            .lock()
            .map(|mut notices| std::mem::take(&mut *notices))
            .unwrap_or_default()
    }

    /// Every account, in the user's order. Reading needs no lock, so the
    /// list answers while another process is in the middle of a change.
    pub fn accounts(&self) -> Result<Vec<Account>, VaultError> {
        if let Some(accounts) = self.index.read_unlocked() {
            return Ok(accounts);
        }
        let lock = self.index.lock()?;
        self.load(&lock)
    }

    /// The accounts a query picks (see [`Account::matches`]).
    pub fn find(&self, query: &str) -> Result<Vec<Account>, VaultError> {
        Ok(self
            .accounts()?
            .into_iter()
            .filter(|account| account.matches(query))
            .collect())
    }

    /// The one account a query picks; an error naming the candidates when it
    /// picks none or several.
    pub fn find_one(&self, query: &str) -> Result<Account, VaultError> {
        let mut found = self.find(query)?;
        match found.len() {
            0 => Err(VaultError::NoMatch(query.to_owned())),
            1 => Ok(found.remove(0)),
            _ => Err(VaultError::Ambiguous {
                query: query.to_owned(),
                candidates: found
                    .iter()
                    .map(Account::label)
                    .collect::<Vec<_>>()
                    .join(", "),
            }),
        }
    }

    pub fn account(&self, id: &str) -> Result<Account, VaultError> {
        self.accounts()?
            .into_iter()
            .find(|account| account.id == id)
            .ok_or_else(|| VaultError::NotFound(id.to_owned()))
    }

    /// Stores a new account: the keyring entry first, then the index. Refused
    /// when an account with the same issuer, name and secret is stored.
    pub fn add(&self, draft: &AccountDraft) -> Result<Account, VaultError> {
        // Keyring calls (which may wait on an unlock prompt) happen outside
        // the index lock, so that the app and the CLI never wait on each
        // other's prompts: the duplicate check and the entry come first.
        let listed = self.accounts()?;
        if let Some(stored) = self.duplicate_in(&listed, draft) {
            return Err(VaultError::Duplicate(stored.label()));
        }
        let account = Account {
            id: crate::random::id(),
            issuer: clean_name(&draft.issuer),
            name: clean_name(&draft.name),
            kind: draft.otp.kind(),
            algorithm: draft.otp.algorithm(),
            digits: draft.otp.digits(),
            group: draft
                .group
                .as_deref()
                .map(clean_name)
                .filter(|group| !group.is_empty()),
            favorite: draft.favorite,
            created_at: otp::unix_now(),
            used_at: None,
            backup_codes: BackupCodeCounts::of(&draft.backup_codes),
        };
        let mut entry = Entry::new(draft.otp.secret(), &account);
        entry.backup_codes = draft.backup_codes.clone();
        self.store.write(&account.id, &entry.encode()?)?;
        let listed = self.change_index(|accounts| {
            // The same account may have been added meanwhile by another
            // process (its secret is read only in that rare case).
            let newcomers: Vec<Account> = accounts
                .iter()
                .filter(|stored| !listed.iter().any(|before| before.id == stored.id))
                .cloned()
                .collect();
            if let Some(stored) = self.duplicate_in(&newcomers, draft) {
                return Err(VaultError::Duplicate(stored.label()));
            }
            accounts.push(account.clone());
            Ok(())
        });
        if let Err(error) = listed {
            // Not listed, so not kept: take the secret back out of the keyring.
            let _ = self.store.delete(&account.id);
            return Err(error);
        }
        Ok(account)
    }

    /// Adds every draft not stored yet, all or none: after a failure the
    /// accounts this call added are taken out again. Drafts already stored are
    /// skipped (their labels returned), never added twice.
    pub fn add_all(&self, drafts: &[AccountDraft]) -> Result<AddedAll, VaultError> {
        let mut done = AddedAll::default();
        for draft in drafts {
            match self.add(draft) {
                Ok(account) => done.added.push(account),
                Err(VaultError::Duplicate(label)) => done.already_stored.push(label),
                Err(error) => {
                    for account in done.added.iter().rev() {
                        let _ = self.remove(&account.id);
                    }
                    return Err(error);
                }
            }
        }
        Ok(done)
    }

    /// The stored account with the same issuer, name and secret, if any.
    pub fn find_duplicate(&self, draft: &AccountDraft) -> Result<Option<Account>, VaultError> {
        let accounts = self.accounts()?;
        Ok(self.duplicate_in(&accounts, draft).cloned())
    }

    fn duplicate_in<'a>(
        &self,
        accounts: &'a [Account],
        draft: &AccountDraft,
    ) -> Option<&'a Account> {
        accounts
            .iter()
            .filter(|account| {
                account.issuer.eq_ignore_ascii_case(draft.issuer.trim())
                    && account.name == draft.name.trim()
            })
            .find(|account| {
                self.entry(account)
                    .is_ok_and(|entry| entry.secret().as_ref() == Some(draft.otp.secret()))
            })
    }

    /// Changes an account's metadata or code parameters.
    pub fn edit(&self, id: &str, edit: &AccountEdit) -> Result<Account, VaultError> {
        self.update(id, |account| {
            let kind = edit.kind.unwrap_or(account.kind);
            let (algorithm, digits) = otp::validate(
                kind,
                edit.algorithm.unwrap_or(account.algorithm),
                edit.digits.unwrap_or(account.digits),
            )?;
            (account.kind, account.algorithm, account.digits) = (kind, algorithm, digits);
            if let Some(issuer) = &edit.issuer {
                account.issuer = clean_name(issuer);
            }
            if let Some(name) = &edit.name {
                account.name = clean_name(name);
            }
            if let Some(group) = &edit.group {
                account.group = group
                    .as_deref()
                    .map(clean_name)
                    .filter(|group| !group.is_empty());
            }
            if let Some(favorite) = edit.favorite {
                account.favorite = favorite;
            }
            Ok(())
        })
    }

    /// Puts the accounts in the given order; accounts not named keep their
    /// relative order after the named ones.
    pub fn reorder(&self, ids: &[String]) -> Result<(), VaultError> {
        self.change_index(|accounts| {
            if let Some(unknown) = ids
                .iter()
                .find(|id| !accounts.iter().any(|account| &account.id == *id))
            {
                return Err(VaultError::NotFound(unknown.clone()));
            }
            accounts.sort_by_key(|account| {
                ids.iter()
                    .position(|id| *id == account.id)
                    .unwrap_or(usize::MAX)
            });
            Ok(())
        })
    }

    /// Removes an account: from the index first, then its keyring entry. What
    /// is returned can put it back ([`Vault::restore`]) for as long as it is kept.
    pub fn remove(&self, id: &str) -> Result<Removed, VaultError> {
        // The entry is read first, for undo; the keyring is not touched
        // under the index lock.
        let payload = self.store.read(id)?;
        let mut taken = None;
        self.change_index(|accounts| {
            let position = accounts
                .iter()
                .position(|account| account.id == id)
                .ok_or_else(|| VaultError::NotFound(id.to_owned()))?;
            taken = Some((accounts.remove(position), position));
            Ok(())
        })?;
        let (account, position) = taken.ok_or_else(|| VaultError::NotFound(id.to_owned()))?;
        self.store
            .delete(id)
            .map_err(|source| VaultError::SecretNotDeleted {
                account: account.label(),
                source,
            })?;
        Ok(Removed {
            account,
            position,
            payload,
        })
    }

    /// Puts a removed account back where it was (undo): the keyring entry
    /// first, then the index.
    pub fn restore(&self, removed: &Removed) -> Result<Account, VaultError> {
        if let Some(payload) = &removed.payload {
            self.store.write(&removed.account.id, payload)?;
        }
        self.change_index(|accounts| {
            if !accounts
                .iter()
                .any(|account| account.id == removed.account.id)
            {
                accounts.insert(
                    removed.position.min(accounts.len()),
                    removed.account.clone(),
                );
            }
            Ok(())
        })?;
        Ok(removed.account.clone())
    }

    /// The account's code parameters and secret.
    pub fn otp(&self, account: &Account) -> Result<Otp, VaultError> {
        let entry = self.entry(account)?;
        otp_of(account, &entry)
    }

    /// Every account as a draft with its secret, group, favourite mark and
    /// backup codes, in the user's order: what an export holds. Fails whole
    /// when any secret cannot be read, so a backup is never silently short.
    pub fn export(&self) -> Result<Vec<AccountDraft>, VaultError> {
        // One keyring call for all the entries, not one per account.
        let mut payloads = self.store.read_all()?;
        self.accounts()?
            .into_iter()
            .map(|account| {
                let entry = decode_entry(&account, payloads.remove(&account.id))?;
                let mut draft =
                    AccountDraft::new(&*account.issuer, &*account.name, otp_of(&account, &entry)?);
                draft.group = account.group;
                draft.favorite = account.favorite;
                draft.backup_codes = entry.backup_codes.clone();
                Ok(draft)
            })
            .collect()
    }

    /// The code shown now and the next one. HOTP: the code of the stored
    /// counter, without advancing it.
    pub fn code(&self, account: &Account, now: u64) -> Result<CodePair, VaultError> {
        Ok(self.otp(account)?.code_pair(now))
    }

    /// The codes of every account in display order, reading the keyring
    /// once for all of them.
    pub fn codes(&self, now: u64) -> Result<Vec<AccountCode>, VaultError> {
        self.codes_cached(&mut SecretCache::default(), now)
    }

    /// The codes of every account in display order (as every list shows
    /// them), reading from the keyring only the secrets the cache does not
    /// hold yet (a long-running app reads each secret once, and again only
    /// after [`SecretCache::forget`]).
    pub fn codes_cached(
        &self,
        cache: &mut SecretCache,
        now: u64,
    ) -> Result<Vec<AccountCode>, VaultError> {
        let mut accounts = self.accounts()?;
        display_order(&mut accounts);
        cache
            .0
            .retain(|id, _| accounts.iter().any(|account| &account.id == id));
        if accounts
            .iter()
            .any(|account| !cache.0.contains_key(&account.id))
        {
            for (id, payload) in self.store.read_all()? {
                cache.keep(id, &payload);
            }
        }
        Ok(accounts
            .into_iter()
            .map(|account| {
                let code = cached_code(cache, &account, now);
                AccountCode { account, code }
            })
            .collect())
    }

    /// A screenful first: the codes of the first `count` accounts in display
    /// order, reading only their secrets that the cache lacks (found by their
    /// ids: for a few, quicker than the whole keyring at once).
    /// [`Vault::codes_cached`] brings the rest.
    pub fn first_codes(
        &self,
        cache: &mut SecretCache,
        now: u64,
        count: usize,
    ) -> Result<Vec<AccountCode>, VaultError> {
        let mut accounts = self.accounts()?;
        display_order(&mut accounts);
        accounts.truncate(count);
        let unread: Vec<&str> = accounts
            .iter()
            .map(|account| account.id.as_str())
            .filter(|id| !cache.0.contains_key(*id))
            .collect();
        if !unread.is_empty() {
            for (id, payload) in self.store.read_some(&unread)? {
                cache.keep(id, &payload);
            }
        }
        Ok(accounts
            .into_iter()
            .map(|account| {
                let code = cached_code(cache, &account, now);
                AccountCode { account, code }
            })
            .collect())
    }

    /// The code to type into the site now, as every front end hands one out
    /// (the CLI's `code`, the window's copy, the tray, the quick pick). TOTP
    /// and Steam: the code of the current window. HOTP: the counter moves on
    /// first and the new counter's code is given, so no code is given twice.
    /// The account is marked used.
    pub fn use_code(&self, id: &str, now: u64) -> Result<UsedCode, VaultError> {
        let account = self.account(id)?;
        if matches!(account.kind, OtpKind::Hotp { .. }) {
            let code = self.advance_hotp(id)?;
            return Ok(UsedCode {
                account: self.account(id)?,
                code,
            });
        }
        let code = self.code(&account, now)?.current;
        self.mark_used(id)?;
        Ok(UsedCode { account, code })
    }

    /// HOTP: moves the counter on by one, stores it, then returns the code of
    /// the new counter — so a code is never shown twice.
    pub(crate) fn advance_hotp(&self, id: &str) -> Result<Code, VaultError> {
        // The entry first, outside the index lock, with the counter the
        // list is about to get: should the list's write fail (or the process
        // die), the keyring's counter is ahead, never behind, and a code is
        // never shown twice, even after a repair from the keyring.
        let account = self.account(id)?;
        let predicted = advanced(&account)?;
        let mut entry = self.entry(&account)?;
        entry.describe(&predicted);
        self.store.write(id, &entry.encode()?)?;
        let mut stored = None;
        self.change_index(|accounts| {
            let account = find_mut(accounts, id)?;
            *account = advanced(account)?;
            stored = Some(account.clone());
            Ok(())
        })?;
        let account = stored.ok_or_else(|| VaultError::NotFound(id.to_owned()))?;
        if account.kind != predicted.kind {
            // Another process advanced it meanwhile: the entry follows.
            entry.describe(&account);
            self.store.write(id, &entry.encode()?)?;
        }
        Ok(otp_of(&account, &entry)?.code_at(0))
    }

    /// Records that a code of the account was used (copied) now. A nicety:
    /// skipped, without waiting, while another process is changing the
    /// accounts (perhaps stuck on a keyring prompt), so a copy never waits.
    fn mark_used(&self, id: &str) -> Result<(), VaultError> {
        let lock = match self.index.try_lock() {
            Ok(lock) => lock,
            Err(VaultError::Busy) => return Ok(()),
            Err(error) => return Err(error),
        };
        let mut accounts = self.load(&lock)?;
        find_mut(&mut accounts, id)?.used_at = Some(otp::unix_now());
        self.index.save(&lock, &accounts)
    }

    /// The account's backup codes, with their used marks.
    pub fn backup_codes(&self, account: &Account) -> Result<Vec<BackupCode>, VaultError> {
        Ok(self.entry(account)?.backup_codes.clone())
    }

    /// Adds the codes found in pasted text to those stored (skipping ones
    /// already there).
    pub fn add_backup_codes(&self, id: &str, text: &str) -> Result<Vec<BackupCode>, VaultError> {
        let found = parsed_codes(text)?;
        self.change_backup_codes(id, |_, codes| {
            for code in found {
                if !codes.iter().any(|stored| stored.matches(&code)) {
                    codes.push(BackupCode::new(code));
                }
            }
            Ok(())
        })
    }

    /// Replaces all backup codes with those found in pasted text (the site
    /// regenerated them).
    pub fn replace_backup_codes(
        &self,
        id: &str,
        text: &str,
    ) -> Result<Vec<BackupCode>, VaultError> {
        let found = parsed_codes(text)?;
        self.change_backup_codes(id, |_, codes| {
            *codes = found.into_iter().map(BackupCode::new).collect();
            Ok(())
        })
    }

    /// The stored backup code matching `typed` (spaces, dashes and case
    /// aside).
    pub fn backup_code(&self, account: &Account, typed: &str) -> Result<BackupCode, VaultError> {
        let codes = self.backup_codes(account)?;
        Ok(codes[position_of(account, &codes, typed)?].clone())
    }

    /// Marks a code used: the given one, or the first unused one. Returns it.
    pub fn use_backup_code(&self, id: &str, code: Option<&str>) -> Result<BackupCode, VaultError> {
        let mut marked = None;
        self.change_backup_codes(id, |account, codes| {
            let chosen = match code {
                Some(code) => {
                    let position = position_of(account, codes, code)?;
                    &mut codes[position]
                }
                None => codes
                    .iter_mut()
                    .find(|stored| !stored.is_used())
                    .ok_or_else(|| VaultError::NoUnusedBackupCodes(account.label()))?,
            };
            chosen.used_at.get_or_insert_with(otp::unix_now);
            marked = Some(chosen.clone());
            Ok(())
        })?;
        marked.ok_or_else(|| VaultError::NoUnusedBackupCodes(id.to_owned()))
    }

    /// Marks a used code unused again.
    pub fn unuse_backup_code(&self, id: &str, code: &str) -> Result<Vec<BackupCode>, VaultError> {
        self.change_backup_codes(id, |account, codes| {
            let position = position_of(account, codes, code)?;
            codes[position].used_at = None;
            Ok(())
        })
    }

    fn load(&self, lock: &IndexLock) -> Result<Vec<Account>, VaultError> {
        let mut notices = Vec::new();
        let accounts = self.index.load(lock, &mut notices);
        if let Ok(mut pending) = self.notices.lock() {
            pending.extend(notices);
        }
        accounts
    }

    /// Applies a change to one account under the lock, and records it in the
    /// account's keyring entry too (which describes the account, for repair).
    /// An account whose entry is missing or damaged is still changed in the
    /// index: a rename must not need the secret.
    fn update(
        &self,
        id: &str,
        change: impl FnOnce(&mut Account) -> Result<(), VaultError>,
    ) -> Result<Account, VaultError> {
        let mut changed = None;
        self.change_index(|accounts| {
            let account = find_mut(accounts, id)?;
            change(account)?;
            changed = Some(account.clone());
            Ok(())
        })?;
        let account = changed.ok_or_else(|| VaultError::NotFound(id.to_owned()))?;
        // Then the entry, outside the lock; the list is what counts, so an
        // entry that cannot be rewritten now (missing, damaged, a keyring
        // gone) only describes the account as it was until the next change.
        if let Ok(mut entry) = self.entry(&account) {
            entry.describe(&account);
            if let Ok(payload) = entry.encode() {
                let _ = self.store.write(&account.id, &payload);
            }
        }
        Ok(account)
    }

    /// Reads, changes and writes the index under its lock, with no keyring
    /// call in between.
    fn change_index(
        &self,
        change: impl FnOnce(&mut Vec<Account>) -> Result<(), VaultError>,
    ) -> Result<(), VaultError> {
        let lock = self.index.lock()?;
        let mut accounts = self.load(&lock)?;
        change(&mut accounts)?;
        self.index.save(&lock, &accounts)
    }

    /// Changes an account's backup codes: the keyring entry, then the counts
    /// in the index.
    fn change_backup_codes(
        &self,
        id: &str,
        change: impl FnOnce(&Account, &mut Vec<BackupCode>) -> Result<(), VaultError>,
    ) -> Result<Vec<BackupCode>, VaultError> {
        let mut account = self.account(id)?;
        let mut entry = self.entry(&account)?;
        change(&account, &mut entry.backup_codes)?;
        account.backup_codes = BackupCodeCounts::of(&entry.backup_codes);
        entry.describe(&account);
        self.store.write(id, &entry.encode()?)?;
        self.change_index(|accounts| {
            find_mut(accounts, id)?.backup_codes = account.backup_codes;
            Ok(())
        })?;
        Ok(entry.backup_codes.clone())
    }

    fn entry(&self, account: &Account) -> Result<Entry, VaultError> {
        decode_entry(account, self.store.read(&account.id)?)
    }
}

/// The account's code from the secrets read so far: an error when its
/// secret is missing or unusable.
fn cached_code(
    cache: &SecretCache,
    account: &Account,
    now: u64,
) -> Result<Option<CodePair>, VaultError> {
    match cache.0.get(&account.id) {
        Some(Some(_)) if matches!(account.kind, OtpKind::Hotp { .. }) => Ok(None),
        Some(Some(secret)) => Otp::new(
            account.kind,
            account.algorithm,
            account.digits,
            secret.clone(),
        )
        .map(|otp| Some(otp.code_pair(now)))
        .map_err(VaultError::from),
        Some(None) => Err(VaultError::DamagedSecret(account.label())),
        None => Err(VaultError::MissingSecret(account.label())),
    }
}

/// The keyring entry of `account` from its payload, if the keyring had one.
fn decode_entry(
    account: &Account,
    payload: Option<zeroize::Zeroizing<String>>,
) -> Result<Entry, VaultError> {
    let payload = payload.ok_or_else(|| VaultError::MissingSecret(account.label()))?;
    Entry::decode(&payload).ok_or_else(|| VaultError::DamagedSecret(account.label()))
}

fn otp_of(account: &Account, entry: &Entry) -> Result<Otp, VaultError> {
    let secret = entry
        .secret()
        .ok_or_else(|| VaultError::DamagedSecret(account.label()))?;
    Ok(Otp::new(
        account.kind,
        account.algorithm,
        account.digits,
        secret,
    )?)
}

/// The account with its HOTP counter moved on by one, used now.
fn advanced(account: &Account) -> Result<Account, VaultError> {
    let OtpKind::Hotp { counter } = account.kind else {
        return Err(VaultError::NotHotp(account.label()));
    };
    let counter = counter
        .checked_add(1)
        .ok_or_else(|| VaultError::CounterExhausted(account.label()))?;
    Ok(Account {
        kind: OtpKind::Hotp { counter },
        used_at: Some(otp::unix_now()),
        ..account.clone()
    })
}

/// Where the backup code matching `typed` is among the account's codes.
fn position_of(account: &Account, codes: &[BackupCode], typed: &str) -> Result<usize, VaultError> {
    codes
        .iter()
        .position(|stored| stored.matches(typed))
        .ok_or_else(|| VaultError::NoSuchBackupCode {
            account: account.label(),
            code: typed.to_owned(),
        })
}

fn find_mut<'a>(accounts: &'a mut [Account], id: &str) -> Result<&'a mut Account, VaultError> {
    accounts
        .iter_mut()
        .find(|account| account.id == id)
        .ok_or_else(|| VaultError::NotFound(id.to_owned()))
}

fn parsed_codes(text: &str) -> Result<Vec<String>, VaultError> {
    let codes = backup_codes::parse(text);
    if codes.is_empty() {
        return Err(VaultError::NoBackupCodesFound);
    }
    Ok(codes)
}

/// What [`Vault::add_all`] did.
#[derive(Debug, Default)]
pub struct AddedAll {
    pub added: Vec<Account>,
    /// Labels of the drafts that were stored already.
    pub already_stored: Vec<String>,
}

#[cfg(test)]
mod tests;
