//! An account as read from a URI, a QR code or an import, before it is stored.

use thiserror::Error;

use crate::backup_codes::BackupCode;
use crate::otp::{Algorithm, DEFAULT_PERIOD, Otp, OtpKind, ParamError, Secret, SecretError};

/// An account found somewhere, not yet in the vault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountDraft {
    /// The service, e.g. `GitHub`; empty when the source names none.
    pub issuer: String,
    /// The account at that service, e.g. `alice@example.com`.
    pub name: String,
    pub otp: Otp,
    /// What richer sources (Aegis vaults, Twofold's own backups) also keep.
    pub group: Option<String>,
    pub favorite: bool,
    pub backup_codes: Vec<BackupCode>,
}

impl AccountDraft {
    /// An account with names cleaned (see [`clean_name`]) and the issuer
    /// not repeated in the name (see [`without_issuer`]), in no group,
    /// without backup codes.
    pub fn new(issuer: impl AsRef<str>, name: impl AsRef<str>, otp: Otp) -> Self {
        let issuer = clean_name(issuer.as_ref());
        let name = clean_name(name.as_ref());
        Self {
            name: without_issuer(&issuer, &name).to_owned(),
            issuer,
            otp,
            group: None,
            favorite: false,
            backup_codes: Vec::new(),
        }
    }

    /// The account described by loose fields, as a form, a command line or an
    /// export gives them; what is missing takes the usual defaults (SHA1,
    /// 6 digits, 30 s, counter 0). The one place such fields are checked.
    pub fn from_fields(fields: Fields<'_>) -> Result<Self, DraftError> {
        let kind = OtpKind::from_name(
            fields.kind,
            fields.period.unwrap_or(DEFAULT_PERIOD),
            fields.counter.unwrap_or(0),
        )
        .ok_or_else(|| DraftError::UnknownKind(fields.kind.to_owned()))?;
        let algorithm: Algorithm = fields.algorithm.unwrap_or("SHA1").parse()?;
        let otp = Otp::new(kind, algorithm, fields.digits.unwrap_or(6), fields.secret?)?;
        let mut draft = Self::new(fields.issuer, fields.name, otp);
        draft.group = fields
            .group
            .map(clean_name)
            .filter(|group| !group.is_empty());
        Ok(draft)
    }

    /// `Issuer (name)`, or just the name when there is no issuer: how the
    /// account is named in messages.
    pub fn label(&self) -> String {
        label(&self.issuer, &self.name)
    }
}

/// An account's fields before they are checked ([`AccountDraft::from_fields`]).
#[derive(Debug)]
pub struct Fields<'a> {
    pub issuer: &'a str,
    pub name: &'a str,
    /// `totp`, `hotp` or `steam`, any case.
    pub kind: &'a str,
    /// `SHA1`, `sha256`, `SHA-512`…
    pub algorithm: Option<&'a str>,
    pub digits: Option<u8>,
    pub period: Option<u32>,
    pub counter: Option<u64>,
    /// The key as decoded by the source (base32 text or raw bytes).
    pub secret: Result<Secret, SecretError>,
    pub group: Option<&'a str>,
}

/// Why loose fields are not an account.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DraftError {
    #[error("Twofold has no {0} codes (it has totp, hotp and steam)")]
    UnknownKind(String),
    #[error(transparent)]
    Secret(#[from] SecretError),
    #[error(transparent)]
    Param(#[from] ParamError),
}

/// A name, issuer or group as Twofold keeps it: trimmed, without control
/// characters (C0, DEL, C1: an escape sequence in a label would reach the
/// terminal of `twofold list`) and without bidirectional overrides or marks
/// (which can make "evil.com" display as "moc.live"). Line breaks and tabs
/// become spaces. Every name from a QR code, a file or the user goes through
/// here before it is stored.
pub fn clean_name(text: &str) -> String {
    let spaced: String = text
        .chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' => Some(' '),
            c if c.is_control() || is_bidi_control(c) => None,
            c => Some(c),
        })
        .collect();
    spaced.trim().to_owned()
}

/// The name without a repeat of the issuer before it: Google Authenticator's
/// transfer codes and old andOTP files name accounts "GitHub:alice" beside
/// the issuer "GitHub", which would show as "GitHub (GitHub:alice)".
pub fn without_issuer<'a>(issuer: &str, name: &'a str) -> &'a str {
    let Some(rest) = name.get(issuer.len()..) else {
        return name;
    };
    let repeats = !issuer.is_empty() && name[..issuer.len()].eq_ignore_ascii_case(issuer);
    match rest.strip_prefix(':').map(str::trim_start) {
        Some(stripped) if repeats && !stripped.is_empty() => stripped,
        _ => name,
    }
}

/// Unicode's bidirectional formatting characters (UAX #9): embeddings,
/// overrides, isolates and the directional marks.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// How an account is named in messages: `Issuer (name)`, or whichever of the
/// two there is.
pub(crate) fn label(issuer: &str, name: &str) -> String {
    match (issuer.is_empty(), name.is_empty()) {
        (true, _) => name.to_owned(),
        (false, true) => issuer.to_owned(),
        (false, false) => format!("{issuer} ({name})"),
    }
}

#[cfg(test)]
mod tests {
    use super::{clean_name, without_issuer};

    #[test]
    fn an_issuer_repeated_before_the_name_goes() {
        assert_eq!(without_issuer("Sha", "Sha:512"), "512");
        assert_eq!(without_issuer("GitHub", "github: alice"), "alice");
        assert_eq!(
            without_issuer("GitHub", "GitHub:"),
            "GitHub:",
            "never an empty name"
        );
        assert_eq!(without_issuer("GitHub", "GitHubber:x"), "GitHubber:x");
        assert_eq!(without_issuer("Bank", "alice:Bank"), "alice:Bank");
        assert_eq!(without_issuer("", ":x"), ":x");
        assert_eq!(without_issuer("Ü", "Üx"), "Üx");
        assert_eq!(
            without_issuer("ab", "aé:x"),
            "aé:x",
            "the issuer's length falls inside a character of the name"
        );
    }

    #[test]
    fn names_lose_controls_and_bidi_overrides() {
        assert_eq!(
            clean_name("  GitHub\u{1b}]52;c;ZXZpbA==\u{7}  "),
            "GitHub]52;c;ZXZpbA=="
        );
        assert_eq!(clean_name("a\u{9b}b\u{7f}c\u{0}"), "abc");
        assert_eq!(clean_name("\u{202E}moc.live\u{202C}"), "moc.live");
        assert_eq!(clean_name("x\u{2066}y\u{2069}\u{200F}z\u{061C}"), "xyz");
        assert_eq!(clean_name("two\nlines\there"), "two lines here");
        assert_eq!(clean_name("Ünïcödé 名前 🙂"), "Ünïcödé 名前 🙂");
    }
}
