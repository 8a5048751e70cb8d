#!/usr/bin/env bash
# Installs what Pubforge needs and is missing: Debian packages (as root) and npm packages.
# Sourced by up.sh and test.sh; safe to run repeatedly (a no-op when all is there).
set -euo pipefail

# postgresql: scripts/postgres.sh runs private servers from its binaries; the cluster the package
# may start (port 5432) is not used. haproxy: scripts/processes.sh runs its own, in front of
# several app processes; the system service the package may start is not used. ejabberd (and
# curl for its HTTP API): scripts/xmpp.sh runs it for b.test in the mixed-pair e2e phase of
# scripts/test.sh.
DEBIAN_PACKAGES=(prosody lua-dbi-sqlite3 lua-unbound chromium git mercurial postgresql haproxy ejabberd curl)

ensure_debian_packages() {
  local missing=()
  for pkg in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing Debian packages: ${missing[*]}. Run as root, or: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "› Installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # The prosody package starts a system-wide server bound to every address; ours run per pair.
  if [ -f /run/prosody/prosody.pid ]; then
    kill "$(cat /run/prosody/prosody.pid)" 2>/dev/null || true
  fi
  # So does the ejabberd package (every address, 5222/5269/5280, and an epmd): stop it and keep
  # it from starting at boot; ours run without systemd, per pair (scripts/xmpp/ejabberd.sh).
  if [[ " ${missing[*]} " == *" ejabberd "* ]]; then
    if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
      systemctl disable --now ejabberd >/dev/null 2>&1 || true
    elif [ -f /run/ejabberd/ejabberd.pid ]; then
      ejabberdctl stop >/dev/null 2>&1 || true
    fi
  fi
}

ensure_npm_packages() {
  local stamp=node_modules/.package-lock.json
  if [ ! -d node_modules ] || [ package-lock.json -nt "$stamp" ]; then
    echo "› Installing npm packages (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
  if [ ! -f lib/generated/prisma/client.ts ] || [ ! -f lib/generated/prisma-postgres/client.ts ]; then
    echo "› Generating the Prisma clients (SQLite and PostgreSQL)"
    npm run --silent db:generate >/dev/null
  fi
}

ensure_debian_packages
ensure_npm_packages
