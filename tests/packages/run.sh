#!/usr/bin/env bash
# The Linux packages, installed for real: builds the .deb and .rpm
# (scripts/package.sh --debug), then on this machine, in a private keyring session
# under Xvfb: installs a previous version and adds an account, upgrades over
# it, starts the app from its desktop entry's Exec, checks the CLI, its man
# page, the icons, the desktop entry and the AppStream metainfo, removes the
# package (the accounts and keyring entries must stay) and checks the .rpm's
# file list. Installing needs root: elsewhere this says so and skips.
#   tests/packages/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "$(id -u)" -ne 0 ]; then
  [ -n "${CI:-}" ] && { echo "packages: CI must run as root to install packages" >&2; exit 1; }
  echo "packages: skipped (installing packages needs root)"
  exit 0
fi
if dpkg-query -W twofold >/dev/null 2>&1; then
  echo "packages: a twofold package is installed here already; remove it first (dpkg -r twofold)" >&2
  exit 1
fi
# From the debug build the end-to-end tests made: the packaging is the same as
# `make package`'s, and CI is spared two release builds (~10 min).
scripts/package.sh --debug
bundle="${CARGO_TARGET_DIR:-$PWD/target}/debug/bundle"
deb=$(ls "$bundle"/deb/*.deb)
rpm=$(ls "$bundle"/rpm/*.rpm)
version=$(dpkg-deb -f "$deb" Version)
# The "previous version": the same package relabelled older, so that
# installing this one is an upgrade through dpkg's own steps.
scratch=$(mktemp -d)
trap 'dpkg -r twofold >/dev/null 2>&1 || true; rm -rf "$scratch"' EXIT
dpkg-deb -R "$deb" "$scratch/old"
sed -i "s/^Version: .*/Version: 0.0.1/" "$scratch/old/DEBIAN/control"
# Uncompressed: xz over a debug build takes minutes, and this one is never shipped.
dpkg-deb -Znone -b "$scratch/old" "$scratch/previous.deb" >/dev/null
export TWOFOLD_PACKAGE="$deb" TWOFOLD_PREVIOUS_PACKAGE="$scratch/previous.deb" TWOFOLD_RPM="$rpm" TWOFOLD_VERSION="$version"
xvfb-run -a -s "-screen 0 1280x800x24" scripts/with-keyring.sh bash tests/packages/install.sh
