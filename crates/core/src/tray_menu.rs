//! The accounts part of the tray menu, as plain data the shell turns into a
//! native menu: the same order as the window (favourites first, then groups,
//! then the rest), flat while it fits on a screen, in submenus beyond that.

use crate::vault::{Account, display_order};

/// At most this many accounts are listed flat; more go into submenus.
pub const FLAT_LIMIT: usize = 15;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MenuEntry {
    /// Choosing it copies the account's code.
    Account {
        id: String,
        label: String,
    },
    Submenu {
        label: String,
        entries: Vec<MenuEntry>,
    },
    Separator,
}

/// The menu entries of `accounts`. With many accounts: favourites stay at the
/// top, each group becomes a submenu, and the accounts in no group are split
/// into alphabetical submenus of at most [`FLAT_LIMIT`] ("A – F").
pub fn entries(accounts: &[Account]) -> Vec<MenuEntry> {
    let mut accounts = accounts.to_vec();
    display_order(&mut accounts);
    let (favourites, others): (Vec<Account>, Vec<Account>) =
        accounts.into_iter().partition(|account| account.favorite);
    let mut menu: Vec<MenuEntry> = favourites.iter().map(entry).collect();
    if !menu.is_empty() && !others.is_empty() {
        menu.push(MenuEntry::Separator);
    }
    if favourites.len() + others.len() <= FLAT_LIMIT {
        menu.extend(others.iter().map(entry));
        return menu;
    }
    let (grouped, mut loose): (Vec<Account>, Vec<Account>) = others
        .into_iter()
        .partition(|account| account.group.is_some());
    let mut groups: Vec<(String, Vec<MenuEntry>)> = Vec::new();
    for account in &grouped {
        let name = account.group.clone().unwrap_or_default();
        match groups.last_mut() {
            Some((last, entries)) if last.eq_ignore_ascii_case(&name) => {
                entries.push(entry(account))
            }
            _ => groups.push((name, vec![entry(account)])),
        }
    }
    menu.extend(
        groups
            .into_iter()
            .map(|(label, entries)| MenuEntry::Submenu { label, entries }),
    );
    if loose.len() <= FLAT_LIMIT {
        menu.extend(loose.iter().map(entry));
        return menu;
    }
    loose.sort_by_cached_key(|account| account.label().to_lowercase());
    let chunks = loose.len().div_ceil(FLAT_LIMIT);
    let size = loose.len().div_ceil(chunks);
    for chunk in loose.chunks(size) {
        let first = initial(chunk.first());
        let last = initial(chunk.last());
        menu.push(MenuEntry::Submenu {
            label: if first == last {
                first
            } else {
                format!("{first} – {last}")
            },
            entries: chunk.iter().map(entry).collect(),
        });
    }
    menu
}

fn entry(account: &Account) -> MenuEntry {
    MenuEntry::Account {
        id: account.id.clone(),
        label: account.label(),
    }
}

fn initial(account: Option<&Account>) -> String {
    account
        .and_then(|account| account.label().chars().next())
        .map(|first| first.to_uppercase().collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::otp::{Algorithm, OtpKind};
    use crate::vault::BackupCodeCounts;

    fn account(issuer: &str, name: &str, group: Option<&str>, favorite: bool) -> Account {
        Account {
            id: format!("{issuer}/{name}"),
            issuer: issuer.into(),
            name: name.into(),
            kind: OtpKind::Totp { period: 30 },
            algorithm: Algorithm::Sha1,
            digits: 6,
            group: group.map(Into::into),
            favorite,
            created_at: 0,
            used_at: None,
            backup_codes: BackupCodeCounts::default(),
        }
    }

    fn labels(entries: &[MenuEntry]) -> Vec<String> {
        entries
            .iter()
            .map(|entry| match entry {
                MenuEntry::Account { label, .. } => label.clone(),
                MenuEntry::Submenu { label, entries } => {
                    format!("{label} [{}]", labels(entries).join(", "))
                }
                MenuEntry::Separator => "---".into(),
            })
            .collect()
    }

    #[test]
    fn few_accounts_are_flat_with_favourites_first() {
        let accounts = [
            account("GitHub", "alice", None, false),
            account("Bank", "", Some("Money"), false),
            account("", "carol@example.com", None, true),
            account("Proton", "dave", None, false),
        ];
        assert_eq!(
            labels(&entries(&accounts)),
            [
                "carol@example.com",
                "---",
                "Bank",
                "GitHub (alice)",
                "Proton (dave)"
            ]
        );
        let MenuEntry::Account { id, .. } = &entries(&accounts)[0] else {
            panic!("an account first");
        };
        assert_eq!(id, "/carol@example.com");
    }

    #[test]
    fn many_accounts_go_into_group_and_alphabetical_submenus() {
        let mut accounts = vec![
            account("Bank", "bob", Some("Money"), false),
            account("Star", "me", None, true),
            account("Broker", "bob", Some("money"), false),
        ];
        for issuer in ["Zulu", "Alpha", "Mike", "Echo", "Kilo", "Golf"] {
            for name in ["a", "b", "c"] {
                accounts.push(account(issuer, name, None, false));
            }
        }
        let menu = entries(&accounts);
        assert_eq!(
            labels(&menu[..3]),
            ["Star (me)", "---", "Money [Bank (bob), Broker (bob)]"]
        );
        // 18 accounts in no group: two alphabetical submenus of 9.
        assert_eq!(
            labels(&menu[3..]),
            [
                "A – G [Alpha (a), Alpha (b), Alpha (c), Echo (a), Echo (b), Echo (c), Golf (a), Golf (b), Golf (c)]",
                "K – Z [Kilo (a), Kilo (b), Kilo (c), Mike (a), Mike (b), Mike (c), Zulu (a), Zulu (b), Zulu (c)]",
            ]
        );
    }

    #[test]
    fn a_thousand_accounts_stay_within_the_limit_per_submenu() {
        let accounts: Vec<Account> = (0..1000)
            .map(|i| account(&format!("Service {i:04}"), "me", None, false))
            .collect();
        let menu = entries(&accounts);
        assert_eq!(menu.len(), 1000_usize.div_ceil(FLAT_LIMIT));
        let mut seen = 0;
        for entry in &menu {
            let MenuEntry::Submenu { entries, .. } = entry else {
                panic!("submenus only");
            };
            assert!(entries.len() <= FLAT_LIMIT);
            seen += entries.len();
        }
        assert_eq!(seen, 1000);
    }
}
