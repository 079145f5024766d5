//! FreeOTP: its 1.x `tokens.xml` (also FreeOTP+'s internal file), Android
//! preferences with one JSON token per account; and FreeOTP 2's encrypted
//! backups, a Java-serialised `HashMap<String, String>`:
//! - `masterKey`: `{mAlgorithm: PBKDF2withHmacSHA1|SHA512, mIterations,
//!   mSalt, mEncryptedKey}`, the master key sealed (AES-GCM, the token "AES"
//!   as associated data) under a key derived from the password;
//! - `<uuid>`: `{"key": "<the account's key, sealed by the master key>"}`;
//! - `<uuid>-token`: the account's parameters in clear.
//!
//! 1.x keeps an HOTP counter as FreeOTP uses it (one less than the next), as
//! Aegis imports it; 2.x keeps the real one.

use serde::Deserialize;
use zeroize::Zeroizing;

use super::android_prefs::Prefs;
use super::{Fields, ImportError, Imported, crypto};
use crate::AccountDraft;
use crate::otp::{Secret, SecretError};

/// A token as FreeOTP (and FreeOTP+) writes it; the secret, signed bytes,
/// is absent from 2.x's clear part.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Token {
    #[serde(default, deserialize_with = "super::null_as_default")]
    issuer_ext: String,
    #[serde(default, deserialize_with = "super::null_as_default")]
    label: String,
    #[serde(rename = "type")]
    kind: String,
    algo: Option<String>,
    digits: Option<u8>,
    period: Option<u32>,
    counter: Option<u64>,
    #[serde(default)]
    secret: Vec<i8>,
}

impl Token {
    /// The account, with the token's own secret or the one given.
    pub(super) fn entry(
        &self,
        secret: Option<Result<Secret, SecretError>>,
    ) -> (String, Result<AccountDraft, String>) {
        let secret = secret.unwrap_or_else(|| {
            Secret::from_bytes(
                self.secret
                    .iter()
                    .map(|byte| byte.cast_unsigned())
                    .collect(),
            )
        });
        let draft = super::checked(Fields {
            issuer: &self.issuer_ext,
            name: &self.label,
            kind: &self.kind,
            algorithm: self.algo.as_deref(),
            digits: self.digits,
            period: self.period,
            counter: self.counter,
            secret,
            group: None,
        });
        (crate::draft::label(&self.issuer_ext, &self.label), draft)
    }
}

/// Java serialisation's magic and version.
const JAVA_MAGIC: [u8; 4] = [0xac, 0xed, 0x00, 0x05];

pub(super) fn looks_like(bytes: &[u8]) -> bool {
    bytes.starts_with(&JAVA_MAGIC)
        || Prefs::parse(bytes).is_some_and(|prefs| {
            prefs.get("tokenOrder").is_some()
                && prefs
                    .strings()
                    .any(|(_, value)| serde_json::from_str::<Token>(value).is_ok())
        })
}

pub(super) fn read(bytes: &[u8], password: Option<&str>) -> Result<Imported, ImportError> {
    if bytes.starts_with(&JAVA_MAGIC) {
        return read_backup(&java::string_map(bytes)?, password);
    }
    let prefs = Prefs::read(bytes)?;
    Ok(Imported::from_entries(
        prefs
            .strings()
            .filter(|(name, _)| *name != "tokenOrder")
            .map(|(name, value)| match serde_json::from_str::<Token>(value) {
                Ok(token) => token.entry(None),
                Err(_) => (name.to_owned(), Err("not a FreeOTP token".to_owned())),
            }),
    ))
}

/// A sealed value as FreeOTP 2 writes it (Android's `EncryptedKey`).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Sealed {
    m_cipher_text: Vec<i8>,
    m_parameters: Vec<i8>,
    m_token: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MasterKey {
    m_algorithm: String,
    m_iterations: u32,
    m_salt: Vec<i8>,
    m_encrypted_key: Sealed,
}

#[derive(Deserialize)]
struct KeyEntry {
    key: String,
}

