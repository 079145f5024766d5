//! The vault's rules against an in-memory keyring that fails on demand.

use std::sync::Arc;

use super::store::memory::MemoryStore;
use super::*;
use crate::uri;

struct Fixture {
    dir: tempfile::TempDir,
    store: Arc<MemoryStore>,
}

impl Fixture {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
            store: Arc::default(),
        }
    }

    fn vault(&self) -> Vault<Arc<MemoryStore>> {
        Vault::open(self.dir.path().join("data"), self.store.clone()).unwrap()
    }

    fn index_text(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("data/accounts.json")).unwrap_or_default()
    }
}

fn draft(text: &str) -> AccountDraft {
    uri::parse(text).unwrap()
}

/// The code pair a list shows for a time-based account.
fn shown(code: &AccountCode) -> &CodePair {
    code.code.as_ref().unwrap().as_ref().unwrap()
}

const GITHUB: &str = "otpauth://totp/GitHub:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const BANK: &str = "otpauth://hotp/Bank:bob?secret=JBSWY3DPEHPK3PXP&counter=0";

#[test]
fn added_accounts_survive_a_restart_with_their_codes() {
    let fixture = Fixture::new();
    let added = fixture.vault().add(&draft(GITHUB)).unwrap();
    let vault = fixture.vault();
    let accounts = vault.accounts().unwrap();
    assert_eq!(accounts, vec![added.clone()]);
    assert_eq!(vault.code(&added, 59).unwrap().current.value, "287082");
    let codes = vault.codes(59).unwrap();
    assert_eq!(
        shown(&codes[0]).next.as_ref().unwrap().value,
        vault.code(&added, 60).unwrap().current.value
    );
}

#[test]
fn the_index_holds_no_secret() {
    let fixture = Fixture::new();
    let vault = fixture.vault();
    let account = vault.add(&draft(GITHUB)).unwrap();
    vault
        .add_backup_codes(&account.id, "1234 5678\n8765 4321")
        .unwrap();
    let index = fixture.index_text();
    assert!(index.contains("alice"));
    for secret in ["GEZDGNBV", "1234 5678", "12345678", "8765"] {
        assert!(!index.contains(secret), "{secret} in {index}");
    }
}

#[test]
fn duplicates_are_refused_but_a_new_secret_for_the_same_name_is_not() {
    let fixture = Fixture::new();
    let vault = fixture.vault();
    vault.add(&draft(GITHUB)).unwrap();
    let error = vault.add(&draft(GITHUB)).unwrap_err();
    assert_eq!(error.to_string(), "GitHub (alice) is already in Twofold");
    vault
        .add(&draft(
            "otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP",
        ))
        .unwrap();
    assert_eq!(vault.accounts().unwrap().len(), 2);
}

#[test]
fn a_keyring_failure_while_adding_leaves_nothing_behind() {
    let fixture = Fixture::new();
    let vault = fixture.vault();
    vault.add(&draft(BANK)).unwrap();
    let before = fixture.index_text();
    fixture.store.fail_next("write");
    assert!(matches!(
        vault.add(&draft(GITHUB)),
        Err(VaultError::Keyring(StoreError::Locked))
    ));
    assert_eq!(fixture.index_text(), before);
    assert_eq!(fixture.store.entry_count(), 1);
}

#[test]
fn an_index_failure_while_adding_takes_the_secret_back_out() {
    let fixture = Fixture::new();
    let vault = fixture.vault();
    vault.add(&draft(BANK)).unwrap();
    // A directory where the index's backup must go makes the index write fail.
    std::fs::create_dir(fixture.dir.path().join("data/accounts.json.bak")).unwrap();
    assert!(matches!(
        vault.add(&draft(GITHUB)),
        Err(VaultError::Io { .. })
    ));
    assert_eq!(fixture.store.entry_count(), 1);
    assert_eq!(vault.accounts().unwrap().len(), 1);
}

