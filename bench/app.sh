#!/usr/bin/env bash
# Whole-app benchmark: builds Amtsweg and the minimal Tauri window (bench/minimal-window)
# in release mode, runs them alternately under Xvfb in a D-Bus session, and writes its
# section of docs/performance.md. `--quick` runs one pair and writes to
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

[ -f ui/dist/index.html ] || npm run ui:build
cargo build --release --locked -p amtsweg
# The same target folder: dependencies built with the same version, features and
# profile are shared, so the baseline costs little extra build time.
cargo build --release --locked --manifest-path bench/minimal-window/Cargo.toml \
  --target-dir target

xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
  python3 bench/measure.py --amtsweg target/release/amtsweg \
  --baseline target/release/minimal-window --pairs "$pairs" --out "$out"
