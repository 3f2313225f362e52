# The two commands a newcomer needs: `make run` and `make test`. Every target installs
# what it is missing first (scripts/install-deps.sh).
#
# One debug build serves everything (`build`): `make run`, the Rust tests, the developer
# tool, the end-to-end tests and the smoke test all use the same artifacts, and clippy
# lints it while it compiles (the workspace wrapper in .cargo/config.toml). One release
# build (`release`) serves the release checks and the benchmark; `test` runs it in the
# background at the lowest CPU priority while the checks run (at normal priority beside
# them it slowed the tests on two cores by more than it saved).
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := run

XVFB := xvfb-run -a -s "-screen 0 1280x800x24"
NODE_TEST := node --test --test-concurrency=1
# Not the IPC bindings (types only, erased by the build) nor the fixtures (tests only):
# `cargo test` rewrites both, and a UI rebuilt for nothing would make the release build,
# which embeds ui/dist and runs beside the checks, build the app a second time.
UI_SOURCES := $(shell find ui/src ui/index.html ui/vite.config.ts -type f \
                -not -path 'ui/src/api/bindings/*' -not -path 'ui/src/api/fixtures/*' 2>/dev/null) package-lock.json
TARGET_DIR := $(or $(CARGO_TARGET_DIR),target)

# CI denies every warning, clippy's included: CLIPPY_ARGS is how cargo-clippy hands its
# arguments to clippy-driver, which compiles the workspace's crates in every build.
ifeq ($(CI),true)
export CLIPPY_ARGS := -D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__
endif

.PHONY: run test checks deps deps-test ui build lint fmt-check deny clippy keychain-check ui-check \
        tauri-free-check lint-gate rust-test generated-check municipal-api-test ui-test e2e a11y smoke release release-check \
        screenshots icons bench bench-quick catalog-check clean

## Start the app on its embedded defaults, with the demo municipality's reference server
## on loopback beside it (stopped with the app).
run: deps build
	exec scripts/run-demo.sh

## Run every test: lints, Rust, UI, accessibility, end-to-end, smoke, the release binary.
# The release build (about 7 minutes on 2 cores, most of it fat LTO on one core) runs in
# the background at the lowest CPU priority while the checks run on the debug build:
# the tests mostly wait for browsers and the app, and take the CPU first when they need
# it. Cargo locks target/debug and target/release apart, so the two builds do not wait
# for each other. Its output is shown when it is done; a failed check stops it.
test: deps-test ui/dist/index.html build
	@log=$(TARGET_DIR)/release-build.log; mkdir -p $(TARGET_DIR); \
	setsid nice -n 19 $(MAKE) --no-print-directory release >"$$log" 2>&1 & release=$$!; \
	status=0; $(MAKE) --no-print-directory checks || status=$$?; \
	if [ $$status -ne 0 ]; then kill -- -$$release 2>/dev/null || true; wait $$release || true; exit $$status; fi; \
	echo "waiting for the release build (in the background since the debug build)"; \
	if ! wait $$release; then cat "$$log"; echo "the release build failed" >&2; exit 1; fi; \
	cat "$$log"
	$(MAKE) --no-print-directory release-check
	@echo "All test suites passed."

# Everything `test` runs on the debug build, in order.
checks: fmt-check deny keychain-check tauri-free-check ui-check lint-gate build catalog-check rust-test \
        generated-check municipal-api-test ui-test a11y e2e smoke

deps:
	@scripts/install-deps.sh run

deps-test:
	@scripts/install-deps.sh test

ui/dist/index.html: $(UI_SOURCES)
	npm run ui:build

ui: ui/dist/index.html

## The debug build: every crate, test and benchmark of the workspace, and the app with
## the UI embedded. `cargo test` afterwards only runs what this built.
# With the test targets in the same invocation, the dev-dependencies' features (tauri's
# `test`, amtsweg-catalog's `test-trust`) are resolved once for everything, so no crate
# is built twice; so the app that `make run` and the end-to-end tests start trusts the
# committed test publisher key, and `release` (no dev-dependencies) never does.
build: ui/dist/index.html
	cargo build --all-targets --locked

## The quick lints while developing; `make test` gets clippy's findings from `build`.
lint: fmt-check deny clippy keychain-check tauri-free-check ui-check catalog-check

