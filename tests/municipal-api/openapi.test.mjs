// The OpenAPI document itself (valid OpenAPI 3.1, complete against the design's problem
// table and rules) and the test client's building blocks checked without a server: what
// jose makes is what the document describes, and decrypts with an independent key.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createPrivateKey, privateDecrypt, constants, createDecipheriv } from 'node:crypto';
import { test } from 'node:test';
import { compactDecrypt, decodeProtectedHeader, decodeJwt, exportJWK, generateKeyPair, importJWK, jwtVerify, calculateJwkThumbprint } from 'jose';
import { validate, compileErrors } from '@readme/openapi-parser';
import { parse as parseYaml } from 'yaml';
import { METADATA_SCHEMA_ID, assertSchema, checkResponse, contract, metadataSchemaFile, officialMetadataErrors, openapiFile, schemaErrors } from './contract.mjs';
import { Installation, citizenFiles, encrypt, formPdf, metadataFor, sha512, utf8 } from './client.mjs';

/** The design's problem table: name → status(es). */
const PROBLEMS = {
  'malformed-request': [400],
  'assertion-missing': [401],
  'assertion-invalid': [401],
  'installation-unknown': [401],
  'registration-limited': [429],
  'rate-limited': [429],
  'body-too-large': [413],
  'unsupported-media-type': [415],
  'destination-unknown': [404],
  'key-unknown': [404, 422],
  'service-not-offered': [422],
  'submission-unknown': [404],
  'attachment-not-announced': [422],
  'attachments-missing': [422],
  'already-submitted': [409],
  'decryption-failed': [422],
  'hash-mismatch': [422],
  'metadata-invalid': [422],
  'data-invalid': [422],
  'case-unknown': [404],
  'catalog-not-published': [404],
  'request-timeout': [408],
  'not-found': [404],
  'method-not-allowed': [405],
  internal: [500],
};

/** The design's operations: method, path, authenticated, has a body. */
const OPERATIONS = [
  ['post', '/v1/installations', true, true],
  ['get', '/v1/routes', false, false],
  ['get', '/v1/destinations/{destinationId}', false, false],
  ['get', '/v1/destinations/{destinationId}/keys/{kid}', false, false],
  ['get', '/.well-known/jwks.json', false, false],
  ['get', '/v1/catalog', false, false],
  ['post', '/v1/submissions', true, true],
  ['get', '/v1/submissions/{submissionId}', true, false],
  ['put', '/v1/submissions/{submissionId}/attachments/{attachmentId}', true, true],
  ['put', '/v1/submissions/{submissionId}', true, true],
  ['get', '/v1/cases/{caseId}/events', true, false],
];

const rawDocument = () => parseYaml(readFileSync(openapiFile, 'utf8'));

/** Validates with @readme/openapi-parser; the official metadata schema is served locally. */
async function validateDocument(doc) {
  const official = readFileSync(metadataSchemaFile(), 'utf8');
  return validate(doc, {
    resolve: { http: { canRead: (file) => file.url.startsWith('https://schema.fitko.de/'), read: () => official } },
    validate: { errors: { colorize: false } },
  });
}

test('the document is valid OpenAPI 3.1 with the JSON Schema 2020-12 dialect', async () => {
  const doc = rawDocument();
  assert.equal(doc.openapi, '3.1.0');
  assert.equal(doc.jsonSchemaDialect, 'https://json-schema.org/draft/2020-12/schema');
  const result = await validateDocument(doc);
  assert.ok(result.valid, result.valid ? '' : compileErrors(result));
  assert.deepEqual(result.warnings, []);
});

test('the validator would notice a broken document', async () => {
  const badParameter = rawDocument();
  badParameter.paths['/v1/catalog'].get.parameters = [{ name: 'x', in: 'nowhere', schema: { type: 'string' } }];
  assert.equal((await validateDocument(badParameter)).valid, false, 'a parameter in no valid place');
  const danglingRef = rawDocument();
  danglingRef.paths['/v1/routes'].get.responses['200'].content['application/json'].schema = { $ref: '#/components/schemas/NoSuchSchema' };
  await assert.rejects(async () => {
    const result = await validateDocument(danglingRef);
    if (!result.valid) throw new Error(compileErrors(result));
  }, /NoSuchSchema/, 'a $ref to nothing');
});

