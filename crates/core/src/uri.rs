//! `otpauth://` URIs (the Google Authenticator key-URI format), parsed the way
//! real sites write them and formatted so that other apps read them back.
//!
//! Quirks handled when parsing:
//! - the issuer given only as a label prefix (`Issuer:name`), or only as the
//!   `issuer=` parameter, or neither; when both are given and differ, the
//!   parameter wins;
//! - the label separator written as `:` or `%3A`, with spaces around it;
//! - percent-encoding everywhere, and `+` for a space (form encoding), except in
//!   names holding an `@`, where a `+` is part of an e-mail address;
//! - parameter names in any case, unknown parameters ignored;
//! - Steam as `otpauth://steam/…` or as `encoder=steam`.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use thiserror::Error;

use crate::draft::AccountDraft;
use crate::otp::{Algorithm, DEFAULT_PERIOD, Otp, OtpKind, ParamError, Secret, SecretError};

const SCHEME: &str = "otpauth://";

/// Characters escaped in labels and parameter values: all but RFC 3986's
/// unreserved ones, and `@`, which every app leaves as it is.
const ESCAPED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'@');

/// What is wrong with an `otpauth://` URI.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum UriError {
    #[error("not an otpauth URI (it is a web link)")]
    WebLink,
    #[error(
        "this is a Google Authenticator transfer code (otpauth-migration://), which holds accounts rather than being one"
    )]
    TransferPayload,
    #[error("not an otpauth URI (it should start with otpauth://)")]
    NotOtpauth,
    #[error("unsupported OTP type \"{0}\" (expected totp, hotp or steam)")]
    UnsupportedType(String),
    #[error("missing secret")]
    MissingSecret,
    #[error("invalid secret: {0}")]
    Secret(#[from] SecretError),
    #[error(transparent)]
    Param(#[from] ParamError),
    #[error("{parameter} must be a whole number (got \"{value}\")")]
    NotANumber {
        parameter: &'static str,
        value: String,
    },
}

/// Parses one `otpauth://` URI into an account.
pub fn parse(text: &str) -> Result<AccountDraft, UriError> {
    let text = text.trim();
    let rest = strip_prefix_ignore_case(text, SCHEME).ok_or_else(|| classify_other(text))?;
    let (kind_name, rest) = rest.split_once('/').unwrap_or((rest, ""));
    let (label, query) = rest.split_once('?').unwrap_or((rest, ""));
    let params = Params::parse(query);

    let secret_text = params.get("secret").ok_or(UriError::MissingSecret)?;
    if secret_text.trim().is_empty() {
        return Err(UriError::MissingSecret);
    }
    let secret = Secret::from_base32(&secret_text)?;

    let steam_encoder = params
        .get("encoder")
        .is_some_and(|encoder| encoder.eq_ignore_ascii_case("steam"));
    let kind = match kind_name.to_ascii_lowercase().as_str() {
        "steam" => OtpKind::Steam,
        "totp" if steam_encoder => OtpKind::Steam,
        "totp" => OtpKind::Totp {
            period: number(&params, "period")?.unwrap_or(DEFAULT_PERIOD),
        },
        "hotp" => OtpKind::Hotp {
            counter: number(&params, "counter")?.unwrap_or(0),
        },
        other => return Err(UriError::UnsupportedType(decode(other, false))),
    };
    let algorithm = match params.get("algorithm") {
        Some(name) if !name.is_empty() => name.parse()?,
        _ => Algorithm::default(),
    };
    let digits = match number::<u32>(&params, "digits")? {
        Some(digits) => u8::try_from(digits).map_err(|_| ParamError::Digits(digits))?,
        None => 6,
    };
    let otp = Otp::new(kind, algorithm, digits, secret)?;

    let issuer_param = params.get("issuer").map(|issuer| issuer.trim().to_owned());
    let (issuer, name) = split_label(label, issuer_param.as_deref());
    Ok(AccountDraft::new(issuer_param.unwrap_or(issuer), name, otp))
}

/// Formats an account as an `otpauth://` URI that [`parse`] and other
/// authenticators read back as the same account.
pub fn format(draft: &AccountDraft) -> String {
    let otp = &draft.otp;
    let issuer = escape(&draft.issuer);
    // An empty prefix keeps a ':' in an issuer-less name from reading as a separator.
    let label = if draft.issuer.is_empty() && !draft.name.contains(':') {
        escape(&draft.name)
    } else {
        format!("{issuer}:{}", escape(&draft.name))
    };
    let mut uri = format!(
        "{SCHEME}{}/{label}?secret={}",
        otp.kind().name(),
        otp.secret().to_base32()
    );
    if !draft.issuer.is_empty() {
        uri.push_str(&format!("&issuer={issuer}"));
    }
    match otp.kind() {
        OtpKind::Steam => {}
        kind => {
            uri.push_str(&format!(
                "&algorithm={}&digits={}",
                otp.algorithm(),
                otp.digits()
            ));
            match kind {
                OtpKind::Totp { period } => uri.push_str(&format!("&period={period}")),
                OtpKind::Hotp { counter } => uri.push_str(&format!("&counter={counter}")),
                OtpKind::Steam => {}
            }
        }
    }
    uri
}

/// Says what a text that is not an `otpauth://` URI is instead.
fn classify_other(text: &str) -> UriError {
    let lower = text.get(..24).unwrap_or(text).to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        UriError::WebLink
    } else if lower.starts_with("otpauth-migration://") {
        UriError::TransferPayload
    } else {
        UriError::NotOtpauth
    }
}

