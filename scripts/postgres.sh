#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: `start DIR PORT` prints its URL, `stop DIR` ends it.
set -euo pipefail

find_bin() {
  if command -v pg_ctl >/dev/null 2>&1; then dirname "$(command -v pg_ctl)"; return; fi
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -n "$dir" ]; then echo "$dir"; return; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2
    ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1
    return
  fi
  echo "PostgreSQL is not installed; install it (apt-get install postgresql) and retry" >&2
  exit 1
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cmd=${1:?usage: postgres.sh start DIR PORT | stop DIR}
dir=${2:?data directory}
bin=$(find_bin)

case "$cmd" in
  start)
    port=${3:?port}
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then
      id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
      chown postgres "$dir"
      # The server runs as postgres, which must be able to reach DIR (mktemp -d is 0700).
      chmod a+x "$(dirname "$dir")"
    fi
    if [ ! -f "$dir/PG_VERSION" ]; then
      as_owner "$bin/initdb" -D "$dir" -U postgres --auth=trust >"$dir.initdb.log" 2>&1
    fi
    as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >&2
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    as_owner "$bin/pg_ctl" -D "$dir" -m fast -w stop >&2 || true
    ;;
  *)
    echo "unknown command $cmd" >&2
    exit 2
    ;;
esac
