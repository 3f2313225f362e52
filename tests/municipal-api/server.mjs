// The reference server under test: `amtsweg-municipal-api` started on a free port with a
// fresh data folder, its clerk commands (`decide`, `show`), and the one-time key template.
import { execFile, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { repoRoot } from '../support/paths.mjs';

const run = promisify(execFile);

/** The test catalog key (TEST ONLY) the server signs its catalog package with. */
export const catalogKey = path.join(repoRoot, 'crates', 'catalog', 'test-keys', 'test-publisher.TEST-ONLY-NOT-SECRET.key');

const STARTUP_MS = 30_000;
const STOP_MS = 10_000;

/** Absolute path of the server binary (`AMTSWEG_MUNICIPAL_API_BIN` overrides the debug build). */
export function serverBinary() {
  const bin = path.resolve(repoRoot, process.env.AMTSWEG_MUNICIPAL_API_BIN || 'target/debug/amtsweg-municipal-api');
  if (!existsSync(bin)) {
    throw new Error(`server binary ${bin} does not exist: build it with \`cargo build -p amtsweg-municipal-api\` or point AMTSWEG_MUNICIPAL_API_BIN at it`);
  }
  return bin;
}

/** Runs one command of the binary to its end; returns its stdout. Fails with its stderr. */
export async function cli(args) {
  try {
    const { stdout } = await run(serverBinary(), args, { cwd: repoRoot, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (e) {
    throw new Error(`amtsweg-municipal-api ${args.join(' ')} failed (${e.code ?? e.signal}): ${e.stderr || e.message}`);
  }
}

/**
 * `init` once (RSA key generation is slow); every server of the test file copies its
 * `keys/`. Returns `{dir, remove()}`.
 */
export async function keysTemplate() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'amtsweg-municipal-keys-'));
  await cli(['init', '--data', dir]);
  if (!existsSync(path.join(dir, 'keys'))) throw new Error(`init --data ${dir} made no keys/ folder`);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Starts `serve` on `port` (0: any free one) with a fresh data folder holding the template's keys (and the
 * test catalog key unless `withCatalog` is false), waits for its `listening on <url>` line
 * and returns `{url, listeningLine, dataDir, stderr(), stop()}`.
 */
export async function startServer(template, extraArgs = [], { withCatalog = true, port = 0, dataDir: keptData = null } = {}) {
  // `dataDir`: a folder of an earlier server to serve again (a restart); fresh otherwise.
  const dataDir = keptData ?? mkdtempSync(path.join(os.tmpdir(), 'amtsweg-municipal-data-'));
  if (!keptData) cpSync(path.join(template.dir, 'keys'), path.join(dataDir, 'keys'), { recursive: true });
  const args = ['serve', '--data', dataDir, '--port', String(port), ...(withCatalog ? ['--catalog-key', catalogKey] : []), ...extraArgs];
  const child = spawn(serverBinary(), args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (c) => {
    stderr = (stderr + c).slice(-20_000);
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const lines = createInterface({ input: child.stdout });
  const stdout = [];
  let timer;
  const listening = await Promise.race([
    new Promise((resolve) => {
      lines.on('line', (line) => {
        stdout.push(line);
        // The design's line is exactly `listening on <url>`; submissions.test.mjs asserts
        // that, the start only needs the url.
        const m = /^listening on (https?:\/\/[^\s/]+(?:\/\S*)?)/.exec(line);
        if (m) resolve({ url: m[1].replace(/\/$/, ''), line });
      });
    }),
    exited.then(({ code, signal }) => {
      throw new Error(`the server ended before listening (${code ?? signal}): ${stdout.join('\n')}\n${stderr}`);
    }),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no "listening on" line within ${STARTUP_MS} ms: ${stdout.join('\n')}\n${stderr}`)), STARTUP_MS);
    }),
  ])
    .catch(async (e) => {
      child.kill('SIGKILL');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
      throw e;
    })
    .finally(() => clearTimeout(timer));
  const { url } = listening;
  // Keep draining stdout so the server never blocks on a full pipe.
  child.stdout.resume();
  return {
    url,
    listeningLine: listening.line,
    dataDir,
    stderr: () => stderr,
    /** What the server printed on stdout (its request log among it). */
    stdout: () => stdout.join('\n'),
    /** Stops the server; its data folder goes too unless `keepData` (a restart). */
    async stop({ keepData = false } = {}) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        let kill;
        await Promise.race([exited, new Promise((r) => (kill = setTimeout(r, STOP_MS)))]);
        clearTimeout(kill);
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGKILL');
          await exited;
        }
      }
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
