//! TOTP Authenticator (BinaryBoo): its backup file (base64 text; AES-256-CBC
//! with a zero IV under SHA-256 of the password, "TotpAuthenticator" when the
//! user set none; inside, a JSON object whose first *key* is the entry list
//! as JSON text) and its preferences file (`STATIC_TOTP_CODES_LIST`). Keys
//! are hex when `base` is 16; digits and period are strings.

use serde::Deserialize;

use super::android_prefs::Prefs;
use super::{Fields, ImportError, Imported, crypto};
use crate::otp::Secret;

const LIST: &str = "STATIC_TOTP_CODES_LIST";
/// What the app encrypts with when the user gives no password.
const DEFAULT_PASSWORD: &str = "TotpAuthenticator";

#[derive(Deserialize)]
struct Entry {
    #[serde(default, deserialize_with = "super::null_as_default")]
    issuer: String,
    #[serde(default, deserialize_with = "super::null_as_default")]
    name: String,
    #[serde(default, deserialize_with = "super::null_as_default")]
    key: String,
    base: Option<u8>,
    digits: Option<String>,
    period: Option<String>,
}

pub(super) fn looks_like(bytes: &[u8]) -> bool {
    Prefs::parse(bytes).is_some_and(|prefs| prefs.get(LIST).is_some()) || looks_like_backup(bytes)
}

/// Base64 text whose length is whole AES blocks.
fn looks_like_backup(bytes: &[u8]) -> bool {
    let text = bytes.trim_ascii();
    text.len() >= 24
        && text.len().is_multiple_of(4)
        && text
            .iter()
            .all(|byte| byte.is_ascii_alphanumeric() || b"+/=".contains(byte))
        && base64_decode(text).is_some_and(|sealed| sealed.len() % 16 == 0)
}

pub(super) fn read(bytes: &[u8], password: Option<&str>) -> Result<Imported, ImportError> {
    if let Some(prefs) = Prefs::parse(bytes) {
        let list = prefs.get(LIST).ok_or_else(|| {
            ImportError::Damaged("no TOTP Authenticator accounts in the file".into())
        })?;
        return entries(list);
    }
    let sealed = base64_decode(bytes.trim_ascii())
        .ok_or_else(|| ImportError::Damaged("not base64 text".into()))?;
    // Without a password, the app's own default; a user's password is needed
    // when that does not open it.
    let plain = match password {
        Some(password) => open(&sealed, password).ok_or(ImportError::WrongPassword)?,
        None => open(&sealed, DEFAULT_PASSWORD).ok_or(ImportError::PasswordNeeded)?,
    };
    let outer: serde_json::Map<String, serde_json::Value> =
        serde_json::from_slice(&plain).map_err(|_| ImportError::WrongPassword)?;
    let list = outer
        .keys()
        .next()
        .ok_or_else(|| ImportError::Damaged("the backup holds no list".into()))?;
    entries(list)
}

fn open(sealed: &[u8], password: &str) -> Option<zeroize::Zeroizing<Vec<u8>>> {
    let key = crypto::sha256(password);
    let plain = crypto::open_cbc(key.as_ref(), &[0; 16], sealed)?;
    // Padding can check by chance; the right key gives a JSON object.
    plain.starts_with(b"{").then_some(plain)
}

fn entries(list: &str) -> Result<Imported, ImportError> {
    let entries: Vec<Entry> = super::json(list.as_bytes())?;
    Ok(Imported::from_entries(entries.into_iter().map(|entry| {
        let secret = match entry.base {
            Some(16) => Secret::from_hex(&entry.key),
            _ => Secret::from_base32(&entry.key),
        };
        let draft = super::checked(Fields {
            issuer: &entry.issuer,
            name: &entry.name,
            kind: "totp",
            algorithm: None,
            digits: super::number(entry.digits.as_deref()),
            period: super::number(entry.period.as_deref()),
            counter: None,
            secret,
            group: None,
        });
        (crate::draft::label(&entry.issuer, &entry.name), draft)
    })))
}

fn base64_decode(text: &[u8]) -> Option<Vec<u8>> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.decode(text).ok()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::OtpKind;
    use crate::import::{read_with_passwords, summary};

    const LIST_JSON: &str = r#"[{"base":16,"digits":"7","issuer":"GitHub","key":"48656C6C6F21DEADBEEF","name":"alice","period":"20"},
        {"base":32,"digits":"6","issuer":"Bank","key":"JBSWY3DPEHPK3PXP","name":"bob","period":"30"},
        {"base":16,"digits":"6","issuer":"Broken","key":"XYZ","name":"carol","period":"30"}]"#;

    fn seal(password: &str, plain: &str) -> String {
        use base64::Engine as _;
        let key = crypto::sha256(password);
        let sealed = crypto::seal_cbc(key.as_ref(), &[0; 16], plain.as_bytes());
        base64::engine::general_purpose::STANDARD.encode(sealed)
    }

    fn check(imported: &Imported) {
        assert_eq!(
            summary(imported),
            [
                ("GitHub", "alice", OtpKind::Totp { period: 20 }),
                ("Bank", "bob", OtpKind::Totp { period: 30 })
            ]
        );
        assert_eq!(
            imported.accounts[0].otp.secret().to_base32(),
            "JBSWY3DPEHPK3PXP"
        );
        assert_eq!(imported.accounts[0].otp.digits(), 7);
        assert_eq!(imported.skipped[0].0, "Broken (carol)");
    }

    #[test]
    fn reads_the_preferences_file() {
        let file = crate::import::android_prefs::write(&[(LIST, LIST_JSON)]);
        assert!(looks_like(&file));
        check(&read(&file, None).unwrap());
    }

    #[test]
    fn reads_backups_with_a_password_or_the_default_one() {
        let outer = serde_json::json!({ LIST_JSON: "" }).to_string();
        let backup = seal("correct horse", &outer);
        assert!(looks_like(backup.as_bytes()));
        check(&read_with_passwords(|password| {
            read(backup.as_bytes(), password)
        }));
        let unprotected = seal(DEFAULT_PASSWORD, &outer);
        check(&read(unprotected.as_bytes(), None).unwrap());
    }
}
