//! Google Authenticator transfer payloads: `otpauth-migration://offline?data=…`,
//! a base64 protobuf `MigrationPayload` holding a batch of accounts.
//!
//! The payload has no period (TOTP is always 30 s) and knows only 6 or 8 digits,
//! so accounts outside that cannot travel this way; [`can_transfer`] says which.

use base64::Engine as _;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use percent_encoding::{NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use prost::Message;
use thiserror::Error;

use crate::draft::AccountDraft;
use crate::otp::{Algorithm, DEFAULT_PERIOD, Otp, OtpKind, Secret};

const SCHEME: &str = "otpauth-migration://";

/// The longest URI put in one transfer QR code. About 10 typical accounts; it
/// gives a version 15–17 code at medium error correction, which phone cameras
/// read at arm's length from a laptop screen.
pub const MAX_URI_LEN: usize = 700;
/// Google Authenticator itself puts at most 10 accounts in one code.
const MAX_ACCOUNTS_PER_BATCH: usize = 10;

/// What is wrong with a transfer payload.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MigrationError {
    #[error("no Google Authenticator transfer code (otpauth-migration://) found")]
    NotMigration,
    #[error("the transfer code has no data")]
    MissingData,
    #[error("the transfer code's data is damaged: {0}")]
    Damaged(String),
    #[error("the transfer code holds no accounts")]
    Empty,
    #[error("account {index} of the transfer code is unusable: {reason}")]
    BadAccount { index: usize, reason: String },
    #[error("{account} cannot be moved to Google Authenticator: {reason}")]
    CannotTransfer {
        account: String,
        reason: &'static str,
    },
}

/// One decoded transfer code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Batch {
    pub accounts: Vec<AccountDraft>,
    /// Which code of the set this is, counted from 0, and how many there are.
    pub index: u32,
    pub size: u32,
    /// The same for every code of one export.
    pub id: i32,
}

/// Decodes one `otpauth-migration://offline?data=…` URI. Junk before the scheme
/// (a `QR-Code:` prefix from some scanners) is skipped.
pub fn decode(text: &str) -> Result<Batch, MigrationError> {
    let start = find_scheme(text).ok_or(MigrationError::NotMigration)?;
    let uri = text[start..].trim();
    let query = uri.split_once('?').map(|(_, query)| query).unwrap_or("");
    let data = query
        .split('&')
        .find_map(|pair| {
            let (name, value) = pair.split_once('=')?;
            name.eq_ignore_ascii_case("data").then_some(value)
        })
        .filter(|data| !data.is_empty())
        .ok_or(MigrationError::MissingData)?;
    // Percent-decode only: a raw '+' is base64, not a form-encoded space. A space
    // can only be a '+' that some other tool form-decoded on the way.
    let data = percent_decode_str(data)
        .decode_utf8()
        .map_err(|_| MigrationError::Damaged("not text".into()))?
        .replace([' ', '-'], "+")
        .replace('_', "/");
    let bytes = BASE64
        .decode(data.trim_end_matches('='))
        .map_err(|error| MigrationError::Damaged(error.to_string()))?;
    let payload = proto::MigrationPayload::decode(bytes.as_slice())
        .map_err(|error| MigrationError::Damaged(error.to_string()))?;
    if payload.otp_parameters.is_empty() {
        return Err(MigrationError::Empty);
    }
    let accounts = payload
        .otp_parameters
        .into_iter()
        .enumerate()
        .map(|(index, parameters)| {
            to_draft(parameters).map_err(|reason| MigrationError::BadAccount {
                index: index + 1,
                reason,
            })
        })
        .collect::<Result<_, _>>()?;
    Ok(Batch {
        accounts,
        index: u32::try_from(payload.batch_index).unwrap_or(0),
        size: u32::try_from(payload.batch_size).unwrap_or(1).max(1),
        id: payload.batch_id,
    })
}

/// Why an account cannot travel in a transfer payload, `None` when it can.
pub fn can_transfer(otp: &Otp) -> Option<&'static str> {
    match otp.kind() {
        OtpKind::Steam => Some("Google Authenticator has no Steam codes"),
        OtpKind::Totp { period } if period != DEFAULT_PERIOD => {
            Some("Google Authenticator only has 30-second codes")
        }
        _ if otp.digits() == 7 => Some("Google Authenticator only has 6- or 8-digit codes"),
        _ => None,
    }
}

