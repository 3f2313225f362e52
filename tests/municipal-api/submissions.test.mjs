// Whole submissions against the reference server, made by the jose client: route, destination
// and key, encrypted attachments, metadata and data, submit; the server's own decryption
// (`show`) gives back exactly what was sent; the event log holds verified SETs; the clerk's
// decisions appear in it. Every answer is checked against the OpenAPI document.
import assert from 'node:assert/strict';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { repoRoot } from '../support/paths.mjs';
import { Api, DEMO_ARS, EVENT, Installation, UUID, assertProblem, leikaKeyOf, registeredInstallation, sha512, submissionFixtures, submitFixture, verifiedEvents } from './client.mjs';
import { cli, keysTemplate, startServer } from './server.mjs';

const fixtures = submissionFixtures();
let template;
let server;
let api;
let inst;

before(async () => {
  template = await keysTemplate();
  // Limits high enough that this file's many calls never meet them (limits.test.mjs tests them).
  server = await startServer(template, ['--registrations-per-hour', '1000', '--calls-per-minute', '100000']);
  api = new Api(server.url);
  inst = await registeredInstallation(api);
});

after(async () => {
  await server?.stop();
  template?.remove();
});

/** `show` for a submission, parsed. */
async function show(submissionId) {
  return JSON.parse(await cli(['show', '--data', server.dataDir, '--submission', submissionId]));
}

test('serve prints one line `listening on <url>` when ready', () => {
  assert.equal(server.listeningLine, `listening on ${server.url}`);
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:[0-9]+$/);
});

test('registering the same key again answers 200 with the same body', async () => {
  const again = await inst.register(api);
  assert.equal(again.status, 200);
  assert.equal(again.body.installationId, inst.id);
  const third = await inst.register(api);
  assert.deepEqual(third.body, again.body, 'the registration answer does not change');
});

test('the event keys, the catalog and a region without routes', async () => {
  const jwks = await api.get('/.well-known/jwks.json');
  assert.equal(jwks.status, 200);
  assert.ok(jwks.body.keys.every((k) => Buffer.from(k.n, 'base64url').length * 8 >= 2048));

  // The catalog package is signed by the test publisher key the server was started with.
  const catalog = await api.get('/v1/catalog');
  assert.equal(catalog.status, 200);
  const pkg = catalog.body;
  const pubHex = readFileSync(path.join(repoRoot, 'crates/catalog/test-keys/test-publisher.pub'), 'utf8').split('\n').find((l) => /^[0-9a-f]{64}$/.test(l.trim())).trim();
  const pub = Buffer.from(pubHex, 'hex');
  assert.equal(pkg.keyId, createHash('sha256').update(pub).digest('hex').slice(0, 16));
  const u64 = (n) => {
    const b = Buffer.alloc(8);
    b.writeBigUInt64BE(BigInt(n));
    return b;
  };
  const field = (bytes) => Buffer.concat([u64(bytes.length), bytes]);
  const paths = Object.keys(pkg.files).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const message = Buffer.concat([
    field(Buffer.from('amtsweg catalog package')),
    u64(pkg.format),
    field(Buffer.from(pkg.keyId)),
    u64(pkg.sequence),
    field(Buffer.from(pkg.created)),
    field(Buffer.from(pkg.expires)),
    u64(paths.length),
    ...paths.map((p) => {
      const content = Buffer.from(pkg.files[p], 'utf8');
      return Buffer.concat([field(Buffer.from(p)), u64(content.length), createHash('sha256').update(content).digest()]);
    }),
  ]);
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: pub.toString('base64url') }, format: 'jwk' });
  assert.ok(verify(null, message, key, Buffer.from(pkg.signature, 'hex')), 'the catalog signature verifies with the test publisher key');
  const directory = JSON.parse(pkg.files['procedures/municipalities.json']);
  assert.ok(directory.municipalities.some((m) => m.ars === DEMO_ARS), 'the catalog lists the demo municipality');

  const none = await api.get(`/v1/routes?leikaKey=${leikaKeyOf(fixtures[0].leika)}&ars=000000000000`);
  assert.equal(none.status, 200);
  assert.deepEqual(none.body, { count: 0, routes: [] });
});

for (const fixture of fixtures) {
  test(`${fixture.procedure} ${fixture.version} (${fixture.file}): submitted, decrypted by the server as sent, one verified submit event`, async () => {
    const done = await submitFixture(api, inst, fixture);

    const state = await api.request('GET', `/v1/submissions/${done.submissionId}`, { auth: inst });
    assert.equal(state.status, 200);
    assert.equal(state.body.status, 'submitted');

    const shown = await show(done.submissionId);
    assert.equal(shown.submissionId, done.submissionId);
    assert.equal(shown.caseId, done.caseId);
    assert.equal(shown.status, 'submitted');
    assert.deepEqual(shown.data, done.prep.data, 'the server decrypted the data as sent');
    assert.equal(shown.decision, null, 'no decision yet');
    assert.deepEqual(shown.metadata, done.metadata, 'the server decrypted the metadata as sent');
    const expected = done.prep.attachments.map((a) => ({ attachmentId: a.attachmentId, size: a.bytes.length, sha512: sha512(a.bytes) }));
    const byId = (x, y) => x.attachmentId.localeCompare(y.attachmentId);
    assert.deepEqual([...shown.attachments].sort(byId), expected.sort(byId), 'the server decrypted every attachment as sent');

    const events = await verifiedEvents(api, inst, done.caseId);
    assert.equal(events.length, 1);
    const [submitted] = events;
    assert.equal(submitted.claims.sub, `submission:${done.submissionId}`);
    assert.equal(submitted.claims.txn, `case:${done.caseId}`);
    assert.deepEqual(submitted.claims.events, { [`${EVENT}submit-submission`]: {} });
    assert.match(submitted.claims.jti, UUID);
    assert.ok(Math.abs(submitted.claims.iat - Date.now() / 1000) < 300, 'iat is now');
  });
}

