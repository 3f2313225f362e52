// "My data" in the real app, with the real Secret Service (gnome-keyring on the test's
// private bus) and the debug build's stand-ins for the file dialogs
// (AMTSWEG_E2E_SAVE_FILE for the export's save dialog, AMTSWEG_E2E_IMPORT_FILE for the
// import's open dialog): a draft is exported, everything Amtsweg keeps is deleted (the
// export, the citizen's file, stays) and Amtsweg is at its first start in the language
// it was in, the export is imported, and the draft is back in My drafts at the page
// where the citizen left, with its answers.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { answer, fixture, message } from '../support/paths.mjs';
import { freshDirs } from '../support/tmp.mjs';
import { cli, keysTemplate, startServer } from '../municipal-api/server.mjs';
import { holdPort, listApplications, submitDogTax, waitForApplication } from './applications-driver.mjs';
import { launch } from './harness.mjs';
import { activate, answerItems, DEMO_ARS, startProcedure, tabTo, waitForState } from './wizard-driver.mjs';

const PASSPHRASE = 'correct horse battery staple';

/** Types `text` into the empty input `id`, one key press and release per character. */
async function typeInto(app, id, text) {
  await tabTo(app, `#${id}`);
  const action = app.browser.action('key');
  for (const c of text) action.down(c).up(c);
  await action.perform();
  const now = await app.browser.execute((i) => document.getElementById(i).value, id);
  assert.equal(now.length, text.length, `#${id} holds what was typed`);
}

/** Waits until the status region of "My data" section `section` says `text`. */
async function waitForStatus(app, section, text) {
  let last = null;
  await app.browser
    .waitUntil(
      async () => {
        last = await app.browser.execute(
          (s) => document.getElementById(`my-data-${s}-status`)?.textContent.trim() ?? null,
          section,
        );
        return last === text;
      },
      { timeout: 30_000, interval: 100 },
    )
    .catch(() => {
      const alert = app.browser.execute(() => document.querySelector('[role="alert"]')?.textContent.trim() ?? null);
      return alert.then((shown) => assert.fail(`"${text}" not said in ${section}; last "${last}", alert "${shown}"`));
    });
}

/** "My drafts" from the header: each draft's id and progress. */
async function myDrafts(app, catalog) {
  await activate(app, '#nav-drafts');
  await app.waitForScreen('drafts', message(catalog, 'drafts-heading'));
  await app.browser.waitUntil(
    () => app.browser.execute(() => !!document.querySelector('#drafts-list, #drafts-empty, #drafts-unavailable')),
    { timeout: 10_000, timeoutMsg: 'My drafts did not load' },
  );
  return app.browser.execute(() =>
    [...document.querySelectorAll('#drafts-list > li')].map((li) => ({
      id: li.dataset.draft,
      progress: li.querySelector('[id$="-progress"]')?.textContent.trim() ?? null,
    })),
  );
}

async function openSettings(app, catalog) {
  await activate(app, '#nav-settings');
  await app.waitForScreen('settings', message(catalog, 'settings-heading'));
  await app.browser.waitUntil(() => app.browser.execute(() => !!document.getElementById('my-data-keys')), {
    timeout: 20_000,
    timeoutMsg: 'My data did not load',
  });
}

/** Settings of a citizen past the first start, in English, in the demo municipality. */
function settledIn(dirs) {
  mkdirSync(dirs.appConfig, { recursive: true });
  writeFileSync(
    dirs.settingsFile,
    JSON.stringify({ version: 1, locale: 'en', firstStartDone: true, municipalityArs: DEMO_ARS }),
  );
}

/** A dog tax draft left on its second page; "My drafts" as it lists it. */
async function draftOnSecondPage(app, catalog) {
  await startProcedure(app, 'dog-tax-registration');
  await waitForState(app, (s) => s.page === 'name', 'the first page');
  await answerItems(app, '', { F00000045: { text: 'Erika' }, F00000013: { text: 'Mustermann' } }, []);
  await activate(app, '#continue');
  await waitForState(app, (s) => s.page === 'date-of-birth', 'the second page');
  const listed = await myDrafts(app, catalog);
  assert.equal(listed.length, 1, JSON.stringify(listed));
  return listed;
}

