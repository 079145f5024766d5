//! Text exports with one URI a line: `otpauth://` (plain exports, Ente Auth)
//! and `otpauth-migration://` (Google Authenticator). Blank lines and `#`
//! comments are skipped.

use super::{ImportError, Imported};
use crate::scan::{self, Scanned};

/// Text with a URI line, and not JSON (a damaged JSON export holds URIs too).
pub(super) fn looks_like(bytes: &[u8]) -> bool {
    !super::looks_like_json(bytes)
        && std::str::from_utf8(bytes).is_ok_and(|text| lines(text).next().is_some())
}

pub(super) fn read(bytes: &[u8]) -> Result<Imported, ImportError> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| ImportError::Damaged("the text is not UTF-8".into()))?;
    Ok(read_texts(lines(text)))
}

/// The accounts of URI texts (lines of a file, QR codes of an image).
pub(super) fn read_texts<'a>(texts: impl IntoIterator<Item = &'a str>) -> Imported {
    let mut imported = Imported::default();
    for line in texts {
        match scan::classify(line) {
            Scanned::NotOtp(why) => imported.skipped.push((label_of(line), why)),
            scanned => imported.accounts.extend(scanned.into_accounts()),
        }
    }
    imported
}

/// The lines that hold a URI (a `QR-Code:` or similar prefix is tolerated).
fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| {
            let lower = line.to_ascii_lowercase();
            lower.find("otpauth").map(|at| &line[at..])
        })
}

/// How a skipped line is named: what comes before its parameters (the
/// `secret=` is among them), cleaned and shortened.
fn label_of(line: &str) -> String {
    let before_parameters = line.split('?').next().unwrap_or_default();
    crate::draft::clean_name(before_parameters)
        .chars()
        .take(48)
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::OtpKind;
    use crate::import::summary;

    #[test]
    fn one_uri_a_line_with_bad_lines_listed_without_their_secret() {
        let text = "otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub\n\
                    \n\
                    otpauth://hotp/Bank:bob?secret=GEZDGNBVGY3TQOJQ&counter=2\n\
                    otpauth://totp/Broken:carol?secret=NOT*BASE32SECRET\n";
        assert!(looks_like(text.as_bytes()));
        let imported = read(text.as_bytes()).unwrap();
        assert_eq!(
            summary(&imported),
            [
                ("GitHub", "alice", OtpKind::Totp { period: 30 }),
                ("Bank", "bob", OtpKind::Hotp { counter: 2 })
            ]
        );
        assert_eq!(imported.skipped.len(), 1);
        let (label, why) = &imported.skipped[0];
        assert!(
            !label.contains("NOT*BASE32") && !why.contains("NOT*BASE32"),
            "{label}: {why}"
        );
    }

    #[test]
    fn winauth_text_exports_are_uri_lists() {
        // WinAuth writes one URI a line with parameters of its own (icon,
        // serial), which are not codes' parameters and are left alone.
        let text = "otpauth://totp/Google:alice%40gmail.com?secret=JBSWY3DPEHPK3PXP&digits=6&icon=Google\r\n\
                    otpauth://totp/Battle.net:US-1234-5678-9012?secret=GEZDGNBVGY3TQOJQ&digits=8&icon=BattleNet&serial=US-1234-5678-9012\r\n";
        assert!(looks_like(text.as_bytes()));
        let imported = read(text.as_bytes()).unwrap();
        assert_eq!(
            summary(&imported),
            [
                ("Google", "alice@gmail.com", OtpKind::Totp { period: 30 }),
                (
                    "Battle.net",
                    "US-1234-5678-9012",
                    OtpKind::Totp { period: 30 }
                )
            ]
        );
        assert_eq!(imported.accounts[1].otp.digits(), 8);
    }
}
