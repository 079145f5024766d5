//! Comparing the index with the keyring, and repairing what can be repaired:
//! a lost or damaged index is rebuilt from the keyring entries, which describe
//! their accounts. Nothing here ever deletes a keyring entry.

use std::collections::HashMap;
use std::fmt;

use zeroize::Zeroizing;

use super::account::{Account, BackupCodeCounts};
use super::entry::Entry;
use super::{SecretStore, Vault, VaultError};
use crate::otp::{self, Algorithm, DEFAULT_PERIOD, OtpKind};

/// What a check found, account by account.
#[derive(Debug, Default)]
pub struct Checkup {
    pub findings: Vec<Finding>,
}

/// The state of one account, or of one keyring entry the list does not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// Listed, with a readable entry that describes it.
    Fine(Account),
    /// Listed and readable, but the entry predates self-describing entries:
    /// a repair adds the account's details to it.
    OldEntry(Account),
    /// Listed, but the keyring has no entry for it.
    SecretMissing(Account),
    /// Listed, but its entry cannot be read.
    Unreadable(Account),
    /// A readable entry the list does not hold: a repair lists it again.
    /// `account` is what the entry describes, or a stand-in with the usual
    /// parameters for an entry too old to describe its account.
    NotListed { account: Account, described: bool },
    /// An entry the list does not hold and that cannot be read: left alone.
    UnreadableUnlisted { id: String },
}

impl Finding {
    /// Whether the account or entry needs the user's attention.
    pub fn is_problem(&self) -> bool {
        !matches!(self, Finding::Fine(_) | Finding::OldEntry(_))
    }

    /// Whether a repair fixes it.
    pub fn is_repairable(&self) -> bool {
        matches!(self, Finding::OldEntry(_) | Finding::NotListed { .. })
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Finding::Fine(account) => write!(f, "{}: fine", account.label()),
            Finding::OldEntry(account) => write!(
                f,
                "{}: fine; its keyring entry is in the old format (a repair adds the account's details to it)",
                account.label()
            ),
            Finding::SecretMissing(account) => write!(
                f,
                "{}: the secret is missing from the keyring; restore it from a backup",
                account.label()
            ),
            Finding::Unreadable(account) => write!(
                f,
                "{}: the keyring entry is damaged and cannot be read; restore it from a backup",
                account.label()
            ),
            Finding::NotListed {
                account,
                described: true,
            } => write!(
                f,
                "{}: in the keyring but not in the list (a repair restores it)",
                account.label()
            ),
            Finding::NotListed {
                account,
                described: false,
            } => write!(
                f,
                "keyring entry {}: in the keyring but not in the list, without its details (a repair restores it as \"{}\", assuming a 6-digit, 30-second code)",
                account.id,
                account.label()
            ),
            Finding::UnreadableUnlisted { id } => write!(
                f,
                "keyring entry {id}: not in the list and damaged; left as it is"
            ),
        }
    }
}

/// Whether a repair lists unlisted entries again, or only upgrades.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Restore {
    Too,
    No,
}

/// What a repair did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Repaired {
    /// Accounts listed again from their keyring entries.
    pub restored: Vec<Account>,
    /// Entries that now describe their accounts.
    pub upgraded: usize,
}

impl<S: SecretStore> Vault<S> {
    /// Compares the list with the keyring (one keyring call), changing nothing.
    pub fn check(&self) -> Result<Checkup, VaultError> {
        let accounts = self.accounts()?;
        Ok(checkup(&accounts, &self.store.read_all()?))
    }

    /// Lists again every readable entry the list lacks (after the accounts
    /// already listed, in the order they were added) and adds the account's
    /// details to every entry that lacks them. Never deletes an entry.
    pub fn repair(&self) -> Result<Repaired, VaultError> {
        self.repair_part(Restore::Too)
    }

    /// Only adds the account's details to listed entries of the first
    /// format: changes nothing the user sees, so the app does it at start.
    pub fn upgrade_entries(&self) -> Result<usize, VaultError> {
        Ok(self.repair_part(Restore::No)?.upgraded)
    }

