# `make run`: install what is needed and start Twofold.
# `make test`: install what is needed and run every test, as CI does.
# `make package`: the .deb and .rpm.
.PHONY: setup run test package bench bench-qr

setup:
	scripts/setup.sh

# Starts the desktop app (release build). The CLI: cargo run -p twofold-cli -- --help
run: setup
	cd ui && npm run --silent build
	cargo run --release --locked -p twofold-app

test: setup
	scripts/test.sh

# The .deb and .rpm, in $CARGO_TARGET_DIR/release/bundle (or target/release/bundle).
package: setup
	scripts/package.sh

bench:
	cargo bench -p twofold-core --bench codes

# The QR decoder over the whole generated corpus (~70 screenshots).
bench-qr: setup
	cargo run --release --locked -p twofold-core --example qr_corpus -- target/qr-corpus
	TWOFOLD_QR_CORPUS=$(CURDIR)/target/qr-corpus cargo bench --locked -p twofold-core --bench qr
