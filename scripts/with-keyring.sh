#!/usr/bin/env bash
# Runs a command against the real Secret Service without touching the user's own: a
# private D-Bus session bus, gnome-keyring-daemon on it with a fresh login keyring that
# is unlocked non-interactively (as a desktop login would, with the password on stdin),
# and HOME, XDG_DATA_HOME and XDG_RUNTIME_DIR in a temporary folder that is removed
# afterwards. The vault's keychain tests run themselves under it (crates/vault/tests/).
#
#   scripts/with-keyring.sh [--no-keyring | --no-login-keyring] COMMAND [ARG...]
#
#   --no-keyring        the private bus alone, with no Secret Service on it
#   --no-login-keyring  gnome-keyring without a login keyring (none is unlocked, so none
#                       is made): no default collection, as when D-Bus starts the daemon
#                       outside a desktop login
#
# COMMAND sees DBUS_SESSION_BUS_ADDRESS of the private bus and
# AMTSWEG_TEST_KEYRING_PASSWORD (the login keyring's password). The exit status is
# COMMAND's.
#
# The bus is configured without D-Bus service activation. With it, the first client that
# asked before the daemon had taken its name would start a second, locked daemon, and an
# unlock prompt could open a real dialog on the developer's display; without it, a
# prompt fails at once (the prompter cannot be started), which is what a locked keyring
# must do in a test.
set -euo pipefail

readonly password=test-password

missing=()
for tool in dbus-run-session gnome-keyring-daemon gdbus; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "with-keyring.sh: ${missing[*]} not found; install dbus-daemon, gnome-keyring and" \
    "libglib2.0-bin (scripts/install-deps.sh test does)" >&2
  exit 127
fi

if [ "${1:-}" != --inside-private-bus ]; then
  # Outside: make the folder and the bus, then run this script again on that bus.
  dir=$(mktemp -d "${TMPDIR:-/tmp}/amtsweg-keyring.XXXXXX")
  trap 'rm -rf "$dir"' EXIT
  chmod 700 "$dir"
  mkdir -m 700 "$dir/home" "$dir/data" "$dir/runtime"
  cat >"$dir/bus.conf" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:dir=$dir/runtime</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
EOF
  # Set before the bus starts, so nothing on it can reach the user's own keyrings.
  export HOME=$dir/home XDG_DATA_HOME=$dir/data XDG_RUNTIME_DIR=$dir/runtime
  unset GNOME_KEYRING_CONTROL SSH_AUTH_SOCK
  status=0
  dbus-run-session --config-file="$dir/bus.conf" -- "$0" --inside-private-bus "$@" || status=$?
  exit "$status"
fi

# Inside the private bus.
shift
daemon_args=(--foreground --components=secrets --unlock)
case "${1:-}" in
  --no-keyring) daemon_args=(); shift ;;
  --no-login-keyring) daemon_args=(--foreground --components=secrets); shift ;;
esac
[ $# -gt 0 ] || {
  echo "usage: with-keyring.sh [--no-keyring | --no-login-keyring] COMMAND [ARG...]" >&2
  exit 2
}

if [ ${#daemon_args[@]} -gt 0 ]; then
  log=$XDG_RUNTIME_DIR/gnome-keyring.log
  printf '%s' "$password" | gnome-keyring-daemon "${daemon_args[@]}" >"$log" 2>&1 &
  daemon=$!
  trap 'kill "$daemon" 2>/dev/null || true; wait "$daemon" 2>/dev/null || true' EXIT
  # Started in the background, the daemon may not own its bus name yet; `gdbus wait`
  # returns when it does (on the bus's signal, no polling), or fails after 10 s. The
  # login keyring is unlocked from stdin at start: right after the wait it was unlocked
  # in 50 of 50 runs.
  if ! gdbus wait --session --timeout 10 org.freedesktop.secrets; then
    echo "with-keyring.sh: gnome-keyring-daemon did not appear on the bus; its output:" >&2
    cat "$log" >&2
    exit 1
  fi
fi

export AMTSWEG_TEST_KEYRING_PASSWORD=$password
status=0
"$@" || status=$?
exit "$status"
