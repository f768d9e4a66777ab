#!/usr/bin/env bash
# Everything the server's tests need, from a fresh Debian machine (as root or as a user who
# can run PostgreSQL): a throwaway PostgreSQL cluster, the Rust tests of houvast-protocol and
# houvast-server on SQLite and on PostgreSQL, and the libsodium vector test in Node.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=pg-throwaway.sh
source scripts/pg-throwaway.sh
export HOUVAST_REQUIRE_PG=1   # the PostgreSQL half must run, not skip

cargo fmt --check -p houvast-protocol -p houvast-server
cargo clippy -q -p houvast-protocol -p houvast-server --all-targets -- -D warnings
cargo nextest run -p houvast-protocol -p houvast-server

(
    cd tests/protocol-js
    npm ci --no-audit --no-fund --loglevel=error
    node --test
)
