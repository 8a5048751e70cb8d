#!/usr/bin/env bash
# Start/stop a pair of real, federating XMPP servers on loopback for Pubforge: Prosody 0.12 by
# default, ejabberd 23.01 for either domain on demand (scripts/xmpp/ejabberd.sh).
#
#   bash scripts/xmpp.sh start [a|b]      idempotent; waits for c2s (and s2s when both run)
#   bash scripts/xmpp.sh stop [a|b]       SIGTERM (by recorded PID only), wait, then cleanup
#   bash scripts/xmpp.sh restart [a|b]
#   bash scripts/xmpp.sh status
#   bash scripts/xmpp.sh register USER DOMAIN PASSWORD   idempotent (sets the password)
#
# Environment (defaults):
#   PUBFORGE_XMPP_DIR          $PWD/.run/xmpp   one sub-dir per server (a/, b/) + the pair's hosts file
#   PUBFORGE_XMPP_A_IP         127.0.0.2        a.test + component pubsub.a.test
#   PUBFORGE_XMPP_B_IP         127.0.0.3        b.test + component pubsub.b.test
#   PUBFORGE_INSTANCE_USER     forge            forge@a.test / forge@b.test, admin of its server
#   PUBFORGE_INSTANCE_PASSWORD forge-secret
#   PUBFORGE_DEMO_PASSWORD     demo             alice@a.test, carol@a.test, bob@b.test, dave@b.test
#   PUBFORGE_XMPP_TIMEOUT      15               seconds to wait for a server to answer
#   PUBFORGE_XMPP_LOG_LEVEL    info             Prosody log level (debug for s2s trouble)
#   PUBFORGE_XMPP_ALLOW_REGISTRATION false      in-band sign-up (XEP-0077) for anyone
#   PUBFORGE_XMPP_A_SERVER     prosody          prosody or ejabberd, for a.test
#   PUBFORGE_XMPP_B_SERVER     prosody          prosody or ejabberd, for b.test (the mixed pair of
#                                               scripts/test.sh: a.test Prosody, b.test ejabberd)
#
# Several pairs can run side by side (e.g. dev on 127.0.0.2/3 and tests with
# PUBFORGE_XMPP_DIR=.run/xmpp-test on 127.0.0.4/5): they share the domain names a.test/b.test
# but every server binds only its own address, and each pair resolves the names through its own
# hosts file (lua-unbound `hoststxt`), so a pair's s2s never reaches the other pair.
#
# Layout of $PUBFORGE_XMPP_DIR:
#   hosts                 pair hosts file (from scripts/xmpp/hosts.tmpl)
#   a/prosody.cfg.lua     generated config (from scripts/xmpp/prosody.cfg.lua.tmpl)
#   a/data/               SQLite storage (prosody.sqlite): survives stop/start
#   a/pid                 PID recorded by this script (a/prosody.pid is Prosody's own)
#   a/prosody.log         Prosody log; a/console.log = stdout/stderr of the process
#   a/admin.sock          admin socket for `prosodyctl --config a/prosody.cfg.lua shell`
#   (b/ likewise; .lock serialises concurrent invocations on the pair; an ejabberd server's
#   files are listed in scripts/xmpp/ejabberd.sh)
# Note: Prosody's processes are named lua5.4: find them with `pgrep -af bin/prosody`.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TEMPLATE_DIR="$SCRIPT_DIR/xmpp"
# shellcheck source=xmpp/ejabberd.sh
source "$SCRIPT_DIR/xmpp/ejabberd.sh"

