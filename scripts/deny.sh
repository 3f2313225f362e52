#!/usr/bin/env bash
# The supply-chain checks (deny.toml): licences, banned crates and sources, and the
# RustSec advisories, all offline. cargo-deny reads its advisory database only as a git
# repository named after the database's URL, so the committed snapshot
# (vendor/advisory-db, plain files) is laid out as one under target/advisory-dbs first.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v cargo-deny >/dev/null || {
  echo "cargo-deny is missing: scripts/install-deps.sh test installs it." >&2
  exit 1
}

# The folder name cargo-deny derives from the default database URL.
db=target/advisory-dbs/advisory-db-3157b0e258782691
stamp=$(cat vendor/advisory-db/SNAPSHOT)
if [ ! -f "$db/.amtsweg-snapshot" ] || [ "$(cat "$db/.amtsweg-snapshot")" != "$stamp" ]; then
  rm -rf "$db"
  mkdir -p "$(dirname "$db")"
  cp -r vendor/advisory-db "$db"
  git -C "$db" init -q
  git -C "$db" add -A
  git -C "$db" -c user.name=amtsweg -c user.email=amtsweg@invalid -c commit.gpgsign=false \
    commit -q -m "RustSec advisory-db snapshot $stamp"
  echo "$stamp" > "$db/.amtsweg-snapshot"
fi

# cargo-deny reads the crates' manifests and licence files from cargo's cache.
cargo fetch --locked --quiet
cargo deny --offline check licenses bans sources advisories

# The snapshot is really read: without the accepted advisories, the check must find them
# (an empty or unreadable database would pass everything above).
bare=target/advisory-dbs/deny-without-accepted.toml
grep -v '{ id = "RUSTSEC-' deny.toml > "$bare"
if out=$(cargo deny --offline --log-level error --config "$bare" check advisories 2>&1); then
  echo "deny: without the accepted list the advisories check still passed; is the snapshot read?" >&2
  exit 1
fi
grep -q 'RUSTSEC-2024-0415' <<<"$out" || { echo "$out" >&2; exit 1; }
echo "deny: the snapshot is read (without the accepted list, the GTK3 advisories are found)"
