// Drafts kept in the vault, in the real app with the real Secret Service (gnome-keyring on
// the test's private bus, unlocked as after a desktop login): half of the dog tax
// registration filled in, the app quit and started again, the draft resumed from "My
// drafts" at the page where the citizen left with every answer; and no file under the
// app's data, config, cache and temporary folders (the webview's storage included)
// holds an answer in plaintext, searched as UTF-8 and as UTF-16.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { privateBus } from '../support/dbus.mjs';
import { answer, fixture, message } from '../support/paths.mjs';
import { freshDirs } from '../support/tmp.mjs';
import { launch } from './harness.mjs';
import { activate, answerItems, answerSteps, DEMO_ARS, startProcedure, waitForState, walks } from './wizard-driver.mjs';

/** Typed as answers; must never appear in any file in plaintext. */
const MARKER_NAME = 'Quendolyn';
const MARKER_STREET = 'Xylophonweg';
/** Typed on the page left with "Save and continue later" (not validated there). */
const START_DATE = '01.01.2031';

/** Every regular file under `dir`, recursively. */
function filesUnder(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** Files under `dirs` whose bytes contain `text` as UTF-8, UTF-16LE or UTF-16BE. */
function filesContaining(dirs, text) {
  const needles = [
    ['UTF-8', Buffer.from(text, 'utf8')],
    ['UTF-16LE', Buffer.from(text, 'utf16le')],
    ['UTF-16BE', Buffer.from(text, 'utf16le').swap16()],
  ];
  const found = [];
  for (const dir of dirs) {
    for (const file of filesUnder(dir)) {
      const bytes = readFileSync(file);
      for (const [encoding, needle] of needles) {
        if (bytes.includes(needle)) found.push(`${file} (${encoding})`);
      }
    }
  }
  return found;
}

test('the marker search finds a planted answer in each encoding', () => {
  const dirs = freshDirs();
  try {
    writeFileSync(path.join(dirs.data, 'a.txt'), `x${MARKER_NAME}x`);
    mkdirSync(path.join(dirs.cache, 'deep'), { recursive: true });
    writeFileSync(path.join(dirs.cache, 'deep', 'b.bin'), Buffer.from(MARKER_NAME, 'utf16le'));
    writeFileSync(path.join(dirs.tmp, 'c.bin'), Buffer.from(MARKER_NAME, 'utf16le').swap16());
    const found = filesContaining([dirs.data, dirs.cache, dirs.tmp, dirs.config], MARKER_NAME);
    assert.deepEqual(
      found.map((f) => path.relative(dirs.root, f)).sort(),
      ['cache/deep/b.bin (UTF-16LE)', 'data/a.txt (UTF-8)', 'tmp/c.bin (UTF-16BE)'],
    );
  } finally {
    dirs.remove();
  }
});

test('half a dog tax registration survives quitting; resumed from My drafts at its page; no answer in plaintext on disk', async (t) => {
  const dirs = freshDirs();
  t.after(() => dirs.remove());
  mkdirSync(dirs.appConfig, { recursive: true });
  writeFileSync(
    dirs.settingsFile,
    JSON.stringify({ version: 1, locale: 'de', firstStartDone: true, municipalityArs: DEMO_ARS }),
  );
  // One bus (with its keychain) for both starts, as one desktop session.
  const bus = await privateBus();
  t.after(() => bus.stop());

  const walk = walks.find((w) => w.procedure === 'dog-tax-registration');
  const branch = structuredClone(walk.branches.find((b) => b.name === 'two dogs, direct debit'));
  branch.pages[0].answers.F00000045.text = MARKER_NAME;
  const address = branch.pages.find((p) => p.page === 'address').answers;
  address.G00000237.group[0].G00000040.group[0].F00000053.text = MARKER_STREET;

  const catalog = fixture('catalog.de');
  let app = await launch({ dirs, bus });
  try {
    await app.waitForScreen('catalog', message(catalog, 'catalog-heading'));
    await app.waitForLog('vault-opened');
    await startProcedure(app, 'dog-tax-registration');
    // Name, date of birth, address and contact: then the start date page is open.
    await answerSteps(app, walk, branch, { until: 'start-date' });
    await waitForState(app, (s) => s.page === 'start-date', 'the start date page');
    // Typed but not continued: "Save and continue later" keeps it too.
    await answerItems(app, '', { F99000004: { text: START_DATE } }, []);
    await activate(app, '#save-later');
    await app.waitForScreen('drafts', message(catalog, 'drafts-heading'));
    await app.browser.waitUntil(
      () => app.browser.execute(() => document.getElementById('drafts-status')?.textContent.trim()),
      { timeout: 5_000, timeoutMsg: 'no confirmation that the draft was saved' },
    );
    const status = await app.browser.execute(() => document.getElementById('drafts-status').textContent.trim());
    assert.equal(status, message(catalog, 'wizard-saved-later'));
    await app.quit();
  } finally {
    await app.close();
  }

  app = await launch({ dirs, bus });
  t.after(() => app.close());
  await app.waitForScreen('catalog', message(catalog, 'catalog-heading'));
  await app.waitForLog('vault-opened');
  await activate(app, '#nav-drafts');
  await app.waitForScreen('drafts', message(catalog, 'drafts-heading'));
  const listed = await app.browser.execute(() => document.getElementById('main').textContent);
  assert.ok(listed.includes(answer('start-page.dog-tax-registration.de').title), listed);
  await activate(app, '#drafts-list li[data-procedure="dog-tax-registration"] button[id$="-resume"]');
  await waitForState(app, (s) => s.page === 'start-date', 'the page where the citizen left');
  const typed = await app.browser.execute(() => document.getElementById('F99000004').value);
  assert.equal(typed, START_DATE, 'what was typed before "Save and continue later"');

  // Every answer is there: back through the pages just filled in.
  for (const page of ['contact', 'address', 'date-of-birth', 'name']) {
    await activate(app, '#back');
    await waitForState(app, (s) => s.page === page, `back to ${page}`);
  }
  const name = await app.browser.execute(() => document.getElementById('F00000045').value);
  assert.equal(name, MARKER_NAME);
  await app.quit();

  // Nothing the citizen typed is on disk in plaintext: not in the vault, not in the
  // webview's storage or caches, not in temporary files.
  for (const marker of [MARKER_NAME, MARKER_STREET]) {
    assert.deepEqual(filesContaining([dirs.data, dirs.config, dirs.cache, dirs.tmp, dirs.home], marker), []);
  }
  // …while the vault does hold the draft (the search looked where it is).
  const vaultFiles = filesUnder(dirs.data).filter((f) => f.includes(`${path.sep}vault${path.sep}`));
  assert.ok(vaultFiles.some((f) => statSync(f).size > 0), `vault files: ${vaultFiles.join(', ')}`);
});
