#!/usr/bin/env bash
# `npm run up`: the forge with a demo project on http://localhost:3000, from a fresh Debian
# machine. Installs what is missing, starts the local XMPP servers (a.test on 127.0.0.2,
# b.test on 127.0.0.3), migrates, seeds the demo once and serves the app. Ctrl-C stops what
# this script started, and only that.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
export PUBFORGE_DEMO_PASSWORD="${PUBFORGE_DEMO_PASSWORD:-demo}"
export DATABASE_URL="${DATABASE_URL:-file:./.run/pubforge.db}"
PORT="${PORT:-3000}"

source scripts/ensure-deps.sh

started_xmpp=0
if ! bash scripts/xmpp.sh status >/dev/null 2>&1; then started_xmpp=1; fi
app_pid=""
cleanup() {
  trap - EXIT INT TERM
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null
  [ "$started_xmpp" = 1 ] && bash scripts/xmpp.sh stop
  exit 0
}
trap cleanup EXIT INT TERM

bash scripts/xmpp.sh start
echo "› Migrating the cache database"
npx prisma migrate deploy >/dev/null
echo "› Building the app"
npx next build >/dev/null
echo "› Seeding the demo project (once)"
npx tsx scripts/seed.ts

cat <<MSG

  Pubforge is starting on http://localhost:${PORT}
  Demo accounts: alice@a.test and bob@b.test, password: ${PUBFORGE_DEMO_PASSWORD}
  Press Ctrl-C to stop everything this command started.

MSG
npx next start -p "$PORT" &
app_pid=$!
wait "$app_pid"
