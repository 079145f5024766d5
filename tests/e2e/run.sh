#!/usr/bin/env bash
# Runs the end-to-end tests: a virtual display (Xvfb), a private D-Bus session
# with an unlocked gnome-keyring and private data dirs (scripts/with-keyring.sh),
# tauri-driver in front of Debian's WebKitWebDriver, and the real app binary.
#   tests/e2e/run.sh                                   every test
#   tests/e2e/run.sh --test-name-pattern "quick pick"  the tests whose names match
# (after: cd ui && npm run build; cargo build -p twofold-app -p twofold-cli -p twofold-core --bins --examples)
set -euo pipefail
cd "$(dirname "$0")/.."
exec xvfb-run -a -s "-screen 0 1280x800x24" ../scripts/with-keyring.sh bash -c '
  # A private home too: start-at-login writes ~/.config/autostart (the
  # autostart crate reads $HOME, not $XDG_CONFIG_HOME).
  export HOME="$XDG_DATA_HOME/home" && mkdir -p "$HOME"
  tauri-driver --port 4444 >/tmp/twofold-tauri-driver.log 2>&1 &
  driver=$!
  trap "kill $driver 2>/dev/null" EXIT
  for _ in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/4444) 2>/dev/null && break; sleep 0.2; done
  node --test --test-concurrency=1 "$@" e2e/*.test.js
' run-e2e "$@"
