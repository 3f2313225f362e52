// The shipped stylesheet: KERN UX's rules purged to what the UI uses (ui/kern-used-only.ts)
// lose no custom property a kept rule reads, and it is a fraction of KERN's whole file.
// Each screen's check in the other suites asks that no KERN class on it lost its rules.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { repoRoot, uiDist } from '../support/paths.mjs';
import { kernClasses, propertiesReadButUndefined, propertiesUndefinedBeforePurge } from '../support/styles.mjs';

const assets = path.join(uiDist(), 'assets');
const shipped = readdirSync(assets)
  .filter((f) => f.endsWith('.css'))
  .map((f) => readFileSync(path.join(assets, f), 'utf8'))
  .join('\n');
const ours = readdirSync(path.join(repoRoot, 'ui/src'), { recursive: true })
  .filter((f) => f.endsWith('.css'))
  .map((f) => readFileSync(path.join(repoRoot, 'ui/src', f), 'utf8'))
  .join('\n');

test('every custom property the shipped rules read is still defined', () => {
  // KERN and our CSS read a few that nothing defines (with a fallback, or left to the
  // page); nothing beyond those may be missing.
  const before = new Set(propertiesUndefinedBeforePurge(ours));
  assert.deepEqual(
    propertiesReadButUndefined(shipped).filter((p) => !before.has(p)),
    [],
    'read by a shipped rule, defined only in a purged one',
  );
});

test('the shipped stylesheet holds only part of KERN', () => {
  const kern = readFileSync(path.join(repoRoot, 'node_modules/@kern-ux/native/dist/kern.min.css'), 'utf8');
  assert.ok(kernClasses.length > 100, `KERN's classes were not read: ${kernClasses.length}`);
  assert.ok(shipped.length < kern.length / 2, `shipped ${shipped.length} bytes, KERN alone ${kern.length}`);
});
