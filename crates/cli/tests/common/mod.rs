//! Shared by the CLI's integration tests: where the external fixtures are.

use std::path::PathBuf;

/// A file of `shared/fixtures/imports` (or `$TWOFOLD_FIXTURES/imports`);
/// `None` (skip, with a message) when absent, except under `CI=true`.
pub fn fixture(path: &str) -> Option<PathBuf> {
    let dir = std::env::var_os("TWOFOLD_FIXTURES")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures")
        });
    let file = dir.join("imports").join(path);
    if file.is_file() {
        return Some(file);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "fixture missing: {}",
        file.display()
    );
    eprintln!("SKIPPED: fixtures not found at {}", dir.display());
    None
}
