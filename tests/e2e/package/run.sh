#!/usr/bin/env bash
# Installs a Houvast .deb as a parent's IT would (dpkg -i, no apt: every dependency must already
# be on the machine), checks it, starts the installed app in a throwaway desktop session, and
# removes the package again.
#   tests/e2e/package/run.sh path/to/Houvast_0.1.0_amd64.deb
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
deb=$(realpath "${1:?usage: $0 path/to/houvast.deb}")

sudo=""
[[ $(id -u) -ne 0 ]] && sudo=sudo

# Never replace (and then remove) a Houvast someone installed on this machine on purpose.
if dpkg-query -W -f='${Status}' houvast 2>/dev/null | grep -q 'install ok installed'; then
  echo "houvast is installed on this machine: the package test would replace it and then remove it." >&2
  echo "Remove it first (sudo dpkg -r houvast) or run the test on another machine." >&2
  exit 1
fi

removed=0
remove() {
  ((removed)) && return
  removed=1
  $sudo dpkg --purge houvast >/dev/null || echo "could not remove the houvast package (dpkg --purge houvast)" >&2
}
trap remove EXIT

# dpkg -i fails (and leaves the package unconfigured) when a declared dependency is missing.
$sudo dpkg -i "$deb"

cd "$here/.."
[[ -d node_modules ]] || npm ci --no-audit --no-fund
HOUVAST_DEB="$deb" HOUVAST_APP=/usr/bin/houvast \
  "$here/../../../scripts/with-desktop-session.sh" \
  node --test --test-concurrency=1 --test-reporter=spec package/