/// Splits a raw (still escaped) label into issuer prefix and name. The
/// separator is the first `:` or `%3A`, or, when the `issuer=` parameter itself
/// holds a colon, the one that follows it.
fn split_label(raw: &str, issuer_param: Option<&str>) -> (String, String) {
    let mut separators: Vec<(usize, usize)> =
        raw.match_indices(':').map(|(at, _)| (at, 1)).collect();
    separators.extend(
        raw.to_ascii_uppercase()
            .match_indices("%3A")
            .map(|(at, _)| (at, 3)),
    );
    separators.sort_unstable();
    let prefix_of = |&&(at, _): &&(usize, usize)| decode_label_part(&raw[..at]);
    let chosen = issuer_param
        .filter(|issuer| !issuer.is_empty())
        .and_then(|issuer| {
            separators
                .iter()
                .find(|separator| prefix_of(separator) == issuer)
        })
        .or(separators.first());
    match chosen {
        Some(&(at, len)) => (
            decode_label_part(&raw[..at]),
            decode_label_part(&raw[at + len..]),
        ),
        None => (String::new(), decode_label_part(raw)),
    }
}

/// Decodes one side of a label. A `+` means a space, except in an e-mail
/// address, where it is part of the address.
fn decode_label_part(raw: &str) -> String {
    let email = raw.contains('@') || raw.to_ascii_uppercase().contains("%40");
    decode(raw, !email).trim().to_owned()
}

/// The query parameters, names lower-cased, values decoded; the first of a
/// repeated name wins.
struct Params(Vec<(String, String)>);

impl Params {
    fn parse(query: &str) -> Self {
        let query = query.split('#').next().unwrap_or_default();
        Params(
            query
                .split('&')
                .filter(|pair| !pair.is_empty())
                .map(|pair| {
                    let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
                    (decode(name, true).to_ascii_lowercase(), decode(value, true))
                })
                .collect(),
        )
    }

    /// A parameter's value; a literal `null` for a code parameter (Ente Auth
    /// writes `algorithm=null&digits=null&period=null`) counts as not given.
    fn get(&self, name: &str) -> Option<String> {
        const NULLABLE: [&str; 4] = ["algorithm", "digits", "period", "counter"];
        self.0
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.clone())
            .filter(|value| !(NULLABLE.contains(&name) && value.eq_ignore_ascii_case("null")))
    }
}

fn number<T: std::str::FromStr>(
    params: &Params,
    parameter: &'static str,
) -> Result<Option<T>, UriError> {
    params
        .get(parameter)
        .filter(|value| !value.trim().is_empty())
        .map(|value| {
            value
                .trim()
                .parse()
                .map_err(|_| UriError::NotANumber { parameter, value })
        })
        .transpose()
}

