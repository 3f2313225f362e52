# The two commands a newcomer needs: `make run` and `make test`. Every target installs
# what it is missing first (scripts/install-deps.sh).
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := run

XVFB := xvfb-run -a -s "-screen 0 1280x800x24"
NODE_TEST := node --test --test-concurrency=1
UI_SOURCES := $(shell find ui/src ui/index.html ui/vite.config.ts -type f 2>/dev/null) package-lock.json

.PHONY: run test deps deps-test ui lint rust-test keychain-test generated-check ui-test e2e a11y smoke \
        screenshots icons bench bench-quick catalog-check clean

## Start the app on its embedded defaults.
run: deps ui/dist/index.html
	cargo run -p amtsweg

## Run every test: lints, Rust, UI, accessibility, end-to-end, smoke.
test: deps-test ui/dist/index.html lint rust-test generated-check ui-test a11y e2e smoke
	@echo "All test suites passed."

deps:
	@scripts/install-deps.sh run

deps-test:
	@scripts/install-deps.sh test

ui/dist/index.html: $(UI_SOURCES)
	npm run ui:build

ui: ui/dist/index.html

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets --locked -- -D warnings
	scripts/check-keychain-features.sh
	npm run ui:check
	cargo run -q --locked -p amtsweg-dev -- catalog check

rust-test:
	cargo test --workspace --locked
	cargo build -p amtsweg --locked

# The vault's keychain tests alone. `rust-test` runs them too: each test starts its own
# private D-Bus and unlocked gnome-keyring through scripts/with-keyring.sh.
keychain-test: deps-test
	cargo test -p amtsweg-vault --locked --test keychain

# `cargo test` regenerates the IPC bindings and the UI's fixtures from Rust; they are
# committed, so any difference means someone forgot to commit them.
generated-check: rust-test
	@changed=$$(git status --porcelain --untracked-files=all -- ui/src/api/bindings ui/src/api/fixtures src-tauri/permissions); \
	if [ -n "$$changed" ]; then \
	  echo "Generated files differ from the committed ones:"; echo "$$changed"; \
	  git --no-pager diff --stat -- ui/src/api/bindings ui/src/api/fixtures src-tauri/permissions; \
	  if [ "$${CI:-}" = true ]; then exit 1; else echo "(commit them; CI fails on this)"; fi; \
	fi

ui-test:
	npm run test:ui

a11y: ui/dist/index.html
	$(NODE_TEST) tests/a11y/

# The end-to-end tests run a test build whose file picker reads AMTSWEG_E2E_PICK_FILE
# instead of opening the OS dialog (README, "Test-only file picker").
e2e: rust-test
	cargo build -p amtsweg --locked --features e2e-file-picker
	$(XVFB) $(NODE_TEST) tests/e2e/

smoke: rust-test
	$(XVFB) $(NODE_TEST) tests/smoke/

## README screenshots of the real app under Xvfb.
screenshots: deps-test ui/dist/index.html
	cargo build -p amtsweg --locked --features e2e-file-picker
	$(XVFB) node tests/screenshots.mjs

## Whole-app figures beside a minimal Tauri window into docs/performance.md (5 pairs).
bench: deps-test
	bench/app.sh --pairs 5

## One pair, written to target/bench/: proves the harness works (CI), asserts no time.
bench-quick: deps-test
	bench/app.sh --quick

## Lint the bundled catalog (definitions, texts in every locale, directory).
catalog-check:
	cargo run -q --locked -p amtsweg-dev -- catalog check

## Regenerate every platform icon from icons/source.svg.
icons:
	npx tauri icon icons/source.svg -o icons
	rm -rf icons/android icons/ios

clean:
	cargo clean
	rm -rf ui/dist node_modules
