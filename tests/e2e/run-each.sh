#!/usr/bin/env bash
# Runs every end-to-end test on its own, each in a new run of run.sh: proves
# that no test relies on another having run before it.
#   tests/e2e/run-each.sh
set -uo pipefail
cd "$(dirname "$0")"
failed=0
while read -r name; do
  pattern="^$(printf '%s' "$name" | sed 's/[][\.*^$()+?{}|/]/\\&/g')\$"
  if ./run.sh --test-name-pattern "$pattern" >/tmp/twofold-e2e-alone.log 2>&1 &&
    grep -qE '^(#|ℹ) pass 1$' /tmp/twofold-e2e-alone.log; then
    echo "ok alone: $name"
  elif grep -qE '^(#|ℹ) pass 0$' /tmp/twofold-e2e-alone.log && grep -qE '^(#|ℹ) fail 0$' /tmp/twofold-e2e-alone.log; then
    echo "skipped alone: $name"
  else
    echo "FAILED alone: $name"; cat /tmp/twofold-e2e-alone.log; failed=1
  fi
done < <(grep -oE '^  it\("[^"]+"' *.test.js | sed -E 's/^[^"]*"//; s/"$//')
exit "$failed"
