//! FreeOTP+ JSON exports: `{tokenOrder, tokens[]}`, each secret a JSON array
//! of signed bytes. HOTP counters are kept as FreeOTP keeps them (the last
//! counter used, one less than the next), as Aegis does.

use serde::Deserialize;

use super::{Fields, ImportError, Imported};
use crate::otp::Secret;

#[derive(Deserialize)]
struct Export {
    tokens: Vec<Token>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Token {
    #[serde(default, deserialize_with = "super::null_as_default")]
    issuer_ext: String,
    #[serde(default, deserialize_with = "super::null_as_default")]
    label: String,
    #[serde(rename = "type")]
    kind: String,
    algo: Option<String>,
    digits: Option<u8>,
    period: Option<u32>,
    counter: Option<u64>,
    secret: Vec<i8>,
}

pub(super) fn looks_like(bytes: &[u8]) -> bool {
    super::json_value(bytes).is_some_and(|value| {
        value.get("tokens").is_some_and(serde_json::Value::is_array)
            && value.get("tokenOrder").is_some()
    })
}

pub(super) fn read(bytes: &[u8]) -> Result<Imported, ImportError> {
    let export: Export = super::json(bytes)?;
    Ok(Imported::from_entries(export.tokens.into_iter().map(
        |token| {
            let label = crate::draft::label(&token.issuer_ext, &token.label);
            let bytes = token
                .secret
                .iter()
                .map(|byte| byte.cast_unsigned())
                .collect();
            let draft = super::checked(Fields {
                issuer: &token.issuer_ext,
                name: &token.label,
                kind: &token.kind,
                algorithm: token.algo.as_deref(),
                digits: token.digits,
                period: token.period,
                counter: token.counter,
                secret: Secret::from_bytes(bytes),
                group: None,
            });
            (label, draft)
        },
    )))
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
