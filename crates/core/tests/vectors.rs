//! RFC 4226, RFC 6238 and Steam Guard known-answer tests from
//! `shared/fixtures/otp-vectors.json`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use twofold_core::{Algorithm, Otp, OtpKind, Secret};

fn otp(kind: OtpKind, algorithm: &str, digits: u64, base32: &str) -> Otp {
    Otp::new(
        kind,
        algorithm.parse::<Algorithm>().unwrap(),
        digits as u8,
        Secret::from_base32(base32).unwrap(),
    )
    .unwrap()
}

#[test]
fn rfc4226_hotp() {
    let Some(dir) = common::fixtures() else {
        return;
    };
    let vectors = common::read_json(dir.join("otp-vectors.json"));
    let hotp = &vectors["hotp_rfc4226"];
    let cases = hotp["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 10);
    for case in cases {
        let counter = case["counter"].as_u64().unwrap();
        let otp = otp(
            OtpKind::Hotp { counter },
            hotp["algorithm"].as_str().unwrap(),
            hotp["digits"].as_u64().unwrap(),
            hotp["secret_base32"].as_str().unwrap(),
        );
        assert_eq!(
            otp.code_at(0).value,
            case["expected_code"].as_str().unwrap(),
            "counter {counter}"
        );
    }
}

#[test]
fn rfc6238_totp() {
    let Some(dir) = common::fixtures() else {
        return;
    };
    let vectors = common::read_json(dir.join("otp-vectors.json"));
    let totp = &vectors["totp_rfc6238"];
    let cases = totp["cases"].as_array().unwrap();
    assert!(cases.len() >= 18, "{} cases", cases.len());
    for case in cases {
        let algorithm = case["algorithm"].as_str().unwrap();
        let time = case["time"].as_u64().unwrap();
        let otp = otp(
            OtpKind::Totp {
                period: totp["period"].as_u64().unwrap() as u32,
            },
            algorithm,
            totp["digits"].as_u64().unwrap(),
            totp["seeds"][algorithm]["base32"].as_str().unwrap(),
        );
        assert_eq!(
            otp.code_at(time).value,
            case["expected_code"].as_str().unwrap(),
            "{algorithm} at {time}"
        );
    }
}

#[test]
fn steam_guard() {
    let Some(dir) = common::fixtures() else {
        return;
    };
    let vectors = common::read_json(dir.join("otp-vectors.json"));
    let cases = vectors["steam_guard"]["cases"].as_array().unwrap();
    assert!(!cases.is_empty());
    for case in cases {
        let otp = otp(
            OtpKind::Steam,
            "SHA1",
            5,
            case["secret_base32"].as_str().unwrap(),
        );
        let time = case["time"].as_u64().unwrap();
        assert_eq!(
            otp.code_at(time).value,
            case["expected_code"].as_str().unwrap(),
            "at {time}"
        );
    }
}
