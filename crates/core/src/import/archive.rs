//! Exports that are ZIP archives protected with the user's password:
//! Authenticator Plus (the old "ZipCrypto") and Raivo (WinZip AES).

use std::io::Read as _;

use zeroize::Zeroizing;

use super::ImportError;

/// A member's content is a few kilobytes; one that unpacks to more is
/// refused (a ZIP bomb, or not an export).
const MAX_MEMBER: u64 = 4 * 1024 * 1024;

pub(super) fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// Whether the archive lists a member named `name` (its directory is plain
/// text, even in a protected archive).
pub(super) fn names(bytes: &[u8], name: &str) -> bool {
    is_zip(bytes)
        && bytes
            .windows(name.len())
            .any(|window| window == name.as_bytes())
}

/// The content of the member `name`, with the password when it is protected.
pub(super) fn member(
    bytes: &[u8],
    name: &str,
    password: Option<&str>,
) -> Result<Zeroizing<Vec<u8>>, ImportError> {
    use zip::result::ZipError;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(damaged)?;
    let mut file = match password {
        Some(password) => archive.by_name_decrypt(name, password.as_bytes()),
        None => archive.by_name(name),
    }
    .map_err(|error| match error {
        ZipError::UnsupportedArchive(ZipError::PASSWORD_REQUIRED) => ImportError::PasswordNeeded,
        ZipError::InvalidPassword => ImportError::WrongPassword,
        ZipError::FileNotFound => ImportError::Damaged(format!("the archive has no {name}")),
        other => damaged(other),
    })?;
    let mut content = Zeroizing::new(Vec::new());
    // ZipCrypto's password check passes 1 time in 256 by chance: then the
    // data does not inflate or its checksum fails, which is a wrong password
    // when one was given.
    match (&mut file).take(MAX_MEMBER + 1).read_to_end(&mut content) {
        Ok(_) if content.len() as u64 > MAX_MEMBER => Err(ImportError::Damaged(
            "the archive unpacks to more than any export holds".into(),
        )),
        Ok(_) => Ok(content),
        Err(_) if password.is_some() => Err(ImportError::WrongPassword),
        Err(error) => Err(damaged(error)),
    }
}

fn damaged(error: impl std::fmt::Display) -> ImportError {
    ImportError::Damaged(format!("not a readable ZIP archive ({error})"))
}

/// An archive of one member, protected with AES when a password is given,
/// for tests.
#[cfg(test)]
pub(super) fn write(name: &str, content: &[u8], password: Option<&str>) -> Vec<u8> {
    #![allow(clippy::unwrap_used)]
    use std::io::Write as _;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    let options = match password {
        Some(password) => options.with_aes_encryption(zip::AesMode::Aes256, password),
        None => options,
    };
    out.start_file(name, options).unwrap();
    out.write_all(content).unwrap();
    out.finish().unwrap().into_inner()
}
