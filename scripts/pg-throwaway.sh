# Sourced by test-server.sh and bench-server.sh: starts a throwaway PostgreSQL cluster in a
# temporary directory on a free loopback port, exports DATABASE_URL, and stops and removes the
# cluster when the calling script exits. Installs Debian's postgresql package when missing.

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    echo "installing postgresql (apt)…" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PGTMP=$(mktemp -d /tmp/houvast-pg.XXXXXX)
PGRUN=()
if [ "$(id -u)" = 0 ]; then
    # PostgreSQL refuses to run as root: use the package's postgres user.
    id postgres >/dev/null 2>&1 || useradd --system --home-dir "$PGTMP" --shell /usr/sbin/nologin postgres
    chown postgres "$PGTMP"
    PGRUN=(runuser -u postgres --)
fi
PGPORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

pg_throwaway_stop() {
    "${PGRUN[@]}" "$PGBIN/pg_ctl" -D "$PGTMP/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PGTMP"
}
trap pg_throwaway_stop EXIT

"${PGRUN[@]}" "$PGBIN/initdb" -D "$PGTMP/data" -U houvast --auth=trust -E UTF8 >/dev/null
# fsync off: a throwaway cluster for tests, nothing to keep.
"${PGRUN[@]}" "$PGBIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/log" -w \
    -o "-p $PGPORT -k $PGTMP -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
export DATABASE_URL="postgres://houvast@127.0.0.1:$PGPORT/postgres"
echo "throwaway PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PGPORT" >&2