    fn repair_part(&self, restore: Restore) -> Result<Repaired, VaultError> {
        // The keyring's part outside the index lock (see `Vault::add`).
        let accounts = self.accounts()?;
        let mut repaired = Repaired::default();
        let mut payloads = self.store.read_all()?;
        for finding in checkup(&accounts, &payloads).findings {
            match finding {
                Finding::OldEntry(account) => {
                    repaired.upgraded += self.describe_entry(&mut payloads, &account)?;
                }
                Finding::NotListed { account, described } if restore == Restore::Too => {
                    if !described {
                        repaired.upgraded += self.describe_entry(&mut payloads, &account)?;
                    }
                    repaired.restored.push(account);
                }
                _ => {}
            }
        }
        repaired
            .restored
            .sort_by(|a, b| (a.created_at, &a.id).cmp(&(b.created_at, &b.id)));
        if !repaired.restored.is_empty() {
            self.change_index(|listed| {
                for account in &repaired.restored {
                    if !listed.iter().any(|stored| stored.id == account.id) {
                        listed.push(account.clone());
                    }
                }
                Ok(())
            })?;
        }
        Ok(repaired)
    }

    /// Rewrites the entry of `account` (from `payloads`) in the current
    /// version, describing the account; 1 when written, 0 when unreadable.
    fn describe_entry(
        &self,
        payloads: &mut HashMap<String, Zeroizing<String>>,
        account: &Account,
    ) -> Result<usize, VaultError> {
        let Some(mut entry) = payloads
            .remove(&account.id)
            .and_then(|payload| Entry::decode(&payload))
        else {
            return Ok(0);
        };
        entry.describe(account);
        self.store.write(&account.id, &entry.encode()?)?;
        Ok(1)
    }
}

/// The findings for `accounts` given every entry of the keyring.
fn checkup(accounts: &[Account], payloads: &HashMap<String, Zeroizing<String>>) -> Checkup {
    let mut findings: Vec<Finding> = accounts
        .iter()
        .map(|account| {
            let account = account.clone();
            match payloads
                .get(&account.id)
                .map(|payload| Entry::decode(payload))
            {
                None => Finding::SecretMissing(account),
                Some(None) => Finding::Unreadable(account),
                Some(Some(entry)) if entry.secret().is_none() => Finding::Unreadable(account),
                Some(Some(entry)) if entry.lacks_account() => Finding::OldEntry(account),
                Some(Some(_)) => Finding::Fine(account),
            }
        })
        .collect();
    let mut unlisted: Vec<(&String, Option<Entry>)> = payloads
        .iter()
        .filter(|(id, _)| !accounts.iter().any(|account| &account.id == *id))
        .map(|(id, payload)| (id, Entry::decode(payload)))
        .collect();
    unlisted.sort_by_key(|(id, _)| *id);
    findings.extend(unlisted.into_iter().map(|(id, entry)| match entry {
        Some(entry) if entry.secret().is_some() => match entry.account.clone() {
            Some(mut account) => {
                // The list's key is the entry's: they must agree.
                account.id = id.clone();
                account.backup_codes = BackupCodeCounts::of(&entry.backup_codes);
                Finding::NotListed {
                    account,
                    described: true,
                }
            }
            None => Finding::NotListed {
                account: stand_in(id.clone(), &entry),
                described: false,
            },
        },
        _ => Finding::UnreadableUnlisted { id: id.clone() },
    }));
    Checkup { findings }
}

/// The account an entry too old to describe itself is restored as: named so
/// that the user sees what happened, with the usual parameters (the user can
/// change them).
fn stand_in(id: String, entry: &Entry) -> Account {
    let short: String = id.chars().take(8).collect();
    Account {
        issuer: "Recovered account".to_owned(),
        name: short,
        id,
        kind: OtpKind::Totp {
            period: DEFAULT_PERIOD,
        },
        algorithm: Algorithm::Sha1,
        digits: 6,
        group: None,
        favorite: false,
        created_at: otp::unix_now(),
        used_at: None,
        backup_codes: BackupCodeCounts::of(&entry.backup_codes),
    }
}
