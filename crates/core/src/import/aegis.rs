//! Aegis vaults: `{version, header: {slots, params}, db}`, with `db` either
//! the entries or, when encrypted, base64 AES-256-GCM ciphertext under a
//! master key that each password slot wraps with an scrypt-derived key.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine as _;
use serde::Deserialize;
use zeroize::Zeroizing;

use super::{ImportError, Imported};
use crate::draft::AccountDraft;
use crate::otp::{Algorithm, Otp, OtpKind, Secret};

#[derive(Deserialize)]
struct Vault {
    header: Header,
    db: serde_json::Value,
}

#[derive(Deserialize)]
struct Header {
    slots: Option<Vec<Slot>>,
    params: Option<KeyParams>,
}

#[derive(Deserialize)]
struct Slot {
    #[serde(rename = "type")]
    kind: u32,
    key: String,
    key_params: KeyParams,
    #[serde(default)]
    n: u64,
    #[serde(default)]
    r: u32,
    #[serde(default)]
    p: u32,
    #[serde(default)]
    salt: String,
}

#[derive(Deserialize)]
struct KeyParams {
    nonce: String,
    tag: String,
}

#[derive(Deserialize)]
struct Database {
    entries: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    issuer: String,
    info: Info,
}

#[derive(Deserialize)]
struct Info {
    secret: String,
    #[serde(default)]
    algo: Option<String>,
    #[serde(default)]
    digits: Option<u8>,
    #[serde(default)]
    period: Option<u32>,
    #[serde(default)]
    counter: Option<u64>,
}

/// A password slot (the others are biometric or hardware keys).
const PASSWORD_SLOT: u32 = 1;

pub(super) fn looks_like(bytes: &[u8]) -> bool {
    serde_json::from_slice::<serde_json::Value>(bytes)
        .is_ok_and(|value| value.get("header").is_some() && value.get("db").is_some())
}

pub(super) fn read(bytes: &[u8], password: Option<&str>) -> Result<Imported, ImportError> {
    let vault: Vault =
        serde_json::from_slice(bytes).map_err(|error| ImportError::Damaged(error.to_string()))?;
    let database: Database = match (&vault.header.slots, &vault.db) {
        (None, db) => serde_json::from_value(db.clone())
            .map_err(|error| ImportError::Damaged(error.to_string()))?,
        (Some(slots), serde_json::Value::String(ciphertext)) => {
            let password = password.ok_or(ImportError::PasswordNeeded)?;
            let params = vault
                .header
                .params
                .as_ref()
                .ok_or_else(|| ImportError::Damaged("no vault parameters".into()))?;
            let master = unwrap_master_key(slots, password)?;
            let ciphertext = base64::engine::general_purpose::STANDARD
                .decode(ciphertext)
                .map_err(|error| ImportError::Damaged(error.to_string()))?;
            let plain = decrypt(&master, params, &ciphertext).ok_or_else(|| {
                ImportError::Damaged("the vault does not decrypt with its key".into())
            })?;
            serde_json::from_slice(&plain)
                .map_err(|error| ImportError::Damaged(error.to_string()))?
        }
        (Some(_), _) => {
            return Err(ImportError::Damaged(
                "an encrypted vault without ciphertext".into(),
            ));
        }
    };
    let mut imported = Imported::default();
    for entry in database.entries {
        let label = crate::draft::label(&entry.issuer, &entry.name);
        match to_draft(entry) {
            Ok(draft) => imported.accounts.push(draft),
            Err(why) => imported.skipped.push((label, why)),
        }
    }
    Ok(imported)
}

fn unwrap_master_key(slots: &[Slot], password: &str) -> Result<Zeroizing<Vec<u8>>, ImportError> {
    for slot in slots.iter().filter(|slot| slot.kind == PASSWORD_SLOT) {
        let log_n = slot
            .n
            .checked_ilog2()
            .filter(|log| 1u64 << log == slot.n)
            .ok_or_else(|| ImportError::Damaged("bad scrypt parameters".into()))?;
        let params = scrypt::Params::new(log_n as u8, slot.r, slot.p, 32)
            .map_err(|error| ImportError::Damaged(error.to_string()))?;
        let mut key = Zeroizing::new([0u8; 32]);
        scrypt::scrypt(
            password.as_bytes(),
            &hex(&slot.salt)?,
            &params,
            key.as_mut(),
        )
        .map_err(|error| ImportError::Damaged(error.to_string()))?;
        if let Some(master) = decrypt(key.as_ref(), &slot.key_params, &hex(&slot.key)?) {
            return Ok(master);
        }
    }
    Err(ImportError::WrongPassword)
}

/// AES-256-GCM with the tag kept apart, as Aegis stores it; `None` when the
/// tag does not check (wrong key or tampered data).
fn decrypt(key: &[u8], params: &KeyParams, ciphertext: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    let cipher = Aes256Gcm::new_from_slice(key).ok()?;
    let nonce = hex(&params.nonce).ok().filter(|nonce| nonce.len() == 12)?;
    let mut sealed = ciphertext.to_vec();
    sealed.extend(hex(&params.tag).ok()?);
    cipher
        .decrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: &sealed,
                aad: &[],
            },
        )
        .ok()
        .map(Zeroizing::new)
}

fn to_draft(entry: Entry) -> Result<AccountDraft, String> {
    let info = entry.info;
    let kind = match entry.kind.as_str() {
        "totp" => OtpKind::Totp {
            period: info.period.unwrap_or(30),
        },
        "hotp" => OtpKind::Hotp {
            counter: info.counter.unwrap_or(0),
        },
        "steam" => OtpKind::Steam,
        other => return Err(format!("Twofold has no {other} codes")),
    };
    let algorithm: Algorithm = info
        .algo
        .as_deref()
        .unwrap_or("SHA1")
        .parse()
        .map_err(|error: crate::otp::ParamError| error.to_string())?;
    let secret = Secret::from_base32(&info.secret).map_err(|error| error.to_string())?;
    let otp = Otp::new(kind, algorithm, info.digits.unwrap_or(6), secret)
        .map_err(|error| error.to_string())?;
    Ok(AccountDraft {
        issuer: entry.issuer.trim().to_owned(),
        name: entry.name.trim().to_owned(),
        otp,
    })
}

fn hex(text: &str) -> Result<Vec<u8>, ImportError> {
    if !text.len().is_multiple_of(2) {
        return Err(ImportError::Damaged("odd-length hex".into()));
    }
    (0..text.len())
        .step_by(2)
        .map(|at| {
            u8::from_str_radix(text.get(at..at + 2).unwrap_or("zz"), 16)
                .map_err(|_| ImportError::Damaged("bad hex".into()))
        })
        .collect()
}
