// "Download PDF" and "Print" in the real app, by keyboard, with the host's stand-ins
// (src-tauri/src/stand_ins.rs): the save dialog answers AMTSWEG_E2E_SAVE_PDF, the "viewer"
// copies what it is handed into AMTSWEG_E2E_VIEWER_DIR. The dog tax registration in
// English is walked to check your answers; both PDFs are read back with `pdftotext`: every
// answer typed (with umlauts and ß), German labels with the English ones beside them.
// The print folder (XDG_RUNTIME_DIR/amtsweg-print) holds the printed PDF, 0600, until
// Amtsweg quits. The recovery code printed from My data reads back the same groups.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fixture, message } from '../support/paths.mjs';
import { freshDirs } from '../support/tmp.mjs';
import { launch } from './harness.mjs';
import { activate, answerSteps, DEMO_ARS, startProcedure, toCheckAnswers, waitForState, walks } from './wizard-driver.mjs';

const catalog = fixture('catalog.en');
const pdftotext = (file) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
/** Whitespace as one space: pdftotext breaks lines where the layout wrapped them. */
const flat = (text) => text.replace(/\s+/g, ' ');

async function statusSays(app, id, what) {
  await app.browser.waitUntil(
    () => app.browser.execute((id) => document.getElementById(id)?.textContent.trim() ?? '', id),
    { timeout: 20_000, timeoutMsg: `${what}: no status` },
  );
  return app.browser.execute((id) => document.getElementById(id).textContent.trim(), id);
}

test('by keyboard: Download PDF and Print on check your answers and the final page; Print of the recovery code', async (t) => {
  const dirs = freshDirs();
  t.after(() => dirs.remove());
  mkdirSync(dirs.appConfig, { recursive: true });
  writeFileSync(
    dirs.settingsFile,
    JSON.stringify({ version: 1, locale: 'en', firstStartDone: true, municipalityArs: DEMO_ARS }),
  );
  const saved = path.join(dirs.root, 'saved', 'Antrag.pdf');
  const viewer = path.join(dirs.root, 'viewer');
  mkdirSync(path.dirname(saved), { recursive: true });
  mkdirSync(viewer, { recursive: true });
  const printFolder = path.join(dirs.runtime, 'amtsweg-print');

  const app = await launch({
    lang: 'en_US.UTF-8',
    dirs,
    extraEnv: { AMTSWEG_E2E_SAVE_PDF: saved, AMTSWEG_E2E_VIEWER_DIR: viewer },
  });
  t.after(() => app.close());
  await app.waitForScreen('catalog', message(catalog, 'catalog-heading'));

  const walk = walks.find((w) => w.procedure === 'dog-tax-registration');
  const branch = walk.branches.find((b) => b.name === 'one dog, no direct debit');
  await startProcedure(app, walk.procedure);
  const typed = await answerSteps(app, walk, branch);
  await toCheckAnswers(app);
  const lines = typed.flatMap(({ text }) => text.split('\n'));
  assert.ok(lines.includes('Obere Königsstraße'), JSON.stringify(lines));

  // "Download PDF": the citizen's copy where the (stand-in) save dialog said.
  const pressed = performance.now();
  await activate(app, '#download-pdf');
  const savedStatus = await statusSays(app, 'print-status', 'Download PDF');
  const savedMs = performance.now() - pressed;
  assert.ok(savedStatus.includes('Antrag.pdf'), savedStatus);
  const savedText = flat(pdftotext(saved));
  for (const line of lines) assert.ok(savedText.includes(line), `the saved PDF lacks ${JSON.stringify(line)}`);
  // German first, the citizen's English beside it.
  for (const label of ['Vorname', 'First name', 'Familienname', 'Last name']) {
    assert.ok(savedText.includes(label), `the saved PDF lacks ${label}`);
  }
  assert.ok(!/[\u2068\u2069]/.test(savedText), 'no bidi isolation marks');
  assert.deepEqual(readdirSync(path.dirname(saved)), ['Antrag.pdf'], 'nothing half-written beside it');

  // "Print" on the final page: the PDF in the print folder, handed to the "viewer".
  await activate(app, '#submit');
  await waitForState(app, (s) => s.screen === 'complete', 'the final page');
  await activate(app, '#print-pdf');
  const printedStatus = await statusSays(app, 'print-status', 'Print');
  const [printed] = readdirSync(viewer);
  assert.ok(printed?.endsWith('.pdf') && printedStatus.includes(printed), `${printed}: ${printedStatus}`);
  const printedText = flat(pdftotext(path.join(viewer, printed)));
  for (const line of lines) assert.ok(printedText.includes(line), `the printed PDF lacks ${JSON.stringify(line)}`);
  const inFolder = path.join(printFolder, printed);
  assert.equal(statSync(inFolder).mode & 0o777, 0o600, 'the print folder\'s PDF is the user\'s alone');
  assert.equal(statSync(printFolder).mode & 0o777, 0o700);

  // The recovery code, printed from My data where it is shown once.
  await activate(app, '#leave');
  await activate(app, '#nav-settings');
  await app.waitForScreen('settings', message(catalog, 'settings-heading'));
  await app.browser.waitUntil(() => app.browser.execute(() => !!document.getElementById('my-data-recovery-create')), {
    timeout: 20_000,
    timeoutMsg: 'My data did not offer a recovery code',
  });
  await activate(app, '#my-data-recovery-create');
  await app.browser.waitUntil(() => app.browser.execute(() => !!document.getElementById('my-data-recovery-print')), {
    timeout: 20_000,
    timeoutMsg: 'no recovery code shown',
  });
  const groups = await app.browser.execute(() =>
    [...document.querySelectorAll('#my-data-recovery-code li')].map((li) => li.textContent.trim()),
  );
  assert.equal(groups.length, 7);
  await activate(app, '#my-data-recovery-print');
  await app.browser.waitUntil(
    () => app.browser.execute(() => document.getElementById('my-data-recovery-status')?.textContent.trim() !== ''),
    { timeout: 20_000, timeoutMsg: 'Print of the recovery code said nothing' },
  );
  const codeFile = readdirSync(viewer).find((name) => name !== printed);
  assert.ok(codeFile, readdirSync(viewer).join(', '));
  const codeText = pdftotext(path.join(viewer, codeFile)).replace(/\s+/g, '');
  assert.ok(codeText.includes(groups.join('')) || codeText.includes(groups.join('-')), codeText);

  // Ending the WebDriver session ends the app without a quit (the driver kills it), as a
  // crash would: the next start removes what that run left in the print folder. (A quit
  // empties it too: `RunEvent::Exit` in src-tauri/src/lib.rs, `Printouts::quit`.)
  assert.ok(existsSync(inFolder));
  await app.quit();
  const again = await launch({ lang: 'en_US.UTF-8', dirs });
  t.after(() => again.close());
  await again.waitForScreen('catalog', message(catalog, 'catalog-heading'));
  assert.ok(!existsSync(printFolder), 'the next start removed the print folder');
  await again.quit();
  t.diagnostic(`Download PDF, press to status: ${savedMs.toFixed(0)} ms`);
});
