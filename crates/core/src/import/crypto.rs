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
    open_gcm_with(key, nonce, sealed, &[])
}

/// The same, with associated data.
pub(super) fn open_gcm_with(
    key: &[u8],
    nonce: &[u8],
    sealed: &[u8],
    associated: &[u8],
) -> Option<Zeroizing<Vec<u8>>> {
    if nonce.len() != 12 {
        return None;
    }
    let payload = aes_gcm::aead::Payload {
        msg: sealed,
        aad: associated,
    };
    Aes256Gcm::new_from_slice(key)
        .ok()?
        .decrypt(Nonce::from_slice(nonce), payload)
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

/// AES-256-GCM sealing, for tests that build encrypted exports themselves.
#[cfg(test)]
pub(super) fn seal_gcm(key: &[u8], nonce: &[u8], plain: &[u8]) -> Vec<u8> {
    seal_gcm_with(key, nonce, plain, &[])
}

/// AES-256-CBC sealing with PKCS#7 padding, for tests.
#[cfg(test)]
pub(super) fn seal_cbc(key: &[u8], iv: &[u8], plain: &[u8]) -> Vec<u8> {
    use cbc::cipher::BlockEncryptMut;
    let mut buffer = plain.to_vec();
    buffer.resize(plain.len() + 16, 0);
    cbc::Encryptor::<aes::Aes256>::new_from_slices(key, iv)
        .ok()
        .and_then(|encryptor| {
            encryptor
                .encrypt_padded_mut::<Pkcs7>(&mut buffer, plain.len())
                .ok()
                .map(<[u8]>::to_vec)
        })
        .unwrap_or_default()
}

/// The same, with associated data.
#[cfg(test)]
pub(super) fn seal_gcm_with(key: &[u8], nonce: &[u8], plain: &[u8], associated: &[u8]) -> Vec<u8> {
    let payload = aes_gcm::aead::Payload {
        msg: plain,
        aad: associated,
    };
    Aes256Gcm::new_from_slice(key)
        .and_then(|cipher| {
            cipher
                .encrypt(Nonce::from_slice(nonce), payload)
                .map_err(|_| aes_gcm::aes::cipher::InvalidLength)
        })
        .unwrap_or_default()
}

// Caps on the key-derivation costs a file may ask for. A file carries its own
// KDF parameters, so without them a crafted export makes the import allocate
// terabytes or run for hours. Each cap sits at or above the highest value a
// real authenticator writes (Aegis: scrypt N = 2^15, r = 8, p = 1; andOTP:
// up to a few hundred thousand PBKDF2 rounds; Stratum: Argon2id 64 MiB, t = 3;
// Ente Auth: libsodium's "sensitive" Argon2id, 1 GiB and t = 4, or on phones
// short of memory half the memory and twice the passes, down the line).

/// scrypt: log2 N, r and p each capped, and the memory (128·r·N bytes) and
/// the work (N·r·p) too, so that no combination of allowed values stalls.
const SCRYPT_MAX_LOG_N: u32 = 20;
const SCRYPT_MAX_R: u32 = 16;
const SCRYPT_MAX_P: u32 = 16;
const SCRYPT_MAX_MEMORY: u64 = 1 << 30;
const SCRYPT_MAX_WORK: u64 = 1 << 24;
/// PBKDF2 rounds (andOTP writes its count into the file).
pub(super) const PBKDF2_MAX_ROUNDS: u32 = 10_000_000;
const ARGON2_MAX_MEMORY_KIB: u32 = 1 << 20;
const ARGON2_MAX_TIME: u32 = 64;
const ARGON2_MAX_LANES: u32 = 16;
/// Memory × passes (KiB): 1 GiB × 4, the costliest a real export asks.
const ARGON2_MAX_WORK: u64 = 4 << 20;
/// Password slots (or key slots) tried, each costing one key derivation.
pub(super) const MAX_KEY_SLOTS: usize = 8;

/// The refusal of a cost beyond the caps: said at once, nothing derived.
pub(super) fn too_costly(what: impl std::fmt::Display) -> ImportError {
    ImportError::Stalling(what.to_string())
}

/// scrypt parameters as a file gives them (N itself, not its log), checked.
pub(super) fn scrypt_params(n: u64, r: u32, p: u32) -> Result<scrypt::Params, ImportError> {
    let log_n = n
        .checked_ilog2()
        .filter(|log| 1u64 << log == n)
        .ok_or_else(|| ImportError::Damaged("bad scrypt parameters".into()))?;
    let memory = n.saturating_mul(u64::from(r)).saturating_mul(128);
    let work = n.saturating_mul(u64::from(r)).saturating_mul(u64::from(p));
    if log_n > SCRYPT_MAX_LOG_N
        || r > SCRYPT_MAX_R
        || p > SCRYPT_MAX_P
        || memory > SCRYPT_MAX_MEMORY
        || work > SCRYPT_MAX_WORK
    {
        return Err(too_costly(format_args!(
            "scrypt with N = 2^{log_n}, r = {r}, p = {p}"
        )));
    }
    let log_n = u8::try_from(log_n).map_err(super::damaged)?;
    scrypt::Params::new(log_n, r, p, 32).map_err(super::damaged)
}

/// Argon2 parameters as a file gives them (memory in KiB), checked.
pub(super) fn argon2_params(
    memory_kib: u32,
    time: u32,
    lanes: u32,
) -> Result<argon2::Params, ImportError> {
    let work = u64::from(memory_kib) * u64::from(time);
    if memory_kib > ARGON2_MAX_MEMORY_KIB
        || time > ARGON2_MAX_TIME
        || lanes > ARGON2_MAX_LANES
        || work > ARGON2_MAX_WORK
    {
        return Err(too_costly(format_args!(
            "Argon2 with {memory_kib} KiB, t = {time}, {lanes} lanes"
        )));
    }
    argon2::Params::new(memory_kib, time, lanes, Some(32)).map_err(super::damaged)
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

pub(super) fn pbkdf2_sha512(password: &str, salt: &[u8], rounds: u32) -> Key {
    let mut key = Key::default();
    pbkdf2::pbkdf2_hmac::<sha2::Sha512>(password.as_bytes(), salt, rounds, key.as_mut());
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn real_costs_pass() {
        assert!(scrypt_params(1 << 15, 8, 1).is_ok());
        assert!(scrypt_params(1 << 20, 8, 1).is_ok());
        assert!(argon2_params(65_536, 3, 4).is_ok());
        assert!(
            argon2_params(1 << 20, 4, 1).is_ok(),
            "Ente, libsodium's sensitive limits"
        );
        assert!(
            argon2_params(1 << 17, 32, 1).is_ok(),
            "Ente on a phone short of memory"
        );
    }

    #[test]
    fn costs_beyond_the_caps_are_refused_as_stalling() {
        let stalling =
            |result: Result<(), ImportError>| matches!(result, Err(ImportError::Stalling(_)));
        assert!(stalling(scrypt_params(1 << 36, 8, 1).map(drop)));
        assert!(stalling(scrypt_params(1 << 20, 8, 1 << 20).map(drop)));
        assert!(stalling(scrypt_params(1 << 20, 16, 1).map(drop)), "2 GiB");
        assert!(
            stalling(scrypt_params(1 << 18, 16, 16).map(drop)),
            "too much work"
        );
        assert!(stalling(argon2_params(1 << 21, 3, 4).map(drop)));
        assert!(stalling(argon2_params(65_536, 65, 4).map(drop)));
        assert!(
            stalling(argon2_params(1 << 20, 8, 1).map(drop)),
            "too much work"
        );
        assert!(stalling(argon2_params(65_536, 3, 17).map(drop)));
        let message = scrypt_params(1 << 36, 8, 1).unwrap_err().to_string();
        assert!(
            message.contains("damaged or made to stall the import"),
            "{message}"
        );
    }

    #[test]
    fn a_scrypt_n_that_is_no_power_of_two_is_damage() {
        assert!(matches!(
            scrypt_params(1000, 8, 1),
            Err(ImportError::Damaged(_))
        ));
        assert!(matches!(
            scrypt_params(0, 8, 1),
            Err(ImportError::Damaged(_))
        ));
    }
}
