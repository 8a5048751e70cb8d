# ejabberd 23.01 (Debian) as one server of a pair: sourced by scripts/xmpp.sh, which picks it per
# domain with PUBFORGE_XMPP_A_SERVER / PUBFORGE_XMPP_B_SERVER=ejabberd.
#
# Started with `erl` directly (what `ejabberdctl foreground` runs), without systemd and WITHOUT
# Erlang distribution: no epmd, no node name and no cookie, so several servers (and test slots)
# never meet on one epmd. Accounts are therefore created over ejabberd's HTTP API
# (mod_http_api on this server's own loopback address, port 5280, loopback callers only).
#
# Layout of $PUBFORGE_XMPP_DIR/<a|b>/ for ejabberd:
#   ejabberd.yml   generated config (from scripts/xmpp/ejabberd.yml.tmpl)
#   inetrc         Erlang resolver config: only the pair's own name server (below)
#   ebin/          pubforge_hosts_dns.beam, compiled from scripts/xmpp/pubforge_hosts_dns.erl
#   spool/         Mnesia database (accounts, nodes, items): survives stop/start
#   logs/          ejabberd.log; console.log = stdout/stderr of the process
#   pid            PID recorded by xmpp.sh (beam.smp itself: erl execs it)

EJABBERD_HTTP_PORT=5280
# UDP, on the server's own address: the pair's names for ejabberd's s2s (pubforge_hosts_dns.erl).
EJABBERD_DNS_PORT=10053
EJABBERD_ERL_LIBS=/usr/lib/x86_64-linux-gnu

ejabberd_write_config() {
  local s="$1" dir domain rule=deny
  dir="$(server_dir "$s")"
  domain="$(server_domain "$s")"
  [ "$ALLOW_REGISTRATION" = true ] && rule=allow
  mkdir -p "$dir/spool" "$dir/logs"
  render "$TEMPLATE_DIR/ejabberd.yml.tmpl" "$dir/ejabberd.yml" \
    DOMAIN="$domain" \
    IP="$(server_ip "$s")" \
    ADMIN_JID="$INSTANCE_USER@$domain" \
    REGISTRATION_RULE="$rule" \
    LOG_LEVEL="$LOG_LEVEL"
  # ejabberd's s2s resolves with DNS queries only (inet_res), so it asks the pair's name server
  # that runs in its own VM; /etc/resolv.conf and /etc/hosts are not read at all.
  local ip
  ip="$(server_ip "$s")"
  printf '{resolv_conf, ""}.\n{hosts_file, ""}.\n{nameserver, {%s}, %s}.\n' \
    "${ip//./,}" "$EJABBERD_DNS_PORT" >"$dir/inetrc"
  mkdir -p "$dir/ebin"
  erlc -o "$dir/ebin" "$TEMPLATE_DIR/pubforge_hosts_dns.erl" || die "cannot compile pubforge_hosts_dns.erl"
}

# The argument that identifies this server's process in /proc/PID/cmdline.
ejabberd_marker() { printf '"%s/spool"' "$(server_dir "$1")"; }

ejabberd_launch() {
  local s="$1" dir pid
  dir="$(server_dir "$s")"
  ejabberd_write_config "$s"
  : >>"$dir/logs/ejabberd.log"
  # setsid + 9>&-: see launch() in xmpp.sh. cd: erl writes nothing there, but stay in our dir.
  (
    cd "$dir"
    EJABBERD_CONFIG_PATH="$dir/ejabberd.yml" EJABBERD_LOG_PATH="$dir/logs/ejabberd.log" \
      EJABBERD_PID_PATH="$dir/ejabberd.pid" ERL_LIBS="$EJABBERD_ERL_LIBS" \
      ERL_INETRC="$dir/inetrc" ERL_CRASH_DUMP="$dir/logs/erl_crash.dump" \
      ERL_CRASH_DUMP_BYTES=0 HOME="$dir" \
      exec setsid nohup erl -noinput -noshell +K true -mnesia dir "\"$dir/spool\"" -pa "$dir/ebin" \
      -run pubforge_hosts_dns start "$(server_ip "$s")" "$EJABBERD_DNS_PORT" "$XMPP_DIR/hosts" -s ejabberd \
      </dev/null >"$dir/console.log" 2>&1 9>&-
  ) &
  pid=$!
  echo "$pid" >"$(server_pidfile "$s")"
  log "started $(server_domain "$s") (ejabberd) on $(server_ip "$s") (PID $pid, config $dir/ejabberd.yml)"
}

ejabberd_ready() { port_open "$(server_ip "$1")" "$EJABBERD_HTTP_PORT"; }

json_str() { # -> $REPLY, a JSON string literal
  local v="$1"
  case "$v" in *[[:cntrl:]]*) die "control characters are not allowed in user names or passwords" ;; esac
  v="${v//\\/\\\\}"
  REPLY="\"${v//\"/\\\"}\""
}

ejabberd_api() { # server command json -> prints the reply body
  curl -sS --max-time 20 -X POST -H 'Content-Type: application/json' --data-binary "$3" \
    "http://$(server_ip "$1"):$EJABBERD_HTTP_PORT/api/$2"
}

# Create or update accounts: "user password" pairs. Idempotent like the Prosody variant; needs
# the server running (the HTTP API is the only way in).
ejabberd_register_accounts() {
  local s="$1" domain user pass out
  shift
  domain="$(server_domain "$s")"
  [ -n "$(running_pid "$s")" ] || die "$domain (ejabberd) must be running to register accounts"
  while [ "$#" -ge 2 ]; do
    json_str "$1"
    user="$REPLY"
    json_str "$2"
    pass="$REPLY"
    out="$(ejabberd_api "$s" register "{\"user\":$user,\"host\":\"$domain\",\"password\":$pass}")" ||
      die "could not reach ejabberd's API on $(server_ip "$s"):$EJABBERD_HTTP_PORT"
    if grep -q 'already registered' <<<"$out"; then
      out="$(ejabberd_api "$s" change_password "{\"user\":$user,\"host\":\"$domain\",\"newpass\":$pass}")"
      [ "$out" = 0 ] || [ "$out" = '""' ] || grep -q '^0$\|successfully' <<<"$out" ||
        die "could not set the password of $1@$domain: $out"
    elif ! grep -q 'successfully registered' <<<"$out"; then
      die "could not register $1@$domain: $out"
    fi
    shift 2
  done
}
