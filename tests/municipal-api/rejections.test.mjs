// Every refusal of the design's problem table that a client can cause, each with its
// problem type, against one reference server. Every answer is checked against the OpenAPI
// document as well (contract.mjs), so a refusal with an undocumented status fails too.
import assert from 'node:assert/strict';
import { createCipheriv, createPublicKey, publicEncrypt, randomBytes, constants } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { SignJWT, exportJWK } from 'jose';
import {
  Api,
  Installation,
  announce,
  assertProblem,
  eachCase,
  encrypt,
  leikaKeyOf,
  metadataFor,
  prepare,
  randomUUID,
  registeredInstallation,
  submissionFixtures,
  submit,
  uploadAttachment,
  utf8,
} from './client.mjs';
import { officialMetadataErrors } from './contract.mjs';
import { keysTemplate, startServer } from './server.mjs';

const fixture = submissionFixtures()[0];
let template;
let server;
let api;
let inst;
let basePrep;

before(async () => {
  template = await keysTemplate();
  server = await startServer(template, ['--registrations-per-hour', '1000', '--calls-per-minute', '100000']);
  api = new Api(server.url);
  inst = await registeredInstallation(api);
  basePrep = await prepare(api, fixture);
});

after(async () => {
  await server?.stop();
  template?.remove();
});

/** The prepared submission with new attachment ids, so each test has its own. */
function freshPrep() {
  return { ...basePrep, attachments: basePrep.attachments.map((a) => ({ ...a, attachmentId: randomUUID() })) };
}

/** An announced submission with every attachment uploaded, ready to submit. */
async function uploaded() {
  const prep = freshPrep();
  const created = await announce(api, inst, prep);
  for (const a of prep.attachments) assert.equal((await uploadAttachment(api, inst, prep, created.submissionId, a)).status, 204);
  return { prep, ...created };
}

async function statusOf(submissionId) {
  const res = await api.request('GET', `/v1/submissions/${submissionId}`, { auth: inst });
  assert.equal(res.status, 200);
  return res.body.status;
}

const bearer = (token) => `Bearer ${token}`;

