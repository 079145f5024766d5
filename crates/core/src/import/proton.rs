//! Proton Authenticator JSON exports: `{version, entries: [{content: {uri,
//! entry_type, name}}]}`, each account an `otpauth://` URI.

use serde::Deserialize;

use super::{Fields, ImportError, Imported};
use crate::otp::Secret;

#[derive(Deserialize)]
struct Export {
    entries: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    content: Content,
}

#[derive(Deserialize)]
struct Content {
    uri: String,
    #[serde(default, deserialize_with = "super::null_as_default")]
    name: String,
}

pub(super) fn looks_like(bytes: &[u8]) -> bool {
    super::json_value(bytes).is_some_and(|value| {
        value
            .get("entries")
            .and_then(serde_json::Value::as_array)
            .and_then(|entries| entries.first())
            .is_some_and(|entry| entry.pointer("/content/uri").is_some())
    })
}

pub(super) fn read(bytes: &[u8]) -> Result<Imported, ImportError> {
    let export: Export = super::json(bytes)?;
    Ok(Imported::from_entries(export.entries.into_iter().map(
        |entry| {
            let draft = match entry.content.uri.strip_prefix("steam://") {
                // Proton writes Steam accounts as `steam://<base32 secret>`.
                Some(secret) => super::checked(Fields {
                    issuer: "Steam",
                    name: &entry.content.name,
                    kind: "steam",
                    algorithm: None,
                    digits: None,
                    period: None,
                    counter: None,
                    secret: Secret::from_base32(secret),
                    group: None,
                }),
                None => crate::uri::parse(&entry.content.uri).map_err(|error| error.to_string()),
            };
            (entry.content.name, draft)
        },
    )))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::OtpKind;
    use crate::import::summary;

    #[test]
    fn entries_are_uris_and_broken_ones_are_listed() {
        let export = r#"{"version": 1, "entries": [
            {"content": {"uri": "otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub&period=60",
                         "entry_type": "Totp", "name": "GitHub"}},
            {"content": {"uri": "https://example.com", "entry_type": "Totp", "name": "Broken"}}]}"#;
        assert!(looks_like(export.as_bytes()));
        let imported = read(export.as_bytes()).unwrap();
        assert_eq!(
            summary(&imported),
            [("GitHub", "alice", OtpKind::Totp { period: 60 })]
        );
        assert_eq!(imported.skipped[0].0, "Broken");
    }
}
