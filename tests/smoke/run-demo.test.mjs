// The demo municipality beside the app (scripts/run-demo.sh, what `make run` runs): the
// reference server answers while the app runs, and is gone when the app ends, whatever
// way it ends. A stand-in replaces the app (AMTSWEG_DEMO_APP), so this needs no window;
// the full `make run` with the real app is run-command.test.mjs.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../support/paths.mjs';
import { childExit, processGroup, signal, waitFor } from '../support/proc.mjs';

/** A port that was free a moment ago. */
async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function refuses(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.on('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', () => resolve(true));
  });
}

function runDemo(t, app, port) {
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'amtsweg-demo-'));
  t.after(() => fs.rmSync(data, { recursive: true, force: true }));
  const child = spawn('scripts/run-demo.sh', [], {
    cwd: repoRoot,
    env: { ...process.env, AMTSWEG_DEMO_DATA: data, AMTSWEG_DEMO_PORT: String(port), AMTSWEG_DEMO_APP: app },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (c) => (output += c));
  child.stderr.setEncoding('utf8').on('data', (c) => (output += c));
  t.after(() => {
    for (const p of processGroup(child.pid)) signal(p.pid, 'SIGKILL');
  });
  return { child, data, output: () => output };
}

test('the demo server answers while the app runs and stops when the app exits', { timeout: 60_000 }, async (t) => {
  const port = await freePort();
  const out = path.join(os.tmpdir(), `amtsweg-demo-catalog-${process.pid}.json`);
  t.after(() => fs.rmSync(out, { force: true }));
  // The stand-in app fetches the catalog from the demo municipality, then exits with 7.
  const run = runDemo(t, `curl -sf http://127.0.0.1:${port}/v1/catalog -o ${out}; exit 7`, port);
  const result = await childExit(run.child, 50_000, 'run-demo.sh');
  assert.equal(result.code, 7, `the app's exit status is the command's\n${run.output()}`);
  const catalog = JSON.parse(fs.readFileSync(out, 'utf8'));
  assert.equal(catalog.keyId, '7fe70ec13b5cec59', 'the demo catalog is signed with the test publisher key');
  assert.ok(catalog.files['procedures/municipalities.json'], 'it carries the directory');
  assert.match(run.output(), /demo municipality: listening on http:\/\/127\.0\.0\.1:\d+/);
  assert.ok(await refuses(port), 'the server is gone once the app has exited');
  assert.deepEqual(processGroup(run.child.pid), [], 'nothing of the run is left');
  assert.ok(fs.existsSync(path.join(run.data, 'keys', 'destination.pk8')), 'the data folder holds its keys');
});

test('SIGTERM to the run command stops the app and the server', { timeout: 60_000 }, async (t) => {
  const port = await freePort();
  const run = runDemo(t, 'sleep 120', port);
  await waitFor(() => /demo municipality: listening/.test(run.output()), {
    timeoutMs: 30_000,
    message: 'the demo server to be ready',
    diagnostics: run.output,
  });
  assert.equal(await refuses(port), false, 'the server accepts connections while the app runs');
  const exited = childExit(run.child, 30_000, 'run-demo.sh');
  signal(run.child.pid, 'SIGTERM'); // the script alone, not its group: it must stop both
  await exited;
  await waitFor(() => processGroup(run.child.pid).length === 0, {
    timeoutMs: 15_000,
    message: 'the app and the server to exit',
    diagnostics: () => JSON.stringify(processGroup(run.child.pid)),
  });
  assert.ok(await refuses(port), 'the server is gone');
});

test('a busy port is said plainly and the app still starts', { timeout: 60_000 }, async (t) => {
  const blocker = net.createServer();
  await new Promise((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  t.after(() => blocker.close());
  const { port } = blocker.address();
  const run = runDemo(t, 'echo app-started; exit 0', port);
  const result = await childExit(run.child, 50_000, 'run-demo.sh');
  assert.equal(result.code, 0, run.output());
  assert.match(run.output(), /the server did not start \(port \d+ in use\?\)/);
  assert.match(run.output(), /app-started/);
});
