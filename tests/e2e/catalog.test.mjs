// The citizen's way from the first start to a procedure in the real app, keyboard
// only: first start, municipality by name, catalog search, start page, "Start now".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answer, fixture, message } from '../support/paths.mjs';
import { Key, launch } from './harness.mjs';

const firstStartDe = fixture('first-start.de');
const municipalityDe = fixture('municipality.de');
const catalogDe = fixture('catalog.de');
const startPageDe = answer('start-page.dog-tax-registration.de');

test('first start → municipality → catalog search → start page → Start now, keyboard only', async (t) => {
  const app = await launch({ lang: 'de_DE.UTF-8' });
  t.after(() => app.close());

  await app.waitForScreen('firstStart', message(firstStartDe, 'first-start-heading'));
  await app.tabTo((el) => el.id === 'continue', { what: 'the Continue button' });
  await app.press(Key.Enter);

  // The municipality by (part of) its name; the result list is a radio group.
  await app.waitForScreen('municipality', message(municipalityDe, 'municipality-heading'));
  await app.tabTo((el) => el.id === 'municipality-search', { what: 'the municipality search field' });
  await app.press(...'Kassel');
  await app.browser.waitUntil(
    () => app.browser.execute(() => document.getElementById('municipality-066110000000') !== null),
    { timeout: 5_000, timeoutMsg: 'Kassel was not found by its name' },
  );
  const onRadio = await app.tabTo((el) => el.name === 'municipality', { what: 'the municipality radios' });
  if (onRadio.value !== '066110000000') {
    // Arrow keys move through the group until Kassel is chosen.
    for (let i = 0; i < 20 && (await app.activeElement()).value !== '066110000000'; i++) {
      await app.press(Key.ArrowDown);
    }
  } else if (!onRadio.checked) {
    await app.press(Key.Space);
  }
  const chosen = await app.activeElement();
  assert.equal(chosen.value, '066110000000');
  assert.equal(chosen.checked, true);
  await app.tabTo((el) => el.id === 'municipality-continue', { what: 'the Continue button' });
  await app.press(Key.Enter);

  // The catalog: grouped by life situation, searched as you type.
  await app.waitForScreen('catalog', message(catalogDe, 'catalog-heading'));
  await app.browser.waitUntil(
    () => app.browser.execute(() => document.querySelectorAll('#catalog-results section h2').length > 1),
    { timeout: 5_000, timeoutMsg: 'the catalog shows no groups' },
  );
  await app.tabTo((el) => el.id === 'catalog-search', { what: 'the catalog search field' });
  await app.press(...'Hund');
  await app.browser.waitUntil(
    () =>
      app.browser.execute(() => {
        const links = [...document.querySelectorAll('#catalog-results a')];
        return links.length > 0 && links.every((a) => /hund/i.test(a.closest('li')?.textContent ?? ''));
      }),
    { timeout: 5_000, timeoutMsg: 'searching "Hund" did not narrow the catalog to the dog procedures' },
  );
  const groups = await app.browser.execute(() =>
    [...document.querySelectorAll('#catalog-results section')].map((s) => s.dataset.group),
  );
  assert.deepEqual(groups, ['pets']);

  // The start page, opened by keyboard.
  await app.tabTo((el) => el.id === 'open-dog-tax-registration', { what: 'the dog tax registration link' });
  await app.press(Key.Enter);
  await app.waitForScreen('startPage', startPageDe.title);
  assert.deepEqual(await app.page(), {
    screen: 'startPage',
    heading: startPageDe.title,
    lang: 'de',
    title: `${startPageDe.title} – ${message(catalogDe, 'app-name')}`,
  });
  await app.browser.waitUntil(async () => (await app.activeElement())?.id === 'page-heading', {
    timeout: 5_000,
    timeoutMsg: 'focus did not move to the start page heading',
  });
  const facts = await app.browser.execute(() => ({
    summary: document.getElementById('start-summary')?.textContent.trim(),
    needs: [...document.querySelectorAll('#start-need-list li')].map((li) => li.textContent.trim()),
  }));
  assert.deepEqual(facts, { summary: startPageDe.summary, needs: startPageDe.whatYouNeed });

  // "Start now" starts a draft and opens the procedure, its heading focused.
  await app.tabTo((el) => el.id === 'start-now', { what: 'the Start now button' });
  await app.press(Key.Enter);
  await app.browser.waitUntil(
    async () => (await app.page()).screen === 'wizard' && (await app.activeElement())?.id === 'page-heading',
    { timeout: 10_000, timeoutMsg: 'the procedure did not open with its heading focused' },
  );
  await app.quit();
});