describe('the installation assertion', () => {
  const someSubmission = () => `/v1/submissions/${randomUUID()}`;

  test('a call without an assertion: assertion-missing', async () => {
    assertProblem(await api.get(someSubmission()), 401, 'assertion-missing', 'GET submission');
    assertProblem(await api.get(`/v1/cases/${randomUUID()}/events`), 401, 'assertion-missing', 'GET events');
    const create = await api.request('POST', '/v1/submissions', {
      json: { destinationId: basePrep.route.destinationId, announcedAttachments: [], serviceType: basePrep.serviceType },
    });
    assertProblem(create, 401, 'assertion-missing', 'POST submissions');
    const fresh = await Installation.create();
    assertProblem(await api.request('POST', '/v1/installations', { json: { jwk: fresh.jwk } }), 401, 'assertion-missing', 'POST installations');
    assertProblem(await api.get(someSubmission(), { auth: 'Basic dXNlcjpwdw==' }), 401, 'assertion-missing', 'another scheme');
  });

  test('a call signed by a key that was never registered: installation-unknown', async () => {
    const stranger = await Installation.create();
    assertProblem(await api.get(someSubmission(), { auth: stranger }), 401, 'installation-unknown');
  });

  test('a replayed jti: assertion-invalid', async () => {
    const token = await inst.assertion(api.publicUrl);
    assertProblem(await api.get(someSubmission(), { auth: bearer(token) }), 404, 'submission-unknown', 'first use');
    assertProblem(await api.get(someSubmission(), { auth: bearer(token) }), 401, 'assertion-invalid', 'the same token again');
    const jti = randomUUID();
    await api.get(someSubmission(), { auth: bearer(await inst.assertion(api.publicUrl, { claims: { jti } })) });
    const sameJti = await inst.assertion(api.publicUrl, { claims: { jti, iat: Math.floor(Date.now() / 1000) - 1 } });
    assertProblem(await api.get(someSubmission(), { auth: bearer(sameJti) }), 401, 'assertion-invalid', 'a new token with a used jti');
  });

  test('an expired assertion, or one that lives too long or comes from the future: assertion-invalid', async () => {
    const now = Math.floor(Date.now() / 1000);
    const cases = {
      expired: { iat: now - 400, exp: now - 100 },
      'exp more than 300 s after iat': { iat: now, exp: now + 301 },
      'iat more than 60 s in the future': { iat: now + 120, exp: now + 300 },
      'no exp': { exp: undefined },
      'no jti': { jti: undefined },
      'jti longer than 64 characters': { jti: 'j'.repeat(65) },
    };
    await eachCase(cases, async (what, claims) => {
      assertProblem(await api.get(someSubmission(), { auth: bearer(await inst.assertion(api.publicUrl, { claims })) }), 401, 'assertion-invalid', what);
    });
    // The limits themselves are allowed (a second of slack for the clock).
    const edge = await inst.assertion(api.publicUrl, { claims: { iat: now + 50, exp: now + 50 + 300 } });
    assertProblem(await api.get(someSubmission(), { auth: bearer(edge) }), 404, 'submission-unknown', 'iat 50 s ahead, exp = iat + 300');
  });

  test('wrong audience, iss not sub, wrong alg, a bad signature or not a JWT: assertion-invalid', async () => {
    const other = await Installation.create();
    const hs = await new SignJWT({ iss: inst.id, sub: inst.id, aud: api.publicUrl, jti: randomUUID() })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: inst.id })
      .setIssuedAt()
      .setExpirationTime('2m')
      .sign(randomBytes(32));
    const published = new URL(api.publicUrl);
    const cases = {
      'aud of another port': await inst.assertion('http://127.0.0.1:1'),
      'aud of another host': await inst.assertion(`${published.protocol}//localhost:${published.port}`),
      'aud of another scheme': await inst.assertion(`https://${published.host}`),
      'aud with another path': await inst.assertion(`${api.publicUrl}/v1`),
      'aud as an array of another server': await inst.assertion(api.publicUrl, { claims: { aud: ['http://127.0.0.1:1'] } }),
      'iss is not sub': await inst.assertion(api.publicUrl, { claims: { sub: other.id } }),
      'alg HS256': hs,
      'signed by another key': await inst.assertion(api.publicUrl, { key: other.privateKey }),
      'not a JWT': 'not-a-jwt',
      'a JWS with a broken signature': (await inst.assertion(api.publicUrl)).replace(/.{4}$/, 'AAAA'),
    };
    await eachCase(cases, async (what, token) => {
      assertProblem(await api.get(someSubmission(), { auth: bearer(token) }), 401, 'assertion-invalid', what);
    });
  });

  test('aud is the published base URL, one trailing slash ignored (design as amended)', async () => {
    assertProblem(await api.get(someSubmission(), { auth: bearer(await inst.assertion(`${api.publicUrl}/`)) }), 404, 'submission-unknown', 'aud with a trailing slash is accepted');
    assertProblem(await api.get(someSubmission(), { auth: bearer(await inst.assertion(`${api.publicUrl}//`)) }), 401, 'assertion-invalid', 'two trailing slashes are not');
  });

  test('a registration whose assertion is not made by the key in its body: assertion-invalid', async () => {
    const a = await Installation.create();
    const b = await Installation.create();
    const byB = await b.assertion(api.publicUrl);
    assertProblem(await api.request('POST', '/v1/installations', { auth: bearer(byB), json: { jwk: a.jwk } }), 401, 'assertion-invalid', 'signed and named by another key');
    const claimsA = await a.assertion(api.publicUrl, { key: b.privateKey });
    assertProblem(await api.request('POST', '/v1/installations', { auth: bearer(claimsA), json: { jwk: a.jwk } }), 401, 'assertion-invalid', 'named for the body key, signed by another');
    // Neither attempt registered a.
    assertProblem(await api.get(`/v1/submissions/${randomUUID()}`, { auth: a }), 401, 'installation-unknown');
  });
});

