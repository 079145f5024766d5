//! Shared by the integration tests: where the external reference data is, and
//! accounts in the shape of its `expected.json`.

// Each test crate compiles this module and uses only part of it.
#![allow(dead_code)]

use std::path::PathBuf;

use serde_json::{Value, json};
use twofold_core::{AccountDraft, OtpKind};

/// `../shared/fixtures` (or `$TWOFOLD_FIXTURES`). `None` when it is absent,
/// which skips the test with a message — except under `CI=true`, where the
/// fixtures are required and their absence fails the test.
pub fn fixtures() -> Option<PathBuf> {
    let dir = std::env::var_os("TWOFOLD_FIXTURES")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures")
        });
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "fixtures not found at {} (set TWOFOLD_FIXTURES)",
        dir.display()
    );
    eprintln!("SKIPPED: fixtures not found at {}", dir.display());
    None
}

pub fn read_json(path: PathBuf) -> serde_json::Value {
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// The account in `expected.json`'s shape.
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
