//! KeePass databases (`.kdbx`, as KeePassXC and KeePass write them), opened
//! with their master password. An entry's one-time password is, in order:
//! KeePassXC's `otp` attribute (an `otpauth://` URI), KeePass 2.47's own
//! `TimeOtp-*` / `HmacOtp-*` attributes, or the older `TOTP Seed` and
//! `TOTP Settings` pair. The title names the service, the username the
//! account, the entry's group (the database's root aside) is the group.
//!
//! The header names the key derivation's cost; it is read and checked
//! before anything is derived, so a crafted file cannot stall the import.

use keepass::db::{Entry, Group};
use keepass::{Database, DatabaseKey};

use super::{Fields, ImportError, Imported, crypto};
use crate::AccountDraft;
use crate::otp::Secret;

/// KeePass's file signatures.
const SIGNATURE: [u8; 8] = [0x03, 0xd9, 0xa2, 0x9a, 0x67, 0xfb, 0x4b, 0xb5];
/// AES-KDF rounds: KeePassXC's "one second" is some millions on a fast
/// computer; ten times the most seen.
const MAX_AES_ROUNDS: u64 = 300_000_000;
/// Argon2: memory × passes (KiB); KeePassXC benchmarks passes for one second
/// at 64 MiB, which stays far below this.
const MAX_ARGON2_WORK: u64 = 16 << 20;
const MAX_ARGON2_MEMORY: u64 = 1 << 30;

pub(super) fn looks_like(bytes: &[u8]) -> bool {
    bytes.starts_with(&SIGNATURE)
}

pub(super) fn read(bytes: &[u8], password: Option<&str>) -> Result<Imported, ImportError> {
    check_cost(bytes)?;
    let password = password.ok_or(ImportError::PasswordNeeded)?;
    let database =
        Database::parse(bytes, DatabaseKey::new().with_password(password)).map_err(|error| {
            match error {
                keepass::error::DatabaseOpenError::Key(
                    keepass::error::DatabaseKeyError::IncorrectKey,
                ) => ImportError::WrongPassword,
                other => ImportError::Damaged(format!("not a readable KeePass database ({other})")),
            }
        })?;
    let mut entries = Vec::new();
    collect(&database.root, None, &mut entries);
    Ok(Imported::from_entries(entries))
}

/// The entries with a one-time password, depth first.
fn collect(
    group: &Group,
    name: Option<&str>,
    entries: &mut Vec<(String, Result<AccountDraft, String>)>,
) {
    for entry in &group.entries {
        if let Some(draft) = draft(entry, name) {
            let label = crate::draft::label(
                entry.get_title().unwrap_or_default(),
                entry.get_username().unwrap_or_default(),
            );
            entries.push((label, draft));
        }
    }
    for child in &group.groups {
        collect(child, Some(&child.name), entries);
    }
}

fn draft(entry: &Entry, group: Option<&str>) -> Option<Result<AccountDraft, String>> {
    let title = entry.get_title().unwrap_or_default();
    let username = entry.get_username().unwrap_or_default();
    if let Some(uri) = entry.get("otp").filter(|uri| !uri.trim().is_empty()) {
        return Some(super::totp_field(uri, title, username, group));
    }
    let fields = |kind, secret: &str, digits, period, counter, algorithm| {
        super::checked(Fields {
            issuer: title,
            name: username,
            kind,
            algorithm,
            digits,
            period,
            counter,
            secret: Secret::from_base32(secret),
            group,
        })
    };
    if let Some(secret) = entry.get("TimeOtp-Secret-Base32") {
        let algorithm = entry
            .get("TimeOtp-Algorithm")
            .map(|name| name.trim_start_matches("HMAC-"));
        let digits = super::number(entry.get("TimeOtp-Length"));
        let period = super::number(entry.get("TimeOtp-Period"));
        return Some(fields("totp", secret, digits, period, None, algorithm));
    }
    if let Some(secret) = entry.get("HmacOtp-Secret-Base32") {
        let counter = super::number(entry.get("HmacOtp-Counter"));
        return Some(fields("hotp", secret, None, None, counter, None));
    }
    let secret = entry.get("TOTP Seed")?;
    // "30;6" (period; digits), or "30;S" for Steam.
    let settings = entry.get("TOTP Settings").unwrap_or("30;6");
    let (period, digits) = settings.split_once(';').unwrap_or((settings, "6"));
    Some(if digits.trim() == "S" {
        fields("steam", secret, None, None, None, None)
    } else {
        fields(
            "totp",
            secret,
            super::number(Some(digits)),
            super::number(Some(period)),
            None,
            None,
        )
    })
}

/// Refuses a header whose key derivation would stall the import.
fn check_cost(bytes: &[u8]) -> Result<(), ImportError> {
    let cut = || ImportError::Damaged("the KeePass header is cut short".into());
    let take = |at: usize, count: usize| bytes.get(at..at + count).ok_or_else(cut);
    let number = |slice: &[u8]| {
        slice
            .iter()
            .rev()
            .fold(0u64, |value, byte| value << 8 | u64::from(*byte))
    };
    let major = number(take(10, 2)?);
    let size_bytes = if major >= 4 { 4 } else { 2 };
    let mut at = 12;
    loop {
        let id = take(at, 1)?[0];
        let size = usize::try_from(number(take(at + 1, size_bytes)?)).map_err(|_| cut())?;
        let data = take(at + 1 + size_bytes, size)?;
        at += 1 + size_bytes + size;
        match id {
            0 => return Ok(()),
            // KDBX 3: AES-KDF rounds.
            6 if major < 4 => check_aes(number(data))?,
            // KDBX 4: the KDF's parameters.
            11 => check_kdf(&variants(data).ok_or_else(cut)?)?,
            _ => {}
        }
    }
}

