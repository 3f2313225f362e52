// A test client of the municipal API written with Node's `jose`, a JOSE implementation
// independent of the server's Rust one: installation keys and assertions, the destination
// key checks, JWE encryption, FIT-Connect metadata, whole submissions and the event log.
// Every HTTP exchange goes through `Api.request`, which checks it against the OpenAPI document.
import assert from 'node:assert/strict';
import { createHash, randomUUID, X509Certificate } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import {
  CompactEncrypt,
  SignJWT,
  calculateJwkThumbprint,
  createLocalJWKSet,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
} from 'jose';
import { repoRoot } from '../support/paths.mjs';
import { assertSchema, checkRequest, checkResponse } from './contract.mjs';

/** The demo municipality of the catalog directory, served by the reference server. */

/** The demo certificate authority committed with the reference server (TEST ONLY). */
const DEMO_CA = new X509Certificate(readFileSync(new URL('../../crates/municipal-api/demo-ca/demo-ca.crt.pem', import.meta.url)));

export const DEMO_ARS = '066990999999';
export const EVENT = 'https://schema.fitko.de/fit-connect/events/';
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export const sha512 = (bytes) => createHash('sha512').update(bytes).digest('hex');
export const utf8 = (s) => new TextEncoder().encode(s);
const b64url = (bytes) => Buffer.from(bytes).toString('base64url');

// ---- HTTP, checked against the document -------------------------------------------------

export class Api {
  /**
   * `baseUrl`: where the server listens. `publicUrl`: the base URL as published (the
   * assertions' audience and the events' issuer), the same unless the server was started
   * with `--public-url`.
   */
  constructor(baseUrl, publicUrl = baseUrl) {
    this.baseUrl = baseUrl;
    this.publicUrl = publicUrl;
  }

  /**
   * One call. `auth`: an `Installation` (a fresh assertion is made), a string (the whole
   * `Authorization` value) or nothing. `json` is sent as application/json; `body` +
   * `contentType` as given. `conforming: false` for requests deliberately against the
   * document (their answers are still checked). Returns `{status, headers, body}`.
   */
  async request(method, pathAndQuery, { auth, json, body, contentType, conforming = true } = {}) {
    const headers = {};
    if (json !== undefined) {
      body = JSON.stringify(json);
      contentType ??= 'application/json';
    }
    if (contentType) headers['content-type'] = contentType;
    if (auth instanceof Installation) headers.authorization = `Bearer ${await auth.assertion(this.publicUrl)}`;
    else if (typeof auth === 'string') headers.authorization = auth;
    const url = new URL(pathAndQuery, `${this.baseUrl}/`);
    if (conforming) checkRequest(method, url.pathname, contentType, body);
    const res = await fetch(url, { method, headers, body });
    const text = await res.text();
    const parsed = checkResponse(method, url.pathname, { status: res.status, headers: res.headers, text });
    return { status: res.status, headers: res.headers, body: parsed };
  }

  get(p, opts) {
    return this.request('GET', p, opts);
  }
}

/** Asserts a problem answer: status and `type` `urn:amtsweg:problem:<name>`. */
export function assertProblem(res, status, name, what = '') {
  assert.equal(res.headers.get('content-type')?.split(';')[0], 'application/problem+json', `${what}: ${JSON.stringify(res.body)}`);
  assert.deepEqual({ status: res.status, type: res.body?.type }, { status, type: `urn:amtsweg:problem:${name}` }, `${what}: ${JSON.stringify(res.body)}`);
}

/**
 * Runs `check(name, value)` for every case, all of them even when some fail, and then fails
 * with every failed case named (so one refusal that differs does not hide the others).
 */
export async function eachCase(cases, check) {
  const failed = [];
  for (const [name, value] of Object.entries(cases)) {
    try {
      await check(name, value);
    } catch (e) {
      failed.push(`- ${name}: ${e.message.split('\n')[0]}`);
    }
  }
  assert.equal(failed.length, 0, `${failed.length} of ${Object.keys(cases).length} cases failed:\n${failed.join('\n')}`);
}

// ---- installations ------------------------------------------------------------------------

export class Installation {
  /** A fresh Ed25519 device key; `id` is its RFC 7638 thumbprint. */
  static async create() {
    const { publicKey, privateKey } = await generateKeyPair('Ed25519', { extractable: true });
    const { crv, kty, x } = await exportJWK(publicKey);
    const jwk = { kty, crv, x };
    const inst = new Installation();
    Object.assign(inst, { privateKey, jwk, id: await calculateJwkThumbprint(jwk, 'sha256') });
    return inst;
  }

