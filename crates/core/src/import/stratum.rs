//! Stratum (Authenticator Pro) backups: JSON `{Authenticators, Categories,
//! AuthenticatorCategories}`, plain or encrypted; and the app's own database
//! (from a rooted phone), whose tables hold the same.
//! - `AUTHENTICATORPRO` + salt (16) + IV (12) + ciphertext+tag: AES-256-GCM,
//!   key = Argon2id(password, salt, t=3, m=64 MiB, p=4);
//! - legacy `AuthenticatorPro` + salt (20) + IV (16) + ciphertext: AES-256-CBC,
//!   key = PBKDF2-HMAC-SHA1(password, salt, 64,000).

use serde::Deserialize;
use zeroize::Zeroizing;

use super::{Fields, ImportError, Imported, crypto, sqlite};
use crate::otp::Secret;

const HEADER: &[u8] = b"AUTHENTICATORPRO";
const LEGACY_HEADER: &[u8] = b"AuthenticatorPro";
const LEGACY_ROUNDS: u32 = 64_000;

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Backup {
    authenticators: Vec<Authenticator>,
    #[serde(default, deserialize_with = "super::null_as_default")]
    categories: Vec<Category>,
    #[serde(default, deserialize_with = "super::null_as_default")]
    authenticator_categories: Vec<Membership>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Authenticator {
    #[serde(rename = "Type")]
    kind: u8,
    #[serde(default, deserialize_with = "super::null_as_default")]
    issuer: String,
    #[serde(default)]
    username: Option<String>,
    secret: String,
    algorithm: u8,
    digits: u8,
    period: u32,
    #[serde(default)]
    counter: u64,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Category {
    id: String,
    name: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Membership {
    category_id: String,
    authenticator_secret: String,
}

/// The app's database: these tables, as it creates them.
const DATABASE_TABLES: [&[u8]; 2] = [
    b"CREATE TABLE \"authenticator\"",
    b"CREATE TABLE \"authenticatorcategory\"",
];

pub(super) fn looks_like(bytes: &[u8]) -> bool {
    bytes.starts_with(HEADER)
        || bytes.starts_with(LEGACY_HEADER)
        || sqlite::looks_like(bytes, &DATABASE_TABLES)
        || super::json_value(bytes).is_some_and(|value| value.get("Authenticators").is_some())
}

pub(super) fn read(bytes: &[u8], password: Option<&str>) -> Result<Imported, ImportError> {
    let backup: Backup = if let Some(sealed) = bytes.strip_prefix(HEADER) {
        super::json(&decrypt(sealed, password)?)?
    } else if let Some(sealed) = bytes.strip_prefix(LEGACY_HEADER) {
        super::json(&decrypt_legacy(sealed, password)?)?
    } else if sqlite::looks_like(bytes, &DATABASE_TABLES) {
        from_database(bytes)?
    } else {
        super::json(bytes)?
    };
    let group_of = |secret: &str| {
        let membership = backup
            .authenticator_categories
            .iter()
            .find(|membership| membership.authenticator_secret == secret)?;
        let category = backup
            .categories
            .iter()
            .find(|category| category.id == membership.category_id)?;
        Some(category.name.as_str())
    };
    Ok(Imported::from_entries(backup.authenticators.iter().map(
        |entry| {
            let name = entry.username.as_deref().unwrap_or_default();
            let label = crate::draft::label(&entry.issuer, name);
            let draft = kind_name(entry.kind).and_then(|kind| {
                super::checked(Fields {
                    issuer: &entry.issuer,
                    name,
                    kind,
                    algorithm: Some(algorithm_name(entry.algorithm)?),
                    digits: Some(entry.digits),
                    period: Some(entry.period),
                    counter: Some(entry.counter),
                    secret: Secret::from_base32(&entry.secret),
                    group: group_of(&entry.secret),
                })
            });
            (label, draft)
        },
    )))
}

/// The database's tables, as a backup holds them.
fn from_database(bytes: &[u8]) -> Result<Backup, ImportError> {
    use sqlite::{number, text};
    let connection = sqlite::open(bytes)?;
    let authenticators = sqlite::rows(
        &connection,
        "SELECT type, issuer, username, secret, algorithm, digits, period, counter FROM authenticator ORDER BY ranking, rowid",
        |row| {
            // Out-of-range numbers become values no account has (refused
            // with their reason), never a wrapped-around valid one.
            let small = |at| number(row, at).map(|value| u8::try_from(value).unwrap_or(u8::MAX));
            Ok(Authenticator {
                kind: small(0)?,
                issuer: text(row, 1)?,
                username: Some(text(row, 2)?),
                secret: text(row, 3)?,
                algorithm: small(4)?,
                digits: small(5)?,
                period: u32::try_from(number(row, 6)?).unwrap_or(u32::MAX),
                counter: u64::try_from(number(row, 7)?).unwrap_or(0),
            })
        },
    )?;
    let categories = sqlite::rows(&connection, "SELECT id, name FROM category", |row| {
        Ok(Category {
            id: text(row, 0)?,
            name: text(row, 1)?,
        })
    })?;
    let authenticator_categories = sqlite::rows(
        &connection,
        "SELECT categoryId, authenticatorSecret FROM authenticatorcategory ORDER BY ranking",
        |row| {
            Ok(Membership {
                category_id: text(row, 0)?,
                authenticator_secret: text(row, 1)?,
            })
        },
    )?;
    Ok(Backup {
        authenticators,
        categories,
        authenticator_categories,
    })
}

fn kind_name(code: u8) -> Result<&'static str, String> {
    match code {
        1 => Ok("hotp"),
        2 => Ok("totp"),
        4 => Ok("steam"),
        3 => Err("Twofold has no mOTP codes".into()),
        5 => Err("Twofold has no Yandex codes".into()),
        other => Err(format!("unknown code type {other}")),
    }
}

fn algorithm_name(code: u8) -> Result<&'static str, String> {
    match code {
        0 => Ok("SHA1"),
        1 => Ok("SHA256"),
        2 => Ok("SHA512"),
        other => Err(format!("unknown algorithm {other}")),
    }
}

fn decrypt(sealed: &[u8], password: Option<&str>) -> Result<Zeroizing<Vec<u8>>, ImportError> {
    let password = password.ok_or(ImportError::PasswordNeeded)?;
    let (salt, rest) = crypto::split(sealed, 16)?;
    let (iv, ciphertext) = crypto::split(rest, 12)?;
    let params = crypto::argon2_params(65_536, 3, 4)?;
    let key = crypto::argon2id(password, salt, params)?;
    crypto::open_gcm(key.as_ref(), iv, ciphertext).ok_or(ImportError::WrongPassword)
}

fn decrypt_legacy(
    sealed: &[u8],
    password: Option<&str>,
) -> Result<Zeroizing<Vec<u8>>, ImportError> {
    let password = password.ok_or(ImportError::PasswordNeeded)?;
    let (salt, rest) = crypto::split(sealed, 20)?;
    let (iv, ciphertext) = crypto::split(rest, 16)?;
    let key = crypto::pbkdf2_sha1(password, salt, LEGACY_ROUNDS);
    crypto::open_cbc(key.as_ref(), iv, ciphertext).ok_or(ImportError::WrongPassword)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::OtpKind;
    use crate::import::{read_with_passwords, summary};

    const PLAIN: &str = r#"{
        "Authenticators": [
            {"Type": 2, "Issuer": "GitHub", "Username": "alice", "Secret": "JBSWY3DPEHPK3PXP",
             "Algorithm": 1, "Digits": 6, "Period": 30},
            {"Type": 1, "Issuer": "Bank", "Username": null, "Secret": "GEZDGNBVGY3TQOJQ",
             "Algorithm": 0, "Digits": 6, "Period": 30, "Counter": 5},
            {"Type": 3, "Issuer": "Old", "Username": "x", "Secret": "JBSWY3DPEHPK3PXP",
             "Algorithm": 0, "Digits": 6, "Period": 30}],
        "Categories": [{"Id": "c1", "Name": "Work"}],
        "AuthenticatorCategories": [{"CategoryId": "c1", "AuthenticatorSecret": "JBSWY3DPEHPK3PXP"}]}"#;

    #[test]
    fn plain_backups_map_types_algorithms_and_categories() {
        let imported = read(PLAIN.as_bytes(), None).unwrap();
        assert_eq!(
            summary(&imported),
            [
                ("GitHub", "alice", OtpKind::Totp { period: 30 }),
                ("Bank", "", OtpKind::Hotp { counter: 5 })
            ]
        );
        assert_eq!(
            imported.accounts[0].otp.algorithm(),
            crate::Algorithm::Sha256
        );
        assert_eq!(imported.accounts[0].group.as_deref(), Some("Work"));
        assert_eq!(
            imported.skipped,
            [("Old (x)".into(), "Twofold has no mOTP codes".into())]
        );
    }

    #[test]
    fn the_app_database_reads_like_a_backup() {
        let bytes = sqlite::database(
            r#"CREATE TABLE "authenticator" ("type" integer, "icon" varchar, "issuer" varchar(32), "username" varchar(40), "secret" varchar primary key not null, "pin" varchar, "algorithm" integer, "digits" integer, "period" integer, "counter" integer, "ranking" integer);
               CREATE TABLE "category" ("id" varchar(8) primary key not null, "name" varchar(32), "ranking" integer);
               CREATE TABLE "authenticatorcategory" ("categoryId" varchar, "authenticatorSecret" varchar, "ranking" integer);
               INSERT INTO authenticator VALUES (2, NULL, 'GitHub', 'alice', 'JBSWY3DPEHPK3PXP', NULL, 1, 6, 30, 0, 1);
               INSERT INTO authenticator VALUES (1, NULL, 'Bank', NULL, 'KRSXG5CTMVRXEZLU', NULL, 0, 6, 30, 5, 0);
               INSERT INTO authenticator VALUES (4, NULL, 'Steam', 'gaben', 'ONSWG4TFOQYTEMZU', NULL, 0, 5, 30, 0, 2);
               INSERT INTO authenticator VALUES (2, NULL, 'Odd', 'x', 'GEZDGNBVGY3TQOJQ', NULL, 300, 6, 30, 0, 3);
               INSERT INTO category VALUES ('c1', 'Work', 0);
               INSERT INTO authenticatorcategory VALUES ('c1', 'JBSWY3DPEHPK3PXP', 0);"#,
        );
        assert!(looks_like(&bytes));
        let imported = read(&bytes, None).unwrap();
        assert_eq!(
            summary(&imported),
            [
                ("Bank", "", OtpKind::Hotp { counter: 5 }),
                ("GitHub", "alice", OtpKind::Totp { period: 30 }),
                ("Steam", "gaben", OtpKind::Steam)
            ],
            "in the app's order"
        );
        assert_eq!(imported.accounts[1].group.as_deref(), Some("Work"));
        assert_eq!(
            imported.skipped,
            [("Odd (x)".into(), "unknown algorithm 255".into())]
        );
    }

    #[test]
    fn encrypted_backups_need_the_right_password() {
        let (salt, iv) = ([5u8; 16], [6u8; 12]);
        let key = crypto::argon2id(
            "correct horse",
            &salt,
            crypto::argon2_params(65_536, 3, 4).unwrap(),
        )
        .unwrap();
        let mut file = HEADER.to_vec();
        file.extend(salt);
        file.extend(iv);
        file.extend(crypto::seal_gcm(key.as_ref(), &iv, PLAIN.as_bytes()));
        assert!(looks_like(&file));
        let imported = read_with_passwords(|password| read(&file, password));
        assert_eq!(imported.accounts.len(), 2);
    }
}
