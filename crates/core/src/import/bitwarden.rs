//! Bitwarden's exports: JSON (unencrypted, or protected with a password of
//! the user's choosing) and CSV. An item's TOTP field holds an `otpauth://`
//! URI, a bare setup key (named after the item and its username), or
//! `steam://<key>` (Steam, no name).
//!
//! A password-protected export: `{encrypted, passwordProtected, salt,
//! kdfType (0 PBKDF2-SHA256, 1 Argon2id on SHA-256 of the salt),
//! kdfIterations, kdfMemory (MiB), kdfParallelism,
//! encKeyValidation_DO_NOT_EDIT, data}`. The derived key is stretched by
//! HKDF-Expand (SHA-256) into an encryption key ("enc") and a MAC key
//! ("mac"); `data` is an "EncString" `2.<iv>|<ciphertext>|<mac>` (base64):
//! AES-256-CBC, and HMAC-SHA256 over iv and ciphertext. Inside is the
//! unencrypted export.

use hmac::{Hmac, Mac as _};
use serde::Deserialize;
use sha2::Sha256;
use zeroize::Zeroizing;

use super::{Fields, ImportError, Imported, crypto};
use crate::draft::AccountDraft;
use crate::otp::Secret;

#[derive(Deserialize)]
struct Export {
    items: Vec<Item>,
}

#[derive(Deserialize)]
struct Item {
    #[serde(default, deserialize_with = "super::null_as_default")]
    name: String,
    login: Option<Login>,
}

#[derive(Deserialize)]
struct Login {
    #[serde(default, deserialize_with = "super::null_as_default")]
    username: String,
    totp: Option<String>,
}

/// The outside of an encrypted export.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Encrypted {
    #[serde(default, deserialize_with = "super::null_as_default")]
    encrypted: bool,
    #[serde(default, deserialize_with = "super::null_as_default")]
    password_protected: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Protected {
    salt: String,
    kdf_type: u8,
    kdf_iterations: u32,
    kdf_memory: Option<u32>,
    kdf_parallelism: Option<u32>,
    #[serde(rename = "encKeyValidation_DO_NOT_EDIT")]
    validation: String,
    data: String,
}

pub(super) fn looks_like_json(bytes: &[u8]) -> bool {
    serde_json::from_slice::<serde_json::Value>(bytes).is_ok_and(|value| {
        value.get("items").is_some_and(serde_json::Value::is_array)
            || value.get("passwordProtected").is_some() && value.get("data").is_some()
    })
}

pub(super) fn looks_like_csv(bytes: &[u8]) -> bool {
    let first_line = bytes
        .split(|byte| *byte == b'\n')
        .next()
        .unwrap_or_default();
    std::str::from_utf8(first_line)
        .is_ok_and(|line| line.split(',').any(|column| column.trim() == "login_totp"))
}

pub(super) fn read_json(bytes: &[u8], password: Option<&str>) -> Result<Imported, ImportError> {
    let outside: Encrypted = super::json(bytes)?;
    if outside.encrypted && outside.password_protected {
        let plain = decrypt(&super::json(bytes)?, password)?;
        return read_json(&plain, None);
    }
    if outside.encrypted {
        return Err(ImportError::Damaged(
            "this Bitwarden export is encrypted with the Bitwarden account's own key, which only Bitwarden has: export it again as \"password protected\" or unencrypted JSON".into(),
        ));
    }
    let export: Export = super::json(bytes)?;
    Ok(collect(export.items.into_iter().filter_map(|item| {
        let login = item.login?;
        Some((item.name, login.username, login.totp?))
    })))
}

/// The unencrypted export inside a password-protected one.
fn decrypt(
    protected: &Protected,
    password: Option<&str>,
) -> Result<Zeroizing<Vec<u8>>, ImportError> {
    let password = password.ok_or(ImportError::PasswordNeeded)?;
    let key = match protected.kdf_type {
        0 => {
            if protected.kdf_iterations > crypto::PBKDF2_MAX_ROUNDS {
                return Err(crypto::too_costly(format_args!(
                    "{} PBKDF2 rounds",
                    protected.kdf_iterations
                )));
            }
            crypto::pbkdf2_sha256(
                password,
                protected.salt.as_bytes(),
                protected.kdf_iterations,
            )
        }
        1 => {
            let memory_mib = protected.kdf_memory.unwrap_or(64);
            let params = crypto::argon2_params(
                memory_mib.saturating_mul(1024),
                protected.kdf_iterations,
                protected.kdf_parallelism.unwrap_or(4),
            )?;
            let salt = crypto::sha256(&protected.salt);
            crypto::argon2id(password, salt.as_ref(), params)?
        }
        other => {
            return Err(ImportError::Damaged(format!(
                "unknown key derivation {other}"
            )));
        }
    };
    let keys = StretchedKey::new(key.as_ref());
    // The validation string opens only with the right password.
    keys.open(&protected.validation)
        .ok_or(ImportError::WrongPassword)?;
    keys.open(&protected.data)
        .ok_or_else(|| ImportError::Damaged("the encrypted data does not open".into()))
}

