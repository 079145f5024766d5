//! Authenticator Plus exports: a ZIP protected with the user's password
//! (the old "ZipCrypto" encryption) holding `Accounts.txt`, one
//! `otpauth://` URI a line.

use std::io::Read as _;

use super::{ImportError, Imported, uri_list};

const LIST: &str = "Accounts.txt";
/// The list is a few kilobytes; a ZIP that unpacks to more is refused.
const MAX_LIST: u64 = 4 * 1024 * 1024;

pub(super) fn looks_like(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
        && bytes
            .windows(LIST.len())
            .any(|name| name == LIST.as_bytes())
}

pub(super) fn read(bytes: &[u8], password: Option<&str>) -> Result<Imported, ImportError> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(damaged)?;
    let mut file = match password {
        Some(password) => archive.by_name_decrypt(LIST, password.as_bytes()),
        None => archive.by_name(LIST),
    }
    .map_err(|error| match error {
        zip::result::ZipError::UnsupportedArchive(zip::result::ZipError::PASSWORD_REQUIRED) => {
            ImportError::PasswordNeeded
        }
        zip::result::ZipError::InvalidPassword => ImportError::WrongPassword,
        other => damaged(other),
    })?;
    let mut text = zeroize::Zeroizing::new(Vec::new());
    // ZipCrypto's password check passes 1 time in 256 by chance: then the
    // data does not inflate or its checksum fails, which is a wrong password
    // when one was given.
    let read = (&mut file).take(MAX_LIST + 1).read_to_end(&mut text);
    match read {
        Ok(_) if text.len() as u64 > MAX_LIST => {
            return Err(ImportError::Damaged(
                "the list unpacks to more than any export holds".into(),
            ));
        }
        Ok(_) => {}
        Err(_) if password.is_some() => return Err(ImportError::WrongPassword),
        Err(error) => return Err(damaged(error)),
    }
    uri_list::read(&text)
}

fn damaged(error: impl std::fmt::Display) -> ImportError {
    ImportError::Damaged(format!("not a readable ZIP archive ({error})"))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::OtpKind;
    use crate::import::summary;

    fn archive(list: &str) -> Vec<u8> {
        use std::io::Write as _;
        let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        out.start_file(LIST, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(list.as_bytes()).unwrap();
        out.finish().unwrap().into_inner()
    }

    #[test]
    fn reads_the_list_of_an_unprotected_archive() {
        let zip = archive(
            "otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub\notpauth://hotp/Bank:bob?secret=JBSWY3DPEHPK3PXP&counter=3\n",
        );
        assert!(looks_like(&zip));
        assert_eq!(
            summary(&read(&zip, None).unwrap()),
            [
                ("GitHub", "alice", OtpKind::Totp { period: 30 }),
                ("Bank", "bob", OtpKind::Hotp { counter: 3 })
            ]
        );
        assert!(matches!(
            read(&zip[..zip.len() / 2], None),
            Err(ImportError::Damaged(_))
        ));
    }
}
