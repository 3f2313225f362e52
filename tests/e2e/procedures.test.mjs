// Every bundled procedure completed in the real app, data-driven: for each walk file in
// crates/procedure/tests/walks/ (the engine's own walks), the first branch that ends at
// "check your answers" is typed into the real UI in German, and the branch marked for
// English in English, by keyboard: page by page, answers typed into the inputs, radios and
// checkboxes chosen with Space, selects with the arrow keys, buttons pressed with Enter,
// files taken through the test-only stand-in for the OS dialog
// (`--features e2e-file-picker`, AMTSWEG_E2E_PICK_FILE), groups grown with "Add another",
// sections opened from the task list; then check your answers must show what was typed,
// "Submit" must reach the final page, and its button must lead back to the catalog.
//
// One app per locale runs all twelve procedures one after another, each a subtest.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fixture, message, repoRoot } from '../support/paths.mjs';
import { freshDirs } from '../support/tmp.mjs';
import { Key, launch } from './harness.mjs';

const walksDir = path.join(repoRoot, 'crates', 'procedure', 'tests', 'walks');
const procedureFile = (id) => path.join(repoRoot, 'procedures', `${id}.json`);
/** "Musterstadt (Demo)", which offers every bundled procedure. */
const DEMO_ARS = '066990999999';
/** The file the test-only picker hands over for every file field (all accept PDF). */
const PICKED_FILE = 'nachweis.pdf';

const walks = readdirSync(walksDir)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => JSON.parse(readFileSync(path.join(walksDir, name), 'utf8')));

// --- dates: `{{today}}`, `{{today+Nd}}`, `{{today-Nd}}` as in walks.rs (UTC) ---

function expandDates(text, today) {
  return text.replace(/\{\{\s*today(?:([+-])(\d+)d)?\s*\}\}/g, (_, sign, days) => {
    const date = new Date(today);
    if (sign) date.setUTCDate(date.getUTCDate() + (sign === '+' ? 1 : -1) * Number(days));
    return date.toISOString().slice(0, 10);
  });
}

function expand(value, today) {
  if (typeof value === 'string') return expandDates(value, today);
  if (Array.isArray(value)) return value.map((v) => expand(v, today));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expand(v, today)]));
  }
  return value;
}

test('the date placeholders of the walk files become ISO dates', () => {
  const today = Date.UTC(2024, 1, 28);
  assert.equal(expandDates('{{today}} {{today+2d}} {{today-59d}}', today), '2024-02-28 2024-03-01 2023-12-31');
});

// --- driving the real UI ---

/** A CSS selector for an element id that holds dots (group keys like `G1.0.F2`). */
const byId = (id) => `[id="${id}"]`;

/** Where the wizard is: `{screen, page, errors}` (errors: the error summary's links). */
function wizardState(app) {
  return app.browser.execute(() => {
    const wizard = document.querySelector('.amtsweg-wizard');
    const page = document.querySelector('.amtsweg-wizard-page');
    const summary = document.getElementById('error-summary');
    return {
      main: document.getElementById('main')?.dataset.screen ?? null,
      screen: wizard?.dataset.wizardScreen ?? null,
      page: page?.dataset.page ?? null,
      errors: summary ? [...summary.querySelectorAll('a, li')].map((e) => e.textContent.trim()) : [],
      busy: document.getElementById('main')?.getAttribute('aria-busy') === 'true',
    };
  });
}

async function waitForState(app, wanted, what) {
  let last;
  await app.browser
    .waitUntil(
      async () => {
        last = await wizardState(app);
        return wanted(last);
      },
      { timeout: 15_000, interval: 50, timeoutMsg: `waited for ${what}` },
    )
    .catch((error) => {
      error.message += `; last seen ${JSON.stringify(last)}\n${app.diagnostics()}`;
      throw error;
    });
  return last;
}

/**
 * Moves the keyboard focus to the element (as Tab would; WebKitWebDriver refuses
 * pointer clicks in this window, and the citizen's way through is the keyboard anyway).
 */