#[test]
fn removing_changes_the_index_first_then_the_keyring() {
    let fixture = Fixture::new();
    let vault = fixture.vault();
    let github = vault.add(&draft(GITHUB)).unwrap();
    let bank = vault.add(&draft(BANK)).unwrap();
    // A directory where the index's backup must go makes the index write fail.
    let backup = fixture.dir.path().join("data/accounts.json.bak");
    std::fs::remove_file(&backup).unwrap();
    std::fs::create_dir(&backup).unwrap();
    assert!(vault.remove(&github.id).is_err());
    assert_eq!(
        (vault.accounts().unwrap().len(), fixture.store.entry_count()),
        (2, 2)
    );
    std::fs::remove_dir(fixture.dir.path().join("data/accounts.json.bak")).unwrap();

    fixture.store.fail_next("delete");
    let error = vault.remove(&github.id).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("was removed, but its secret could not be deleted"),
        "{error}"
    );
    assert_eq!(vault.accounts().unwrap(), vec![bank.clone()]);
    vault.remove(&bank.id).unwrap();
    assert_eq!(
        fixture.store.entry_count(),
        1,
        "only the orphan of the failed delete is left"
    );
}

#[test]
fn a_missing_keyring_entry_keeps_the_account_listed_with_an_error() {
    let fixture = Fixture::new();
    let vault = fixture.vault();
    let github = vault.add(&draft(GITHUB)).unwrap();
    vault.add(&draft(BANK)).unwrap();
    fixture.store.remove_behind_our_back(&github.id);
    let codes = vault.codes(0).unwrap();
    assert_eq!(codes.len(), 2);
    assert!(matches!(codes[0].code, Err(VaultError::MissingSecret(_))));
    assert!(codes[1].code.is_ok());
    assert!(
        vault
            .code(&github, 0)
            .unwrap_err()
            .to_string()
            .contains("no secret for GitHub (alice)")
    );
}

#[test]
fn editing_checks_parameters_and_changes_nothing_on_error() {
    let fixture = Fixture::new();
    let vault = fixture.vault();
    let account = vault.add(&draft(GITHUB)).unwrap();
    let edited = vault
        .edit(
            &account.id,
            &AccountEdit {
                issuer: Some(" GitHub Inc ".into()),
                group: Some(Some("Work".into())),
                favorite: Some(true),
                digits: Some(8),
                ..AccountEdit::default()
            },
        )
        .unwrap();
    assert_eq!(
        (
            edited.issuer.as_str(),
            edited.group.as_deref(),
            edited.favorite,
            edited.digits
        ),
        ("GitHub Inc", Some("Work"), true, 8)
    );
    let before = fixture.index_text();
    let error = vault
        .edit(
            &account.id,
            &AccountEdit {
                digits: Some(9),
                ..AccountEdit::default()
            },
        )
        .unwrap_err();
    assert_eq!(error.to_string(), "digits must be 6 to 8 (got 9)");
    assert_eq!(fixture.index_text(), before);
    assert_eq!(
        vault
            .code(&vault.account(&account.id).unwrap(), 59)
            .unwrap()
            .current
            .value,
        "94287082"
    );
}

#[test]
fn reordering() {
    let fixture = Fixture::new();
    let vault = fixture.vault();
    let a = vault.add(&draft(GITHUB)).unwrap();
    let b = vault.add(&draft(BANK)).unwrap();
    vault.reorder(std::slice::from_ref(&b.id)).unwrap();
    let ids: Vec<String> = vault
        .accounts()
        .unwrap()
        .into_iter()
        .map(|account| account.id)
        .collect();
    assert_eq!(ids, [b.id, a.id]);
    assert!(matches!(
        vault.reorder(&["nope".into()]),
        Err(VaultError::NotFound(_))
    ));
}

#[test]
fn hotp_advance_stores_the_counter_before_the_code_is_shown() {
    let fixture = Fixture::new();
    let vault = fixture.vault();
    let bank = vault.add(&draft(BANK)).unwrap();
    let first = vault.advance_hotp(&bank.id).unwrap();
    assert_eq!(
        fixture.vault().account(&bank.id).unwrap().kind,
        OtpKind::Hotp { counter: 1 }
    );
    let expected = uri::parse(&BANK.replace("counter=0", "counter=1"))
        .unwrap()
        .otp
        .code_at(0);
    assert_eq!(first, expected);
    fixture.store.fail_next("read");
    assert!(vault.advance_hotp(&bank.id).is_err());
    assert_eq!(
        vault.account(&bank.id).unwrap().kind,
        OtpKind::Hotp { counter: 1 }
    );
    let github = vault.add(&draft(GITHUB)).unwrap();
    assert!(matches!(
        vault.advance_hotp(&github.id),
        Err(VaultError::NotHotp(_))
    ));
}

