//! Aegis vaults: `{version, header: {slots, params}, db}`, with `db` either
//! the entries or, when encrypted, base64 AES-256-GCM ciphertext under a
//! master key that each password slot wraps with an scrypt-derived key.
//! Groups are names on each entry (db version 2) or uuids into `db.groups`
//! (version 3). Twofold's own backups are such vaults, with backup codes in
//! each entry's `note`: this module reads vaults and writes them
//! (`export::aegis` checks the password and calls [`write`]).

use base64::Engine as _;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::{Fields, ImportError, Imported, crypto, damaged};
use crate::backup_codes;
use crate::draft::AccountDraft;
use crate::export::ExportError;
use crate::otp::{OtpKind, Secret};
use crate::random::hex as to_hex;

#[derive(Serialize, Deserialize)]
struct Vault {
    version: u32,
    header: Header,
    db: serde_json::Value,
}

#[derive(Serialize, Deserialize)]
struct Header {
    slots: Option<Vec<Slot>>,
    params: Option<KeyParams>,
}

#[derive(Serialize, Deserialize)]
struct Slot {
    #[serde(rename = "type")]
    kind: u32,
    #[serde(default, deserialize_with = "super::null_as_default")]
    uuid: String,
    key: String,
    key_params: KeyParams,
    #[serde(default)]
    n: u64,
    #[serde(default)]
    r: u32,
    #[serde(default)]
    p: u32,
    #[serde(default, deserialize_with = "super::null_as_default")]
    salt: String,
    #[serde(default, deserialize_with = "super::null_as_default")]
    repaired: bool,
    #[serde(default, deserialize_with = "super::null_as_default")]
    is_backup: bool,
}

#[derive(Serialize, Deserialize)]
struct KeyParams {
    nonce: String,
    tag: String,
}

#[derive(Serialize, Deserialize)]
struct Database {
    version: u32,
    entries: Vec<Entry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    groups: Vec<Group>,
}

#[derive(Serialize, Deserialize)]
struct Group {
    uuid: String,
    name: String,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    #[serde(rename = "type", default, deserialize_with = "super::null_as_default")]
    kind: String,
    #[serde(default, deserialize_with = "super::null_as_default")]
    uuid: String,
    #[serde(default, deserialize_with = "super::null_as_default")]
    name: String,
    #[serde(default, deserialize_with = "super::null_as_default")]
    issuer: String,
    #[serde(default, deserialize_with = "super::null_as_default")]
    note: String,
    #[serde(default, deserialize_with = "super::null_as_default")]
    favorite: bool,
    /// Version 2: the group's name.
    #[serde(default, skip_serializing)]
    group: Option<String>,
    /// Version 3: uuids of `Database::groups`.
    #[serde(default, deserialize_with = "super::null_as_default")]
    groups: Vec<String>,
    info: Info,
}

#[derive(Serialize, Deserialize)]
struct Info {
    #[serde(default, deserialize_with = "super::null_as_default")]
    secret: String,
    algo: Option<String>,
    digits: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    period: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    counter: Option<u64>,
}

/// A password slot (the others are biometric or hardware keys).
const PASSWORD_SLOT: u32 = 1;

pub(super) fn looks_like(bytes: &[u8]) -> bool {
    super::json_value(bytes)
        .is_some_and(|value| value.get("header").is_some() && value.get("db").is_some())
}

pub(super) fn read(bytes: &[u8], password: Option<&str>) -> Result<Imported, ImportError> {
    let vault: Vault = super::json(bytes)?;
    let database: Database = match (&vault.header.slots, vault.db) {
        (None, db) => serde_json::from_value(db).map_err(super::json_damage)?,
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
                .map_err(damaged)?;
            let plain = open(&master, params, &ciphertext).ok_or_else(|| {
                ImportError::Damaged("the vault does not decrypt with its key".into())
            })?;
            super::json(&plain)?
        }
        (Some(_), _) => {
            return Err(ImportError::Damaged(
                "an encrypted vault without ciphertext".into(),
            ));
        }
    };
    Ok(Imported::from_entries(database.entries.iter().map(
        |entry| {
            let label = crate::draft::label(&entry.issuer, &entry.name);
            let draft = super::checked(Fields {
                issuer: &entry.issuer,
                name: &entry.name,
                kind: &entry.kind,
                algorithm: entry.info.algo.as_deref(),
                digits: entry.info.digits,
                period: entry.info.period,
                counter: entry.info.counter,
                secret: Secret::from_base32(&entry.info.secret),
                group: group_name(entry, &database.groups),
            })
            .map(|mut draft| {
                draft.favorite = entry.favorite;
                draft.backup_codes = backup_codes::from_note(&entry.note).unwrap_or_default();
                draft
            });
            (label, draft)
        },
    )))
}

fn unwrap_master_key(slots: &[Slot], password: &str) -> Result<Zeroizing<Vec<u8>>, ImportError> {
    let password_slots = slots.iter().filter(|slot| slot.kind == PASSWORD_SLOT);
    if password_slots.clone().count() > crypto::MAX_KEY_SLOTS {
        return Err(crypto::too_costly(format_args!(
            "{} password slots",
            password_slots.count()
        )));
    }
    // Checked before any derivation, so a costly slot is refused at once.
    for slot in password_slots.clone() {
        crypto::scrypt_params(slot.n, slot.r, slot.p)?;
    }
    for slot in password_slots {
        let key = slot_key(password, slot)?;
        if let Some(master) = open(key.as_ref(), &slot.key_params, &hex(&slot.key)?) {
            return Ok(master);
        }
    }
    Err(ImportError::WrongPassword)
}

