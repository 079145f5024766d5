//! Importing the exports of other authenticators: each format in its own
//! module, all turning bytes (and a password) into account drafts. The format
//! is detected from the content; nothing is stored here — the caller shows
//! what was found and stores what the user confirms.

pub(crate) mod aegis;
mod andotp;
mod android_prefs;
mod archive;
mod authenticator_plus;
mod authy;
mod battle_net;
mod bitwarden;
mod crypto;
mod duo;
mod ente;
mod freeotp;
mod freeotp_plus;
mod google_authenticator;
mod keepass;
mod keepassxc;
mod lastpass;
mod microsoft_authenticator;
mod onepassword;
mod proton;
mod raivo;
#[cfg(test)]
mod roundtrip;
mod sqlite;
mod steam;
mod stratum;
mod totp_authenticator;
mod twofas;
mod uri_list;

use serde::Deserialize as _;
use thiserror::Error;

use crate::draft::{AccountDraft, Fields};

/// The formats Twofold reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Aegis vault JSON, plain or encrypted (scrypt + AES-GCM key slots);
    /// also Twofold's own encrypted backups.
    Aegis,
    /// 2FAS `.2fas` backups, schema 1–4, plain or encrypted.
    TwoFas,
    /// andOTP JSON, plain or encrypted (new and old scheme).
    AndOtp,
    /// Bitwarden's unencrypted JSON export.
    BitwardenJson,
    /// Bitwarden's CSV export.
    BitwardenCsv,
    /// FreeOTP+ JSON export.
    FreeOtpPlus,
    /// FreeOTP: 1.x `tokens.xml` (and FreeOTP+'s internal file), 2.x
    /// encrypted backups.
    FreeOtp,
    /// Authy's Android token file, plain or with encrypted secrets.
    Authy,
    /// The Battle.net app's Android preferences (masked serial and secret).
    BattleNet,
    /// Duo Mobile's account list (JSON).
    Duo,
    /// TOTP Authenticator (BinaryBoo): encrypted backup or Android preferences.
    TotpAuthenticator,
    /// Google Authenticator's own database (SQLite, from a rooted phone).
    GoogleAuthenticatorDb,
    /// Microsoft Authenticator's own database (SQLite, from a rooted phone).
    MicrosoftAuthenticatorDb,
    /// Authenticator Plus: a password-protected ZIP of `otpauth://` URIs.
    AuthenticatorPlus,
    /// LastPass Authenticator's JSON export.
    LastPass,
    /// KeePassXC's CSV export (its TOTP column).
    KeePassXcCsv,
    /// Ente Auth's encrypted export (Argon2id, XChaCha20-Poly1305).
    EnteEncrypted,
    /// Raivo OTP: its password-protected ZIP, or the JSON inside.
    Raivo,
    /// 1Password's `.1pux` export (its TOTP fields).
    OnePassword,
    /// KeePass and KeePassXC databases (`.kdbx`).
    KeePass,
    /// Proton Authenticator JSON export.
    Proton,
    /// Steam Desktop Authenticator `.maFile` JSON.
    Steam,
    /// Stratum (Authenticator Pro) backups: plain, encrypted, legacy-encrypted.
    Stratum,
    /// Text with one `otpauth://` or `otpauth-migration://` URI per line
    /// (plain exports, Ente Auth, Google Authenticator transfer codes).
    UriList,
    /// An image of QR codes: a screenshot of Google Authenticator's transfer
    /// codes, or of any 2FA setup code.
    Image,
}

impl Format {
    /// In the order [`detect`] tries them: the most specific first, andOTP's
    /// encrypted backups (no header at all) just before plain text.
    pub const ALL: [Format; 25] = [
        Format::Image,
        Format::Aegis,
        Format::TwoFas,
        Format::BitwardenJson,
        Format::FreeOtpPlus,
        Format::Proton,
        Format::Steam,
        Format::Stratum,
        Format::FreeOtp,
        Format::Authy,
        Format::BattleNet,
        Format::Duo,
        Format::TotpAuthenticator,
        Format::GoogleAuthenticatorDb,
        Format::MicrosoftAuthenticatorDb,
        Format::AuthenticatorPlus,
        Format::LastPass,
        Format::KeePassXcCsv,
        Format::EnteEncrypted,
        Format::Raivo,
        Format::OnePassword,
        Format::KeePass,
        Format::BitwardenCsv,
        Format::AndOtp,
        Format::UriList,
    ];

