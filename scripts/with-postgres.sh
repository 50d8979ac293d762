#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL server: finds Debian's PostgreSQL (installing
# it when missing), initialises a cluster in a temporary folder, starts it on loopback, exports
# TEST_DATABASE_URL, runs the command, and always stops the server afterwards.
set -euo pipefail
PORT="${PG_TEST_PORT:-55432}"

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
BIN="$(find_bin)"
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
  echo "PostgreSQL not found: installing Debian's postgresql…" >&2
  if [ "$(id -u)" = "0" ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y postgresql >&2
  BIN="$(find_bin)"
fi

DIR="$(mktemp -d /tmp/hinoki-pg.XXXXXX)"
# initdb refuses to run as root: run the server as the postgres user when we are root.
if [ "$(id -u)" = "0" ]; then
  chown postgres "$DIR"
  AS=(runuser -u postgres --)
else
  AS=()
fi
cleanup() {
  "${AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap cleanup EXIT
"${AS[@]}" "$BIN/initdb" -D "$DIR/data" --auth=trust --username=postgres -E UTF8 --locale=C.UTF-8 >/dev/null
"${AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -o "-p $PORT -c listen_addresses=127.0.0.1 -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" -w start >/dev/null
export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/postgres"
# A console started on this server with DATABASE_URL (the benchmark, multi-instance tests) refuses
# to start without a key-encryption key of its own: give it a throwaway one.
export HINOKI_ATTESTATION_KEK="${HINOKI_ATTESTATION_KEK:-$(head -c 32 /dev/urandom | base64)}"
echo "PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on port $PORT" >&2
"$@"
