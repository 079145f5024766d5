#!/usr/bin/env bash
# The Wayland end-to-end tests: a headless sway session (wlroots' headless
# backend, pixman renderer) with PipeWire, the desktop portals, XWayland, a
# real keyring and a tray host; in it the CLI's `scan --screen`, and the app
# over WebDriver as a native Wayland client.
#   tests/wayland/run.sh [--test-name-pattern X]
# (after: cargo build -p twofold-app -p twofold-cli -p twofold-core --bins --examples)
#
# sway refuses to run as root: as root, this runs the session as the
# unprivileged user "twofold-wayland" (made here if missing), on copies of the
# binaries and tests it can read.
set -euo pipefail
cd "$(dirname "$0")/../.."
target="${CARGO_TARGET_DIR:-$PWD/target}/debug"
artifacts="${TWOFOLD_ARTIFACTS:-/tmp/twofold-e2e-artifacts}"
scratch=$(mktemp -d /tmp/twofold-wayland.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/target/debug/examples" "$scratch/tests" "$scratch/scripts" "$scratch/bin" "$artifacts"
cp "$(command -v tauri-driver)" "$scratch/bin/"
cp "$target/twofold" "$target/twofold-app" "$scratch/target/debug/"
for example in qr_png tray_host shortcuts_portal; do
  cp "$target/examples/$example" "$scratch/target/debug/examples/"
done
cp -r tests/e2e tests/wayland tests/node_modules tests/package.json "$scratch/tests/"
cp scripts/with-keyring.sh scripts/start-keyring.sh "$scratch/scripts/"
chmod -R a+rX "$scratch"

run=(bash "$scratch/tests/wayland/session.sh" "$@")
if [ "$(id -u)" -eq 0 ]; then
  id twofold-wayland >/dev/null 2>&1 || useradd --create-home --shell /bin/bash twofold-wayland
  mkdir -p "$scratch/artifacts" && chown twofold-wayland "$scratch/artifacts"
  status=0
  runuser -u twofold-wayland -- env -i PATH="$scratch/bin:$PATH" HOME=/home/twofold-wayland CI="${CI:-}" \
    TWOFOLD_ARTIFACTS="$scratch/artifacts" "${run[@]}" || status=$?
  cp -r "$scratch/artifacts/." "$artifacts/" 2>/dev/null || true
  exit "$status"
fi
TWOFOLD_ARTIFACTS="$artifacts" "${run[@]}"
