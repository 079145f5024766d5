//! Real exports of other authenticators (`shared/fixtures/imports`) yield
//! exactly the accounts `expected.json` lists; wrong passwords and damaged
//! files give their own errors and never a partial import.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::as_expected;
use serde_json::Value;
use twofold_core::import::{self, Format, ImportError};

/// The fixture files of the formats Twofold reads so far.
const FILES: [(&str, Format); 11] = [
    ("bitwarden/bitwarden.json", Format::BitwardenJson),
    ("bitwarden/bitwarden.csv", Format::BitwardenCsv),
    ("aegis/aegis_plain.json", Format::Aegis),
    ("aegis/aegis_encrypted.json", Format::Aegis),
    ("aegis/aegis_plain_grouped_v2.json", Format::Aegis),
    ("otpauth_uri/plain.txt", Format::UriList),
    ("ente_auth/ente_auth.txt", Format::UriList),
    (
        "google_authenticator_migration/example_export.txt",
        Format::UriList,
    ),
    (
        "google_authenticator_migration/example_export_only_totp.txt",
        Format::UriList,
    ),
    (
        "google_authenticator_migration/test_plus_problem_export.txt",
        Format::UriList,
    ),
    (
        "google_authenticator_migration/test_export_wrong_prefix.txt",
        Format::UriList,
    ),
];

#[test]
fn every_file_yields_exactly_the_expected_accounts() {
    let Some(dir) = common::fixtures() else {
        return;
    };
    let imports = dir.join("imports");
    let expected = common::read_json(imports.join("expected.json"));
    for (file, format) in FILES {
        let bytes = std::fs::read(imports.join(file)).unwrap();
        assert_eq!(import::detect(&bytes), Some(format), "{file}");
        let entry = &expected["files"][file];
        let password = entry["password"].as_str();
        let imported = import::import(&bytes, None, password)
            .unwrap_or_else(|error| panic!("{file}: {error}"));
        let accounts: Vec<Value> = imported.accounts.iter().map(as_expected).collect();
        assert_eq!(&accounts, entry["accounts"].as_array().unwrap(), "{file}");
        assert!(
            imported.skipped.is_empty(),
            "{file}: {:?}",
            imported.skipped
        );
    }
}

#[test]
fn passwords_are_required_and_checked() {
    let Some(dir) = common::fixtures() else {
        return;
    };
    let bytes = std::fs::read(dir.join("imports/aegis/aegis_encrypted.json")).unwrap();
    assert_eq!(
        import::import(&bytes, None, None).unwrap_err(),
        ImportError::PasswordNeeded
    );
    assert_eq!(
        import::import(&bytes, None, Some("not the password")).unwrap_err(),
        ImportError::WrongPassword
    );
}

#[test]
fn damaged_and_unknown_files_are_refused_whole() {
    let Some(dir) = common::fixtures() else {
        return;
    };
    let imports = dir.join("imports");
    let wrong_data =
        std::fs::read(imports.join("google_authenticator_migration/test_export_wrong_data.txt"))
            .unwrap();
    let imported = import::import(&wrong_data, None, None).unwrap();
    assert!(
        imported.accounts.is_empty() && imported.skipped.len() == 1,
        "{imported:?}"
    );
    assert!(
        imported.skipped[0].1.contains("damaged"),
        "{:?}",
        imported.skipped
    );
    let prose =
        std::fs::read(imports.join("google_authenticator_migration/test_export_wrong_content.txt"))
            .unwrap();
    assert_eq!(
        import::import(&prose, None, None).unwrap_err(),
        ImportError::UnknownFormat
    );
    let encrypted = std::fs::read(imports.join("aegis/aegis_encrypted.json")).unwrap();
    // Truncated and bit-flipped copies never panic and never yield accounts.
    for cut in [10, encrypted.len() / 2, encrypted.len() - 3] {
        assert!(
            import::import(&encrypted[..cut], None, Some("test")).is_err(),
            "cut at {cut}"
        );
    }
    let text = String::from_utf8(encrypted.clone()).unwrap();
    let db_at = text.find("\"db\": \"").unwrap() + 20;
    let mut flipped = encrypted;
    flipped[db_at] = if flipped[db_at] == b'A' { b'B' } else { b'A' };
    assert!(matches!(
        import::import(&flipped, None, Some("test")),
        Err(ImportError::Damaged(_))
    ));
}
