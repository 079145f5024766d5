#!/usr/bin/env bash
# Measures the release app from outside, as a user sees it, and prints one
# table (min/median/max of 5 launches each; BENCH_LAUNCHES to change): a bare
# Tauri 2 window as the floor, the empty list, the first code with 200 and
# 1,000 accounts, memory shown and hidden to the tray, the quick pick, the
# window shown again; then the size of the .deb. See scripts/bench-app.py.
#   scripts/bench-app.sh
set -euo pipefail
cd "$(dirname "$0")/.."
(cd ui && npm run --silent build)
export BENCH_TARGET="${CARGO_TARGET_DIR:-$PWD/target}"
ui/node_modules/.bin/tauri build --bundles deb >/dev/null 2>&1
cargo build --release --locked -p twofold-cli >/dev/null 2>&1
cargo build --release --locked -p twofold-app --example bare_window --example tray_host >/dev/null 2>&1
xvfb-run -a -s "-screen 0 1280x800x24" scripts/with-keyring.sh python3 scripts/bench-app.py
deb=$(ls -t "$BENCH_TARGET"/release/bundle/deb/*.deb | head -1)
echo ".deb: $(basename "$deb") $(du -k "$deb" | cut -f1) KiB"
