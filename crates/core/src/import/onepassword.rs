//! 1Password's `.1pux` export: a ZIP holding `export.data`, JSON
//! `{accounts: [{vaults: [{items: [...]}]}]}`. An item's TOTP is any field
//! whose value has a `totp` (an `otpauth://` URI or a bare key), in its
//! sections or login fields; the item's title names the service, its
//! username field the account, its first tag is the group, and a favourite
//! has a `favIndex`. Trashed items are left out.

use serde::Deserialize;
use serde_json::Value;

use super::{ImportError, Imported, archive};
use crate::AccountDraft;

const DATA: &str = "export.data";

#[derive(Deserialize)]
struct Export {
    #[serde(default, deserialize_with = "super::null_as_default")]
    accounts: Vec<Account>,
}

#[derive(Deserialize)]
struct Account {
    #[serde(default, deserialize_with = "super::null_as_default")]
    vaults: Vec<Vault>,
}

#[derive(Deserialize)]
struct Vault {
    #[serde(default, deserialize_with = "super::null_as_default")]
    items: Vec<Value>,
}

pub(super) fn looks_like(bytes: &[u8]) -> bool {
    archive::names(bytes, DATA) && archive::names(bytes, "export.attributes")
}

pub(super) fn read(bytes: &[u8]) -> Result<Imported, ImportError> {
    let data = archive::member(bytes, DATA, None)?;
    let export: Export = super::json(&data)?;
    let mut entries = Vec::new();
    for item in export
        .accounts
        .iter()
        .flat_map(|account| &account.vaults)
        .flat_map(|vault| &vault.items)
    {
        // Older exports wrap each item as `{"item": {...}}`.
        let item = item.get("item").unwrap_or(item);
        if item.get("state").and_then(Value::as_str) == Some("trashed")
            || item.get("trashed").and_then(Value::as_bool) == Some(true)
        {
            continue;
        }
        let title = text(item.pointer("/overview/title"));
        let username = username(item);
        for totp in totps(item) {
            entries.push((
                crate::draft::label(title, username),
                draft(item, title, username, totp),
            ));
        }
    }
    Ok(Imported::from_entries(entries))
}

fn text(value: Option<&Value>) -> &str {
    value.and_then(Value::as_str).unwrap_or_default().trim()
}

/// The login's username field.
fn username(item: &Value) -> &str {
    item.pointer("/details/loginFields")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .find(|field| field.get("designation").and_then(Value::as_str) == Some("username"))
        .map_or("", |field| text(field.get("value")))
}

/// Every TOTP value of the item: section fields, then login fields.
fn totps(item: &Value) -> Vec<&str> {
    let sections = item
        .pointer("/details/sections")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|section| section.get("fields").and_then(Value::as_array))
        .flatten();
    let logins = item
        .pointer("/details/loginFields")
        .and_then(Value::as_array)
        .into_iter()
        .flatten();
    sections
        .chain(logins)
        .filter_map(|field| field.pointer("/value/totp").and_then(Value::as_str))
        .map(str::trim)
        .filter(|totp| !totp.is_empty())
        .collect()
}

fn draft(item: &Value, title: &str, username: &str, totp: &str) -> Result<AccountDraft, String> {
    let group = item.pointer("/overview/tags/0").and_then(Value::as_str);
    let mut draft = super::totp_field(totp, title, username, group)?;
    draft.favorite = item
        .get("favIndex")
        .and_then(Value::as_i64)
        .is_some_and(|index| index > 0);
    Ok(draft)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::OtpKind;
    use crate::import::summary;

    /// A `.1pux` as 1Password writes one (two members, no password).
    fn export(data: &Value) -> Vec<u8> {
        use std::io::Write as _;
        let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        out.start_file("export.attributes", options).unwrap();
        out.write_all(br#"{"version": 3, "description": "1Password Unencrypted Export", "createdAt": 1700000000}"#).unwrap();
        out.start_file(DATA, options).unwrap();
        out.write_all(data.to_string().as_bytes()).unwrap();
        out.finish().unwrap().into_inner()
    }

    #[test]
    fn reads_the_totp_fields_of_items() {
        let data = serde_json::json!({"accounts": [{"attrs": {"name": "Me"}, "vaults": [{"attrs": {"name": "Private"}, "items": [
            {"uuid": "1", "favIndex": 1, "state": "active", "overview": {"title": "GitHub", "tags": ["Work"]},
             "details": {"loginFields": [{"value": "alice", "name": "username", "designation": "username"}],
                         "sections": [{"title": "", "fields": [{"title": "one-time password", "id": "TOTP_1",
                                        "value": {"totp": "otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub"}}]}]}},
            {"item": {"uuid": "2", "favIndex": 0, "overview": {"title": "Bank"},
             "details": {"loginFields": [{"value": "bob", "designation": "username"}],
                         "sections": [{"fields": [{"value": {"totp": "JBSWY3DPEHPK3PXP"}}, {"value": {"string": "not a code"}}]}]}}},
            {"uuid": "3", "state": "trashed", "overview": {"title": "Old"},
             "details": {"sections": [{"fields": [{"value": {"totp": "JBSWY3DPEHPK3PXP"}}]}]}},
            {"uuid": "4", "overview": {"title": "No 2FA"}, "details": {"loginFields": []}}]}]}]});
        let file = export(&data);
        assert!(looks_like(&file));
        let imported = read(&file).unwrap();
        assert_eq!(
            summary(&imported),
            [
                ("GitHub", "alice", OtpKind::Totp { period: 30 }),
                ("Bank", "bob", OtpKind::Totp { period: 30 })
            ]
        );
        let github = &imported.accounts[0];
        assert_eq!(
            (github.group.as_deref(), github.favorite),
            (Some("Work"), true)
        );
        assert!(!imported.accounts[1].favorite);
    }
}