test('export my data, delete all (back to the first start in the same language), import the export: the draft is back where the citizen left', async (t) => {
  const dirs = freshDirs();
  t.after(() => dirs.remove());
  settledIn(dirs);
  const documents = path.join(dirs.home, 'Documents');
  mkdirSync(documents, { recursive: true });
  const exported = path.join(documents, 'amtsweg-export.amtsweg');

  const catalog = fixture('catalog.en');
  const app = await launch({
    lang: 'de_DE.UTF-8',
    dirs,
    extraEnv: { AMTSWEG_E2E_SAVE_FILE: exported, AMTSWEG_E2E_IMPORT_FILE: exported },
  });
  t.after(() => app.close());
  await app.waitForScreen('catalog', message(catalog, 'catalog-heading'));
  await app.waitForLog('vault-opened');

  const before = await draftOnSecondPage(app, catalog);

  // Export: the passphrase twice, then the (stand-in) save dialog.
  await openSettings(app, catalog);
  await typeInto(app, 'my-data-export-passphrase', PASSPHRASE);
  await typeInto(app, 'my-data-export-confirmation', PASSPHRASE);
  await activate(app, '#my-data-export-submit');
  // One draft without attachments: the text the shell's tests wrote for the same.
  await waitForStatus(app, 'export', answer('my-data.exported.en').message);
  const bytes = readFileSync(exported);
  assert.equal(bytes.subarray(0, 8).toString('latin1'), 'AMTSWEGX');
  assert.ok(!bytes.includes(Buffer.from('Mustermann')), 'the export is sealed');

  // Something the webview keeps of its own: "Delete all" clears it too.
  await app.browser.execute(() => localStorage.setItem('amtsweg-e2e', 'kept'));

  // Delete all, after the inline confirmation: Amtsweg is at its first start again, in
  // the language it was in (English, although the system speaks German), and says so.
  await activate(app, '#my-data-delete');
  await activate(app, '#my-data-delete-confirm');
  await app.waitForScreen('firstStart', message(catalog, 'first-start-heading'));
  await app.waitForLog('my-data-deleted');
  const said = await app.browser.execute(() => [
    document.documentElement.lang,
    document.getElementById('first-start-done')?.textContent.trim() ?? null,
  ]);
  assert.deepEqual(said, ['en', message(catalog, 'my-data-deleted')]);
  assert.deepEqual(
    JSON.parse(readFileSync(dirs.settingsFile, 'utf8')),
    { version: 1, locale: 'en', firstStartDone: false, localesOverrideDir: null },
    'the municipality and every other choice are gone, the language stays',
  );
  await app.browser.waitUntil(() => app.browser.execute(() => localStorage.getItem('amtsweg-e2e') === null), {
    timeout: 10_000,
    timeoutMsg: "the webview's storage was not cleared",
  });
  assert.deepEqual(readFileSync(exported), bytes, "the export is the citizen's and stays");
  assert.deepEqual(await myDrafts(app, catalog), []);
  const empty = await app.browser.execute(() => document.getElementById('drafts-empty')?.textContent.trim());
  assert.equal(empty, message(catalog, 'drafts-empty'));

  // Import the export: the (stand-in) open dialog, then the file's passphrase.
  await openSettings(app, catalog);
  await typeInto(app, 'my-data-import-passphrase', PASSPHRASE);
  await activate(app, '#my-data-import-submit');
  await waitForStatus(app, 'import', answer('my-data.imported.en').message);
  assert.deepEqual(await myDrafts(app, catalog), before);

  // Resumed at its page; the answers of the first page are there.
  await activate(app, `[id="draft-${before[0].id}-resume"]`);
  await waitForState(app, (s) => s.page === 'date-of-birth', 'the page where the citizen left');
  await activate(app, '#back');
  await waitForState(app, (s) => s.page === 'name', 'back to the first page');
  const name = await app.browser.execute(() => [
    document.getElementById('F00000045').value,
    document.getElementById('F00000013').value,
  ]);
  assert.deepEqual(name, ['Erika', 'Mustermann']);
  await app.quit();
});

