// My details in the real app, by keyboard: the dog tax registration walked and
// submitted, "Yes, keep them" on the confirmation page, then the dog tax started again:
// the name, birth date and address pages open filled in and say so, "Continue" goes
// through each of them to check your answers without a key typed into those fields; and
// My details, reached from My data, lists what is kept.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { fixture, message } from '../support/paths.mjs';
import { freshDirs } from '../support/tmp.mjs';
import { launch } from './harness.mjs';
import {
  activate,
  answerSteps,
  DEMO_ARS,
  startProcedure,
  toCheckAnswers,
  waitForState,
  walks,
  wizardState,
} from './wizard-driver.mjs';

const catalog = fixture('catalog.en');
const t = (id) => message(catalog, id);
const plain = (s) => s.replace(/[\u2068\u2069]/g, '').trim();

/** The text of element `id` once it has some. */
async function textOf(app, id, what) {
  await app.browser.waitUntil(
    () => app.browser.execute((id) => (document.getElementById(id)?.textContent.trim() ?? '') !== '', id),
    { timeout: 20_000, timeoutMsg: `${what}: #${id} says nothing` },
  );
  return plain(await app.browser.execute((id) => document.getElementById(id).textContent, id));
}

const valueOf = (app, key) => app.browser.execute((k) => document.getElementById(k)?.value ?? null, key);

test('by keyboard: keep My details after a submission, and the next dog tax starts with them filled in and marked', async (t_) => {
  const dirs = freshDirs();
  t_.after(() => dirs.remove());
  mkdirSync(dirs.appConfig, { recursive: true });
  writeFileSync(
    dirs.settingsFile,
    JSON.stringify({ version: 1, locale: 'en', firstStartDone: true, municipalityArs: DEMO_ARS }),
  );
  const app = await launch({ lang: 'en_US.UTF-8', dirs });
  t_.after(() => app.close());
  await app.waitForScreen('catalog', t('catalog-heading'));

  const walk = walks.find((w) => w.procedure === 'dog-tax-registration');
  const branch = walk.branches.find((b) => b.name === 'one dog, no direct debit');
  const answers = Object.fromEntries(branch.pages.map((p) => [p.page, p.answers]));
  const name = answers.name;
  const street = answers.address.G00000237.group[0].G00000040.group[0].F00000053.text;

  // A first dog tax, nothing filled in: no page says it was.
  await startProcedure(app, walk.procedure);
  await waitForState(app, (s) => s.page === 'name', 'the first page');
  assert.equal(await app.browser.execute(() => document.getElementById('from-my-details')), null);
  await answerSteps(app, walk, branch);
  await toCheckAnswers(app);
  await activate(app, '#submit');
  await waitForState(app, (s) => s.screen === 'complete', 'the confirmation page');

  // Asked once, with what would be kept named; "Yes, keep them".
  const offer = await textOf(app, 'my-details-offer', 'the offer');
  assert.ok(offer.includes(plain(t('my-details-offer-heading'))), offer);
  for (const kept of [name.F00000045.text, name.F00000013.text, street]) {
    assert.ok(offer.includes(kept), `${kept} is named in the offer: ${offer}`);
  }
  const dog = answers.dogs.G99000001.group[0].F99000005.text;
  assert.ok(!offer.includes(dog), `the dog's name is not offered: ${offer}`);
  await activate(app, '#my-details-keep');
  assert.equal(await textOf(app, 'my-details-offer-answer', 'the answer'), plain(t('my-details-offer-kept')));
  assert.equal(await app.browser.execute(() => document.activeElement?.id), 'my-details-offer-answer');
  assert.equal(await app.browser.execute(() => document.getElementById('my-details-offer')), null);

  // The dog tax again: the person's pages open filled in and marked.
  await activate(app, '#leave');
  await startProcedure(app, walk.procedure);
  const prefilled = [
    ['name', { F00000045: name.F00000045.text, F00000013: name.F00000013.text }],
    ['date-of-birth', { F99000001: answers['date-of-birth'].F99000001.text }],
    ['address', { 'G00000237.0.G00000040.0.F00000053': street }],
  ];
  // Keys that would change a field (not Tab, nor Enter, which goes on from a field as
  // "Continue" does): none may reach a prefilled one.
  await app.browser.execute(() => {
    window.__keysInto = {};
    document.addEventListener(
      'keydown',
      (event) => {
        const id = event.target?.id;
        if (id && !['Tab', 'Shift', 'Enter'].includes(event.key)) {
          window.__keysInto[id] = (window.__keysInto[id] ?? 0) + 1;
        }
      },
      true,
    );
  });
  for (const [index, [page, values]] of prefilled.entries()) {
    await waitForState(app, (s) => s.page === page, `page ${page}`);
    assert.equal(
      await textOf(app, 'from-my-details', `${page} says it was filled in`),
      plain(t('my-details-prefilled')),
    );
    for (const [key, value] of Object.entries(values)) assert.equal(await valueOf(app, key), value, `${page}: ${key}`);
    // "Continue" on this page, its answers as they are (the driver types nothing into a
    // field that already holds its answer).
    await answerSteps(app, walk, { ...branch, pages: [branch.pages[index]] });
    const next = await waitForState(app, (s) => s.page !== page, `Continue from ${page}`);
    assert.deepEqual(next.errors, []);
  }
  const keysInto = await app.browser.execute(() => window.__keysInto);
  for (const [, values] of prefilled) {
    for (const key of Object.keys(values)) assert.equal(keysInto[key] ?? 0, 0, `no key typed into ${key}`);
  }
  // The pages that ask something else say nothing about My details.
  const rest = branch.pages.slice(prefilled.length);
  assert.equal((await wizardState(app)).page, rest[0].page);
  assert.equal(await app.browser.execute(() => document.getElementById('from-my-details')), null);
  await answerSteps(app, walk, { ...branch, pages: rest });
  await toCheckAnswers(app);
  const summary = plain(await app.browser.execute(() => document.querySelector('main').textContent));
  for (const value of [name.F00000013.text, street]) assert.ok(summary.includes(value), `check your answers shows ${value}`);

  // My details, from My data in the settings, lists what is kept.
  await activate(app, '#nav-settings');
  await app.waitForScreen('settings', t('settings-heading'));
  await activate(app, '#my-data-my-details-link');
  await app.waitForScreen('myDetails', t('my-details-heading'));
  const kept = await textOf(app, 'my-details-kept', 'what is kept');
  assert.ok(kept.includes(name.F00000013.text) && kept.includes(street), kept);
  assert.equal(await textOf(app, 'my-details-status', 'keeping'), plain(t('my-details-keeping-on')));
});
