// The two rate limits of the design: new installations per source address per hour, and
// calls per installation per minute, each answered 429 with Retry-After. One server per
// test, started with the limit it needs (keys copied from one `init`).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Api, Installation, assertProblem, randomUUID, registeredInstallation } from './client.mjs';
import { keysTemplate, startServer } from './server.mjs';

let template;
before(async () => {
  template = await keysTemplate();
});
after(() => template?.remove());

async function withServer(t, args) {
  const server = await startServer(template, args);
  t.after(() => server.stop());
  return new Api(server.url);
}

test('--registrations-per-hour 2: the third new installation is refused with Retry-After; known keys still register', async (t) => {
  const api = await withServer(t, ['--registrations-per-hour', '2']);
  const first = await registeredInstallation(api);
  await registeredInstallation(api);
  const third = await Installation.create();
  const refused = await third.register(api);
  assertProblem(refused, 429, 'registration-limited');
  const wait = Number(refused.headers.get('retry-after'));
  assert.ok(wait >= 1 && wait <= 3600, `Retry-After ${wait} is within the hour`);
  assertProblem(await api.get(`/v1/submissions/${randomUUID()}`, { auth: third }), 401, 'installation-unknown', 'the refused one is not registered');
  const again = await first.register(api);
  assert.equal(again.status, 200, 'registering a known key again is not a new registration');
  assertProblem(await api.get(`/v1/submissions/${randomUUID()}`, { auth: first }), 404, 'submission-unknown', 'registered ones keep working');
});

test('by default ten new installations per hour from one address', async (t) => {
  const api = await withServer(t, []);
  for (let i = 0; i < 10; i++) await registeredInstallation(api);
  assertProblem(await (await Installation.create()).register(api), 429, 'registration-limited', 'the eleventh');
});

test('--calls-per-minute 5: an installation\'s calls over the limit are refused with Retry-After; others are not', async (t) => {
  const limit = 5;
  const api = await withServer(t, ['--calls-per-minute', String(limit), '--registrations-per-hour', '100']);
  const busy = await registeredInstallation(api);
  // The registration is not one of them (it is limited per address instead): `limit` calls
  // pass, the next is refused.
  const statuses = [];
  let refused;
  for (let i = 0; i <= limit; i++) {
    const res = await api.get(`/v1/submissions/${randomUUID()}`, { auth: busy });
    statuses.push(res.status);
    if (res.status === 429) refused = res;
  }
  assert.deepEqual(statuses, [...Array(limit).fill(404), 429], 'calls within the limit pass, the one over it is refused');
  assertProblem(refused, 429, 'rate-limited');
  const wait = Number(refused.headers.get('retry-after'));
  assert.ok(wait >= 1 && wait <= 60, `Retry-After ${wait} is within the minute`);

  const calm = await registeredInstallation(api);
  assertProblem(await api.get(`/v1/submissions/${randomUUID()}`, { auth: calm }), 404, 'submission-unknown', 'another installation is not limited by the busy one');
  assertProblem(await api.get(`/v1/submissions/${randomUUID()}`, { auth: busy }), 429, 'rate-limited', 'the busy one stays limited');
  assert.equal((await busy.register(api)).status, 200, 'registering again is not counted as a call');
});
