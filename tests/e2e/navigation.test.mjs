// The navigation guard of the real app window: a page elsewhere is refused before any
// request is made, whether a script sets the location, a link is followed or the page is replaced, and the app stays on
// its own page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixture, message } from '../support/paths.mjs';
import { waitFor } from '../support/proc.mjs';
import { countingServer } from '../support/servers.mjs';
import { launch } from './harness.mjs';

test('the window refuses to navigate away from the app, and nothing is requested', async (t) => {
  const server = await countingServer();
  t.after(() => server.close());
  // The server does count: one request from the test itself, then none from the app.
  const probe = await fetch(`http://127.0.0.1:${server.port}/probe`);
  assert.equal(probe.status, 200);
  assert.equal(server.requests.length, 1);

  const app = await launch({ lang: 'en_US.UTF-8' });
  t.after(() => app.close());
  const heading = message(fixture('first-start.en'), 'first-start-heading');
  await app.waitForScreen('firstStart', heading);
  const own = await app.browser.execute(() => window.location.href);
  assert.match(own, /^(tauri:\/\/localhost|https?:\/\/tauri\.localhost)(\/|$)/);
  const refusals = () => app.log.plain().split('navigation-refused').length - 1;

  const foreign = `http://127.0.0.1:${server.port}`;
  // A script sets the location ...
  await app.browser.execute((url) => {
    window.location.href = url;
  }, `${foreign}/script`);
  await app.waitForLog('navigation-refused');
  assert.equal(refusals(), 1);
  // ... a link is followed ...
  await app.browser.execute((url) => {
    const a = document.createElement('a');
    a.href = url;
    a.id = 'foreign-link';
    a.textContent = 'elsewhere';
    document.body.append(a);
    a.click();
  }, `${foreign}/link`);
  await waitFor(() => refusals() >= 2, { message: 'the link to be refused' });
  // ... and the page is replaced by another host's.
  await app.browser.execute((url) => {
    window.location.replace(url);
  }, `http://localhost:${server.port}/replace`);
  await waitFor(() => refusals() >= 3, { message: 'the third navigation to be refused' });

  // Still the app's own page, alive and answering.
  assert.equal(await app.browser.execute(() => window.location.href), own);
  await app.waitForScreen('firstStart', heading);
  assert.deepEqual(server.requests.slice(1), [], 'the window requested the foreign page');
  // No connection count as in csp.test.mjs: WebKit may open a connection to a host that a
  // refused navigation named (seen here once, after all three), but sends no request.
  assert.doesNotMatch(app.log.plain(), /127\.0\.0\.1:\d+\/(script|link|replace)/, 'the refused URL reached the log');
  await app.quit();
});
