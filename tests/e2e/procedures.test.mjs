// Every bundled procedure completed in the real app, data-driven: for each walk file in
// crates/procedure/tests/walks/ (the engine's own walks), the first branch that ends at
// "check your answers" is typed into the real UI in German, and the branch marked for
// English in English, by keyboard (tests/e2e/wizard-driver.mjs): page by page, focus
// moved with Tab and Shift+Tab only, answers typed into the inputs, checkboxes chosen
// with Space, radios and selects with the arrow keys, buttons pressed with Enter, files taken through the test-only stand-in for the OS
// dialog (the debug build's stand-in, AMTSWEG_E2E_PICK_FILE), groups grown with "Add
// another", sections opened from the task list; then check your answers must show, row
// by row, exactly what was typed, "Submit" must reach the final page, and its button must lead back to the
// catalog.
//
// One app per locale runs all twelve procedures one after another, each a subtest.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { KeystrokeLog, statedMinutes } from '../support/klm.mjs';
import { fixture, message, repoRoot } from '../support/paths.mjs';
import { freshDirs } from '../support/tmp.mjs';
import { launch } from './harness.mjs';
import {
  activate,
  answerSteps,
  DEMO_ARS,
  expandDates,
  PICKED_FILE,
  startProcedure,
  toCheckAnswers,
  waitForState,
  walks,
} from './wizard-driver.mjs';

test('the date placeholders of the walk files become ISO dates', () => {
  const today = Date.UTC(2024, 1, 28);
  assert.equal(expandDates('{{today}} {{today+2d}} {{today-59d}}', today), '2024-02-28 2024-03-01 2023-12-31');
});

/** Calls the core's command `name` from the page; its answer, or throws its error. */
async function invoke(app, name, args) {
  const answer = await app.browser.executeAsync(
    (command, payload, done) => {
      window.__TAURI_INTERNALS__.invoke(command, payload).then(
        (value) => done(JSON.stringify({ value })),
        (error) => done(JSON.stringify({ error })),
      );
    },
    name,
    args,
  );
  const { value, error } = JSON.parse(answer);
  if (error) throw new Error(`${name}: ${JSON.stringify(error)}`);
  return value;
}

/**
 * A returning citizen: My details hold their own answers to the questions My details
 * keep (as a citizen who said "Yes, keep them" after an earlier application has them),
 * taken from the walk's answers by the paths `my_details_view` names.
 */
async function keepMyDetails(app, branch) {
  const { fields } = await invoke(app, 'my_details_view', {});
  const paths = new Set(fields.map((f) => f.path));
  const values = {};
  const collect = (answers, prefix) => {
    for (const [id, answer] of Object.entries(answers ?? {})) {
      const path = prefix ? `${prefix}.${id}` : id;
      if ('text' in answer && paths.has(path)) values[path] = expandDates(answer.text, Date.now());
      // A kept group answer is the first instance's (the applicant's address).
      else if ('group' in answer && answer.group.length === 1) collect(answer.group[0], path);
    }
  };
  for (const page of branch.pages) collect(page.answers, '');
  const view = await invoke(app, 'save_my_details', { values });
  const refused = view.fields.filter((f) => f.error);
  assert.deepEqual(refused, [], 'My details take the walk\'s own answers');
  return Object.keys(values).length;
}

