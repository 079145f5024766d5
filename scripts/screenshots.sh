#!/usr/bin/env bash
# Screenshots of the real app for the README (light, dark, and a wide window
# with an account's details beside the list), with demo accounts in a private
# keyring: docs/screenshot-light.png, -dark.png, -wide.png.
#   scripts/screenshots.sh   (after a debug build of twofold-app and twofold)
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-$PWD/target}/debug"
export TWOFOLD_BIN="$target/twofold" TWOFOLD_APP="$target/twofold-app" OUT="$PWD/docs"
exec xvfb-run -a -s "-screen 0 1280x800x24" scripts/with-keyring.sh bash -c '
  set -e
  add() { "$TWOFOLD_BIN" add "$1" >/dev/null; }
  add "otpauth://totp/GitHub:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=GitHub"
  add "otpauth://totp/Google:alice@gmail.com?secret=KUVJJOM753IHTNDSZVCNKL7GII&issuer=Google"
  add "otpauth://totp/Cloudflare:ops@example.com?secret=MFRGGZDFMZTWQ2LK&issuer=Cloudflare&digits=8"
  add "otpauth://hotp/Acme%20Bank:bob?secret=ONSWG4TFOQYTEMZU&counter=3&issuer=Acme%20Bank"
  add "otpauth://steam/Steam:gaben?secret=JBSWY3DPEHPK3PXR"
  add "otpauth://totp/Proton:alice@proton.me?secret=GEZDGNBVGY3TQOJQ&issuer=Proton"
  printf "1234 5678\n2345 6789\n3456 7890\n4567 8901\n" | "$TWOFOLD_BIN" backup-codes add github >/dev/null
  printf "abcd-1234\nefgh-5678\n" | "$TWOFOLD_BIN" backup-codes add google >/dev/null
  "$TWOFOLD_BIN" backup-codes use google >/dev/null
  "$TWOFOLD_BIN" edit cloudflare --favorite true >/dev/null
  "$TWOFOLD_BIN" edit google --group Personal >/dev/null
  for theme in light dark; do
    printf "{\"theme\": \"%s\"}" "$theme" > "$TWOFOLD_DATA_DIR/settings.json"
    "$TWOFOLD_APP" >/dev/null 2>&1 &
    app=$!
    sleep 6
    import -window root -crop 440x480+0+0 +repage "$OUT/screenshot-$theme.png"
    kill $app; wait $app 2>/dev/null || true
  done
  printf "{\"theme\": \"light\"}" > "$TWOFOLD_DATA_DIR/settings.json"
  "$TWOFOLD_APP" >/dev/null 2>&1 &
  app=$!
  sleep 6
  xdotool search --name "^Twofold\$" windowsize 1000 560
  sleep 1
  # From the search field: the first account, its ⋯ button, open.
  xdotool key Down Tab Return
  sleep 2
  import -window root -crop 1000x560+0+0 +repage "$OUT/screenshot-wide.png"
  kill $app; wait $app 2>/dev/null || true
'
