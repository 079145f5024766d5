//! Property tests, one per format: files written the way the format's own
//! app writes them (Twofold's Aegis writer; for the others, writers in this
//! test that follow each format's published layout), holding random
//! accounts, read back as the same accounts (as far as the format carries
//! them: Duo keeps no issuer, LastPass no HOTP…).

#![allow(clippy::unwrap_used)]

use proptest::prelude::*;
use serde_json::json;

use super::{Format, archive, import, sqlite};

/// A preferences file of owned strings.
fn prefs(strings: &[(&str, String)]) -> Vec<u8> {
    let strings: Vec<(&str, &str)> = strings
        .iter()
        .map(|(name, value)| (*name, value.as_str()))
        .collect();
    super::android_prefs::write(&strings)
}
use crate::otp::{Algorithm, Otp, OtpKind, Secret};
use crate::{AccountDraft, uri};

/// Names as people type them (the formats' own quoting is what is tested,
/// not the trimming of names).
fn name() -> impl Strategy<Value = String> {
    "[A-Za-z0-9][A-Za-z0-9 .@_+'&-]{0,18}[A-Za-z0-9]"
}

/// What a format can hold: its kinds and whether it keeps the algorithm,
/// digits and period.
#[derive(Clone, Copy)]
struct Carries {
    hotp: bool,
    parameters: bool,
}

fn account(carries: Carries) -> impl Strategy<Value = AccountDraft> {
    let kind = if carries.hotp {
        prop_oneof![
            prop::sample::select(vec![15u32, 20, 30, 60])
                .prop_map(|period| OtpKind::Totp { period }),
            (0..1_000_000u64).prop_map(|counter| OtpKind::Hotp { counter }),
        ]
        .boxed()
    } else {
        prop::sample::select(vec![15u32, 20, 30, 60])
            .prop_map(|period| OtpKind::Totp { period })
            .boxed()
    };
    (
        name(),
        name(),
        kind,
        prop::sample::select(Algorithm::ALL.to_vec()),
        6..=8u8,
        prop::collection::vec(any::<u8>(), 10..40),
    )
        .prop_map(move |(issuer, name, kind, algorithm, digits, secret)| {
            let (kind, algorithm, digits) = if carries.parameters {
                (kind, algorithm, digits)
            } else {
                let kind = match kind {
                    OtpKind::Totp { .. } => OtpKind::Totp { period: 30 },
                    other => other,
                };
                (kind, Algorithm::Sha1, 6)
            };
            AccountDraft::new(
                issuer,
                name,
                Otp::new(kind, algorithm, digits, Secret::from_bytes(secret).unwrap()).unwrap(),
            )
        })
}

fn accounts(carries: Carries) -> impl Strategy<Value = Vec<AccountDraft>> {
    prop::collection::vec(account(carries), 1..6)
}

const ALL: Carries = Carries {
    hotp: true,
    parameters: true,
};

fn read(format: Format, bytes: &[u8], password: Option<&str>) -> Vec<AccountDraft> {
    let imported = import(bytes, None, password).unwrap();
    assert_eq!(imported.format, Some(format), "detected as written");
    assert!(imported.skipped.is_empty(), "{:?}", imported.skipped);
    imported.accounts
}

fn period(draft: &AccountDraft) -> u32 {
    draft.otp.kind().period().unwrap_or(30)
}

fn counter(draft: &AccountDraft) -> u64 {
    draft.otp.kind().counter().unwrap_or(0)
}