    /// The name used on the command line (`--from`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Aegis => "aegis",
            Format::TwoFas => "2fas",
            Format::AndOtp => "andotp",
            Format::BitwardenJson => "bitwarden-json",
            Format::BitwardenCsv => "bitwarden-csv",
            Format::FreeOtpPlus => "freeotp-plus",
            Format::FreeOtp => "freeotp",
            Format::Authy => "authy",
            Format::BattleNet => "battle-net",
            Format::Duo => "duo",
            Format::TotpAuthenticator => "totp-authenticator",
            Format::GoogleAuthenticatorDb => "google-authenticator-db",
            Format::MicrosoftAuthenticatorDb => "microsoft-authenticator-db",
            Format::AuthenticatorPlus => "authenticator-plus",
            Format::LastPass => "lastpass",
            Format::KeePassXcCsv => "keepassxc-csv",
            Format::EnteEncrypted => "ente",
            Format::Raivo => "raivo",
            Format::OnePassword => "1password",
            Format::KeePass => "keepass",
            Format::Proton => "proton",
            Format::Steam => "steam",
            Format::Stratum => "stratum",
            Format::UriList => "uris",
            Format::Image => "image",
        }
    }

    /// What the file is and what of it Twofold takes, for the docs and
    /// `--from`'s help.
    pub fn reads(self) -> &'static str {
        match self {
            Format::Aegis => {
                "plain or encrypted vault, with groups and favourites; a Twofold backup also brings its backup codes"
            }
            Format::TwoFas => "plain or encrypted `.2fas` backup (schema 1–4), with groups",
            Format::AndOtp => {
                "plain or encrypted JSON (new and old encryption); the first tag is the group"
            }
            Format::BitwardenJson => {
                "JSON export, unencrypted or password-protected: the logins that have a TOTP key"
            }
            Format::BitwardenCsv => "CSV export: the logins that have a TOTP key",
            Format::FreeOtpPlus => "JSON export",
            Format::FreeOtp => {
                "1.x `tokens.xml` (also FreeOTP+'s internal file; counters as FreeOTP keeps them) and 2.x encrypted backups"
            }
            Format::Authy => {
                "the app's token file from an Android phone (`com.authy.storage.tokens.authenticator.xml`), plain or with the backup password"
            }
            Format::BattleNet => "the app's Android preferences file (the serial is the name)",
            Format::Duo => "the account list (JSON); no issuer is kept",
            Format::TotpAuthenticator => {
                "encrypted backup (the app's default password needs none) or its Android preferences file"
            }
            Format::Proton => "JSON export, Steam entries included",
            Format::Steam => "a `.maFile` (the account's shared secret)",
            Format::Stratum => {
                "plain or encrypted backup (Argon2 and legacy encryption), or the app's database; categories are groups"
            }
            Format::GoogleAuthenticatorDb => {
                "the app's `databases` file from an Android phone (SQLite), TOTP and HOTP"
            }
            Format::MicrosoftAuthenticatorDb => {
                "the app's database from an Android phone (SQLite): the standard TOTP accounts"
            }
            Format::AuthenticatorPlus => {
                "the exported ZIP (with its password) of `otpauth://` URIs"
            }
            Format::LastPass => "JSON export, with folders as groups and favourites",
            Format::KeePassXcCsv => {
                "CSV export: the entries with a TOTP, the title as the service, folders as groups"
            }
            Format::EnteEncrypted => {
                "encrypted export (its plain text export is read as an otpauth:// list)"
            }
            Format::Raivo => {
                "the exported ZIP (with its password), or the JSON inside; pinned accounts are favourites"
            }
            Format::OnePassword => {
                "`.1pux` export: the items with a one-time password, the first tag as the group"
            }
            Format::KeePass => {
                "`.kdbx` database with its master password: KeePassXC's and KeePass's one-time passwords, groups"
            }
            Format::UriList => {
                "text with one `otpauth://` or `otpauth-migration://` URI a line (plain exports, Ente Auth, WinAuth's text export, Google Authenticator transfer codes)"
            }
            Format::Image => {
                "PNG, JPEG, WebP, BMP or GIF of QR codes, e.g. a screenshot of Google Authenticator's transfer codes"
            }
        }
    }

    /// The app alone, short enough for a sentence ("Added 5 accounts from
    /// 2FAS").
    pub fn short_app(self) -> &'static str {
        match self {
            Format::Aegis => "Aegis",
            Format::TwoFas => "2FAS",
            Format::AndOtp => "andOTP",
            Format::BitwardenJson | Format::BitwardenCsv => "Bitwarden",
            Format::FreeOtpPlus => "FreeOTP+",
            Format::FreeOtp => "FreeOTP",
            Format::Authy => "Authy",
            Format::BattleNet => "Battle.net",
            Format::Duo => "Duo Mobile",
            Format::TotpAuthenticator => "TOTP Authenticator",
            Format::GoogleAuthenticatorDb => "Google Authenticator",
            Format::MicrosoftAuthenticatorDb => "Microsoft Authenticator",
            Format::AuthenticatorPlus => "Authenticator Plus",
            Format::LastPass => "LastPass Authenticator",
            Format::KeePassXcCsv => "KeePassXC",
            Format::EnteEncrypted => "Ente Auth",
            Format::Raivo => "Raivo OTP",
            Format::OnePassword => "1Password",
            Format::KeePass => "KeePass",
            Format::Proton => "Proton Authenticator",
            Format::Steam => "Steam Desktop Authenticator",
            Format::Stratum => "Stratum",
            Format::UriList => "the otpauth:// list",
            Format::Image => "the image",
        }
    }

    /// The app that writes it, for messages and menus.
    pub fn app(self) -> &'static str {
        match self {
            Format::Aegis => "Aegis (or a Twofold backup)",
            Format::TwoFas => "2FAS",
            Format::AndOtp => "andOTP",
            Format::BitwardenJson => "Bitwarden (JSON)",
            Format::BitwardenCsv => "Bitwarden (CSV)",
            Format::FreeOtpPlus => "FreeOTP+",
            Format::FreeOtp => "FreeOTP",
            Format::Authy => "Authy",
            Format::BattleNet => "Battle.net Authenticator",
            Format::Duo => "Duo Mobile",
            Format::TotpAuthenticator => "TOTP Authenticator (BinaryBoo)",
            Format::GoogleAuthenticatorDb => "Google Authenticator (app database)",
            Format::MicrosoftAuthenticatorDb => "Microsoft Authenticator (app database)",
            Format::AuthenticatorPlus => "Authenticator Plus",
            Format::LastPass => "LastPass Authenticator",
            Format::KeePassXcCsv => "KeePassXC (CSV)",
            Format::EnteEncrypted => "Ente Auth (encrypted)",
            Format::Raivo => "Raivo OTP",
            Format::OnePassword => "1Password",
            Format::KeePass => "KeePass / KeePassXC (.kdbx)",
            Format::Proton => "Proton Authenticator",
            Format::Steam => "Steam Desktop Authenticator",
            Format::Stratum => "Stratum / Authenticator Pro",
            Format::UriList => "otpauth:// list (Ente Auth, WinAuth, Google transfer codes)",
            Format::Image => "Image of QR codes (Google Authenticator transfer screenshot)",
        }
    }

    fn looks_like(self, bytes: &[u8]) -> bool {
        match self {
            Format::Aegis => aegis::looks_like(bytes),
            Format::TwoFas => twofas::looks_like(bytes),
            Format::AndOtp => andotp::looks_like(bytes),
            Format::BitwardenJson => bitwarden::looks_like_json(bytes),
            Format::BitwardenCsv => bitwarden::looks_like_csv(bytes),
            Format::FreeOtpPlus => freeotp_plus::looks_like(bytes),
            Format::FreeOtp => freeotp::looks_like(bytes),
            Format::Authy => authy::looks_like(bytes),
            Format::BattleNet => battle_net::looks_like(bytes),
            Format::Duo => duo::looks_like(bytes),
            Format::TotpAuthenticator => totp_authenticator::looks_like(bytes),
            Format::GoogleAuthenticatorDb => google_authenticator::looks_like(bytes),
            Format::MicrosoftAuthenticatorDb => microsoft_authenticator::looks_like(bytes),
            Format::AuthenticatorPlus => authenticator_plus::looks_like(bytes),
            Format::LastPass => lastpass::looks_like(bytes),
            Format::KeePassXcCsv => keepassxc::looks_like(bytes),
            Format::EnteEncrypted => ente::looks_like(bytes),
            Format::Raivo => raivo::looks_like(bytes),
            Format::OnePassword => onepassword::looks_like(bytes),
            Format::KeePass => keepass::looks_like(bytes),
            Format::Proton => proton::looks_like(bytes),
            Format::Steam => steam::looks_like(bytes),
            Format::Stratum => stratum::looks_like(bytes),
            Format::UriList => uri_list::looks_like(bytes),
            Format::Image => image::guess_format(bytes).is_ok(),
        }
    }

    fn read(self, bytes: &[u8], password: Option<&str>) -> Result<Imported, ImportError> {
        match self {
            Format::Aegis => aegis::read(bytes, password),
            Format::TwoFas => twofas::read(bytes, password),
            Format::AndOtp => andotp::read(bytes, password),
            Format::BitwardenJson => bitwarden::read_json(bytes, password),
            Format::BitwardenCsv => bitwarden::read_csv(bytes),
            Format::FreeOtpPlus => freeotp_plus::read(bytes),
            Format::FreeOtp => freeotp::read(bytes, password),
            Format::Authy => authy::read(bytes, password),
            Format::BattleNet => battle_net::read(bytes),
            Format::Duo => duo::read(bytes),
            Format::TotpAuthenticator => totp_authenticator::read(bytes, password),
            Format::GoogleAuthenticatorDb => google_authenticator::read(bytes),
            Format::MicrosoftAuthenticatorDb => microsoft_authenticator::read(bytes),
            Format::AuthenticatorPlus => authenticator_plus::read(bytes, password),
            Format::LastPass => lastpass::read(bytes),
            Format::KeePassXcCsv => keepassxc::read(bytes),
            Format::EnteEncrypted => ente::read(bytes, password),
            Format::Raivo => raivo::read(bytes, password),
            Format::OnePassword => onepassword::read(bytes),
            Format::KeePass => keepass::read(bytes, password),
            Format::Proton => proton::read(bytes),
            Format::Steam => steam::read(bytes),
            Format::Stratum => stratum::read(bytes, password),
            Format::UriList => uri_list::read(bytes),
            Format::Image => {
                let texts = crate::qr::decode_bytes(bytes)
                    .map_err(|error| ImportError::Image(error.to_string()))?;
                Ok(uri_list::read_texts(texts.iter().map(String::as_str)))
            }
        }
    }
}