async function focus(app, selector) {
  let focused = false;
  await app.browser
    .waitUntil(
      async () =>
        (focused = await app.browser.execute((sel) => {
          const element = document.querySelector(sel);
          if (!element) return false;
          element.scrollIntoView({ block: 'center' });
          element.focus();
          return document.activeElement === element;
        }, selector)),
      { timeout: 10_000, interval: 50 },
    )
    .catch(() => assert.fail(`${selector} cannot take the focus (focused: ${focused})`));
}

/** Presses Enter on a button or link. */
async function activate(app, selector) {
  await focus(app, selector);
  await app.press(Key.Enter);
}

/** Chooses option `code` of the choice field `key` with Space. */
async function choose(app, key, code) {
  const selector = `input[name="${key}"][value="${code}"]`;
  await focus(app, selector);
  const checked = () => app.browser.execute((sel) => document.querySelector(sel).checked, selector);
  if (!(await checked())) await app.press(Key.Space);
  assert.equal(await checked(), true, `option ${code} of ${key} is chosen`);
}

/** Chooses option `code` of a select with the arrow keys, as the keyboard does. */
async function select(app, key, code) {
  await focus(app, byId(key));
  const value = () => app.browser.execute((k) => document.getElementById(k).value, key);
  const count = await app.browser.execute((k) => document.getElementById(k).options.length, key);
  for (let i = 0; i < count && (await value()) !== code; i++) await app.press(Key.ArrowDown);
  assert.equal(await value(), code, `${key} is set to ${code}`);
}

/** Types `text` into the empty field `key`; in a text area, a line break is Enter. */
async function type(app, key, text) {
  await focus(app, byId(key));
  // One key action with a press and a release per character (`browser.keys` presses
  // all first and releases after, so a character repeated in the text arrives once).
  const action = app.browser.action('key');
  for (const c of text) {
    const key = c === '\n' ? Key.Enter : c;
    action.down(key).up(key);
  }
  await action.perform();
  const now = await app.browser.execute((k) => document.getElementById(k).value, key);
  assert.equal(now, text, `${key} holds what was typed`);
}

/**
 * Types or picks one answer into the field with key `key`. Returns the texts the
 * citizen typed that check your answers must show as typed.
 */
async function answerField(app, key, answer, typed) {
  // A question revealed by an answer given just before appears once the engine has
  // shown the page again (`updatesPage`), so it is waited for.
  let kind = null;
  await app.browser
    .waitUntil(
      async () =>
        (kind = await app.browser.execute(
          (k) => document.getElementById(k)?.closest('[data-kind]')?.dataset.kind ?? null,
          key,
        )),
      { timeout: 5_000, interval: 50 },
    )
    .catch(() => assert.fail(`no field ${key} on the page`));
  if ('choices' in answer) {
    for (const code of answer.choices) await choose(app, key, code);
  } else if ('file' in answer) {
    await activate(app, byId(key));
    // The file's name replaces "no file chosen yet", or a notice says why it was refused.
    const shown = () =>
      app.browser.execute((k) => {
        const field = document.getElementById(k).closest('[data-kind="file"]');
        return {
          name: document.getElementById(`${k}-file`).textContent.trim(),
          notice: field.querySelector('[role="status"]').textContent.trim(),
        };
      }, key);
    await app.browser
      .waitUntil(async () => {
        const now = await shown();
        return now.name === PICKED_FILE || now.notice !== '';
      }, { timeout: 10_000, interval: 50 })
      .catch(() => {});
    assert.deepEqual(await shown(), { name: PICKED_FILE, notice: '' }, `file taken for ${key}`);
  } else if (kind === 'yesNo') {
    // The engine also reads "ja"/"nein"/"true"/"false"; the page offers yes and no.
    await choose(app, key, /^(yes|ja|true|y|j)$/i.test(answer.text.trim()) ? 'yes' : 'no');
  } else if (kind === 'radio') {
    await choose(app, key, answer.text);
  } else if (kind === 'select') {
    await select(app, key, answer.text);
  } else {
    await type(app, key, answer.text);
    // Check your answers shows these as typed (phone numbers and others it normalizes).
    if (['text', 'longText', 'postcode'].includes(kind)) typed.push(answer.text);
  }
}

