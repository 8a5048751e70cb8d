#!/usr/bin/env bash
# `npm test`: lint, type check, unit tests, then end-to-end tests in Chromium against real
# Prosody servers and a real SQLite cache. Starts its own servers on 127.0.0.4/127.0.0.5, two
# Pubforge instances (forge@a.test on port 3100, forge@b.test on 3101) beside `npm run up`, and
# stops only those, by PID.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1

source scripts/ensure-deps.sh
source scripts/secret-key.sh

# `npm test -- e2e [spec…]` skips the static checks and unit tests (for working on e2e tests).
mkdir -p .run/reports && rm -f .run/reports/e2e.json
only_e2e=0
if [ "${1:-}" = "e2e" ]; then
  only_e2e=1
  shift
fi
if [ "$only_e2e" = 0 ]; then
  echo "› Lint"
  npm run --silent lint
  echo "› Type check"
  npx tsc --noEmit --incremental false
  echo "› Unit tests"
  rm -f .run/reports/unit.json
  npx vitest run --reporter=default --reporter=json --outputFile.json=.run/reports/unit.json
fi

# Every resource can be moved (PUBFORGE_TEST_SLOT picks another address pair, ports and files)
# so two test runs can share the machine without touching each other.
slot="${PUBFORGE_TEST_SLOT:-0}"
suffix="${PUBFORGE_TEST_SLOT:-}"
export PUBFORGE_XMPP_DIR="$PWD/.run/xmpp-test$suffix"
export PUBFORGE_XMPP_A_IP="127.0.$slot.4" PUBFORGE_XMPP_B_IP="127.0.$slot.5"
# evil.test, trap.test and relay.test are the rogue servers e2e/hostile-server.spec.ts and
# e2e/transport.spec.ts run in their own process (lib/xmpp/testing/rogue-server.ts).
export PUBFORGE_XMPP_HOSTS="a.test=$PUBFORGE_XMPP_A_IP:5222,b.test=$PUBFORGE_XMPP_B_IP:5222,evil.test=127.0.$slot.6:5222,trap.test=127.0.$slot.6:5223,relay.test=127.0.$slot.6:5224"
export PUBFORGE_DEMO_PASSWORD="${PUBFORGE_DEMO_PASSWORD:-demo}"
export DATABASE_URL="file:./.run/test$suffix.db"
export PUBFORGE_DATABASE_URL_B="file:./.run/test$suffix-b.db"
export PUBFORGE_DIST_DIR=".next-test$suffix"
export PUBFORGE_MIRROR_DIR=".run/mirrors-test$suffix"
export PUBFORGE_TEST_PORT="$((3100 + 10 * slot))"
export PUBFORGE_TEST_PORT_B="$((PUBFORGE_TEST_PORT + 1))"
# What the servers under test may read besides public URLs (lib/scm/url-policy.ts): the e2e
# tests' local repositories (e2e/repos.ts), the one URL prefix of e2e/ssrf.spec.ts's
# loopback server whose redirects into loopback must be refused, and the repositories the
# other instance hosts (e2e/repository-mirrors.spec.ts pushes to and clones from them).
export PUBFORGE_E2E_REPOS="$PWD/.run/e2e-repos$suffix"
export PUBFORGE_TEST_REDIRECT_PORT="$((PUBFORGE_TEST_PORT + 5))"
export PUBFORGE_REPOSITORY_ALLOW="$PUBFORGE_E2E_REPOS,http://127.0.0.1:$PUBFORGE_TEST_REDIRECT_PORT/allowed/,http://127.0.0.1:$PUBFORGE_TEST_PORT_B/p/"

stop_servers() { bash scripts/xmpp.sh stop || true; }
trap stop_servers EXIT

echo "› End-to-end: fresh XMPP servers, database and build"
bash scripts/xmpp.sh stop >/dev/null 2>&1 || true
rm -rf "$PUBFORGE_XMPP_DIR" "$PUBFORGE_MIRROR_DIR" "$PUBFORGE_MIRROR_DIR-b" .run/test"$suffix".db* .run/test"$suffix"-b.db* "$PUBFORGE_E2E_REPOS"
mkdir -p "$PUBFORGE_E2E_REPOS"
bash scripts/xmpp.sh start
npx prisma migrate deploy >/dev/null
DATABASE_URL="$PUBFORGE_DATABASE_URL_B" npx prisma migrate deploy >/dev/null
# PUBFORGE_TEST_REUSE_BUILD=1 keeps an existing build (when only tests changed).
if [ "${PUBFORGE_TEST_REUSE_BUILD:-0}" = 1 ] && [ -f "$PUBFORGE_DIST_DIR/BUILD_ID" ]; then
  echo "  (reusing the build in $PUBFORGE_DIST_DIR)"
else
  npx next build >/dev/null
fi
PLAYWRIGHT_JSON_OUTPUT_NAME=.run/reports/e2e.json npx playwright test --reporter=list,json "$@"
if [ "$only_e2e" = 1 ]; then node scripts/test-summary.mjs e2e; else node scripts/test-summary.mjs unit e2e; fi
