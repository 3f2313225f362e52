// The dog tax registration in the real app, keyboard only (Tab, Shift+Tab, Enter,
// Space, arrow keys and typing; the DOM is only read): from the first start to the
// "complete" page with two dogs, a validation error followed from the error summary,
// a "Change" round trip from check your answers, the native window title; and removing a
// dog (with its confirmation) and "Back" keeping what was typed.
//
// Expected texts come from the engine's fixtures (ui/src/api/fixtures/wizard/, made from
// the walk branch "two dogs, direct debit" with a fixed today) and from the Fluent files;
// the answers typed are the walk's (crates/procedure/tests/walks/), with its
// `{{today±Nd}}` dates taken relative to the real today.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { answer, fixture, message, repoRoot } from '../support/paths.mjs';
import { GiveUp, waitFor } from '../support/proc.mjs';
import { cli, keysTemplate, serverBinary, startServer } from '../municipal-api/server.mjs';
import { expectNotification, plain, startNotificationStandIn } from '../support/notifications.mjs';
import { holdPort } from './applications-driver.mjs';
import { Key, launch } from './harness.mjs';

const firstStartDe = fixture('first-start.de');
const municipalityDe = fixture('municipality.de');
const catalogDe = fixture('catalog.de');
const startPageDe = answer('start-page.dog-tax-registration.de');
const walkDe = answer('wizard/dog-tax-registration.de');
const BRANCH = 'two dogs, direct debit';
const DOGS = 'G99000001';

const t = (id) => message(catalogDe, id);
const appName = t('app-name');

// ---------------------------------------------------------------------------------------
// Fluent: single-line messages of the shipped files, placeables substituted.

function ftl(file, id, args = {}) {
  const text = readFileSync(path.join(repoRoot, 'locales', 'de', file), 'utf8');
  const line = text.split('\n').find((l) => l.startsWith(`${id} = `));
  if (!line) throw new Error(`locales/de/${file} has no single-line message "${id}"`);
  return line.slice(id.length + 3).replace(/\{ *\$(\w+) *\}/g, (_, name) => {
    if (!(name in args)) throw new Error(`"${id}" needs $${name}`);
    return String(args[name]);
  });
}

/** An ISO date as the engine shows it in German (procedure-date, procedure-month-N). */
function shownDate(iso) {
  const [year, month, day] = iso.split('-').map(Number);
  const monthName = ftl('procedures/_engine.ftl', `procedure-month-${month}`);
  return ftl('procedures/_engine.ftl', 'procedure-date', { day, monthName, year });
}

// ---------------------------------------------------------------------------------------
// Dates relative to a today, and the walk's answers.

const pad = (n) => String(n).padStart(2, '0');
const isoOf = (date) => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;

/** `{{today}}`, `{{today+14d}}`, `{{today-100d}}` from `today` (an ISO date). */
function expand(text, today) {
  return text.replace(/\{\{\s*today(?:([+-]\d+)d)?\s*\}\}/g, (_, days) => {
    const [y, m, d] = today.split('-').map(Number);
    return isoOf(new Date(y, m - 1, d + Number(days ?? 0)));
  });
}

/** The German way of typing a date, as the fields' hints show it ("15.03.2025"). */
const typedDate = (iso) => iso.split('-').reverse().join('.');

const walk = JSON.parse(
  readFileSync(path.join(repoRoot, 'crates/procedure/tests/walks/dog-tax-registration.json'), 'utf8'),
);
const branch = walk.branches.find((b) => b.name === BRANCH);
assert.ok(branch, `walk branch "${BRANCH}"`);
assert.equal(walkDe.branch, BRANCH, 'the German fixture is made from the same branch');

/** A page's answers flattened to `{fieldKey: template}`, keys as the view builds them. */
function flatten(answers, prefix = '', out = {}) {
  for (const [id, value] of Object.entries(answers ?? {})) {
    if ('text' in value) out[prefix + id] = value.text;
    else if ('group' in value) value.group.forEach((inst, i) => flatten(inst, `${prefix}${id}.${i}.`, out));
  }
  return out;
}
const walkAnswers = Object.fromEntries(branch.pages.map((p) => [p.page, flatten(p.answers)]));

const today = isoOf(new Date());
/** What to type into field `key` of page `page` (dates in German form, from today). */
function typed(page, key) {
  const value = expand(walkAnswers[page][key], today);
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? typedDate(value) : value;
}

/** Every field of view items, depth first. */
function* fieldsOf(items) {
  for (const item of items) {
    if (item.type === 'field') yield item;
    else for (const instance of item.instances) yield* fieldsOf(instance.items);
  }
}

const steps = Object.fromEntries(walkDe.steps.map((s) => [s.page, s]));

/** The heading the page shows: its heading, or its only question's label (with "(optional)"). */
function shownHeading(view) {
  if (!view.headingIsLabel) return view.heading;
  const [item] = view.items;
  return item.type === 'field' && item.optionalMarker ? `${item.label} ${item.optionalMarker}` : view.heading;
}