/// Percent-decodes, optionally reading `+` as a space; invalid UTF-8 becomes U+FFFD
/// rather than an error, so an odd byte never stops an account from being added.
fn decode(text: &str, plus_is_space: bool) -> String {
    let text = if plus_is_space {
        std::borrow::Cow::Owned(text.replace('+', " "))
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    percent_decode_str(&text).decode_utf8_lossy().into_owned()
}

fn escape(text: &str) -> String {
    utf8_percent_encode(text, ESCAPED).to_string()
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(uri: &str) -> AccountDraft {
        parse(uri).unwrap_or_else(|error| panic!("{uri}: {error}"))
    }

    fn err(uri: &str) -> String {
        parse(uri).unwrap_err().to_string()
    }

    #[test]
    fn full_totp_uri() {
        let draft = ok(
            "otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA256&digits=7&period=60",
        );
        assert_eq!(draft.issuer, "ACME Co");
        assert_eq!(draft.name, "john.doe@email.com");
        assert_eq!(draft.otp.kind(), OtpKind::Totp { period: 60 });
        assert_eq!(draft.otp.algorithm(), Algorithm::Sha256);
        assert_eq!(draft.otp.digits(), 7);
    }

    #[test]
    fn issuer_sources() {
        let only_prefix = ok("otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP");
        assert_eq!(
            (only_prefix.issuer.as_str(), only_prefix.name.as_str()),
            ("GitHub", "alice")
        );
        let differ = ok("otpauth://totp/Old%20Name:alice?secret=JBSWY3DPEHPK3PXP&issuer=New");
        assert_eq!(
            (differ.issuer.as_str(), differ.name.as_str()),
            ("New", "alice")
        );
        let none = ok("otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP");
        assert_eq!((none.issuer.as_str(), none.name.as_str()), ("", "alice"));
        let encoded_colon = ok("otpauth://totp/Example%3A%20bob?secret=JBSWY3DPEHPK3PXP");
        assert_eq!(
            (encoded_colon.issuer.as_str(), encoded_colon.name.as_str()),
            ("Example", "bob")
        );
        let colon_in_issuer = ok("otpauth://totp/a%3Ab:carol?secret=JBSWY3DPEHPK3PXP&issuer=a%3Ab");
        assert_eq!(
            (
                colon_in_issuer.issuer.as_str(),
                colon_in_issuer.name.as_str()
            ),
            ("a:b", "carol")
        );
    }

    #[test]
    fn plus_in_labels() {
        let spaced = ok("otpauth://totp/My+Bank:John+Smith?secret=JBSWY3DPEHPK3PXP&issuer=My+Bank");
        assert_eq!(
            (spaced.issuer.as_str(), spaced.name.as_str()),
            ("My Bank", "John Smith")
        );
        let email = ok("otpauth://totp/Shop:me+shop@example.com?secret=JBSWY3DPEHPK3PXP");
        assert_eq!(email.name, "me+shop@example.com");
    }

    #[test]
    fn parameter_names_in_any_case_and_unknown_ones_ignored() {
        let draft = ok(
            "OTPAUTH://TOTP/x?SECRET=jbswy3dpehpk3pxp&Digits=8&ALGORITHM=sha512&image=https%3A%2F%2Fx&Period=45",
        );
        assert_eq!(draft.otp.digits(), 8);
        assert_eq!(draft.otp.algorithm(), Algorithm::Sha512);
        assert_eq!(draft.otp.kind(), OtpKind::Totp { period: 45 });
    }

    #[test]
    fn a_literal_null_parameter_takes_the_default() {
        let draft = ok(
            "otpauth://totp/Ente:me?secret=JBSWY3DPEHPK3PXP&algorithm=null&digits=null&period=NULL",
        );
        assert_eq!(draft.otp.kind(), OtpKind::Totp { period: 30 });
        assert_eq!(
            (draft.otp.algorithm(), draft.otp.digits()),
            (Algorithm::Sha1, 6)
        );
        let hotp = ok("otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=null");
        assert_eq!(hotp.otp.kind(), OtpKind::Hotp { counter: 0 });
    }

    #[test]
    fn hotp_and_steam() {
        let hotp = ok("otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=18446744073709551615");
        assert_eq!(hotp.otp.kind(), OtpKind::Hotp { counter: u64::MAX });
        let steam = ok("otpauth://steam/Steam:gaben?secret=JBSWY3DPEHPK3PXP");
        assert_eq!(steam.otp.kind(), OtpKind::Steam);
        let encoder =
            ok("otpauth://totp/Steam:gaben?secret=JBSWY3DPEHPK3PXP&encoder=steam&digits=5");
        assert_eq!(encoder.otp.kind(), OtpKind::Steam);
    }

    #[test]
    fn errors_say_what_is_wrong() {
        assert_eq!(err("otpauth://totp/x?issuer=a"), "missing secret");
        assert_eq!(err("otpauth://totp/x?secret="), "missing secret");
        assert_eq!(
            err("otpauth://totp/x?secret=JBSWY3DP&digits=9"),
            "digits must be 6 to 8 (got 9)"
        );
        assert_eq!(
            err("otpauth://totp/x?secret=JBSWY3DP&digits=600"),
            "digits must be 6 to 8 (got 600)"
        );
        assert!(
            err("otpauth://totp/x?secret=JBSWY3DP&algorithm=MD5")
                .starts_with("unsupported algorithm MD5")
        );
        assert_eq!(
            err("https://example.com/2fa"),
            "not an otpauth URI (it is a web link)"
        );
        assert!(err("otpauth://yotp/x?secret=JBSWY3DP").contains("unsupported OTP type \"yotp\""));
        assert!(err("otpauth://totp/x?secret=JB1SWY3DP").contains("'1' at position 3"));
        assert!(
            err("otpauth://totp/x?secret=JBSWY3DP&period=0")
                .starts_with("period must be 1 to 86400")
        );
        assert!(
            err("otpauth://hotp/x?secret=JBSWY3DP&counter=-1")
                .contains("counter must be a whole number")
        );
        assert!(err("otpauth-migration://offline?data=abc").contains("transfer code"));
        assert!(err("hello").starts_with("not an otpauth URI"));
    }

    #[test]
    fn format_writes_every_parameter() {
        let draft = ok(
            "otpauth://hotp/Air%20Canada:Benjamin?secret=KUVJJOM753IHTNDSZVCNKL7GII&algorithm=SHA256&digits=7&counter=50&issuer=Air%20Canada",
        );
        assert_eq!(
            format(&draft),
            "otpauth://hotp/Air%20Canada:Benjamin?secret=KUVJJOM753IHTNDSZVCNKL7GII&issuer=Air%20Canada&algorithm=SHA256&digits=7&counter=50"
        );
        let colon = AccountDraft::new("", "a:b", draft.otp.clone());
        assert_eq!(parse(&format(&colon)).unwrap(), colon);
    }
}