fn read_backup(map: &[(String, String)], password: Option<&str>) -> Result<Imported, ImportError> {
    let value = |name: &str| {
        map.iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value)
    };
    let master: MasterKey = super::json(
        value("masterKey")
            .ok_or_else(|| ImportError::Damaged("the backup has no master key".into()))?
            .as_bytes(),
    )?;
    let password = password.ok_or(ImportError::PasswordNeeded)?;
    if master.m_iterations > crypto::PBKDF2_MAX_ROUNDS {
        return Err(crypto::too_costly(format_args!(
            "{} PBKDF2 rounds",
            master.m_iterations
        )));
    }
    let salt = unsigned(&master.m_salt);
    let key = match master.m_algorithm.as_str() {
        "PBKDF2withHmacSHA1" => crypto::pbkdf2_sha1(password, &salt, master.m_iterations),
        "PBKDF2withHmacSHA512" => crypto::pbkdf2_sha512(password, &salt, master.m_iterations),
        other => {
            return Err(ImportError::Damaged(format!(
                "unknown key derivation {other}"
            )));
        }
    };
    let master_key =
        open(key.as_ref(), &master.m_encrypted_key).ok_or(ImportError::WrongPassword)?;
    // The accounts in the order of their keys in the file; every entry is
    // the master key, an account's key or its parameters, or the file is
    // damaged (never a partial import).
    let mut entries = Vec::new();
    for (uuid, sealed) in map {
        if uuid == "masterKey" {
            continue;
        }
        if let Some(owner) = uuid.strip_suffix("-token") {
            if value(owner).is_none() {
                return Err(ImportError::Damaged("an account's key is missing".into()));
            }
            continue;
        }
        let KeyEntry { key } = super::json(sealed.as_bytes())?;
        let token = value(&format!("{uuid}-token"))
            .ok_or_else(|| ImportError::Damaged("an account's parameters are missing".into()))?;
        let token: Token = super::json(token.as_bytes())?;
        let sealed: Sealed = super::json(key.as_bytes())?;
        let secret = open(&master_key, &sealed)
            .ok_or_else(|| ImportError::Damaged("an account's key does not open".into()))?;
        entries.push(token.entry(Some(Secret::from_bytes(secret.to_vec()))));
    }
    Ok(Imported::from_entries(entries))
}

/// AES-GCM with the value's token as associated data; the nonce is in
/// `mParameters`, DER: `SEQUENCE { OCTET STRING nonce, INTEGER tag bits }`
/// or the bare OCTET STRING.
fn open(key: &[u8], sealed: &Sealed) -> Option<Zeroizing<Vec<u8>>> {
    let parameters = unsigned(&sealed.m_parameters);
    let octets = match parameters.as_slice() {
        [0x30, _, rest @ ..] => rest,
        all => all,
    };
    let [0x04, length, rest @ ..] = octets else {
        return None;
    };
    let nonce = rest.get(..usize::from(*length))?;
    crypto::open_gcm_with(
        key,
        nonce,
        &unsigned(&sealed.m_cipher_text),
        sealed.m_token.as_bytes(),
    )
}

fn unsigned(bytes: &[i8]) -> Vec<u8> {
    bytes.iter().map(|byte| byte.cast_unsigned()).collect()
}

/// Just enough of Java's serialisation to read a `HashMap<String, String>`.
mod java {
    use super::ImportError;

    const TC_NULL: u8 = 0x70;
    const TC_REFERENCE: u8 = 0x71;
    const TC_CLASSDESC: u8 = 0x72;
    const TC_OBJECT: u8 = 0x73;
    const TC_STRING: u8 = 0x74;
    const TC_BLOCKDATA: u8 = 0x77;
    const TC_ENDBLOCKDATA: u8 = 0x78;
    const TC_LONGSTRING: u8 = 0x7c;
    const BASE_HANDLE: u32 = 0x7e_0000;

