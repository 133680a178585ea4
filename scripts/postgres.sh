#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: `start` makes one in a temporary folder (initdb as
# the postgres user when run as root: initdb refuses root), listening on 127.0.0.1 only at a free
# port, with a database `linimasa_test`, and prints its URL (postgres://postgres@127.0.0.1:PORT/
# linimasa_test) on standard output; `stop FOLDER` stops it and removes the folder. The folder is
# the URL's last line on standard error. Needs Debian's postgresql (scripts/setup.sh installs it).
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$PGBIN" ] || { echo "postgres: Debian's postgresql is not installed (bash scripts/setup.sh)" >&2; exit 1; }
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "${1:-}" in
  start)
    dir=$(mktemp -d /tmp/linimasa-pg.XXXXXX)
    chmod 755 "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; fi
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_owner "$PGBIN/initdb" -D "$dir/data" -A trust -U postgres --no-sync -E UTF8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    as_owner "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    psql -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "CREATE DATABASE linimasa_test" >/dev/null
    echo "postgres: a throwaway cluster in $dir on 127.0.0.1:$port" >&2
    echo "$dir" >&2
    echo "postgres://postgres@127.0.0.1:$port/linimasa_test"
    ;;
  stop)
    dir="${2:?stop needs the folder of the cluster}"
    as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: scripts/postgres.sh start | stop FOLDER" >&2
    exit 2
    ;;
esac
