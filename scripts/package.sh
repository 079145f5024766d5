#!/usr/bin/env bash
# Builds the Linux packages, .deb and .rpm (Tauri's bundler, offline), in
# $CARGO_TARGET_DIR/release/bundle/{deb,rpm}: the app with its desktop entry,
# icons in every size and AppStream metainfo, and the `twofold` CLI as
# /usr/bin/twofold with its man page.
#   scripts/package.sh        (make package)
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-$PWD/target}"
staged="$target/package"
mkdir -p "$staged"

(cd ui && npm run --silent build)
cargo build --release --locked -p twofold-cli
cargo run --quiet --locked -p twofold-cli --example man_page | gzip -9n >"$staged/twofold.1.gz"
# What the build makes joins what tauri.conf.json lists (a JSON merge).
files=$(printf '{"/usr/bin/twofold":"%s","/usr/share/man/man1/twofold.1.gz":"%s"}' \
  "$target/release/twofold" "$staged/twofold.1.gz")
config=$(printf '{"bundle":{"linux":{"deb":{"files":%s},"rpm":{"files":%s}}}}' "$files" "$files")
ui/node_modules/.bin/tauri build --ci --bundles deb,rpm --config "$config"
ls "$target"/release/bundle/deb/*.deb "$target"/release/bundle/rpm/*.rpm
