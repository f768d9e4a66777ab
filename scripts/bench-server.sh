#!/usr/bin/env bash
# The server benchmark: check-ins per second and p99 latency with 64 concurrent clients on
# loopback, SQLite and PostgreSQL side by side with /healthz. Starts a throwaway PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=pg-throwaway.sh
source scripts/pg-throwaway.sh
# An optimised build without the release profile's fat LTO (minutes on 2 cores); the code
# paths measured are the same.
export CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16
export RUST_LOG=${RUST_LOG:-warn}
cargo bench -p houvast-server --bench checkins