// ---------------------------------------------------------------------------------------
// The native window title, read from the X server (x11-utils; no window manager needed).

/** `_NET_WM_NAME` of every top-level window of process `pid`. */
function nativeTitles(pid) {
  const env = { ...process.env, LC_ALL: 'C.UTF-8' };
  let tree;
  try {
    tree = execFileSync('xwininfo', ['-root', '-children'], { encoding: 'utf8', env });
  } catch (error) {
    if (error.code === 'ENOENT') throw new GiveUp('xwininfo and xprop are missing: install x11-utils');
    throw error;
  }
  const titles = [];
  for (const [, id] of tree.matchAll(/^\s+(0x[0-9a-f]+)\s/gm)) {
    let props;
    try {
      const args = ['-id', id, '-notype', '_NET_WM_PID', '_NET_WM_NAME'];
      props = execFileSync('xprop', args, { encoding: 'utf8', env });
    } catch {
      continue; // the window went away meanwhile
    }
    if (props.match(/^_NET_WM_PID = (\d+)$/m)?.[1] !== String(pid)) continue;
    const name = props.match(/^_NET_WM_NAME = "(.*)"$/m)?.[1];
    if (name === undefined) continue;
    // xprop escapes `"` and `\`, and writes bytes it cannot print in octal.
    const bytes = [];
    for (let i = 0; i < name.length; i++) {
      if (name[i] === '\\' && /^[0-7]{3}$/.test(name.slice(i + 1, i + 4))) {
        bytes.push(parseInt(name.slice(i + 1, i + 4), 8));
        i += 3;
      } else {
        if (name[i] === '\\') i++;
        bytes.push(...Buffer.from(name[i], 'utf8'));
      }
    }
    titles.push(Buffer.from(bytes).toString('utf8').replace(/[\u2068\u2069]/g, ''));
  }
  return titles;
}

async function expectNativeTitle(app, title) {
  let seen = [];
  await waitFor(
    () => {
      seen = nativeTitles(app.appPid);
      return seen.includes(title);
    },
    {
      timeoutMs: 5_000,
      message: `a window of the app titled "${title}"`,
      diagnostics: () => `its windows are titled ${JSON.stringify(seen)}`,
    },
  );
}

// ---------------------------------------------------------------------------------------
// The keyboard, and what the page shows.

/** Types `text` key by key (one WebDriver action sequence). */
async function type(app, text) {
  const keys = app.browser.action('key');
  for (const ch of text) keys.down(ch).up(ch);
  await keys.perform();
}

/**
 * Runs `fn` in the page and returns its result without Unicode isolation marks: the app
 * isolates every placeable (U+2068 … U+2069), the fixtures are plain text.
 */
async function exec(app, fn, ...args) {
  const strip = (v) =>
    typeof v === 'string'
      ? v.replace(/[\u2068\u2069]/g, '')
      : Array.isArray(v)
        ? v.map(strip)
        : v && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, strip(x)]))
          : v;
  return strip(await app.browser.execute(fn, ...args));
}

/** Shift+Tab. */
async function shiftTab(app) {
  await app.browser.action('key').down(Key.Shift).down(Key.Tab).up(Key.Tab).up(Key.Shift).perform();
}

/** The focused element, with what these tests look at. */
function focused(app) {
  return exec(app, () => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id || null,
      name: el.getAttribute('name'),
      value: 'value' in el ? el.value : null,
      checked: 'checked' in el ? el.checked : null,
      href: el.getAttribute('href'),
      text: el.textContent.trim().replace(/\s+/g, ' '),
    };
  });
}

/** Presses Tab until `matches(focused element)`; returns that element. */
async function tabTo(app, matches, what, maxTabs = 40) {
  const seen = [];
  for (let i = 0; i < maxTabs; i++) {
    await app.press(Key.Tab);
    const el = await focused(app);
    seen.push(el && { tag: el.tag, id: el.id, name: el.name, text: el.text.slice(0, 40) });
    if (el && matches(el)) return el;
  }
  throw new Error(`${what} never got the focus after ${maxTabs} Tab presses; focus went ${JSON.stringify(seen)}`);
}

/** Waits for the wizard page `pageId` with its heading focused; returns what it shows. */
async function expectPage(app, pageId, heading, { focus = 'page-heading', timeout = 10_000 } = {}) {
  let last;
  await app.browser
    .waitUntil(
      async () => {
        last = await exec(app, () => ({
          wizard: document.querySelector('[data-wizard-screen]')?.dataset.wizardScreen ?? null,
          page: document.querySelector('.amtsweg-wizard-page')?.dataset.page ?? null,
          heading: document.getElementById('page-heading')?.textContent.trim().replace(/\s+/g, ' ') ?? null,
          focus: document.activeElement?.id || null,
          busy: document.querySelector('[aria-busy="true"]') !== null,
        }));
        return last.page === pageId && last.heading === heading && last.focus === focus && !last.busy;
      },
      { timeout, interval: 50, timeoutMsg: `page ${pageId} "${heading}" with focus on #${focus}` },
    )
    .catch((error) => {
      error.message += `; last seen ${JSON.stringify(last)}\n${app.diagnostics()}`;
      throw error;
    });
}

