// Drafts kept in the vault, in the real app with the real Secret Service (gnome-keyring on
// the test's private bus, unlocked as after a desktop login): half of the dog tax
// registration filled in, the app quit and started again, the draft resumed from "My
// drafts" at the page where the citizen left with every answer — after My drafts asked
// about a flipped byte in the version manifest's top row and the citizen kept the drafts
// as they are (issue 14: that byte once made every draft "damaged"); and no file under the
// app's data, config, cache and temporary folders (the webview's storage included)
// holds an answer in plaintext, searched as UTF-8 and as UTF-16.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
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

/** The manifest's top row (bucket -1, the rowid) as a table cell: 36 bytes of payload,
 * rowid -1 as a varint, the record header (the rowid column as NULL, a 32-byte blob, an
 * empty blob); the 32 MAC bytes follow. */
const TOP_ROW = Buffer.from([0x24, ...Array(9).fill(0xff), 0x04, 0x00, 0x4c, 0x0c]);

/** Flips bit 0 of MAC byte 5 of every copy of the top row in `bytes` (from `from` on). */
function flipTopRows(bytes, from = 0, to = bytes.length) {
  let flipped = 0;
  for (let at = bytes.indexOf(TOP_ROW, from); at >= 0 && at < to; at = bytes.indexOf(TOP_ROW, at + 1)) {
    bytes[at + TOP_ROW.length + 5] ^= 0x01;
    flipped++;
  }
  return flipped;
}

/** SQLite's WAL checksum over `data` (32-bit words, big- or little-endian), from `s`. */
function walChecksum(data, [s1, s2], bigEndian) {
  for (let i = 0; i < data.length; i += 8) {
    const x0 = bigEndian ? data.readUInt32BE(i) : data.readUInt32LE(i);
    const x1 = bigEndian ? data.readUInt32BE(i + 4) : data.readUInt32LE(i + 4);
    s1 = (s1 + x0 + s2) >>> 0;
    s2 = (s2 + x1 + s1) >>> 0;
  }
  return [s1, s2];
}

/**
 * Flips one bit of the version manifest's top MAC in the vault's database, as a hex
 * editor would — in the database file and in every frame of the WAL the app leaves
 * behind (it is replayed at the next start), whose checksum chain is then written anew
 * for the frames that were valid, as SQLite would have written them.
 */
function flipTopManifestMac(dataDir) {
  const file = filesUnder(dataDir).find((f) => path.basename(f) === 'vault.sqlite3');
  assert.ok(file, 'the vault database');
  const db = readFileSync(file);
  let flipped = flipTopRows(db);
  writeFileSync(file, db);
  const walFile = `${file}-wal`;
  if (existsSync(walFile) && statSync(walFile).size > 32) {
    const wal = readFileSync(walFile);
    const bigEndian = (wal.readUInt32BE(0) & 1) === 1;
    const pageSize = wal.readUInt32BE(8);
    const salts = wal.subarray(16, 24);
    // The chain as written (to find the valid frames) and as it becomes.
    let was = [wal.readUInt32BE(24), wal.readUInt32BE(28)];
    let becomes = was;
    const frameSum = (header, page, from) =>
      walChecksum(page, walChecksum(header.subarray(0, 8), from, bigEndian), bigEndian);
    for (let at = 32; at + 24 + pageSize <= wal.length; at += 24 + pageSize) {
      const header = wal.subarray(at, at + 24);
      const page = wal.subarray(at + 24, at + 24 + pageSize);
      if (!header.subarray(8, 16).equals(salts)) break;
      was = frameSum(header, page, was);
      if (was[0] !== header.readUInt32BE(16) || was[1] !== header.readUInt32BE(20)) break;
      flipped += flipTopRows(page);
      becomes = frameSum(header, page, becomes);
      header.writeUInt32BE(becomes[0], 16);
      header.writeUInt32BE(becomes[1], 20);
    }
    writeFileSync(walFile, wal);
  }
  assert.ok(flipped > 0, "the manifest's top row is in the database or its WAL");
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

  flipTopManifestMac(dirs.data);
  app = await launch({ dirs, bus });
  t.after(() => app.close());
  await app.waitForScreen('catalog', message(catalog, 'catalog-heading'));
  await app.waitForLog('vault-opened');
  // Coming back: the catalog says what is unfinished, with the way to it.
  await app.browser.waitUntil(
    () => app.browser.execute(() => document.getElementById('catalog-unfinished-text') !== null),
    { timeout: 10_000, timeoutMsg: 'the catalog did not say that an application is unfinished' },
  );
  const unfinished = await app.browser.execute(() => ({
    text: document.getElementById('catalog-unfinished-text').textContent.replace(/[\u2068\u2069]/g, '').trim(),
    link: document.getElementById('catalog-unfinished-link')?.textContent.trim(),
  }));
  assert.deepEqual(unfinished, {
    text: 'Sie haben 1 nicht abgeschlossenen Antrag',
    link: message(catalog, 'catalog-unfinished-link'),
  });
  await activate(app, '#catalog-unfinished-link');
  await app.waitForScreen('drafts', message(catalog, 'drafts-heading'));
  // The list comes after the heading (its own IPC call): wait for it, not for a moment.
  await app.browser.waitUntil(() => app.browser.execute(() => document.getElementById('drafts-list') !== null), {
    timeout: 20_000,
    timeoutMsg: 'My drafts did not list the draft',
  });
  const listed = await app.browser.execute(() => document.getElementById('main').textContent);
  assert.ok(listed.includes(answer('start-page.dog-tax-registration.de').title), listed);
  // The changed manifest is said once, not as a damaged draft; the draft waits for the
  // citizen's answer before it opens.
  const dog = '#drafts-list li[data-procedure="dog-tax-registration"]';
  await app.browser.waitUntil(
    () => app.browser.execute(() => document.getElementById('drafts-versions-changed') !== null),
    { timeout: 5_000, timeoutMsg: 'no warning about the changed list of versions' },
  );
  const shown = await app.browser.execute(
    (sel) => ({
      warning: document.getElementById('drafts-versions-changed-text')?.textContent.trim(),
      damaged: document.querySelector(`${sel} [id$="-damaged"]`) !== null,
      resume: document.querySelector(`${sel} button[id$="-resume"]`) !== null,
    }),
    dog,
  );
  assert.deepEqual(shown, { warning: message(catalog, 'drafts-versions-changed'), damaged: false, resume: false });
  await activate(app, '#drafts-versions-keep');
  await app.browser.waitUntil(
    () => app.browser.execute(() => document.getElementById('drafts-status')?.textContent.trim()),
    { timeout: 5_000, timeoutMsg: 'no confirmation that the drafts were kept' },
  );
  assert.equal(
    await app.browser.execute(() => document.getElementById('drafts-status').textContent.trim()),
    message(catalog, 'drafts-versions-kept'),
  );
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
