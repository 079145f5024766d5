#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring
# (a real Secret Service) and private data dirs, so tests never touch the
# user's own keyring or accounts.
#   scripts/with-keyring.sh cargo test
set -euo pipefail
if [ -z "${TWOFOLD_IN_KEYRING_SESSION:-}" ]; then
  # The private dirs are set before the bus starts: a keyring daemon the bus
  # starts on demand then also uses them, never the user's own keyrings.
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
  export XDG_DATA_HOME="$scratch/xdg-data" XDG_CONFIG_HOME="$scratch/xdg-config" XDG_CACHE_HOME="$scratch/xdg-cache"
  export TWOFOLD_DATA_DIR="$scratch/twofold" TWOFOLD_KEYRING_SERVICE="twofold-test-$$"
  mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"
  status=0
  TWOFOLD_IN_KEYRING_SESSION=1 dbus-run-session -- "$0" "$@" || status=$?
  exit "$status"
fi
bus() { gdbus call --session "$@" 2>/dev/null; }
# The password must not be empty: an empty one leaves no usable collection.
printf 'twofold-test-password' | gnome-keyring-daemon --unlock --components=secrets >/dev/null
# Wait until this daemon owns the Secret Service name (asking the bus, which
# starts nothing), then until its default collection exists: a client that
# came earlier would make the bus start a second, locked daemon, which prompts.
for _ in $(seq 100); do
  bus --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.NameHasOwner org.freedesktop.secrets | grep -q true && break
  sleep 0.1
done
for _ in $(seq 100); do
  bus --dest org.freedesktop.secrets --object-path /org/freedesktop/secrets \
    --method org.freedesktop.Secret.Service.ReadAlias default | grep -q collection/ && break
  sleep 0.1
done
"$@"
