// Tauri's isolation pattern in the real app window: every IPC message passes the hook in
// ui/isolation first, which lets only the app's commands with exactly their arguments
// through. A script in the page that calls anything else, or a command with other
// arguments, gets an error and Rust never runs it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixture, message } from '../support/paths.mjs';
import { launch } from './harness.mjs';

test('the isolation hook refuses commands and arguments the app does not send', async (t) => {
  const app = await launch({ lang: 'en_US.UTF-8' });
  t.after(() => app.close());
  await app.waitForScreen('firstStart', message(fixture('first-start.en'), 'first-start-heading'));
  await app.browser.setTimeout({ script: 15_000 });

  const outcomes = await app.browser.executeAsync((done) => {
    const { invoke } = window.__TAURI_INTERNALS__;
    const attempt = (cmd, args) =>
      invoke(cmd, args).then(
        (value) => ({ cmd, ok: true, screen: value && value.screen }),
        (error) => ({ cmd, ok: false, error: String(error) }),
      );
    Promise.all([
      attempt('get_app_view', {}),
      attempt('get_app_view', { extra: 1 }),
      attempt('choose_language', { locale: 5 }),
      attempt('choose_language', { locale: 'de', also: 'en' }),
      attempt('plugin:event|emit', { event: 'amtsweg:event', payload: {} }),
      attempt('plugin:dialog|open', { options: {} }),
    ]).then(done, (error) => done([{ failed: String(error) }]));
  });

  const [allowed, ...refused] = outcomes;
  assert.deepEqual(allowed, { cmd: 'get_app_view', ok: true, screen: 'firstStart' });
  for (const outcome of refused) {
    assert.equal(outcome.ok, false, `${outcome.cmd} went through: ${JSON.stringify(outcome)}`);
    // Refused by the hook (sent on as a command that does not exist), not later by Rust.
    assert.match(outcome.error, /isolation_refused/, JSON.stringify(outcome));
  }
  // Nothing the refused calls asked for happened: still English, still the first start.
  const view = await app.browser.executeAsync((done) => {
    window.__TAURI_INTERNALS__.invoke('get_app_view', {}).then(done, (e) => done(String(e)));
  });
  assert.equal(view.ui.locale, 'en');
  assert.equal(view.screen, 'firstStart');
  await app.quit();
});
