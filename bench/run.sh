#!/usr/bin/env bash
# `make bench`: release builds of the app and of a bare Tauri window, then
#   - start-up to the first interactive screen and memory, as a ratio to the bare window;
#   - the release binary's size;
#   - the store: open time and saving a do-task answer, encrypted vs plain (criterion);
#   - check-ins: send to stored, and 1,000 sent during an outage delivered once after restarts.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${CARGO_TARGET_DIR:=$HOME/.cache/houvast/target}"
export CARGO_TARGET_DIR

cargo build --release --locked -p houvast-app -p houvast-bare-window --features houvast-app/custom-protocol,houvast-bare-window/custom-protocol
app="$CARGO_TARGET_DIR/release/houvast"
bare="$CARGO_TARGET_DIR/release/houvast-bare-window"

echo
echo "Release binary (stripped, profile in Cargo.toml):"
printf '| binary | size (MB) |\n|---|---:|\n'
for b in "$app" "$bare"; do
  awk -v n="$(basename "$b")" -v s="$(stat -c %s "$b")" 'BEGIN { printf "| %s | %.1f |\n", n, s / 1e6 }'
done

# The parent with data whose start-up is measured beside the first start (built with the
# test graph's features, so it reuses what `make test` compiled).
cargo build --locked --workspace --features houvast-app/custom-protocol --examples
seed="$CARGO_TARGET_DIR/debug/examples/seed_parent"
scripts/with-desktop-session.sh python3 bench/startup.py "$app" "$bare" "$seed"

echo
echo "Store (criterion; encrypted vs plain SQLite):"
cargo bench --locked -p houvast-store --bench store --features houvast-store/unencrypted-for-bench -- --noplot 2>&1 |
  grep -E 'time:|^[a-z_]+/[a-z]+$' || true
echo
echo "Backup and restore (a full programme plus a year of reflections; real keychain):"
scripts/with-desktop-session.sh cargo bench --locked -p houvast-store --bench backup

if [[ -x scripts/bench-server.sh ]]; then scripts/bench-server.sh; fi

echo
echo "Check-ins from the app (real server on SQLite, real SQLCipher stores):"
cargo bench --locked -p houvast-courier --bench outbox
