//! Getting accounts out: an encrypted backup in Aegis's vault format (Aegis
//! reads it, Twofold restores it with groups, favourites and backup codes), a
//! plain `otpauth://` list, and Google Authenticator transfer codes.

use base64::Engine as _;
use thiserror::Error;
use zeroize::Zeroizing;

use crate::backup_codes;
use crate::draft::AccountDraft;
use crate::import::aegis::{self, Database, Entry, Group, Header, Info, KeyParams, Slot, Vault};
use crate::migration;
use crate::otp::OtpKind;
use crate::uri;

/// scrypt cost of the password slot: Aegis's own (N = 2^15, r = 8, p = 1).
const SCRYPT_LOG_N: u8 = 15;
const SCRYPT_R: u32 = 8;
const SCRYPT_P: u32 = 1;
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

/// An encrypted Aegis vault (JSON) holding `accounts`.
pub fn aegis(accounts: &[AccountDraft], password: &str) -> Result<Zeroizing<String>, ExportError> {
    if password.chars().count() < MIN_PASSWORD_LEN {
        return Err(ExportError::WeakPassword);
    }
    if accounts.is_empty() {
        return Err(ExportError::Empty);
    }
    let plain = Zeroizing::new(
        serde_json::to_vec(&database(accounts)?)
            .map_err(|error| ExportError::Encryption(error.to_string()))?,
    );
    let master: Zeroizing<[u8; 32]> = Zeroizing::new(random()?);
    let salt: [u8; 32] = random()?;
    let mut slot = Slot {
        kind: aegis::PASSWORD_SLOT,
        uuid: uuid()?,
        key: String::new(),
        key_params: KeyParams {
            nonce: String::new(),
            tag: String::new(),
        },
        n: 1 << SCRYPT_LOG_N,
        r: SCRYPT_R,
        p: SCRYPT_P,
        salt: hex(&salt),
        repaired: true,
        is_backup: false,
    };
    let slot_key = aegis::slot_key(password, &slot)
        .map_err(|error| ExportError::Encryption(error.to_string()))?;
    let (wrapped, key_params) = seal(slot_key.as_ref(), master.as_ref())?;
    slot.key = hex(&wrapped);
    slot.key_params = key_params;
    let (ciphertext, params) = seal(master.as_ref(), &plain)?;
    let vault = Vault {
        version: 1,
        header: Header {
            slots: Some(vec![slot]),
            params: Some(params),
        },
        db: serde_json::Value::String(base64::engine::general_purpose::STANDARD.encode(ciphertext)),
    };
    serde_json::to_string_pretty(&vault)
        .map(Zeroizing::new)
        .map_err(|error| ExportError::Encryption(error.to_string()))
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

/// The vault's plaintext: version 3, groups by uuid, backup codes in notes.
fn database(accounts: &[AccountDraft]) -> Result<Database, ExportError> {
    let mut groups: Vec<Group> = Vec::new();
    let mut entries = Vec::new();
    for account in accounts {
        let group = match &account.group {
            Some(name) => match groups.iter().find(|group| &group.name == name) {
                Some(group) => Some(group.uuid.clone()),
                None => {
                    let uuid = uuid()?;
                    groups.push(Group {
                        uuid: uuid.clone(),
                        name: name.clone(),
                    });
                    Some(uuid)
                }
            },
            None => None,
        };
        let otp = &account.otp;
        let (period, counter) = match otp.kind() {
            OtpKind::Hotp { counter } => (None, Some(counter)),
            kind => (kind.period(), None),
        };
        entries.push(Entry {
            kind: otp.kind().name().to_owned(),
            uuid: uuid()?,
            name: account.name.clone(),
            issuer: account.issuer.clone(),
            note: if account.backup_codes.is_empty() {
                String::new()
            } else {
                backup_codes::as_note(&account.backup_codes)
            },
            favorite: account.favorite,
            group: None,
            groups: group.into_iter().collect(),
            info: Info {
                secret: otp.secret().to_base32(),
                algo: Some(otp.algorithm().as_str().to_owned()),
                digits: Some(otp.digits()),
                period,
                counter,
            },
        });
    }
    Ok(Database {
        version: 3,
        entries,
        groups,
    })
}

/// AES-256-GCM under a fresh nonce: the ciphertext, and the nonce and tag as
/// Aegis keeps them (hex, apart from the ciphertext).
fn seal(key: &[u8], plain: &[u8]) -> Result<(Vec<u8>, KeyParams), ExportError> {
    use aes_gcm::aead::{Aead, KeyInit};
    let nonce: [u8; 12] = random()?;
    let cipher = aes_gcm::Aes256Gcm::new_from_slice(key)
        .map_err(|error| ExportError::Encryption(error.to_string()))?;
    let mut sealed = cipher
        .encrypt(aes_gcm::Nonce::from_slice(&nonce), plain)
        .map_err(|error| ExportError::Encryption(error.to_string()))?;
    let tag = sealed.split_off(sealed.len().saturating_sub(16));
    Ok((
        sealed,
        KeyParams {
            nonce: hex(&nonce),
            tag: hex(&tag),
        },
    ))
}

fn random<const N: usize>() -> Result<[u8; N], ExportError> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|error| ExportError::Random(error.to_string()))?;
    Ok(bytes)
}

/// A random (version 4) UUID, as Aegis names entries, groups and slots.
fn uuid() -> Result<String, ExportError> {
    let mut bytes: [u8; 16] = random()?;
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex = hex(&bytes);
    Ok(format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    ))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
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