  /**
   * A compact JWS assertion for `aud`. Any claim or header member can be replaced (a
   * value of `undefined` removes it) to make invalid ones.
   */
  async assertion(aud, { claims = {}, header = {}, key } = {}) {
    const now = Math.floor(Date.now() / 1000);
    const payload = { iss: this.id, sub: this.id, aud, iat: now, exp: now + 120, jti: randomUUID(), ...claims };
    const protectedHeader = { alg: 'EdDSA', typ: 'JWT', kid: this.id, ...header };
    for (const o of [payload, protectedHeader]) for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
    return new SignJWT(payload).setProtectedHeader(protectedHeader).sign(key ?? this.privateKey);
  }

  /** Registers this key; returns the answer (201 new, 200 known). */
  register(api) {
    return api.request('POST', '/v1/installations', { auth: this, json: { jwk: this.jwk } });
  }
}

/** A registered installation (fails the test if the registration does not answer 201). */
export async function registeredInstallation(api) {
  const inst = await Installation.create();
  const res = await inst.register(api);
  assert.equal(res.status, 201, `registration: ${JSON.stringify(res.body)}`);
  assert.equal(res.body.installationId, inst.id, 'the installation id is the RFC 7638 thumbprint');
  return inst;
}

// ---- destinations and keys ----------------------------------------------------------------

/**
 * Fetches the destination's encryption key and checks it the way a client must: RSA-OAEP-256,
 * key_ops [wrapKey], at least 4096 bits, an x5c chain whose leaf holds this very key and is
 * signed by the next certificate. Returns `{jwk, key}` (key: a CryptoKey for CompactEncrypt).
 */
export async function destinationKey(api, destinationId, kid) {
  const res = await api.get(`/v1/destinations/${destinationId}/keys/${encodeURIComponent(kid)}`);
  assert.equal(res.status, 200, `key ${kid}: ${JSON.stringify(res.body)}`);
  const jwk = res.body;
  assert.equal(jwk.kid, kid);
  assert.equal(jwk.kty, 'RSA');
  assert.equal(jwk.alg, 'RSA-OAEP-256');
  assert.deepEqual(jwk.key_ops, ['wrapKey']);
  const n = Buffer.from(jwk.n, 'base64url');
  const bits = n.length * 8 - Math.clz32(n[0]) + 24;
  assert.ok(bits >= 4096, `the encryption key has ${bits} bits, fewer than 4096`);
  assert.ok(Array.isArray(jwk.x5c) && jwk.x5c.length >= 1, 'the key has an x5c chain');
  const chain = jwk.x5c.map((c) => new X509Certificate(Buffer.from(c, 'base64')));
  const leafKey = chain[0].publicKey.export({ format: 'jwk' });
  assert.deepEqual({ n: leafKey.n, e: leafKey.e }, { n: jwk.n, e: jwk.e }, 'the leaf certificate holds the JWK');
  for (let i = 0; i + 1 < chain.length; i++) {
    assert.ok(chain[i].checkIssued(chain[i + 1]) && chain[i].verify(chain[i + 1].publicKey), `x5c[${i}] is signed by x5c[${i + 1}]`);
  }
  // The chain ends at the pinned authority: here the committed demo CA (TEST ONLY).
  const root = chain[chain.length - 1];
  assert.ok(root.raw.equals(DEMO_CA.raw), `the chain ends at the demo CA, not at ${root.subject}`);
  assert.ok(root.verify(DEMO_CA.publicKey), 'the demo CA signed itself');
  const now = Date.now();
  for (const cert of chain) {
    assert.ok(Date.parse(cert.validFrom) <= now && now < Date.parse(cert.validTo), `${cert.subject} is valid now (${cert.validFrom} to ${cert.validTo})`);
  }
  assert.equal(chain[0].ca, false, 'the leaf is not a CA');
  assert.equal(root.ca, true, 'the root is a CA');
  // WebCrypto wraps RSA-OAEP keys with `encrypt`: import without key_ops after checking them.
  const { key_ops, x5c, ...bare } = jwk;
  return { jwk, key: await importJWK(bare, 'RSA-OAEP-256') };
}

/** Route by LeiKa key and ARS, then read the destination; asserts what the design says. */
export async function findDestination(api, { leikaKey, ars = DEMO_ARS, schemaUri }) {
  const routes = await api.get(`/v1/routes?leikaKey=${leikaKey}&ars=${ars}`);
  assert.equal(routes.status, 200);
  assert.equal(routes.body.count, routes.body.routes.length);
  assert.ok(routes.body.count >= 1, `no route for ${leikaKey} in ${ars}`);
  const route = routes.body.routes[0];
  const dest = await api.get(`/v1/destinations/${route.destinationId}`);
  assert.equal(dest.status, 200);
  assert.equal(dest.body.destinationId, route.destinationId);
  assert.equal(dest.body.encryptionKid, route.encryptionKid);
  const identifier = `urn:de:fim:leika:leistung:${leikaKey}`;
  const service = dest.body.services.find((s) => s.identifier === identifier);
  assert.ok(service, `the destination offers ${identifier}`);
  assert.ok(service.regions.includes(ars), `the service covers ${ars}`);
  if (schemaUri) {
    assert.ok(service.submissionSchemas.some((s) => s.schemaUri === schemaUri && s.mimeType === 'application/json'), `${identifier} offers ${schemaUri}`);
  }
  const { key } = await destinationKey(api, route.destinationId, route.encryptionKid);
  return { route, destination: dest.body, service, kid: route.encryptionKid, key, serviceType: { name: service.name, identifier } };
}