/// One rule for every front end: a used HOTP code is always a fresh one, a
/// used TOTP code is the current one; lists show no HOTP code.
#[test]
fn using_a_code_advances_hotp_and_marks_totp_used() {
    let fixture = Fixture::new();
    let vault = fixture.vault();
    let bank = vault.add(&draft(BANK)).unwrap();
    let github = vault.add(&draft(GITHUB)).unwrap();
    let codes_of_counter = |counter: u64| {
        uri::parse(&BANK.replace("counter=0", &format!("counter={counter}")))
            .unwrap()
            .otp
            .code_at(0)
    };
    let first = vault.use_code(&bank.id, 59).unwrap();
    let second = vault.use_code(&bank.id, 59).unwrap();
    assert_eq!(first.code, codes_of_counter(1));
    assert_eq!(second.code, codes_of_counter(2));
    assert_eq!(second.account.kind, OtpKind::Hotp { counter: 2 });
    let used = vault.use_code(&github.id, 59).unwrap();
    assert_eq!(used.code.value, "287082");
    assert!(vault.account(&github.id).unwrap().used_at.is_some());
    let listed = vault.codes(59).unwrap();
    let code_of = |id: &str| {
        listed
            .iter()
            .find(|code| code.account.id == id)
            .map(|code| code.code.as_ref().unwrap().clone())
            .unwrap()
    };
    assert_eq!(code_of(&bank.id), None, "a list shows no HOTP code");
    assert_eq!(code_of(&github.id).unwrap().current.value, "287082");
}

#[test]
fn backup_codes_are_added_used_and_replaced() {
    let fixture = Fixture::new();
    let vault = fixture.vault();
    let account = vault.add(&draft(GITHUB)).unwrap();
    vault
        .add_backup_codes(
            &account.id,
            "Your codes:\nabcde-12345\nfghij-67890\nklmno-13579",
        )
        .unwrap();
    let codes = vault
        .add_backup_codes(&account.id, "ABCDE-12345, pqrst-24680")
        .unwrap();
    assert_eq!(codes.len(), 4);
    assert_eq!(
        vault.use_backup_code(&account.id, None).unwrap().code,
        "abcde-12345"
    );
    assert_eq!(
        vault
            .use_backup_code(&account.id, Some("KLMNO 13579"))
            .unwrap()
            .code,
        "klmno-13579"
    );
    let stored = vault.account(&account.id).unwrap();
    assert_eq!(
        stored.backup_codes,
        BackupCodeCounts {
            total: 4,
            remaining: 2
        }
    );
    vault.unuse_backup_code(&account.id, "abcde12345").unwrap();
    assert_eq!(
        vault.account(&account.id).unwrap().backup_codes.remaining,
        3
    );
    assert!(matches!(
        vault.use_backup_code(&account.id, Some("zzzzz-99999")),
        Err(VaultError::NoSuchBackupCode { .. })
    ));
    let stored = vault.account(&account.id).unwrap();
    assert_eq!(
        vault.backup_code(&stored, "ABCDE 12345").unwrap().code,
        "abcde-12345"
    );
    assert!(matches!(
        vault.backup_code(&stored, "zzzzz-99999"),
        Err(VaultError::NoSuchBackupCode { .. })
    ));
    assert!(matches!(
        vault.add_backup_codes(&account.id, "nothing here"),
        Err(VaultError::NoBackupCodesFound)
    ));

    fixture.store.fail_next("write");
    assert!(
        vault
            .replace_backup_codes(&account.id, "1111 2222\n3333 4444")
            .is_err()
    );
    assert_eq!(vault.backup_codes(&account).unwrap().len(), 4);
    assert_eq!(vault.account(&account.id).unwrap().backup_codes.total, 4);

    let replaced = vault
        .replace_backup_codes(&account.id, "1111 2222\n3333 4444")
        .unwrap();
    assert_eq!(
        replaced
            .iter()
            .map(|code| code.code.as_str())
            .collect::<Vec<_>>(),
        ["1111 2222", "3333 4444"]
    );
    vault.use_backup_code(&account.id, None).unwrap();
    vault.use_backup_code(&account.id, None).unwrap();
    assert!(matches!(
        vault.use_backup_code(&account.id, None),
        Err(VaultError::NoUnusedBackupCodes(_))
    ));
    // The secret itself is untouched by backup-code changes.
    assert_eq!(vault.code(&account, 59).unwrap().current.value, "287082");
}

