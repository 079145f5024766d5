//! Authenticator Plus exports: a ZIP protected with the user's password
//! (the old "ZipCrypto" encryption) holding `Accounts.txt`, one
//! `otpauth://` URI a line.

use super::{ImportError, Imported, archive, uri_list};

const LIST: &str = "Accounts.txt";

pub(super) fn looks_like(bytes: &[u8]) -> bool {
    archive::names(bytes, LIST)
}

pub(super) fn read(bytes: &[u8], password: Option<&str>) -> Result<Imported, ImportError> {
    uri_list::read(&archive::member(bytes, LIST, password)?)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::OtpKind;
    use crate::import::summary;

    #[test]
    fn reads_the_list_of_the_archive() {
        let zip = archive::write(
            LIST,
            b"otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub\notpauth://hotp/Bank:bob?secret=JBSWY3DPEHPK3PXP&counter=3\n",
            None,
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
