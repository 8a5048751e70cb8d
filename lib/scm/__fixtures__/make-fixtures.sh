#!/usr/bin/env bash
# Regenerates the captured patches in this folder with the real tools (git 2.39, Mercurial 6.3):
#   bash lib/scm/__fixtures__/make-fixtures.sh
# The same changes are made in a Git and a Mercurial repository: a multi-hunk edit with Git
# function context, a rename, an added, a deleted and a binary file, a file without a final
# newline, a mode change, a copy (Mercurial), a non-ASCII author and a path needing quotes.
set -euo pipefail
out="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export LC_ALL=C.UTF-8 HGPLAIN=1 HGENCODING=utf-8 GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_SYSTEM=/dev/null

base_files() {
  printf 'a\nb\nc\n' >a.txt
  printf 'del\n' >gone.txt
  printf 'int main(void)\n{\n' >long.c
  for i in 1 2 3 4 5 6 7 8 9 10 11 12; do printf '  step(%d);\n' "$i" >>long.c; done
  printf '}\n' >>long.c
}
first_change() {
  printf 'new\n' >new.txt
  printf 'noeol' >noeol.txt
  printf '\000\001\002' >bin.dat
  sed -i 's/step(2)/STEP(2)/; s/step(11)/STEP(11)/' long.c
}
second_change() {
  chmod +x new.txt
  printf 'noeol2' >noeol.txt
  mkdir -p 'sub dir'
  printf 'ü\n' >'sub dir/ünï.txt'
}

git_() { git -c user.name=Committer -c user.email=c@forge.test -c core.quotepath=true "$@"; }
mkdir "$work/git" && cd "$work/git" && git_ init -q -b main .
export GIT_AUTHOR_NAME="Zoë Ünïcode" GIT_AUTHOR_EMAIL=zoe@forge.test
export GIT_AUTHOR_DATE="2026-01-01T10:00:00+0100" GIT_COMMITTER_DATE="2026-01-01T10:00:00+0100"
base_files && git_ add -A && git_ commit -qm "Base"
git_ mv a.txt renamed.txt && git_ rm -q gone.txt && first_change && git_ add -A
git_ commit -qm "Rename, add, delete: a subject with ünïcode that is long enough to be folded

Body paragraph."
export GIT_AUTHOR_DATE="2026-01-02T08:30:00-0700" GIT_COMMITTER_DATE="2026-01-02T08:30:00-0700"
second_change && git_ add -A && git_ commit -qm "Mode change, no-eol edit and a quoted path"
git_ format-patch --stdout --base=main~2 main~2..main >"$out/git-series.mbox"
git_ diff main~2 main -- long.c >"$out/git-diff.diff"

mkdir "$work/hg" && cd "$work/hg" && hg init .
base_files && hg commit -qA -u "Zoë Ünïcode <zoe@forge.test>" -d "1767258000 -3600" -m "Base"
hg mv a.txt renamed.txt && hg rm gone.txt && first_change && hg add -q
hg commit -q -u "Zoë Ünïcode <zoe@forge.test>" -d "1767258000 -3600" -m "Rename, add, delete

Body paragraph."
hg branch -q feature && second_change && hg cp long.c copy.c && hg add -q
hg commit -q -u "Bob <bob@forge.test>" -d "1767367800 25200" -m "Mode change, no-eol edit, a copy"
hg export --git -r 1:2 >"$out/hg-series.patch"

cd "$work" && printf 'one\ntwo\nthree\n' >old.txt && printf 'one\n2\nthree\nfour\n' >new.txt
touch -d "2026-01-01 00:00:00 UTC" old.txt new.txt
TZ=UTC diff -u old.txt new.txt >"$out/gnu-diff.diff" || true
