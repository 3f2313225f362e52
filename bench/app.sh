#!/usr/bin/env bash
# Whole-app benchmark: runs the release builds of Amtsweg and the minimal Tauri window
# (bench/minimal-window; both made by `make release`, which `make bench` runs first)
# alternately under Xvfb in a D-Bus session, and writes its section of
# docs/performance.md. `--quick` runs one pair and writes to
# target/bench/performance-quick.md instead, so CI proves the harness still works
# without touching the committed figures.
#   bench/app.sh [--pairs N] [--quick]
set -euo pipefail
cd "$(dirname "$0")/.."
pairs=5
out=docs/performance.md
while [ $# -gt 0 ]; do
  case "$1" in
    --pairs) pairs=$2; shift 2 ;;
    --quick) pairs=1; out=target/bench/performance-quick.md; shift ;;
    *) echo "usage: bench/app.sh [--pairs N] [--quick]" >&2; exit 2 ;;
  esac
done
mkdir -p "$(dirname "$out")"

target=${CARGO_TARGET_DIR:-target}/release
for binary in "$target/amtsweg" "$target/minimal-window"; do
  [ -x "$binary" ] || { echo "bench/app.sh: $binary is missing: run \`make release\` first" >&2; exit 1; }
done

xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
  python3 bench/measure.py --amtsweg "$target/amtsweg" \
  --baseline "$target/minimal-window" --pairs "$pairs" --out "$out"
