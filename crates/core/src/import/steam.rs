//! Steam Desktop Authenticator `.maFile`s: one account's JSON (or several
//! under `accounts`), the key in `shared_secret` as base64, not base32.

use base64::Engine as _;
use serde::Deserialize;

use super::{ImportError, Imported};
use crate::draft::AccountDraft;
use crate::otp::{Algorithm, Otp, OtpKind, Secret};

#[derive(Deserialize)]
struct MaFile {
    shared_secret: String,
    #[serde(default, deserialize_with = "super::null_as_default")]
    account_name: String,
}

pub(super) fn looks_like(bytes: &[u8]) -> bool {
    super::json_value(bytes).is_some_and(|value| {
        value.get("shared_secret").is_some()
            || value
                .get("accounts")
                .and_then(serde_json::Value::as_object)
                .is_some_and(|accounts| {
                    accounts
                        .values()
                        .all(|account| account.get("shared_secret").is_some())
                })
    })
}

pub(super) fn read(bytes: &[u8]) -> Result<Imported, ImportError> {
    let value: serde_json::Value = super::json(bytes)?;
    let files: Vec<MaFile> = match value.get("accounts") {
        Some(accounts) => {
            serde_json::from_value::<std::collections::BTreeMap<String, MaFile>>(accounts.clone())
                .map_err(super::json_damage)?
                .into_values()
                .collect()
        }
        None => vec![serde_json::from_value(value).map_err(super::json_damage)?],
    };
    Ok(Imported::from_entries(files.into_iter().map(|file| {
        let draft = base64::engine::general_purpose::STANDARD
            .decode(file.shared_secret.trim())
            .map_err(|error| format!("the shared secret is not base64: {error}"))
            .and_then(|bytes| Secret::from_bytes(bytes).map_err(|error| error.to_string()))
            .and_then(|secret| {
                Otp::new(OtpKind::Steam, Algorithm::Sha1, 5, secret)
                    .map_err(|error| error.to_string())
            })
            .map(|otp| AccountDraft::new("Steam", file.account_name.as_str(), otp));
        (file.account_name.clone(), draft)
    })))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::import::summary;

    /// The `uri` of an `.maFile` carries a decoy secret; the code comes from
    /// `shared_secret` (base64), as Steam Desktop Authenticator makes it.
    #[test]
    fn the_shared_secret_makes_the_code_never_the_decoy_uri() {
        let file = r#"{"shared_secret": "SGVsbG8h3q2+7w==", "account_name": "gaben",
            "uri": "otpauth://totp/Steam:gaben?secret=AAAAAAAAAAAAAAAA&issuer=Steam"}"#;
        assert!(looks_like(file.as_bytes()));
        let imported = read(file.as_bytes()).unwrap();
        assert_eq!(summary(&imported), [("Steam", "gaben", OtpKind::Steam)]);
        assert_eq!(
            imported.accounts[0].otp.secret().to_base32(),
            "JBSWY3DPEHPK3PXP"
        );
        let broken = r#"{"shared_secret": "***", "account_name": "x"}"#;
        assert_eq!(read(broken.as_bytes()).unwrap().skipped[0].0, "x");
    }
}
