#!/usr/bin/env bash
# Fails when a release binary contains what only debug builds may: the end-to-end
# stand-ins for the OS dialogs and viewer (src-tauri/src/stand_ins.rs: every variable
# starts AMTSWEG_E2E_, so new ones are covered), found by the names of their
# variables, and the committed test publisher key (crates/catalog/test-keys/) and its key
# id, whose secret is public: a release build that trusted it would take any catalog
# signed with it (amtsweg-catalog's `test-trust` feature, which `make run` and the test
# builds turn on and which does not compile without debug assertions). `make release-check` runs it on the release build and, to prove that the check can
# fail at all, expects it to find both in the debug build.
#   scripts/check-release-binary.sh BINARY
set -euo pipefail
binary=${1:?usage: scripts/check-release-binary.sh BINARY}
[ -f "$binary" ] || { echo "check-release-binary: $binary does not exist" >&2; exit 2; }

failed=0
# forbid WHAT STRING: the binary must not contain STRING.
forbid() {
  local what=$1 string=$2 count
  count=$({ grep -a -o -F -- "$string" "$binary" || true; } | wc -l)
  if [ "$count" -ne 0 ]; then
    echo "check-release-binary: $binary contains $what ($count × \"$string\")" >&2
    failed=1
  fi
}

forbid "the end-to-end stand-ins for the OS dialogs" "AMTSWEG_E2E_"
# The key as the binary would hold it: the hex line of the public key file.
test_key=$(grep -v '^#' "$(dirname "$0")/../crates/catalog/test-keys/test-publisher.pub" | tr -d '[:space:]')
[ ${#test_key} -eq 64 ] || { echo "check-release-binary: cannot read the test key" >&2; exit 2; }
forbid "the committed test publisher key" "$test_key"
# Its key id (first 8 bytes of the key's SHA-256), which names it in packages and logs:
# the key's file, compiled in with the `test-trust` feature, carries it too.
key_id=$(printf '%s' "$test_key" | xxd -r -p | sha256sum | cut -c1-16)
[ ${#key_id} -eq 16 ] || { echo "check-release-binary: cannot compute the test key id" >&2; exit 2; }
forbid "the committed test publisher key's id" "$key_id"

if [ "$failed" -ne 0 ]; then exit 1; fi
echo "check-release-binary: $binary contains no debug-only parts"
