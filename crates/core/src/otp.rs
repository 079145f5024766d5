//! One-time-password parameters and code generation: TOTP (RFC 6238), HOTP
//! (RFC 4226) and Steam Guard.
//!
//! The HMAC arithmetic is `totp-rs`'s. Its checked constructors refuse what real
//! sites hand out (80-bit keys, lower-case or spaced base32), so keys are decoded
//! here ([`Secret::from_base32`]) and handed to its non-compliant builder. It has no
//! HOTP: a TOTP with a 1 s step evaluated at `time = counter` is exactly RFC 4226,
//! and because its time is a `u64` the whole 64-bit counter range holds.

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;
use zeroize::Zeroizing;

/// Longest period accepted: one day.
pub const MAX_PERIOD: u32 = 86_400;
/// The period of Steam Guard codes, and the default TOTP period.
pub const DEFAULT_PERIOD: u32 = 30;
/// Steam Guard codes are five characters from this alphabet.
const STEAM_DIGITS: u8 = 5;

/// What is wrong with a setup key.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SecretError {
    #[error("the setup key is empty")]
    Empty,
    #[error(
        "the setup key has an invalid character '{character}' at position {position} (a key uses the letters A–Z and digits 2–7)"
    )]
    InvalidCharacter { character: char, position: usize },
    #[error("the setup key has '=' padding in the middle (position {position})")]
    MisplacedPadding { position: usize },
    #[error("the key is not hexadecimal (an even number of digits 0–9, a–f)")]
    NotHex,
    #[error(
        "the setup key has {length} letters, which is not a whole number of bytes: a character is probably missing or extra"
    )]
    InvalidLength { length: usize },
}

/// What is wrong with the code parameters of an account.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ParamError {
    #[error("digits must be 6 to 8 (got {0})")]
    Digits(u32),
    #[error("period must be 1 to {MAX_PERIOD} seconds (got {0})")]
    Period(u64),
    #[error("unsupported algorithm {0} (Twofold supports SHA1, SHA256 and SHA512)")]
    Algorithm(String),
}

/// The shared secret of an account. Its bytes are wiped from memory when dropped,
/// and its `Debug` output never shows them.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Zeroizing<Vec<u8>>);

impl Secret {
    /// Wraps raw key bytes.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Self, SecretError> {
        if bytes.is_empty() {
            return Err(SecretError::Empty);
        }
        Ok(Self(Zeroizing::new(bytes)))
    }

    /// Decodes a base32 setup key as people paste it: upper or lower case, with
    /// spaces or dashes between groups, with or without `=` padding, of any
    /// length (real sites hand out 80-bit keys, below RFC 4226's 128).
    pub fn from_base32(text: &str) -> Result<Self, SecretError> {
        let mut bits: u64 = 0;
        let mut bit_count = 0u32;
        let mut letters = 0usize;
        let mut bytes = Zeroizing::new(Vec::with_capacity(text.len() * 5 / 8 + 1));
        let mut padding_at = None;
        for (index, character) in text.chars().enumerate() {
            let position = index + 1;
            if character.is_whitespace() || character == '-' {
                continue;
            }
            if character == '=' {
                padding_at.get_or_insert(position);
                continue;
            }
            if let Some(position) = padding_at {
                return Err(SecretError::MisplacedPadding { position });
            }
            let value = match character.to_ascii_uppercase() {
                upper @ 'A'..='Z' => upper as u64 - 'A' as u64,
                digit @ '2'..='7' => digit as u64 - '2' as u64 + 26,
                _ => {
                    return Err(SecretError::InvalidCharacter {
                        character,
                        position,
                    });
                }
            };
            letters += 1;
            bits = (bits << 5) | value;
            bit_count += 5;
            if bit_count >= 8 {
                bit_count -= 8;
                bytes.push((bits >> bit_count) as u8);
                bits &= (1 << bit_count) - 1;
            }
        }
        // 1, 3 and 6 leftover letters cannot come from any whole number of bytes.
        if matches!(letters % 8, 1 | 3 | 6) {
            return Err(SecretError::InvalidLength { length: letters });
        }
        if bytes.is_empty() {
            return Err(SecretError::Empty);
        }
        let bytes = std::mem::take(&mut *bytes);
        Ok(Self(Zeroizing::new(bytes)))
    }

    /// Decodes a key written as hexadecimal (some apps keep keys so).
    pub fn from_hex(text: &str) -> Result<Self, SecretError> {
        let text = text.trim();
        if !text.len().is_multiple_of(2) {
            return Err(SecretError::NotHex);
        }
        let bytes = (0..text.len())
            .step_by(2)
            .map(|at| {
                text.get(at..at + 2)
                    .and_then(|pair| u8::from_str_radix(pair, 16).ok())
            })
            .collect::<Option<Vec<u8>>>()
            .ok_or(SecretError::NotHex)?;
        Self::from_bytes(bytes)
    }

    /// The key as canonical base32: upper case, no padding, no spaces.
    pub fn to_base32(&self) -> String {
        const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        let mut out = String::with_capacity(self.0.len() * 8 / 5 + 1);
        let mut bits: u32 = 0;
        let mut bit_count = 0u32;
        for &byte in self.0.iter() {
            bits = (bits << 8) | u32::from(byte);
            bit_count += 8;
            while bit_count >= 5 {
                bit_count -= 5;
                out.push(ALPHABET[((bits >> bit_count) & 31) as usize] as char);
            }
            bits &= (1 << bit_count) - 1;
        }
        if bit_count > 0 {
            out.push(ALPHABET[((bits << (5 - bit_count)) & 31) as usize] as char);
        }
        out
    }

    /// The raw key bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret({} bytes)", self.0.len())
    }
}

