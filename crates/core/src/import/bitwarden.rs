//! Bitwarden's unencrypted exports, JSON and CSV. An item's TOTP field holds
//! an `otpauth://` URI, a bare setup key (named after the item), or
//! `steam://<key>` (Steam, no name).

use serde::Deserialize;

use super::{ImportError, Imported};
use crate::draft::AccountDraft;
use crate::otp::{Algorithm, DEFAULT_PERIOD, Otp, OtpKind, Secret};
use crate::uri;

#[derive(Deserialize)]
struct Export {
    #[serde(default, deserialize_with = "super::null_as_default")]
    encrypted: bool,
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
    totp: Option<String>,
}

pub(super) fn looks_like_json(bytes: &[u8]) -> bool {
    serde_json::from_slice::<serde_json::Value>(bytes)
        .is_ok_and(|value| value.get("items").is_some_and(serde_json::Value::is_array))
}

pub(super) fn looks_like_csv(bytes: &[u8]) -> bool {
    let first_line = bytes
        .split(|byte| *byte == b'\n')
        .next()
        .unwrap_or_default();
    std::str::from_utf8(first_line)
        .is_ok_and(|line| line.split(',').any(|column| column.trim() == "login_totp"))
}

pub(super) fn read_json(bytes: &[u8]) -> Result<Imported, ImportError> {
    let export: Export = serde_json::from_slice(bytes).map_err(super::json_damage)?;
    if export.encrypted {
        return Err(ImportError::Damaged(
            "this is an encrypted Bitwarden export: export it again as unencrypted JSON".into(),
        ));
    }
    Ok(collect(
        export
            .items
            .into_iter()
            .filter_map(|item| Some((item.name, item.login?.totp?))),
    ))
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
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|error| ImportError::Damaged(error.to_string()))?;
        let value = record.get(totp).unwrap_or_default().to_owned();
        if !value.trim().is_empty() {
            rows.push((
                name.and_then(|at| record.get(at))
                    .unwrap_or_default()
                    .to_owned(),
                value,
            ));
        }
    }
    Ok(collect(rows.into_iter()))
}

fn collect(items: impl Iterator<Item = (String, String)>) -> Imported {
    let mut imported = Imported::default();
    for (name, totp) in items {
        match to_draft(&name, totp.trim()) {
            Ok(draft) => imported.accounts.push(draft),
            Err(why) => imported.skipped.push((name, why)),
        }
    }
    imported
}

fn to_draft(item_name: &str, totp: &str) -> Result<AccountDraft, String> {
    if totp.to_ascii_lowercase().starts_with("otpauth://") {
        return uri::parse(totp).map_err(|error| error.to_string());
    }
    let (issuer, name, kind, key) = match totp.strip_prefix("steam://") {
        Some(key) => ("Steam", "", OtpKind::Steam, key),
        None => (
            item_name,
            "",
            OtpKind::Totp {
                period: DEFAULT_PERIOD,
            },
            totp,
        ),
    };
    let secret = Secret::from_base32(key).map_err(|error| error.to_string())?;
    let otp = Otp::new(kind, Algorithm::Sha1, 6, secret).map_err(|error| error.to_string())?;
    Ok(AccountDraft::new(issuer.trim(), name, otp))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::OtpKind;
    use crate::import::summary;

    #[test]
    fn json_exports_take_the_logins_with_a_totp_key() {
        let export = r#"{"encrypted": false, "items": [
            {"type": 1, "name": "GitHub", "login": {"username": "alice", "totp": "JBSWY3DPEHPK3PXP"}},
            {"type": 1, "name": "Mail", "login": {"username": "bob",
             "totp": "otpauth://totp/Mail:bob?secret=GEZDGNBVGY3TQOJQ&issuer=Mail&digits=8"}},
            {"type": 1, "name": "No 2FA", "login": {"username": "carol", "totp": null}},
            {"type": 2, "name": "A note"}]}"#;
        assert!(looks_like_json(export.as_bytes()));
        let imported = read_json(export.as_bytes()).unwrap();
        let summary = summary(&imported);
        assert_eq!(summary.len(), 2, "{summary:?}");
        assert_eq!(summary[0].0, "GitHub");
        assert_eq!(summary[0].2, OtpKind::Totp { period: 30 });
        assert_eq!(imported.accounts[1].otp.digits(), 8);
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
