# Houvast. `make run` starts the app, `make test` runs every check, `make bench` measures.
# Each target installs what is missing first (Debian packages, npm packages, cargo tools).
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

# One build directory outside the clone, kept across runs and clones.
export CARGO_TARGET_DIR ?= $(HOME)/.cache/houvast/target
export CARGO_TERM_COLOR ?= never
APP_BIN := $(CARGO_TARGET_DIR)/debug/houvast
SERVER_BIN := $(CARGO_TARGET_DIR)/debug/houvast-server

.PHONY: ui-outputs-missing help run server test bench deps deps-test ui-deps ui-build app-e2e-build \
	check-fmt clippy rust-tests ui-tests e2e protocol-js protocol-js-deps bindings dashboard-e2e \
	dashboard-screenshots app-screenshots package package-test package-release-test tauri-cli

help:
	@echo "make run     start the Houvast app (installs what is missing)"
	@echo "make server  start the backend on SQLite with a demo organisation"
	@echo "make test    every check: fmt, clippy, Rust tests, UI tests, end-to-end"
	@echo "make bench   benchmarks (timings, sizes, memory)"
	@echo "make package the Debian package (.deb) a parent or their IT installs"

deps:
	scripts/ensure-deps.sh build

deps-test:
	scripts/ensure-deps.sh test

ui/node_modules/.package-lock.json: ui/package-lock.json
	cd ui && npm ci --no-audit --no-fund

ui-deps: ui/node_modules/.package-lock.json

