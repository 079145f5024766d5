//! Raivo OTP (iOS) exports: a ZIP protected with the user's password (AES)
//! holding `raivo-otp-export.json`, a list of `{kind, algorithm, timer,
//! digits, counter, issuer, account, secret, pinned}` with every value a
//! string; the JSON alone (taken out of the archive) reads too. Pinned
//! accounts are favourites.

use serde::Deserialize;

use super::{Fields, ImportError, Imported, archive};
use crate::otp::Secret;

const MEMBER: &str = "raivo-otp-export.json";

#[derive(Deserialize)]
struct Entry {
    #[serde(default, deserialize_with = "super::null_as_default")]
    kind: String,
    algorithm: Option<String>,
    #[serde(default, deserialize_with = "text")]
    timer: String,
    #[serde(default, deserialize_with = "text")]
    digits: String,
    #[serde(default, deserialize_with = "text")]
    counter: String,
    #[serde(default, deserialize_with = "super::null_as_default")]
    issuer: String,
    #[serde(default, deserialize_with = "super::null_as_default")]
    account: String,
    #[serde(default, deserialize_with = "super::null_as_default")]
    secret: String,
    #[serde(default, deserialize_with = "text")]
    pinned: String,
}

/// A value Raivo writes as a string ("30", "true"), or as a number or a
/// boolean, as text.
fn text<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Ok(match serde_json::Value::deserialize(deserializer)? {
        serde_json::Value::String(text) => text,
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    })
}

pub(super) fn looks_like(bytes: &[u8]) -> bool {
    archive::names(bytes, MEMBER)
        || super::json_value(bytes).is_some_and(|value| {
            value
                .as_array()
                .and_then(|entries| entries.first())
                .is_some_and(|entry| entry.get("kind").is_some() && entry.get("timer").is_some())
        })
}

pub(super) fn read(bytes: &[u8], password: Option<&str>) -> Result<Imported, ImportError> {
    let json = if archive::is_zip(bytes) {
        archive::member(bytes, MEMBER, password)?
    } else {
        zeroize::Zeroizing::new(bytes.to_vec())
    };
    let entries: Vec<Entry> = super::json(&json)?;
    Ok(Imported::from_entries(entries.iter().map(|entry| {
        let draft = super::checked(Fields {
            issuer: &entry.issuer,
            name: &entry.account,
            kind: &entry.kind,
            algorithm: entry.algorithm.as_deref(),
            digits: super::number(Some(&entry.digits)),
            period: super::number(Some(&entry.timer)),
            counter: super::number(Some(&entry.counter)),
            secret: Secret::from_base32(&entry.secret),
            group: None,
        })
        .map(|mut draft| {
            draft.favorite = entry.pinned.eq_ignore_ascii_case("true");
            draft
        });
        (crate::draft::label(&entry.issuer, &entry.account), draft)
    })))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::OtpKind;
    use crate::import::{read_with_passwords, summary};

    const EXPORT: &str = r#"[
        {"kind": "TOTP", "algorithm": "SHA256", "timer": "20", "digits": "7", "counter": "0", "issuer": "GitHub",
         "account": "alice", "secret": "JBSWY3DPEHPK3PXP", "pinned": "true", "iconType": "", "iconValue": ""},
        {"kind": "HOTP", "algorithm": "SHA1", "timer": 30, "digits": 6, "counter": "12", "issuer": "Bank",
         "account": "bob", "secret": "JBSWY3DPEHPK3PXP", "pinned": false}]"#;

    fn check(imported: &Imported) {
        assert_eq!(
            summary(imported),
            [
                ("GitHub", "alice", OtpKind::Totp { period: 20 }),
                ("Bank", "bob", OtpKind::Hotp { counter: 12 })
            ]
        );
        assert_eq!(imported.accounts[0].otp.digits(), 7);
        assert!(imported.accounts[0].favorite && !imported.accounts[1].favorite);
    }

    #[test]
    fn reads_the_protected_archive_and_the_json_alone() {
        let zip = archive::write(MEMBER, EXPORT.as_bytes(), Some("correct horse"));
        assert!(looks_like(&zip));
        check(&read_with_passwords(|password| read(&zip, password)));
        assert!(looks_like(EXPORT.as_bytes()));
        check(&read(EXPORT.as_bytes(), None).unwrap());
    }
}