test('the clerk forwards and accepts one submission and rejects another; each decision is a new verified SET', async () => {
  const fixture = fixtures[0];
  const first = await submitFixture(api, inst, fixture);
  const second = await submitFixture(api, inst, fixture);

  const forwardJti = (await cli(['decide', '--data', server.dataDir, '--case', first.caseId, 'forward'])).trim();
  const acceptJti = (await cli(['decide', '--data', server.dataDir, '--case', first.caseId, 'accept'])).trim();
  assert.match(forwardJti, UUID, 'decide prints the event jti');
  assert.match(acceptJti, UUID);
  const accepted = await verifiedEvents(api, inst, first.caseId);
  assert.deepEqual(
    accepted.map((e) => Object.keys(e.claims.events)[0]),
    ['submit-submission', 'forward-submission', 'accept-submission'].map((e) => EVENT + e),
    'oldest first',
  );
  assert.deepEqual(accepted.map((e) => e.claims.jti).slice(1), [forwardJti, acceptJti]);
  assert.deepEqual(accepted[2].claims.events[`${EVENT}accept-submission`], {});
  for (const e of accepted) {
    assert.equal(e.claims.sub, `submission:${first.submissionId}`);
    assert.equal(e.claims.txn, `case:${first.caseId}`);
  }

  const reason = 'Der Nachweis der Haftpflichtversicherung fehlt – bitte nachreichen.';
  const rejectJti = (await cli(['decide', '--data', server.dataDir, '--case', second.caseId, 'reject', '--reason', reason])).trim();
  const rejected = await verifiedEvents(api, inst, second.caseId);
  assert.equal(rejected.length, 2);
  assert.equal(rejected[1].claims.jti, rejectJti);
  assert.deepEqual(rejected[1].claims.events, {
    [`${EVENT}reject-submission`]: { problems: [{ type: 'urn:amtsweg:problem:rejected', title: 'Rejected', detail: reason }] },
  });
  assert.equal(new Set([...accepted, ...rejected].map((e) => e.claims.jti)).size, 5, 'every SET has its own jti');

  // The first case's log did not change by the second's decision.
  assert.equal((await verifiedEvents(api, inst, first.caseId)).length, 3);

  assert.equal((await show(first.submissionId)).decision, 'accept');
  assert.equal((await show(second.submissionId)).decision, 'reject');
  const listed = (await cli(['list', '--data', server.dataDir])).trim().split('\n').map((l) => JSON.parse(l));
  const row = (id) => listed.find((r) => r.submissionId === id);
  assert.deepEqual(
    [row(first.submissionId), row(second.submissionId)].map((r) => r && { caseId: r.caseId, status: r.status, decision: r.decision }),
    [
      { caseId: first.caseId, status: 'submitted', decision: 'accept' },
      { caseId: second.caseId, status: 'submitted', decision: 'reject' },
    ],
    '`list` shows both with their decisions',
  );
});

test('another installation can neither read nor change my submission or case', async () => {
  const mine = await submitFixture(api, inst, fixtures[0]);
  const other = await registeredInstallation(api);
  assertProblem(await api.request('GET', `/v1/submissions/${mine.submissionId}`, { auth: other }), 404, 'submission-unknown', 'read');
  assertProblem(await api.request('GET', `/v1/cases/${mine.caseId}/events`, { auth: other }), 404, 'case-unknown', 'events');
  // Not even an already-submitted answer: the other installation must not learn it exists.
  const jwe = 'eyJhbGciOiJSU0EtT0FFUC0yNTYifQ.a.b.c.d';
  assertProblem(
    await api.request('PUT', `/v1/submissions/${mine.submissionId}/attachments/${mine.prep.attachments[0].attachmentId}`, { auth: other, body: jwe, contentType: 'application/jose' }),
    404,
    'submission-unknown',
    'upload',
  );
  assertProblem(
    await api.request('PUT', `/v1/submissions/${mine.submissionId}`, { auth: other, json: { encryptedMetadata: jwe, encryptedData: jwe } }),
    404,
    'submission-unknown',
    'submit',
  );
  // Mine is untouched.
  assert.equal((await verifiedEvents(api, inst, mine.caseId)).length, 1);
});

test('an installation that was never registered is refused (and learns nothing)', async () => {
  const stranger = await Installation.create();
  assertProblem(await api.request('GET', `/v1/submissions/${crypto.randomUUID()}`, { auth: stranger }), 401, 'installation-unknown');
});

test('serve --public-url: assertions are made out to the published URL and events are issued by it', async (t) => {
  const publicUrl = 'https://musterstadt.example/amtsweg';
  const published = await startServer(template, ['--public-url', publicUrl, '--registrations-per-hour', '1000', '--calls-per-minute', '100000']);
  t.after(() => published.stop());
  const behind = new Api(published.url, publicUrl);
  const someone = await registeredInstallation(behind);
  const done = await submitFixture(behind, someone, fixtures[0]);
  const [submitted] = await verifiedEvents(behind, someone, done.caseId);
  assert.equal(submitted.claims.iss, publicUrl);
  const forTheSocket = `Bearer ${await someone.assertion(published.url)}`;
  assertProblem(await behind.get(`/v1/submissions/${done.submissionId}`, { auth: forTheSocket }), 401, 'assertion-invalid', 'aud = the listening URL, not the published one');
});