/// The HMAC hash function of an account.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Algorithm {
    #[default]
    Sha1,
    Sha256,
    Sha512,
}

impl Algorithm {
    pub const ALL: [Algorithm; 3] = [Algorithm::Sha1, Algorithm::Sha256, Algorithm::Sha512];

    /// The name used in `otpauth://` URIs.
    pub fn as_str(self) -> &'static str {
        match self {
            Algorithm::Sha1 => "SHA1",
            Algorithm::Sha256 => "SHA256",
            Algorithm::Sha512 => "SHA512",
        }
    }

    fn to_totp_rs(self) -> totp_rs::Algorithm {
        match self {
            Algorithm::Sha1 => totp_rs::Algorithm::SHA1,
            Algorithm::Sha256 => totp_rs::Algorithm::SHA256,
            Algorithm::Sha512 => totp_rs::Algorithm::SHA512,
        }
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Algorithm {
    type Err = ParamError;

    /// Accepts `SHA1`, `sha256`, `SHA-512` and the like.
    fn from_str(text: &str) -> Result<Self, ParamError> {
        let compact: String = text.chars().filter(|c| *c != '-' && *c != '_').collect();
        Algorithm::ALL
            .into_iter()
            .find(|algorithm| algorithm.as_str().eq_ignore_ascii_case(&compact))
            .ok_or_else(|| ParamError::Algorithm(text.to_uppercase()))
    }
}

/// How the moving factor of an account is chosen.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum OtpKind {
    /// Time-based, a new code every `period` seconds.
    Totp { period: u32 },
    /// Counter-based: the code for `counter`, advanced by the user.
    Hotp { counter: u64 },
    /// Steam Guard: TOTP with SHA1 and a 30 s period, shown as 5 letters.
    Steam,
}

impl OtpKind {
    /// The short type name used in URIs and the CLI: `totp`, `hotp` or `steam`.
    pub fn name(self) -> &'static str {
        match self {
            OtpKind::Totp { .. } => "totp",
            OtpKind::Hotp { .. } => "hotp",
            OtpKind::Steam => "steam",
        }
    }

    /// The kind named `totp`, `hotp` or `steam` (any case), with the period or
    /// counter that applies to it.
    pub fn from_name(name: &str, period: u32, counter: u64) -> Option<Self> {
        match name.to_ascii_lowercase().as_str() {
            "totp" => Some(OtpKind::Totp { period }),
            "hotp" => Some(OtpKind::Hotp { counter }),
            "steam" => Some(OtpKind::Steam),
            _ => None,
        }
    }

    /// The counter of HOTP, `None` for time-based kinds.
    pub fn counter(self) -> Option<u64> {
        match self {
            OtpKind::Hotp { counter } => Some(counter),
            OtpKind::Totp { .. } | OtpKind::Steam => None,
        }
    }

    /// The period of a time-based kind, `None` for HOTP.
    pub fn period(self) -> Option<u32> {
        match self {
            OtpKind::Totp { period } => Some(period),
            OtpKind::Steam => Some(DEFAULT_PERIOD),
            OtpKind::Hotp { .. } => None,
        }
    }
}

/// Everything needed to compute an account's codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Otp {
    kind: OtpKind,
    algorithm: Algorithm,
    digits: u8,
    secret: Secret,
}