/// Bitwarden's key stretched into an encryption and a MAC key.
struct StretchedKey {
    encryption: Zeroizing<[u8; 32]>,
    mac: Zeroizing<[u8; 32]>,
}

impl StretchedKey {
    /// HKDF-Expand to 32 bytes is one HMAC: HMAC(key, info ‖ 0x01).
    fn new(key: &[u8]) -> Self {
        let expand = |info: &[u8]| {
            let mut output = Zeroizing::new([0u8; 32]);
            if let Ok(mut hmac) = Hmac::<Sha256>::new_from_slice(key) {
                hmac.update(info);
                hmac.update(&[1]);
                output.copy_from_slice(&hmac.finalize().into_bytes());
            }
            output
        };
        Self {
            encryption: expand(b"enc"),
            mac: expand(b"mac"),
        }
    }

    /// An EncString `2.<iv>|<ciphertext>|<mac>`, checked then decrypted.
    fn open(&self, text: &str) -> Option<Zeroizing<Vec<u8>>> {
        use base64::Engine as _;
        let decode = |part: &str| base64::engine::general_purpose::STANDARD.decode(part).ok();
        let mut parts = text.strip_prefix("2.")?.split('|');
        let (iv, ciphertext, mac) = (
            decode(parts.next()?)?,
            decode(parts.next()?)?,
            decode(parts.next()?)?,
        );
        let mut hmac = Hmac::<Sha256>::new_from_slice(self.mac.as_ref()).ok()?;
        hmac.update(&iv);
        hmac.update(&ciphertext);
        hmac.verify_slice(&mac).ok()?;
        crypto::open_cbc(self.encryption.as_ref(), &iv, &ciphertext)
    }

    /// The EncString of `plain`, for tests that write protected exports.
    #[cfg(test)]
    fn seal(&self, iv: [u8; 16], plain: &[u8]) -> String {
        use base64::Engine as _;
        let ciphertext = crypto::seal_cbc(self.encryption.as_ref(), &iv, plain);
        let mut hmac =
            Hmac::<Sha256>::new_from_slice(self.mac.as_ref()).unwrap_or_else(|_| unreachable!());
        hmac.update(&iv);
        hmac.update(&ciphertext);
        let encode = |bytes: &[u8]| base64::engine::general_purpose::STANDARD.encode(bytes);
        format!(
            "2.{}|{}|{}",
            encode(&iv),
            encode(&ciphertext),
            encode(&hmac.finalize().into_bytes())
        )
    }
}

pub(super) fn read_csv(bytes: &[u8]) -> Result<Imported, ImportError> {
    // Rows may have more fields than the header (a real Bitwarden
    // Authenticator export: 6 header fields, 9 per row).
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let headers = reader
        .headers()
        .map_err(|error| ImportError::Damaged(error.to_string()))?
        .clone();
    let column = |name: &str| headers.iter().position(|header| header.trim() == name);
    let totp =
        column("login_totp").ok_or_else(|| ImportError::Damaged("no login_totp column".into()))?;
    let name = column("name");
    let username = column("login_username");
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|error| ImportError::Damaged(error.to_string()))?;
        let value = record.get(totp).unwrap_or_default().to_owned();
        if !value.trim().is_empty() {
            let field = |at: Option<usize>| {
                at.and_then(|at| record.get(at))
                    .unwrap_or_default()
                    .to_owned()
            };
            rows.push((field(name), field(username), value));
        }
    }
    Ok(collect(rows.into_iter()))
}

/// Items as `(item name, username, TOTP field)`.
fn collect(items: impl Iterator<Item = (String, String, String)>) -> Imported {
    let mut imported = Imported::default();
    for (name, username, totp) in items {
        match to_draft(&name, &username, totp.trim()) {
            Ok(draft) => imported.accounts.push(draft),
            Err(why) => imported.skipped.push((name, why)),
        }
    }
    imported
}

