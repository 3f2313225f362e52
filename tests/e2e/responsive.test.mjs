// The window never freezes: in the real app, with a keychain that answers only after
// several seconds (the debug build's stand-in AMTSWEG_E2E_VAULT_DELAY_MS delays the
// vault's opening), a command that needs the vault waits while one that needs no vault
// is answered at once. Were any command run on the main thread, the waiting one would
// hold every other IPC call (and the window) until the vault opened.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { privateBus } from '../support/dbus.mjs';
import { fixture, message } from '../support/paths.mjs';
import { freshDirs } from '../support/tmp.mjs';
import { launch } from './harness.mjs';

/** How long the stand-in keychain takes to answer. */
const KEYCHAIN_DELAY_MS = 6_000;

test('while the vault waits for a slow keychain, a command that needs no vault is answered at once', async (t) => {
  const dirs = freshDirs();
  t.after(() => dirs.remove());
  const bus = await privateBus();
  t.after(() => bus.stop());
  const app = await launch({ dirs, bus, extraEnv: { AMTSWEG_E2E_VAULT_DELAY_MS: String(KEYCHAIN_DELAY_MS) } });
  t.after(() => app.close());
  await app.waitForScreen('firstStart', message(fixture('first-start.de'), 'first-start-heading'));
  assert.ok(!app.log.plain().includes('vault-opened'), 'the vault opened before the test could ask: raise the delay');

  // One call that needs the vault (list_drafts waits for it to open), then one that
  // needs none; the order in which they are answered is recorded in the page.
  const outcome = JSON.parse(
    await app.browser.executeAsync((done) => {
      const ipc = window.__TAURI_INTERNALS__;
      const started = performance.now();
      let draftsAfter = null;
      const drafts = ipc.invoke('list_drafts').then((view) => {
        draftsAfter = performance.now() - started;
        return view;
      });
      ipc.invoke('get_app_view').then(
        (view) => {
          const viewAfter = performance.now() - started;
          const draftsStillWaiting = draftsAfter === null;
          drafts.then(
            (list) => done(JSON.stringify({ viewAfter, draftsAfter, draftsStillWaiting, screen: view.screen, list })),
            (error) => done(JSON.stringify({ error })),
          );
        },
        (error) => done(JSON.stringify({ error })),
      );
    }),
  );
  assert.equal(outcome.error, undefined, JSON.stringify(outcome));
  t.diagnostic(`app view after ${Math.round(outcome.viewAfter)} ms, drafts after ${Math.round(outcome.draftsAfter)} ms`);
  assert.equal(outcome.screen, 'firstStart');
  assert.ok(outcome.draftsStillWaiting, `the app view waited for the vault: ${JSON.stringify(outcome)}`);
  // The drafts call really waited for the vault, and got its answer once it opened.
  assert.ok(outcome.draftsAfter >= 1_000, `list_drafts did not wait for the vault: ${JSON.stringify(outcome)}`);
  assert.deepEqual(outcome.list, { drafts: [], unavailable: null, unavailableDetail: null, versionsChanged: false, unfinished: null });
  await app.waitForLog('vault-opened');
});
