#!/usr/bin/env bash
# The checks of tests/packages/run.sh, in its keyring session under Xvfb.
set -euo pipefail
export HOME="$XDG_DATA_HOME/home" && mkdir -p "$HOME"
failures=0
check() { # check "what" command…
  local what=$1
  shift
  if "$@" >/dev/null 2>&1; then echo "ok - $what"; else echo "not ok - $what"; failures=$((failures + 1)); fi
}
uri="otpauth://totp/Packaged:erin?secret=KRSXG5CTMVRXEZLUKRSXG5CT&issuer=Packaged"

dpkg -i "$TWOFOLD_PREVIOUS_PACKAGE" >/dev/null
check "the previous version is installed" test "$(dpkg-query -W -f='${Version}' twofold)" = 0.0.1
/usr/bin/twofold add "$uri" >/dev/null
dpkg -i "$TWOFOLD_PACKAGE" >/dev/null
check "upgraded to $TWOFOLD_VERSION" test "$(dpkg-query -W -f='${Version}' twofold)" = "$TWOFOLD_VERSION"
check "twofold --version" bash -c '/usr/bin/twofold --version | grep -qx "twofold $TWOFOLD_VERSION"'
check "the account added before the upgrade is there" bash -c '/usr/bin/twofold list | grep -q Packaged'
check "its code is the right one" bash -c \
  'test "$(/usr/bin/twofold code Packaged)" = "$(oathtool --totp -b KRSXG5CTMVRXEZLUKRSXG5CT)"'
check "the man page" bash -c 'zcat /usr/share/man/man1/twofold.1.gz | grep -q "two\\\\-factor authentication codes in the terminal"'

desktop=/usr/share/applications/Twofold.desktop
check "the desktop entry is valid" desktop-file-validate "$desktop"
check "the AppStream metainfo is valid" appstreamcli validate --no-net /usr/share/metainfo/app.twofold.desktop.metainfo.xml
check "the metainfo lists this version" grep -q "<release version=\"$TWOFOLD_VERSION\"" /usr/share/metainfo/app.twofold.desktop.metainfo.xml
icon=$(sed -n 's/^Icon=//p' "$desktop")
for size in 16 24 32 48 64 128 256 512; do
  check "the ${size}px icon" test -f "/usr/share/icons/hicolor/${size}x${size}/apps/$icon.png"
done
check "the scalable icon" test -f "/usr/share/icons/hicolor/scalable/apps/$icon.svg"

# The app, started as a desktop starts it: the Exec line of its entry.
exec_line=$(sed -n 's/^Exec=//p' "$desktop" | head -1)
check "the desktop entry runs the installed app" test "$(command -v "${exec_line%% *}")" = /usr/bin/twofold-app
$exec_line >"$HOME/app.log" 2>&1 &
app=$!
check "its window opens" timeout 30 xdotool search --sync --onlyvisible --name '^Twofold$'
kill "$app" 2>/dev/null || true
wait "$app" 2>/dev/null || true

dpkg -r twofold >/dev/null
check "removed: the binaries are gone" test ! -e /usr/bin/twofold -a ! -e /usr/bin/twofold-app
check "removed: the account list stays" grep -q Packaged "$TWOFOLD_DATA_DIR/accounts.json"
check "removed: the keyring entry stays" bash -c 'secret-tool search --all service "$TWOFOLD_KEYRING_SERVICE" 2>&1 | grep -q "^secret = "'
dpkg -i "$TWOFOLD_PACKAGE" >/dev/null
check "installed again: the account is back with its code" bash -c \
  'test "$(/usr/bin/twofold code Packaged)" = "$(oathtool --totp -b KRSXG5CTMVRXEZLUKRSXG5CT)"'
dpkg -r twofold >/dev/null

files=$(rpm -qlp "$TWOFOLD_RPM" 2>/dev/null)
for file in /usr/bin/twofold /usr/bin/twofold-app /usr/share/applications/Twofold.desktop \
  /usr/share/man/man1/twofold.1.gz /usr/share/metainfo/app.twofold.desktop.metainfo.xml \
  /usr/share/icons/hicolor/16x16/apps/twofold-app.png /usr/share/icons/hicolor/512x512/apps/twofold-app.png; do
  check "the .rpm holds $file" grep -qx "$file" <<<"$files"
done

if [ "$failures" -ne 0 ]; then
  echo "packages: $failures checks failed" >&2
  exit 1
fi
echo "packages: all checks passed"