fmt-check:
	cargo fmt --all -- --check

clippy:
	cargo clippy --all-targets --locked -- -D warnings

## The supply chain (deny.toml): licences compatible with the EUPL-1.2, no banned crates,
## crates.io only, and the RustSec advisories checked offline against the committed
## snapshot (vendor/advisory-db), each accepted one listed in deny.toml with its reason.
deny:
	@scripts/install-deps.sh deny
	scripts/deny.sh

keychain-check:
	scripts/check-keychain-features.sh

# Only src-tauri (and the benchmark's window) may depend on tauri: the engine and the
# app's core are built and tested without it.
tauri-free-check:
	@for crate in amtsweg-app amtsweg-l10n amtsweg-settings amtsweg-procedure amtsweg-catalog amtsweg-vault amtsweg-redact amtsweg-dev amtsweg-municipal-api amtsweg-printout; do \
	  if cargo tree --locked -q -p $$crate -e normal,build | grep -E '^.*\btauri(-[a-z-]+)? v' >/dev/null; then \
	    echo "$$crate depends on tauri:"; cargo tree --locked -p $$crate -i tauri -e normal,build; exit 1; \
	  fi; \
	done; echo "tauri-free: the engine and the app's core build without tauri"

ui-check:
	npm run ui:check

# Proves that CI's build fails on a clippy warning with this toolchain (a planted
# `&Vec` argument must be refused), so a change in how clippy takes its arguments can
# never turn the lint gate off unnoticed.
lint-gate:
	@if [ "$${CI:-}" = true ]; then \
	  dir=$$(mktemp -d); trap 'rm -rf "$$dir"' EXIT; \
	  printf 'fn len(v: &Vec<u8>) -> usize { v.len() }\nfn main() { let _ = len(&vec![1]); }\n' > "$$dir/gate.rs"; \
	  if clippy-driver rustc --edition 2024 --crate-type bin -o "$$dir/gate" "$$dir/gate.rs" 2>"$$dir/out"; then \
	    echo "lint gate: clippy-driver accepted a planted warning; CLIPPY_ARGS is not honoured" >&2; exit 1; \
	  fi; \
	  grep -q 'clippy::ptr_arg\|ptr_arg' "$$dir/out" || { cat "$$dir/out" >&2; exit 1; }; \
	  echo "lint gate: clippy-driver refuses warnings"; \
	fi

rust-test: build
	cargo test --locked
	@# The other side of the key pinning rule: the catalog crate without the opt-in
	@# `test-trust` feature (which the workspace's test builds turn on through their
	@# dev-dependencies) must not trust the committed test key; only that crate is rebuilt.
	out=$$(cargo test --locked -q -p amtsweg-catalog --lib \
	  -- --exact --nocapture tests::the_test_key_is_pinned_exactly_when_test_trust_is_on 2>&1) \
	  || { echo "$$out"; exit 1; }; \
	grep -q 'without test-trust: the test key is not pinned' <<<"$$out" \
	  || { echo "$$out"; echo "the key pinning test did not run without test-trust" >&2; exit 1; }; \
	echo "key pinning: a build without test-trust does not trust the test key"
	@# And the feature cannot reach a release build: without debug assertions it is a
	@# compile error (only the catalog crate is compiled for it).
	if out=$$(cargo build --locked -q -p amtsweg-catalog --lib --features test-trust \
	  --config 'profile.dev.package.amtsweg-catalog.debug-assertions=false' 2>&1); then \
	  echo "test-trust compiled without debug assertions" >&2; exit 1; \
	fi; \
	grep -q 'must never be compiled into a release build' <<<"$$out" \
	  || { echo "$$out"; echo "test-trust failed to compile for another reason" >&2; exit 1; }; \
	echo "test-trust: refused without debug assertions"
	@# The same for the outbox's demo root of destination keys.
	if out=$$(cargo build --locked -q -p amtsweg-outbox --lib --features test-trust \
	  --config 'profile.dev.package.amtsweg-outbox.debug-assertions=false' 2>&1); then \
	  echo "the outbox's test-trust compiled without debug assertions" >&2; exit 1; \
	fi; \
	grep -q 'must never be in a release build' <<<"$$out" \
	  || { echo "$$out"; echo "the outbox's test-trust failed to compile for another reason" >&2; exit 1; }; \
	echo "outbox test-trust: refused without debug assertions"

