#!/usr/bin/env bash
# `npm run test:faults [-- ARGS]`: the whole fault suite (test/faults/), every case, ending with
# the table of case / what must hold / result on stdout and the same rows as JSON in
# test-results/faults.json ($OYSTER_FAULTS_JSON). `npm test` runs only the quick cases of the same
# files (the others are reported as skipped there). ARGS pass on to scripts/test.sh (a file, or
# --test-name-pattern=nodes).
set -euo pipefail
cd "$(dirname "$0")/.."
# Only options given (a name pattern): the suite's own files, not every test.
has_path=false
for a in "$@"; do case "$a" in -*) ;; *) has_path=true ;; esac; done
$has_path || set -- "$@" test/faults
# A file of the full suite may run for longer than npm test's 5 minutes per file.
OYSTER_FAULTS=all OYSTER_TEST_TIMEOUT_MS="${OYSTER_TEST_TIMEOUT_MS:-900000}" exec bash scripts/test.sh \
  --test-reporter=./test/faults/table-reporter.mjs --test-reporter-destination=stdout "$@"
