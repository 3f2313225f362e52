// The README's run command, as a newcomer types it: it builds what is missing, starts
// the app and the demo municipality's reference server beside it, the first-start
// screen is painted, and SIGTERM to the command ends every process.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { privateBus } from '../support/dbus.mjs';
import { repoRoot } from '../support/paths.mjs';
import { childExit, descendants, GiveUp, isRunning, killTree, processGroup, signal, waitFor } from '../support/proc.mjs';
import { appEnv, freshDirs } from '../support/tmp.mjs';

// `make run` is what the README says; AMTSWEG_RUN_COMMAND replaces it (shell syntax).
const command = process.env.AMTSWEG_RUN_COMMAND || 'make run';
const STARTUP_DEADLINE_MS = 10 * 60_000; // it may compile the app first
const EXIT_DEADLINE_MS = 30_000;

/**
 * The app gets a fresh HOME, but the developer's Rust toolchain and npm cache live in
 * the real one: keep pointing rustup, cargo and npm there.
 */
function toolchainHomes() {
  const home = os.homedir();
  return {
    RUSTUP_HOME: process.env.RUSTUP_HOME || path.join(home, '.rustup'),
    CARGO_HOME: process.env.CARGO_HOME || path.join(home, '.cargo'),
    npm_config_cache: process.env.npm_config_cache || path.join(home, '.npm'),
  };
}

test(`\`${command}\` paints the first screen and exits on SIGTERM`, { timeout: STARTUP_DEADLINE_MS + 2 * EXIT_DEADLINE_MS }, async (t) => {
  const dirs = freshDirs();
  t.after(() => dirs.remove());
  const bus = await privateBus();
  t.after(() => bus.stop());

  const started = Date.now();
  // Its own process group, so one signal reaches make, cargo, the app and WebKit.
  const child = spawn('bash', ['-c', command], {
    cwd: repoRoot,
    env: appEnv({
      dirs,
      lang: 'de_DE.UTF-8',
      busAddress: bus.address,
      // The demo server's data in the test's folders; its port is the catalog's (8787).
      extra: { ...toolchainHomes(), AMTSWEG_DEMO_DATA: path.join(dirs.root, 'demo-municipality') },
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (c) => (output += c));
  child.stderr.setEncoding('utf8').on('data', (c) => (output += c));
  const exited = childExit(child, STARTUP_DEADLINE_MS + EXIT_DEADLINE_MS, command);
  exited.catch(() => {});
  t.after(async () => {
    for (const p of processGroup(child.pid)) await killTree(p.pid).catch(() => {});
  });
  const plain = () => output.replace(/\x1b\[[0-9;]*m/g, '');
  const tail = () => `--- output of ${command} (last lines) ---\n${plain().split('\n').slice(-40).join('\n')}`;

  await waitFor(
    () => {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new GiveUp(`${command} ended before the first screen (${child.exitCode ?? child.signalCode})`);
      }
      return plain().includes('first-screen-painted');
    },
    { timeoutMs: STARTUP_DEADLINE_MS, intervalMs: 250, message: `first-screen-painted from ${command}`, diagnostics: tail },
  );
  // A fresh start paints the first-start screen; a first view that failed to load is
  // painted too, as `screen=Error`, and must not pass for a start.
  const painted = plain().match(/first-screen-painted screen=(\w+)/);
  assert.equal(painted?.[1], 'FirstStart', `the first screen painted: ${painted?.[0]}\n${tail()}`);
  // The page's own phases come with the mark, in order (bench/measure.py splits the
  // start-up at them), and so do the core's.
  const phases = plain().match(/first-screen-painted .*script_ms=([\d.]+) view_ms=([\d.]+) painted_ms=([\d.]+)/);
  assert.ok(phases, `the mark carries the page's phases\n${tail()}`);
  const [script, view, paint] = phases.slice(1).map(Number);
  assert.ok(script > 0 && script <= view && view <= paint, `phases in order: ${phases[0]}`);
  assert.match(plain(), /core-started since_process_ms=[\d.]+ settings_ms=[\d.]+ locales_ms=[\d.]+ catalog_ms=[\d.]+ total_ms=[\d.]+/);
  t.diagnostic(`first screen painted ${Math.round((Date.now() - started) / 1000)} s after \`${command}\``);

  // Everything the command started: its process group and any descendant that left it.
  const tree = new Map();
  for (const p of [...processGroup(child.pid), ...descendants(child.pid)]) tree.set(p.pid, p.comm);
  assert.ok(
    [...tree.values()].some((comm) => comm === 'amtsweg'),
    `no amtsweg process below ${command}: ${JSON.stringify([...tree])}`,
  );

  // The demo municipality answers on the port the bundled directory names for it.
  assert.ok(
    [...tree.values()].some((comm) => comm.startsWith('amtsweg-municip')),
    `no demo municipality server below ${command}: ${JSON.stringify([...tree])}`,
  );
  const routes = await fetch('http://127.0.0.1:8787/v1/routes?leikaKey=99102013104000&ars=066990999999');
  assert.equal(routes.status, 200);
  assert.equal((await routes.json()).count, 1, 'the demo municipality routes the dog tax registration');

  signal(-child.pid, 'SIGTERM');
  const result = await exited;
  t.diagnostic(`${command} ended with ${JSON.stringify(result)}`);
  await waitFor(() => [...tree.keys()].every((pid) => !isRunning(pid)), {
    timeoutMs: EXIT_DEADLINE_MS,
    message: 'every process of the run command to exit after SIGTERM',
    diagnostics: () =>
      `still running: ${JSON.stringify([...tree].filter(([pid]) => isRunning(pid)))}\n${tail()}`,
  });
  assert.deepEqual(processGroup(child.pid), [], 'nothing is left in the process group');
});
