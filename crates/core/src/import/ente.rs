//! Ente Auth's encrypted export: `{version: 1, kdfParams: {memLimit (bytes),
//! opsLimit, salt}, encryptedData, encryptionNonce}` (base64). The key is
//! libsodium's `crypto_pwhash` (Argon2id v1.3, one lane) of the password;
//! the data is one libsodium "secretstream" message (XChaCha20-Poly1305)
//! with the final tag, `encryptionNonce` its header. Inside: the plain
//! export, one `otpauth://` URI a line.

use chacha20::cipher::{KeyIvInit, StreamCipher};
use poly1305::universal_hash::KeyInit;
use serde::Deserialize;
use zeroize::Zeroizing;

use super::{ImportError, Imported, crypto, uri_list};

/// secretstream's tag on the last message of a stream.
const TAG_FINAL: u8 = 3;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Export {
    kdf_params: KdfParams,
    encrypted_data: String,
    encryption_nonce: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct KdfParams {
    mem_limit: u64,
    ops_limit: u32,
    salt: String,
}

pub(super) fn looks_like(bytes: &[u8]) -> bool {
    super::json_value(bytes).is_some_and(|value| {
        value.get("kdfParams").is_some() && value.get("encryptedData").is_some()
    })
}

pub(super) fn read(bytes: &[u8], password: Option<&str>) -> Result<Imported, ImportError> {
    use base64::Engine as _;
    let export: Export = super::json(bytes)?;
    let decode = |text: &str| {
        base64::engine::general_purpose::STANDARD
            .decode(text.trim())
            .map_err(|_| ImportError::Damaged("a value is not base64".into()))
    };
    let (salt, sealed, header) = (
        decode(&export.kdf_params.salt)?,
        decode(&export.encrypted_data)?,
        decode(&export.encryption_nonce)?,
    );
    let header: [u8; 24] = header
        .try_into()
        .map_err(|_| ImportError::Damaged("the nonce is not 24 bytes".into()))?;
    let password = password.ok_or(ImportError::PasswordNeeded)?;
    let memory_kib = u32::try_from(export.kdf_params.mem_limit / 1024).unwrap_or(u32::MAX);
    let params = crypto::argon2_params(memory_kib, export.kdf_params.ops_limit, 1)?;
    let key = crypto::argon2id(password, &salt, params)?;
    let plain = open(&key, &header, &sealed).ok_or(ImportError::WrongPassword)?;
    uri_list::read(&plain)
}

/// The one final message of a secretstream, or `None` when it does not
/// authenticate (a wrong key, a changed or cut file).
fn open(key: &[u8; 32], header: &[u8; 24], sealed: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    let (tag, rest) = sealed.split_first()?;
    let (ciphertext, mac) = rest.split_at(rest.len().checked_sub(16)?);
    let mut cipher = stream_cipher(key, header);
    // Keystream block 0 keys Poly1305; block 1 carries the tag.
    let mut poly_key = Zeroizing::new([0u8; 64]);
    cipher.apply_keystream(poly_key.as_mut());
    let mut block = [0u8; 64];
    cipher.apply_keystream(&mut block);
    let tag = tag ^ block[0];
    block[0] ^= tag;
    let expected = poly1305::Poly1305::new(poly1305::Key::from_slice(&poly_key[..32]))
        .compute_unpadded(&authenticated(&block, ciphertext));
    // Constant-time comparison.
    let difference = expected
        .iter()
        .zip(mac)
        .fold(0, |acc, (a, b)| acc | (a ^ b));
    if difference != 0 || tag != TAG_FINAL {
        return None;
    }
    let mut plain = Zeroizing::new(ciphertext.to_vec());
    cipher.apply_keystream(&mut plain);
    Some(plain)
}

/// ChaCha20 (IETF) under the stream's subkey (HChaCha20 of the key and the
/// header's first 16 bytes), nonce = counter 1 ‖ the header's last 8 bytes.
fn stream_cipher(key: &[u8; 32], header: &[u8; 24]) -> chacha20::ChaCha20 {
    // 10 double rounds: ChaCha20.
    let subkey =
        chacha20::hchacha::<chacha20::cipher::consts::U10>(key.into(), header[..16].into());
    let mut nonce = [0u8; 12];
    nonce[..4].copy_from_slice(&1u32.to_le_bytes());
    nonce[4..].copy_from_slice(&header[16..]);
    chacha20::ChaCha20::new(&subkey, &nonce.into())
}

/// What Poly1305 covers, as libsodium feeds it: no associated data, the tag
/// block, the ciphertext, then `ciphertext.len() % 16` zeros (libsodium's
/// padding arithmetic, kept for compatibility) and the two lengths, 64-bit
/// little-endian.
fn authenticated(block: &[u8; 64], ciphertext: &[u8]) -> Vec<u8> {
    let mut input = Vec::with_capacity(64 + ciphertext.len() + 32);
    input.extend_from_slice(block);
    input.extend_from_slice(ciphertext);
    input.resize(input.len() + ciphertext.len() % 16, 0);
    input.extend_from_slice(&0u64.to_le_bytes());
    input.extend_from_slice(&(64 + ciphertext.len() as u64).to_le_bytes());
    input
}

/// An Ente export of `text` as the app writes one (libsodium's push of one
/// final message), for tests.
#[cfg(test)]
pub(super) fn write(text: &str, password: &str, header: [u8; 24]) -> String {
    #![allow(clippy::unwrap_used)]
    use base64::Engine as _;
    let salt = [7u8; 16];
    let key =
        crypto::argon2id(password, &salt, crypto::argon2_params(8192, 2, 1).unwrap()).unwrap();
    let mut cipher = stream_cipher(&key, &header);
    let mut poly_key = [0u8; 64];
    cipher.apply_keystream(&mut poly_key);
    let mut block = [0u8; 64];
    block[0] = TAG_FINAL;
    cipher.apply_keystream(&mut block);
    let mut ciphertext = text.as_bytes().to_vec();
    cipher.apply_keystream(&mut ciphertext);
    let mac = poly1305::Poly1305::new(poly1305::Key::from_slice(&poly_key[..32]))
        .compute_unpadded(&authenticated(&block, &ciphertext));
    let sealed = [&block[..1], &ciphertext, mac.as_slice()].concat();
    let encode = |bytes: &[u8]| base64::engine::general_purpose::STANDARD.encode(bytes);
    serde_json::json!({
        "version": 1,
        "kdfParams": { "memLimit": 8192 * 1024, "opsLimit": 2, "salt": encode(&salt) },
        "encryptedData": encode(&sealed),
        "encryptionNonce": encode(&header),
    })
    .to_string()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::OtpKind;
    use crate::import::{read_with_passwords, summary};

    /// Made by libsodium itself (PyNaCl's `crypto_pwhash_alg` and
    /// `crypto_secretstream_xchacha20poly1305_push`), password
    /// "correct horse", 8 MiB and 2 passes to keep the test quick.
    const LIBSODIUM_EXPORT: &str = r#"{"version": 1, "kdfParams": {"memLimit": 8388608, "opsLimit": 2, "salt": "AAECAwQFBgcICQoLDA0ODw=="}, "encryptedData": "F8DczXxKZY6sapUevd6QjP89WjPMQc/NTj5o+cq6PKIH+JOCXjswaEn2lHjoIvRvt4DTh8YGcdxz9GUJYAz9stcnsr/GMj/P7JLrgKam0egZdnHq1okC5Xk/bYfZrOg6bzqbtEAzBhxfg9KeYWyJTEAwgL6MLTR6GxvWhhQpVQ1FLF2Xvgz6hSqSiOC5YGCg3P8qvA7nc5E=", "encryptionNonce": "4e2GHAFKpb07vtvjJhl+e7b3QgEsr7lu"}"#;

    #[test]
    fn opens_what_libsodium_sealed() {
        assert!(looks_like(LIBSODIUM_EXPORT.as_bytes()));
        let imported = read_with_passwords(|password| read(LIBSODIUM_EXPORT.as_bytes(), password));
        assert_eq!(
            summary(&imported),
            [
                ("GitHub", "alice", OtpKind::Totp { period: 30 }),
                ("Bank", "bob", OtpKind::Hotp { counter: 3 })
            ]
        );
    }

    #[test]
    fn a_changed_or_cut_stream_does_not_open() {
        use base64::Engine as _;
        let export: Export = serde_json::from_str(LIBSODIUM_EXPORT).unwrap();
        let key = crypto::argon2id(
            "correct horse",
            &base64::engine::general_purpose::STANDARD
                .decode(&export.kdf_params.salt)
                .unwrap(),
            crypto::argon2_params(8192, 2, 1).unwrap(),
        )
        .unwrap();
        let header: [u8; 24] = base64::engine::general_purpose::STANDARD
            .decode(&export.encryption_nonce)
            .unwrap()
            .try_into()
            .unwrap();
        let sealed = base64::engine::general_purpose::STANDARD
            .decode(&export.encrypted_data)
            .unwrap();
        assert!(open(&key, &header, &sealed).is_some());
        for at in [0, 1, sealed.len() / 2, sealed.len() - 1] {
            let mut changed = sealed.clone();
            changed[at] ^= 1;
            assert!(open(&key, &header, &changed).is_none(), "changed at {at}");
        }
        assert!(open(&key, &header, &sealed[..sealed.len() - 1]).is_none());
        assert!(open(&key, &header, &sealed[..10]).is_none());
        assert!(open(&key, &header, &[]).is_none());
    }
}
