# 心语 — the README's commands. `make run` and `make test` set up what they need first.
.PHONY: run test bootstrap ui fmt-check clippy test-rust test-ui e2e bindings fast bench

CARGO ?= cargo

run: bootstrap ui
	$(CARGO) run -p xinyu-desktop

test: bootstrap ui fmt-check clippy test-rust test-ui e2e
	@echo "make test: all checks passed"

bootstrap:
	@scripts/bootstrap

# The UI is built before any cargo step: the desktop binary embeds ui/dist. Rebuilt only when
# a UI source changed, so a second `make run` starts in seconds.
UI_SOURCES := $(shell find ui/src ui/vite-plugins -type f 2>/dev/null) \
	ui/index.html ui/vite.config.ts ui/tsconfig.json ui/package.json ui/package-lock.json

ui: ui/dist/index.html

ui/dist/index.html: $(UI_SOURCES)
	npm --prefix ui run build
	@touch $@

fmt-check:
	$(CARGO) fmt --all --check

clippy:
	$(CARGO) clippy --workspace --all-targets -- -D warnings

test-rust:
	$(CARGO) test --workspace --exclude xinyu-e2e

test-ui:
	npm --prefix ui run typecheck
	npm --prefix ui run lint
	npm --prefix ui test

# The desktop app in a real WebKit window under Xvfb; screenshots in target/e2e-screenshots/.
e2e:
	$(CARGO) build -p xinyu-desktop
	$(CARGO) test -p xinyu-e2e --test desktop

# Only the fast tests: Rust unit and integration tests and the UI's checks, no desktop window.
fast: ui test-rust test-ui

# Rewrite ui/src/api/bindings/ from the Rust types (a test fails when they are stale).
bindings:
	XINYU_WRITE_BINDINGS=1 $(CARGO) test -p xinyu-core --lib bindings

# Criterion benchmarks; each prints its figures against the targets.
bench: bootstrap
	$(CARGO) bench -p xinyu-core --bench store
	$(CARGO) bench -p xinyu-core --bench search
