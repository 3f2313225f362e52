#!/usr/bin/env bash
# Runs a long job at the lowest CPU priority in the background while the foreground
# command runs, so that it takes only the CPU time the foreground leaves idle:
#   scripts/alongside.sh LOG 'BACKGROUND COMMAND' -- FOREGROUND COMMAND...
# The background job's output goes to LOG. When the foreground fails, the background job
# is stopped and its failure does not matter; otherwise this waits for the background job
# and fails with the tail of LOG when it failed. `make test` uses it for the one release
# build (`make release`), whose long single-threaded link would otherwise add minutes.
set -euo pipefail
log=$1 background=$2
shift 2
[ "${1:-}" = "--" ] && shift
mkdir -p "$(dirname "$log")"

# Its own process group (set -m), so that stopping it reaches cargo and every rustc.
set -m
# The background job must not take tokens from a make jobserver the foreground shares.
env -u MAKEFLAGS -u MFLAGS nice -n 19 bash -c "$background" >"$log" 2>&1 &
job=$!
set +m
stop() { kill -TERM -- "-$job" 2>/dev/null || true; wait "$job" 2>/dev/null || true; }
trap stop INT TERM

started=$(date +%s)
if ! "$@"; then
  stop
  exit 1
fi
trap - INT TERM
echo "alongside: waiting for \`$background\` (log: $log)"
if ! wait "$job"; then
  echo "alongside: \`$background\` failed; the end of $log:" >&2
  tail -n 60 "$log" >&2
  exit 1
fi
echo "alongside: \`$background\` done, $(( $(date +%s) - started )) s after it started"
