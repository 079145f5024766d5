#!/usr/bin/env bash
# Builds the Linux packages, .deb and .rpm (Tauri's bundler, offline), in
# $CARGO_TARGET_DIR/release/bundle/{deb,rpm}: the app with its desktop entry,
# icons in every size and AppStream metainfo, and the `twofold` CLI as
# /usr/bin/twofold with its man page.
#   scripts/package.sh           (make package)
#   scripts/package.sh --debug   from the debug build, in .../debug/bundle: the
#                                same packages, minutes faster (the tests' own)
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-$PWD/target}"
profile=release
[ "${1:-}" = "--debug" ] && profile=debug
staged="$target/package-$profile"
mkdir -p "$staged"

(cd ui && npm run --silent build)
cargo_profile=(--release)
tauri_profile=()
[ "$profile" = debug ] && cargo_profile=() tauri_profile=(--debug)
cargo build "${cargo_profile[@]}" --locked -p twofold-cli
cargo run --quiet --locked -p twofold-cli --example man_page | gzip -9n >"$staged/twofold.1.gz"
# What the build makes joins what tauri.conf.json lists (a JSON merge).
files=$(printf '{"/usr/bin/twofold":"%s","/usr/share/man/man1/twofold.1.gz":"%s"}' \
  "$target/$profile/twofold" "$staged/twofold.1.gz")
config=$(printf '{"bundle":{"linux":{"deb":{"files":%s},"rpm":{"files":%s}}}}' "$files" "$files")
ui/node_modules/.bin/tauri build "${tauri_profile[@]}" --ci --bundles deb,rpm --config "$config"
ls "$target/$profile"/bundle/deb/*.deb "$target/$profile"/bundle/rpm/*.rpm
