// The wizard's test page (ui/src/wizard/harness, under the app's CSP), built by Vite into
// a temporary folder and served on loopback, and the stand-in for the Rust side that its
// pages are opened with: shared by the accessibility suites that drive the wizard.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { fixturesDir, repoRoot } from './paths.mjs';
import { staticServer } from './servers.mjs';

/** A wizard fixture of the engine (`ui/src/api/fixtures/wizard/<name>.json`). */
export const wizardFixture = (name) =>
  JSON.parse(readFileSync(path.join(fixturesDir, 'wizard', `${name}.json`), 'utf8'));

/** The step of `fixture` for page `page`. */
export const stepOf = (fixture, page) => {
  const step = fixture.steps.find((s) => s.page === page);
  if (!step) throw new Error(`${fixture.procedureId} has no page ${page}`);
  return step;
};

/** Builds the test page and serves it: `{url, close}`. */
export async function startWizardHarness() {
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'amtsweg-wizard-harness-'));
  try {
    await build({
      configFile: path.join(repoRoot, 'ui/src/wizard/harness/vite.config.ts'),
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
    const server = await staticServer(outDir);
    return {
      url: server.url,
      async close() {
        await server.close();
        rmSync(outDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(outDir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Stands in for the Rust side, run in the page before its scripts: `get_app_view`
 * answers with the app's texts, `draft_screen` first with the screen to start from, and
 * every other command with the next of the answers given for it (the last one repeats).
 * Every call is kept in `window.__ipcCalls`.
 */
export function mockIpc({ appView, initial, replies }) {
  const calls = [];
  const queues = { ...replies };
  const clone = (value) => JSON.parse(JSON.stringify(value));
  let started = false;
  window.__ipcCalls = calls;
  window.__TAURI_INTERNALS__ = {
    async invoke(cmd, args) {
      calls.push({ cmd, args: args ?? null });
      if (cmd === 'get_app_view') return clone(appView);
      // Screens that listen to the app's events get no event here.
      if (cmd === 'plugin:event|listen') return 1;
      if (cmd === 'plugin:event|unlisten') return null;
      if (cmd === 'set_window_title' || cmd === 'set_answers') return null;
      if (cmd === 'draft_screen' && !started) {
        started = true;
        return clone(initial);
      }
      const queue = queues[cmd];
      if (!queue || queue.length === 0) throw { code: 'error-internal', message: `unexpected command ${cmd}` };
      return clone(queue.length > 1 ? queue.shift() : queue[0]);
    },
    transformCallback: () => 0,
    unregisterCallback: () => {},
    convertFileSrc: (p) => p,
    metadata: { currentWindow: { label: 'main' }, currentWebview: { windowLabel: 'main', label: 'main' } },
  };
  window.__TAURI_EVENT_PLUGIN_INTERNALS__ = { unregisterListener: () => {} };
}
