//! andOTP backups: a JSON array of entries (secrets padded with `=`), plain or
//! encrypted with AES-256-GCM. New scheme: `[iterations: u32 BE][salt: 12]
//! [nonce: 12][ciphertext+tag]`, key = PBKDF2-HMAC-SHA1(password, salt,
//! iterations). Old scheme: `[nonce: 12][ciphertext+tag]`, key =
//! SHA-256(password). Neither has a header, so an unreadable binary file is
//! tried as both.

use serde::Deserialize;

use super::{Fields, ImportError, Imported, crypto};
use crate::otp::Secret;

/// The iteration counts andOTP has used are far inside this range; a first
/// word outside it means the old scheme.
const ROUNDS: std::ops::RangeInclusive<u32> = 1_000..=crypto::PBKDF2_MAX_ROUNDS;
const SALT: usize = 12;
const NONCE: usize = 12;
const TAG: usize = 16;

#[derive(Deserialize)]
struct Entry {
    secret: String,
    #[serde(default)]
    issuer: Option<String>,
    #[serde(default, deserialize_with = "super::null_as_default")]
    label: String,
    #[serde(rename = "type")]
    kind: String,
    algorithm: Option<String>,
    digits: Option<u8>,
    period: Option<u32>,
    counter: Option<u64>,
    #[serde(default, deserialize_with = "super::null_as_default")]
    tags: Vec<String>,
}

pub(super) fn looks_like(bytes: &[u8]) -> bool {
    match super::json_value(bytes) {
        Some(value) => value
            .as_array()
            .and_then(|entries| entries.first())
            .is_some_and(|entry| entry.get("secret").is_some() && entry.get("type").is_some()),
        None => std::str::from_utf8(bytes).is_err() && bytes.len() >= NONCE + TAG,
    }
}

pub(super) fn read(bytes: &[u8], password: Option<&str>) -> Result<Imported, ImportError> {
    if let Ok(entries) = serde_json::from_slice::<Vec<Entry>>(bytes) {
        return Ok(to_imported(entries));
    }
    if std::str::from_utf8(bytes).is_ok() {
        return Err(ImportError::Damaged(
            "this text is not an andOTP backup".into(),
        ));
    }
    let password = password.ok_or(ImportError::PasswordNeeded)?;
    let plain = decrypt_new(bytes, password)?
        .or_else(|| decrypt_old(bytes, password))
        .ok_or(ImportError::WrongPassword)?;
    Ok(to_imported(super::json(&plain)?))
}

fn decrypt_new(
    bytes: &[u8],
    password: &str,
) -> Result<Option<zeroize::Zeroizing<Vec<u8>>>, ImportError> {
    let (rounds, rest) = crypto::split(bytes, 4)?;
    let rounds = u32::from_be_bytes([rounds[0], rounds[1], rounds[2], rounds[3]]);
    if !ROUNDS.contains(&rounds) {
        return Ok(None);
    }
    let (salt, rest) = crypto::split(rest, SALT)?;
    let (nonce, sealed) = crypto::split(rest, NONCE)?;
    let key = crypto::pbkdf2_sha1(password, salt, rounds);
    Ok(crypto::open_gcm(key.as_ref(), nonce, sealed))
}

fn decrypt_old(bytes: &[u8], password: &str) -> Option<zeroize::Zeroizing<Vec<u8>>> {
    let (nonce, sealed) = bytes.split_at_checked(NONCE)?;
    crypto::open_gcm(crypto::sha256(password).as_ref(), nonce, sealed)
}

fn to_imported(entries: Vec<Entry>) -> Imported {
    Imported::from_entries(entries.into_iter().map(|entry| {
        // Old backups have no issuer: the label is "Issuer - name".
        let (issuer, name) = match &entry.issuer {
            Some(issuer) => (issuer.as_str(), entry.label.as_str()),
            None => entry
                .label
                .split_once(" - ")
                .unwrap_or(("", entry.label.as_str())),
        };
        let label = crate::draft::label(issuer, name);
        let draft = super::checked(Fields {
            issuer,
            name,
            kind: &entry.kind,
            algorithm: entry.algorithm.as_deref(),
            digits: entry.digits,
            period: entry.period,
            counter: entry.counter,
            secret: Secret::from_base32(&entry.secret),
            group: entry.tags.first().map(String::as_str),
        });
        (label, draft)
    }))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::OtpKind;
    use crate::import::{read_with_passwords, summary};

    const PLAIN: &str = r#"[
        {"secret": "JBSWY3DPEHPK3PXP====", "issuer": "GitHub", "label": "alice", "type": "TOTP",
         "algorithm": "SHA256", "digits": 8, "period": 60, "tags": ["Work", "Dev"]},
        {"secret": "GEZDGNBVGY3TQOJQ", "label": "Bank - bob", "type": "HOTP", "counter": 7},
        {"secret": "JBSWY3DPEHPK3PXP", "label": "x", "type": "MOTP"}]"#;

    #[test]
    fn plain_backups_read_old_labels_as_issuer_and_name_and_the_first_tag_as_group() {
        let imported = read(PLAIN.as_bytes(), None).unwrap();
        assert_eq!(
            summary(&imported),
            [
                ("GitHub", "alice", OtpKind::Totp { period: 60 }),
                ("Bank", "bob", OtpKind::Hotp { counter: 7 })
            ]
        );
        assert_eq!(imported.accounts[0].group.as_deref(), Some("Work"));
        assert_eq!(imported.accounts[0].otp.digits(), 8);
        assert_eq!(imported.skipped.len(), 1, "mOTP is listed with its reason");
    }

    #[test]
    fn encrypted_backups_need_the_right_password() {
        let (rounds, salt, nonce) = (1_000u32, [7u8; SALT], [9u8; NONCE]);
        let key = crypto::pbkdf2_sha1("correct horse", &salt, rounds);
        let mut file = rounds.to_be_bytes().to_vec();
        file.extend(salt);
        file.extend(nonce);
        file.extend(crypto::seal_gcm(key.as_ref(), &nonce, PLAIN.as_bytes()));
        assert!(looks_like(&file));
        let imported = read_with_passwords(|password| read(&file, password));
        assert_eq!(imported.accounts.len(), 2);
    }
}