/** Answers of one page or group instance, keys prefixed by the instance's key. */
async function answerItems(app, prefix, answers, typed) {
  for (const [id, answer] of Object.entries(answers)) {
    const key = prefix ? `${prefix}.${id}` : id;
    if ('group' in answer) {
      for (const [index, instance] of answer.group.entries()) {
        const instanceKey = `${key}.${index}`;
        const exists = () =>
          app.browser.execute(
            (k) => document.querySelector(`[id^="${k}."]`) !== null,
            instanceKey,
          );
        if (!(await exists())) {
          // "Add another" is the group's own button after its instances.
          await activate(app, `fieldset${byId(key)} > .kern-btn-wrapper > button`);
          await app.browser.waitUntil(exists, { timeout: 10_000, timeoutMsg: `${instanceKey} was not added` });
        }
        await answerItems(app, instanceKey, instance, typed);
      }
    } else {
      await answerField(app, key, answer, typed);
    }
  }
}

/** The first page of each section, for the task list's links. */
function sectionsByFirstPage(procedureId) {
  const definition = JSON.parse(readFileSync(procedureFile(procedureId), 'utf8'));
  return new Map(definition.sections.map((section) => [section.pages[0].id, section.id]));
}

async function completeProcedure(app, walk, branch, texts) {
  const today = Date.now();
  const sections = sectionsByFirstPage(walk.procedure);
  const typed = [];

  await waitForState(app, (s) => s.main === 'catalog' && !s.busy, 'the catalog');
  await activate(app, `#open-${walk.procedure}`);
  await app.browser.waitUntil(
    () => app.browser.execute(() => document.getElementById('main')?.dataset.screen === 'startPage'),
    { timeout: 10_000, timeoutMsg: `the start page of ${walk.procedure} did not open` },
  );
  await activate(app, '#start-now');

  for (const [i, step] of branch.pages.entries()) {
    const at = `step ${i + 1} (page ${step.page})`;
    let state = await waitForState(app, (s) => s.screen === 'question' || s.screen === 'taskList', at);
    if (state.screen === 'taskList') {
      const section = sections.get(step.page);
      assert.ok(section, `${at}: no section starts at that page`);
      await activate(app, `#task-${section}`);
      state = await waitForState(app, (s) => s.page === step.page, `${at} from the task list`);
    }
    assert.equal(state.page, step.page, `${at}: the page shown`);
    await answerItems(app, '', expand(step.answers ?? {}, today), typed);
    await activate(app, '#continue');
    state = await waitForState(
      app,
      (s) => s.page !== step.page || s.errors.length > 0,
      `${at}: Continue to move on`,
    );
    assert.deepEqual(state.errors, [], `${at}: the answers were refused`);
  }

  let state = await waitForState(app, (s) => s.screen === 'checkAnswers' || s.screen === 'taskList', 'the end');
  if (state.screen === 'taskList') {
    await activate(app, '#check-answers');
    state = await waitForState(app, (s) => s.screen === 'checkAnswers', 'check your answers');
  }
  const summary = await app.browser.execute(() =>
    document.querySelector('.amtsweg-check').textContent.replace(/\s+/g, ' '),
  );
  for (const text of typed) {
    for (const line of text.split('\n')) {
      assert.ok(summary.includes(line.replace(/\s+/g, ' ').trim()), `check your answers shows "${line}"`);
    }
  }
  const submitLabel = (await (await app.browser.$('#submit')).getText()).trim();
  assert.ok(submitLabel.length > 0, 'the submit button has a label');

  await activate(app, '#submit');
  await waitForState(app, (s) => s.screen === 'complete', 'the final page');
  const complete = await app.page();
  assert.equal(complete.heading, texts.completeHeading);
  await activate(app, '#leave');
  await waitForState(app, (s) => s.main === 'catalog', 'the catalog again');
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
    const texts = { completeHeading: message(catalog, 'wizard-complete-heading') };

    for (const { walk, branch } of runs) {
      await t.test(`${walk.procedure}: ${branch.name}`, async () => {
        try {
          await completeProcedure(app, walk, branch, texts);
        } catch (error) {
          error.message += `\n${app.diagnostics()}`;
          // Back to the catalog so that the next procedure starts where it should.
          await activate(app, '#nav-services').catch(() => {});
          throw error;
        }
      });
    }
    await app.quit();
  });
}
