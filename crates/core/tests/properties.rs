//! Property tests: URIs and keys round-trip, and no input makes a parser panic.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;
use twofold_core::{AccountDraft, Algorithm, Otp, OtpKind, Secret, migration, uri};

/// Issuer and account names as sites write them, and worse: any Unicode, with
/// the separators and escapes of the URI syntax, but no whitespace at the ends
/// (which every app trims).
fn label_text() -> impl Strategy<Value = String> {
    prop_oneof!["[A-Za-z0-9 .@+:%&?#=/-]{0,24}", "\\PC{0,16}",]
        .prop_map(|text| text.trim().to_owned())
}

fn kind() -> impl Strategy<Value = OtpKind> {
    prop_oneof![
        (1..=86_400u32).prop_map(|period| OtpKind::Totp { period }),
        any::<u64>().prop_map(|counter| OtpKind::Hotp { counter }),
        Just(OtpKind::Steam),
    ]
}

fn draft() -> impl Strategy<Value = AccountDraft> {
    (
        label_text(),
        label_text(),
        kind(),
        prop::sample::select(Algorithm::ALL.to_vec()),
        6..=8u8,
        prop::collection::vec(any::<u8>(), 1..64),
    )
        .prop_map(|(issuer, name, kind, algorithm, digits, secret)| {
            AccountDraft::new(
                issuer,
                name,
                Otp::new(kind, algorithm, digits, Secret::from_bytes(secret).unwrap()).unwrap(),
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn format_then_parse_gives_the_same_account(draft in draft()) {
        let text = uri::format(&draft);
        prop_assert_eq!(uri::parse(&text).unwrap(), draft, "{}", text);
    }

    #[test]
    fn every_pasted_form_of_a_key_decodes_to_the_same_bytes(
        bytes in prop::collection::vec(any::<u8>(), 1..64),
        group in 1..9usize,
        separator in prop::sample::select(vec!["", " ", "-", "  ", "\t", " - "]),
        lower_mask in any::<u64>(),
        padded in any::<bool>(),
    ) {
        let canonical = Secret::from_bytes(bytes.clone()).unwrap().to_base32();
        let mut pasted = String::new();
        for (i, character) in canonical.chars().enumerate() {
            if i > 0 && i % group == 0 {
                pasted.push_str(separator);
            }
            pasted.push(if lower_mask >> (i % 64) & 1 == 1 { character.to_ascii_lowercase() } else { character });
        }
        if padded {
            pasted.push_str(&"=".repeat((8 - canonical.len() % 8) % 8));
        }
        let decoded = Secret::from_base32(&pasted).unwrap();
        prop_assert_eq!(decoded.as_bytes(), bytes.as_slice(), "{}", pasted);
    }

    #[test]
    fn parsers_never_panic(text in "\\PC{0,200}") {
        let _ = uri::parse(&text);
        let _ = uri::parse(&format!("otpauth://totp/{text}"));
        let _ = uri::parse(&format!("otpauth://hotp/x?{text}"));
        let _ = migration::decode(&text);
        let _ = migration::decode(&format!("otpauth-migration://offline?data={text}"));
        let _ = Secret::from_base32(&text);
    }

    #[test]
    fn migration_never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        use base64::Engine as _;
        let data = base64::engine::general_purpose::STANDARD.encode(bytes);
        let _ = migration::decode(&format!("otpauth-migration://offline?data={data}"));
    }
}
