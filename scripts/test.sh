#!/usr/bin/env bash
# `npm test`: makes sure the real parts the tests use are present, builds (type-check + bundle), then runs every
# test file with Node's test runner (through tsx). On Node 20 `tsx --test` finds no .ts files by
# itself, so the files are listed explicitly.
set -euo pipefail
cd "$(dirname "$0")/.."

# (bash 3.2 compatible: macOS ships that)
need_pkgs=""
[ -x /usr/sbin/sshd ] || command -v sshd >/dev/null 2>&1 || need_pkgs="$need_pkgs openssh-server"
command -v ssh-keygen >/dev/null 2>&1 || need_pkgs="$need_pkgs openssh-client"
command -v pgrep >/dev/null 2>&1 || need_pkgs="$need_pkgs procps"
command -v sqlite3 >/dev/null 2>&1 || need_pkgs="$need_pkgs sqlite3"

if [ -n "$need_pkgs" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing for the test rig: $need_pkgs" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need_pkgs >/dev/null
  else
    echo "the tests need: $need_pkgs" >&2
    echo "  Debian/Ubuntu: sudo apt-get install $need_pkgs" >&2
    echo "  macOS: sshd and ssh-keygen ship with the system (/usr/sbin/sshd); sqlite3 too" >&2
    exit 1
  fi
fi

# Type-checks everything, then bundles dist/: bin/oyster.js, the bot and the SQLite worker run
# the compiled code even when the tests themselves run through tsx, so what is tested is what ships.
node scripts/build.mjs

if [ $# -gt 0 ]; then
  exec npx tsx --test "$@"
fi
files=()
while IFS= read -r f; do files+=("$f"); done < <(find test -name '*.test.ts' | sort)
exec npx tsx --test "${files[@]}"