// ---- JWE and metadata -----------------------------------------------------------------------

/** A compact JWE as the design says: RSA-OAEP-256, A256GCM, kid, cty. */
export function encrypt(bytes, key, kid, cty, header = {}) {
  return new CompactEncrypt(bytes).setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid, cty, ...header }).encrypt(key);
}

/** An attachment to announce and upload: `{attachmentId, bytes, purpose, filename, mimeType}`. */
export function formPdf(procedure) {
  const bytes = utf8(`%PDF-1.7\n% Antrag ${procedure} (test)\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
  return { attachmentId: randomUUID(), bytes, purpose: 'form', filename: `${procedure}.pdf`, mimeType: 'application/pdf' };
}

/**
 * The citizen's files inside the data (`{id, name, mediaType, size}` objects): one
 * attachment each with `size` bytes, purpose `attachment`. By the senders' convention a
 * file's `id` in the data is the `attachmentId` of its attachment (a UUID v4), so the data
 * that is sent is a copy with every file id rewritten to a new attachment id.
 * Returns `{attachments, data}`.
 */
export function citizenFiles(data) {
  const attachments = [];
  const rewrite = (v) => {
    if (Array.isArray(v)) return v.map(rewrite);
    if (v && typeof v === 'object') {
      if (typeof v.id === 'string' && typeof v.name === 'string' && typeof v.mediaType === 'string' && Number.isInteger(v.size)) {
        const bytes = new Uint8Array(v.size);
        for (let i = 0; i < v.size; i++) bytes[i] = (i * 31 + 7) & 0xff;
        const attachmentId = randomUUID();
        attachments.push({ attachmentId, bytes, purpose: 'attachment', filename: v.name, mimeType: v.mediaType });
        return { ...v, id: attachmentId };
      }
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, rewrite(x)]));
    }
    return v;
  };
  return { data: rewrite(data), attachments };
}

/** FIT-Connect metadata 1.0.0 for a submission, as the design describes it. */
export function metadataFor({ serviceType, schemaUri, dataBytes, attachments, applicationDate = new Date().toISOString().slice(0, 10) }) {
  return {
    contentStructure: {
      data: {
        hash: { type: 'sha512', content: sha512(dataBytes) },
        submissionSchema: { schemaUri, mimeType: 'application/json' },
      },
      attachments: attachments.map((a) => ({
        attachmentId: a.attachmentId,
        hash: { type: 'sha512', content: sha512(a.bytes) },
        purpose: a.purpose,
        filename: a.filename,
        mimeType: a.mimeType,
      })),
    },
    publicServiceType: { name: serviceType.name, identifier: serviceType.identifier },
    additionalReferenceInfo: { applicationDate },
  };
}

// ---- submissions ----------------------------------------------------------------------------

/** The submission fixtures (`{procedure, version, leika, schemaUri, schema, data}`). */
export function submissionFixtures() {
  const dir = path.join(repoRoot, 'tests', 'fixtures', 'submissions');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];
  if (files.length === 0) throw new Error(`no submission fixtures in ${dir}`);
  return files.map((f) => {
    const fixture = JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
    for (const k of ['procedure', 'version', 'leika', 'schemaUri', 'schema', 'data']) {
      if (!(k in fixture)) throw new Error(`fixture ${f} has no "${k}"`);
    }
    return { file: f, ...fixture };
  });
}

/** The 14-digit LeiKa key of a fixture's `leika` (a bare key or the URN, or `{key}`). */
export function leikaKeyOf(leika) {
  const text = typeof leika === 'object' ? leika.key : leika;
  const m = /([0-9]{14})$/.exec(text);
  if (!m) throw new Error(`no 14-digit LeiKa key in ${JSON.stringify(leika)}`);
  return m[1];
}

/**
 * Everything a submission needs before the first call that changes state: the destination,
 * its key, the attachments, the data as sent (file ids = attachment ids) and its bytes.
 */
export async function prepare(api, fixture) {
  const found = await findDestination(api, { leikaKey: leikaKeyOf(fixture.leika), schemaUri: fixture.schemaUri });
  const files = citizenFiles(fixture.data);
  const attachments = [formPdf(fixture.procedure), ...files.attachments];
  const dataBytes = utf8(JSON.stringify(files.data));
  return { ...found, fixture, data: files.data, attachments, dataBytes, schemaUri: fixture.schemaUri };
}

/** POST /v1/submissions; asserts 201 and returns `{submissionId, caseId, destinationId}`. */
export async function announce(api, inst, prep, attachmentIds = prep.attachments.map((a) => a.attachmentId)) {
  const res = await api.request('POST', '/v1/submissions', {
    auth: inst,
    json: { destinationId: prep.route.destinationId, announcedAttachments: attachmentIds, serviceType: prep.serviceType },
  });
  assert.equal(res.status, 201, `create: ${JSON.stringify(res.body)}`);
  assert.equal(res.body.destinationId, prep.route.destinationId);
  return res.body;
}

/** PUT one attachment as JWE; returns the answer (not asserted). */
export async function uploadAttachment(api, inst, prep, submissionId, a, { kid = prep.kid, header } = {}) {
  const jwe = await encrypt(a.bytes, prep.key, kid, a.mimeType, header);
  return api.request('PUT', `/v1/submissions/${submissionId}/attachments/${a.attachmentId}`, { auth: inst, body: jwe, contentType: 'application/jose' });
}

/** PUT the metadata and data as JWEs; returns the answer (not asserted). */
export async function submit(api, inst, prep, submissionId, { metadata, dataBytes = prep.dataBytes, metadataKid = prep.kid, dataKid = prep.kid, dataHeader } = {}) {
  metadata ??= metadataFor({ serviceType: prep.serviceType, schemaUri: prep.schemaUri, dataBytes, attachments: prep.attachments });
  const body = {
    encryptedMetadata: await encrypt(utf8(JSON.stringify(metadata)), prep.key, metadataKid, 'application/json'),
    encryptedData: await encrypt(dataBytes, prep.key, dataKid, 'application/json', dataHeader),
  };
  return api.request('PUT', `/v1/submissions/${submissionId}`, { auth: inst, json: body });
}

/** A whole submission of a fixture; asserts every step. Returns ids, metadata and attachments. */
export async function submitFixture(api, inst, fixture) {
  const prep = await prepare(api, fixture);
  const created = await announce(api, inst, prep);
  for (const a of prep.attachments) {
    const res = await uploadAttachment(api, inst, prep, created.submissionId, a);
    assert.equal(res.status, 204, `upload ${a.filename}: ${JSON.stringify(res.body)}`);
  }
  const state = await api.request('GET', `/v1/submissions/${created.submissionId}`, { auth: inst });
  assert.equal(state.status, 200);
  assert.equal(state.body.status, 'announced');
  assert.deepEqual([...state.body.uploadedAttachments].sort(), prep.attachments.map((a) => a.attachmentId).sort());
  const metadata = metadataFor({ serviceType: prep.serviceType, schemaUri: prep.schemaUri, dataBytes: prep.dataBytes, attachments: prep.attachments });
  assertSchema('Metadata', metadata, 'the metadata the client builds');
  const res = await submit(api, inst, prep, created.submissionId, { metadata });
  assert.equal(res.status, 200, `submit ${fixture.procedure}: ${JSON.stringify(res.body)}`);
  assert.deepEqual(res.body, { submissionId: created.submissionId, caseId: created.caseId, status: 'submitted' });
  return { ...created, prep, metadata };
}

// ---- events -----------------------------------------------------------------------------------

/**
 * The case's event log, every SET verified with jose against the server's JWKS (PS512,
 * typ secevent+jwt, issuer = the published base URL) and checked against the document's SET schemas.
 * Returns `[{header, claims, token}]` oldest first.
 */
export async function verifiedEvents(api, inst, caseId) {
  const jwks = await api.get('/.well-known/jwks.json');
  assert.equal(jwks.status, 200);
  const keySet = createLocalJWKSet(jwks.body);
  const res = await api.request('GET', `/v1/cases/${caseId}/events`, { auth: inst });
  assert.equal(res.status, 200, `events: ${JSON.stringify(res.body)}`);
  assert.equal(res.body.count, res.body.eventLog.length);
  const out = [];
  for (const token of res.body.eventLog) {
    const header = decodeProtectedHeader(token);
    assertSchema('SetHeader', header, 'a SET header');
    const { payload } = await jwtVerify(token, keySet, { algorithms: ['PS512'], typ: 'secevent+jwt', issuer: api.publicUrl });
    assertSchema('SetClaims', payload, 'SET claims');
    out.push({ header, claims: payload, token });
  }
  return out;
}

export { b64url, randomUUID };