async function completeProcedure(app, walk, branch, texts) {
  if (texts.citizen === 'returning') await keepMyDetails(app, branch);
  app.klm.begin({ procedure: walk.procedure, locale: texts.locale, citizen: texts.citizen, branch: branch.name });
  await startProcedure(app, walk.procedure);
  const typed = await answerSteps(app, walk, branch);
  await toCheckAnswers(app);
  // Row by row: the row of each typed field shows exactly what was typed, line by line
  // (a group instance's answers are rows inside its row). A field of a group shown as
  // one row (an address) is in that row's lines, beside its neighbours.
  const rows = await app.browser.execute(() =>
    Object.fromEntries(
      [...document.querySelectorAll('.amtsweg-check .amtsweg-summary-row, .amtsweg-check .amtsweg-summary-answer')].map(
        (row) => [row.dataset.key, [...row.querySelectorAll('.amtsweg-summary-line')].map((line) => line.textContent)],
      ),
    ),
  );
  for (const { key, text } of typed) {
    if (key in rows) {
      assert.deepEqual(rows[key], text.split('\n'), `check your answers shows ${key} as typed`);
      continue;
    }
    const group = Object.keys(rows)
      .filter((row) => key.startsWith(`${row}.`))
      .sort((a, b) => b.length - a.length)[0];
    assert.ok(group, `check your answers shows ${key} in a row`);
    const words = rows[group].flatMap((line) => line.split(' '));
    for (const word of text.split(/\s+/)) assert.ok(words.includes(word), `row ${group} shows ${key} (${word}): ${rows[group]}`);
  }
  assert.ok(typed.length > 0, 'something was typed');
  const submitLabel = (await (await app.browser.$('#submit')).getText()).trim();
  assert.ok(submitLabel.length > 0, 'the submit button has a label');

  // The skip link after the heading, then "Submit", as a keyboard user goes.
  await activate(app, '#skip-to-submit');
  await app.browser.waitUntil(() => app.browser.execute(() => document.activeElement?.id === 'submit'), {
    timeout: 5_000,
    timeoutMsg: 'the skip link moved the focus to Submit',
  });
  await activate(app, '#submit');
  const modelled = app.klm.end();
  await waitForState(app, (s) => s.screen === 'complete', 'the final page');
  const complete = await app.page();
  assert.equal(complete.heading, texts.completeHeading);
  await activate(app, '#leave');
  await waitForState(app, (s) => s.main === 'catalog', 'the catalog again');
  return modelled;
}

/**
 * The keystroke-level model of the walks (tests/support/klm.mjs), written for
 * `scripts/klm-report.mjs` and docs/performance.md: `target/klm/procedures.<locale>.json`.
 */
function writeModel(locale, log) {
  const dir = path.join(repoRoot, 'target', 'klm');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `procedures.${locale}.json`), `${JSON.stringify(log.walks, null, 2)}\n`);
}

for (const locale of ['de', 'en']) {
  const runs = walks
    .map((walk) => {
      const branch = walk.branches.find(
        (b) => b.ends === 'checkAnswers' && (locale === 'de' ? true : b.locale === locale),
      );
      return { walk, branch };
    })
    .filter(({ branch }) => branch);

  test(`every bundled procedure can be completed in the real app in ${locale}`, async (t) => {
    assert.equal(runs.length, walks.length, `every procedure has a branch to check your answers in ${locale}`);
    assert.equal(walks.length, 12, 'twelve procedures are bundled');

    const pickDir = mkdtempSync(path.join(os.tmpdir(), 'amtsweg-procedures-'));
    t.after(() => rmSync(pickDir, { recursive: true, force: true }));
    const pdf = path.join(pickDir, PICKED_FILE);
    writeFileSync(pdf, '%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

    // The first start and the municipality are done (their own tests cover them).
    const dirs = freshDirs();
    t.after(() => dirs.remove());
    mkdirSync(dirs.appConfig, { recursive: true });
    writeFileSync(
      dirs.settingsFile,
      JSON.stringify({ version: 1, locale, firstStartDone: true, municipalityArs: DEMO_ARS }),
    );
    const app = await launch({ dirs, extraEnv: { AMTSWEG_E2E_PICK_FILE: pdf } });
    t.after(() => app.close());
    const catalog = fixture(`catalog.${locale}`);
    await app.waitForScreen('catalog', message(catalog, 'catalog-heading'));
    // The German walks are a first-time citizen's, the English ones a returning
    // citizen's with My details (the keystroke model of both: docs/performance.md).
    const citizen = locale === 'de' ? 'first-time' : 'returning';
    const texts = { completeHeading: message(catalog, 'confirmation-waiting-heading'), locale, citizen };
    app.klm = new KeystrokeLog();

    for (const { walk, branch } of runs) {
      await t.test(`${walk.procedure}: ${branch.name}`, async () => {
        try {
          const modelled = await completeProcedure(app, walk, branch, texts);
          // The start page states the first-time citizen's modelled time, rounded up to
          // 5 minutes (the German walks are the first-time ones).
          if (texts.citizen === 'first-time') {
            const minutes = statedMinutes(modelled.model().total);
            assert.match(
              modelled.stated ?? '',
              new RegExp(`\\b${minutes}\\b`),
              `the start page states ${minutes} minutes (modelled ${Math.round(modelled.model().total)} s)`,
            );
          }
        } catch (error) {
          error.message += `\n${app.diagnostics()}`;
          // Back to the catalog so that the next procedure starts where it should.
          await activate(app, '#nav-services').catch(() => {});
          throw error;
        }
      });
    }
    writeModel(locale, app.klm);
    await app.quit();
  });
}
