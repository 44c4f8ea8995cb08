#!/usr/bin/env bash
# `npm test [-- ARGS]`: makes sure the real tools the tests use are present, builds (type-check +
# bundle), then runs test files with Node's test runner (through tsx).
#
#   npm test                                  every test/**/*.test.ts
#   npm test -- test/unit                     the files under a folder
#   npm test -- test/unit/log.test.ts a.ts    those files
#   npm test -- --test-name-pattern=retry     every file, only the tests whose name matches
#   OYSTER_TEST_ORDER=reverse npm test        every file, last to first
#
# Folders are expanded to files here: on Node 20 `tsx --test <folder>` finds no .ts files and
# passes with 0 tests. A run that executes no test at all fails, so a typo in a path or a pattern
# cannot look like a green run.
set -euo pipefail
cd "$(dirname "$0")/.."

# A file's tests must finish within this many ms (Node applies it to each file as a whole, too),
# so one hung socket fails that file instead of hanging CI. Generous: the slowest rig files take
# a minute or more when the whole suite shares 2 cores.
TEST_TIMEOUT_MS=${OYSTER_TEST_TIMEOUT_MS:-300000}

# --- tools the tests run for real ------------------------------------------------------------
# (bash 3.2 compatible: macOS ships that.) sshd and useradd live in sbin, often off a user's PATH.
has() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || [ -x "/sbin/$1" ]; }
need_pkgs=""
need() { case " $need_pkgs " in *" $1 "*) ;; *) need_pkgs="$need_pkgs $1" ;; esac; }
has sshd       || need openssh-server
has ssh-keygen || need openssh-client
has ssh-agent  || need openssh-client
has pgrep      || need procps
has sqlite3    || need sqlite3
has openssl    || need openssl
# script runs the CLI on a pseudo-terminal (the bot-socket tests' Ctrl-C at a question).
has script     || need bsdutils
# useradd (the rig's node user) and mount (the tmpfs test) are only used as root.
if [ "$(id -u)" = 0 ]; then
  has useradd || need passwd
  has mount   || need mount
fi

# zsh and fish run the completion scripts for real; without them (not root, no apt) those tests
# skip, saying so: they are wanted, not needed.
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  has zsh  || need zsh
  has fish || need fish
fi

if [ -n "$need_pkgs" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing for the tests: $need_pkgs" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need_pkgs >/dev/null
  else
    echo "the tests need: $need_pkgs" >&2
    echo "  Debian/Ubuntu: sudo apt-get install --no-install-recommends $need_pkgs" >&2
    echo "  macOS: sshd, ssh-keygen, ssh-agent, openssl and sqlite3 ship with the system" >&2
    exit 1
  fi
fi

# --- arguments: options pass through, paths become test files ---------------------------------
opts=()
paths=()
while [ $# -gt 0 ]; do
  case "$1" in
    # Node options that take their value as the next argument.
    --test-name-pattern|--test-skip-pattern|--test-concurrency|--test-timeout|--test-shard)
      [ $# -ge 2 ] || { echo "npm test: $1 needs a value" >&2; exit 2; }
      opts+=("$1=$2"); shift 2 ;;
    -*) opts+=("$1"); shift ;;
    *) paths+=("$1"); shift ;;
  esac
done
[ ${#paths[@]} -gt 0 ] || paths=(test)

files=()
for p in "${paths[@]}"; do
  if [ -d "$p" ]; then
    while IFS= read -r f; do files+=("$f"); done < <(find "$p" -name '*.test.ts' | sort)
  elif [ -f "$p" ]; then
    files+=("$p")
  else
    echo "npm test: no such file or folder: $p" >&2
    exit 2
  fi
done
# OYSTER_TEST_ORDER=reverse runs the files last to first: no test may depend on another file's leftovers.
if [ "${OYSTER_TEST_ORDER:-}" = reverse ]; then
  reversed=()
  for ((i=${#files[@]}-1; i>=0; i--)); do reversed+=("${files[$i]}"); done
  files=(${reversed[@]+"${reversed[@]}"})
fi
if [ ${#files[@]} -eq 0 ]; then
  echo "npm test: no *.test.ts files in: ${paths[*]}" >&2
  exit 1
fi

# Type-checks everything, then bundles dist/: bin/oyster.js, the bot and the SQLite worker run
# the compiled code even when the tests themselves run through tsx, so what is tested is what ships.
node scripts/build.mjs

# --- run ---------------------------------------------------------------------------------------
# The spec reporter is for people; a TAP copy goes to a file so the totals can be read back.
tap=$(mktemp "${TMPDIR:-/tmp}/oyster-test-XXXXXX.tap")
trap 'rm -f "$tap"' EXIT
status=0
npx tsx --test --test-timeout="$TEST_TIMEOUT_MS" \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$tap" \
  ${opts[@]+"${opts[@]}"} "${files[@]}" || status=$?

# Node 20 reports tests filtered out by --test-name-pattern as skipped, not absent: "ran nothing"
# means no test passed or failed. The totals are the unindented "# pass N" lines at the end.
count() { sed -n "s/^# $1 \([0-9][0-9]*\)$/\1/p" "$tap" | tail -n 1; }
pass=$(count pass); fail=$(count fail)
if [ "$status" -eq 0 ] && [ "$((${pass:-0} + ${fail:-0}))" -eq 0 ]; then
  echo "npm test: no test ran (${#files[@]} file(s); a name pattern matched nothing?)" >&2
  exit 1
fi
exit "$status"
