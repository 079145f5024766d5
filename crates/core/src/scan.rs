//! What the QR codes of an image (or any scanned text) hold for Twofold:
//! accounts, transfer batches, or something that is not a 2FA code at all.

use crate::draft::AccountDraft;
use crate::migration;
use crate::uri::{self, UriError};

/// One scanned text, sorted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scanned {
    /// An `otpauth://` setup code.
    Account(AccountDraft),
    /// A Google Authenticator transfer code with its accounts.
    Transfer(migration::Batch),
    /// A QR code that is not a 2FA setup code, or a broken one: why.
    NotOtp(String),
}

impl Scanned {
    /// The accounts it holds (none for [`Scanned::NotOtp`]).
    pub fn into_accounts(self) -> Vec<AccountDraft> {
        match self {
            Scanned::Account(draft) => vec![draft],
            Scanned::Transfer(batch) => batch.accounts,
            Scanned::NotOtp(_) => Vec::new(),
        }
    }
}

/// What a set of scanned texts holds: the accounts, and why the other codes
/// are no use.
#[derive(Debug, Default)]
pub struct Findings {
    pub accounts: Vec<AccountDraft>,
    pub not_otp: Vec<String>,
}

/// Sorts the texts of one scan (every code of an image, say).
pub fn findings<'a>(texts: impl IntoIterator<Item = &'a str>) -> Findings {
    let mut findings = Findings::default();
    for text in texts {
        match classify(text) {
            Scanned::NotOtp(why) => findings.not_otp.push(why),
            scanned => findings.accounts.extend(scanned.into_accounts()),
        }
    }
    findings
}

/// Sorts one scanned text.
pub fn classify(text: &str) -> Scanned {
    match uri::parse(text) {
        Ok(draft) => Scanned::Account(draft),
        Err(UriError::TransferPayload) => match migration::decode(text) {
            Ok(batch) => Scanned::Transfer(batch),
            Err(error) => Scanned::NotOtp(format!(
                "a damaged Google Authenticator transfer code: {error}"
            )),
        },
        Err(UriError::WebLink) => Scanned::NotOtp(web_link(text)),
        Err(UriError::NotOtpauth) => Scanned::NotOtp(describe_other(text)),
        Err(error) => Scanned::NotOtp(format!("a 2FA setup code Twofold cannot use: {error}")),
    }
}

fn describe_other(text: &str) -> String {
    let lower = text.trim_start().to_ascii_lowercase();
    let what = if lower.starts_with("wifi:") {
        "a Wi-Fi network".to_owned()
    } else if lower.starts_with("mailto:") {
        "an e-mail address".to_owned()
    } else if lower.starts_with("begin:vcard") {
        "a contact card".to_owned()
    } else if lower.starts_with("tel:") {
        "a phone number".to_owned()
    } else {
        "text".to_owned()
    };
    format!("{what}, not a 2FA setup code")
}

/// A web link named by its host only: the text may come from the clipboard,
/// and the rest of a link (tokens, one-time links) is not for messages.
fn web_link(text: &str) -> String {
    let after_scheme = text.trim().split_once("://").map_or("", |(_, rest)| rest);
    let host = after_scheme
        .split(['/', '?', '#'])
        .next()
        .and_then(|authority| authority.rsplit('@').next())
        .map(crate::draft::clean_name)
        .unwrap_or_default();
    match host.chars().take(60).collect::<String>() {
        host if host.is_empty() => "a web link, not a 2FA setup code".to_owned(),
        host => format!("a web link to {host}, not a 2FA setup code"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_what_a_qr_code_holds() {
        assert!(matches!(
            classify("otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP"),
            Scanned::Account(_)
        ));
        let transfer =
            migration::encode(&[uri::parse("otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP").unwrap()])
                .unwrap();
        assert_eq!(classify(&transfer[0]).into_accounts().len(), 1);
        let Scanned::NotOtp(why) = classify("https://user@example.com/reset?token=s3cret") else {
            panic!()
        };
        assert_eq!(why, "a web link to example.com, not a 2FA setup code");
        // Other text (it may come from the clipboard) is never quoted back.
        let Scanned::NotOtp(why) = classify("my password is hunter2") else {
            panic!()
        };
        assert_eq!(why, "text, not a 2FA setup code");
        let Scanned::NotOtp(why) = classify("WIFI:S:home;T:WPA;P:secret;;") else {
            panic!()
        };
        assert_eq!(why, "a Wi-Fi network, not a 2FA setup code");
        let Scanned::NotOtp(why) = classify("otpauth://totp/x?issuer=A") else {
            panic!()
        };
        assert_eq!(why, "a 2FA setup code Twofold cannot use: missing secret");
        let Scanned::NotOtp(why) = classify("otpauth-migration://offline?data=XXXX") else {
            panic!()
        };
        assert!(why.starts_with("a damaged Google Authenticator transfer code"));
    }
}