// A bound on the whole run, so that a hang ends as a failure (it takes seconds).
test('export with a sent and a waiting application, delete all asked twice, import: both back, and the waiting one is sent once', { timeout: 180_000 }, async (t) => {
  const keys = await keysTemplate();
  t.after(() => keys.remove());
  // The municipality's port, closed (a server that is down) whenever no server has it.
  let door = await holdPort();
  const port = door.port;
  t.after(() => door.close());
  const dirs = freshDirs();
  t.after(() => dirs.remove());
  settledIn(dirs);
  const documents = path.join(dirs.home, 'Documents');
  mkdirSync(documents, { recursive: true });
  const exported = path.join(documents, 'amtsweg-export.amtsweg');
  const catalog = fixture('catalog.en');
  const app = await launch({
    lang: 'en_US.UTF-8',
    dirs,
    extraEnv: {
      AMTSWEG_E2E_SAVE_FILE: exported,
      AMTSWEG_E2E_IMPORT_FILE: exported,
      AMTSWEG_E2E_MUNICIPAL_API: `http://127.0.0.1:${port}`,
      AMTSWEG_E2E_OUTBOX_BACKOFF_MAX_MS: '1000',
    },
  });
  t.after(() => app.close());
  await app.waitForScreen('catalog', message(catalog, 'catalog-heading'));
  await app.waitForLog('vault-opened');

  // One application sent while the server is up, one waiting after it stopped.
  await door.close();
  let server = await startServer(keys, [], { port });
  t.after(() => server.stop());
  const first = await submitDogTax(app, { firstStart: false });
  assert.equal(first.error, undefined, JSON.stringify(first));
  const sent = await waitForApplication(app, first.submitted.applicationId, (a) => a.caseId !== null, 'the first sent');
  const dataDir = server.dataDir;
  await server.stop({ keepData: true });
  door = await holdPort(port);
  const second = await submitDogTax(app, { firstStart: false });
  assert.equal(second.error, undefined, JSON.stringify(second));
  const waiting = await waitForApplication(
    app,
    second.submitted.applicationId,
    (a) => a.status.status === 'waiting' && a.status.lastError === 'network',
    'the second waiting after a failed try',
  );

  // Export: both applications go into the file.
  await openSettings(app, catalog);
  await typeInto(app, 'my-data-export-passphrase', PASSPHRASE);
  await typeInto(app, 'my-data-export-confirmation', PASSPHRASE);
  await activate(app, '#my-data-export-submit');
  await app.browser.waitUntil(
    () => app.browser.execute(() => document.getElementById('my-data-export-status')?.textContent ?? ''),
    { timeout: 30_000, timeoutMsg: 'the export said nothing' },
  );
  const bare = (text) => text.replace(/[\u2068\u2069]/g, '').trim();
  const exportSaid = bare(await app.browser.execute(() => document.getElementById('my-data-export-status').textContent));
  assert.match(exportSaid, /\b2 applications were exported\b/);

  // Delete all: asked once, then once more because one application was never sent.
  await activate(app, '#my-data-delete');
  await activate(app, '#my-data-delete-confirm');
  await app.browser.waitUntil(
    () => app.browser.execute(() => document.activeElement?.id === 'my-data-delete-unsent-question'),
    { timeout: 10_000, timeoutMsg: 'the second question did not take the focus' },
  );
  const asked = bare(await app.browser.execute(() => document.getElementById('my-data-delete-unsent-question').textContent));
  assert.equal(asked, 'One application has not been sent yet. If you delete all your data, it will never be sent.');
  await activate(app, '#my-data-delete-unsent-confirm');
  await app.waitForScreen('firstStart', message(catalog, 'first-start-heading'));
  assert.deepEqual((await listApplications(app)).applications, []);

  // Import: both are back, the sent one with its case number.
  await openSettings(app, catalog);
  await typeInto(app, 'my-data-import-passphrase', PASSPHRASE);
  await activate(app, '#my-data-import-submit');
  await app.browser.waitUntil(
    () => app.browser.execute(() => document.getElementById('my-data-import-status')?.textContent ?? ''),
    { timeout: 30_000, timeoutMsg: 'the import said nothing' },
  );
  const importSaid = bare(await app.browser.execute(() => document.getElementById('my-data-import-status').textContent));
  assert.match(importSaid, /\b2 applications were imported\b/);
  const back = (await listApplications(app)).applications;
  assert.deepEqual(back.map((a) => a.applicationId).sort(), [sent.applicationId, waiting.applicationId].sort());
  assert.equal(back.find((a) => a.applicationId === sent.applicationId).caseId, sent.caseId);
  assert.equal(back.find((a) => a.applicationId === waiting.applicationId).caseId, null);

  // The server is back: the waiting one is sent, and each application is there once.
  await door.close();
  server = await startServer(keys, [], { port, dataDir });
  const later = await waitForApplication(app, waiting.applicationId, (a) => a.caseId !== null, 'the imported waiting one sent');
  const atServer = (await cli(['list', '--data', dataDir])).trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(
    atServer.map((s) => [s.caseId, s.status]).sort(),
    [[sent.caseId, 'submitted'], [later.caseId, 'submitted']].sort(),
    JSON.stringify(atServer),
  );
  await app.quit();
});

