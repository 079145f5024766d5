//! Shared by the integration tests of the core and the CLI: where the
//! external reference data is, how a test skips itself when something it needs
//! is absent, and accounts in the shape of the data's `expected.json`.

// Each test crate compiles this module and uses only part of it.
#![allow(dead_code)]

use std::path::PathBuf;

use serde_json::{Value, json};
use twofold_core::{AccountDraft, OtpKind};

/// The external reference data: `$TWOFOLD_FIXTURES`, else `shared/fixtures`
/// beside the clone (where CI puts it). `None` when it is absent, which skips
/// the test (see `skip`).
pub fn fixtures() -> Option<PathBuf> {
    let dir = std::env::var_os("TWOFOLD_FIXTURES")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures")
        });
    if dir.is_dir() {
        return Some(dir);
    }
    skip(&format!(
        "fixtures not found at {} (set TWOFOLD_FIXTURES)",
        dir.display()
    ));
    None
}

/// A file of the fixtures' `imports/`; `None` (skipped) when absent.
pub fn fixture(path: &str) -> Option<PathBuf> {
    let file = fixtures()?.join("imports").join(path);
    if file.is_file() {
        return Some(file);
    }
    skip(&format!("fixture missing: {}", file.display()));
    None
}

/// A random generator for a randomised test: seeded from `$TWOFOLD_SEED`
/// when set, else at random; the seed is printed so that a run can be
/// replayed.
pub fn seeded_rng() -> fastrand::Rng {
    let seed = std::env::var("TWOFOLD_SEED")
        .ok()
        .and_then(|seed| seed.parse().ok())
        .unwrap_or_else(|| fastrand::u64(..));
    eprintln!("TWOFOLD_SEED={seed} replays this run");
    fastrand::Rng::with_seed(seed)
}

/// Records that the running test skips itself for `reason`: on standard
/// error, and appended to `$TWOFOLD_SKIP_LOG` when set, so that `make test`
/// can list every skip at the end (cargo hides a passing test's output).
/// Under `CI=true` nothing may be missing: the test fails instead.
pub fn skip(reason: &str) {
    assert!(std::env::var("CI").as_deref() != Ok("true"), "{reason}");
    let test = std::thread::current().name().unwrap_or("?").to_owned();
    let line = format!("SKIPPED {} {test}: {reason}", env!("CARGO_CRATE_NAME"));
    eprintln!("{line}");
    if let Some(log) = std::env::var_os("TWOFOLD_SKIP_LOG") {
        let appended = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log)
            .and_then(|mut file| {
                std::io::Write::write_all(&mut file, format!("{line}\n").as_bytes())
            });
        if let Err(error) = appended {
            eprintln!("could not record the skip: {error}");
        }
    }
}

pub fn read_json(path: PathBuf) -> serde_json::Value {
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// The account in `expected.json`'s shape.
/// The accounts a fixture must yield. `expected.json` keeps each name as the
/// file holds it ("an importer may keep or strip" an issuer repeated before
/// the name); Twofold strips it (`draft::without_issuer`), so that rule is
/// applied to the expected names too.
pub fn expected_accounts(entry: &Value) -> Vec<Value> {
    let mut accounts = entry["accounts"].as_array().cloned().unwrap_or_default();
    for account in &mut accounts {
        let issuer = account["issuer"].as_str().unwrap_or_default().to_owned();
        let name = account["name"].as_str().unwrap_or_default().to_owned();
        account["name"] = json!(twofold_core::draft::without_issuer(&issuer, &name));
    }
    accounts
}

pub fn as_expected(draft: &AccountDraft) -> Value {
    let otp = &draft.otp;
    let mut account = json!({
        "issuer": draft.issuer,
        "name": draft.name,
        "type": otp.kind().name(),
        "algorithm": otp.algorithm().as_str(),
        "digits": otp.digits(),
        "secret": otp.secret().to_base32(),
    });
    match otp.kind() {
        OtpKind::Hotp { counter } => account["counter"] = json!(counter),
        kind => account["period"] = json!(kind.period()),
    }
    account
}