#[test]
fn an_unreadable_index_is_kept_aside_and_the_previous_version_restored() {
    let fixture = Fixture::new();
    let vault = fixture.vault();
    let first = vault.add(&draft(GITHUB)).unwrap();
    vault.add(&draft(BANK)).unwrap();
    let path = fixture.dir.path().join("data/accounts.json");
    std::fs::write(&path, "{ not json").unwrap();
    let accounts = vault.accounts().unwrap();
    assert_eq!(
        accounts,
        vec![first],
        "the backup is the version before the last change"
    );
    let notices = vault.take_notices();
    assert_eq!(notices.len(), 1);
    let Notice::IndexRecovered {
        kept_aside: Some(aside),
        restored_from_backup: true,
    } = &notices[0]
    else {
        panic!("{notices:?}");
    };
    assert_eq!(std::fs::read_to_string(aside).unwrap(), "{ not json");
    assert!(
        notices[0]
            .to_string()
            .contains("previous version was restored")
    );
    assert!(vault.take_notices().is_empty());
    assert_eq!(fixture.vault().accounts().unwrap().len(), 1);
}

#[test]
fn an_index_from_a_newer_version_is_left_alone() {
    let fixture = Fixture::new();
    let vault = fixture.vault();
    let path = fixture.dir.path().join("data/accounts.json");
    std::fs::write(&path, r#"{"version": 99, "accounts": "whatever"}"#).unwrap();
    assert!(
        vault
            .accounts()
            .unwrap_err()
            .to_string()
            .contains("newer version of Twofold")
    );
    assert!(vault.add(&draft(GITHUB)).is_err());
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        r#"{"version": 99, "accounts": "whatever"}"#
    );
    assert_eq!(fixture.store.entry_count(), 0);
}