/// Every format as a Markdown table (`--from`, app, what is read): the
/// table of `docs/IMPORTING.md`, kept current by a test.
pub fn formats_table() -> String {
    let mut table = String::from("| `--from` | Export of | What is read |\n|---|---|---|\n");
    for format in Format::ALL {
        table.push_str(&format!(
            "| `{}` | {} | {} |\n",
            format.name(),
            format.app(),
            format.reads()
        ));
    }
    table
}

/// The apps whose exports Twofold reads, for messages.
fn supported_apps() -> String {
    Format::ALL.map(Format::app).join("; ")
}

/// The `--from` names, for messages.
fn format_names() -> String {
    Format::ALL.map(Format::name).join(", ")
}

#[cfg(feature = "clap")]
impl clap::ValueEnum for Format {
    fn value_variants<'a>() -> &'a [Self] {
        &Format::ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.name()).help(self.app()))
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
        "this file is not an export Twofold can read (it reads: {})",
        supported_apps()
    )]
    UnknownFormat,
    #[error("unknown import format \"{0}\" (use one of {names})", names = format_names())]
    UnknownFormatName(String),
    #[error("this export is encrypted: a password is needed")]
    PasswordNeeded,
    #[error("wrong password for this export")]
    WrongPassword,
    #[error("the file is damaged or incomplete: {0}")]
    Damaged(String),
    #[error(
        "the file asks for {0}, far beyond what any authenticator uses: it is damaged or made to stall the import"
    )]
    Stalling(String),
    #[error("the export holds no accounts")]
    Empty,
    #[error("{0}")]
    Image(String),
    #[error("could not read {path}: {why}")]
    Unreadable { path: String, why: String },
}

