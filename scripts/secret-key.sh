# Sourced by up.sh and test.sh: the key push mirrors' credentials are sealed with
# (PUBFORGE_SECRET_KEY, lib/forge/repositories/sealed-secret.ts). When none is given, one is
# made once and kept in .run/secret-key (readable by its owner only): a new key would leave
# the stored credentials unreadable.
if [ -z "${PUBFORGE_SECRET_KEY:-}" ]; then
  mkdir -p .run
  if [ ! -s .run/secret-key ]; then
    (umask 077 && node -e 'process.stdout.write(require("node:crypto").randomBytes(32).toString("hex"))' >.run/secret-key)
  fi
  PUBFORGE_SECRET_KEY="$(cat .run/secret-key)"
  export PUBFORGE_SECRET_KEY
fi
