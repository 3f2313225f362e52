#!/usr/bin/env bash
# Whole-app benchmark: runs the release builds of Amtsweg and the minimal Tauri window
# (bench/minimal-window; both made by `make release`, which `make bench` runs first)
# alternately under Xvfb in a D-Bus session for start-up and memory, then times page
# changes in Amtsweg beside the window's IPC (bench/page-changes.mjs), and writes both
# sections of docs/performance.md. `--quick` runs one pair and one walk and writes to
# target/bench/ instead, so CI proves the harness still works without touching the
# committed figures.
#   bench/app.sh [--pairs N] [--quick]
set -euo pipefail
cd "$(dirname "$0")/.."
pairs=5
out=docs/performance.md
quick=
while [ $# -gt 0 ]; do
  case "$1" in
    --pairs) pairs=$2; shift 2 ;;
    --quick) pairs=1; out=target/bench/performance-quick.md; quick=--quick; shift ;;
    *) echo "usage: bench/app.sh [--pairs N] [--quick]" >&2; exit 2 ;;
  esac
done
mkdir -p "$(dirname "$out")"

target=${CARGO_TARGET_DIR:-target}/release
for binary in "$target/amtsweg" "$target/minimal-window"; do
  [ -x "$binary" ] || { echo "bench/app.sh: $binary is missing: run \`make release\` first" >&2; exit 1; }
done

# The Secret Service runs before the first start, as in a desktop session (it starts at
# login): otherwise the first keychain request activates gnome-keyring-daemon on the
# session bus, and its start-up (about 80 ms on this machine's two cores, measured)
# lands in Amtsweg's figures although no citizen's start pays it.
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- sh -c '
  gnome-keyring-daemon --start --components=secrets >/dev/null
  exec python3 bench/measure.py "$@"' measure --amtsweg "$target/amtsweg" \
  --baseline "$target/minimal-window" --pairs "$pairs" --out "$out"

# Page changes over WebDriver (each app start brings its own private bus).
xvfb-run -a -s "-screen 0 1280x800x24" node bench/page-changes.mjs $quick
