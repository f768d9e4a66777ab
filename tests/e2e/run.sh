#!/usr/bin/env bash
# Runs the app's end-to-end tests against a built binary, inside a throwaway desktop session.
#   HOUVAST_APP=path/to/houvast tests/e2e/run.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
: "${HOUVAST_APP:?set HOUVAST_APP to the app binary built with --features custom-protocol}"
cd "$here"
[[ -d node_modules ]] || npm ci --no-audit --no-fund
exec "$here/../../scripts/with-desktop-session.sh" npm test
