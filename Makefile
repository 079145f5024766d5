# `make run`: install what is needed and start Twofold.
# `make test`: install what is needed and run every test, as CI does.
.PHONY: setup run test bench

ARGS ?= --help

setup:
	scripts/setup.sh

run: setup
	cargo run --release --locked -p twofold-cli -- $(ARGS)

test: setup
	scripts/test.sh

bench:
	cargo bench -p twofold-core