/// The accounts of an export, and what it held that Twofold cannot use.
#[derive(Debug, Default)]
pub struct Imported {
    pub accounts: Vec<AccountDraft>,
    /// An entry's label and why it was left out.
    pub skipped: Vec<(String, String)>,
    /// The format it was read as (given or detected).
    pub format: Option<Format>,
}

/// Reads an export file (refused by its size before it is read when it is
/// far larger than any export): the format given, or detected.
pub fn import_file(
    path: &std::path::Path,
    format: Option<Format>,
    password: Option<&str>,
) -> Result<Imported, ImportError> {
    let bytes = crate::files::read_limited(path, MAX_SIZE as u64).map_err(|error| {
        ImportError::Unreadable {
            path: path.display().to_string(),
            why: error.to_string(),
        }
    })?;
    import(&bytes, format, password)
}

/// Reads an export: the format given, or detected from the content.
pub fn import(
    bytes: &[u8],
    format: Option<Format>,
    password: Option<&str>,
) -> Result<Imported, ImportError> {
    if bytes.len() > MAX_SIZE {
        return Err(ImportError::Damaged(format!(
            "the file is {} MB; exports of authenticators are far smaller",
            bytes.len() / 1_000_000
        )));
    }
    let format = match format.or_else(|| detect(bytes)) {
        Some(format) => format,
        // JSON that no format claims is damaged when it does not even parse.
        None if looks_like_json(bytes) => {
            return Err(serde_json::from_slice::<serde_json::Value>(bytes)
                .err()
                .map_or(ImportError::UnknownFormat, json_damage));
        }
        None => return Err(ImportError::UnknownFormat),
    };
    let imported = format.read(bytes, password)?;
    if imported.accounts.is_empty() && imported.skipped.is_empty() {
        return Err(ImportError::Empty);
    }
    Ok(Imported {
        format: Some(format),
        ..imported
    })
}