fn to_draft(item_name: &str, username: &str, totp: &str) -> Result<AccountDraft, String> {
    match totp.strip_prefix("steam://") {
        Some(key) => super::checked(Fields {
            issuer: "Steam",
            name: "",
            kind: "steam",
            algorithm: None,
            digits: None,
            period: None,
            counter: None,
            secret: Secret::from_base32(key),
            group: None,
        }),
        None => super::totp_field(totp, item_name, username, None),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::OtpKind;
    use crate::import::{read_with_passwords, summary};

    #[test]
    fn json_exports_take_the_logins_with_a_totp_key() {
        let export = r#"{"encrypted": false, "items": [
            {"type": 1, "name": "GitHub", "login": {"username": "alice", "totp": "JBSWY3DPEHPK3PXP"}},
            {"type": 1, "name": "Mail", "login": {"username": "bob",
             "totp": "otpauth://totp/Mail:bob?secret=GEZDGNBVGY3TQOJQ&issuer=Mail&digits=8"}},
            {"type": 1, "name": "No 2FA", "login": {"username": "carol", "totp": null}},
            {"type": 2, "name": "A note"}]}"#;
        assert!(looks_like_json(export.as_bytes()));
        let imported = read_json(export.as_bytes(), None).unwrap();
        let summary = summary(&imported);
        assert_eq!(summary.len(), 2, "{summary:?}");
        assert_eq!(
            summary[0],
            ("GitHub", "alice", OtpKind::Totp { period: 30 })
        );
        assert_eq!(imported.accounts[1].otp.digits(), 8);
    }

    /// A password-protected export as Bitwarden writes one.
    fn protected(password: &str, kdf: serde_json::Value, inside: &str) -> String {
        let salt = "c2FsdHNhbHRzYWx0";
        let key = if kdf["kdfType"] == 0 {
            crypto::pbkdf2_sha256(password, salt.as_bytes(), 5000)
        } else {
            let params = crypto::argon2_params(16 * 1024, 2, 1).unwrap();
            crypto::argon2id(password, crypto::sha256(salt).as_ref(), params).unwrap()
        };
        let keys = StretchedKey::new(key.as_ref());
        let mut export = serde_json::json!({
            "encrypted": true, "passwordProtected": true, "salt": salt,
            "encKeyValidation_DO_NOT_EDIT": keys.seal([1; 16], b"a random validation text"),
            "data": keys.seal([2; 16], inside.as_bytes()),
        });
        for (name, value) in kdf.as_object().unwrap() {
            export[name] = value.clone();
        }
        export.to_string()
    }

    #[test]
    fn password_protected_exports_open_with_their_password() {
        let inside = r#"{"encrypted": false, "items": [
            {"type": 1, "name": "GitHub", "login": {"username": "alice", "totp": "JBSWY3DPEHPK3PXP"}}]}"#;
        for kdf in [
            serde_json::json!({"kdfType": 0, "kdfIterations": 5000}),
            serde_json::json!({"kdfType": 1, "kdfIterations": 2, "kdfMemory": 16, "kdfParallelism": 1}),
        ] {
            let export = protected("correct horse", kdf, inside);
            assert!(looks_like_json(export.as_bytes()));
            let imported = read_with_passwords(|password| read_json(export.as_bytes(), password));
            assert_eq!(
                summary(&imported),
                [("GitHub", "alice", OtpKind::Totp { period: 30 })]
            );
        }
        let costly = protected(
            "x",
            serde_json::json!({"kdfType": 0, "kdfIterations": 5000}),
            inside,
        )
        .replace("5000", "4000000000");
        assert!(matches!(
            read_json(costly.as_bytes(), Some("x")),
            Err(ImportError::Stalling(_))
        ));
        let account_bound =
            r#"{"encrypted": true, "encKeyValidation_DO_NOT_EDIT": "2.x", "items": []}"#;
        assert!(
            matches!(read_json(account_bound.as_bytes(), Some("x")), Err(ImportError::Damaged(why)) if why.contains("password protected"))
        );
    }

    #[test]
    fn csv_exports_take_the_rows_with_a_totp_key() {
        let export = "folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp\n\
                      ,1,login,GitHub,,,0,https://github.com,alice,pw,JBSWY3DPEHPK3PXP\n\
                      ,,login,Plain,,,0,https://example.com,bob,pw,\n";
        assert!(looks_like_csv(export.as_bytes()));
        let imported = read_csv(export.as_bytes()).unwrap();
        assert_eq!(summary(&imported).len(), 1);
        assert_eq!(imported.accounts[0].issuer, "GitHub");
    }
}
