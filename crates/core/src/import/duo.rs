//! Duo Mobile's account list: a JSON array of `{name, otpGenerator:
//! {otpSecret, counter?}}`. Duo keeps no issuer, algorithm, digits or
//! period: SHA1, 6 digits, 30 s; a counter makes it HOTP.

use serde::Deserialize;

use super::{Fields, ImportError, Imported};
use crate::otp::Secret;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Account {
    #[serde(default, deserialize_with = "super::null_as_default")]
    name: String,
    otp_generator: Generator,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Generator {
    #[serde(default, deserialize_with = "super::null_as_default")]
    otp_secret: String,
    counter: Option<u64>,
}

pub(super) fn looks_like(bytes: &[u8]) -> bool {
    super::json_value(bytes).is_some_and(|value| {
        value
            .as_array()
            .and_then(|accounts| accounts.first())
            .is_some_and(|account| account.pointer("/otpGenerator/otpSecret").is_some())
    })
}

pub(super) fn read(bytes: &[u8]) -> Result<Imported, ImportError> {
    let accounts: Vec<Account> = super::json(bytes)?;
    Ok(Imported::from_entries(accounts.into_iter().map(
        |account| {
            let generator = account.otp_generator;
            let draft = super::checked(Fields {
                issuer: "",
                name: &account.name,
                kind: if generator.counter.is_some() {
                    "hotp"
                } else {
                    "totp"
                },
                algorithm: None,
                digits: None,
                period: None,
                counter: generator.counter,
                secret: Secret::from_base32(&generator.otp_secret),
                group: None,
            });
            (account.name, draft)
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
    fn a_counter_makes_it_hotp() {
        let export = r#"[
            {"version": 1.0, "name": "alice", "otpGenerator": {"otpSecret": "JBSWY3DPEHPK3PXP"}},
            {"name": "bob", "otpGenerator": {"otpSecret": "JBSWY3DPEHPK3PXP", "counter": 3}},
            {"name": "carol", "otpGenerator": {"otpSecret": "not base32!"}}]"#;
        assert!(looks_like(export.as_bytes()));
        let imported = read(export.as_bytes()).unwrap();
        assert_eq!(
            summary(&imported),
            [
                ("", "alice", OtpKind::Totp { period: 30 }),
                ("", "bob", OtpKind::Hotp { counter: 3 })
            ]
        );
        assert_eq!(imported.skipped[0].0, "carol");
    }
}