test('by keyboard: the key moves to a passphrase and back, the passphrase changes, a recovery code is shown once, the draft stays', async (t) => {
  const dirs = freshDirs();
  t.after(() => dirs.remove());
  settledIn(dirs);
  const catalog = fixture('catalog.en');
  const app = await launch({ lang: 'en_US.UTF-8', dirs });
  t.after(() => app.close());
  await app.waitForScreen('catalog', message(catalog, 'catalog-heading'));
  await app.waitForLog('vault-opened');

  const before = await draftOnSecondPage(app, catalog);

  // The keychain's key moves under a passphrase; the draft stays.
  await openSettings(app, catalog);
  await typeInto(app, 'my-data-keys-passphrase', PASSPHRASE);
  await typeInto(app, 'my-data-keys-confirmation', PASSPHRASE);
  await activate(app, '#my-data-use-passphrase');
  await waitForStatus(app, 'keys', message(catalog, 'my-data-now-passphrase'));
  await app.waitForLog('vault-keys-passphrase');
  assert.deepEqual(await myDrafts(app, catalog), before);

  // A recovery code: seven groups of four, gone from the screen once written down.
  await openSettings(app, catalog);
  await activate(app, '#my-data-recovery-create');
  await waitForStatus(app, 'recovery', message(catalog, 'my-data-recovery-created'));
  const groups = await app.browser.execute(() =>
    [...document.querySelectorAll('#my-data-recovery-code li')].map((li) => li.textContent.trim()),
  );
  assert.equal(groups.length, 7, JSON.stringify(groups));
  for (const group of groups) assert.match(group, /^[0-9A-HJKMNP-TV-Z]{4}$/);
  await activate(app, '#my-data-recovery-done');
  const left = await app.browser.execute(() => document.body.textContent);
  assert.ok(!left.includes(groups.join('')) && !left.includes(groups[0] + groups[1]), 'the code is shown once');

  // A new passphrase after the current one.
  const fresh = 'a new passphrase, long enough';
  await typeInto(app, 'my-data-current-passphrase', PASSPHRASE);
  await typeInto(app, 'my-data-changed-passphrase', fresh);
  await typeInto(app, 'my-data-changed-confirmation', fresh);
  await activate(app, '#my-data-change-passphrase-submit');
  await waitForStatus(app, 'keys', message(catalog, 'my-data-passphrase-changed'));
  await app.waitForLog('vault-passphrase-changed');

  // And back into the keychain; the draft is still where the citizen left it.
  await activate(app, '#my-data-use-keychain');
  await waitForStatus(app, 'keys', message(catalog, 'my-data-now-keychain'));
  await app.waitForLog('vault-keys-keychain');
  assert.deepEqual(await myDrafts(app, catalog), before);
  await activate(app, `[id="draft-${before[0].id}-resume"]`);
  await waitForState(app, (s) => s.page === 'date-of-birth', 'the page where the citizen left');
  await app.quit();
});