/// Encodes accounts as transfer URIs, as many as needed so that each one fits
/// [`MAX_URI_LEN`]. All share one random batch id.
pub fn encode(accounts: &[AccountDraft]) -> Result<Vec<String>, MigrationError> {
    let parameters = accounts
        .iter()
        .map(|draft| match can_transfer(&draft.otp) {
            Some(reason) => Err(MigrationError::CannotTransfer {
                account: draft.label(),
                reason,
            }),
            None => Ok(from_draft(draft)),
        })
        .collect::<Result<Vec<_>, _>>()?;
    if parameters.is_empty() {
        return Err(MigrationError::Empty);
    }
    let mut batches = Vec::new();
    let mut current = Vec::new();
    for parameter in parameters {
        current.push(parameter);
        let full =
            current.len() > MAX_ACCOUNTS_PER_BATCH || uri_of(&current, 0, 0, 0).len() > MAX_URI_LEN;
        if full && current.len() > 1 {
            let overflow = current.split_off(current.len() - 1);
            batches.push(std::mem::replace(&mut current, overflow));
        }
    }
    batches.push(current);
    let id = random_batch_id();
    let size = batches.len() as i32;
    Ok(batches
        .into_iter()
        .enumerate()
        .map(|(index, batch)| uri_of(&batch, size, index as i32, id))
        .collect())
}

fn uri_of(batch: &[proto::OtpParameters], size: i32, index: i32, id: i32) -> String {
    let payload = proto::MigrationPayload {
        otp_parameters: batch.to_vec(),
        version: 1,
        batch_size: size,
        batch_index: index,
        batch_id: id,
    };
    let data = base64::engine::general_purpose::STANDARD.encode(payload.encode_to_vec());
    format!(
        "{SCHEME}offline?data={}",
        utf8_percent_encode(&data, NON_ALPHANUMERIC)
    )
}

fn to_draft(parameters: proto::OtpParameters) -> Result<AccountDraft, String> {
    use proto::{DigitCount, OtpType};
    let algorithm = match parameters.algorithm() {
        proto::Algorithm::Unspecified | proto::Algorithm::Sha1 => Algorithm::Sha1,
        proto::Algorithm::Sha256 => Algorithm::Sha256,
        proto::Algorithm::Sha512 => Algorithm::Sha512,
        proto::Algorithm::Md5 => return Err("unsupported algorithm MD5".into()),
    };
    let digits = match parameters.digits() {
        DigitCount::Unspecified | DigitCount::Six => 6,
        DigitCount::Eight => 8,
    };
    let kind = match parameters.r#type() {
        OtpType::Hotp => OtpKind::Hotp {
            counter: parameters.counter,
        },
        OtpType::Unspecified | OtpType::Totp => OtpKind::Totp {
            period: DEFAULT_PERIOD,
        },
    };
    let secret = Secret::from_bytes(parameters.secret.to_vec()).map_err(|e| e.to_string())?;
    let otp = Otp::new(kind, algorithm, digits, secret).map_err(|e| e.to_string())?;
    Ok(AccountDraft::new(
        parameters.issuer.trim(),
        parameters.name.trim(),
        otp,
    ))
}

fn from_draft(draft: &AccountDraft) -> proto::OtpParameters {
    use proto::{DigitCount, OtpType};
    let otp = &draft.otp;
    let (kind, counter) = match otp.kind() {
        OtpKind::Hotp { counter } => (OtpType::Hotp, counter),
        OtpKind::Totp { .. } | OtpKind::Steam => (OtpType::Totp, 0),
    };
    let algorithm = match otp.algorithm() {
        Algorithm::Sha1 => proto::Algorithm::Sha1,
        Algorithm::Sha256 => proto::Algorithm::Sha256,
        Algorithm::Sha512 => proto::Algorithm::Sha512,
    };
    let digits = match otp.digits() {
        8 => DigitCount::Eight,
        _ => DigitCount::Six,
    };
    proto::OtpParameters {
        secret: otp.secret().as_bytes().to_vec(),
        name: draft.name.clone(),
        issuer: draft.issuer.clone(),
        algorithm: algorithm as i32,
        digits: digits as i32,
        r#type: kind as i32,
        counter,
    }
}

fn find_scheme(text: &str) -> Option<usize> {
    text.as_bytes()
        .windows(SCHEME.len())
        .position(|window| window.eq_ignore_ascii_case(SCHEME.as_bytes()))
}

/// Standard alphabet, padding optional: exports are seen with and without it.
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::RequireNone)
        .with_decode_allow_trailing_bits(true),
);

/// A batch id only has to differ between exports.
fn random_batch_id() -> i32 {
    i32::from_le_bytes(crate::random::unique_bytes()) & i32::MAX
}

/// The protobuf schema of Google Authenticator's export, as published by the
/// projects that read it (field numbers are what matters).
mod proto {
    #[derive(Clone, PartialEq, prost::Message)]
    pub struct MigrationPayload {
        #[prost(message, repeated, tag = "1")]
        pub otp_parameters: Vec<OtpParameters>,
        #[prost(int32, tag = "2")]
        pub version: i32,
        #[prost(int32, tag = "3")]
        pub batch_size: i32,
        #[prost(int32, tag = "4")]
        pub batch_index: i32,
        #[prost(int32, tag = "5")]
        pub batch_id: i32,
    }

