//! Google Authenticator transfer payloads from `shared/fixtures/imports` decode to
//! exactly the accounts `expected.json` lists for them.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::as_expected;
use serde_json::Value;
use twofold_core::AccountDraft;
use twofold_core::migration::{self, MigrationError};

fn payload_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

#[test]
fn fixtures_decode_to_the_expected_accounts() {
    let Some(dir) = common::fixtures() else {
        return;
    };
    let imports = dir.join("imports");
    let expected = common::read_json(imports.join("expected.json"));
    let mut checked = 0;
    for name in [
        "example_export.txt",
        "example_export_only_totp.txt",
        "test_plus_problem_export.txt",
        "test_export_wrong_prefix.txt",
    ] {
        let key = format!("google_authenticator_migration/{name}");
        let text = std::fs::read_to_string(imports.join(&key)).unwrap();
        let accounts: Vec<Value> = payload_lines(&text)
            .flat_map(|line| {
                migration::decode(line)
                    .unwrap_or_else(|e| panic!("{key}: {e}"))
                    .accounts
            })
            .map(|draft| as_expected(&draft))
            .collect();
        let wanted = common::expected_accounts(&expected["files"][&key]);
        assert_eq!(accounts, wanted, "{key}");
        checked += accounts.len();
    }
    assert_eq!(checked, 16);
}

#[test]
fn wrong_files_give_clear_errors() {
    let Some(dir) = common::fixtures() else {
        return;
    };
    let folder = dir.join("imports/google_authenticator_migration");
    let damaged = std::fs::read_to_string(folder.join("test_export_wrong_data.txt")).unwrap();
    let errors: Vec<_> = payload_lines(&damaged).map(migration::decode).collect();
    assert!(!errors.is_empty());
    for error in errors {
        let error = error.unwrap_err();
        assert!(matches!(error, MigrationError::Damaged(_)), "{error:?}");
        assert!(
            error
                .to_string()
                .starts_with("the transfer code's data is damaged")
        );
    }
    let prose = std::fs::read_to_string(folder.join("test_export_wrong_content.txt")).unwrap();
    for line in payload_lines(&prose) {
        assert_eq!(
            migration::decode(line),
            Err(MigrationError::NotMigration),
            "{line}"
        );
    }
}

#[test]
fn fixtures_survive_encode_then_decode() {
    let Some(dir) = common::fixtures() else {
        return;
    };
    let path = dir.join("imports/google_authenticator_migration/example_export.txt");
    let text = std::fs::read_to_string(path).unwrap();
    let accounts: Vec<AccountDraft> = payload_lines(&text)
        .flat_map(|line| migration::decode(line).unwrap().accounts)
        .collect();
    let again: Vec<AccountDraft> = migration::encode(&accounts)
        .unwrap()
        .iter()
        .flat_map(|uri| migration::decode(uri).unwrap().accounts)
        .collect();
    assert_eq!(again, accounts);
}