# The vault's keychain tests alone. `rust-test` runs them too: each test starts its own
# private D-Bus and unlocked gnome-keyring through scripts/with-keyring.sh.
keychain-test: deps-test
	cargo test -p amtsweg-vault --locked --test keychain

# `cargo test` regenerates the IPC bindings, the UI's fixtures, the submission fixtures of
# the municipal API tests and the JSON Schemas of the catalog's files from Rust; they are
# committed, so any difference means someone forgot to commit them.
GENERATED := ui/src/api/bindings ui/src/api/fixtures src-tauri/permissions procedures/*.schema.json \
             tests/fixtures/submissions
generated-check: rust-test
	@changed=$$(git status --porcelain --untracked-files=all -- $(GENERATED)); \
	if [ -n "$$changed" ]; then \
	  echo "Generated files differ from the committed ones:"; echo "$$changed"; \
	  git --no-pager diff --stat -- $(GENERATED); \
	  if [ "$${CI:-}" = true ]; then exit 1; else echo "(commit them; CI fails on this)"; fi; \
	fi

## The municipal API's contract and interoperability tests: a client on Node's `jose`
## against the reference server of the debug build, every answer checked against
## docs/municipal-api.openapi.yaml.
municipal-api-test: build
	AMTSWEG_MUNICIPAL_API_BIN=$(TARGET_DIR)/debug/amtsweg-municipal-api $(NODE_TEST) tests/municipal-api/

ui-test:
	npm run test:ui

a11y: ui/dist/index.html
	$(NODE_TEST) tests/a11y/

# The end-to-end tests run the debug build; their harness turns on the stand-ins for the
# OS dialogs (AMTSWEG_E2E_STAND_INS, README "Test-only dialogs").
e2e: build
	$(XVFB) $(NODE_TEST) tests/e2e/

smoke: build
	$(XVFB) $(NODE_TEST) tests/smoke/

## The one release build: the app, and the benchmark's minimal window in the same cargo
## invocation, so that the window shares every dependency build with the app.
release: ui/dist/index.html
	@# Not linted again: the debug build's clippy-driver (.cargo/config.toml) linted the
	@# same sources; an empty RUSTC_WORKSPACE_WRAPPER has cargo call rustc itself.
	RUSTC_WORKSPACE_WRAPPER= cargo build --release --locked -p amtsweg -p minimal-window

## What only debug builds may contain is not in the release binary; the same check
## must fail on the debug binary, or it proves nothing.
release-check: release build
	scripts/check-release-binary.sh $(TARGET_DIR)/release/amtsweg
	@if out=$$(scripts/check-release-binary.sh $(TARGET_DIR)/debug/amtsweg 2>&1); then \
	  echo "release-check: the check found nothing in the debug build either" >&2; exit 1; \
	fi; \
	for part in "end-to-end stand-ins" "test publisher key (" "test publisher key's id"; do \
	  grep -q "$$part" <<<"$$out" || { echo "release-check: the check misses the $$part in the debug build" >&2; exit 1; }; \
	done
	@echo "release-check: the same check finds both in the debug build"

## README screenshots of the real app under Xvfb.
screenshots: deps-test build
	$(XVFB) node tests/screenshots.mjs
	AMTSWEG_SCREENSHOT_DIR=docs/screenshots $(XVFB) node --test --test-name-pattern="sent, accepted" tests/e2e/dog-tax-keyboard.test.mjs

## Whole-app figures beside a minimal Tauri window into docs/performance.md (5 pairs).
bench: deps-test release
	bench/app.sh --pairs 5
	cargo bench --locked -p amtsweg-outbox --bench seal -- --warm-up-time 1 --measurement-time 3
	cargo bench --locked -p amtsweg-outbox --bench drain

## One pair, written to target/bench/: proves the harness works (CI), asserts no time.
bench-quick: deps-test release
	bench/app.sh --quick

## Lint the bundled catalog (definitions, texts in every locale, directory).
catalog-check: build
	$(TARGET_DIR)/debug/amtsweg-dev catalog check

## Regenerate every platform icon from icons/source.svg.
icons:
	npx tauri icon icons/source.svg -o icons
	rm -rf icons/android icons/ios

clean:
	cargo clean
	rm -rf ui/dist node_modules