fn check_aes(rounds: u64) -> Result<(), ImportError> {
    if rounds > MAX_AES_ROUNDS {
        return Err(crypto::too_costly(format_args!("{rounds} AES-KDF rounds")));
    }
    Ok(())
}

fn check_kdf(parameters: &[(String, Vec<u8>)]) -> Result<(), ImportError> {
    let value = |name: &str| {
        parameters
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| {
                value
                    .iter()
                    .rev()
                    .fold(0u64, |value, byte| value << 8 | u64::from(*byte))
            })
    };
    if let Some(rounds) = value("R") {
        return check_aes(rounds);
    }
    let (memory, passes, lanes) = (
        value("M").unwrap_or(0),
        value("I").unwrap_or(0),
        value("P").unwrap_or(1),
    );
    if memory > MAX_ARGON2_MEMORY
        || (memory / 1024).saturating_mul(passes) > MAX_ARGON2_WORK
        || lanes > 16
    {
        return Err(crypto::too_costly(format_args!(
            "Argon2 with {} MiB, {passes} passes, {lanes} lanes",
            memory >> 20
        )));
    }
    Ok(())
}

/// KeePass's "variant dictionary": a version, then typed, named values.
fn variants(data: &[u8]) -> Option<Vec<(String, Vec<u8>)>> {
    let mut at = 2;
    let mut items = Vec::new();
    loop {
        let kind = *data.get(at)?;
        if kind == 0 {
            return Some(items);
        }
        let length = |at: usize| {
            data.get(at..at + 4)
                .map(|bytes| u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) as usize)
        };
        let name_length = length(at + 1)?;
        let name = String::from_utf8(data.get(at + 5..at + 5 + name_length)?.to_vec()).ok()?;
        let value_at = at + 5 + name_length;
        let value_length = length(value_at)?;
        let value = data
            .get(value_at + 4..value_at + 4 + value_length)?
            .to_vec();
        items.push((name, value));
        at = value_at + 4 + value_length;
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use keepass::config::{DatabaseConfig, KdfConfig};
    use keepass::db::Value;

    use super::*;
    use crate::OtpKind;
    use crate::import::{read_with_passwords, summary};

    fn entry(title: &str, username: &str, fields: &[(&str, &str)]) -> Entry {
        let mut entry = Entry::new();
        entry
            .fields
            .insert("Title".into(), Value::Unprotected(title.into()));
        entry
            .fields
            .insert("UserName".into(), Value::Unprotected(username.into()));
        for (name, value) in fields {
            entry
                .fields
                .insert((*name).into(), Value::Unprotected((*value).into()));
        }
        entry
    }

    /// A KDBX 4 database as KeePassXC writes one, cheap to open.
    fn database(password: &str) -> Vec<u8> {
        let mut config = DatabaseConfig::default();
        if let KdfConfig::Argon2 { iterations, .. } = &mut config.kdf_config {
            *iterations = 2;
        }
        let mut database = Database::new(config);
        database.root.entries.push(entry(
            "GitHub",
            "alice",
            &[("otp", "otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&period=30&digits=6&issuer=GitHub")],
        ));
        database.root.entries.push(entry("No 2FA", "x", &[]));
        let mut work = Group::new("Work");
        work.entries.push(entry(
            "Bank",
            "bob",
            &[
                ("TimeOtp-Secret-Base32", "JBSWY3DPEHPK3PXP"),
                ("TimeOtp-Length", "8"),
                ("TimeOtp-Period", "60"),
                ("TimeOtp-Algorithm", "HMAC-SHA-256"),
            ],
        ));
        work.entries.push(entry(
            "Mail",
            "carol",
            &[
                ("HmacOtp-Secret-Base32", "JBSWY3DPEHPK3PXP"),
                ("HmacOtp-Counter", "4"),
            ],
        ));
        work.entries.push(entry(
            "Steam",
            "gaben",
            &[("TOTP Seed", "JBSWY3DPEHPK3PXP"), ("TOTP Settings", "30;S")],
        ));
        database.root.groups.push(work);
        let mut out = Vec::new();
        database
            .save(&mut out, DatabaseKey::new().with_password(password))
            .unwrap();
        out
    }

    #[test]
    fn reads_every_kind_of_one_time_password_entry() {
        let file = database("correct horse");
        assert!(looks_like(&file));
        let imported = read_with_passwords(|password| read(&file, password));
        assert_eq!(
            summary(&imported),
            [
                ("GitHub", "alice", OtpKind::Totp { period: 30 }),
                ("Bank", "bob", OtpKind::Totp { period: 60 }),
                ("Mail", "carol", OtpKind::Hotp { counter: 4 }),
                ("Steam", "gaben", OtpKind::Steam)
            ]
        );
        let bank = &imported.accounts[1];
        assert_eq!(
            (
                bank.otp.digits(),
                bank.otp.algorithm(),
                bank.group.as_deref()
            ),
            (8, crate::Algorithm::Sha256, Some("Work"))
        );
        assert_eq!(imported.accounts[0].group, None);
    }

    #[test]
    fn a_stalling_key_derivation_is_refused_before_it_runs() {
        let mut file = database("x");
        // The Argon2 "I" (passes) parameter, set far beyond any real file.
        let at = file
            .windows(5)
            .position(|name| name == [1, 0, 0, 0, b'I'])
            .unwrap()
            + 9;
        file[at..at + 8].copy_from_slice(&u64::MAX.to_le_bytes());
        assert!(matches!(
            read(&file, Some("x")),
            Err(ImportError::Stalling(_))
        ));
        assert!(matches!(
            read(&file[..20], Some("x")),
            Err(ImportError::Damaged(_))
        ));
    }
}