/** A question page as the fixture has it: heading focused, step, document title. */
async function expectQuestion(app, pageId) {
  const view = steps[pageId].empty;
  await expectPage(app, pageId, shownHeading(view));
  const shown = await exec(app, () => ({
    step: document.querySelector('#step .amtsweg-step__count')?.textContent.trim() ?? null,
    section: document.querySelector('#step .amtsweg-step__section')?.textContent.trim() ?? null,
  }));
  assert.deepEqual(shown, { step: view.step.text, section: view.sectionTitle }, `step line of ${pageId}`);
  await waitForTitle(app, `${view.heading} – ${appName}`);
  return view;
}

async function waitForTitle(app, title) {
  await app.browser.waitUntil(async () => (await exec(app, () => document.title)) === title, {
    timeout: 5_000,
    interval: 50,
    timeoutMsg: `document title "${title}"`,
  });
}

/** Values of inputs by id (select value, radio group's checked value). */
function values(app, keys) {
  return exec(app, (keys) => {
    const out = {};
    for (const key of keys) {
      const el = document.getElementById(key);
      if (el && el.type === 'radio') {
        out[key] = document.querySelector(`input[name="${CSS.escape(el.name)}"]:checked`)?.value ?? '';
      } else {
        out[key] = el ? el.value : null;
      }
    }
    return out;
  }, keys);
}

/** Empties the focused text input by keyboard. */
async function clearFocused(app) {
  const { value } = await focused(app);
  await app.press(Key.End, ...Array(value.length).fill(Key.Backspace));
  assert.equal((await focused(app)).value, '');
}

/** Answers field `field` (a view of the fixture) with `text`, by keyboard. */
async function fill(app, field, text) {
  const { key, kind } = field;
  if (kind === 'yesNo' || kind === 'radio') {
    const on = await tabTo(app, (el) => el.name === key, `the radios of ${key}`);
    if (on.value !== text) {
      for (let i = 0; i < field.options.length && (await focused(app)).value !== text; i++) {
        await app.press(Key.ArrowDown);
      }
    } else if (!on.checked) {
      await app.press(Key.Space);
    }
    const now = await focused(app);
    assert.deepEqual([now.value, now.checked], [text, true], `radio ${key} = ${text}`);
  } else if (kind === 'select') {
    await tabTo(app, (el) => el.id === key, `the select ${key}`);
    // Type-ahead on the closed select: the option label's first word.
    const label = field.options.find((o) => o.code === text).label;
    await type(app, label.split(' ')[0]);
    // Should type-ahead miss (keys too slow on a busy machine), arrow keys get there.
    const at = () => exec(app, () => document.activeElement.selectedIndex);
    const target = field.options.findIndex((o) => o.code === text) + 1; // after "Please select"
    for (let now = await at(), i = 0; now !== target && i < field.options.length; now = await at(), i++) {
      await app.press(now < target ? Key.ArrowDown : Key.ArrowUp);
    }
    assert.equal((await focused(app)).value, text, `select ${key} = ${text}`);
  } else {
    const el = await tabTo(app, (el) => el.id === key, `the field ${key}`);
    if (el.value) await clearFocused(app);
    await type(app, text);
    assert.equal((await focused(app)).value, text, `field ${key} holds what was typed`);
  }
}

/** Fills every field of `items` that the walk answers on `pageId`. */
async function fillPage(app, pageId, items) {
  for (const field of fieldsOf(items)) {
    if (field.key in walkAnswers[pageId]) await fill(app, field, typed(pageId, field.key));
  }
}

async function press(app, id, what) {
  await tabTo(app, (el) => el.id === id, what);
  await app.press(Key.Enter);
}
const pressContinue = (app) => press(app, 'continue', 'the Continue button');
const pressBack = (app) => press(app, 'back', 'the Back button');

/** The dog fields of instance `index` (keys as the view builds them). */
function dogFields(index) {
  const [first] = steps.dogs.filled.items;
  return first.instances[0].items.map((f) => ({ ...f, key: `${DOGS}.${index}.${f.fieldId}` }));
}

/** The dogs' instance headings and the "added so far" list, as shown. */
function shownDogs(app) {
  return exec(
    app,
    (dogs) => {
      const group = document.getElementById(dogs);
      const text = (el) => el.textContent.trim().replace(/\s+/g, ' ');
      return {
        headings: [...group.querySelectorAll('.amtsweg-instance h2')].map(text),
        added: [...group.querySelectorAll('.amtsweg-added__list li')].map(text),
      };
    },
    DOGS,
  );
}

/** What `shownDogs` should say for dogs with these labels and names. */
const dogsShown = (labels, names) => ({ headings: labels, added: labels.map((l, i) => `${l}: ${names[i]}`) });

/** Text of the app's one polite live region (the wizard says its pages and buttons there). */
const announced = (app) => exec(app, () => document.getElementById('page-announcer').textContent.trim());

