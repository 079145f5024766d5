//! Authy's Android preferences file (`com.authy.storage.tokens.authenticator.xml`,
//! from a rooted phone or a backup): a JSON array of tokens, the secret in
//! clear (`decryptedSecret`) or encrypted with the backup password
//! (`encryptedSecret`: PBKDF2-SHA1 of the password and the token's salt,
//! 1,000 rounds, AES-256-CBC with a zero IV). Authy keeps only the digits:
//! SHA1, 30 s.

use serde::Deserialize;
use zeroize::Zeroizing;

use super::android_prefs::Prefs;
use super::{Fields, ImportError, Imported, crypto};
use crate::otp::Secret;

const TOKENS: &str = "com.authy.storage.tokens.authenticator.key";
const ROUNDS: u32 = 1000;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Token {
    #[serde(default, deserialize_with = "super::null_as_default")]
    name: String,
    #[serde(default, deserialize_with = "super::null_as_default")]
    original_name: String,
    #[serde(default, deserialize_with = "super::null_as_default")]
    original_issuer: String,
    digits: Option<u8>,
    decrypted_secret: Option<String>,
    encrypted_secret: Option<String>,
    salt: Option<String>,
}

pub(super) fn looks_like(bytes: &[u8]) -> bool {
    Prefs::parse(bytes).is_some_and(|prefs| prefs.get(TOKENS).is_some())
}

pub(super) fn read(bytes: &[u8], password: Option<&str>) -> Result<Imported, ImportError> {
    let prefs = Prefs::read(bytes)?;
    let tokens = prefs
        .get(TOKENS)
        .ok_or_else(|| ImportError::Damaged("no Authy tokens in the file".into()))?;
    let tokens: Vec<Token> = super::json(tokens.as_bytes())?;
    let encrypted = tokens.iter().any(|token| token.decrypted_secret.is_none());
    let password = match (encrypted, password) {
        (true, None) => return Err(ImportError::PasswordNeeded),
        (_, password) => password.unwrap_or_default(),
    };
    let mut entries = Vec::new();
    for token in tokens {
        let (issuer, name) = names(&token);
        let label = crate::draft::label(&issuer, &name);
        let secret = match &token.decrypted_secret {
            Some(secret) => Zeroizing::new(secret.clone()),
            None => decrypt(&token, password)?,
        };
        let draft = super::checked(Fields {
            issuer: &issuer,
            name: &name,
            kind: "totp",
            algorithm: None,
            digits: token.digits,
            period: None,
            counter: None,
            secret: Secret::from_base32(&secret),
            group: None,
        });
        entries.push((label, draft));
    }
    Ok(Imported::from_entries(entries))
}

/// Issuer and name as Authy showed them: `originalName` is "Issuer:name"
/// when the setup code had an issuer.
fn names(token: &Token) -> (String, String) {
    let full = if token.original_name.is_empty() {
        &token.name
    } else {
        &token.original_name
    };
    match full.split_once(':') {
        Some((issuer, name))
            if token.original_issuer.is_empty() || issuer == token.original_issuer =>
        {
            (issuer.trim().to_owned(), name.trim().to_owned())
        }
        _ => (token.original_issuer.clone(), full.trim().to_owned()),
    }
}

/// A token's secret with the backup password; a wrong password fails the
/// CBC padding or leaves text that is not a key.
fn decrypt(token: &Token, password: &str) -> Result<Zeroizing<String>, ImportError> {
    use base64::Engine as _;
    let (Some(sealed), Some(salt)) = (&token.encrypted_secret, &token.salt) else {
        return Err(ImportError::Damaged(
            "a token has neither its secret nor its salt".into(),
        ));
    };
    let sealed = base64::engine::general_purpose::STANDARD
        .decode(sealed.trim())
        .map_err(super::damaged)?;
    let key = crypto::pbkdf2_sha1(password, salt.as_bytes(), ROUNDS);
    let plain =
        crypto::open_cbc(key.as_ref(), &[0; 16], &sealed).ok_or(ImportError::WrongPassword)?;
    // Padding that checks by chance: only the right password gives a key.
    let text =
        Zeroizing::new(String::from_utf8(plain.to_vec()).map_err(|_| ImportError::WrongPassword)?);
    Secret::from_base32(&text).map_err(|_| ImportError::WrongPassword)?;
    Ok(text)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::OtpKind;
    use crate::import::{read_with_passwords, summary};

    fn file(tokens: &str) -> String {
        String::from_utf8(crate::import::android_prefs::write(&[(TOKENS, tokens)])).unwrap()
    }

    fn seal(password: &str, salt: &str, secret: &str) -> String {
        use base64::Engine as _;
        let key = crypto::pbkdf2_sha1(password, salt.as_bytes(), ROUNDS);
        let sealed = crypto::seal_cbc(key.as_ref(), &[0; 16], secret.as_bytes());
        base64::engine::general_purpose::STANDARD.encode(sealed)
    }

    #[test]
    fn plain_tokens_take_the_names_authy_showed() {
        let export = file(
            r#"[{"accountType":"authenticator","decryptedSecret":"JBSWY3DPEHPK3PXP","digits":7,"originalIssuer":"GitHub","originalName":"GitHub:alice","name":"GitHub: alice"},
                {"decryptedSecret":"JBSWY3DPEHPK3PXP","digits":6,"originalName":"","name":"bob@bank"}]"#,
        );
        assert!(looks_like(export.as_bytes()));
        let imported = read(export.as_bytes(), None).unwrap();
        assert_eq!(
            summary(&imported),
            [
                ("GitHub", "alice", OtpKind::Totp { period: 30 }),
                ("", "bob@bank", OtpKind::Totp { period: 30 })
            ]
        );
        assert_eq!(imported.accounts[0].otp.digits(), 7);
    }

    #[test]
    fn encrypted_tokens_need_the_backup_password() {
        let salt = "z01fjH2vyzYks49nxaOTp8M39eMOjxT4";
        let export = file(&format!(
            r#"[{{"digits":6,"encryptedSecret":"{}","salt":"{salt}","originalIssuer":"Deno","originalName":"Deno:Mason"}}]"#,
            seal("correct horse", salt, "JBSWY3DPEHPK3PXP")
        ));
        let imported = read_with_passwords(|password| read(export.as_bytes(), password));
        assert_eq!(
            summary(&imported),
            [("Deno", "Mason", OtpKind::Totp { period: 30 })]
        );
        assert_eq!(
            imported.accounts[0].otp.secret().to_base32(),
            "JBSWY3DPEHPK3PXP"
        );
    }
}
