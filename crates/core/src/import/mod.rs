//! Importing the exports of other authenticators: each format in its own
//! module, all turning bytes (and a password) into account drafts. The format
//! is detected from the content; nothing is stored here — the caller shows
//! what was found and stores what the user confirms.

mod aegis;
mod bitwarden;
mod uri_list;

use thiserror::Error;

use crate::draft::AccountDraft;

/// The formats Twofold reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Aegis vault JSON, plain or encrypted (scrypt + AES-GCM key slots).
    Aegis,
    /// Bitwarden's unencrypted JSON export.
    BitwardenJson,
    /// Bitwarden's CSV export.
    BitwardenCsv,
    /// Text with one `otpauth://` or `otpauth-migration://` URI per line
    /// (plain exports, Ente Auth, Google Authenticator transfer codes).
    UriList,
}

impl Format {
    pub const ALL: [Format; 4] = [
        Format::Aegis,
        Format::BitwardenJson,
        Format::BitwardenCsv,
        Format::UriList,
    ];

    /// The name used on the command line (`--from`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Aegis => "aegis",
            Format::BitwardenJson => "bitwarden-json",
            Format::BitwardenCsv => "bitwarden-csv",
            Format::UriList => "uris",
        }
    }
}

impl std::str::FromStr for Format {
    type Err = ImportError;

    fn from_str(name: &str) -> Result<Self, ImportError> {
        Format::ALL
            .into_iter()
            .find(|format| format.name().eq_ignore_ascii_case(name))
            .ok_or_else(|| ImportError::UnknownFormatName(name.to_owned()))
    }
}

/// What is wrong with a file to import. Nothing is imported on any error.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ImportError {
    #[error(
        "this file is not an export Twofold can read (supported: Aegis vaults, Bitwarden JSON and CSV, otpauth:// and Google Authenticator transfer lists)"
    )]
    UnknownFormat,
    #[error("unknown import format \"{0}\" (use aegis, bitwarden-json, bitwarden-csv or uris)")]
    UnknownFormatName(String),
    #[error("this export is encrypted: a password is needed")]
    PasswordNeeded,
    #[error("wrong password for this export")]
    WrongPassword,
    #[error("the file is damaged or incomplete: {0}")]
    Damaged(String),
    #[error("the export holds no accounts")]
    Empty,
}

/// The accounts of an export, and what it held that Twofold cannot use.
#[derive(Debug, Default)]
pub struct Imported {
    pub accounts: Vec<AccountDraft>,
    /// An entry's label and why it was left out.
    pub skipped: Vec<(String, String)>,
}

/// Reads an export: the format given, or detected from the content.
pub fn import(
    bytes: &[u8],
    format: Option<Format>,
    password: Option<&str>,
) -> Result<Imported, ImportError> {
    let format = format
        .or_else(|| detect(bytes))
        .ok_or(ImportError::UnknownFormat)?;
    let imported = match format {
        Format::Aegis => aegis::read(bytes, password)?,
        Format::BitwardenJson => bitwarden::read_json(bytes)?,
        Format::BitwardenCsv => bitwarden::read_csv(bytes)?,
        Format::UriList => uri_list::read(bytes)?,
    };
    if imported.accounts.is_empty() && imported.skipped.is_empty() {
        return Err(ImportError::Empty);
    }
    Ok(imported)
}

/// The format of an export, from its content.
pub fn detect(bytes: &[u8]) -> Option<Format> {
    if aegis::looks_like(bytes) {
        Some(Format::Aegis)
    } else if bitwarden::looks_like_json(bytes) {
        Some(Format::BitwardenJson)
    } else if bitwarden::looks_like_csv(bytes) {
        Some(Format::BitwardenCsv)
    } else if uri_list::looks_like(bytes) {
        Some(Format::UriList)
    } else {
        None
    }
}