/** "Add another": a new empty dog, its heading focused. */
async function addDog(app, index) {
  const group = steps.dogs.filled.items[0];
  await tabTo(app, (el) => el.tag === 'button' && el.text === group.addLabel, 'the Add another button');
  await app.press(Key.Enter);
  await app.browser.waitUntil(async () => (await focused(app))?.id === `${DOGS}.${index}-heading`, {
    timeout: 5_000,
    timeoutMsg: `focus did not move to the heading of dog ${index + 1}`,
  });
  assert.equal((await focused(app)).text, steps.dogs.added.items[0].instances[index].label);
  await app.browser.waitUntil(async () => (await announced(app)) === t('wizard-group-instance-added'), {
    timeout: 5_000,
    timeoutMsg: 'the new dog was not announced',
  });
}

// ---------------------------------------------------------------------------------------
// First start → municipality → catalog → start page → "Start now".

/** Kassel, found by its postcode; the journey that is sent takes the demo municipality. */
const KASSEL = { postcode: '34117', ars: '066110000000', name: 'Kassel' };
const DEMO = { postcode: '00000', ars: '066990999999', name: 'Musterstadt (Demo)' };

async function startDogTax(app, municipality = KASSEL) {
  await app.waitForScreen('firstStart', message(firstStartDe, 'first-start-heading'));
  await app.tabTo((el) => el.id === 'continue', { what: 'the Continue button' });
  await app.press(Key.Enter);

  await app.waitForScreen('municipality', message(municipalityDe, 'municipality-heading'));
  await app.tabTo((el) => el.id === 'municipality-search', { what: 'the municipality search field' });
  await type(app, municipality.postcode);
  await app.browser.waitUntil(
    () => exec(app, (ars) => document.querySelector('input[name=municipality]:checked')?.value === ars, municipality.ars),
    { timeout: 5_000, timeoutMsg: `${municipality.name} was not found for ${municipality.postcode}` },
  );
  await app.tabTo((el) => el.id === 'municipality-continue', { what: 'the Continue button' });
  await app.press(Key.Enter);

  await app.waitForScreen('catalog', message(catalogDe, 'catalog-heading'));
  await app.tabTo((el) => el.id === 'catalog-search', { what: 'the catalog search field' });
  await type(app, 'Hund');
  await tabTo(app, (el) => el.id === 'open-dog-tax-registration', 'the dog tax registration link');
  await app.press(Key.Enter);

  await app.waitForScreen('startPage', startPageDe.title);
  await app.browser.waitUntil(async () => (await focused(app))?.id === 'page-heading', {
    timeout: 5_000,
    timeoutMsg: 'focus did not move to the start page heading',
  });
  await press(app, 'start-now', 'the Start now button');
  assert.equal(walkDe.first.view.pageId, 'name');
  await expectQuestion(app, 'name');
}

// ---------------------------------------------------------------------------------------
// Errors: summary focused, "Error:" in both titles, inline messages, input kept.

async function expectErrors(app, pageId, errors, kept) {
  const view = steps[pageId].empty;
  await expectPage(app, pageId, shownHeading(view), { focus: 'error-summary' });
  const shown = await exec(
    app,
    (keys) => ({
      heading: document.getElementById('error-summary-heading')?.textContent.trim(),
      links: [...document.querySelectorAll('#error-summary a')].map((a) => ({
        href: a.getAttribute('href'),
        text: a.textContent.trim(),
      })),
      inline: keys.map((key) => ({
        text: document.getElementById(`${key}-error`)?.textContent.trim().replace(/\s+/g, ' ') ?? null,
        invalid: document.getElementById(key)?.getAttribute('aria-invalid') ?? null,
        describedBy: (document.getElementById(key)?.getAttribute('aria-describedby') ?? '').split(' '),
      })),
    }),
    errors.map((e) => e.key),
  );
  assert.equal(shown.heading, t('wizard-error-summary-heading'));
  assert.deepEqual(
    shown.links,
    errors.map((e) => ({ href: `#${e.key}`, text: e.message })),
  );
  errors.forEach((e, i) => {
    assert.equal(shown.inline[i].text, `${t('wizard-error-prefix')} ${e.message}`, `inline message at ${e.key}`);
    assert.equal(shown.inline[i].invalid, 'true', `${e.key} is marked invalid`);
    assert.ok(shown.inline[i].describedBy.includes(`${e.key}-error`), `${e.key} is described by its message`);
  });
  assert.deepEqual(await values(app, Object.keys(kept)), kept, 'what was typed is still there');
  const title = `${t('wizard-error-prefix')} ${view.heading} – ${appName}`;
  await waitForTitle(app, title);
  await expectNativeTitle(app, title);
}

/** From the focused error summary, follows its link to `key` by keyboard. */
async function followErrorLink(app, key) {
  await tabTo(app, (el) => el.tag === 'a' && el.href === `#${key}`, `the error summary's link to ${key}`, 5);
  await app.press(Key.Enter);
  await app.browser.waitUntil(async () => (await focused(app))?.id === key, {
    timeout: 5_000,
    timeoutMsg: `the error summary's link did not move focus to ${key}`,
  });
}