/// The format of an export, from its content.
pub fn detect(bytes: &[u8]) -> Option<Format> {
    Format::ALL
        .into_iter()
        .find(|format| format.looks_like(bytes))
}

/// Larger files are refused unread: the biggest real exports are a few
/// hundred kilobytes (icons included).
const MAX_SIZE: usize = 32 * 1024 * 1024;

impl Imported {
    /// Sorts each entry into the accounts or the skipped ones.
    fn from_entries(
        entries: impl IntoIterator<Item = (String, Result<AccountDraft, String>)>,
    ) -> Self {
        let mut imported = Imported::default();
        for (label, result) in entries {
            match result {
                Ok(draft) => imported.accounts.push(draft),
                Err(why) => imported.skipped.push((label, why)),
            }
        }
        imported
    }
}

/// Each account's `(issuer, name, kind)`, for the modules' tests.
#[cfg(test)]
fn summary(imported: &Imported) -> Vec<(&str, &str, crate::OtpKind)> {
    imported
        .accounts
        .iter()
        .map(|draft| (draft.issuer.as_str(), draft.name.as_str(), draft.otp.kind()))
        .collect()
}

/// What an encrypted export reads with the right password ("correct horse"),
/// once a missing and a wrong one were refused as such.
#[cfg(test)]
fn read_with_passwords(read: impl Fn(Option<&str>) -> Result<Imported, ImportError>) -> Imported {
    assert_eq!(read(None).err(), Some(ImportError::PasswordNeeded));
    assert_eq!(
        read(Some("wrong horse")).err(),
        Some(ImportError::WrongPassword)
    );
    read(Some("correct horse")).unwrap_or_default()
}

/// The account of a password manager's TOTP field (KeePass, KeePassXC,
/// 1Password): an `otpauth://` URI, named by the entry's title when it
/// names no service, or a bare key, named by the title and the username.
fn totp_field(
    totp: &str,
    title: &str,
    username: &str,
    group: Option<&str>,
) -> Result<AccountDraft, String> {
    let totp = totp.trim();
    if !totp.to_ascii_lowercase().starts_with("otpauth://") {
        return checked(Fields {
            issuer: title,
            name: username,
            kind: "totp",
            algorithm: None,
            digits: None,
            period: None,
            counter: None,
            secret: crate::otp::Secret::from_base32(totp),
            group,
        });
    }
    let mut draft = crate::uri::parse(totp).map_err(|error| error.to_string())?;
    if draft.issuer.is_empty() {
        draft.issuer = crate::draft::clean_name(title);
    }
    draft.group = group
        .map(crate::draft::clean_name)
        .filter(|group| !group.is_empty());
    Ok(draft)
}

