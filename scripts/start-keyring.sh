#!/usr/bin/env bash
# Starts the test keyring in the current (private) D-Bus session: an unlocked
# gnome-keyring serving the Secret Service, and waits until it answers.
# Used by with-keyring.sh, and by the end-to-end test of a keyring that
# starts after the app.
set -euo pipefail
bus() { gdbus call --session "$@" 2>/dev/null; }
# The password must not be empty: an empty one leaves no usable collection.
printf 'twofold-test-password' | gnome-keyring-daemon --unlock --components=secrets >/dev/null
# Wait until the daemon owns the Secret Service name (asking the bus, which
# starts nothing), then until its default collection exists.
for _ in $(seq 100); do
  bus --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.NameHasOwner org.freedesktop.secrets | grep -q true && break
  sleep 0.1
done
for _ in $(seq 100); do
  bus --dest org.freedesktop.secrets --object-path /org/freedesktop/secrets \
    --method org.freedesktop.Secret.Service.ReadAlias default | grep -q collection/ && exit 0
  sleep 0.1
done
echo "start-keyring: the keyring did not come up" >&2
exit 1
