#!/usr/bin/env bash
# A throw-away PostgreSQL server for the test suite, on 127.0.0.1 only.
#   scripts/pg-test-server.sh start   installs PostgreSQL with apt-get if missing (as root),
#                                     starts a private cluster, prints its URL
#   scripts/pg-test-server.sh stop    stops it and removes its files
# Exit code 3: PostgreSQL cannot be installed or started here (the caller skips those tests).
set -euo pipefail

PORT="${FAMILYDESK_PG_PORT:-54329}"
DIR="${FAMILYDESK_PG_DIR:-/tmp/familydesk-pgtest-$PORT}"
URL="postgresql://postgres@127.0.0.1:$PORT/postgres"

find_bin() {
    local dir best=""
    for dir in /usr/lib/postgresql/*/bin; do
        [ -x "$dir/initdb" ] && best="$dir"
    done
    if [ -z "$best" ] && command -v initdb >/dev/null 2>&1; then
        best="$(dirname "$(command -v initdb)")"
    fi
    echo "$best"
}

install_postgresql() {
    if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
        return 1
    fi
    echo "Installing PostgreSQL with apt-get..." >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
}

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

start() {
    local bin
    bin="$(find_bin)"
    if [ -z "$bin" ]; then
        install_postgresql || { echo "PostgreSQL is not installed and cannot be installed here." >&2; exit 3; }
        bin="$(find_bin)"
        [ -n "$bin" ] || { echo "PostgreSQL was installed but initdb was not found." >&2; exit 3; }
    fi
    if [ -f "$DIR/data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
        echo "$URL"
        return 0
    fi
    rm -rf "$DIR"
    mkdir -p "$DIR"
    if [ "$(id -u)" -eq 0 ]; then
        id postgres >/dev/null 2>&1 || useradd --system --home "$DIR" postgres
        chown postgres "$DIR"
    fi
    as_owner "$bin/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$DIR/initdb.log" 2>&1 \
        || { cat "$DIR/initdb.log" >&2; exit 3; }
    as_owner "$bin/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
        -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off -c max_connections=200" \
        start >&2 || { cat "$DIR/server.log" >&2; exit 3; }
    echo "$URL"
}

stop() {
    local bin
    bin="$(find_bin)"
    if [ -n "$bin" ] && [ -d "$DIR/data" ]; then
        as_owner "$bin/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$DIR"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