test('the document has exactly the design\'s operations, with its authentication', () => {
  const { doc, operations } = contract();
  assert.deepEqual(
    operations.map((o) => `${o.method} ${o.template}`).sort(),
    OPERATIONS.map(([m, p]) => `${m} ${p}`).sort(),
  );
  for (const [method, p, authenticated] of OPERATIONS) {
    const op = doc.paths[p][method];
    const security = op.security ?? doc.security;
    assert.deepEqual(security, authenticated ? [{ installationAssertion: [] }] : [], `${method} ${p} security`);
  }
  const scheme = doc.components.securitySchemes.installationAssertion;
  assert.deepEqual({ type: scheme.type, scheme: scheme.scheme, bearerFormat: scheme.bearerFormat }, { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
});

test('every problem of the design has its schema, and every operation lists the problems the rules give it', () => {
  const { doc } = contract();
  const schemas = doc.components.schemas;
  for (const [name, statuses] of Object.entries(PROBLEMS)) {
    const schemaName = `Problem${name.split('-').map((w) => w[0].toUpperCase() + w.slice(1)).join('')}`;
    const s = schemas[schemaName];
    assert.ok(s, `no schema ${schemaName} for ${name}`);
    for (const status of statuses) {
      assert.equal(schemaErrors(schemaName, { type: `urn:amtsweg:problem:${name}`, title: 't', status }), null, `${name} ${status}`);
    }
    assert.notEqual(schemaErrors(schemaName, { type: 'urn:amtsweg:problem:other', title: 't', status: statuses[0] }), null, `${schemaName} pins its type`);
  }
  assert.notEqual(schemaErrors('Problem', { type: 'urn:amtsweg:problem:internal', title: 'x', status: 500, extra: 1 }), null, 'a problem has no other members');
  for (const [method, p, authenticated, hasBody] of OPERATIONS) {
    const codes = Object.keys(doc.paths[p][method].responses);
    const expect = ['408', '500'];
    if (authenticated) expect.push('401', '429');
    if (hasBody) expect.push('400', '413', '415');
    if (p.includes('{')) expect.push('400', '404');
    for (const c of expect) assert.ok(codes.includes(c), `${method} ${p} lists ${c}`);
  }
});

test('the response checker refuses what the document does not describe', () => {
  const json = (status, body, type = 'application/json', extra = {}) => ({ status, headers: new Headers({ 'content-type': type, ...extra }), text: JSON.stringify(body) });
  const routes = { count: 0, routes: [] };
  assert.deepEqual(checkResponse('GET', '/v1/routes', json(200, routes)), routes);
  assert.throws(() => checkResponse('GET', '/v1/routes', json(201, routes)), /not documented/);
  assert.throws(() => checkResponse('GET', '/v1/routes', json(200, routes, 'text/plain')), /content type/);
  assert.throws(() => checkResponse('GET', '/v1/routes', json(200, { ...routes, more: 1 })), /does not match/);
  const problem = { type: 'urn:amtsweg:problem:rate-limited', title: 'Too many calls', status: 429 };
  assert.throws(() => checkResponse('GET', '/v1/cases/x/events', json(429, problem, 'application/problem+json')), /Retry-After/);
  checkResponse('GET', '/v1/cases/x/events', json(429, problem, 'application/problem+json', { 'retry-after': '30' }));
  assert.throws(() => checkResponse('GET', '/v1/cases/x/events', json(429, { ...problem, status: 400 }, 'application/problem+json', { 'retry-after': '3' })));
  assert.throws(() => checkResponse('GET', '/v1/nothing', json(200, {})), /404/);
  const notAllowed = { type: 'urn:amtsweg:problem:method-not-allowed', title: 'Not allowed', status: 405 };
  checkResponse('DELETE', '/v1/routes', json(405, notAllowed, 'application/problem+json', { allow: 'GET,HEAD' }));
  assert.throws(() => checkResponse('DELETE', '/v1/routes', json(405, notAllowed, 'application/problem+json')), /Allow/);
  assert.throws(() => checkResponse('DELETE', '/v1/submissions/x', json(405, notAllowed, 'application/problem+json', { allow: 'GET' })), /lacks PUT/);
  assert.throws(() => checkResponse('DELETE', '/v1/routes', json(404, { type: 'urn:amtsweg:problem:not-found', title: 'Not found', status: 404 }, 'application/problem+json')), /405/);
  checkResponse('GET', '/v1/nothing', json(404, { type: 'urn:amtsweg:problem:not-found', title: 'Not found', status: 404 }, 'application/problem+json'));
  assert.throws(() => checkResponse('PUT', '/v1/submissions/x/attachments/y', { status: 204, headers: new Headers(), text: 'x' }), /without a body/);
});

test('every example in the document is valid against its schema', () => {
  const { doc, validator } = contract();
  const escape = (x) => x.replace(/~/g, '~0').replace(/\//g, '~1');
  let seen = 0;
  const walk = (node, pointer) => {
    if (!node || typeof node !== 'object') return;
    if (node.schema && 'example' in node) {
      const validate = validator(`${pointer}/schema`);
      assert.ok(validate(node.example), `${pointer}/example: ${JSON.stringify(validate.errors)}`);
      seen++;
    }
    if (pointer.startsWith('#/components/schemas/') && pointer.split('/').length === 4 && Array.isArray(node.examples)) {
      const validate = validator(pointer);
      node.examples.forEach((example, i) => {
        assert.ok(validate(example), `${pointer}/examples/${i}: ${JSON.stringify(validate.errors)}`);
        seen++;
      });
    }
    for (const [k, v] of Object.entries(node)) walk(v, `${pointer}/${escape(k)}`);
  };
  walk(doc.paths, '#/paths');
  walk(doc.components, '#/components');
  assert.ok(seen >= 10, `only ${seen} examples checked`);
});

test('the Metadata schema references the official FIT-Connect schema by its $id', () => {
  const { doc } = contract();
  assert.deepEqual(doc.components.schemas.Metadata.allOf, [{ $ref: METADATA_SCHEMA_ID }]);
});

test('an assertion made with jose matches the document and verifies with the registered JWK', async () => {
  const inst = await Installation.create();
  assert.equal(inst.id, await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: inst.jwk.x }, 'sha256'));
  assertSchema('InstallationRegistration', { jwk: inst.jwk });
  const token = await inst.assertion('http://127.0.0.1:8787');
  const header = decodeProtectedHeader(token);
  const claims = decodeJwt(token);
  assertSchema('AssertionHeader', header);
  assertSchema('AssertionClaims', claims);
  assert.ok(claims.exp - claims.iat <= 300);
  const { payload } = await jwtVerify(token, await importJWK({ ...inst.jwk, alg: 'EdDSA' }), { audience: 'http://127.0.0.1:8787', issuer: inst.id, subject: inst.id, algorithms: ['EdDSA'] });
  assert.equal(payload.jti, claims.jti);
  assert.notEqual(decodeJwt(await inst.assertion('http://127.0.0.1:8787')).jti, claims.jti, 'every assertion has its own jti');
});

test('a JWE made with jose has the documented header and decrypts, with jose and with plain node:crypto', async () => {
  const { publicKey, privateKey } = await generateKeyPair('RSA-OAEP-256', { modulusLength: 4096, extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RSA-OAEP-256', key_ops: ['wrapKey'] };
  const { key_ops, ...bare } = jwk;
  const key = await importJWK(bare, 'RSA-OAEP-256');
  const plaintext = utf8(JSON.stringify({ hello: 'Welt ä' }));
  const jwe = await encrypt(plaintext, key, 'k1', 'application/json');
  assert.equal(schemaErrors('CompactJwe', jwe), null);
  assertSchema('JweProtectedHeader', decodeProtectedHeader(jwe));
  const decrypted = await compactDecrypt(jwe, privateKey);
  assert.deepEqual(Buffer.from(decrypted.plaintext), Buffer.from(plaintext));
  // The same by hand (as a server without jose would): unwrap the CEK, then AES-256-GCM with the
  // protected header as additional data.
  const [h, ek, iv, ct, tag] = jwe.split('.');
  const pkcs8 = createPrivateKey({ key: await exportJWK(privateKey), format: 'jwk' });
  const cek = privateDecrypt({ key: pkcs8, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, Buffer.from(ek, 'base64url'));
  assert.equal(cek.length, 32);
  const decipher = createDecipheriv('aes-256-gcm', cek, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(h, 'ascii'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  const byHand = Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]);
  assert.deepEqual(byHand, Buffer.from(plaintext));
  assert.notEqual(schemaErrors('JweProtectedHeader', { ...decodeProtectedHeader(jwe), zip: 'DEF' }), null, 'zip is not allowed');
});

test('the metadata the client builds is valid against the official schema and the document; broken ones are not', () => {
  const original = { name: 'Muster', proof: [{ id: 'vault-nachweis.pdf', name: 'nachweis.pdf', mediaType: 'application/pdf', size: 300 }] };
  const files = citizenFiles(original);
  const attachments = [formPdf('dog-tax-registration'), ...files.attachments];
  assert.equal(attachments.length, 2);
  assert.equal(files.data.proof[0].id, attachments[1].attachmentId, 'the file id in the data is its attachment id');
  assert.deepEqual({ ...files.data.proof[0], id: 'vault-nachweis.pdf' }, original.proof[0], 'nothing else changes');
  assert.equal(original.proof[0].id, 'vault-nachweis.pdf', 'the fixture itself is left alone');
  assert.equal(attachments[1].bytes.length, 300);
  const dataBytes = utf8(JSON.stringify(files.data));
  const metadata = metadataFor({
    serviceType: { name: 'Hundesteuer', identifier: 'urn:de:fim:leika:leistung:99102013104000' },
    schemaUri: 'urn:amtsweg:procedure:dog-tax-registration:1.0.0',
    dataBytes,
    attachments,
  });
  assert.equal(officialMetadataErrors(metadata), null);
  assertSchema('Metadata', metadata);
  assert.equal(metadata.contentStructure.data.hash.content, sha512(dataBytes));
  const broken = structuredClone(metadata);
  broken.contentStructure.attachments[0].purpose = 'selfie';
  assert.notEqual(officialMetadataErrors(broken), null);
  const noData = structuredClone(metadata);
  delete noData.contentStructure.data;
  assert.equal(officialMetadataErrors(noData), null, 'the official schema allows metadata without data');
  assert.notEqual(schemaErrors('Metadata', noData), null, 'Amtsweg requires the data part');
});