#[test]
fn concurrent_writers_do_not_lose_each_others_changes() {
    let fixture = Fixture::new();
    let threads: Vec<_> = (0..2)
        .map(|writer| {
            let vault = fixture.vault();
            std::thread::spawn(move || {
                for i in 0..25 {
                    vault
                        .add(&draft(&format!(
                            "otpauth://totp/W{writer}:a{i}?secret=JBSWY3DPEHPK3PXP"
                        )))
                        .unwrap();
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    assert_eq!(fixture.vault().accounts().unwrap().len(), 50);
}

#[test]
fn a_removed_account_can_be_restored_in_place() {
    let fixture = Fixture::new();
    let vault = fixture.vault();
    let first = vault.add(&draft(GITHUB)).unwrap();
    let second = vault.add(&draft(BANK)).unwrap();
    let removed = vault.remove(&first.id).unwrap();
    assert_eq!(fixture.store.entry_count(), 1);
    assert_eq!(vault.restore(&removed).unwrap(), first);
    assert_eq!(vault.accounts().unwrap(), vec![first.clone(), second]);
    assert_eq!(vault.code(&first, 59).unwrap().current.value, "287082");
}

#[test]
fn first_codes_read_only_the_first_accounts_in_display_order() {
    let fixture = Fixture::new();
    let vault = fixture.vault();
    let github = vault.add(&draft(GITHUB)).unwrap();
    vault.add(&draft(BANK)).unwrap();
    let third = vault
        .add(&draft("otpauth://totp/Mail:carol?secret=JBSWY3DPEHPK3PXP"))
        .unwrap();
    let favourite = AccountEdit {
        favorite: Some(true),
        ..AccountEdit::default()
    };
    vault.edit(&third.id, &favourite).unwrap();
    let mut cache = SecretCache::default();

    let first = vault.first_codes(&mut cache, 59, 1).unwrap();
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].account.id, third.id, "the favourite first");
    assert_eq!(
        shown(&first[0]).current.value,
        vault.code(&third, 59).unwrap().current.value
    );

    fixture.store.fail_next("read");
    assert!(
        vault.codes_cached(&mut cache, 59).is_err(),
        "the other secrets were not read: the whole list needs the keyring"
    );
    assert_eq!(vault.codes_cached(&mut cache, 59).unwrap().len(), 3);
    fixture.store.fail_next("read");
    let first = vault.first_codes(&mut cache, 59, 2).unwrap();
    let ids: Vec<_> = first.iter().map(|code| code.account.id.clone()).collect();
    assert_eq!(ids, vec![third.id, github.id], "then the user's order");
    assert!(
        first.iter().all(|code| code.code.is_ok()),
        "all served from the cache, the keyring not asked"
    );
}

#[test]
fn cached_codes_read_the_keyring_only_for_new_accounts() {
    let fixture = Fixture::new();
    let vault = fixture.vault();
    let github = vault.add(&draft(GITHUB)).unwrap();
    let mut cache = SecretCache::default();
    assert!(vault.codes_cached(&mut cache, 59).unwrap()[0].code.is_ok());
    fixture.store.fail_next("read");
    let codes = vault.codes_cached(&mut cache, 59).unwrap();
    assert_eq!(
        shown(&codes[0]).current.value,
        "287082",
        "served from the cache"
    );
    vault.add(&draft(BANK)).unwrap();
    assert!(
        vault.codes_cached(&mut cache, 59).is_err(),
        "a new account needs the keyring, which now fails"
    );
    assert_eq!(vault.codes_cached(&mut cache, 59).unwrap().len(), 2);
    cache.forget(&github.id);
    assert_eq!(vault.codes_cached(&mut cache, 59).unwrap().len(), 2);
}

#[test]
fn duplicates_are_found_before_adding() {
    let fixture = Fixture::new();
    let vault = fixture.vault();
    assert_eq!(vault.find_duplicate(&draft(GITHUB)).unwrap(), None);
    let stored = vault.add(&draft(GITHUB)).unwrap();
    assert_eq!(vault.find_duplicate(&draft(GITHUB)).unwrap(), Some(stored));
}

#[test]
fn display_order_puts_favourites_then_groups_first_and_keeps_the_users_order_in_every_list() {
    let fixture = Fixture::new();
    let vault = fixture.vault();
    let names = ["a", "b", "c", "d", "e"];
    let ids: Vec<String> = names
        .iter()
        .map(|name| {
            vault
                .add(&draft(&format!(
                    "otpauth://totp/X:{name}?secret=JBSWY3DPEHPK3PXP"
                )))
                .unwrap()
                .id
        })
        .collect();
    let edit = |i: usize, group: Option<&str>, favorite: bool| {
        vault
            .edit(
                &ids[i],
                &AccountEdit {
                    group: Some(group.map(str::to_owned)),
                    favorite: Some(favorite),
                    ..AccountEdit::default()
                },
            )
            .unwrap();
    };
    edit(1, Some("work"), false);
    edit(2, Some("Banks"), false);
    edit(3, None, true);
    edit(4, Some("work"), false);
    let mut accounts = vault.accounts().unwrap();
    display_order(&mut accounts);
    let order: Vec<&str> = accounts
        .iter()
        .map(|account| account.name.as_str())
        .collect();
    assert_eq!(order, ["d", "c", "b", "e", "a"]);
    // Every list of codes comes in that order too.
    let codes = vault.codes(59).unwrap();
    let order: Vec<&str> = codes
        .iter()
        .map(|code| code.account.name.as_str())
        .collect();
    assert_eq!(order, ["d", "c", "b", "e", "a"]);
}

/// GitHub (group Work, favourite, backup codes "abcde-12345" and the used
/// "fghij-67890") and Bank (HOTP).
fn add_github_and_bank(vault: &Vault<Arc<MemoryStore>>) -> (Account, Account) {
    let github = vault.add(&draft(GITHUB)).unwrap();
    let bank = vault.add(&draft(BANK)).unwrap();
    let edit = AccountEdit {
        group: Some(Some("Work".into())),
        favorite: Some(true),
        ..AccountEdit::default()
    };
    vault.edit(&github.id, &edit).unwrap();
    vault
        .add_backup_codes(&github.id, "abcde-12345\nfghij-67890")
        .unwrap();
    vault
        .use_backup_code(&github.id, Some("fghij-67890"))
        .unwrap();
    (github, bank)
}

#[test]
fn an_export_restores_into_another_vault_with_every_detail() {
    let fixture = Fixture::new();
    let vault = fixture.vault();
    let (github, _) = add_github_and_bank(&vault);
    let exported = vault.export().unwrap();

    let elsewhere = Fixture::new();
    let restored = elsewhere.vault();
    for account in &exported {
        restored.add(account).unwrap();
    }
    assert_eq!(restored.export().unwrap(), exported);
    let copy = restored.find_one("GitHub").unwrap();
    assert_eq!((copy.group.as_deref(), copy.favorite), (Some("Work"), true));
    assert_eq!(
        copy.backup_codes,
        BackupCodeCounts {
            total: 2,
            remaining: 1
        }
    );

    // A secret that cannot be read fails the export whole.
    fixture.store.delete(&github.id).unwrap();
    assert!(matches!(vault.export(), Err(VaultError::MissingSecret(_))));
}

#[test]
fn adding_several_is_all_or_nothing_and_skips_stored_ones() {
    let fixture = Fixture::new();
    let vault = fixture.vault();
    vault.add(&draft(BANK)).unwrap();
    let before = fixture.index_text();
    let drafts = [
        draft(BANK),
        draft(GITHUB),
        draft("otpauth://totp/Proton:dave?secret=ONSWG4TFOQYTEMZU"),
    ];
    // The second new account cannot be written: the first is taken back out.
    fixture.store.fail_after("write", 1);
    assert!(matches!(
        vault.add_all(&drafts),
        Err(VaultError::Keyring(StoreError::Locked))
    ));
    assert_eq!(fixture.index_text(), before);
    assert_eq!(fixture.store.entry_count(), 1);

    let done = vault.add_all(&drafts).unwrap();
    assert_eq!(done.added.len(), 2);
    assert_eq!(done.already_stored, ["Bank (bob)"]);
    assert_eq!(vault.accounts().unwrap().len(), 3);
}

/// Whatever may one day be logged: the debug output of every type that holds
/// a secret or backup codes shows neither.
#[test]
fn debug_output_holds_no_secret_and_no_backup_code() {
    let fixture = Fixture::new();
    let vault = fixture.vault();
    let mut github = draft(GITHUB);
    github.backup_codes = vec![BackupCode::new("k7d2-99qx".into())];
    let account = vault.add(&github).unwrap();
    let removed = vault.remove(&account.id).unwrap();
    let restored = vault.restore(&removed).unwrap();
    let mut cache = SecretCache::default();
    vault.codes_cached(&mut cache, 0).unwrap();
    let shown = format!(
        "{github:?} {removed:?} {:?} {cache:?} {:?}",
        github.backup_codes,
        vault.otp(&restored).unwrap()
    );
    for needle in ["GEZDGNBVGY3TQOJQ", "k7d2", "99qx", "1234567890"] {
        assert!(!shown.contains(needle), "{needle} in {shown}");
    }
}

fn lose_the_index(fixture: &Fixture) {
    for file in ["accounts.json", "accounts.json.bak"] {
        let _ = std::fs::remove_file(fixture.dir.path().join("data").join(file));
    }
}

#[test]
fn a_lost_index_is_rebuilt_from_the_keyring() {
    let fixture = Fixture::new();
    let vault = fixture.vault();
    let (_, bank) = add_github_and_bank(&vault);
    vault.advance_hotp(&bank.id).unwrap();
    let before = vault.accounts().unwrap();
    assert!(
        vault
            .check()
            .unwrap()
            .findings
            .iter()
            .all(|finding| matches!(finding, Finding::Fine(_)))
    );

    lose_the_index(&fixture);
    let vault = fixture.vault();
    assert!(vault.accounts().unwrap().is_empty());
    let findings = vault.check().unwrap().findings;
    assert_eq!(findings.len(), 2);
    assert!(
        findings
            .iter()
            .all(|finding| finding.is_problem() && finding.is_repairable())
    );
    let repaired = vault.repair().unwrap();
    assert_eq!(repaired.restored.len(), 2);
    let after = vault.accounts().unwrap();
    // used_at is not kept in the entry; everything else is. (The order is
    // the order added, which accounts added within one second do not tell.)
    let strip = |accounts: Vec<Account>| {
        let mut accounts: Vec<_> = accounts
            .into_iter()
            .map(|account| Account {
                used_at: None,
                ..account
            })
            .collect();
        accounts.sort_by(|a, b| a.id.cmp(&b.id));
        accounts
    };
    assert_eq!(strip(after), strip(before));
    assert_eq!(fixture.store.entry_count(), 2, "nothing deleted");
}

#[test]
fn entries_of_the_first_format_are_read_listed_and_upgraded() {
    let fixture = Fixture::new();
    let vault = fixture.vault();
    let github = vault.add(&draft(GITHUB)).unwrap();
    let old = r#"{"v":1,"secret":"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ","backup_codes":[]}"#;
    fixture.store.write(&github.id, old).unwrap();
    fixture
        .store
        .write("orphan-id-123", r#"{"v":1,"secret":"JBSWY3DPEHPK3PXP"}"#)
        .unwrap();
    fixture.store.write("damaged-id", "not an entry").unwrap();
    assert!(vault.otp(&github).is_ok(), "the old format is still read");
    let findings = vault.check().unwrap().findings;
    assert!(matches!(&findings[0], Finding::OldEntry(account) if account.id == github.id));
    assert!(matches!(&findings[1], Finding::UnreadableUnlisted { id } if id == "damaged-id"));
    assert!(matches!(
        &findings[2],
        Finding::NotListed {
            described: false,
            ..
        }
    ));

    let repaired = vault.repair().unwrap();
    assert_eq!(repaired.upgraded, 2);
    let restored = &repaired.restored[0];
    assert_eq!(
        (restored.issuer.as_str(), restored.id.as_str()),
        ("Recovered account", "orphan-id-123")
    );
    assert_eq!(vault.accounts().unwrap().len(), 2);
    assert_eq!(
        fixture.store.entry_count(),
        3,
        "the damaged entry is left alone"
    );
    // Now every listed entry describes its account: the list can go.
    lose_the_index(&fixture);
    let vault = fixture.vault();
    vault.repair().unwrap();
    let mut issuers: Vec<_> = vault
        .accounts()
        .unwrap()
        .into_iter()
        .map(|account| account.issuer)
        .collect();
    issuers.sort();
    assert_eq!(issuers, ["GitHub", "Recovered account"]);
}

#[test]
fn missing_and_damaged_secrets_are_reported_not_repaired() {
    let fixture = Fixture::new();
    let vault = fixture.vault();
    let github = vault.add(&draft(GITHUB)).unwrap();
    let bank = vault.add(&draft(BANK)).unwrap();
    fixture.store.remove_behind_our_back(&github.id);
    fixture.store.write(&bank.id, "garbage").unwrap();
    let findings = vault.check().unwrap().findings;
    assert!(matches!(&findings[0], Finding::SecretMissing(_)));
    assert!(matches!(&findings[1], Finding::Unreadable(_)));
    assert!(findings.iter().all(|finding| !finding.is_repairable()));
    assert_eq!(vault.repair().unwrap(), Repaired::default());
    assert!(findings[0].to_string().contains("restore it from a backup"));
}

/// While another process holds the index lock (say, waiting on a keyring
/// prompt), reading and copying still answer at once, and a change gives up
/// with "busy" instead of waiting without end.
#[test]
fn a_held_lock_freezes_nothing() {
    let fixture = Fixture::new();
    let vault = fixture.vault();
    let github = vault.add(&draft(GITHUB)).unwrap();
    let other = fixture.vault();
    let held = other.index.lock().unwrap();
    let started = std::time::Instant::now();
    assert_eq!(vault.accounts().unwrap().len(), 1);
    assert!(vault.code(&github, 0).is_ok());
    vault.mark_used(&github.id).unwrap();
    assert!(
        started.elapsed() < std::time::Duration::from_secs(2),
        "no waiting"
    );
    let edit = AccountEdit {
        name: Some("bob".into()),
        ..AccountEdit::default()
    };
    assert!(matches!(
        vault.edit(&github.id, &edit),
        Err(VaultError::Busy)
    ));
    drop(held);
    assert_eq!(vault.edit(&github.id, &edit).unwrap().name, "bob");
}