describe('requests of the wrong form', () => {
  test('bad query or id: malformed-request', async () => {
    const key = leikaKeyOf(fixture.leika);
    const queries = [`leikaKey=${key.slice(1)}&ars=066990999999`, `leikaKey=${key}&ars=06699099999`, `leikaKey=${key}`, 'ars=066990999999', `leikaKey=${key}x&ars=066990999999`];
    await eachCase(Object.fromEntries(queries.map((q) => [q, q])), async (q) => {
      assertProblem(await api.get(`/v1/routes?${q}`, { conforming: false }), 400, 'malformed-request', q);
    });
    assertProblem(await api.get('/v1/destinations/not-a-uuid', { conforming: false }), 400, 'malformed-request', 'destination id');
    assertProblem(await api.get('/v1/submissions/not-a-uuid', { auth: inst, conforming: false }), 400, 'malformed-request', 'submission id');
    assertProblem(await api.get('/v1/cases/12345/events', { auth: inst, conforming: false }), 400, 'malformed-request', 'case id');
  });

  test('a body that is not JSON or of the wrong shape: malformed-request', async () => {
    const good = { destinationId: basePrep.route.destinationId, announcedAttachments: [], serviceType: basePrep.serviceType };
    const bodies = {
      'not JSON': '{"destinationId":',
      'no serviceType': JSON.stringify({ ...good, serviceType: undefined }),
      'attachment id not a UUID': JSON.stringify({ ...good, announcedAttachments: ['x'] }),
      '101 attachments': JSON.stringify({ ...good, announcedAttachments: Array.from({ length: 101 }, () => randomUUID()) }),
      'an array': '[]',
    };
    await eachCase(bodies, async (what, body) => {
      assertProblem(await api.request('POST', '/v1/submissions', { auth: inst, body, contentType: 'application/json', conforming: false }), 400, 'malformed-request', what);
    });
    const fresh = await Installation.create();
    const res = await api.request('POST', '/v1/installations', { auth: fresh, json: { jwk: { kty: 'OKP', crv: 'X25519', x: fresh.jwk.x } }, conforming: false });
    assert.ok([400, 401].includes(res.status), `a registration of a non-Ed25519 key is refused: ${res.status}`);
  });

  test('the wrong content type: unsupported-media-type', async () => {
    const json = JSON.stringify({ destinationId: basePrep.route.destinationId, announcedAttachments: [], serviceType: basePrep.serviceType });
    assertProblem(await api.request('POST', '/v1/submissions', { auth: inst, body: json, contentType: 'text/plain', conforming: false }), 415, 'unsupported-media-type', 'create as text/plain');
    const prep = freshPrep();
    const created = await announce(api, inst, prep);
    const a = prep.attachments[0];
    const jwe = await encrypt(a.bytes, prep.key, prep.kid, a.mimeType);
    const upload = await api.request('PUT', `/v1/submissions/${created.submissionId}/attachments/${a.attachmentId}`, { auth: inst, body: JSON.stringify(jwe), contentType: 'application/json', conforming: false });
    assertProblem(upload, 415, 'unsupported-media-type', 'upload as application/json');
  });

  test('a body over the route\'s limit: body-too-large', async () => {
    const huge = JSON.stringify({ destinationId: basePrep.route.destinationId, announcedAttachments: [], serviceType: { ...basePrep.serviceType, name: 'x'.repeat(4 * 1024 * 1024) } });
    assertProblem(await api.request('POST', '/v1/submissions', { auth: inst, body: huge, contentType: 'application/json', conforming: false }), 413, 'body-too-large', '4 MiB create');
  });

  test('no such route: not-found; a method the path does not have: method-not-allowed (design as amended)', async () => {
    assertProblem(await api.get('/v1/nothing-here', { conforming: false }), 404, 'not-found', 'unknown path');
    const res = await api.request('DELETE', `/v1/submissions/${randomUUID()}`, { auth: inst, conforming: false });
    assertProblem(res, 405, 'method-not-allowed', 'DELETE on a submission');
    // contract.mjs has checked that Allow names GET and PUT.
    assertProblem(await api.request('POST', '/v1/routes', { conforming: false }), 405, 'method-not-allowed', 'POST on the routes');
  });
});