fn kind_name(draft: &AccountDraft) -> &'static str {
    draft.otp.kind().name()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn otpauth_lists(accounts in accounts(ALL)) {
        let text: Vec<String> = accounts.iter().map(uri::format).collect();
        prop_assert_eq!(read(Format::UriList, text.join("\n").as_bytes(), None), accounts);
    }

    #[test]
    fn raivo(accounts in accounts(ALL), protected in any::<bool>()) {
        let entries: Vec<_> = accounts.iter().map(|draft| json!({
            "kind": kind_name(draft).to_uppercase(), "algorithm": draft.otp.algorithm().as_str(),
            "timer": period(draft).to_string(), "digits": draft.otp.digits().to_string(),
            "counter": counter(draft).to_string(), "issuer": draft.issuer, "account": draft.name,
            "secret": draft.otp.secret().to_base32(), "pinned": "false", "iconType": "", "iconValue": "",
        })).collect();
        let text = serde_json::to_vec(&entries).unwrap();
        let password = protected.then_some("correct horse");
        let file = archive::write("raivo-otp-export.json", &text, password);
        prop_assert_eq!(read(Format::Raivo, &file, password), accounts);
    }

    #[test]
    fn freeotp_plus(accounts in accounts(ALL)) {
        let tokens: Vec<_> = accounts.iter().map(|draft| json!({
            "issuerExt": draft.issuer, "label": draft.name, "type": kind_name(draft).to_uppercase(),
            "algo": draft.otp.algorithm().as_str(), "digits": draft.otp.digits(), "period": period(draft),
            "counter": counter(draft),
            "secret": draft.otp.secret().as_bytes().iter().map(|byte| byte.cast_signed()).collect::<Vec<i8>>(),
        })).collect();
        let order: Vec<String> = accounts.iter().map(|draft| format!("{}:{}", draft.issuer, draft.name)).collect();
        let file = serde_json::to_vec(&json!({ "tokenOrder": order, "tokens": tokens })).unwrap();
        prop_assert_eq!(read(Format::FreeOtpPlus, &file, None), accounts);
    }

    #[test]
    fn lastpass(accounts in accounts(Carries { hotp: false, parameters: true })) {
        let entries: Vec<_> = accounts.iter().map(|draft| json!({
            "issuerName": draft.issuer, "userName": draft.name, "secret": draft.otp.secret().to_base32(),
            "timeStep": period(draft), "digits": draft.otp.digits(), "algorithm": draft.otp.algorithm().as_str(),
            "isFavorite": false, "folderData": null,
        })).collect();
        let file = serde_json::to_vec(&json!({ "version": 3, "accounts": entries, "folders": [] })).unwrap();
        prop_assert_eq!(read(Format::LastPass, &file, None), accounts);
    }

    #[test]
    fn one_password(accounts in accounts(ALL)) {
        use std::io::Write as _;
        let items: Vec<_> = accounts.iter().map(|draft| json!({
            "uuid": draft.name, "favIndex": 0, "state": "active", "overview": {"title": draft.issuer},
            "details": {"sections": [{"fields": [{"value": {"totp": uri::format(draft)}}]}]},
        })).collect();
        let data = json!({"accounts": [{"vaults": [{"attrs": {"name": "Private"}, "items": items}]}]});
        let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        out.start_file("export.attributes", zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(b"{\"version\": 3}").unwrap();
        out.start_file("export.data", zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(data.to_string().as_bytes()).unwrap();
        let file = out.finish().unwrap().into_inner();
        prop_assert_eq!(read(Format::OnePassword, &file, None), accounts);
    }

    #[test]
    fn duo(accounts in accounts(Carries { hotp: true, parameters: false })) {
        let entries: Vec<_> = accounts.iter().map(|draft| {
            let mut generator = json!({ "otpSecret": draft.otp.secret().to_base32() });
            if let Some(counter) = draft.otp.kind().counter() {
                generator["counter"] = json!(counter);
            }
            json!({ "version": 1.0, "accountType": "OtpAccount", "name": draft.name, "otpGenerator": generator })
        }).collect();
        // Duo keeps no issuer.
        let expected: Vec<AccountDraft> = accounts.iter().map(|draft| AccountDraft { issuer: String::new(), ..draft.clone() }).collect();
        prop_assert_eq!(read(Format::Duo, &serde_json::to_vec(&entries).unwrap(), None), expected);
    }

    #[test]
    fn bitwarden_json(accounts in accounts(ALL)) {
        let items: Vec<_> = accounts.iter().map(|draft| json!({
            "type": 1, "name": draft.issuer, "login": { "username": draft.name, "totp": uri::format(draft) },
        })).collect();
        let file = serde_json::to_vec(&json!({ "encrypted": false, "items": items })).unwrap();
        prop_assert_eq!(read(Format::BitwardenJson, &file, None), accounts);
    }

    #[test]
    fn keepassxc_csv(accounts in accounts(ALL)) {
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(["Group", "Title", "Username", "Password", "URL", "Notes", "TOTP", "Icon", "Last Modified", "Created"]).unwrap();
        for draft in &accounts {
            writer.write_record(["Root", &draft.issuer, &draft.name, "pw", "", "", &uri::format(draft), "0", "", ""]).unwrap();
        }
        let file = writer.into_inner().unwrap();
        prop_assert_eq!(read(Format::KeePassXcCsv, &file, None), accounts);
    }

    #[test]
    fn stratum_backups(accounts in accounts(ALL)) {
        let entries: Vec<_> = accounts.iter().map(|draft| json!({
            "Type": if kind_name(draft) == "hotp" { 1 } else { 2 }, "Issuer": draft.issuer, "Username": draft.name,
            "Secret": draft.otp.secret().to_base32(),
            "Algorithm": match draft.otp.algorithm() { Algorithm::Sha1 => 0, Algorithm::Sha256 => 1, Algorithm::Sha512 => 2 },
            "Digits": draft.otp.digits(), "Period": period(draft), "Counter": counter(draft),
        })).collect();
        let file = serde_json::to_vec(&json!({ "Authenticators": entries, "Categories": [], "AuthenticatorCategories": [] })).unwrap();
        prop_assert_eq!(read(Format::Stratum, &file, None), accounts);
    }

    #[test]
    fn google_authenticator_database(accounts in accounts(Carries { hotp: true, parameters: false })) {
        let mut sql = String::from("CREATE TABLE accounts (_id INTEGER PRIMARY KEY, email TEXT NOT NULL, secret TEXT NOT NULL, counter INTEGER DEFAULT 0, type INTEGER, provider INTEGER DEFAULT 0, issuer TEXT DEFAULT NULL, original_name TEXT DEFAULT NULL);");
        for draft in &accounts {
            let quote = |text: &str| text.replace('\'', "''");
            sql.push_str(&format!(
                "INSERT INTO accounts (email, secret, counter, type, issuer) VALUES ('{}:{}', '{}', {}, {}, '{}');",
                quote(&draft.issuer), quote(&draft.name), draft.otp.secret().to_base32(), counter(draft),
                u8::from(kind_name(draft) == "hotp"), quote(&draft.issuer)
            ));
        }
        prop_assert_eq!(read(Format::GoogleAuthenticatorDb, &sqlite::database(&sql), None), accounts);
    }
}

proptest! {
    // Each file costs a real key derivation.
    #![proptest_config(ProptestConfig::with_cases(6))]

    #[test]
    fn aegis_encrypted_vaults(accounts in accounts(ALL)) {
        let vault = super::aegis::write(&accounts, "correct horse").unwrap();
        prop_assert_eq!(read(Format::Aegis, vault.as_bytes(), Some("correct horse")), accounts);
    }

    #[test]
    fn keepass_databases(accounts in accounts(ALL)) {
        use keepass::db::{Entry, Value};
        let mut config = keepass::config::DatabaseConfig::default();
        if let keepass::config::KdfConfig::Argon2 { iterations, .. } = &mut config.kdf_config {
            *iterations = 2;
        }
        let mut database = keepass::Database::new(config);
        for draft in &accounts {
            let mut entry = Entry::new();
            entry.fields.insert("Title".into(), Value::Unprotected(draft.issuer.clone()));
            entry.fields.insert("UserName".into(), Value::Unprotected(draft.name.clone()));
            entry.fields.insert("otp".into(), Value::Protected(uri::format(draft).as_bytes().into()));
            database.root.entries.push(entry);
        }
        let mut file = Vec::new();
        database.save(&mut file, keepass::DatabaseKey::new().with_password("correct horse")).unwrap();
        prop_assert_eq!(read(Format::KeePass, &file, Some("correct horse")), accounts);
    }
}

const SIMPLE_TOTP: Carries = Carries {
    hotp: false,
    parameters: false,
};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn twofas(accounts in accounts(ALL)) {
        let services: Vec<_> = accounts.iter().map(|draft| json!({
            "name": draft.issuer, "secret": draft.otp.secret().to_base32(),
            "otp": { "account": draft.name, "issuer": draft.issuer, "tokenType": kind_name(draft).to_uppercase(),
                     "algorithm": draft.otp.algorithm().as_str(), "digits": draft.otp.digits(),
                     "period": period(draft), "counter": counter(draft) },
        })).collect();
        let file = serde_json::to_vec(&json!({ "schemaVersion": 4, "services": services, "groups": [] })).unwrap();
        prop_assert_eq!(read(Format::TwoFas, &file, None), accounts);
    }

    #[test]
    fn andotp(accounts in accounts(ALL)) {
        let entries: Vec<_> = accounts.iter().map(|draft| json!({
            "secret": draft.otp.secret().to_base32(), "issuer": draft.issuer, "label": draft.name,
            "type": kind_name(draft).to_uppercase(), "algorithm": draft.otp.algorithm().as_str(),
            "digits": draft.otp.digits(), "period": period(draft), "counter": counter(draft), "tags": [],
        })).collect();
        prop_assert_eq!(read(Format::AndOtp, &serde_json::to_vec(&entries).unwrap(), None), accounts);
    }

    #[test]
    fn proton(accounts in accounts(ALL)) {
        let entries: Vec<_> = accounts.iter().map(|draft| json!({
            "id": draft.name, "content": { "uri": uri::format(draft), "entry_type": "Totp", "name": draft.name },
            "note": null,
        })).collect();
        let file = serde_json::to_vec(&json!({ "version": 1, "entries": entries })).unwrap();
        prop_assert_eq!(read(Format::Proton, &file, None), accounts);
    }

    #[test]
    fn bitwarden_csv(accounts in accounts(ALL)) {
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(["folder", "favorite", "type", "name", "notes", "fields", "reprompt", "login_uri", "login_username", "login_password", "login_totp"]).unwrap();
        for draft in &accounts {
            writer.write_record(["", "", "login", &draft.issuer, "", "", "0", "", &draft.name, "pw", &uri::format(draft)]).unwrap();
        }
        prop_assert_eq!(read(Format::BitwardenCsv, &writer.into_inner().unwrap(), None), accounts);
    }

    #[test]
    fn authenticator_plus(accounts in accounts(ALL)) {
        let list: Vec<String> = accounts.iter().map(uri::format).collect();
        let file = archive::write("Accounts.txt", list.join("\n").as_bytes(), None);
        prop_assert_eq!(read(Format::AuthenticatorPlus, &file, None), accounts);
    }

    #[test]
    fn freeotp_tokens_xml(accounts in accounts(ALL)) {
        let mut strings: Vec<(&str, String)> = Vec::new();
        let names: Vec<String> = accounts.iter().map(|draft| format!("{}:{}", draft.issuer, draft.name)).collect();
        for (draft, name) in accounts.iter().zip(&names) {
            strings.push((name, json!({
                "algo": draft.otp.algorithm().as_str(), "counter": counter(draft), "digits": draft.otp.digits(),
                "issuerExt": draft.issuer, "issuerInt": draft.issuer, "label": draft.name, "period": period(draft),
                "secret": draft.otp.secret().as_bytes().iter().map(|byte| byte.cast_signed()).collect::<Vec<i8>>(),
                "type": kind_name(draft).to_uppercase(),
            }).to_string()));
        }
        strings.push(("tokenOrder", json!(names).to_string()));
        prop_assert_eq!(read(Format::FreeOtp, &prefs(&strings), None), accounts);
    }

    #[test]
    fn authy(accounts in accounts(SIMPLE_TOTP)) {
        let tokens: Vec<_> = accounts.iter().map(|draft| json!({
            "accountType": "authenticator", "decryptedSecret": draft.otp.secret().to_base32(), "digits": 6,
            "originalIssuer": draft.issuer, "originalName": format!("{}:{}", draft.issuer, draft.name),
            "name": format!("{}: {}", draft.issuer, draft.name),
        })).collect();
        let file = prefs(&[("com.authy.storage.tokens.authenticator.key", json!(tokens).to_string())]);
        prop_assert_eq!(read(Format::Authy, &file, None), accounts);
    }

    #[test]
    fn totp_authenticator(accounts in accounts(SIMPLE_TOTP)) {
        let entries: Vec<_> = accounts.iter().map(|draft| json!({
            "base": 16, "digits": "6", "period": "30", "issuer": draft.issuer, "name": draft.name,
            "key": draft.otp.secret().as_bytes().iter().map(|byte| format!("{byte:02X}")).collect::<String>(),
        })).collect();
        let file = prefs(&[("STATIC_TOTP_CODES_LIST", json!(entries).to_string())]);
        prop_assert_eq!(read(Format::TotpAuthenticator, &file, None), accounts);
    }

    #[test]
    fn microsoft_authenticator_database(accounts in accounts(SIMPLE_TOTP)) {
        let mut sql = String::from("CREATE TABLE `accounts` (`_id` INTEGER PRIMARY KEY AUTOINCREMENT, `name` TEXT NOT NULL, `username` TEXT NOT NULL, `oath_secret_key` TEXT NOT NULL, `account_type` INTEGER NOT NULL);");
        for draft in &accounts {
            let quote = |text: &str| text.replace('\'', "''");
            sql.push_str(&format!(
                "INSERT INTO accounts (name, username, oath_secret_key, account_type) VALUES ('{}', '{}', '{}', 0);",
                quote(&draft.issuer), quote(&draft.name), draft.otp.secret().to_base32()
            ));
        }
        prop_assert_eq!(read(Format::MicrosoftAuthenticatorDb, &sqlite::database(&sql), None), accounts);
    }

    #[test]
    fn steam_mafiles(name in name(), secret in prop::collection::vec(any::<u8>(), 20)) {
        use base64::Engine as _;
        let file = json!({ "shared_secret": base64::engine::general_purpose::STANDARD.encode(&secret), "account_name": name });
        let expected = AccountDraft::new("Steam", &name, Otp::new(OtpKind::Steam, Algorithm::Sha1, 5, Secret::from_bytes(secret).unwrap()).unwrap());
        prop_assert_eq!(read(Format::Steam, &serde_json::to_vec(&file).unwrap(), None), vec![expected]);
    }

    #[test]
    fn battle_net(serial in "(EU|US)-[0-9]{4}-[0-9]{4}-[0-9]{4}", secret in prop::collection::vec(any::<u8>(), 20)) {
        let mask = |text: &str| text.bytes().zip(super::battle_net::MASK).map(|(byte, mask)| format!("{:02x}", byte ^ mask)).collect::<String>();
        let hex: String = secret.iter().map(|byte| format!("{byte:02x}")).collect();
        let file = prefs(&[
            ("com.blizzard.messenger.AUTHENTICATOR_DEVICE_SECRET", mask(&hex)),
            ("com.blizzard.messenger.AUTHENTICATOR_SERIAL", mask(&serial)),
        ]);
        let expected = AccountDraft::new("Battle.net", &serial, Otp::new(OtpKind::Totp { period: 30 }, Algorithm::Sha1, 8, Secret::from_bytes(secret).unwrap()).unwrap());
        prop_assert_eq!(read(Format::BattleNet, &file, None), vec![expected]);
    }
}

proptest! {
    // Drawing and decoding an image is slower than text.
    #![proptest_config(ProptestConfig::with_cases(6))]

    #[test]
    fn ente_encrypted_exports(accounts in accounts(ALL), header in any::<[u8; 24]>()) {
        let list: Vec<String> = accounts.iter().map(uri::format).collect();
        let file = super::ente::write(&list.join("\n"), "correct horse", header);
        prop_assert_eq!(read(Format::EnteEncrypted, file.as_bytes(), Some("correct horse")), accounts);
    }

    #[test]
    fn images_of_qr_codes(draft in account(ALL)) {
        let png = crate::qr::render_png(&uri::format(&draft), 4).unwrap();
        prop_assert_eq!(read(Format::Image, &png, None), vec![draft]);
    }
}
