#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring
# (a real Secret Service) and private data dirs, so tests never touch the
# user's own keyring or accounts.
#   scripts/with-keyring.sh cargo test
set -euo pipefail
if [ -z "${TWOFOLD_IN_KEYRING_SESSION:-}" ]; then
  exec env TWOFOLD_IN_KEYRING_SESSION=1 dbus-run-session -- "$0" "$@"
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export XDG_DATA_HOME="$scratch/xdg-data" XDG_CONFIG_HOME="$scratch/xdg-config" XDG_CACHE_HOME="$scratch/xdg-cache"
export TWOFOLD_DATA_DIR="$scratch/twofold" TWOFOLD_KEYRING_SERVICE="twofold-test-$$"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"
# The password must not be empty: an empty one leaves no usable collection.
printf 'twofold-test-password' | gnome-keyring-daemon --unlock --components=secrets >/dev/null
# Wait for the unlocked default collection: on a busy machine the daemon may
# still be creating it, and a store made before that would open a prompt.
for _ in $(seq 100); do
  gdbus call --session --dest org.freedesktop.secrets --object-path /org/freedesktop/secrets \
    --method org.freedesktop.Secret.Service.ReadAlias default 2>/dev/null | grep -q collection/ && break
  sleep 0.1
done
"$@"