    struct Reader<'a> {
        bytes: &'a [u8],
        at: usize,
        /// Objects in the order they got handles; strings kept, others None.
        handles: Vec<Option<String>>,
    }

    fn cut() -> ImportError {
        ImportError::Damaged("the backup is cut short or not a FreeOTP backup".into())
    }

    impl Reader<'_> {
        fn take(&mut self, count: usize) -> Result<&[u8], ImportError> {
            let end = self
                .at
                .checked_add(count)
                .filter(|end| *end <= self.bytes.len())
                .ok_or_else(cut)?;
            let taken = &self.bytes[self.at..end];
            self.at = end;
            Ok(taken)
        }

        fn byte(&mut self) -> Result<u8, ImportError> {
            Ok(self.take(1)?[0])
        }

        fn number(&mut self, size: usize) -> Result<u64, ImportError> {
            Ok(self
                .take(size)?
                .iter()
                .fold(0, |value, byte| value << 8 | u64::from(*byte)))
        }

        fn utf(&mut self, length: usize) -> Result<String, ImportError> {
            let bytes = self.take(length)?.to_vec();
            modified_utf8(&bytes)
                .ok_or_else(|| ImportError::Damaged("a text of the backup is not valid".into()))
        }

        /// A string object (new or referenced).
        fn string(&mut self) -> Result<String, ImportError> {
            match self.byte()? {
                TC_STRING => {
                    let length = self.number(2)? as usize;
                    let text = self.utf(length)?;
                    self.handles.push(Some(text.clone()));
                    Ok(text)
                }
                TC_LONGSTRING => {
                    let length = usize::try_from(self.number(8)?).map_err(|_| cut())?;
                    let text = self.utf(length)?;
                    self.handles.push(Some(text.clone()));
                    Ok(text)
                }
                TC_REFERENCE => {
                    let handle = self.number(4)? as u32;
                    handle
                        .checked_sub(BASE_HANDLE)
                        .and_then(|index| self.handles.get(index as usize).cloned().flatten())
                        .ok_or_else(cut)
                }
                _ => Err(cut()),
            }
        }
    }

    /// The entries of a serialised `HashMap<String, String>`, in file order.
    pub(super) fn string_map(bytes: &[u8]) -> Result<Vec<(String, String)>, ImportError> {
        let mut reader = Reader {
            bytes,
            at: 4,
            handles: Vec::new(),
        };
        if reader.byte()? != TC_OBJECT || reader.byte()? != TC_CLASSDESC {
            return Err(cut());
        }
        let name_length = reader.number(2)? as usize;
        if reader.utf(name_length)? != "java.util.HashMap" {
            return Err(ImportError::Damaged(
                "the backup is not a map of texts".into(),
            ));
        }
        reader.take(8 + 1)?; // serialVersionUID, flags
        reader.handles.push(None); // the class description
        // Only primitive fields (loadFactor, threshold); their sizes, in order.
        let mut field_bytes = 0;
        for _ in 0..reader.number(2)? {
            let size = match reader.byte()? {
                b'B' | b'Z' => 1,
                b'C' | b'S' => 2,
                b'F' | b'I' => 4,
                b'D' | b'J' => 8,
                _ => {
                    return Err(ImportError::Damaged(
                        "the backup is not a map of texts".into(),
                    ));
                }
            };
            let length = reader.number(2)? as usize;
            reader.take(length)?;
            field_bytes += size;
        }
        if reader.byte()? != TC_ENDBLOCKDATA || reader.byte()? != TC_NULL {
            return Err(cut());
        }
        reader.handles.push(None); // the map itself
        reader.take(field_bytes)?;
        // writeObject's data: capacity and size, then the pairs.
        if reader.byte()? != TC_BLOCKDATA || reader.byte()? != 8 {
            return Err(cut());
        }
        reader.number(4)?;
        let size = reader.number(4)? as usize;
        // Each pair takes at least 6 bytes: a size beyond the file is a lie.
        if size > bytes.len() / 6 {
            return Err(cut());
        }
        let mut map = Vec::with_capacity(size);
        for _ in 0..size {
            let key = reader.string()?;
            let value = reader.string()?;
            map.push((key, value));
        }
        // The end mark: without it the file was cut, whatever it still holds.
        if reader.byte()? != TC_ENDBLOCKDATA {
            return Err(cut());
        }
        Ok(map)
    }

    /// Java's "modified UTF-8": UTF-16 units in one to three bytes each (so
    /// characters beyond the BMP come as surrogate pairs, NUL as C0 80).
    fn modified_utf8(bytes: &[u8]) -> Option<String> {
        let mut units = Vec::with_capacity(bytes.len());
        let mut at = 0;
        while at < bytes.len() {
            let first = u16::from(bytes[at]);
            let (unit, size) = match bytes[at] {
                0x01..=0x7f => (first, 1),
                0xc0..=0xdf => (((first & 0x1f) << 6) | continuation(bytes.get(at + 1))?, 2),
                0xe0..=0xef => (
                    ((first & 0x0f) << 12)
                        | (continuation(bytes.get(at + 1))? << 6)
                        | continuation(bytes.get(at + 2))?,
                    3,
                ),
                _ => return None,
            };
            units.push(unit);
            at += size;
        }
        String::from_utf16(&units).ok()
    }

    fn continuation(byte: Option<&u8>) -> Option<u16> {
        byte.filter(|byte| *byte & 0xc0 == 0x80)
            .map(|byte| u16::from(byte & 0x3f))
    }

    /// A map as Java writes it, for tests (strings only, no references).
    #[cfg(test)]
    pub(super) fn write(map: &[(&str, &str)]) -> Vec<u8> {
        let mut out = vec![0xac, 0xed, 0x00, 0x05, TC_OBJECT, TC_CLASSDESC];
        let name = b"java.util.HashMap";
        out.extend((name.len() as u16).to_be_bytes());
        out.extend(name);
        out.extend([
            0x05, 0x07, 0xda, 0xc1, 0xc3, 0x16, 0x60, 0xd1, 0x03, 0x00, 0x02,
        ]);
        for field in [(b'F', "loadFactor"), (b'I', "threshold")] {
            out.push(field.0);
            out.extend((field.1.len() as u16).to_be_bytes());
            out.extend(field.1.as_bytes());
        }
        out.extend([
            TC_ENDBLOCKDATA,
            TC_NULL,
            0x3f,
            0x40,
            0,
            0,
            0,
            0,
            0,
            12,
            TC_BLOCKDATA,
            8,
        ]);
        out.extend(16u32.to_be_bytes());
        out.extend((map.len() as u32).to_be_bytes());
        for (key, value) in map {
            for text in [key, value] {
                let encoded = modified(text);
                out.push(TC_STRING);
                out.extend((encoded.len() as u16).to_be_bytes());
                out.extend(encoded);
            }
        }
        out.push(TC_ENDBLOCKDATA);
        out
    }

    #[cfg(test)]
    fn modified(text: &str) -> Vec<u8> {
        let mut out = Vec::new();
        for unit in text.encode_utf16() {
            match unit {
                0x01..=0x7f => out.push(unit as u8),
                0..=0x7ff => out.extend([0xc0 | (unit >> 6) as u8, 0x80 | (unit & 0x3f) as u8]),
                _ => out.extend([
                    0xe0 | (unit >> 12) as u8,
                    0x80 | ((unit >> 6) & 0x3f) as u8,
                    0x80 | (unit & 0x3f) as u8,
                ]),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::OtpKind;
    use crate::import::{read_with_passwords, summary};

    fn signed(bytes: &[u8]) -> String {
        let list: Vec<String> = bytes
            .iter()
            .map(|byte| byte.cast_signed().to_string())
            .collect();
        format!("[{}]", list.join(","))
    }

    #[test]
    fn reads_tokens_xml() {
        let token = |label: &str, kind: &str| {
            format!(
                r#"{{"algo":"SHA1","counter":4,"digits":6,"issuerExt":"GitHub","label":"{label}","period":30,"secret":{},"type":"{kind}"}}"#,
                signed(b"Hello!\xde\xad\xbe\xef")
            )
        };
        let file = crate::import::android_prefs::write(&[
            ("GitHub:alice", &token("alice", "TOTP")),
            ("GitHub:bob", &token("bob", "HOTP")),
            ("tokenOrder", r#"["GitHub:alice","GitHub:bob"]"#),
        ]);
        assert!(looks_like(&file));
        let imported = read(&file, None).unwrap();
        assert_eq!(
            summary(&imported),
            [
                ("GitHub", "alice", OtpKind::Totp { period: 30 }),
                ("GitHub", "bob", OtpKind::Hotp { counter: 4 })
            ]
        );
        assert_eq!(
            imported.accounts[0].otp.secret().to_base32(),
            "JBSWY3DPEHPK3PXP"
        );
    }

    /// A FreeOTP 2 backup as the app writes one, sealed with `password`.
    fn backup(password: &str, algorithm: &str, bare_nonce: bool) -> Vec<u8> {
        let salt = [7u8; 32];
        let iterations = 1000;
        let derived = if algorithm == "PBKDF2withHmacSHA1" {
            crypto::pbkdf2_sha1(password, &salt, iterations)
        } else {
            crypto::pbkdf2_sha512(password, &salt, iterations)
        };
        let master = [9u8; 32];
        let seal = |key: &[u8], nonce: [u8; 12], plain: &[u8], token: &str| {
            let parameters: Vec<u8> = if bare_nonce {
                [&[0x04, 12][..], &nonce].concat()
            } else {
                [&[0x30, 17, 0x04, 12][..], &nonce, &[0x02, 0x01, 0x10]].concat()
            };
            serde_json::json!({
                "mCipher": "AES/GCM/NoPadding",
                "mCipherText": crypto::seal_gcm_with(key, &nonce, plain, token.as_bytes()).iter().map(|b| b.cast_signed()).collect::<Vec<i8>>(),
                "mParameters": parameters.iter().map(|b| b.cast_signed()).collect::<Vec<i8>>(),
                "mToken": token,
            })
        };
        let master_key = serde_json::json!({
            "mAlgorithm": algorithm,
            "mEncryptedKey": seal(derived.as_ref(), [1; 12], &master, "AES"),
            "mIterations": iterations,
            "mSalt": salt.iter().map(|b| b.cast_signed()).collect::<Vec<i8>>(),
        })
        .to_string();
        let key = |secret: &[u8], nonce: u8| {
            serde_json::json!({ "key": seal(&master, [nonce; 12], secret, "HmacSHA1").to_string() })
                .to_string()
        };
        let (alice, bob) = (
            key(b"Hello!\xde\xad\xbe\xef", 2),
            key(b"Hello!\xde\xad\xbe\xef", 3),
        );
        java::write(&[
            ("masterKey", &master_key),
            (
                "u1-token",
                r#"{"algo":"SHA256","digits":7,"issuerExt":"GitHub","label":"alice","period":20,"type":"TOTP"}"#,
            ),
            ("u2", &bob),
            ("u1", &alice),
            (
                "u2-token",
                r#"{"counter":10300,"issuerExt":"Bank","label":"bob","type":"HOTP"}"#,
            ),
        ])
    }

    #[test]
    fn reads_freeotp_2_backups_in_the_order_of_their_keys() {
        for (algorithm, bare) in [
            ("PBKDF2withHmacSHA1", true),
            ("PBKDF2withHmacSHA512", false),
        ] {
            let file = backup("correct horse", algorithm, bare);
            assert!(looks_like(&file));
            let imported = read_with_passwords(|password| read(&file, password));
            assert_eq!(
                summary(&imported),
                [
                    ("Bank", "bob", OtpKind::Hotp { counter: 10300 }),
                    ("GitHub", "alice", OtpKind::Totp { period: 20 })
                ],
                "{algorithm}"
            );
            assert_eq!(
                imported.accounts[1].otp.secret().to_base32(),
                "JBSWY3DPEHPK3PXP"
            );
        }
    }

    #[test]
    fn damaged_backups_are_refused() {
        let file = backup("correct horse", "PBKDF2withHmacSHA1", true);
        // The last byte is the map's end mark: a file without it was cut.
        for cut in [10, 40, file.len() / 2, file.len() - 1] {
            assert!(
                matches!(
                    read(&file[..cut], Some("correct horse")),
                    Err(ImportError::Damaged(_))
                ),
                "cut at {cut}"
            );
        }
        assert_eq!(
            java::string_map(&java::write(&[("ä\u{1F600}", "x")])).unwrap(),
            [("ä\u{1F600}".to_owned(), "x".to_owned())]
        );
    }
}
