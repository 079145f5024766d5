#!/usr/bin/env bash
# Measures the release app: cold start to all codes visible with N accounts
# (default 200; includes starting WebKitWebDriver, so it is an upper bound),
# idle memory of all its processes, and the size of the .deb.
#   scripts/bench-app.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-200}
(cd ui && npm run --silent build)
target="${CARGO_TARGET_DIR:-$PWD/target}"
ui/node_modules/.bin/tauri build --bundles deb >/dev/null 2>&1
deb=$(ls -t "$target"/release/bundle/deb/*.deb | head -1)
echo ".deb: $(basename "$deb") $(du -k "$deb" | cut -f1) KiB"
cargo build --release --locked -p twofold-cli >/dev/null 2>&1
export TWOFOLD_BIN="$target/release/twofold" TWOFOLD_APP="$target/release/twofold-app" COUNT=$count
exec xvfb-run -a -s "-screen 0 1280x800x24" scripts/with-keyring.sh bash -c '
  for i in $(seq "$COUNT"); do
    "$TWOFOLD_BIN" add "otpauth://totp/Service$i:user$i@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Service$i" >/dev/null
  done
  tauri-driver --port 4444 >/dev/null 2>&1 &
  trap "kill $! 2>/dev/null" EXIT
  sleep 1
  for run in 1 2 3; do node tests/e2e/measure-start.js "$TWOFOLD_APP" "$COUNT"; done
'
