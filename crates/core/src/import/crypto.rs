//! The ciphers and key derivations of encrypted exports, from RustCrypto.
//! Every decryption returns `None` when the key is wrong or the data was
//! changed (the GCM tag or the CBC padding does not check), so each format
//! can tell a wrong password from a damaged file by what it tried.

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use cbc::cipher::{BlockDecryptMut, KeyIvInit, block_padding::Pkcs7};
use zeroize::Zeroizing;

use super::ImportError;

pub(super) type Key = Zeroizing<[u8; 32]>;

/// AES-256-GCM, the 16-byte tag at the end of `sealed`; 12-byte nonce.
pub(super) fn open_gcm(key: &[u8], nonce: &[u8], sealed: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    if nonce.len() != 12 {
        return None;
    }
    Aes256Gcm::new_from_slice(key)
        .ok()?
        .decrypt(Nonce::from_slice(nonce), sealed)
        .ok()
        .map(Zeroizing::new)
}

/// AES-256-CBC with PKCS#7 padding; 16-byte IV.
pub(super) fn open_cbc(key: &[u8], iv: &[u8], ciphertext: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    let decryptor = cbc::Decryptor::<aes::Aes256>::new_from_slices(key, iv).ok()?;
    let mut buffer = Zeroizing::new(ciphertext.to_vec());
    let length = decryptor
        .decrypt_padded_mut::<Pkcs7>(&mut buffer)
        .ok()?
        .len();
    buffer.truncate(length);
    Some(buffer)
}

pub(super) fn pbkdf2_sha1(password: &str, salt: &[u8], rounds: u32) -> Key {
    let mut key = Key::default();
    pbkdf2::pbkdf2_hmac::<sha1::Sha1>(password.as_bytes(), salt, rounds, key.as_mut());
    key
}

pub(super) fn pbkdf2_sha256(password: &str, salt: &[u8], rounds: u32) -> Key {
    let mut key = Key::default();
    pbkdf2::pbkdf2_hmac::<sha2::Sha256>(password.as_bytes(), salt, rounds, key.as_mut());
    key
}

pub(super) fn sha256(password: &str) -> Key {
    use sha2::Digest as _;
    Zeroizing::new(sha2::Sha256::digest(password.as_bytes()).into())
}

pub(super) fn argon2id(
    password: &str,
    salt: &[u8],
    params: argon2::Params,
) -> Result<Key, ImportError> {
    let mut key = Key::default();
    argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
        .hash_password_into(password.as_bytes(), salt, key.as_mut())
        .map_err(super::damaged)?;
    Ok(key)
}

/// `bytes` split at `at`, or a "damaged" error when there are fewer.
pub(super) fn split(bytes: &[u8], at: usize) -> Result<(&[u8], &[u8]), ImportError> {
    if bytes.len() < at {
        return Err(ImportError::Damaged("the file is cut short".into()));
    }
    Ok(bytes.split_at(at))
}