describe('destinations and announcing', () => {
  test('an unknown destination or key: destination-unknown, key-unknown', async () => {
    const nowhere = randomUUID();
    assertProblem(await api.get(`/v1/destinations/${nowhere}`), 404, 'destination-unknown', 'GET destination');
    assertProblem(await api.get(`/v1/destinations/${nowhere}/keys/${basePrep.kid}`), 404, 'destination-unknown', 'GET key of an unknown destination');
    assertProblem(await api.get(`/v1/destinations/${basePrep.route.destinationId}/keys/no-such-key`), 404, 'key-unknown', 'GET unknown key');
    const create = await api.request('POST', '/v1/submissions', { auth: inst, json: { destinationId: nowhere, announcedAttachments: [], serviceType: basePrep.serviceType } });
    assertProblem(create, 404, 'destination-unknown', 'create');
  });

  test('a service the destination does not offer: service-not-offered', async () => {
    const serviceType = { name: 'Nicht angeboten', identifier: 'urn:de:fim:leika:leistung:00000000000000' };
    const res = await api.request('POST', '/v1/submissions', { auth: inst, json: { destinationId: basePrep.route.destinationId, announcedAttachments: [], serviceType } });
    assertProblem(res, 422, 'service-not-offered');
  });

  test('a server started without a catalog: catalog-not-published', async (t) => {
    const bare = await startServer(template, [], { withCatalog: false });
    t.after(() => bare.stop());
    assertProblem(await new Api(bare.url).get('/v1/catalog'), 404, 'catalog-not-published');
  });

  test('an unknown submission: submission-unknown', async () => {
    assertProblem(await api.get(`/v1/submissions/${randomUUID()}`, { auth: inst }), 404, 'submission-unknown');
    assertProblem(await api.get(`/v1/cases/${randomUUID()}/events`, { auth: inst }), 404, 'case-unknown');
  });
});

describe('uploads', () => {
  test('an attachment id that was not announced: attachment-not-announced', async () => {
    const prep = freshPrep();
    const created = await announce(api, inst, prep);
    const stray = { ...prep.attachments[0], attachmentId: randomUUID() };
    assertProblem(await uploadAttachment(api, inst, prep, created.submissionId, stray), 422, 'attachment-not-announced');
  });

  test('a JWE for another key id: key-unknown at the upload', async () => {
    const prep = freshPrep();
    const created = await announce(api, inst, prep);
    assertProblem(await uploadAttachment(api, inst, prep, created.submissionId, prep.attachments[0], { kid: 'not-the-destination-key' }), 422, 'key-unknown');
    const state = await api.get(`/v1/submissions/${created.submissionId}`, { auth: inst });
    assert.deepEqual(state.body.uploadedAttachments, [], 'nothing was stored');
  });

  test('uploading again before the submit replaces the attachment', async () => {
    const { prep, submissionId } = await uploaded();
    const a = prep.attachments[0];
    const replacement = { ...a, bytes: utf8('%PDF-1.7\n% replaced\n%%EOF\n') };
    assert.equal((await uploadAttachment(api, inst, prep, submissionId, replacement)).status, 204);
    // The metadata of the old bytes no longer matches; that of the new ones does.
    assertProblem(await submit(api, inst, prep, submissionId), 422, 'hash-mismatch', 'hash of the replaced bytes');
    const now = { ...prep, attachments: prep.attachments.map((x) => (x === a ? replacement : x)) };
    assert.equal((await submit(api, inst, now, submissionId)).status, 200);
  });
});

