#!/usr/bin/env bash
# The server's and protocol's tests alone (make test runs them with everything else):
# SQLite and a throwaway PostgreSQL, then the libsodium vector test in Node.
set -euo pipefail
cd "$(dirname "$0")/.."
make ui-build  # the server embeds the worker's dashboard (ui/dist-dashboard)
scripts/with-postgres.sh cargo nextest run -p houvast-protocol -p houvast-server
(cd ui && [[ -d node_modules ]] || npm ci --no-audit --no-fund --loglevel=error)
cd tests/protocol-js
npm ci --no-audit --no-fund --loglevel=error
node --test
