#!/usr/bin/env bash
# A private PostgreSQL server for Pubforge's tests and `npm run up -- --postgres` (Debian's
# postgresql package, no systemd, no cluster in /var/lib/postgresql).
#   bash scripts/postgres.sh start            idempotent; initdb on first use, waits until ready
#   bash scripts/postgres.sh stop             SIGINT (fast shutdown) to the recorded PID only
#   bash scripts/postgres.sh create-db NAME   drops NAME if it exists, creates it empty
#   bash scripts/postgres.sh ensure-db NAME   creates NAME unless it exists
#   bash scripts/postgres.sh url NAME         the DATABASE_URL of database NAME
# Environment: PUBFORGE_PG_DIR (default .run/pg), PUBFORGE_PG_HOST (a 127.x.y.z address,
# default 127.0.0.7), PUBFORGE_PG_PORT (default 54320).
# Layout of $PUBFORGE_PG_DIR: data/ (the cluster, survives stop/start), socket/ (its Unix socket,
# so none goes to /var/run), password (of the `pubforge` superuser), pid, postgres.log.
set -euo pipefail

PG_BIN="${PUBFORGE_PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_DIR="${PUBFORGE_PG_DIR:-$PWD/.run/pg}"
case "$PG_DIR" in /*) ;; *) PG_DIR="$PWD/$PG_DIR" ;; esac
HOST="${PUBFORGE_PG_HOST:-127.0.0.7}"
PORT="${PUBFORGE_PG_PORT:-54320}"
USER_NAME=pubforge
TIMEOUT=30

log() { printf '[postgres] %s\n' "$*" >&2; }
die() { printf '[postgres] ERROR: %s\n' "$*" >&2; exit 1; }

# Any local user can reach a loopback address: the server still wants a password.
[[ "$HOST" =~ ^127\.[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "$HOST is not a 127.x.y.z loopback address"

# PostgreSQL refuses to run as root: as root, run it as Debian's `postgres` user, which then
# owns the cluster directory. Call it in a subshell: it execs, so that subshell's PID becomes
# the server's own.
as_server_user() {
  if [ "$(id -u)" -eq 0 ]; then
    exec setpriv --reuid postgres --regid postgres --init-groups -- "$@"
  else
    exec "$@"
  fi
}

running_pid() {
  local pid
  [ -r "$PG_DIR/pid" ] || return 0
  pid="$(tr -dc '0-9' <"$PG_DIR/pid")"
  [ -n "$pid" ] || return 0
  if kill -0 "$pid" 2>/dev/null && tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | grep -qxF -- "$PG_DIR/data"; then
    echo "$pid"
  fi
}

password() { cat "$PG_DIR/password"; }

psql_admin() {
  PGOPTIONS="-c client_min_messages=warning" PGPASSWORD="$(password)" psql -X -q -v ON_ERROR_STOP=1 -h "$HOST" -p "$PORT" -U "$USER_NAME" -d postgres "$@"
}

init_cluster() {
  [ -f "$PG_DIR/data/PG_VERSION" ] && return 0
  log "initdb in $PG_DIR/data"
  mkdir -p "$PG_DIR/socket"
  rm -rf "$PG_DIR/data"
  head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$PG_DIR/password"
  chmod 600 "$PG_DIR/password"
  if [ "$(id -u)" -eq 0 ]; then chown -R postgres:postgres "$PG_DIR"; fi
  # initdb reads the password file as the server user.
  (as_server_user "$PG_BIN/initdb" -D "$PG_DIR/data" -U "$USER_NAME" --pwfile="$PG_DIR/password" \
    --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8) >"$PG_DIR/initdb.log"
}

start() {
  [ -x "$PG_BIN/postgres" ] || die "no $PG_BIN/postgres: install Debian's postgresql package"
  if [ -n "$(running_pid)" ]; then return 0; fi
  init_cluster
  : >"$PG_DIR/postgres.log"
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$PG_DIR/postgres.log"; fi
  # A subshell that execs: $! is the server's PID. A cache that can always be rebuilt from pubsub: no fsync, which tests feel most.
  (as_server_user "$PG_BIN/postgres" -D "$PG_DIR/data" -c listen_addresses="$HOST" -c port="$PORT" \
    -c unix_socket_directories="$PG_DIR/socket" -c fsync=off -c synchronous_commit=off \
    -c full_page_writes=off) >>"$PG_DIR/postgres.log" 2>&1 &
  echo $! >"$PG_DIR/pid"
  local i
  for i in $(seq 1 $((TIMEOUT * 10))); do
    "$PG_BIN/pg_isready" -q -h "$HOST" -p "$PORT" && return 0
    [ -n "$(running_pid)" ] || { tail -5 "$PG_DIR/postgres.log" >&2; die "the server exited"; }
    sleep 0.1
  done
  die "not ready after ${TIMEOUT}s (see $PG_DIR/postgres.log)"
}

stop() {
  local pid i
  pid="$(running_pid)"
  [ -n "$pid" ] || return 0
  kill -INT "$pid"
  for i in $(seq 1 $((TIMEOUT * 10))); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$PG_DIR/pid"; return 0; }
    sleep 0.1
  done
  die "PID $pid did not stop"
}

url() {
  printf 'postgres://%s:%s@%s:%s/%s\n' "$USER_NAME" "$(password)" "$HOST" "$PORT" "$1"
}

create_db() {
  [[ "$1" =~ ^[a-z_][a-z0-9_]*$ ]] || die "database names here are [a-z0-9_]: $1"
  psql_admin -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1"
}

ensure_db() {
  [[ "$1" =~ ^[a-z_][a-z0-9_]*$ ]] || die "database names here are [a-z0-9_]: $1"
  if [ -z "$(psql_admin -tA -c "SELECT 1 FROM pg_database WHERE datname = '$1'")" ]; then
    psql_admin -c "CREATE DATABASE $1"
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  running) running_pid ;;
  create-db) create_db "${2:?database name}" ;;
  ensure-db) ensure_db "${2:?database name}" ;;
  url) url "${2:?database name}" ;;
  *) die "usage: $0 start|stop|running|create-db NAME|ensure-db NAME|url NAME" ;;
esac
