// The Content Security Policy of the real app window: images, scripts and fetches from
// another origin are blocked and reported, and never reach the network.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixture, message } from '../support/paths.mjs';
import { countingServer } from '../support/servers.mjs';
import { launch } from './harness.mjs';

test('CSP blocks a foreign image, script and fetch before any request is made', async (t) => {
  const server = await countingServer();
  t.after(() => server.close());
  // The server does count: one request from the test itself, then none from the app.
  const probe = await fetch(`http://127.0.0.1:${server.port}/probe`);
  assert.equal(probe.status, 200);
  assert.equal(server.requests.length, 1);

  const app = await launch({ lang: 'en_US.UTF-8' });
  t.after(() => app.close());
  await app.waitForScreen('firstStart', message(fixture('first-start.en'), 'first-start-heading'));
  await app.browser.setTimeout({ script: 15_000 });

  const outcome = await app.browser.executeAsync((port, done) => {
    const base = `http://127.0.0.1:${port}`;
    const violations = [];
    const loads = {};
    const check = () => {
      if (violations.length >= 3 && Object.keys(loads).length >= 3) {
        done({ violations, loads, leaked: window.__leaked === true });
      }
    };
    document.addEventListener('securitypolicyviolation', (event) => {
      violations.push({
        blockedURI: event.blockedURI,
        violatedDirective: event.violatedDirective,
        effectiveDirective: event.effectiveDirective,
        disposition: event.disposition,
        originalPolicy: event.originalPolicy,
      });
      check();
    });

    const img = document.createElement('img');
    img.alt = '';
    img.addEventListener('load', () => ((loads.img = 'loaded'), check()));
    img.addEventListener('error', () => ((loads.img = 'error'), check()));
    img.src = `${base}/i.png`;
    document.body.append(img);

    const script = document.createElement('script');
    script.addEventListener('load', () => ((loads.script = 'loaded'), check()));
    script.addEventListener('error', () => ((loads.script = 'error'), check()));
    script.src = `${base}/s.js`;
    document.head.append(script);

    fetch(`${base}/f.json`).then(
      () => ((loads.fetch = 'loaded'), check()),
      () => ((loads.fetch = 'error'), check()),
    );
  }, server.port);

  const base = `http://127.0.0.1:${server.port}`;
  const report = JSON.stringify(outcome.violations, null, 2);
  assert.equal(outcome.violations.length, 3, `violations: ${report}`);
  // CSP Level 3 names the sub-directive of a script element (`script-src-elem`), which
  // falls back to the policy's `script-src`; Level 2 browsers name `script-src` itself.
  for (const [file, directives] of [
    ['i.png', ['img-src']],
    ['s.js', ['script-src-elem', 'script-src']],
    ['f.json', ['connect-src']],
  ]) {
    // Cross-origin reports may carry only the origin of the blocked URL.
    const found = outcome.violations.filter((v) => v.blockedURI === `${base}/${file}`);
    assert.equal(found.length, 1, `one violation for ${file}: ${report}`);
    const [v] = found;
    assert.ok(directives.includes(v.effectiveDirective), `${file}: ${JSON.stringify(v)}`);
    assert.ok(directives.includes(v.violatedDirective.split(' ')[0]), `${file}: ${JSON.stringify(v)}`);
    assert.equal(v.disposition, 'enforce');
    // The policy that blocked it is the app's own.
    for (const part of ["default-src 'self'", "script-src 'self'", "img-src 'self' data:", 'connect-src ipc: http://ipc.localhost']) {
      assert.ok(v.originalPolicy.includes(part), `policy ${JSON.stringify(v.originalPolicy)} lacks ${part}`);
    }
  }
  assert.deepEqual(outcome.loads, { img: 'error', script: 'error', fetch: 'error' });
  assert.equal(outcome.leaked, false, 'the foreign script ran');
  assert.deepEqual(server.requests.slice(1), [], 'the app made requests to the foreign server');
  assert.equal(server.connections(), 1, 'the app opened a connection to the foreign server');
  await app.quit();
});
