#!/usr/bin/env bash
# Installs what building, running and testing Twofold needs on Debian 12:
# the Debian packages (with apt-get; sudo when not root) and the Rust tools.
# Safe to run again: it installs only what is missing.
set -euo pipefail

PACKAGES=(
  build-essential pkg-config curl file
  # the QR decoder (zxing-cpp, built from its bundled C++ sources)
  cmake
  # the Tauri app: WebKitGTK, GTK, the tray (AppIndicator), SVG icons
  libwebkit2gtk-4.1-dev libgtk-3-dev libayatana-appindicator3-dev librsvg2-dev libsoup-3.0-dev
  # screen capture (xcap: X11 through xcb, Wayland through PipeWire; bindgen needs libclang)
  libxcb1-dev libxcb-randr0-dev libxcb-shm0-dev libpipewire-0.3-dev libclang-dev libdbus-1-dev libegl-dev libgbm-dev
  # tests: a display, a session bus and a real Secret Service keyring
  xvfb xauth webkit2gtk-driver dbus gnome-keyring libsecret-tools libglib2.0-bin
  # tests: clipboard, input, screenshots, an independent OTP implementation
  xclip xdotool imagemagick oathtool
  # renders the QR test corpus (screenshots of 2FA pages)
  chromium
  # tests on Wayland: a headless sway session, XWayland, an image viewer,
  # grim, and the Screenshot portal (the wlr backend needs PipeWire; Debian
  # 12's portal exports Screenshot only with the gtk backend installed too)
  sway swaybg swayimg xwayland grim pipewire xdg-desktop-portal xdg-desktop-portal-wlr xdg-desktop-portal-gtk
  # the packages' tests: the .rpm's file list, the desktop entry, AppStream
  rpm desktop-file-utils appstream
)

missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null; then
  echo "setup: Rust is missing; install it from https://rustup.rs and run again" >&2
  exit 1
fi
rustup component add clippy rustfmt >/dev/null 2>&1 || true

# The end-to-end tests drive the app over WebDriver through tauri-driver (v2).
if ! command -v tauri-driver >/dev/null; then
  echo "setup: installing tauri-driver"
  cargo install tauri-driver --locked --version '^2' --quiet
fi

# The web UI's and the end-to-end tests' packages, at the locked versions.
# (Not `npm ci`: the lock cannot list the Tauri CLI's binaries for other
# platforms when the registry mirror omits them, and `npm ci` then refuses.)
for dir in ui tests; do
  (cd "$(dirname "$0")/../$dir" && npm install --no-save --no-audit --no-fund --loglevel=error)
done
echo "setup: done"
