#!/usr/bin/env bash
# The session of tests/wayland/run.sh, as an unprivileged user, from the copy
# it made: its own runtime dir, D-Bus session and keyring (with-keyring.sh),
# then sway, PipeWire, a tray host and tauri-driver, then the tests.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
if [ -z "${TWOFOLD_IN_KEYRING_SESSION:-}" ]; then
  XDG_RUNTIME_DIR=$(mktemp -d /tmp/twofold-wayland-run.XXXXXX)
  export XDG_RUNTIME_DIR
  trap 'rm -rf "$XDG_RUNTIME_DIR"' EXIT
  status=0
  "$here/scripts/with-keyring.sh" bash "$0" "$@" || status=$?
  exit "$status"
fi
export HOME="$XDG_DATA_HOME/home" CARGO_TARGET_DIR="$here/target"
mkdir -p "$HOME"
# The desktop the portals serve (xdg-desktop-portal-wlr's UseIn).
export XDG_CURRENT_DESKTOP=sway XDG_SESSION_TYPE=wayland
work=$(mktemp -d)
# The app's window floats at the right: the tests show a QR code at the left,
# and the window must never hide it.
cat >"$work/sway.conf" <<CONF
output HEADLESS-1 resolution 1280x800 position 0 0
xwayland enable
for_window [title="^Twofold"] floating enable, move position 820 40
CONF
WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 WLR_RENDERER=pixman sway -c "$work/sway.conf" >"$work/sway.log" 2>&1 &
sway=$!
pids=("$sway")
cleanup() { kill "${pids[@]}" 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 100); do compgen -G "$XDG_RUNTIME_DIR/sway-ipc.*.sock" >/dev/null && [ -S "$XDG_RUNTIME_DIR/wayland-1" ] && break; sleep 0.1; done
export WAYLAND_DISPLAY=wayland-1 SWAYSOCK
SWAYSOCK=$(compgen -G "$XDG_RUNTIME_DIR/sway-ipc.*.sock" | head -1) || { cat "$work/sway.log"; exit 1; }
# XWayland's display, as sway gives it to what it starts.
swaymsg exec "printenv DISPLAY > $work/display" >/dev/null
for _ in $(seq 50); do [ -s "$work/display" ] && break; sleep 0.1; done
export TWOFOLD_XWAYLAND_DISPLAY
TWOFOLD_XWAYLAND_DISPLAY=$(cat "$work/display" 2>/dev/null || true)
# The Screenshot portal's wlr backend needs PipeWire running.
pipewire >"$work/pipewire.log" 2>&1 &
pids+=($!)
dbus-update-activation-environment WAYLAND_DISPLAY XDG_CURRENT_DESKTOP XDG_SESSION_TYPE XDG_RUNTIME_DIR
tauri-driver --port 4444 >"$work/tauri-driver.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/4444) 2>/dev/null && break; sleep 0.2; done
cd "$here/tests"
status=0
node --test --test-concurrency=1 "$@" wayland/*.test.js || status=$?
if [ "$status" -ne 0 ]; then
  echo "--- sway log (tail)"; tail -20 "$work/sway.log"
  echo "--- tauri-driver log (tail)"; tail -20 "$work/tauri-driver.log"
fi
exit "$status"
