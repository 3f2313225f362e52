// Drives the real app's wizard by keyboard through the engine's walk files
// (crates/procedure/tests/walks/): used by the data-driven end-to-end test of every
// procedure and by the README's screenshots.
//
// WebKitWebDriver refuses pointer clicks in the app's window ("element not
// interactable"), and the citizen's way through is the keyboard anyway: focus moves
// with Tab and Shift+Tab only, buttons and links take Enter, checkboxes Space, radio
// groups and selects the arrow keys.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../support/paths.mjs';
import { Key } from './harness.mjs';

const walksDir = path.join(repoRoot, 'crates', 'procedure', 'tests', 'walks');
const procedureFile = (id) => path.join(repoRoot, 'procedures', `${id}.json`);
/** "Musterstadt (Demo)", which offers every bundled procedure. */
export const DEMO_ARS = '066990999999';
/** The file the test-only picker hands over for every file field (all accept PDF). */
export const PICKED_FILE = 'nachweis.pdf';

export const walks = readdirSync(walksDir)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => JSON.parse(readFileSync(path.join(walksDir, name), 'utf8')));

// --- dates: `{{today}}`, `{{today+Nd}}`, `{{today-Nd}}` as in walks.rs (UTC) ---

export function expandDates(text, today) {
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

// --- driving the real UI ---

/** A CSS selector for an element id that holds dots (group keys like `G1.0.F2`). */
const byId = (id) => `[id="${id}"]`;

/** Where the wizard is: `{screen, page, errors}` (errors: the error summary's links). */
export function wizardState(app) {
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

export async function waitForState(app, wanted, what) {
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

/** What has the focus, in a few words for failure messages. */
function describeFocus(active) {
  return active ? `${active.tag}${active.id ? `#${active.id}` : ''}${active.name ? `[name=${active.name}]` : ''}` : 'nothing';
}

/**
 * Moves the keyboard focus with Tab (forwards) or Shift+Tab (backwards, when the
 * element comes before the focused one) until an element matching `selector` has it,
 * one key press at a time, as a citizen would: a control out of the tab order is never
 * reached and fails the walk. WebKitWebDriver refuses pointer clicks in this window.
 */
export async function tabTo(app, selector, { maxPresses = 60 } = {}) {
  await app.browser
    .waitUntil(() => app.browser.execute((sel) => document.querySelector(sel) !== null, selector), {
      timeout: 10_000,
      interval: 50,
    })
    .catch(() => assert.fail(`no ${selector} on the page`));
  const path = [];
  for (let presses = 0; ; presses++) {
    const where = await app.browser.execute((sel) => {
      const active = document.activeElement;
      if (active && active !== document.body && active.matches(sel)) return { at: true };
      // Forwards when the nearest match comes after the focus in document order.
      const matches = [...document.querySelectorAll(sel)];
      const forward =
        !active ||
        active === document.body ||
        matches.some((m) => (active.compareDocumentPosition(m) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0);
      return {
        at: false,
        forward,
        active: active && { tag: active.tagName.toLowerCase(), id: active.id, name: active.getAttribute('name') },
      };
    }, selector);
    if (where.at) return;
    path.push(describeFocus(where.active));
    if (presses === maxPresses) break;
    await app.browser.keys(where.forward ? [Key.Tab] : [Key.Shift, Key.Tab]);
    // Shift+Tab is two keystrokes, as the keystroke-level model counts them.
    app.klm?.key(where.forward ? 1 : 2, selector);
  }
  assert.fail(`${selector} never got the focus by Tab and Shift+Tab; focus went ${path.join(' → ')}`);
}

/** Tabs to a button or link and presses Enter. */
export async function activate(app, selector) {
  await tabTo(app, selector);
  await app.press(Key.Enter);
  app.klm?.key(1, selector);
}

/**
 * Chooses option `code` of the choice field `key`: a checkbox is a tab stop of its own
 * and takes Space; a radio group is one tab stop, inside which the arrow keys move (and
 * choose), as in every browser.
 */
async function choose(app, key, code) {
  const selector = `input[name="${key}"][value="${code}"]`;
  const checked = () => app.browser.execute((sel) => document.querySelector(sel).checked, selector);
  const type = await app.browser.execute((sel) => document.querySelector(sel)?.type ?? null, selector);
  assert.ok(type, `no option ${code} of ${key}`);
  if (type === 'checkbox') {
    await tabTo(app, selector);
    if (!(await checked())) {
      await app.press(Key.Space);
      app.klm?.key(1, selector);
    }
  } else {
    await tabTo(app, `input[name="${key}"]`);
    const steps = await app.browser.execute(
      (name, sel) => {
        const radios = [...document.querySelectorAll(`input[name="${name}"]`)];
        return radios.indexOf(document.querySelector(sel)) - radios.indexOf(document.activeElement);
      },
      key,
      selector,
    );
    for (let i = 0; i < Math.abs(steps); i++) {
      await app.press(steps > 0 ? Key.ArrowDown : Key.ArrowUp);
      app.klm?.key(1, key);
    }
    // Tab into a group with nothing chosen focuses its first radio without choosing it.
    if (!(await checked())) {
      await app.press(Key.Space);
      app.klm?.key(1, key);
    }
  }
  assert.equal(await checked(), true, `option ${code} of ${key} is chosen`);
}

/** Chooses option `code` of a select with the arrow keys, as the keyboard does. */
async function select(app, key, code) {
  await tabTo(app, byId(key));
  const value = () => app.browser.execute((k) => document.getElementById(k).value, key);
  const count = await app.browser.execute((k) => document.getElementById(k).options.length, key);
  for (let i = 0; i < count && (await value()) !== code; i++) {
    await app.press(Key.ArrowDown);
    app.klm?.key(1, key);
  }
  assert.equal(await value(), code, `${key} is set to ${code}`);
}

/**
 * Types `text` into the empty field `key`; in a text area, a line break is Enter. A field
 * that already holds exactly `text` (filled in from My details) is left as it is: no key
 * is pressed for it. Returns whether anything was typed.
 */
async function type(app, key, text) {
  const held = await app.browser.execute((k) => document.getElementById(k)?.value ?? null, key);
  if (held === text) return false;
  await tabTo(app, byId(key));
  // One key action with a press and a release per character (`browser.keys` presses
  // all first and releases after, so a character repeated in the text arrives once).
  const action = app.browser.action('key');
  for (const c of text) {
    const key = c === '\n' ? Key.Enter : c;
    action.down(key).up(key);
  }
  await action.perform();
  app.klm?.characters([...text].length);
  const now = await app.browser.execute((k) => document.getElementById(k).value, key);
  assert.equal(now, text, `${key} holds what was typed`);
  return true;
}

/**
 * Types or picks one answer into the field with key `key`. Adds `{key, text}` to
 * `typed` for what check your answers must show exactly as typed. Returns whether the
 * answer was given (`true`) or was there already, filled in from My details (`false`).
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
  // One decision per answer chosen (a file's is counted with its dialog, a typed one
  // below: an answer filled in from My details is checked, not typed).
  const typedAnswer = 'text' in answer && !['yesNo', 'radio', 'select'].includes(kind);
  if (!('file' in answer) && !typedAnswer) app.klm?.answer();
  if ('choices' in answer) {
    for (const code of answer.choices) await choose(app, key, code);
  } else if ('file' in answer) {
    await activate(app, byId(key));
    app.klm?.fileDialog();
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
    const given = await type(app, key, answer.text);
    if (given) app.klm?.answer();
    else app.klm?.prefilled();
    // Check your answers shows these as typed (phone numbers and others it normalizes).
    if (['text', 'longText', 'postcode'].includes(kind)) typed.push({ key, text: answer.text });
    return given;
  }
  return true;
}

/** Answers of one page or group instance, keys prefixed by the instance's key. */
export async function answerItems(app, prefix, answers, typed, done = { given: 0, prefilled: [] }) {
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
        await answerItems(app, instanceKey, instance, typed, done);
      }
    } else if (await answerField(app, key, answer, typed)) {
      done.given += 1;
    } else {
      done.prefilled.push(key);
    }
  }
  return done;
}

/**
 * Records the screen now shown for the keystroke-level model (`app.klm`, see
 * tests/support/klm.mjs): its kind, its wizard page and the words of its main region.
 */
export async function recordScreen(app) {
  if (!app.klm?.current) return;
  const shown = await app.browser.execute(() => {
    const main = document.getElementById('main');
    return {
      screen: document.querySelector('.amtsweg-wizard')?.dataset.wizardScreen ?? main?.dataset.screen ?? null,
      page: document.querySelector('.amtsweg-wizard-page')?.dataset.page ?? null,
      text: main?.innerText ?? '',
    };
  });
  app.klm.screen(shown.screen, shown.page, shown.text);
}

/** The first page of each section, for the task list's links. */
function sectionsByFirstPage(procedureId) {
  const definition = JSON.parse(readFileSync(procedureFile(procedureId), 'utf8'));
  return new Map(definition.sections.map((section) => [section.pages[0].id, section.id]));
}

/** From the catalog, opens the procedure's start page and presses "Start now". */
export async function startProcedure(app, procedureId) {
  await waitForState(app, (s) => s.main === 'catalog' && !s.busy, 'the catalog');
  await activate(app, `#open-${procedureId}`);
  await app.browser.waitUntil(
    () => app.browser.execute(() => document.getElementById('main')?.dataset.screen === 'startPage'),
    { timeout: 10_000, timeoutMsg: `the start page of ${procedureId} did not open` },
  );
  await recordScreen(app);
  if (app.klm?.current) {
    // What the start page says the procedure takes ("About 10 minutes. …").
    app.klm.current.stated = await app.browser.execute(
      () => document.querySelector('[aria-labelledby="start-duration"] p')?.textContent.trim() ?? null,
    );
  }
  await activate(app, '#start-now');
}

/**
 * Answers the branch's pages one after another and presses "Continue" on each, opening
 * sections from the task list on the way; stops before page `until` if given. Returns
 * `{key, text}` of what was typed that check your answers shows as typed.
 */
export async function answerSteps(app, walk, branch, { until } = {}) {
  const today = Date.now();
  const sections = sectionsByFirstPage(walk.procedure);
  const typed = [];
  for (const [i, step] of branch.pages.entries()) {
    const at = `step ${i + 1} (page ${step.page})`;
    let state = await waitForState(app, (s) => s.screen === 'question' || s.screen === 'taskList', at);
    if (step.page === until) return typed;
    if (state.screen === 'taskList') {
      await recordScreen(app);
      const section = sections.get(step.page);
      assert.ok(section, `${at}: no section starts at that page`);
      await activate(app, `#task-${section}`);
      state = await waitForState(app, (s) => s.page === step.page, `${at} from the task list`);
    }
    assert.equal(state.page, step.page, `${at}: the page shown`);
    const done = await answerItems(app, '', expand(step.answers ?? {}, today), typed);
    // Its words once answered, with the questions the answers revealed.
    await recordScreen(app);
    // A page whose every answer was filled in from My details: Tab to its first answer
    // (checked there), then Enter as after typing.
    if (done.given === 0 && done.prefilled.length > 0) await tabTo(app, byId(done.prefilled[0]));
    await goOn(app);
    state = await waitForState(
      app,
      (s) => s.page !== step.page || s.errors.length > 0,
      `${at}: Continue to move on`,
    );
    assert.deepEqual(state.errors, [], `${at}: the answers were refused`);
  }
  return typed;
}

/**
 * "Continue": as a keyboard user does after typing the page's last answer, Enter in that
 * text field (the form's implicit submission, by its first submit button, Continue);
 * otherwise Tab to Continue and Enter.
 */
async function goOn(app) {
  const inTextField = await app.browser.execute(() => {
    const active = document.activeElement;
    return (
      active instanceof HTMLInputElement &&
      ['text', 'email', 'tel', 'number', 'date', 'search', 'url'].includes(active.type) &&
      active.form?.querySelector('button[type="submit"]')?.id === 'continue'
    );
  });
  if (!inTextField) return activate(app, '#continue');
  await app.press(Key.Enter);
  app.klm?.key(1, '#continue');
}

/** After the last page: to check your answers (through the task list if there is one). */
export async function toCheckAnswers(app) {
  const state = await waitForState(app, (s) => s.screen === 'checkAnswers' || s.screen === 'taskList', 'the end');
  if (state.screen === 'taskList') {
    await recordScreen(app);
    await activate(app, '#check-answers');
    await waitForState(app, (s) => s.screen === 'checkAnswers', 'check your answers');
  }
  await recordScreen(app);
}
