//! The Battle.net app's preferences file: the serial and the secret as hex,
//! each XORed with a fixed mask (obfuscated, not encrypted). The serial is
//! the account's name; the secret is 20 bytes; codes are 8-digit TOTP.

use super::android_prefs::Prefs;
use super::{Fields, ImportError, Imported};
use crate::otp::Secret;
use zeroize::Zeroizing;

const SERIAL: &str = "com.blizzard.messenger.AUTHENTICATOR_SERIAL";
const SECRET: &str = "com.blizzard.messenger.AUTHENTICATOR_DEVICE_SECRET";

/// The app's mask, as published by every reader of these files.
pub(super) const MASK: [u8; 56] = [
    0x39, 0x8e, 0x27, 0xfc, 0x50, 0x27, 0x6a, 0x65, 0x60, 0x65, 0xb0, 0xe5, 0x25, 0xf4, 0xc0, 0x6c,
    0x04, 0xc6, 0x10, 0x75, 0x28, 0x6b, 0x8e, 0x7a, 0xed, 0xa5, 0x9d, 0xa9, 0x81, 0x3b, 0x5d, 0xd6,
    0xc8, 0x0d, 0x2f, 0xb3, 0x80, 0x68, 0x77, 0x3f, 0xa5, 0x9b, 0xa4, 0x7c, 0x17, 0xca, 0x6c, 0x64,
    0x79, 0x01, 0x5c, 0x1d, 0x5b, 0x8b, 0x8f, 0x6b,
];

pub(super) fn looks_like(bytes: &[u8]) -> bool {
    Prefs::parse(bytes).is_some_and(|prefs| prefs.get(SECRET).is_some())
}

pub(super) fn read(bytes: &[u8]) -> Result<Imported, ImportError> {
    let prefs = Prefs::read(bytes)?;
    let field = |name: &str| -> Result<Zeroizing<String>, ImportError> {
        let masked = prefs
            .get(name)
            .ok_or_else(|| ImportError::Damaged(format!("{name} is missing")))?;
        unmask(masked).ok_or_else(|| ImportError::Damaged(format!("{name} is not masked hex")))
    };
    let serial = field(SERIAL)?;
    let secret = field(SECRET)?;
    let draft = super::checked(Fields {
        issuer: "Battle.net",
        name: &serial,
        kind: "totp",
        algorithm: Some("SHA1"),
        digits: Some(8),
        period: Some(30),
        counter: None,
        secret: Secret::from_hex(&secret),
        group: None,
    });
    Ok(Imported::from_entries([(serial.to_string(), draft)]))
}

/// Hex text XORed with the mask, as text (wiped when dropped: it may be the
/// secret).
fn unmask(masked: &str) -> Option<Zeroizing<String>> {
    let masked = Secret::from_hex(masked).ok()?;
    if masked.as_bytes().len() > MASK.len() {
        return None;
    }
    let plain = masked
        .as_bytes()
        .iter()
        .zip(MASK)
        .map(|(byte, mask)| byte ^ mask);
    String::from_utf8(plain.collect()).ok().map(Zeroizing::new)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn mask(text: &str) -> String {
        text.bytes()
            .zip(MASK)
            .map(|(byte, mask)| format!("{:02x}", byte ^ mask))
            .collect()
    }

    #[test]
    fn unmasks_the_serial_and_the_secret() {
        let secret = "48656c6c6f21deadbeef48656c6c6f21deadbeef";
        let file = String::from_utf8(crate::import::android_prefs::write(&[
            (SECRET, &mask(secret)),
            (SERIAL, &mask("EU-1234-5678-9012")),
        ]))
        .unwrap();
        assert!(looks_like(file.as_bytes()));
        let imported = read(file.as_bytes()).unwrap();
        let account = &imported.accounts[0];
        assert_eq!(
            (account.issuer.as_str(), account.name.as_str()),
            ("Battle.net", "EU-1234-5678-9012")
        );
        assert_eq!(
            account.otp.secret().to_base32(),
            "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
        );
        assert_eq!(account.otp.digits(), 8);
        let broken = file.replace(&mask(secret), "zz");
        assert!(matches!(
            read(broken.as_bytes()),
            Err(ImportError::Damaged(_))
        ));
    }
}