// ---------------------------------------------------------------------------------------

/** The outbox's backoff cap in this run (AMTSWEG_E2E_OUTBOX_BACKOFF_MAX_MS). */
const BACKOFF_CAP_MS = 1_500;

test('dog tax registration with two dogs, keyboard only: error summary, Change, Submit, sent, accepted', async (tt) => {
  // The date formatter gives the fixture's texts for the fixture's today.
  const fixtureStart = expand(walkAnswers['start-date'].F99000004, walkDe.today);
  const startRow = walkDe.checkAnswers.sections[1].items.find((i) => i.key === 'F99000004');
  assert.deepEqual(startRow.value, [shownDate(fixtureStart)]);

  // The municipality's server: its keys now, the server itself only after "Submit".
  serverBinary();
  const keys = await keysTemplate();
  tt.after(() => keys.remove());
  // The port is held until the server starts, so that no other test helper's free port
  // (the WebDriver's) can be it; every connection meanwhile is closed at once, as a
  // municipality whose server is down would.
  const closedDoor = await holdPort();
  const port = closedDoor.port;
  tt.after(() => closedDoor.close());
  const app = await launch({
    lang: 'de_DE.UTF-8',
    extraEnv: {
      AMTSWEG_E2E_MUNICIPAL_API: `http://127.0.0.1:${port}`,
      AMTSWEG_E2E_OUTBOX_BACKOFF_MAX_MS: String(BACKOFF_CAP_MS),
    },
  });
  tt.after(() => app.close());
  // The desktop's notification service on the app's session bus, as a stand-in.
  const notifications = await startNotificationStandIn({ busAddress: app.bus.address });
  tt.after(() => notifications.stop());
  await startDogTax(app, DEMO);
  await expectNativeTitle(app, `${steps.name.empty.heading} – ${appName}`);

  // Name: only the first name, "Continue": the family name is missing.
  const [given, family] = [...fieldsOf(steps.name.empty.items)];
  await fill(app, given, typed('name', given.key));
  await pressContinue(app);
  await expectErrors(
    app,
    'name',
    steps.name.invalid.errors.filter((e) => e.key === family.key),
    { [given.key]: typed('name', given.key), [family.key]: '' },
  );
  await followErrorLink(app, family.key);
  await type(app, typed('name', family.key));
  await pressContinue(app);

  // The pages up to the dogs, as the walk answers them.
  for (const pageId of ['date-of-birth', 'address', 'contact', 'start-date']) {
    const view = await expectQuestion(app, pageId);
    await fillPage(app, pageId, view.items);
    await pressContinue(app);
  }

  // Two dogs: the first, "Add another", the second.
  const dogsView = await expectQuestion(app, 'dogs');
  assert.equal(dogsView.items[0].instances.length, 1);
  for (const field of dogFields(0)) await fill(app, field, typed('dogs', field.key));
  await addDog(app, 1);
  for (const field of dogFields(1)) await fill(app, field, typed('dogs', field.key));
  const dogNames = [0, 1].map((i) => typed('dogs', `${DOGS}.${i}.F99000005`));
  const dogLabels = steps.dogs.filled.items[0].instances.map((i) => i.label);
  assert.deepEqual(await shownDogs(app), dogsShown(dogLabels, dogNames));
  await pressContinue(app);

  // No dangerous dog, so no insurance page: the fee for two dogs.
  await expectQuestion(app, 'fee');
  const fee = steps.fee.filled.items.find((i) => i.kind === 'calculated');
  const shownFee = await exec(
    app,
    (key) => document.querySelector(`[id="${key}"] .amtsweg-display`)?.textContent.trim(),
    fee.key,
  );
  assert.equal(shownFee, fee.display);
  await pressContinue(app);

  // Payment: direct debit with an IBAN whose check digits are wrong.
  const paymentView = await expectQuestion(app, 'payment');
  // Only the question; "Yes" reveals the account holder and the IBAN (the page is shown
  // again), as the filled page of the fixture has them.
  const [debit] = [...fieldsOf(paymentView.items)];
  assert.deepEqual([...fieldsOf(paymentView.items)].map((f) => f.key), [debit.key]);
  const [, holder, iban] = [...fieldsOf(steps.payment.filled.items)];
  const goodIban = typed('payment', iban.key);
  const badIban = goodIban.slice(0, -1) + (goodIban.endsWith('1') ? '2' : '1');
  await fill(app, debit, typed('payment', debit.key));
  await app.browser.waitUntil(() => exec(app, (k) => document.getElementById(k) !== null, holder.key), {
    timeout: 10_000,
    timeoutMsg: 'direct debit reveals the account holder',
  });
  await fill(app, holder, typed('payment', holder.key));
  await fill(app, iban, badIban);
  await pressContinue(app);
  await expectErrors(
    app,
    'payment',
    [{ key: iban.key, message: ftl('procedures/_validation.ftl', 'validation-iban-checksum') }],
    { [debit.key]: 'yes', [holder.key]: typed('payment', holder.key), [iban.key]: badIban },
  );
  await followErrorLink(app, iban.key);
  await clearFocused(app);
  await type(app, goodIban);
  await pressContinue(app);

  // Check your answers: every answer of the fixture, dates from the real today.
  const checkHeading = t('wizard-check-answers-heading');
  await expectPage(app, 'check-answers', checkHeading);
  await waitForTitle(app, `${checkHeading} – ${appName}`);
  await expectNativeTitle(app, `${checkHeading} – ${appName}`);
  const rowsOf = (items, out = []) => {
    for (const item of items) {
      if (item.type === 'row') out.push({ key: item.key, label: item.label, value: item.value });
      else for (const instance of item.instances) rowsOf(instance.items, out);
    }
    return out;
  };
  const expectedRows = walkDe.checkAnswers.sections.flatMap((s) => rowsOf(s.items)).map((row) => {
    const [pageId] = Object.entries(walkAnswers).find(([, answers]) => row.key in answers) ?? [];
    const template = pageId ? walkAnswers[pageId][row.key] : '';
    return template.includes('{{') ? { ...row, value: [shownDate(expand(template, today))] } : row;
  });
  // Every answer, in order: the rows, and inside each dog's one row its answers (the
  // address is one row of its own lines, as the engine sends it).
  const shownRows = () =>
    exec(app, () =>
      [...document.querySelectorAll('.amtsweg-summary-row:not(.amtsweg-summary-row--instance), .amtsweg-summary-answer')].map(
        (row) => ({
          key: row.dataset.key,
          label: row.querySelector(':scope > dt').textContent.trim(),
          value: [...row.querySelectorAll('.amtsweg-summary-line')].map((l) => l.textContent.trim()),
        }),
      ),
    );
  assert.deepEqual(await shownRows(), expectedRows);
  // One "Change" per row, one for the address and one per dog: 12 where there were 23
  // (two names, birth date, address, email, phone, start date, two dogs, three payment
  // answers; the calculated tax has none, and without a dangerous dog there is no
  // insurance question).
  const changeLinks = await exec(app, () =>
    [...document.querySelectorAll('.amtsweg-check a[id^="change-"]')].map((a) => a.id),
  );
  assert.equal(changeLinks.length, 12, JSON.stringify(changeLinks));
  assert.deepEqual(
    changeLinks.filter((id) => id.startsWith(`change-${DOGS}`)),
    [`change-${DOGS}.0`, `change-${DOGS}.1`],
  );
  const height = await exec(app, () => ({
    document: document.documentElement.scrollHeight,
    page: Math.round(document.querySelector('.amtsweg-check').getBoundingClientRect().height),
    viewport: `${window.innerWidth}×${window.innerHeight}`,
  }));
  console.log(
    `# check your answers: ${changeLinks.length} Change links, document ${height.document} px, page ${height.page} px high (viewport ${height.viewport})`,
  );
  // The first Tab stop after the heading skips the answers to "Submit".
  const skip = await tabTo(app, (el) => el.id === 'skip-to-submit', 'the link to Submit', 1);
  assert.equal(skip.text, t('wizard-check-answers-skip'));

  // "Change" the second dog, by keyboard: its name has the focus on the dogs page, and
  // "Continue" comes back to the dog's row, its "Change" focused and in view.
  const nameKey = `${DOGS}.1.F99000005`;
  const dogRow = `${DOGS}.1`;
  const isChange = (el) => el.tag === 'a' && el.id === `change-${dogRow}`;
  const link = await tabTo(app, isChange, 'the Change link of the second dog', 40);
  const dogLabel = walkDe.checkAnswers.sections
    .flatMap((s) => s.items)
    .find((item) => item.key === DOGS).instances[1].label;
  assert.equal(link.text, `${t('wizard-change')} ${dogLabel}`);
  await app.press(Key.Enter);
  await expectPage(app, 'dogs', shownHeading(steps.dogs.empty), { focus: nameKey });
  const newName = `${dogNames[1]}-Marie`;
  assert.equal((await focused(app)).value, dogNames[1]);
  await clearFocused(app);
  await type(app, newName);
  await pressContinue(app);
  await expectPage(app, 'check-answers', checkHeading, { focus: `change-${dogRow}` });
  const inView = await exec(app, (id) => {
    const box = document.getElementById(id).getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight;
  }, `change-${dogRow}`);
  assert.ok(inView, "the dog's Change link is scrolled into view");
  assert.deepEqual(
    await shownRows(),
    expectedRows.map((r) => (r.key === nameKey ? { ...r, value: [newName] } : r)),
  );

  // Submit with the municipality's server down: the confirmation says plainly that it
  // will be sent as soon as Amtsweg is online and open; no case number yet. From the
  // dog's row: insurance, three payment answers, "Download PDF", "Print", "Submit".
  const submit = await tabTo(app, (el) => el.id === 'submit', 'the Submit button', 7);
  assert.equal(submit.text, walkDe.checkAnswers.submitLabel);
  await app.press(Key.Enter);
  const waitingHeading = t('confirmation-waiting-heading');
  await expectPage(app, 'complete', waitingHeading);
  await waitForTitle(app, `${waitingHeading} – ${appName}`);
  const shown = (id) => exec(app, (id) => document.getElementById(id)?.textContent.trim().replace(/\s+/g, ' ') ?? null, id);
  await app.browser.waitUntil(async () => (await shown('confirmation-case')) !== null, { timeout: 10_000 });
  assert.equal(await shown('confirmation-waiting'), t('confirmation-waiting-text'));
  assert.equal(await shown('confirmation-case'), t('application-case-number-pending'));
  assert.equal(await shown('confirmation-received'), t('application-received-pending'));

  // The server starts: the case number and "sent" appear without a touch, by the next
  // retry (the cap; the wait below only ends a run that would hang).
  await closedDoor.close();
  const server = await startServer(keys, [], { port });
  tt.after(() => server.stop());
  const serverUp = Date.now();
  await app.browser.waitUntil(async () => (await shown('confirmation-case-number')) !== null, {
    timeout: 4 * BACKOFF_CAP_MS + 20_000,
    interval: 100,
    timeoutMsg: `no case number after the server started\n${app.log.tail()}\n${server.stderr()}\n${server.stdout().slice(-4000)}`,
  });
  const sentAfterMs = Date.now() - serverUp;
  const caseId = await shown('confirmation-case-number');
  assert.equal(await shown('page-heading'), t('confirmation-sent-heading'));
  const atServer = (await cli(['list', '--data', server.dataDir])).trim().split('\n').map((l) => JSON.parse(l));
  const submitted = atServer.filter((s) => s.status === 'submitted');
  assert.equal(submitted.length, 1, JSON.stringify(atServer));
  assert.equal(submitted[0].caseId, caseId);
  assert.notEqual(await shown('confirmation-received'), t('application-received-pending'));
  console.log(`# sent ${sentAfterMs} ms after the server started (backoff cap ${BACKOFF_CAP_MS} ms)`);
  // The OS was told, with the case number and nothing of the answers.
  const sentNote = await expectNotification(notifications, { summaryIncludes: ftl('notifications.ftl', 'notification-sent-title') });
  assert.equal(
    plain(sentNote.body),
    ftl('notifications.ftl', 'notification-sent-body', {
      procedure: startPageDe.title,
      municipality: DEMO.name,
      case: caseId,
    }),
  );
  for (const key of Object.keys(walkAnswers.name)) {
    const answer = typed('name', key);
    assert.ok(answer.length > 2 && !sentNote.body.includes(answer), `${answer} in ${sentNote.body}`);
  }
  if (process.env.AMTSWEG_SCREENSHOT_DIR) {
    await exec(app, () => window.scrollTo(0, 0));
    await app.browser.saveScreenshot(path.join(process.env.AMTSWEG_SCREENSHOT_DIR, 'complete.de.png'));
  }

  // My applications, by keyboard: sent, with its case number.
  const toApplications = await tabTo(app, (el) => el.id === 'to-applications', 'Go to My applications', 40);
  assert.equal(toApplications.text, t('confirmation-to-applications'));
  await app.press(Key.Enter);
  await app.waitForScreen('applications', t('applications-heading'));
  const item = (suffix) => exec(app, (suffix) => {
    const li = document.querySelector('[data-application]');
    return li ? document.getElementById(`application-${li.dataset.application}-${suffix}`)?.textContent.trim() ?? null : null;
  }, suffix);
  await app.browser.waitUntil(async () => (await item('status')) === ftl('applications.ftl', 'application-status-submitted'), {
    timeout: 10_000,
    timeoutMsg: `status "sent" in My applications: ${await item('status')}`,
  });
  assert.equal(await item('case'), caseId);

  // The clerk accepts (the server's command): "accepted" appears and is said, untouched.
  await cli(['decide', '--data', server.dataDir, '--case', caseId, 'accept']);
  const accepted = ftl('applications.ftl', 'application-status-accepted');
  await app.browser.waitUntil(async () => (await item('status')) === accepted, {
    timeout: 4 * BACKOFF_CAP_MS + 20_000,
    interval: 100,
    timeoutMsg: `status "accepted" in My applications: ${await item('status')}\n${app.log.tail()}`,
  });
  await app.browser.waitUntil(async () => ((await shown('applications-status')) ?? '').includes(accepted), {
    timeout: 5_000,
    timeoutMsg: 'the polite status says the change',
  });
  const acceptedNote = await expectNotification(notifications, {
    summaryIncludes: ftl('notifications.ftl', 'notification-accepted-title'),
  });
  assert.ok(plain(acceptedNote.body).includes(caseId), acceptedNote.body);
  // Each change once: sent, then accepted; no notification for the failed tries.
  const titles = (await notifications.received()).map((n) => plain(n.summary));
  assert.deepEqual(titles, [
    ftl('notifications.ftl', 'notification-sent-title'),
    ftl('notifications.ftl', 'notification-accepted-title'),
  ]);
  // `make screenshots` keeps this screen for the README.
  if (process.env.AMTSWEG_SCREENSHOT_DIR) {
    await exec(app, () => window.scrollTo(0, 0));
    await app.browser.saveScreenshot(path.join(process.env.AMTSWEG_SCREENSHOT_DIR, 'applications.de.png'));
  }
  await app.quit();
});