# Builds the app's front end (ui/dist, bundled by Tauri) and the worker's dashboard
# (ui/dist-dashboard, embedded in the server binary by crates/server/build.rs): every cargo
# step needs both. Only when a source changed (the directories are listed too, so a deleted
# file counts): fresh files make cargo compile the app and the server again. The stamp lives
# in node_modules, so a new `npm ci` builds again too.
UI_SOURCES := $(shell find ui/src ui/scripts ui/public -print 2>/dev/null) \
	$(wildcard ui/*.html ui/*.ts ui/*.js ui/*.json)
UI_STAMP := ui/node_modules/.houvast-ui-built

# A build output that went missing builds again, whatever the stamp says.
UI_OUTPUTS_MISSING := $(if $(and $(wildcard ui/dist/index.html),$(wildcard ui/dist-dashboard/dashboard.html)),,ui-outputs-missing)

$(UI_STAMP): $(UI_SOURCES) ui/node_modules/.package-lock.json $(UI_OUTPUTS_MISSING)
	cd ui && npm run build
	touch $@

ui-outputs-missing:

ui-build: $(UI_STAMP)

run: deps ui-build
	cargo run -p houvast-app --features custom-protocol

server: ui-build
	scripts/ensure-deps.sh server
	cargo run -p houvast-server -- demo --listen 127.0.0.1:8080 --data-dir $(HOME)/.cache/houvast/server-demo

# --- checks -------------------------------------------------------------------------------

test: deps-test check-fmt ui-tests clippy rust-tests protocol-js e2e package-test dashboard-e2e
	@echo "make test: all checks passed"

check-fmt:
	cargo fmt --all -- --check

# Every cargo step of `make test` builds the same graph (whole workspace, same features, dev
# profile), so clippy, the tests and the end-to-end binary share one set of dependencies: a
# `cargo build -p houvast-app` would resolve features differently (no server, no dev-deps) and
# compile SQLCipher, tauri and their dependents a second time.
WORKSPACE := --workspace --locked --features houvast-app/custom-protocol

# Clippy lints the workspace's own crates inside the test build itself: clippy-driver as the
# workspace wrapper (what `cargo clippy` sets up around `cargo check`; CLIPPY_ARGS is its way of
# passing `-D warnings`, arguments split by __CLIPPY_HACKERY__). Dependencies are compiled by
# plain rustc, once, for the lint and the tests alike; a separate `cargo clippy` compiled every
# dependency a second time in check mode (7 min 40 s of a cold run). The build covers what
# `--all-targets` covers: libraries, binaries, tests and examples (nextest --no-run), benches
# (cargo test --benches --no-run). Every cargo step of `make test` runs with the same wrapper,
# so none of them compiles the workspace's crates again.
CLIPPY_DRIVER := $(shell rustc --print sysroot 2>/dev/null)/bin/clippy-driver
LINTED_BUILD := RUSTC_WORKSPACE_WRAPPER=$(CLIPPY_DRIVER) CLIPPY_ARGS=-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__

clippy: ui-build
	$(LINTED_BUILD) cargo nextest run $(WORKSPACE) --no-run
	$(LINTED_BUILD) cargo test $(WORKSPACE) --benches --no-run

# One nextest run for the whole workspace: the app's tests need the desktop session (keychain),
# the server's run on SQLite and on a throwaway PostgreSQL.
rust-tests: ui-build
	$(LINTED_BUILD) scripts/with-postgres.sh scripts/with-desktop-session.sh cargo nextest run $(WORKSPACE) --no-fail-fast

ui-tests: ui-deps
	cd ui && npm run check && npm test

# The app binary the end-to-end tests drive: built by the same graph as the tests (the app's
# integration tests need it), so after `rust-tests` this compiles nothing. `--no-run` also
# builds the workspace's examples: the crash test (tests/e2e/app/crash.test.mjs) runs
# $(CARGO_TARGET_DIR)/debug/examples/integrity_check from crates/store/examples.
app-e2e-build: ui-build
	$(LINTED_BUILD) cargo nextest run $(WORKSPACE) --no-run

e2e: app-e2e-build protocol-js-deps
	HOUVAST_APP=$(APP_BIN) HOUVAST_SERVER=$(SERVER_BIN) tests/e2e/run.sh

# The protocol's test vectors, checked by libsodium in Node as a browser would (the JS twin
# is the dashboard's own ui/src/protocol/houvast.mjs; libsodium comes from ui/node_modules).
protocol-js: protocol-js-deps
	cd tests/protocol-js && node --test

# libsodium for the protocol's JavaScript twin: the vector tests, and the worker's side of the
# app's end-to-end tests.
protocol-js-deps: ui-deps

tests/e2e/dashboard/node_modules/.package-lock.json: tests/e2e/dashboard/package-lock.json
	cd tests/e2e/dashboard && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error

# The worker's dashboard in Debian's Chromium (playwright-core, no browser download) against
# the server binary the tests' build graph made (app-e2e-build: after `rust-tests` it compiles
# nothing; a `cargo build` here resolved dev-dependencies' features differently and relinked
# the app, the server and the bare window, 35 s of every `make test`), on a random port.
dashboard-e2e: app-e2e-build tests/e2e/dashboard/node_modules/.package-lock.json
	cd tests/e2e/dashboard && HOUVAST_SERVER=$(SERVER_BIN) npm test

# The README's dashboard screenshots (docs/screenshots/dashboard-*.png), made by the same run.
dashboard-screenshots: app-e2e-build tests/e2e/dashboard/node_modules/.package-lock.json
	cd tests/e2e/dashboard && HOUVAST_SERVER=$(SERVER_BIN) HOUVAST_SCREENSHOTS=$(CURDIR)/docs/screenshots npm test

# The README's app screenshots (docs/screenshots/app-*.png), made by the accessibility test
# (tests/e2e/app/a11y.test.mjs), which walks every screen at desktop and phone width.
app-screenshots: app-e2e-build protocol-js-deps
	cd tests/e2e && HOUVAST_APP=$(APP_BIN) HOUVAST_SERVER=$(SERVER_BIN) \
		HOUVAST_SCREENSHOTS=$(CURDIR)/docs/screenshots ./run.sh app/a11y.test.mjs

# --- packages -----------------------------------------------------------------------------

# Tauri's bundler: the prebuilt tauri-cli from npm (seconds), not `cargo install tauri-cli`
# (about 8 minutes on 2 cores). Pinned in src-tauri/packaging/package-lock.json.
TAURI := $(CURDIR)/src-tauri/packaging/node_modules/.bin/tauri
DEB_DIR = $(CARGO_TARGET_DIR)/$(1)/bundle/deb

# `npm install`, not `npm ci`: the registry mirror here has only the CLI's Linux builds, so the
# lock file cannot list the other platforms' optional packages, and `npm ci` refuses a lock
# without them. `npm install` installs exactly the locked versions and leaves the lock as is.
src-tauri/packaging/node_modules/.package-lock.json: src-tauri/packaging/package-lock.json
	cd src-tauri/packaging && npm install --no-audit --no-fund

tauri-cli: src-tauri/packaging/node_modules/.package-lock.json

# The .deb a parent or their IT installs: the release profile of Cargo.toml (size-tuned, fat
# LTO), bundled with the icon, the desktop entry and the declared dependencies of
# src-tauri/tauri.conf.json. macOS, Windows and phones: docs/platforms.md.
package: deps ui-build tauri-cli
	rm -f $(call DEB_DIR,release)/*.deb
	cd src-tauri && $(TAURI) build --ci --bundles deb --features custom-protocol -- --locked
	@ls -l $(call DEB_DIR,release)/*.deb

# `make test`'s check of the package: the same bundle step around the dev-profile binary the
# end-to-end tests already built (app-e2e-build), so it compiles nothing and costs about 45 s
# (bundle ~10 s, install and test ~30 s). A release build with fat LTO took 27 CPU-minutes cold
# here and 3.5 minutes to relink after any change. The release .deb is the same bundling of
# another binary; `make package-release-test` checks it the same way.
package-test: app-e2e-build tauri-cli
	rm -f $(call DEB_DIR,debug)/*.deb
	cd src-tauri && $(TAURI) bundle --ci --debug --bundles deb
	tests/e2e/package/run.sh $(call DEB_DIR,debug)/*.deb

package-release-test: package
	tests/e2e/package/run.sh $(call DEB_DIR,release)/*.deb

bindings:
	UPDATE_BINDINGS=1 cargo test -p houvast-app --lib bindings

# --- benchmarks ---------------------------------------------------------------------------

bench: deps-test ui-build tests/e2e/dashboard/node_modules/.package-lock.json
	bench/run.sh
	cargo build $(WORKSPACE)
	cd tests/e2e/dashboard && HOUVAST_SERVER=$(SERVER_BIN) node bench.mjs
