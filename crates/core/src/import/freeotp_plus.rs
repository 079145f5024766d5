//! FreeOTP+ JSON exports: `{tokenOrder, tokens[]}`, each secret a JSON array
//! of signed bytes. HOTP counters are kept as FreeOTP keeps them (the last
//! counter used, one less than the next), as Aegis does.

use serde::Deserialize;

use super::freeotp::Token;
use super::{ImportError, Imported};

#[derive(Deserialize)]
struct Export {
    tokens: Vec<Token>,
}

pub(super) fn looks_like(bytes: &[u8]) -> bool {
    super::json_value(bytes).is_some_and(|value| {
        value.get("tokens").is_some_and(serde_json::Value::is_array)
            && value.get("tokenOrder").is_some()
    })
}

pub(super) fn read(bytes: &[u8]) -> Result<Imported, ImportError> {
    let export: Export = super::json(bytes)?;
    Ok(Imported::from_entries(
        export.tokens.iter().map(|token| token.entry(None)),
    ))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::OtpKind;
    use crate::import::summary;

    #[test]
    fn secrets_are_signed_byte_arrays() {
        // "Hello!\xde\xad\xbe\xef" is JBSWY3DPEHPK3PXP; 0xde.. are negative as i8.
        let export = r#"{"tokenOrder": ["a", "b"], "tokens": [
            {"issuerExt": "GitHub", "label": "alice", "type": "TOTP", "algo": "SHA1", "digits": 6,
             "period": 30, "secret": [72, 101, 108, 108, 111, 33, -34, -83, -66, -17]},
            {"issuerExt": "Bank", "label": "bob", "type": "HOTP", "counter": 3, "secret": []}]}"#;
        assert!(looks_like(export.as_bytes()));
        let imported = read(export.as_bytes()).unwrap();
        assert_eq!(
            summary(&imported),
            [("GitHub", "alice", OtpKind::Totp { period: 30 })]
        );
        assert_eq!(
            imported.accounts[0].otp.secret().to_base32(),
            "JBSWY3DPEHPK3PXP"
        );
        assert_eq!(imported.skipped[0].0, "Bank (bob)", "an empty secret");
    }
}
