//! Real exports of other authenticators (`shared/fixtures/imports`) yield
//! exactly the accounts `expected.json` lists; wrong passwords and damaged
//! files give their own errors and never a partial import.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::as_expected;
use serde_json::Value;
use twofold_core::import::{self, Format, ImportError};

/// Every fixture file of the formats Twofold reads, with its format.
const FILES: [(&str, Format); 47] = [
    ("aegis/aegis_plain.json", Format::Aegis),
    ("aegis/aegis_encrypted.json", Format::Aegis),
    ("aegis/aegis_plain_grouped_v2.json", Format::Aegis),
    ("2fas/2fas_authenticator.json", Format::TwoFas),
    ("2fas/2fas_authenticator_plain.2fas", Format::TwoFas),
    ("2fas/2fas_authenticator_encrypted.2fas", Format::TwoFas),
    ("2fas/2fas_authenticator_plain_v3.2fas", Format::TwoFas),
    ("2fas/2fas_authenticator_encrypted_v3.2fas", Format::TwoFas),
    ("2fas/2fas_authenticator_plain_v4.2fas", Format::TwoFas),
    ("2fas/2fas_authenticator_encrypted_v4.2fas", Format::TwoFas),
    ("andotp/andotp_plain.json", Format::AndOtp),
    ("andotp/andotp_encrypted.bin", Format::AndOtp),
    ("andotp/andotp_encrypted_old.bin", Format::AndOtp),
    ("bitwarden/bitwarden.json", Format::BitwardenJson),
    ("bitwarden/bitwarden.csv", Format::BitwardenCsv),
    ("freeotp_plus/freeotp_plus.json", Format::FreeOtpPlus),
    (
        "proton_authenticator/proton_authenticator.json",
        Format::Proton,
    ),
    ("steam/steam.json", Format::Steam),
    ("steam/steam_old.json", Format::Steam),
    ("stratum/stratum_plain.json", Format::Stratum),
    ("stratum/stratum_encrypted.bin", Format::Stratum),
    ("stratum/stratum_encrypted_legacy.bin", Format::Stratum),
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
    (
        "google_authenticator_migration/test_export_wrong_data.txt",
        Format::UriList,
    ),
    (
        "google_authenticator_migration/example_export.png",
        Format::Image,
    ),
    ("freeotp/freeotp.xml", Format::FreeOtp),
    ("freeotp_plus/freeotp_plus_internal.xml", Format::FreeOtp),
    ("freeotp/freeotp_v2_api23.xml", Format::FreeOtp),
    ("freeotp/freeotp_v2_api25.xml", Format::FreeOtp),
    ("freeotp/freeotp_v2_api27.xml", Format::FreeOtp),
    ("freeotp/freeotp_v2_api34.xml", Format::FreeOtp),
    ("freeotp/freeotp_v2_null_algo.xml", Format::FreeOtp),
    ("authy/authy_plain.xml", Format::Authy),
    ("authy/authy_encrypted.xml", Format::Authy),
    ("battle_net/battle_net_authenticator.xml", Format::BattleNet),
    ("duo/duo.json", Format::Duo),
    (
        "totp_authenticator/totp_authenticator.bin",
        Format::TotpAuthenticator,
    ),
    (
        "totp_authenticator/totp_authenticator_internal.xml",
        Format::TotpAuthenticator,
    ),
    (
        "google_authenticator/google_authenticator.sqlite",
        Format::GoogleAuthenticatorDb,
    ),
    (
        "microsoft_authenticator/microsoft_authenticator.sqlite",
        Format::MicrosoftAuthenticatorDb,
    ),
    ("stratum/stratum_internal.db", Format::Stratum),
    (
        "authenticator_plus/authenticator_plus.zip",
        Format::AuthenticatorPlus,
    ),
];

