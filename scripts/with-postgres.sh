#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL cluster (DATABASE_URL exported), stopped and
# removed afterwards. The server's tests then run on PostgreSQL as well as SQLite.
#   scripts/with-postgres.sh cargo nextest run --workspace
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=pg-throwaway.sh
source "$here/pg-throwaway.sh"
export HOUVAST_REQUIRE_PG=1   # the PostgreSQL half must run, not skip
"$@"
