// The OpenAPI document as a contract: every response a test sees must be documented for its
// operation (status, content type, headers, body schema), and every well-formed request the
// test client sends must match the documented request body. A response the document does not
// describe fails the test that received it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import { repoRoot } from '../support/paths.mjs';

export const openapiFile = path.join(repoRoot, 'docs', 'municipal-api.openapi.yaml');

/** The official FIT-Connect metadata schema 1.0.0, by the `$id` the document references. */
export const METADATA_SCHEMA_ID = 'https://schema.fitko.de/fit-connect/metadata/1.0.0/metadata.schema.json';

/** The copy of the official metadata schema that the server validates with. */
export function metadataSchemaFile() {
  return path.join(repoRoot, 'crates', 'municipal-api', 'schemas', 'metadata.schema.v1.0.0.json');
}

// Where the document's components live for Ajv; the pointers below are resolved against it.
const BASE = 'urn:amtsweg:municipal-api:openapi';

const escape = (s) => s.replace(/~/g, '~0').replace(/\//g, '~1');

function pointerGet(doc, pointer) {
  let node = doc;
  for (const raw of pointer.replace(/^#\//, '').split('/')) {
    node = node?.[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

/** Loads and compiles the contract once per process. */
let loaded;
export function contract() {
  if (loaded) return loaded;
  const doc = parseYaml(readFileSync(openapiFile, 'utf8'));
  const metadataSchema = JSON.parse(readFileSync(metadataSchemaFile(), 'utf8'));
  assert.equal(metadataSchema.$id, METADATA_SCHEMA_ID, 'the metadata schema copy has the official $id');
  const ajv = new Ajv2020({ allErrors: true, strictTypes: false, strictRequired: false });
  addFormats(ajv);
  // Only the parts that are JSON Schema are registered under the document's own layout, so
  // `#/components/schemas/…` inside them resolves; `components` and `paths` are containers.
  ajv.addKeyword({ keyword: 'components' });
  ajv.addKeyword({ keyword: 'paths' });
  ajv.addSchema(metadataSchema);
  ajv.addSchema({ $id: BASE, components: doc.components, paths: doc.paths });
  const cache = new Map();
  const validator = (pointer) => {
    if (!cache.has(pointer)) cache.set(pointer, ajv.compile({ $ref: `${BASE}${pointer}` }));
    return cache.get(pointer);
  };
  const operations = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    const regex = new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`);
    for (const method of ['get', 'put', 'post', 'delete', 'patch', 'head', 'options']) {
      if (item[method]) operations.push({ template, method, regex, op: item[method], pointer: `#/paths/${escape(template)}/${method}` });
    }
  }
  loaded = { doc, ajv, validator, operations };
  return loaded;
}

/** Validates `value` against `#/components/schemas/<name>`; returns Ajv's errors or null. */
export function schemaErrors(name, value) {
  const { validator } = contract();
  const validate = validator(`#/components/schemas/${name}`);
  return validate(value) ? null : validate.errors;
}

/** Asserts that `value` is valid against the component schema `name`. */
export function assertSchema(name, value, what = name) {
  const errors = schemaErrors(name, value);
  assert.equal(errors, null, `${what} does not match components/schemas/${name}: ${JSON.stringify(errors, null, 1)}\n${JSON.stringify(value).slice(0, 2000)}`);
}

/** Validates against the official FIT-Connect metadata schema only; returns errors or null. */
export function officialMetadataErrors(metadata) {
  const { ajv } = contract();
  const validate = ajv.getSchema(METADATA_SCHEMA_ID);
  return validate(metadata) ? null : validate.errors;
}

function deref(doc, obj, pointer) {
  while (obj && obj.$ref) {
    pointer = obj.$ref;
    obj = pointerGet(doc, pointer);
  }
  return { obj, pointer };
}

const mediaType = (value) => (value ?? '').split(';')[0].trim().toLowerCase();

/** The documented operation of `method` `pathname`, or null when the document has none. */
export function findOperation(method, pathname) {
  const { operations } = contract();
  return operations.find((o) => o.method === method.toLowerCase() && o.regex.test(pathname)) ?? null;
}

/** The documented methods of the path template that `pathname` matches (none: not a path of the document). */
function pathMethodsOf(pathname) {
  const { operations } = contract();
  return operations.filter((o) => o.regex.test(pathname)).map((o) => o.method);
}

/**
 * Checks one request the test client means to be valid against the document (its body's
 * media type and schema), so the client and the document cannot drift apart.
 */
export function checkRequest(method, pathname, contentType, body) {
  const { doc, validator } = contract();
  const found = findOperation(method, pathname);
  assert.ok(found, `the client calls ${method} ${pathname}, which the OpenAPI document does not have`);
  const requestBody = found.op.requestBody;
  if (!requestBody) {
    assert.equal(body, undefined, `${method} ${found.template} has no documented request body`);
    return;
  }
  const { obj, pointer } = deref(doc, requestBody, `${found.pointer}/requestBody`);
  const mt = mediaType(contentType);
  assert.ok(obj.content[mt], `${method} ${found.template}: request media type ${mt} is not documented`);
  const value = mt === 'application/json' ? JSON.parse(body) : body;
  const validate = validator(`${pointer}/content/${escape(mt)}/schema`);
  assert.ok(validate(value), `${method} ${found.template}: the request body does not match the document: ${JSON.stringify(validate.errors, null, 1)}`);
}

/**
 * Checks one response against the document. `response` = {status, headers (Headers), text}.
 * Returns the parsed JSON body (or the text, or null for an empty body).
 */
export function checkResponse(method, pathname, response) {
  const { doc, validator } = contract();
  const found = findOperation(method, pathname);
  const what = `${method} ${pathname} → ${response.status}`;
  let responseObj;
  let responsePointer;
  const pathMethods = pathMethodsOf(pathname);
  if (!found && pathMethods.length === 0) {
    // A path the document does not have: only `not-found` is documented for it.
    assert.equal(response.status, 404, `${what}: a path the document does not have must answer 404 not-found`);
    ({ obj: responseObj, pointer: responsePointer } = deref(doc, { $ref: '#/components/responses/NotFound' }));
  } else if (!found) {
    // A path of the document with another method: `method-not-allowed`, naming the path's methods.
    assert.equal(response.status, 405, `${what}: a method the path does not have must answer 405 method-not-allowed`);
    const allow = (response.headers.get('allow') ?? '').split(',').map((m) => m.trim().toLowerCase());
    for (const m of pathMethods) assert.ok(allow.includes(m), `${what}: Allow "${response.headers.get('allow')}" lacks ${m.toUpperCase()}`);
    ({ obj: responseObj, pointer: responsePointer } = deref(doc, { $ref: '#/components/responses/MethodNotAllowed' }));
  } else {
    const declared = found.op.responses[String(response.status)];
    assert.ok(declared, `${what}: status ${response.status} is not documented for ${found.method.toUpperCase()} ${found.template} (documented: ${Object.keys(found.op.responses).join(', ')}); body: ${response.text.slice(0, 500)}`);
    ({ obj: responseObj, pointer: responsePointer } = deref(doc, declared, `${found.pointer}/responses/${response.status}`));
  }
  for (const [name, header] of Object.entries(responseObj.headers ?? {})) {
    const { obj: h } = deref(doc, header);
    const value = response.headers.get(name);
    if (h.required) assert.ok(value !== null, `${what}: the documented header ${name} is missing`);
    if (value !== null && h.schema?.pattern) {
      assert.match(value, new RegExp(h.schema.pattern), `${what}: header ${name} does not match ${h.schema.pattern}: ${value}`);
    }
    if (value !== null && h.schema?.type === 'integer') {
      assert.match(value, /^[0-9]+$/, `${what}: header ${name} is not an integer: ${value}`);
      if (h.schema.minimum !== undefined) assert.ok(Number(value) >= h.schema.minimum, `${what}: header ${name}=${value} is below ${h.schema.minimum}`);
    }
  }
  if (!responseObj.content) {
    assert.equal(response.text, '', `${what}: documented without a body, but has one: ${response.text.slice(0, 200)}`);
    return null;
  }
  const mt = mediaType(response.headers.get('content-type'));
  assert.ok(responseObj.content[mt], `${what}: content type "${response.headers.get('content-type')}" is not documented (documented: ${Object.keys(responseObj.content).join(', ')}); body: ${response.text.slice(0, 300)}`);
  let body = response.text;
  if (mt === 'application/json' || mt === 'application/problem+json') {
    try {
      body = JSON.parse(response.text);
    } catch (e) {
      assert.fail(`${what}: the ${mt} body is not JSON: ${response.text.slice(0, 300)}`);
    }
  }
  const validate = validator(`${responsePointer}/content/${escape(mt)}/schema`);
  assert.ok(validate(body), `${what}: the body does not match the documented schema: ${JSON.stringify(validate.errors, null, 1)}\nbody: ${response.text.slice(0, 1500)}`);
  if (mt === 'application/problem+json') {
    assert.equal(body.status, response.status, `${what}: the problem's status differs from the HTTP status`);
  }
  return body;
}
