#!/usr/bin/env bash
# `make run`: the demo municipality's reference server (Musterstadt (Demo), ARS
# 066990999999) on loopback beside the app, stopped when the app ends. The bundled
# catalog's directory points the demo municipality at http://127.0.0.1:8787.
#
#   AMTSWEG_DEMO_DATA   the server's data folder (default: target/demo-municipality)
#   AMTSWEG_DEMO_PORT   its port (default 8787, the one the catalog names)
#   AMTSWEG_DEMO_APP    what runs instead of the app (tests of this script only)
#   AMTSWEG_DEMO_POLL_MS how often the app retries and asks for news (default 10000:
#                        the clerk's decision shows within seconds, not the app's 15 min)
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-target}
data=${AMTSWEG_DEMO_DATA:-$target/demo-municipality}
port=${AMTSWEG_DEMO_PORT:-8787}
mkdir -p "$data"

server_pid=
app_pid=
stop() {
  for pid in $app_pid $server_pid; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
}
trap stop EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

# The server prints one line on stdout when it accepts requests; read it through a
# FIFO rather than guessing with a sleep. Its log (no answers in it) goes to the folder.
fifo=$(mktemp -u "${TMPDIR:-/tmp}/amtsweg-demo.XXXXXX")
mkfifo "$fifo"
"$target/debug/amtsweg-municipal-api" serve --data "$data" --port "$port" \
  --catalog-key crates/catalog/test-keys/test-publisher.TEST-ONLY-NOT-SECRET.key \
  >"$fifo" 2>>"$data/server.log" &
server_pid=$!
exec 3<"$fifo"
rm -f "$fifo"
if read -r -t 60 -u 3 ready; then
  echo "demo municipality: $ready (data: $data, log: $data/server.log)"
else
  # The app works offline too; the citizen's applications wait until a server answers.
  echo "demo municipality: the server did not start (port $port in use?); see $data/server.log" >&2
  server_pid=
fi
exec 3<&-

# Debug builds only (src-tauri/src/stand_ins.rs): the outbox's cap and poll interval.
export AMTSWEG_E2E_OUTBOX_BACKOFF_MAX_MS=${AMTSWEG_DEMO_POLL_MS:-10000}
if [[ -n ${AMTSWEG_DEMO_APP:-} ]]; then
  bash -c "$AMTSWEG_DEMO_APP" &
else
  "$target/debug/amtsweg" "$@" &
fi
app_pid=$!
# `wait` returns when a trapped signal arrives, so SIGTERM stops both at once.
status=0
wait "$app_pid" || status=$?
exit "$status"
