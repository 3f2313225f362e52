// A private D-Bus session bus per test, so one test's single-instance name (and any
// at-spi service it activates) never reaches the next. Like a desktop session after
// login, it has an unlocked keychain (gnome-keyring's Secret Service) unless a test
// asks for none; its files live in the bus's folder, so an app restarted on the same
// bus finds the keys it stored.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startKeyring } from './keyring.mjs';
import { descendants, GiveUp, isRunning, killTree, waitFor } from './proc.mjs';

/**
 * Starts `dbus-daemon --session` on a socket in a fresh folder: `{address, pid, stop}`.
 * With `keyring` (the default) an unlocked gnome-keyring owns the Secret Service on it;
 * without, the bus would start one on demand, locked, that asks for a password.
 */
export async function privateBus({ keyring = true } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'amtsweg-bus-'));
  const daemon = spawn(
    'dbus-daemon',
    ['--session', '--nofork', '--nopidfile', `--address=unix:path=${path.join(dir, 'bus')}`, '--print-address=1'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  daemon.stdout.setEncoding('utf8').on('data', (chunk) => (out += chunk));
  daemon.stderr.setEncoding('utf8').on('data', (chunk) => (err += chunk));
  let exited = null;
  daemon.on('exit', (code, sig) => (exited = { code, sig }));
  const address = await waitFor(
    () => {
      if (exited) throw new GiveUp(`dbus-daemon exited early (${JSON.stringify(exited)}): ${err}`);
      const line = out.split('\n')[0];
      return out.includes('\n') && line.startsWith('unix:') ? line.trim() : null;
    },
    { timeoutMs: 10_000, message: 'dbus-daemon to print its address' },
  );
  let secrets = null;
  if (keyring) {
    const keyringDirs = { home: path.join(dir, 'home'), data: path.join(dir, 'data'), runtime: path.join(dir, 'run') };
    for (const d of Object.values(keyringDirs)) mkdirSync(d, { recursive: true, mode: 0o700 });
    try {
      secrets = await startKeyring({ busAddress: address, dirs: keyringDirs });
    } catch (error) {
      await killTree(daemon.pid);
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }
  return {
    address,
    pid: daemon.pid,
    /** Ends the bus, its keychain and every service it activated; removes its folder. */
    async stop() {
      if (secrets) await secrets.stop();
      const activated = descendants(daemon.pid).map((p) => p.pid);
      await killTree(daemon.pid);
      for (const pid of activated) if (isRunning(pid)) await killTree(pid);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
