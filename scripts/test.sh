#!/usr/bin/env bash
# Every test of the project, as CI runs them: the UI's type check and component
# tests, formatting, lints, the Rust tests (unit, fixtures, oathtool
# cross-check, QR corpus, CLI) against a real keyring, then the end-to-end
# tests of the real app (under Xvfb, then on a headless Wayland desktop), then
# its packages, installed on this machine.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

# Tests whose optional inputs are missing (the external fixtures outside CI)
# skip themselves and note it here; the list is printed at the end.
export TWOFOLD_SKIP_LOG
TWOFOLD_SKIP_LOG=$(mktemp)
trap 'rm -f "$TWOFOLD_SKIP_LOG"' EXIT

step "UI: formatting, type check, component tests, build"
(cd ui && npm run --silent format:check && npm run --silent check && npm run --silent test && npm run --silent build)
step "cargo fmt --check"
cargo fmt --all -- --check
step "cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings
step "cargo doc (no warnings)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked --quiet
step "QR corpus subset (headless Chromium)"
export TWOFOLD_QR_CORPUS="${CARGO_TARGET_DIR:-$PWD/target}/qr-corpus-subset"
rm -rf "$TWOFOLD_QR_CORPUS"
cargo run --quiet --locked -p twofold-core --example qr_corpus -- "$TWOFOLD_QR_CORPUS" --subset >/dev/null
step "cargo test (with a real Secret Service)"
scripts/with-keyring.sh cargo test --workspace --locked
step "the window's TypeScript types match the Rust ones"
# The test run above rewrote ui/src/lib/generated.ts from the Rust types.
if git rev-parse --is-inside-work-tree >/dev/null 2>&1 &&
  ! git diff --exit-code --stat -- ui/src/lib/generated.ts; then
  echo "ui/src/lib/generated.ts was out of date; commit the regenerated file." >&2
  exit 1
fi
step "crash injection (alone, in a keyring session of its own)"
scripts/with-keyring.sh cargo test --locked -p twofold-cli --test vault_cli -- --ignored
step "end-to-end: the real app under Xvfb, over WebDriver, with a real keyring"
cargo build --locked -p twofold-app -p twofold-cli -p twofold-core --bins --examples
tests/e2e/run.sh
step "end-to-end on Wayland: headless sway, the portals, XWayland"
tests/wayland/run.sh
step "the .deb and .rpm: built, installed, upgraded, started, removed"
tests/packages/run.sh
step "all tests passed"
if [ -s "$TWOFOLD_SKIP_LOG" ]; then
  echo "Skipped, for want of optional test data (CI has it):"
  sort -u "$TWOFOLD_SKIP_LOG" | sed 's/^/  /'
fi