test('dog tax registration, keyboard only: Back keeps what was typed; a dog removed after confirming', async (tt) => {
  const app = await launch({ lang: 'de_DE.UTF-8' });
  tt.after(() => app.close());
  await startDogTax(app);

  // Back from a page whose answers were never continued: both pages keep them.
  await fillPage(app, 'name', steps.name.empty.items);
  await pressContinue(app);
  await expectQuestion(app, 'date-of-birth');
  await fillPage(app, 'date-of-birth', steps['date-of-birth'].empty.items);
  const birthKeys = Object.keys(walkAnswers['date-of-birth']);
  const birth = Object.fromEntries(birthKeys.map((k) => [k, typed('date-of-birth', k)]));
  await pressBack(app);
  await expectQuestion(app, 'name');
  const nameKeys = Object.keys(walkAnswers.name);
  assert.deepEqual(await values(app, nameKeys), Object.fromEntries(nameKeys.map((k) => [k, typed('name', k)])));
  await pressContinue(app);
  await expectQuestion(app, 'date-of-birth');
  assert.deepEqual(await values(app, birthKeys), birth);
  await pressContinue(app);
  for (const pageId of ['address', 'contact', 'start-date']) {
    const view = await expectQuestion(app, pageId);
    await fillPage(app, pageId, view.items);
    await pressContinue(app);
  }

  // Two dogs, then the first removed: "Remove", the question focused, "No, keep" first.
  await expectQuestion(app, 'dogs');
  for (const field of dogFields(0)) await fill(app, field, typed('dogs', field.key));
  await addDog(app, 1);
  for (const field of dogFields(1)) await fill(app, field, typed('dogs', field.key));
  const labels = steps.dogs.filled.items[0].instances.map((i) => i.label);
  const removeLabel = steps.dogs.filled.items[0].instances[0].removeLabel;
  // The button names its dog (the issue's own words for the first one).
  assert.equal(removeLabel, '1. Hund entfernen');
  const askRemove = async () => {
    // Back up from the second dog's fields to the first dog's "Remove" button.
    for (let i = 0; i < 30 && (await focused(app))?.id !== `${DOGS}.0-remove`; i++) {
      await shiftTab(app);
    }
    const button = await focused(app);
    assert.equal(button?.id, `${DOGS}.0-remove`, "Shift+Tab reaches the first dog's Remove button");
    assert.equal(button.text, removeLabel);
    await app.press(Key.Enter);
    await app.browser.waitUntil(async () => (await focused(app))?.id === `${DOGS}.0-confirm`, {
      timeout: 5_000,
      timeoutMsg: 'focus did not move to the remove question',
    });
    assert.equal((await focused(app)).text, `${labels[0]}: ${t('wizard-remove-question')}`);
  };
  await askRemove();
  await tabTo(app, (el) => el.tag === 'button' && el.text === t('wizard-remove-cancel'), 'the keep button', 3);
  await app.press(Key.Enter);
  await app.browser.waitUntil(async () => (await focused(app))?.id === `${DOGS}.0-remove`, {
    timeout: 5_000,
    timeoutMsg: 'focus did not return to the Remove button after "No, keep"',
  });
  const names = [0, 1].map((i) => typed('dogs', `${DOGS}.${i}.F99000005`));
  assert.deepEqual(await shownDogs(app), dogsShown(labels, names));

  await askRemove();
  // The confirmation names the dog again.
  await tabTo(app, (el) => el.tag === 'button' && el.text === removeLabel, 'the confirm button', 3);
  await app.press(Key.Enter);
  await app.browser.waitUntil(async () => (await focused(app))?.id === DOGS, {
    timeout: 5_000,
    timeoutMsg: 'focus did not move to the dogs group after removing a dog',
  });
  await app.browser.waitUntil(async () => (await announced(app)) === t('wizard-group-instance-removed'), {
    timeout: 5_000,
    timeoutMsg: 'the removal was not announced',
  });
  // The second dog is now the first, with everything typed for it.
  const second = Object.fromEntries(
    dogFields(1).map((f) => [f.key.replace(`${DOGS}.1.`, `${DOGS}.0.`), typed('dogs', f.key)]),
  );
  assert.deepEqual(await shownDogs(app), dogsShown([labels[0]], [names[1]]));
  assert.deepEqual(await values(app, Object.keys(second)), second);
  const removedCanRemove = steps.dogs.removed.items[0].instances.map((i) => i.canRemove);
  assert.deepEqual(
    await exec(app, (dogs) => document.getElementById(`${dogs}.0-remove`) !== null, DOGS),
    removedCanRemove[0],
  );

  // Forward and back again: the dog is still there.
  await pressContinue(app);
  await expectQuestion(app, 'fee');
  await pressBack(app);
  await expectQuestion(app, 'dogs');
  assert.deepEqual(await values(app, Object.keys(second)), second);
  await app.quit();
});
