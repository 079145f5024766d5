//! Aegis vaults: `{version, header: {slots, params}, db}`, with `db` either
//! the entries or, when encrypted, base64 AES-256-GCM ciphertext under a
//! master key that each password slot wraps with an scrypt-derived key.
//! Groups are names on each entry (db version 2) or uuids into `db.groups`
//! (version 3). Twofold's own backups are such vaults, with backup codes in
//! each entry's `note`; the types here serve both directions.

use base64::Engine as _;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::otp::Secret;
use super::{Fields, ImportError, Imported, crypto, damaged};
use crate::backup_codes;

#[derive(Serialize, Deserialize)]
pub(crate) struct Vault {
    pub version: u32,
    pub header: Header,
    pub db: serde_json::Value,
}

#[derive(Serialize, Deserialize)]
pub(crate) struct Header {
    pub slots: Option<Vec<Slot>>,
    pub params: Option<KeyParams>,
}

#[derive(Serialize, Deserialize)]
pub(crate) struct Slot {
    #[serde(rename = "type")]
    pub kind: u32,
    #[serde(default, deserialize_with = "super::null_as_default")]
    pub uuid: String,
    pub key: String,
    pub key_params: KeyParams,
    #[serde(default)]
    pub n: u64,
    #[serde(default)]
    pub r: u32,
    #[serde(default)]
    pub p: u32,
    #[serde(default, deserialize_with = "super::null_as_default")]
    pub salt: String,
    #[serde(default, deserialize_with = "super::null_as_default")]
    pub repaired: bool,
    #[serde(default, deserialize_with = "super::null_as_default")]
    pub is_backup: bool,
}

#[derive(Serialize, Deserialize)]
pub(crate) struct KeyParams {
    pub nonce: String,
    pub tag: String,
}

#[derive(Serialize, Deserialize)]
pub(crate) struct Database {
    pub version: u32,
    pub entries: Vec<Entry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<Group>,
}

#[derive(Serialize, Deserialize)]
pub(crate) struct Group {
    pub uuid: String,
    pub name: String,
}

#[derive(Serialize, Deserialize)]
pub(crate) struct Entry {
    #[serde(rename = "type", default, deserialize_with = "super::null_as_default")]
    pub kind: String,
    #[serde(default, deserialize_with = "super::null_as_default")]
    pub uuid: String,
    #[serde(default, deserialize_with = "super::null_as_default")]
    pub name: String,
    #[serde(default, deserialize_with = "super::null_as_default")]
    pub issuer: String,
    #[serde(default, deserialize_with = "super::null_as_default")]
    pub note: String,
    #[serde(default, deserialize_with = "super::null_as_default")]
    pub favorite: bool,
    /// Version 2: the group's name.
    #[serde(default, skip_serializing)]
    pub group: Option<String>,
    /// Version 3: uuids of `Database::groups`.
    #[serde(default, deserialize_with = "super::null_as_default")]
    pub groups: Vec<String>,
    pub info: Info,
}

#[derive(Serialize, Deserialize)]
pub(crate) struct Info {
    #[serde(default, deserialize_with = "super::null_as_default")]
    pub secret: String,
    pub algo: Option<String>,
    pub digits: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counter: Option<u64>,
}

/// A password slot (the others are biometric or hardware keys).
pub(crate) const PASSWORD_SLOT: u32 = 1;

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
pub(crate) fn slot_key(password: &str, slot: &Slot) -> Result<crypto::Key, ImportError> {
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

pub(crate) fn hex(text: &str) -> Result<Vec<u8>, ImportError> {
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