XMPP_DIR="${PUBFORGE_XMPP_DIR:-$PWD/.run/xmpp}"
case "$XMPP_DIR" in /*) ;; *) XMPP_DIR="$PWD/$XMPP_DIR" ;; esac
A_IP="${PUBFORGE_XMPP_A_IP:-127.0.0.2}"
B_IP="${PUBFORGE_XMPP_B_IP:-127.0.0.3}"
INSTANCE_USER="${PUBFORGE_INSTANCE_USER:-forge}"
INSTANCE_PASSWORD="${PUBFORGE_INSTANCE_PASSWORD:-forge-secret}"
DEMO_PASSWORD="${PUBFORGE_DEMO_PASSWORD:-demo}"
TIMEOUT="${PUBFORGE_XMPP_TIMEOUT:-15}"
LOG_LEVEL="${PUBFORGE_XMPP_LOG_LEVEL:-info}"
ALLOW_REGISTRATION="${PUBFORGE_XMPP_ALLOW_REGISTRATION:-false}"
A_SERVER="${PUBFORGE_XMPP_A_SERVER:-prosody}"
B_SERVER="${PUBFORGE_XMPP_B_SERVER:-prosody}"

# These servers speak SASL PLAIN without TLS: refuse anything that is not a loopback address.
for _ip in "$A_IP" "$B_IP"; do
  [[ "$_ip" =~ ^127\.[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "[xmpp] ERROR: $_ip is not a 127.x.y.z loopback address" >&2; exit 1; }
done
[ "$A_IP" != "$B_IP" ] || { echo "[xmpp] ERROR: A and B need different addresses" >&2; exit 1; }
case "$ALLOW_REGISTRATION" in true | false) ;; *) echo "[xmpp] ERROR: PUBFORGE_XMPP_ALLOW_REGISTRATION must be true or false" >&2; exit 1 ;; esac
for _kind in "$A_SERVER" "$B_SERVER"; do
  case "$_kind" in prosody | ejabberd) ;; *) echo "[xmpp] ERROR: PUBFORGE_XMPP_A_SERVER/B_SERVER must be prosody or ejabberd, not '$_kind'" >&2; exit 1 ;; esac
done

C2S_PORT=5222
S2S_PORT=5269

log() { printf '[xmpp] %s\n' "$*" >&2; }
die() { printf '[xmpp] ERROR: %s\n' "$*" >&2; exit 1; }

# ---- per-server facts -------------------------------------------------------------------------

server_domain() { case "$1" in a) echo a.test ;; b) echo b.test ;; esac; }
server_ip() { case "$1" in a) echo "$A_IP" ;; b) echo "$B_IP" ;; esac; }
server_kind() { case "$1" in a) echo "$A_SERVER" ;; b) echo "$B_SERVER" ;; esac; }
server_dir() { echo "$XMPP_DIR/$1"; }
server_cfg() { echo "$XMPP_DIR/$1/prosody.cfg.lua"; }
server_pidfile() { echo "$XMPP_DIR/$1/pid"; }
server_log() {
  if [ "$(server_kind "$1")" = ejabberd ]; then echo "$XMPP_DIR/$1/logs/ejabberd.log"; else echo "$XMPP_DIR/$1/prosody.log"; fi
}

# Accept "a", "b", "a.test", "b.test", "pubsub.a.test", ...
server_of() {
  case "$1" in
    a | a.test | pubsub.a.test) echo a ;;
    b | b.test | pubsub.b.test) echo b ;;
    *) return 1 ;;
  esac
}

# unix sockets are limited to 108 bytes: fall back to a short path in /tmp for deep checkouts.
admin_socket_path() {
  local p="$XMPP_DIR/$1/admin.sock"
  if [ "${#p}" -gt 100 ]; then
    p="/tmp/pubforge-xmpp-$(printf '%s' "$XMPP_DIR" | cksum | cut -d' ' -f1)-$1.sock"
  fi
  echo "$p"
}

# ---- prerequisites ----------------------------------------------------------------------------

ensure_packages() {
  local missing=()
  command -v prosody >/dev/null 2>&1 && command -v prosodyctl >/dev/null 2>&1 || missing+=(prosody)
  if [ "$A_SERVER" = ejabberd ] || [ "$B_SERVER" = ejabberd ]; then
    [ -x /usr/sbin/ejabberdctl ] && command -v erl >/dev/null 2>&1 || missing+=(ejabberd)
    command -v curl >/dev/null 2>&1 || missing+=(curl)
  fi
  local installed
  installed="$(dpkg-query -W -f='${Package} ${Status}\n' lua-dbi-sqlite3 lua-unbound 2>/dev/null || true)"
  grep -q '^lua-dbi-sqlite3 install ok installed' <<<"$installed" || missing+=(lua-dbi-sqlite3)
  grep -q '^lua-unbound install ok installed' <<<"$installed" || missing+=(lua-unbound)
  [ "${#missing[@]}" -eq 0 ] && return 0
  log "installing missing packages: ${missing[*]}"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "need root to install: ${missing[*]}"
    sudo="sudo"
  fi
  # apt-get update only when the install fails (e.g. empty package lists).
  if ! DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"; then
    $sudo apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
  fi
}

# Debian's postinst starts a system-wide Prosody (user prosody, /etc/prosody/prosody.cfg.lua)
# that listens on 5222/5269 on ALL addresses ([::] and *), which makes our per-address binds
# fail with "address in use". We stop it: via `service prosody stop`, or, if that does not work,
# by SIGTERM to the PID in /run/prosody/prosody.pid — only if that PID really is a Prosody
# process that is not one of ours (ours always run with --config <our dir>/...).
stop_system_prosody() {
  local syspidfile=/run/prosody/prosody.pid syspid=""
  [ -r "$syspidfile" ] && syspid="$(tr -dc '0-9' <"$syspidfile")"
  if [ -n "$syspid" ] && is_prosody_pid "$syspid" && ! grep -qF -- "$XMPP_DIR/" "/proc/$syspid/cmdline" 2>/dev/null; then
    log "stopping Debian's system Prosody service (PID $syspid, binds 5222/5269 on all addresses)"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    # Note: Debian 12's /etc/init.d/prosody stops with `--name lua5.2` while the daemon runs as
    # lua5.4, so without systemd `service prosody stop` reports failure and leaves it running;
    # hence the SIGTERM fallback.
    $sudo service prosody stop >/dev/null 2>&1 || true
    local i
    for i in $(seq 1 10); do kill -0 "$syspid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$syspid" 2>/dev/null; then
      log "service stop did not stop it; sending SIGTERM to system Prosody PID $syspid"
      $sudo kill -TERM "$syspid" 2>/dev/null || true
      for i in $(seq 1 100); do kill -0 "$syspid" 2>/dev/null || break; sleep 0.1; done
      if kill -0 "$syspid" 2>/dev/null; then die "system Prosody (PID $syspid) did not stop"; fi
    fi
  fi
}

# Is something else listening on our address (or on a wildcard address, which also answers on
# ours) at our ports? A TCP connect is the cheap test; `ss -p` only to say who it is.
check_ports_free() {
  local ip="$1" port
  for port in $C2S_PORT $S2S_PORT; do
    if port_open "$ip" "$port"; then
      log "port $ip:$port is already taken:"
      ss -Hltnp 2>/dev/null | grep -E "[:.]$port( |$)" >&2 || true
      die "free that port (a system Prosody? see stop_system_prosody in $0) and retry"
    fi
  done
}

# ---- process handling -------------------------------------------------------------------------

is_prosody_pid() {
  local pid="$1"
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q 'prosody'
}

# PID of our running server $1, or nothing. Checks that the PID still belongs to a Prosody
# started with this server's config (no PID reuse accidents).
running_pid() {
  local pidfile pid cfg
  pidfile="$(server_pidfile "$1")"
  cfg="$(server_cfg "$1")"
  [ "$(server_kind "$1")" = ejabberd ] && cfg="$(ejabberd_marker "$1")"
  [ -r "$pidfile" ] || return 0
  pid="$(tr -dc '0-9' <"$pidfile")"
  [ -n "$pid" ] || return 0
  if kill -0 "$pid" 2>/dev/null && tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | grep -qxF -- "$cfg"; then
    echo "$pid"
  fi
}

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

lua_escape() { local s="${1//\\/\\\\}"; printf '%s' "${s//\"/\\\"}"; }

render() { # template out KEY=VALUE...
  local tmpl out kv key val
  tmpl="$(cat "$1")"
  out="$2"
  shift 2
  for kv in "$@"; do
    key="${kv%%=*}"
    val="${kv#*=}"
    tmpl="${tmpl//"@$key@"/"$val"}"
  done
  printf '%s\n' "$tmpl" >"$out.tmp"
  mv -f "$out.tmp" "$out"
}

write_hosts() {
  mkdir -p "$XMPP_DIR"
  render "$TEMPLATE_DIR/hosts.tmpl" "$XMPP_DIR/hosts" A_IP="$A_IP" B_IP="$B_IP"
}

write_config() {
  local s="$1" dir domain run_as_root=false
  dir="$(server_dir "$s")"
  domain="$(server_domain "$s")"
  [ "$(id -u)" -eq 0 ] && run_as_root=true
  # certs/ stays empty (no TLS); it exists only so Prosody's certmanager does not log an error.
  mkdir -p "$dir/data" "$dir/certs"
  render "$TEMPLATE_DIR/prosody.cfg.lua.tmpl" "$(server_cfg "$s")" \
    DOMAIN="$domain" \
    IP="$(server_ip "$s")" \
    SERVER_DIR="$(lua_escape "$dir")" \
    DATA_DIR="$(lua_escape "$dir/data")" \
    HOSTS_FILE="$(lua_escape "$XMPP_DIR/hosts")" \
    ADMIN_JID="$INSTANCE_USER@$domain" \
    ADMIN_SOCKET="$(lua_escape "$(admin_socket_path "$s")")" \
    RUN_AS_ROOT="$run_as_root" \
    ALLOW_REGISTRATION="$ALLOW_REGISTRATION" \
    LOG_LEVEL="$LOG_LEVEL"
}

ctl() { # server args...
  local s="$1"
  shift
  prosodyctl --config "$(server_cfg "$s")" "$@"
}

fail_with_log() { # server message
  local s="$1"
  log "$2"
  log "--- last lines of $(server_log "$s") ---"
  tail -n 30 "$(server_log "$s")" >&2 2>/dev/null || true
  if [ -s "$(server_dir "$s")/console.log" ]; then
    log "--- last lines of $(server_dir "$s")/console.log ---"
    tail -n 15 "$(server_dir "$s")/console.log" >&2 || true
  fi
  exit 1
}

# Launch server $1 if not running. Does not wait.
launch() {
  local s="$1" pid dir cfg ip
  dir="$(server_dir "$s")"
  cfg="$(server_cfg "$s")"
  ip="$(server_ip "$s")"
  pid="$(running_pid "$s")"
  if [ -n "$pid" ]; then
    log "$(server_domain "$s") already running (PID $pid, $ip)"
    return 0
  fi
  check_ports_free "$ip"
  if [ "$(server_kind "$s")" = ejabberd ]; then
    ejabberd_launch "$s"
    return 0
  fi
  write_config "$s"
  rm -f "$(server_pidfile "$s")" "$dir/prosody.pid" "$(admin_socket_path "$s")"
  : >>"$(server_log "$s")"
  # setsid: own session, so a Ctrl-C in the calling terminal or the end of `npm run` does not
  # kill it; it is not a process-group leader here, so setsid execs in place and $! is Prosody.
  # 9>&-: the server must not inherit (and hold forever) the pair lock, see lock_pair.
  setsid nohup prosody --config "$cfg" -F </dev/null >"$dir/console.log" 2>&1 9>&- &
  pid=$!
  echo "$pid" >"$(server_pidfile "$s")"
  log "started $(server_domain "$s") on $ip (PID $pid, config $cfg)"
}

wait_ready() {
  local s="$1" ip deadline pid
  ip="$(server_ip "$s")"
  deadline=$((SECONDS + TIMEOUT))
  while :; do
    pid="$(running_pid "$s")"
    [ -n "$pid" ] || fail_with_log "$s" "$(server_domain "$s") exited during startup"
    if port_open "$ip" "$C2S_PORT" && port_open "$ip" "$S2S_PORT"; then
      if [ "$(server_kind "$s")" = ejabberd ]; then
        ejabberd_ready "$s" && return 0
      elif [ -S "$(admin_socket_path "$s")" ]; then
        return 0
      fi
    fi
    [ "$SECONDS" -lt "$deadline" ] || fail_with_log "$s" "$(server_domain "$s") not answering on $ip:$C2S_PORT after ${TIMEOUT}s"
    sleep 0.1
  done
}

# Real s2s round trip: server $1 pings the other domain via the admin shell (XEP-0199).
check_s2s() {
  local from="$1" to="$2" out i
  for i in 1 2 3; do
    if out="$(timeout 20 prosodyctl --config "$(server_cfg "$from")" shell xmpp ping \
      "$(server_domain "$from")" "$(server_domain "$to")" 2>&1)"; then
      return 0
    fi
    sleep 0.3
  done
  log "$out"
  fail_with_log "$from" "s2s $(server_domain "$from") -> $(server_domain "$to") does not work"
}

# Lua string literal for the admin shell.
lua_str() { # -> $REPLY
  local v="$1"
  case "$v" in *$'\n'* | *$'\r'*) die "newlines are not allowed in user names or passwords" ;; esac
  v="${v//\\/\\\\}"
  REPLY="\"${v//\"/\\\"}\""
}

# Create or update accounts on server $1: args are "user password" pairs (user without domain).
# Idempotent: an existing account just gets the given password.
# Running server: ONE `prosodyctl shell` session over its admin socket for all accounts (the
# server does the write itself, so there is no second SQLite writer). Stopped server:
# `prosodyctl register` on its storage (~60-100 ms per account).
register_accounts() {
  local s="$1" domain out input="" jid n=0
  shift
  domain="$(server_domain "$s")"
  if [ "$(server_kind "$s")" = ejabberd ]; then
    ejabberd_register_accounts "$s" "$@"
    return
  fi
  [ -f "$(server_cfg "$s")" ] || { write_hosts; write_config "$s"; }
  if [ -n "$(running_pid "$s")" ] && [ -S "$(admin_socket_path "$s")" ]; then
    while [ "$#" -ge 2 ]; do
      lua_str "$1@$domain"
      jid="$REPLY"
      lua_str "$2"
      input+="local j, p = $jid, $REPLY; local ok, err = user:password(j, p); "
      input+="if not ok then ok, err = user:create(j, p) end; "
      input+="if not ok then error(\"cannot register \"..j..\": \"..(err or \"?\")) end; return \"registered \"..j"$'\n'
      n=$((n + 1))
      shift 2
    done
    if out="$(printf '%s' "$input" | ctl "$s" shell --quiet 2>&1)" &&
      [ "$(grep -c 'Result: registered ' <<<"$out")" -eq "$n" ]; then
      return 0
    fi
    die "account registration on $domain failed: $(grep -v 'Result: registered' <<<"$out" | sed 's/^prosody> //' | head -5)"
  fi
  while [ "$#" -ge 2 ]; do
    ctl "$s" register "$1" "$domain" "$2" >/dev/null || die "could not register $1@$domain"
    shift 2
  done
}

register_defaults() {
  local s="$1"
  case "$s" in
    a) register_accounts a "$INSTANCE_USER" "$INSTANCE_PASSWORD" alice "$DEMO_PASSWORD" carol "$DEMO_PASSWORD" ;;
    b) register_accounts b "$INSTANCE_USER" "$INSTANCE_PASSWORD" bob "$DEMO_PASSWORD" dave "$DEMO_PASSWORD" ;;
  esac
}

stop_server() {
  local s="$1" pid i
  pid="$(running_pid "$s")"
  if [ -z "$pid" ]; then
    rm -f "$(server_pidfile "$s")"
    log "$(server_domain "$s") not running"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$(server_domain "$s") (PID $pid) ignored SIGTERM for 10 s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.2
  fi
  rm -f "$(server_pidfile "$s")" "$(server_dir "$s")/prosody.pid" "$(server_dir "$s")/ejabberd.pid" "$(admin_socket_path "$s")"
  log "stopped $(server_domain "$s") (PID $pid)"
}

# ---- commands ---------------------------------------------------------------------------------

servers_from_arg() {
  if [ -z "${1:-}" ]; then
    echo "a b"
  else
    server_of "$1" || die "unknown server '$1' (use a or b)"
  fi
}

cmd_start() {
  local servers s t0=$EPOCHREALTIME pids=() rc=0
  servers="$(servers_from_arg "${1:-}")"
  ensure_packages
  stop_system_prosody
  write_hosts
  for s in $servers; do launch "$s"; done
  for s in $servers; do wait_ready "$s"; done
  # Accounts (created, or password re-applied when they exist), both servers in parallel.
  for s in $servers; do
    register_defaults "$s" &
    pids+=($!)
  done
  for s in "${pids[@]}"; do wait "$s" || rc=1; done
  [ "$rc" -eq 0 ] || die "account registration failed"
  if [ -n "$(running_pid a)" ] && [ -n "$(running_pid b)" ]; then
    # The ping goes from a Prosody server (its admin shell); its answer comes back over the
    # other server's own s2s connection, so one Prosody end checks both directions.
    if [ "$A_SERVER" = prosody ]; then check_s2s a b; fi
    if [ "$B_SERVER" = prosody ]; then check_s2s b a; fi
    if [ "$A_SERVER" = ejabberd ] && [ "$B_SERVER" = ejabberd ]; then
      log "s2s not checked: both servers are ejabberd (no admin shell to ping from)"
    else
      log "s2s a.test <-> b.test OK"
    fi
  fi
  log "ready in $(elapsed "$t0")s: $(for s in $servers; do printf '%s=%s:%s ' "$(server_domain "$s")" "$(server_ip "$s")" "$C2S_PORT"; done)(dir $XMPP_DIR)"
}

elapsed() { # since $EPOCHREALTIME value $1, in seconds with 1 decimal
  local now=$EPOCHREALTIME
  awk -v a="$1" -v b="$now" 'BEGIN { printf "%.1f", b - a }'
}

cmd_stop() {
  local s servers pids=() rc=0
  servers="$(servers_from_arg "${1:-}")"
  # In parallel: with s2s sessions open each Prosody needs ~2-3 s to exit after SIGTERM.
  for s in $servers; do
    stop_server "$s" &
    pids+=($!)
  done
  for s in "${pids[@]}"; do wait "$s" || rc=1; done
  return "$rc"
}

cmd_status() {
  local s pid rc=0 state
  for s in a b; do
    pid="$(running_pid "$s")"
    if [ -n "$pid" ]; then
      state="running (PID $pid)"
      port_open "$(server_ip "$s")" "$C2S_PORT" || state="$state, c2s NOT answering"
    else
      state="stopped"
      rc=3
    fi
    printf '%-7s %-8s %-15s %s  [%s]\n' "$(server_domain "$s")" "$(server_kind "$s")" "$(server_ip "$s"):$C2S_PORT" "$state" "$(server_dir "$s")"
  done
  return "$rc"
}

usage() {
  sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
}

# start/stop/register of one pair are serialised (e.g. `npm run up` and a test setup at once).
lock_pair() {
  command -v flock >/dev/null 2>&1 || return 0
  mkdir -p "$XMPP_DIR"
  exec 9>"$XMPP_DIR/.lock"
  flock -w 120 9 || die "another xmpp.sh holds $XMPP_DIR/.lock"
}

main() {
  local cmd="${1:-}" s
  shift || true
  case "$cmd" in start | stop | restart | register) lock_pair ;; esac
  case "$cmd" in
    start) cmd_start "${1:-}" ;;
    stop) cmd_stop "${1:-}" ;;
    restart) cmd_stop "${1:-}"; cmd_start "${1:-}" ;;
    status) cmd_status ;;
    register)
      [ "$#" -eq 3 ] || usage
      ensure_packages
      write_hosts
      s="$(server_of "$2")" || die "unknown domain $2 (expected a.test or b.test)"
      register_accounts "$s" "$1" "$3"
      log "registered $1@$(server_domain "$s")"
      ;;
    *) usage ;;
  esac
}

main "$@"