/// A number some apps write as text ("7"); `None` when there is none.
fn number<T: std::str::FromStr>(text: Option<&str>) -> Option<T> {
    text.and_then(|text| text.trim().parse().ok())
}

/// The account of an entry's fields, or why it cannot be one.
fn checked(fields: Fields<'_>) -> Result<AccountDraft, String> {
    AccountDraft::from_fields(fields).map_err(|error| error.to_string())
}

fn damaged(error: impl std::fmt::Display) -> ImportError {
    ImportError::Damaged(error.to_string())
}

/// For optional fields that real exports sometimes write as `null` (an Aegis
/// entry with `"issuer": null`): the default, instead of refusing the file.
fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de> + Default,
{
    Option::<T>::deserialize(deserializer).map(Option::unwrap_or_default)
}

fn json<'a, T: serde::Deserialize<'a>>(bytes: &'a [u8]) -> Result<T, ImportError> {
    serde_json::from_slice(bytes).map_err(json_damage)
}

/// What is wrong with JSON, without quoting the file: serde's own messages
/// repeat the offending value, which may be a secret.
fn json_damage(error: serde_json::Error) -> ImportError {
    use serde_json::error::Category;
    let at = match error.line() {
        0 => String::new(),
        line => format!(" (line {line}, column {})", error.column()),
    };
    let message = error.to_string();
    let what = match error.classify() {
        Category::Eof => "the file is cut short".to_owned(),
        Category::Syntax => "not valid JSON".to_owned(),
        Category::Io => "the JSON could not be read".to_owned(),
        Category::Data if message.starts_with("missing field") => message
            .split(" at line")
            .next()
            .unwrap_or_default()
            .to_owned(),
        Category::Data => match message.split_once(", expected ") {
            Some((_, expected)) => {
                let expected = expected.split(" at line").next().unwrap_or_default();
                format!("an unexpected value where {expected} belongs")
            }
            None => "an unexpected value".to_owned(),
        },
    };
    ImportError::Damaged(format!("{what}{at}"))
}

/// Whether `bytes` start like JSON (an object or an array).
fn looks_like_json(bytes: &[u8]) -> bool {
    bytes
        .trim_ascii_start()
        .first()
        .is_some_and(|byte| matches!(byte, b'{' | b'['))
}

/// The JSON value of `bytes`, if they are JSON.
fn json_value(bytes: &[u8]) -> Option<serde_json::Value> {
    serde_json::from_slice(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The formats are described once, in `Format`; docs/IMPORTING.md shows them.
    #[test]
    fn the_import_docs_list_every_format() {
        let readme = include_str!("../../../../docs/IMPORTING.md");
        let listed = readme
            .split("<!-- formats:start -->\n")
            .nth(1)
            .and_then(|rest| rest.split("<!-- formats:end -->").next())
            .unwrap_or_default();
        assert_eq!(
            listed,
            formats_table(),
            "docs/IMPORTING.md's formats table is out of date; replace it with the expected text"
        );
    }

    #[test]
    fn messages_name_every_format() {
        let unknown = ImportError::UnknownFormat.to_string();
        let bad_name = ImportError::UnknownFormatName("x".into()).to_string();
        for format in Format::ALL {
            assert!(unknown.contains(format.app()), "{unknown}");
            assert!(bad_name.contains(format.name()), "{bad_name}");
        }
    }

    /// serde quotes the value it did not expect; the message must not.
    #[test]
    fn damage_messages_never_quote_the_file() {
        let secret = "JBSWY3DPEHPK3PXPJBSWY3DP";
        let vault = format!(
            r#"{{"version": 1, "header": {{"slots": null, "params": null}},
               "db": {{"version": 2, "entries": [{{"type": "totp", "name": "a", "issuer": "b",
               "info": {{"secret": "x", "digits": "{secret}"}}}}]}}}}"#
        );
        let Err(error) = import(vault.as_bytes(), None, None) else {
            panic!("a string for digits is damage")
        };
        let message = error.to_string();
        assert!(!message.contains(secret), "{message}");
        assert!(message.contains("where u8 belongs"), "{message}");
        let cut = &vault[..vault.find(secret).unwrap_or_default() + 10];
        let message = import(cut.as_bytes(), Some(Format::Aegis), None)
            .err()
            .map(|error| error.to_string())
            .unwrap_or_default();
        assert!(
            message.contains("cut short") && !message.contains("JBSWY3DPEH"),
            "{message}"
        );
    }
}

