#!/usr/bin/env bash
# Every test of the project, as CI runs them: formatting, lints, then the Rust
# tests (unit, fixtures, oathtool cross-check, CLI) against a real keyring.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "UI: type check, component tests, build"
(cd ui && npm run --silent check && npm run --silent test && npm run --silent build)
step "cargo fmt --check"
cargo fmt --all -- --check
step "cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings
step "QR corpus subset (headless Chromium)"
export TWOFOLD_QR_CORPUS="${CARGO_TARGET_DIR:-$PWD/target}/qr-corpus-subset"
rm -rf "$TWOFOLD_QR_CORPUS"
cargo run --quiet --locked -p twofold-core --example qr_corpus -- "$TWOFOLD_QR_CORPUS" --subset >/dev/null
step "cargo test (with a real Secret Service)"
scripts/with-keyring.sh cargo test --workspace --locked
step "all tests passed"
