# 心语 — the README's commands. `make run` and `make test` set up what they need first.
.PHONY: run test bootstrap ui fmt-check clippy test-rust test-ui e2e bindings fast demo bench

CARGO ?= cargo

run: bootstrap ui
	$(CARGO) run -p xinyu-desktop

test: bootstrap ui fmt-check clippy test-rust test-ui e2e
	@echo "make test: all checks passed"

# A clean clone's `make test` writes a few GB under target/. No incremental caches there (they
# only pay off while editing), and every cargo step below selects the whole workspace with its
# dev-dependencies, so each dependency is built once with one feature set and then reused.
test: export CARGO_INCREMENTAL=0

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
	$(CARGO) test --workspace

test-ui:
	npm --prefix ui run typecheck
	npm --prefix ui run lint
	npm --prefix ui test

# The desktop app in a real WebKit window under Xvfb; screenshots in target/e2e-screenshots/.
e2e:
	$(CARGO) build --workspace --bins --tests
	$(CARGO) test --workspace --test desktop

# Only the fast tests: Rust unit and integration tests and the UI's checks, no desktop window.
fast: ui test-rust test-ui

# Rewrite ui/src/api/bindings/ from the Rust types (a test fails when they are stale).
bindings:
	XINYU_WRITE_BINDINGS=1 $(CARGO) test -p xinyu-core --lib bindings

# A demo school to try the app on (300 students, warning files at every level, 3 years of
# follow-ups), made once in target/demo-vault. Unlock as 演示老师 with the passphrase below.
DEMO_VAULT := target/demo-vault
DEMO_PASSPHRASE := 演示数据保险箱口令2026

demo: bootstrap ui
	@if [ ! -f $(DEMO_VAULT)/vault.db ]; then \
	  mkdir -p target && printf '%s\n' '$(DEMO_PASSPHRASE)' > target/demo-passphrase.txt && \
	  XINYU_KDF=minimum $(CARGO) run -q -p xinyu-cli -- --vault $(DEMO_VAULT) \
	    --passphrase-file target/demo-passphrase.txt init --school 演示学校 --user 演示老师 \
	    --recovery-out target/demo-recovery.txt && \
	  $(CARGO) run -q -p xinyu-cli -- --vault $(DEMO_VAULT) \
	    --passphrase-file target/demo-passphrase.txt demo-data --students 300 --years 3 --seed 1; \
	fi
	$(CARGO) run -p xinyu-desktop -- --vault $(DEMO_VAULT)

# Criterion benchmarks; each prints its figures against the targets.
bench: bootstrap
	$(CARGO) bench -p xinyu-core --bench store
	$(CARGO) bench -p xinyu-search --bench search
	$(CARGO) bench -p xinyu-core --bench dashboard
	$(CARGO) bench -p xinyu-core --bench screening