/// A code and the time window it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Code {
    /// The code as the user types it, e.g. `"054321"` or `"PV9M4"`.
    pub value: String,
    /// Unix time (s) the code becomes valid; `None` for HOTP.
    pub valid_from: Option<u64>,
    /// Unix time (s) the code stops being valid (first second of the next window);
    /// `None` for HOTP.
    pub valid_until: Option<u64>,
}

/// The code shown now and the one after it (sites that ask for two
/// consecutive codes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodePair {
    pub current: Code,
    pub next: Option<Code>,
}

impl Code {
    /// Seconds left until the next code at `now`, `None` for HOTP.
    pub fn seconds_left(&self, now: u64) -> Option<u64> {
        self.valid_until.map(|until| until.saturating_sub(now))
    }
}

/// Checks code parameters without a secret; returns the algorithm and digits
/// that apply (Steam's are fixed).
pub fn validate(
    kind: OtpKind,
    algorithm: Algorithm,
    digits: u8,
) -> Result<(Algorithm, u8), ParamError> {
    match kind {
        OtpKind::Steam => Ok((Algorithm::Sha1, STEAM_DIGITS)),
        OtpKind::Totp { period } if period == 0 || period > MAX_PERIOD => {
            Err(ParamError::Period(period.into()))
        }
        _ if !(6..=8).contains(&digits) => Err(ParamError::Digits(digits.into())),
        _ => Ok((algorithm, digits)),
    }
}

/// The current Unix time in seconds (0 if the clock is before 1970).
pub fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|elapsed| elapsed.as_secs())
        .unwrap_or_default()
}

impl Otp {
    /// Checks the parameters: 6 to 8 digits (Steam always has 5), a period of
    /// 1 s to one day.
    pub fn new(
        kind: OtpKind,
        algorithm: Algorithm,
        digits: u8,
        secret: Secret,
    ) -> Result<Self, ParamError> {
        let (algorithm, digits) = validate(kind, algorithm, digits)?;
        Ok(Self {
            kind,
            algorithm,
            digits,
            secret,
        })
    }

    pub fn kind(&self) -> OtpKind {
        self.kind
    }

    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    pub fn digits(&self) -> u8 {
        self.digits
    }

    pub fn secret(&self) -> &Secret {
        &self.secret
    }

    /// Replaces the HOTP counter; no effect on time-based kinds.
    pub fn set_counter(&mut self, counter: u64) {
        if let OtpKind::Hotp { counter: current } = &mut self.kind {
            *current = counter;
        }
    }

    /// The code shown at unix time `now`: for TOTP and Steam the code of the window
    /// holding `now`, for HOTP the code of the stored counter.
    pub fn code_at(&self, now: u64) -> Code {
        match self.kind {
            OtpKind::Hotp { counter } => Code {
                value: self.generate(counter, 1),
                valid_from: None,
                valid_until: None,
            },
            OtpKind::Totp { .. } | OtpKind::Steam => self.window_code(now),
        }
    }

    /// The code that follows the one shown at `now`: the next window's code for
    /// time-based kinds (sites that ask for two consecutive codes), the code of
    /// `counter + 1` for HOTP (`None` at the end of the counter range).
    pub fn next_code_at(&self, now: u64) -> Option<Code> {
        match self.kind {
            OtpKind::Hotp { counter } => Some(Code {
                value: self.generate(counter.checked_add(1)?, 1),
                valid_from: None,
                valid_until: None,
            }),
            OtpKind::Totp { .. } | OtpKind::Steam => {
                let current = self.window_code(now);
                Some(self.window_code(current.valid_until?))
            }
        }
    }

    /// [`Otp::code_at`] and [`Otp::next_code_at`] together.
    pub fn code_pair(&self, now: u64) -> CodePair {
        CodePair {
            current: self.code_at(now),
            next: self.next_code_at(now),
        }
    }

    fn window_code(&self, now: u64) -> Code {
        let period = u64::from(self.kind.period().unwrap_or(DEFAULT_PERIOD));
        let start = now - now % period;
        Code {
            value: self.generate(now, period),
            valid_from: Some(start),
            valid_until: start.checked_add(period),
        }
    }

