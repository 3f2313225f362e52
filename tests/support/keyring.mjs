// The real Secret Service for a test: gnome-keyring-daemon on a private session bus,
// its login keyring unlocked with a test password given on stdin (as a desktop login
// would), kept in the test's own data folder so a restarted app finds the same keys.
import { spawn, spawnSync } from 'node:child_process';
import { GiveUp, isRunning, killTree, waitFor } from './proc.mjs';

export const KEYRING_PASSWORD = 'test-password';

/** Whether `org.freedesktop.secrets` has an owner on the bus at `busAddress`. */
export function secretServiceOnBus(busAddress) {
  const result = spawnSync(
    'dbus-send',
    [
      `--bus=${busAddress}`,
      '--print-reply',
      '--dest=org.freedesktop.DBus',
      '/org/freedesktop/DBus',
      'org.freedesktop.DBus.NameHasOwner',
      'string:org.freedesktop.secrets',
    ],
    { encoding: 'utf8' },
  );
  return result.status === 0 && result.stdout.includes('boolean true');
}

/**
 * Starts gnome-keyring-daemon (secrets component) on the bus, with its files under
 * `dirs.data`; resolves once it owns `org.freedesktop.secrets`. `{pid, stop}`.
 */
export async function startKeyring({ busAddress, dirs, unlock = true }) {
  const args = ['--foreground', '--components=secrets'];
  if (unlock) args.push('--unlock');
  const daemon = spawn('gnome-keyring-daemon', args, {
    env: {
      PATH: process.env.PATH,
      HOME: dirs.home,
      XDG_DATA_HOME: dirs.data,
      XDG_RUNTIME_DIR: dirs.runtime,
      DBUS_SESSION_BUS_ADDRESS: busAddress,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let log = '';
  daemon.stdout.setEncoding('utf8').on('data', (chunk) => (log += chunk));
  daemon.stderr.setEncoding('utf8').on('data', (chunk) => (log += chunk));
  let exited = null;
  daemon.on('exit', (code, sig) => (exited = { code, sig }));
  daemon.on('error', (error) => (exited = { error: error.message }));
  daemon.stdin.end(unlock ? KEYRING_PASSWORD : '');
  await waitFor(
    () => {
      if (exited) throw new GiveUp(`gnome-keyring-daemon exited (${JSON.stringify(exited)}): ${log}`);
      return secretServiceOnBus(busAddress);
    },
    { timeoutMs: 10_000, message: 'gnome-keyring-daemon to own org.freedesktop.secrets' },
  );
  return {
    pid: daemon.pid,
    async stop() {
      if (isRunning(daemon.pid)) await killTree(daemon.pid);
    },
  };
}
