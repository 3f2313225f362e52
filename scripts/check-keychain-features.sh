#!/usr/bin/env bash
# Fails unless keyring, as cargo resolves it for each platform we ship, has that
# platform's native store enabled. keyring 3.x has no default store: a target without one
# compiles and runs, but keeps the vault's keys in an in-memory mock, so a new key would
# be made at every start and the drafts of the last one would be unreadable. Only the
# Linux build is tested against a real keychain, so the other targets are checked here.
#
# `cargo tree --target` resolves features for a target without its standard library or
# a cross toolchain; it needs only the lock file and the crates' manifests (fetched from
# the registry when they are not in cargo's cache yet).
set -euo pipefail
cd "$(dirname "$0")/.."

failed=0
# check TARGET FEATURE...: every FEATURE of keyring is enabled for TARGET.
check() {
  local target=$1 tree feature
  shift
  if ! tree=$(cargo tree --locked --quiet --target "$target" --edges features \
    --invert keyring --prefix none 2>&1); then
    echo "check-keychain-features: cargo tree failed for $target:" >&2
    echo "$tree" >&2
    failed=1
    return
  fi
  for feature in "$@"; do
    if ! grep -Fqx "keyring feature \"$feature\"" <<<"$tree"; then
      echo "check-keychain-features: keyring lacks \"$feature\" on $target" \
        "(see [target.*.dependencies] in crates/vault/Cargo.toml)" >&2
      failed=1
    fi
  done
}

# Windows: the vault uses keyring-core's Windows store, which can keep the credential on
# this computer; keyring 3.x's own Windows store writes every credential with roaming
# (enterprise) persistence, so it must not be what the vault builds with there.
check_windows() {
  local target=x86_64-pc-windows-msvc tree
  if ! tree=$(cargo tree --locked --quiet --target "$target" -p amtsweg-vault --edges normal \
    --prefix none 2>&1); then
    echo "check-keychain-features: cargo tree failed for $target:" >&2
    echo "$tree" >&2
    failed=1
    return
  fi
  if ! grep -q '^windows-native-keyring-store v' <<<"$tree"; then
    echo "check-keychain-features: the vault lacks windows-native-keyring-store on $target" >&2
    failed=1
  fi
  if grep -q '^keyring v' <<<"$tree"; then
    echo "check-keychain-features: the vault builds keyring 3.x (roaming credentials) on $target" >&2
    failed=1
  fi
}

check_windows
check aarch64-apple-darwin apple-native
check x86_64-apple-darwin apple-native
# The Secret Service over zbus on tokio (no libdbus); crypto-rust encrypts the secret on
# its way over D-Bus instead of sending it in plain text.
check x86_64-unknown-linux-gnu async-secret-service tokio crypto-rust

if [ "$failed" -ne 0 ]; then
  exit 1
fi
echo "The vault uses the native keychain on Windows (a local credential), macOS and Linux."