    #[derive(Clone, PartialEq, prost::Message)]
    pub struct OtpParameters {
        #[prost(bytes = "vec", tag = "1")]
        pub secret: Vec<u8>,
        #[prost(string, tag = "2")]
        pub name: String,
        #[prost(string, tag = "3")]
        pub issuer: String,
        #[prost(enumeration = "Algorithm", tag = "4")]
        pub algorithm: i32,
        #[prost(enumeration = "DigitCount", tag = "5")]
        pub digits: i32,
        #[prost(enumeration = "OtpType", tag = "6")]
        pub r#type: i32,
        #[prost(uint64, tag = "7")]
        pub counter: u64,
    }

    #[derive(Clone, Copy, Debug, PartialEq, Eq, prost::Enumeration)]
    #[repr(i32)]
    pub enum Algorithm {
        Unspecified = 0,
        Sha1 = 1,
        Sha256 = 2,
        Sha512 = 3,
        Md5 = 4,
    }

    #[derive(Clone, Copy, Debug, PartialEq, Eq, prost::Enumeration)]
    #[repr(i32)]
    pub enum DigitCount {
        Unspecified = 0,
        Six = 1,
        Eight = 2,
    }

    #[derive(Clone, Copy, Debug, PartialEq, Eq, prost::Enumeration)]
    #[repr(i32)]
    pub enum OtpType {
        Unspecified = 0,
        Hotp = 1,
        Totp = 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(
        issuer: &str,
        name: &str,
        kind: OtpKind,
        algorithm: Algorithm,
        digits: u8,
    ) -> AccountDraft {
        let secret =
            Secret::from_bytes((0..20).map(|i| i * 7 + name.len() as u8).collect()).unwrap();
        AccountDraft::new(
            issuer,
            name,
            Otp::new(kind, algorithm, digits, secret).unwrap(),
        )
    }

    #[test]
    fn encode_then_decode_round_trips_in_batches() {
        let accounts: Vec<_> = (0..37)
            .map(|i| {
                let kind = if i % 3 == 0 {
                    OtpKind::Hotp {
                        counter: u64::MAX - i,
                    }
                } else {
                    OtpKind::Totp { period: 30 }
                };
                let algorithm = Algorithm::ALL[i as usize % 3];
                draft(
                    &format!("Issuer {i}"),
                    &format!("user{i}@example.com"),
                    kind,
                    algorithm,
                    if i % 2 == 0 { 6 } else { 8 },
                )
            })
            .collect();
        let uris = encode(&accounts).unwrap();
        assert!(uris.len() >= 4, "{} batches", uris.len());
        let mut decoded = Vec::new();
        let mut ids = std::collections::BTreeSet::new();
        for (index, uri) in uris.iter().enumerate() {
            assert!(uri.len() <= MAX_URI_LEN, "{}", uri.len());
            let batch = decode(uri).unwrap();
            assert_eq!((batch.index, batch.size), (index as u32, uris.len() as u32));
            ids.insert(batch.id);
            decoded.extend(batch.accounts);
        }
        assert_eq!(ids.len(), 1);
        assert_eq!(decoded, accounts);
    }

    #[test]
    fn refuses_what_google_authenticator_cannot_hold() {
        let steam = draft("Steam", "gaben", OtpKind::Steam, Algorithm::Sha1, 5);
        let error = encode(&[steam]).unwrap_err().to_string();
        assert!(error.contains("Steam (gaben) cannot be moved"), "{error}");
        let seven = draft("A", "b", OtpKind::Totp { period: 30 }, Algorithm::Sha1, 7);
        assert!(encode(&[seven]).is_err());
        let sixty = draft("A", "b", OtpKind::Totp { period: 60 }, Algorithm::Sha1, 6);
        assert!(encode(&[sixty]).is_err());
        assert_eq!(encode(&[]), Err(MigrationError::Empty));
    }

    #[test]
    fn plus_stays_plus_and_form_decoded_spaces_are_repaired() {
        let account = draft("A+B", "c", OtpKind::Totp { period: 30 }, Algorithm::Sha1, 6);
        let uri = encode(std::slice::from_ref(&account)).unwrap().remove(0);
        let raw = percent_decode_str(&uri).decode_utf8().unwrap().into_owned();
        assert_eq!(decode(&raw).unwrap().accounts, vec![account.clone()]);
        assert_eq!(
            decode(&raw.replace('+', " ")).unwrap().accounts,
            vec![account]
        );
    }

    #[test]
    fn damaged_payloads_are_errors() {
        assert_eq!(decode("lorem ipsum"), Err(MigrationError::NotMigration));
        assert_eq!(
            decode("otpauth-migration://offline?x=1"),
            Err(MigrationError::MissingData)
        );
        assert!(matches!(
            decode("otpauth-migration://offline?data=XXXX"),
            Err(MigrationError::Damaged(_))
        ));
        assert!(matches!(
            decode("otpauth-migration://offline?data=%%%"),
            Err(MigrationError::Damaged(_))
        ));
    }
}
