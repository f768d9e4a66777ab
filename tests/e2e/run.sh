#!/usr/bin/env bash
# Runs the app's end-to-end tests against a built binary, inside a throwaway desktop session.
#   HOUVAST_APP=path/to/houvast tests/e2e/run.sh                      every test in app/
#   HOUVAST_APP=path/to/houvast tests/e2e/run.sh app/a11y.test.mjs    one file
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
: "${HOUVAST_APP:?set HOUVAST_APP to the app binary built with --features custom-protocol}"
cd "$here"
# npm writes node_modules/.package-lock.json on install: older than the lock file means a
# dependency was added or changed since.
[[ node_modules/.package-lock.json -nt package-lock.json ]] || npm ci --no-audit --no-fund
if [[ $# -gt 0 ]]; then
  exec "$here/../../scripts/with-desktop-session.sh" node --test --test-concurrency=1 --test-reporter=spec "$@"
fi
exec "$here/../../scripts/with-desktop-session.sh" npm test