/// Real exports read the way their apps read them: each case is a kind of
/// file seen in the wild, written inline.
#[cfg(test)]
mod tolerance {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::OtpKind;

    fn accounts(text: &str) -> Vec<(String, String, OtpKind)> {
        let imported = import(text.as_bytes(), None, None).unwrap();
        imported
            .accounts
            .into_iter()
            .map(|draft| (draft.issuer, draft.name, draft.otp.kind()))
            .collect()
    }

    #[test]
    fn nulls_where_strings_belong_read_as_empty() {
        let aegis = r#"{"version": 1, "header": {"slots": null, "params": null}, "db": {"version": 2,
            "entries": [
              {"type": "totp", "name": "alice", "issuer": null, "note": null, "icon": null, "group": null,
               "info": {"secret": "JBSWY3DPEHPK3PXP", "algo": null, "digits": null, "period": null}},
              {"type": "totp", "name": "bob", "issuer": "Bank", "info": {"secret": null}}]}}"#;
        let imported = import(aegis.as_bytes(), None, None).unwrap();
        assert_eq!(imported.accounts.len(), 1, "the usable entry is read");
        assert_eq!(
            (
                imported.accounts[0].issuer.as_str(),
                imported.accounts[0].name.as_str()
            ),
            ("", "alice")
        );
        assert_eq!(
            imported.skipped.len(),
            1,
            "the entry without a secret is listed with its reason"
        );
        assert_eq!(imported.skipped[0].0, "Bank (bob)");
    }

    #[test]
    fn the_format_read_is_named_detected_or_given() {
        let csv =
            "folder,favorite,type,name,login_uri,login_totp\n,,login,GitHub,,JBSWY3DPEHPK3PXP\n";
        let detected = import(csv.as_bytes(), None, None).unwrap();
        assert_eq!(detected.format, Some(Format::BitwardenCsv));
        assert_eq!(detected.format.map(Format::short_app), Some("Bitwarden"));
        let list = "otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP\n";
        let given = import(list.as_bytes(), Some(Format::UriList), None).unwrap();
        assert_eq!(given.format, Some(Format::UriList));
    }

    #[test]
    fn csv_rows_longer_than_their_header_are_read() {
        let csv = "folder,favorite,type,name,login_uri,login_totp\n\
                   ,,login,GitHub,https://github.com,JBSWY3DPEHPK3PXP,extra,more,fields\n";
        assert_eq!(
            accounts(csv),
            [("GitHub".into(), "".into(), OtpKind::Totp { period: 30 })]
        );
    }

    #[test]
    fn proton_steam_entries_are_steam_accounts() {
        let proton = r#"{"version": 1, "entries": [
            {"content": {"uri": "steam://JBSWY3DPEHPK3PXP", "entry_type": "Steam", "name": "gaben"}},
            {"content": {"uri": "otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub", "entry_type": "Totp", "name": "GitHub"}}]}"#;
        assert_eq!(
            accounts(proton),
            [
                ("Steam".into(), "gaben".into(), OtpKind::Steam),
                (
                    "GitHub".into(),
                    "alice".into(),
                    OtpKind::Totp { period: 30 }
                ),
            ]
        );
    }

    #[test]
    fn twofas_entries_without_an_issuer_keep_the_service_name() {
        let twofas = r#"{"schemaVersion": 4, "services": [
            {"name": "Dropbox", "secret": "JBSWY3DPEHPK3PXP", "otp": {"account": "carol", "issuer": "", "tokenType": "TOTP"}},
            {"name": "Mail", "secret": "JBSWY3DPEHPK3PXP", "otp": {"account": "dave", "issuer": null}}]}"#;
        let named: Vec<_> = accounts(twofas)
            .into_iter()
            .map(|(issuer, name, _)| (issuer, name))
            .collect();
        assert_eq!(
            named,
            [
                ("Dropbox".into(), "carol".into()),
                ("Mail".into(), "dave".into())
            ]
        );
    }
}