describe('submitting', () => {
  test('before every announced attachment was uploaded: attachments-missing', async () => {
    const prep = freshPrep();
    prep.attachments.push({ ...prep.attachments[0], attachmentId: randomUUID(), filename: 'second.pdf' });
    const created = await announce(api, inst, prep);
    assert.equal((await uploadAttachment(api, inst, prep, created.submissionId, prep.attachments[0])).status, 204);
    assertProblem(await submit(api, inst, prep, created.submissionId), 422, 'attachments-missing');
    assert.equal(await statusOf(created.submissionId), 'announced');
  });

  test('a hash that does not match the data or an attachment: hash-mismatch', async () => {
    const { prep, submissionId } = await uploaded();
    const wrongData = metadataFor({ serviceType: prep.serviceType, schemaUri: prep.schemaUri, dataBytes: utf8('{}'), attachments: prep.attachments });
    assertProblem(await submit(api, inst, prep, submissionId, { metadata: wrongData }), 422, 'hash-mismatch', 'data hash');
    const wrongAttachment = metadataFor({ serviceType: prep.serviceType, schemaUri: prep.schemaUri, dataBytes: prep.dataBytes, attachments: prep.attachments });
    wrongAttachment.contentStructure.attachments[0].hash.content = 'ab'.repeat(64);
    assertProblem(await submit(api, inst, prep, submissionId, { metadata: wrongAttachment }), 422, 'hash-mismatch', 'attachment hash');
    assert.equal(await statusOf(submissionId), 'announced', 'a refused submit changes nothing');
  });

  test('metadata against the official schema or the submission: metadata-invalid', async () => {
    const { prep, submissionId } = await uploaded();
    const good = () => metadataFor({ serviceType: prep.serviceType, schemaUri: prep.schemaUri, dataBytes: prep.dataBytes, attachments: prep.attachments });
    const badPurpose = good();
    badPurpose.contentStructure.attachments[0].purpose = 'selfie';
    assert.notEqual(officialMetadataErrors(badPurpose), null, 'the official schema refuses it');
    const noStructure = good();
    delete noStructure.contentStructure;
    assert.notEqual(officialMetadataErrors(noStructure), null);
    const cases = {
      'purpose not in the official enum': badPurpose,
      'no contentStructure': noStructure,
      'an announced attachment left out': (() => {
        const m = good();
        m.contentStructure.attachments.pop();
        return m;
      })(),
      'an attachment that was not announced': (() => {
        const m = good();
        m.contentStructure.attachments.push({ ...m.contentStructure.attachments[0], attachmentId: randomUUID() });
        return m;
      })(),
      'another service': (() => {
        const m = good();
        m.publicServiceType.identifier = 'urn:de:fim:leika:leistung:00000000000000';
        return m;
      })(),
      'a schema not offered for the service': (() => {
        const m = good();
        m.contentStructure.data.submissionSchema.schemaUri = 'urn:amtsweg:procedure:no-such-procedure:1.0.0';
        return m;
      })(),
      'not JSON': null,
    };
    await eachCase(cases, async (what, metadata) => {
      if (metadata === null) {
        const body = {
          encryptedMetadata: await encrypt(utf8('{"contentStructure":'), prep.key, prep.kid, 'application/json'),
          encryptedData: await encrypt(prep.dataBytes, prep.key, prep.kid, 'application/json'),
        };
        assertProblem(await api.request('PUT', `/v1/submissions/${submissionId}`, { auth: inst, json: body }), 422, 'metadata-invalid', what);
        return;
      }
      assertProblem(await submit(api, inst, prep, submissionId, { metadata }), 422, 'metadata-invalid', what);
    });
    assert.equal(await statusOf(submissionId), 'announced');
  });

  test('data against the procedure\'s schema: data-invalid', async () => {
    const { prep, submissionId } = await uploaded();
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    const schemaOk = ajv.compile(fixture.schema);
    assert.ok(schemaOk(prep.data), 'the data as sent is valid');
    for (const [what, data] of Object.entries({
      'an unknown field': { ...prep.data, zzNotAField: 1 },
      'an array instead of the object': [prep.data],
    })) {
      assert.equal(schemaOk(data), false, `${what} fails the schema`);
      const dataBytes = utf8(JSON.stringify(data));
      // The metadata's hash is right for these bytes: only the schema can refuse them.
      const metadata = metadataFor({ serviceType: prep.serviceType, schemaUri: prep.schemaUri, dataBytes, attachments: prep.attachments });
      assertProblem(await submit(api, inst, prep, submissionId, { metadata, dataBytes }), 422, 'data-invalid', what);
    }
    assert.equal(await statusOf(submissionId), 'announced');
  });

  test('a JWE for another key id: key-unknown at the submit', async () => {
    const { prep, submissionId } = await uploaded();
    assertProblem(await submit(api, inst, prep, submissionId, { dataKid: 'not-the-destination-key' }), 422, 'key-unknown', 'data');
    assertProblem(await submit(api, inst, prep, submissionId, { metadataKid: 'not-the-destination-key' }), 422, 'key-unknown', 'metadata');
  });

  test('a JWE that is not what the design allows or does not decrypt: decryption-failed', async () => {
    const { prep, submissionId } = await uploaded();
    const metadataJwe = await encrypt(utf8(JSON.stringify(metadataFor({ serviceType: prep.serviceType, schemaUri: prep.schemaUri, dataBytes: prep.dataBytes, attachments: prep.attachments }))), prep.key, prep.kid, 'application/json');
    const good = await encrypt(prep.dataBytes, prep.key, prep.kid, 'application/json');
    const [h, ek, iv, ct, tag] = good.split('.');
    const flip = (s) => Buffer.from(Buffer.from(s, 'base64url').map((b, i) => (i === 0 ? b ^ 1 : b))).toString('base64url');
    const datas = {
      'enc A128GCM': await encrypt(prep.dataBytes, prep.key, prep.kid, 'application/json', { enc: 'A128GCM' }),
      'a zip header': await zipJwe(prep, prep.dataBytes),
      'a changed ciphertext': [h, ek, iv, flip(ct), tag].join('.'),
      'a changed tag': [h, ek, iv, ct, flip(tag)].join('.'),
      'four parts': [h, ek, iv, ct].join('.'),
    };
    await eachCase(datas, async (what, encryptedData) => {
      // The design: "not compact/5 parts" is decryption-failed too, although the document's
      // request schema already says five parts.
      const res = await api.request('PUT', `/v1/submissions/${submissionId}`, { auth: inst, json: { encryptedMetadata: metadataJwe, encryptedData }, conforming: what !== 'four parts' });
      assertProblem(res, 422, 'decryption-failed', what);
    });
    // An attachment whose ciphertext was changed is accepted at the upload (its kid is right)
    // and refused at the submit, when the server decrypts it.
    const a = prep.attachments[0];
    const broken = (await encrypt(a.bytes, prep.key, prep.kid, a.mimeType)).split('.');
    broken[3] = flip(broken[3]);
    const put = await api.request('PUT', `/v1/submissions/${submissionId}/attachments/${a.attachmentId}`, { auth: inst, body: broken.join('.'), contentType: 'application/jose' });
    assert.equal(put.status, 204);
    assertProblem(await submit(api, inst, prep, submissionId), 422, 'decryption-failed', 'a changed attachment');
    assert.equal(await statusOf(submissionId), 'announced');
  });

  test('submitting twice, or uploading after the submit: already-submitted; the submission stays submitted', async () => {
    const { prep, submissionId, caseId } = await uploaded();
    const first = await submit(api, inst, prep, submissionId);
    assert.equal(first.status, 200);
    assert.deepEqual(first.body, { submissionId, caseId, status: 'submitted' });
    assertProblem(await submit(api, inst, prep, submissionId), 409, 'already-submitted', 'the same submit again');
    assertProblem(await uploadAttachment(api, inst, prep, submissionId, prep.attachments[0]), 409, 'already-submitted', 'an upload after it');
    assert.equal(await statusOf(submissionId), 'submitted');
    const events = await api.get(`/v1/cases/${caseId}/events`, { auth: inst });
    assert.equal(events.body.count, 1, 'exactly one submit event');
  });
});

/**
 * A JWE with `"zip":"DEF"` in its protected header, made by hand (jose no longer makes
 * them): RSA-OAEP-256 key wrap and AES-256-GCM, with a valid DEFLATE body so only the `zip`
 * itself is wrong.
 */
async function zipJwe(prep, plaintext) {
  const { deflateRawSync } = await import('node:zlib');
  const header = Buffer.from(JSON.stringify({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: prep.kid, cty: 'application/json', zip: 'DEF' })).toString('base64url');
  const cek = randomBytes(32);
  const pub = createPublicKey({ key: await exportJWK(prep.key), format: 'jwk' });
  const ek = publicEncrypt({ key: pub, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, cek);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', cek, iv);
  cipher.setAAD(Buffer.from(header, 'ascii'));
  const ct = Buffer.concat([cipher.update(deflateRawSync(plaintext)), cipher.final()]);
  return [header, ek.toString('base64url'), iv.toString('base64url'), ct.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}
