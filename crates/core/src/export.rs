//! Getting accounts out: an encrypted backup in Aegis's vault format (Aegis
//! reads it, Twofold restores it with groups, favourites and backup codes), a
//! plain `otpauth://` list, and Google Authenticator transfer codes.

use thiserror::Error;
use zeroize::Zeroizing;

use crate::draft::AccountDraft;
use crate::{import, migration, uri};

/// The shortest password an encrypted backup accepts.
pub const MIN_PASSWORD_LEN: usize = 8;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ExportError {
    #[error("the password must have at least {MIN_PASSWORD_LEN} characters")]
    WeakPassword,
    #[error("there are no accounts to export")]
    Empty,
    #[error("no random numbers from the system: {0}")]
    Random(String),
    #[error("encryption failed: {0}")]
    Encryption(String),
}

/// An encrypted backup in Aegis's vault format holding `accounts`: Aegis
/// reads it, Twofold restores it with groups, favourites and backup codes.
pub fn aegis(accounts: &[AccountDraft], password: &str) -> Result<Zeroizing<String>, ExportError> {
    if password.chars().count() < MIN_PASSWORD_LEN {
        return Err(ExportError::WeakPassword);
    }
    if accounts.is_empty() {
        return Err(ExportError::Empty);
    }
    import::aegis::write(accounts, password)
}

/// One `otpauth://` URI a line: readable by nearly every authenticator, and by
/// anyone who opens the file.
pub fn uris(accounts: &[AccountDraft]) -> Zeroizing<String> {
    let mut text = Zeroizing::new(String::new());
    for account in accounts {
        text.push_str(&uri::format(account));
        text.push('\n');
    }
    text
}

/// Google Authenticator transfer codes, and what they leave out.
#[derive(Debug)]
pub struct Transfer {
    /// `otpauth-migration://` URIs, one per QR code, in order.
    pub codes: Vec<String>,
    /// Accounts Google Authenticator cannot hold, each with the reason.
    pub left_out: Vec<(String, &'static str)>,
}

/// Transfer codes for the accounts Google Authenticator can hold.
pub fn google_transfer(accounts: &[AccountDraft]) -> Result<Transfer, migration::MigrationError> {
    let mut movable = Vec::new();
    let mut left_out = Vec::new();
    for account in accounts {
        match migration::can_transfer(&account.otp) {
            None => movable.push(account.clone()),
            Some(reason) => left_out.push((account.label(), reason)),
        }
    }
    Ok(Transfer {
        codes: migration::encode(&movable)?,
        left_out,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backup_codes::BackupCode;
    use crate::import::{self, Format};

    fn accounts() -> Vec<AccountDraft> {
        let mut github =
            uri::parse("otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&digits=8").unwrap();
        github.group = Some("Work".into());
        github.favorite = true;
        github.backup_codes = vec![
            BackupCode::new("abcde-12345".into()),
            BackupCode {
                code: "fghij-67890".into(),
                used_at: Some(1_795_392_000),
            },
        ];
        let mut bank =
            uri::parse("otpauth://hotp/Bank:bob?secret=GEZDGNBVGY3TQOJQ&counter=41").unwrap();
        bank.group = Some("Work".into());
        let steam = uri::parse("otpauth://steam/Steam:carol?secret=JBSWY3DPEHPK3PXP").unwrap();
        vec![github, bank, steam]
    }

    #[test]
    fn an_encrypted_backup_restores_every_detail() {
        let accounts = accounts();
        let vault = aegis(&accounts, "correct horse").unwrap();
        assert!(!vault.contains("JBSWY3DPEHPK3PXP") && !vault.contains("abcde"));
        let restored = import::import(vault.as_bytes(), None, Some("correct horse")).unwrap();
        assert_eq!(import::detect(vault.as_bytes()), Some(Format::Aegis));
        assert_eq!(restored.accounts, accounts);
        assert_eq!(
            import::import(vault.as_bytes(), None, Some("wrong horse")).unwrap_err(),
            import::ImportError::WrongPassword
        );
    }

    #[test]
    fn weak_passwords_and_empty_exports_are_refused() {
        assert_eq!(
            aegis(&accounts(), "short").unwrap_err(),
            ExportError::WeakPassword
        );
        assert_eq!(aegis(&[], "long enough").unwrap_err(), ExportError::Empty);
    }

    #[test]
    fn uri_lists_read_back_as_the_same_codes() {
        let accounts = accounts();
        let text = uris(&accounts);
        let read = import::import(text.as_bytes(), None, None).unwrap();
        for (read, original) in read.accounts.iter().zip(&accounts) {
            assert_eq!(read.otp, original.otp);
            assert_eq!(
                (&read.issuer, &read.name),
                (&original.issuer, &original.name)
            );
        }
    }

    #[test]
    fn transfer_codes_leave_out_what_google_cannot_hold() {
        let Transfer { codes, left_out } = google_transfer(&accounts()).unwrap();
        assert_eq!(codes.len(), 1);
        assert_eq!(
            left_out,
            vec![(
                "Steam (carol)".to_owned(),
                "Google Authenticator has no Steam codes"
            )]
        );
        let batch = migration::decode(&codes[0]).unwrap();
        assert_eq!(batch.accounts.len(), 2);
    }
}
