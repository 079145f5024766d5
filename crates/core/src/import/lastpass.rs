//! LastPass Authenticator's JSON export: `{version, accounts: [{issuerName,
//! userName, secret, algorithm, digits, timeStep, isFavorite, folderData:
//! {folderId}}], folders: [{id, name}]}`. The names are those the app showed
//! (`originalIssuerName`/`originalUserName` are the setup code's); a folder
//! is the group.

use serde::Deserialize;

use super::{Fields, ImportError, Imported};
use crate::otp::Secret;

#[derive(Deserialize)]
struct Export {
    accounts: Vec<Account>,
    #[serde(default, deserialize_with = "super::null_as_default")]
    folders: Vec<Folder>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Account {
    #[serde(default, deserialize_with = "super::null_as_default")]
    issuer_name: String,
    #[serde(default, deserialize_with = "super::null_as_default")]
    user_name: String,
    #[serde(default, deserialize_with = "super::null_as_default")]
    secret: String,
    algorithm: Option<String>,
    digits: Option<u8>,
    time_step: Option<u32>,
    #[serde(default, deserialize_with = "super::null_as_default")]
    is_favorite: bool,
    folder_data: Option<FolderData>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct FolderData {
    folder_id: Option<i64>,
}

#[derive(Deserialize)]
struct Folder {
    id: i64,
    #[serde(default, deserialize_with = "super::null_as_default")]
    name: String,
}

pub(super) fn looks_like(bytes: &[u8]) -> bool {
    super::json_value(bytes).is_some_and(|value| {
        value
            .get("accounts")
            .and_then(serde_json::Value::as_array)
            .and_then(|accounts| accounts.first())
            .is_some_and(|account| {
                account.get("issuerName").is_some() && account.get("timeStep").is_some()
            })
    })
}

pub(super) fn read(bytes: &[u8]) -> Result<Imported, ImportError> {
    let export: Export = super::json(bytes)?;
    Ok(Imported::from_entries(export.accounts.iter().map(
        |account| {
            let folder = account
                .folder_data
                .as_ref()
                .and_then(|data| data.folder_id)
                .and_then(|id| export.folders.iter().find(|folder| folder.id == id))
                .map(|folder| folder.name.as_str());
            let draft = super::checked(Fields {
                issuer: &account.issuer_name,
                name: &account.user_name,
                kind: "totp",
                algorithm: account.algorithm.as_deref(),
                digits: account.digits,
                period: account.time_step,
                counter: None,
                secret: Secret::from_base32(&account.secret),
                group: folder,
            })
            .map(|mut draft| {
                draft.favorite = account.is_favorite;
                draft
            });
            (
                crate::draft::label(&account.issuer_name, &account.user_name),
                draft,
            )
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
    fn reads_names_folders_and_favourites() {
        let export = r#"{"deviceId": "d", "deviceSecret": "", "localDeviceId": "l", "deviceName": "Pixel", "version": 3,
            "accounts": [
              {"issuerName": "GitHub", "originalIssuerName": "github.com", "userName": "alice", "originalUserName": "alice@x",
               "secret": "JBSWY3DPEHPK3PXP", "timeStep": 30, "digits": 6, "algorithm": "SHA1", "creationTimestamp": 1,
               "isFavorite": true, "folderData": {"folderId": 1, "position": 0}},
              {"issuerName": "Bank", "userName": "bob", "secret": "JBSWY3DPEHPK3PXP", "timeStep": 60, "digits": 8,
               "algorithm": "SHA256", "isFavorite": false, "folderData": null},
              {"issuerName": "Broken", "userName": "x", "secret": "", "timeStep": 30, "digits": 6, "algorithm": "SHA1"}],
            "folders": [{"id": 1, "name": "Work", "isOpened": true}]}"#;
        assert!(looks_like(export.as_bytes()));
        let imported = read(export.as_bytes()).unwrap();
        assert_eq!(
            summary(&imported),
            [
                ("GitHub", "alice", OtpKind::Totp { period: 30 }),
                ("Bank", "bob", OtpKind::Totp { period: 60 })
            ]
        );
        let github = &imported.accounts[0];
        assert_eq!(
            (github.group.as_deref(), github.favorite),
            (Some("Work"), true)
        );
        assert_eq!(imported.accounts[1].otp.digits(), 8);
        assert_eq!(imported.skipped[0].0, "Broken (x)");
    }
}