/// The key a password slot's scrypt parameters derive from `password`.
fn slot_key(password: &str, slot: &Slot) -> Result<crypto::Key, ImportError> {
    let params = crypto::scrypt_params(slot.n, slot.r, slot.p)?;
    let mut key = crypto::Key::default();
    scrypt::scrypt(
        password.as_bytes(),
        &hex(&slot.salt)?,
        &params,
        key.as_mut(),
    )
    .map_err(damaged)?;
    Ok(key)
}

/// AES-256-GCM with the tag kept apart, as Aegis stores it.
fn open(key: &[u8], params: &KeyParams, ciphertext: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    let mut sealed = ciphertext.to_vec();
    sealed.extend(hex(&params.tag).ok()?);
    crypto::open_gcm(key, &hex(&params.nonce).ok()?, &sealed)
}

fn hex(text: &str) -> Result<Vec<u8>, ImportError> {
    if !text.len().is_multiple_of(2) || !text.is_ascii() {
        return Err(ImportError::Damaged("bad hex".into()));
    }
    (0..text.len())
        .step_by(2)
        .map(|at| {
            u8::from_str_radix(&text[at..at + 2], 16)
                .map_err(|_| ImportError::Damaged("bad hex".into()))
        })
        .collect()
}

/// The entry's group: named in the entry (older vaults) or by its first
/// group id (newer ones).
fn group_name<'a>(entry: &'a Entry, groups: &'a [Group]) -> Option<&'a str> {
    entry.group.as_deref().or_else(|| {
        let uuid = entry.groups.first()?;
        let group = groups.iter().find(|group| &group.uuid == uuid)?;
        Some(group.name.as_str())
    })
}

// Writing: Twofold's encrypted backups are Aegis vaults.

/// scrypt cost of the password slot: Aegis's own (N = 2^15, r = 8, p = 1).
const SCRYPT_LOG_N: u8 = 15;
const SCRYPT_R: u32 = 8;
const SCRYPT_P: u32 = 1;

/// An encrypted vault (JSON) holding `accounts`, under one password slot.
pub(crate) fn write(
    accounts: &[AccountDraft],
    password: &str,
) -> Result<Zeroizing<String>, ExportError> {
    let plain = Zeroizing::new(
        serde_json::to_vec(&database(accounts)?)
            .map_err(|error| ExportError::Encryption(error.to_string()))?,
    );
    let master: Zeroizing<[u8; 32]> = Zeroizing::new(random()?);
    let salt: [u8; 32] = random()?;
    let mut slot = Slot {
        kind: PASSWORD_SLOT,
        uuid: uuid()?,
        key: String::new(),
        key_params: KeyParams {
            nonce: String::new(),
            tag: String::new(),
        },
        n: 1 << SCRYPT_LOG_N,
        r: SCRYPT_R,
        p: SCRYPT_P,
        salt: to_hex(&salt),
        repaired: true,
        is_backup: false,
    };
    let slot_key =
        slot_key(password, &slot).map_err(|error| ExportError::Encryption(error.to_string()))?;
    let (wrapped, key_params) = seal(slot_key.as_ref(), master.as_ref())?;
    slot.key = to_hex(&wrapped);
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
            nonce: to_hex(&nonce),
            tag: to_hex(&tag),
        },
    ))
}

fn random<const N: usize>() -> Result<[u8; N], ExportError> {
    crate::random::bytes().map_err(|error| ExportError::Random(error.to_string()))
}

fn uuid() -> Result<String, ExportError> {
    crate::random::uuid().map_err(|error| ExportError::Random(error.to_string()))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::otp::{Algorithm, Otp, OtpKind, Secret};

    /// A real encrypted backup (Twofold writes Aegis's format), as JSON.
    fn encrypted_vault() -> serde_json::Value {
        let secret = Secret::from_base32("JBSWY3DPEHPK3PXP").unwrap();
        let otp = Otp::new(OtpKind::Totp { period: 30 }, Algorithm::Sha1, 6, secret).unwrap();
        let draft = crate::AccountDraft::new("GitHub", "alice", otp);
        let text = crate::export::aegis(&[draft], "correct horse").unwrap();
        serde_json::from_str(&text).unwrap()
    }

    fn read_value(vault: &serde_json::Value) -> Result<Imported, ImportError> {
        read(vault.to_string().as_bytes(), Some("correct horse"))
    }

    #[test]
    fn an_encrypted_vault_reads_back() {
        let imported = read_value(&encrypted_vault()).unwrap();
        assert_eq!(imported.accounts.len(), 1);
    }

    /// The key-slot costs a file sets are checked before any derivation:
    /// these would allocate 8 TiB, or run for hours, if tried.
    #[test]
    fn slots_asking_for_stalling_costs_are_refused_at_once() {
        for (n, r, p) in [
            (1u64 << 36, 8, 1),
            (1 << 20, 8, 1 << 20),
            (1 << 15, 1 << 20, 1),
        ] {
            let mut vault = encrypted_vault();
            let slot = &mut vault["header"]["slots"][0];
            slot["n"] = n.into();
            slot["r"] = r.into();
            slot["p"] = p.into();
            assert!(
                matches!(read_value(&vault), Err(ImportError::Stalling(_))),
                "n={n} r={r} p={p}"
            );
        }
        let mut vault = encrypted_vault();
        let slot = vault["header"]["slots"][0].clone();
        vault["header"]["slots"] = vec![slot; crypto::MAX_KEY_SLOTS + 1].into();
        assert!(matches!(read_value(&vault), Err(ImportError::Stalling(_))));
    }
}
