# `make run`: install what is needed and start Twofold.
# `make test`: install what is needed and run every test, as CI does.
.PHONY: setup run test bench bench-qr

ARGS ?= --help

setup:
	scripts/setup.sh

run: setup
	cargo run --release --locked -p twofold-cli -- $(ARGS)

test: setup
	scripts/test.sh

bench:
	cargo bench -p twofold-core --bench codes

# The QR decoder over the whole generated corpus (~70 screenshots).
bench-qr: setup
	cargo run --release --locked -p twofold-core --example qr_corpus -- target/qr-corpus
	TWOFOLD_QR_CORPUS=$(CURDIR)/target/qr-corpus cargo bench --locked -p twofold-core --bench qr
