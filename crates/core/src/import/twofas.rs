//! 2FAS backups (`.2fas`): `{schemaVersion, services[], servicesEncrypted?}`.
//! Schema 1 keeps no code parameters (all TOTP/SHA1/6/30), schema 2 no type,
//! schema 3 a meaningless period on HOTP entries, schema 4 adds Steam. An
//! encrypted backup has `servicesEncrypted = ciphertext+tag : salt : iv`
//! (base64 each), key = PBKDF2-HMAC-SHA256(password, salt, 10,000); the
//! `reference` field, sealed the same way, checks the password.

use base64::Engine as _;
use serde::Deserialize;
use zeroize::Zeroizing;

use super::{Fields, ImportError, Imported, crypto, damaged};
use crate::otp::Secret;

const ROUNDS: u32 = 10_000;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Backup {
    #[serde(default, deserialize_with = "super::null_as_default")]
    services: Vec<Service>,
    services_encrypted: Option<String>,
    reference: Option<String>,
    #[serde(default, deserialize_with = "super::null_as_default")]
    groups: Vec<Group>,
}

#[derive(Deserialize)]
struct Group {
    id: String,
    name: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Service {
    #[serde(default, deserialize_with = "super::null_as_default")]
    name: String,
    #[serde(default, deserialize_with = "super::null_as_default")]
    secret: String,
    #[serde(default, deserialize_with = "super::null_as_default")]
    otp: Otp,
    group_id: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct Otp {
    #[serde(default, deserialize_with = "super::null_as_default")]
    account: String,
    issuer: Option<String>,
    token_type: Option<String>,
    algorithm: Option<String>,
    digits: Option<u8>,
    period: Option<u32>,
    counter: Option<u64>,
}

pub(super) fn looks_like(bytes: &[u8]) -> bool {
    super::json_value(bytes).is_some_and(|value| {
        value
            .get("services")
            .is_some_and(serde_json::Value::is_array)
            && value.get("schemaVersion").is_some()
    })
}

pub(super) fn read(bytes: &[u8], password: Option<&str>) -> Result<Imported, ImportError> {
    let backup: Backup = super::json(bytes)?;
    let services = match &backup.services_encrypted {
        None => backup.services,
        Some(sealed) => {
            let password = password.ok_or(ImportError::PasswordNeeded)?;
            if let Some(reference) = &backup.reference {
                decrypt(reference, password)?.ok_or(ImportError::WrongPassword)?;
            }
            // With the password checked, a tag that fails means damage.
            let error = match backup.reference {
                Some(_) => ImportError::Damaged("the encrypted accounts do not decrypt".into()),
                None => ImportError::WrongPassword,
            };
            super::json(&decrypt(sealed, password)?.ok_or(error)?)?
        }
    };
    Ok(Imported::from_entries(services.into_iter().map(
        |service| {
            // The name 2FAS shows when the code itself names no issuer.
            let issuer = service
                .otp
                .issuer
                .as_deref()
                .filter(|issuer| !issuer.trim().is_empty())
                .unwrap_or(&service.name);
            let label = crate::draft::label(issuer, &service.otp.account);
            let group = service
                .group_id
                .as_ref()
                .and_then(|id| backup.groups.iter().find(|group| &group.id == id))
                .map(|group| group.name.as_str());
            let draft = super::checked(Fields {
                issuer,
                name: &service.otp.account,
                kind: service.otp.token_type.as_deref().unwrap_or("totp"),
                algorithm: service.otp.algorithm.as_deref(),
                digits: service.otp.digits,
                period: service.otp.period,
                counter: service.otp.counter,
                secret: Secret::from_base32(&service.secret),
                group,
            });
            (label, draft)
        },
    )))
}

/// `None` when the tag does not check.
fn decrypt(sealed: &str, password: &str) -> Result<Option<Zeroizing<Vec<u8>>>, ImportError> {
    let base64 = base64::engine::general_purpose::STANDARD;
    let parts = sealed
        .split(':')
        .map(|part| base64.decode(part).map_err(damaged))
        .collect::<Result<Vec<_>, _>>()?;
    let [ciphertext, salt, iv] = parts.as_slice() else {
        return Err(ImportError::Damaged(
            "the encrypted services are not ciphertext:salt:iv".into(),
        ));
    };
    let key = crypto::pbkdf2_sha256(password, salt, ROUNDS);
    Ok(crypto::open_gcm(key.as_ref(), iv, ciphertext))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::OtpKind;
    use crate::import::{read_with_passwords, summary};

    const SERVICES: &str = r#"[
        {"name": "GitHub", "secret": "JBSWY3DPEHPK3PXP", "groupId": "g1",
         "otp": {"account": "alice", "issuer": "GitHub", "tokenType": "TOTP", "digits": 6, "period": 30}},
        {"name": "Steam", "secret": "JBSWY3DPEHPK3PXP", "otp": {"account": "gaben", "tokenType": "STEAM"}},
        {"name": "Bank", "secret": "not base32!", "otp": {"account": "bob"}}]"#;

    #[test]
    fn plain_backups_keep_groups_and_list_unusable_entries() {
        let backup = format!(
            r#"{{"schemaVersion": 4, "services": {SERVICES}, "groups": [{{"id": "g1", "name": "Work"}}]}}"#
        );
        assert!(looks_like(backup.as_bytes()));
        let imported = read(backup.as_bytes(), None).unwrap();
        assert_eq!(
            summary(&imported),
            [
                ("GitHub", "alice", OtpKind::Totp { period: 30 }),
                ("Steam", "gaben", OtpKind::Steam)
            ]
        );
        assert_eq!(imported.accounts[0].group.as_deref(), Some("Work"));
        assert_eq!(imported.skipped[0].0, "Bank (bob)");
    }

    #[test]
    fn encrypted_backups_check_the_password_with_the_reference() {
        let seal = |plain: &str, password: &str| {
            let (salt, iv) = ([3u8; 256], [4u8; 12]);
            let key = crypto::pbkdf2_sha256(password, &salt, ROUNDS);
            let sealed = crypto::seal_gcm(key.as_ref(), &iv, plain.as_bytes());
            let b64 = |bytes: &[u8]| base64::engine::general_purpose::STANDARD.encode(bytes);
            format!("{}:{}:{}", b64(&sealed), b64(&salt), b64(&iv))
        };
        let backup = serde_json::json!({
            "schemaVersion": 4,
            "services": [],
            "servicesEncrypted": seal(SERVICES, "correct horse"),
            "reference": seal("tRiAnGlE", "correct horse"),
        })
        .to_string();
        let imported = read_with_passwords(|password| read(backup.as_bytes(), password));
        assert_eq!(imported.accounts.len(), 2);
    }
}
