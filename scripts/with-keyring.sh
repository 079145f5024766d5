#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring
# (a real Secret Service) and private data dirs, so tests never touch the
# user's own keyring or accounts.
#   scripts/with-keyring.sh cargo test
set -euo pipefail
if [ -z "${TWOFOLD_IN_KEYRING_SESSION:-}" ]; then
  # The private dirs are set before the bus starts, so that everything in the
  # session uses them, never the user's own keyrings.
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
  export XDG_DATA_HOME="$scratch/xdg-data" XDG_CONFIG_HOME="$scratch/xdg-config" XDG_CACHE_HOME="$scratch/xdg-cache"
  export TWOFOLD_DATA_DIR="$scratch/twofold" TWOFOLD_KEYRING_SERVICE="twofold-test-$$"
  mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"
  # The bus may start every service it knows but the keyring: only the
  # daemon started below serves secrets, never one the bus starts on demand
  # (locked, it would prompt and hang the run), and a test can stop and
  # restart it to play a keyring that comes late. Nor the document portal:
  # Twofold never uses it, and it would mount a FUSE file system in the
  # private dirs (as root), which then could not be removed.
  mkdir -p "$scratch/services"
  for service in /usr/share/dbus-1/services/*.service; do
    grep -qE '^Name=org\.(freedesktop\.secrets|gnome\.keyring|freedesktop\.impl\.portal\.Secret|freedesktop\.portal\.Documents)$' "$service" ||
      ln -s "$service" "$scratch/services/"
  done
  sed -e "s|<standard_session_servicedirs */>|<servicedir>$scratch/services</servicedir>|" \
    /usr/share/dbus-1/session.conf >"$scratch/bus.conf"
  status=0
  TWOFOLD_IN_KEYRING_SESSION=1 dbus-run-session --config-file="$scratch/bus.conf" -- "$0" "$@" || status=$?
  exit "$status"
fi
"$(dirname "$0")/start-keyring.sh"
"$@"