/// A fixture: its name, content, `expected.json` entry and format.
type Fixture = (&'static str, Vec<u8>, Value, Format);

fn fixture_files() -> Option<Vec<Fixture>> {
    let imports = common::fixtures()?.join("imports");
    let expected = common::read_json(imports.join("expected.json"));
    Some(
        FILES
            .into_iter()
            .map(|(file, format)| {
                let bytes = std::fs::read(imports.join(file))
                    .unwrap_or_else(|error| panic!("{file}: {error}"));
                (file, bytes, expected["files"][file].clone(), format)
            })
            .collect(),
    )
}

#[test]
fn every_file_yields_exactly_the_expected_accounts() {
    let Some(files) = fixture_files() else {
        return;
    };
    for (file, bytes, entry, format) in files {
        if entry["account_count"] == 0 {
            continue; // the "must fail" files, checked below
        }
        assert_eq!(import::detect(&bytes), Some(format), "{file}");
        let password = entry["password"].as_str();
        let imported = import::import(&bytes, None, password)
            .unwrap_or_else(|error| panic!("{file}: {error}"));
        let accounts: Vec<Value> = imported.accounts.iter().map(as_expected).collect();
        assert_eq!(accounts, common::expected_accounts(&entry), "{file}");
        assert!(
            imported.skipped.is_empty(),
            "{file}: {:?}",
            imported.skipped
        );
    }
}

#[test]
fn aegis_groups_come_along() {
    let Some(files) = fixture_files() else {
        return;
    };
    let (_, bytes, _, _) = files
        .iter()
        .find(|(file, ..)| file.ends_with("grouped_v2.json"))
        .unwrap();
    let imported = import::import(bytes, None, None).unwrap();
    let groups: Vec<(&str, Option<&str>)> = imported
        .accounts
        .iter()
        .map(|draft| (draft.issuer.as_str(), draft.group.as_deref()))
        .collect();
    assert_eq!(
        groups,
        [
            ("Deno", Some("group1")),
            ("SPDX", None),
            ("Airbnb", Some("group1")),
            ("Issuu", Some("group2")),
            ("Air Canada", None),
            ("WWE", None),
            ("Boeing", None),
        ]
    );
}

#[test]
fn passwords_are_required_and_checked() {
    let Some(files) = fixture_files() else {
        return;
    };
    for (file, bytes, entry, _) in files {
        if entry["encrypted"] != true {
            continue;
        }
        assert_eq!(
            import::import(&bytes, None, None).unwrap_err(),
            ImportError::PasswordNeeded,
            "{file}"
        );
        assert_eq!(
            import::import(&bytes, None, Some("not the password")).unwrap_err(),
            ImportError::WrongPassword,
            "{file}"
        );
    }
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

/// Truncated, bit-flipped and oversized copies of every fixture never panic.
/// Truncated copies of an encrypted or JSON file are refused whole (an error,
/// never a partial list; a text list may still yield the lines left intact);
/// a changed encrypted file yields its exact accounts or an error.
#[test]
fn mangled_files_never_panic_or_half_import() {
    let Some(files) = fixture_files() else {
        return;
    };
    let mut rng = common::seeded_rng();
    for (file, bytes, entry, format) in files {
        let password = entry["password"].as_str();
        let original = import::import(&bytes, None, password)
            .map(|imported| imported.accounts)
            .unwrap_or_default();
        let whole = format != Format::UriList && format != Format::BitwardenCsv;
        // Key derivation is slow by design: fewer rounds for encrypted files.
        let rounds = if password.is_some() { 3 } else { 12 };
        for _ in 0..rounds {
            let cut = rng.usize(..bytes.len());
            let result = import::import(&bytes[..cut], None, password);
            // Only trailing whitespace cut off leaves the file whole.
            if whole && !bytes[cut..].trim_ascii().is_empty() {
                assert!(result.is_err(), "{file} cut at {cut}: {result:?}");
            }
            let mut flipped = bytes.clone();
            let at = rng.usize(..flipped.len());
            flipped[at] ^= 1 << rng.u8(..8);
            let result = import::import(&flipped, None, password);
            if let (Some(_), Ok(imported)) = (password, &result) {
                // Sealed data does not open once changed: a flip that still
                // imports hit the wrapper (a date, a version), not an account.
                // Authy and FreeOTP 2 seal only the keys; names and
                // parameters are in clear. There, each account keeps its key
                // or is listed as not imported, with its reason.
                if matches!(format, Format::Authy | Format::FreeOtp) {
                    let key = |draft: &twofold_core::AccountDraft| draft.otp.secret().to_base32();
                    let keys: Vec<String> = original.iter().map(key).collect();
                    assert!(
                        imported
                            .accounts
                            .iter()
                            .all(|draft| keys.contains(&key(draft))),
                        "{file} bit flipped at {at}"
                    );
                    assert_eq!(
                        imported.accounts.len() + imported.skipped.len(),
                        original.len(),
                        "{file} bit flipped at {at}"
                    );
                } else {
                    assert_eq!(imported.accounts, original, "{file} bit flipped at {at}");
                }
            }
        }
        let mut oversized = bytes.clone();
        oversized.resize(33 * 1024 * 1024, b' ');
        assert!(
            matches!(
                import::import(&oversized, None, password),
                Err(ImportError::Damaged(_))
            ),
            "{file} oversized"
        );
    }
}