    fn generate(&self, time: u64, step: u64) -> String {
        let algorithm = match self.kind {
            OtpKind::Steam => totp_rs::Algorithm::Steam,
            _ => self.algorithm.to_totp_rs(),
        };
        totp_rs::Builder::new()
            .with_algorithm(algorithm)
            .with_digits(self.digits)
            .with_step_duration(step)
            .with_secret(self.secret.as_bytes())
            .build_noncompliant()
            .generate(time)
            .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret(text: &str) -> Secret {
        Secret::from_base32(text).unwrap()
    }

    #[test]
    fn pasted_key_forms_decode_to_the_same_bytes() {
        let canonical = secret("JBSWY3DPEHPK3PXP");
        for form in [
            "jbswy3dpehpk3pxp",
            "JBSW Y3DP EHPK 3PXP",
            "jbsw-y3dp-ehpk-3pxp",
            "JBSWY3DPEHPK3PXP======",
            " jBsW y3Dp\tEHPK 3pxp \n",
        ] {
            assert_eq!(secret(form), canonical, "{form:?}");
        }
        assert_eq!(canonical.as_bytes(), b"Hello!\xde\xad\xbe\xef");
        assert_eq!(canonical.to_base32(), "JBSWY3DPEHPK3PXP");
    }

    #[test]
    fn bad_keys_name_the_character_and_position() {
        assert_eq!(
            Secret::from_base32("JBSW1Y3DP"),
            Err(SecretError::InvalidCharacter {
                character: '1',
                position: 5
            })
        );
        let message = Secret::from_base32("abc!").unwrap_err().to_string();
        assert!(message.contains("'!' at position 4"), "{message}");
        assert_eq!(Secret::from_base32(" - "), Err(SecretError::Empty));
        assert_eq!(
            Secret::from_base32("AB=CD"),
            Err(SecretError::MisplacedPadding { position: 3 })
        );
        assert_eq!(
            Secret::from_base32("ABC"),
            Err(SecretError::InvalidLength { length: 3 })
        );
    }

    #[test]
    fn debug_never_shows_the_key() {
        let shown = format!("{:?}", secret("JBSWY3DPEHPK3PXP"));
        assert!(!shown.contains("JBSW") && !shown.contains("72"), "{shown}");
    }

    #[test]
    fn parameters_are_checked() {
        let key = secret("JBSWY3DPEHPK3PXP");
        let totp = |period, digits| {
            Otp::new(
                OtpKind::Totp { period },
                Algorithm::Sha1,
                digits,
                key.clone(),
            )
        };
        assert_eq!(totp(30, 5), Err(ParamError::Digits(5)));
        assert_eq!(totp(30, 9), Err(ParamError::Digits(9)));
        assert_eq!(totp(0, 6), Err(ParamError::Period(0)));
        assert_eq!(totp(MAX_PERIOD + 1, 6), Err(ParamError::Period(86_401)));
        assert!(totp(1, 6).is_ok() && totp(MAX_PERIOD, 8).is_ok());
        let steam = Otp::new(OtpKind::Steam, Algorithm::Sha512, 8, key).unwrap();
        assert_eq!((steam.algorithm(), steam.digits()), (Algorithm::Sha1, 5));
    }

    #[test]
    fn kinds_by_name() {
        assert_eq!(
            OtpKind::from_name("HOTP", 30, 7),
            Some(OtpKind::Hotp { counter: 7 })
        );
        assert_eq!(
            OtpKind::from_name("totp", 60, 7),
            Some(OtpKind::Totp { period: 60 })
        );
        assert_eq!(OtpKind::from_name("steam", 60, 7), Some(OtpKind::Steam));
        assert_eq!(OtpKind::from_name("motp", 30, 0), None);
    }

    #[test]
    fn window_and_next_code() {
        let otp = Otp::new(
            OtpKind::Totp { period: 30 },
            Algorithm::Sha1,
            6,
            secret("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"),
        )
        .unwrap();
        let code = otp.code_at(59);
        assert_eq!((code.valid_from, code.valid_until), (Some(30), Some(60)));
        assert_eq!(code.seconds_left(59), Some(1));
        assert_eq!(otp.next_code_at(59), Some(otp.code_at(60)));
        assert_ne!(otp.code_at(59).value, otp.code_at(60).value);
    }

    #[test]
    fn hotp_next_code_and_counter_end() {
        let mut otp = Otp::new(
            OtpKind::Hotp { counter: 0 },
            Algorithm::Sha1,
            6,
            secret("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"),
        )
        .unwrap();
        assert_eq!(otp.code_at(12345).value, "755224");
        assert_eq!(otp.next_code_at(0).unwrap().value, "287082");
        otp.set_counter(u64::MAX);
        assert_eq!(otp.code_at(0).value.len(), 6);
        assert_eq!(otp.next_code_at(0), None);
    }
}
