//! Cross-check against an independent implementation, `oathtool` (OATH
//! Toolkit), over a few hundred random cases per run: every algorithm, 6/7/8
//! digits, common and odd periods, edge times and counters up to 2^64−1, with
//! keys written the way people paste them and passed inside percent-encoded URIs.
//!
//! The seed is printed; `TWOFOLD_SEED=<n>` replays a run.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

mod common;

use twofold_core::{Algorithm, uri};

const CASES: usize = 300;
const EDGE_TIMES: [u64; 8] = [
    0,
    29,
    30,
    59,
    60,
    (1 << 31) - 1,
    (1 << 32) + 5,
    4_102_444_800,
];
const EDGE_COUNTERS: [u64; 6] = [0, 1, 1 << 32, (1 << 62) + 3, u64::MAX - 1, u64::MAX];

fn pick<T: Copy>(rng: &mut fastrand::Rng, items: &[T]) -> T {
    items[rng.usize(..items.len())]
}

fn oathtool_available() -> bool {
    if Command::new("oathtool").arg("--version").output().is_ok() {
        return true;
    }
    common::skip("oathtool is not installed (apt-get install oathtool)");
    false
}

fn oathtool(args: &[String]) -> String {
    let output = Command::new("oathtool").args(args).output().unwrap();
    assert!(
        output.status.success(),
        "oathtool {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap().trim().to_owned()
}

/// The key as a person might paste it: any case, grouped with spaces or dashes,
/// sometimes padded.
fn messy(canonical: &str, rng: &mut fastrand::Rng) -> String {
    let mut out = String::new();
    let group = 2 + rng.u64(..4) as usize;
    let separator = pick(rng, &["", " ", "-", "  "]);
    for (i, character) in canonical.chars().enumerate() {
        if i > 0 && i % group == 0 {
            out.push_str(separator);
        }
        out.push(if rng.u64(..2) == 0 {
            character.to_ascii_lowercase()
        } else {
            character
        });
    }
    if rng.u64(..2) == 0 {
        while out
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '=')
            .count()
            % 8
            != 0
        {
            out.push('=');
        }
    }
    out
}

fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => (byte as char).to_string(),
            _ => format!("%{byte:02X}"),
        })
        .collect()
}

#[test]
fn codes_match_oathtool() {
    if !oathtool_available() {
        return;
    }
    let mut rng = common::seeded_rng();
    for case in 0..CASES {
        let algorithm = pick(&mut rng, &Algorithm::ALL);
        let digits = 6 + rng.u64(..3);
        let secret: Vec<u8> = (0..10 + rng.u64(..55)).map(|_| rng.u64(..) as u8).collect();
        let canonical = twofold_core::Secret::from_bytes(secret)
            .unwrap()
            .to_base32();
        let key = percent_encode(&messy(&canonical, &mut rng));
        let hash = algorithm.as_str().to_lowercase();
        let (uri, time, args) = if rng.u64(..3) > 0 {
            let random_period = 1 + rng.u64(..86_400);
            let period = pick(&mut rng, &[30, 60, 1, 86_400, random_period]);
            let time = if rng.u64(..2) == 0 {
                pick(&mut rng, &EDGE_TIMES)
            } else {
                rng.u64(..1 << 34)
            };
            let uri = format!(
                "otpauth://totp/Test%20Co:case{case}?secret={key}&algorithm={hash}&digits={digits}&period={period}&issuer=Test%20Co"
            );
            (
                uri,
                time,
                vec![
                    format!("--totp={hash}"),
                    format!("-s{period}s"),
                    format!("-N@{time}"),
                ],
            )
        } else {
            let mut counter = if rng.u64(..2) == 0 {
                pick(&mut rng, &EDGE_COUNTERS)
            } else {
                rng.u64(..)
            };
            // oathtool's HOTP is SHA1 only; for SHA-2 its TOTP with a 1 s step at
            // time = counter is the same computation, but time_t caps it below 2^63.
            let args = if algorithm == Algorithm::Sha1 {
                vec![format!("-c{counter}")]
            } else {
                counter >>= 2;
                vec![
                    format!("--totp={hash}"),
                    "-s1s".into(),
                    format!("-N@{counter}"),
                ]
            };
            let uri = format!(
                "otpauth://hotp/case{case}?secret={key}&algorithm={hash}&digits={digits}&counter={counter}"
            );
            (uri, 0, args)
        };
        let mut args = args;
        args.extend([format!("-d{digits}"), "-b".into(), canonical]);
        let draft = uri::parse(&uri).unwrap_or_else(|error| panic!("{uri}: {error}"));
        assert_eq!(
            draft.otp.code_at(time).value,
            oathtool(&args),
            "{uri} at {time}"
        );
    }
}
