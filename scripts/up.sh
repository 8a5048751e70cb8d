#!/usr/bin/env bash
# `npm run up`: the forge with a demo project on http://localhost:3000, from a fresh Debian
# machine. Installs what is missing, starts the local XMPP servers (a.test on 127.0.0.2,
# b.test on 127.0.0.3), migrates, seeds the demo once and serves two instances of the app:
# a.test's on :3000 and b.test's on 127.0.0.1:3001 (a federation to try). Ctrl-C stops what
# this script started, and only that.
# `npm run up -- --postgres` keeps instance A's cache on a private PostgreSQL server instead of
# SQLite (scripts/postgres.sh: .run/pg, 127.0.0.7:54320, database `pubforge`), and stops that
# server with the rest; a postgres:// DATABASE_URL is used as it is.
# `npm run up -- --processes 3` (or PUBFORGE_PROCESSES=3) serves instance A from three `next
# start` processes on 127.0.0.1:3021-3023 sharing that PostgreSQL cache, behind haproxy on :3000
# (scripts/processes.sh; implies --postgres).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
export PUBFORGE_DEMO_PASSWORD="${PUBFORGE_DEMO_PASSWORD:-demo}"
export DATABASE_URL="${DATABASE_URL:-file:./.run/pubforge.db}"
export PUBFORGE_DATABASE_URL_B="${PUBFORGE_DATABASE_URL_B:-file:./.run/pubforge-b.db}"
# The demo's repositories are local (scripts/demo-repos.ts): the one directory this server may
# read repositories from besides public URLs (lib/scm/url-policy.ts).
export PUBFORGE_DEMO_REPOS="${PUBFORGE_DEMO_REPOS:-$PWD/.run/demo-repos}"
export PUBFORGE_REPOSITORY_ALLOW="${PUBFORGE_REPOSITORY_ALLOW:+$PUBFORGE_REPOSITORY_ALLOW,}$PUBFORGE_DEMO_REPOS"
use_postgres=0
processes="${PUBFORGE_PROCESSES:-1}"
while [ $# -gt 0 ]; do
  case "$1" in
    --postgres) use_postgres=1 ;;
    --processes)
      processes="${2:-}"
      [ $# -gt 1 ] && shift
      ;;
    --processes=*) processes="${1#--processes=}" ;;
    *) echo "Unknown option: $1 (known: --postgres, --processes N)" >&2; exit 1 ;;
  esac
  shift
done
if ! [[ "$processes" =~ ^[1-9][0-9]?$ ]]; then
  echo "--processes takes a number from 1 to 99, not \"$processes\"" >&2
  exit 1
fi
# Several processes share their cache, and their changes, through PostgreSQL.
if [ "$processes" -gt 1 ] && [[ "$DATABASE_URL" != postgres* ]]; then use_postgres=1; fi
PORT="${PORT:-3000}"
PORT_B=$((PORT + 1))

for port in "$PORT" "$PORT_B"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "Port $port is already in use (another Pubforge?). Stop it, or run: PORT=3010 npm run up" >&2
    exit 1
  fi
done

source scripts/ensure-deps.sh
source scripts/secret-key.sh

started_xmpp=0
if ! bash scripts/xmpp.sh status >/dev/null 2>&1; then started_xmpp=1; fi
started_postgres=0
started_processes=0
app_pid=""
app_b_pid=""
cleanup() {
  # Ignore further Ctrl-C so the servers are always stopped. npm may kill this script soon
  # after the first one, so the servers are signalled first and the app (which got the
  # terminal's Ctrl-C itself) last.
  trap '' INT TERM
  trap - EXIT
  [ "$started_xmpp" = 1 ] && bash scripts/xmpp.sh stop
  [ "$started_processes" = 1 ] && bash scripts/processes.sh stop
  [ "$started_postgres" = 1 ] && bash scripts/postgres.sh stop
  [ -n "$app_b_pid" ] && kill "$app_b_pid" 2>/dev/null
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null
  exit 0
}
trap cleanup EXIT INT TERM

bash scripts/xmpp.sh start
if [ "$use_postgres" = 1 ]; then
  echo "› Starting PostgreSQL for the cache"
  started_postgres=1
  bash scripts/postgres.sh start
  bash scripts/postgres.sh ensure-db pubforge
  DATABASE_URL="$(bash scripts/postgres.sh url pubforge)"
fi
echo "› Migrating the cache database"
npx prisma migrate deploy >/dev/null
DATABASE_URL="$PUBFORGE_DATABASE_URL_B" npx prisma migrate deploy >/dev/null
echo "› Building the app"
npx next build >/dev/null
echo "› Seeding the demo project (once)"
npx tsx scripts/seed.ts

cat <<MSG
  Pubforge is starting on http://localhost:${PORT} (instance of a.test)
  and on http://127.0.0.1:${PORT_B} (instance of b.test: sign in as bob, open the demo project)
  Demo accounts: alice@a.test and bob@b.test, password: ${PUBFORGE_DEMO_PASSWORD}
  Press Ctrl-C to stop everything this command started.
MSG
if [ "$processes" -gt 1 ]; then
  started_processes=1
  PORT="$PORT" bash scripts/processes.sh start "$processes"
else
  node server.mjs -p "$PORT" -H 127.0.0.1 &
  app_pid=$!
fi
PUBFORGE_INSTANCE_JID=forge@b.test DATABASE_URL="$PUBFORGE_DATABASE_URL_B" \
  PUBFORGE_MIRROR_DIR=.run/mirrors-b node server.mjs -p "$PORT_B" -H 127.0.0.1 &
app_b_pid=$!
# b.test's instance follows the demo project from the start, so its list is not empty.
for _ in $(seq 60); do
  node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' \
    "http://127.0.0.1:${PORT_B}/p/pubsub.a.test/demo" && break
  sleep 1
done
# Until Ctrl-C, or until an app process this script waits on exits (processes.sh's run in
# their own session; haproxy sends browsers to the ones left).
wait -n $app_pid "$app_b_pid"
