// First start of the real app: the language follows the OS, the citizen switches it
// with the keyboard only, chooses the municipality by postcode, continues to the
// catalog, and a restart keeps both choices.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { privateBus } from '../support/dbus.mjs';
import { fixture, message } from '../support/paths.mjs';
import { freshDirs } from '../support/tmp.mjs';
import { Key, launch } from './harness.mjs';

const firstStartDe = fixture('first-start.de');
const firstStartEn = fixture('first-start.en');
const catalogEn = fixture('catalog.en');
const municipalityEn = fixture('municipality.en');

/** The radios of the language choice in document order, with their labels. */
function languageRadios(app) {
  return app.browser.execute(() =>
    [...document.querySelectorAll('input[type=radio][name=language]')].map((radio) => ({
      value: radio.value,
      checked: radio.checked,
      label: radio.labels?.[0]?.textContent.trim() ?? null,
    })),
  );
}

/** The header links marked as the current page (none while the first start is up). */
const currentNavLinks = (app) =>
  app.browser.execute(() => [...document.querySelectorAll('nav a[aria-current]')].map((a) => a.id));

test('German first start, English chosen by keyboard, municipality by postcode, catalog, and both after a restart', async (t) => {
  const headingDe = message(firstStartDe, 'first-start-heading');
  const headingEn = message(firstStartEn, 'first-start-heading');
  assert.notEqual(headingDe, headingEn, 'the fixtures must tell German from English');

  const dirs = freshDirs();
  t.after(() => dirs.remove());
  const bus = await privateBus();
  t.after(() => bus.stop());

  const app = await launch({ lang: 'de_DE.UTF-8', dirs, bus });
  t.after(() => app.close());

  await app.waitForScreen('firstStart', headingDe);
  assert.deepEqual(await app.page(), {
    screen: 'firstStart',
    heading: headingDe,
    lang: 'de',
    title: message(firstStartDe, 'first-start-page-title'),
  });

  // The header navigation marks no place current: the services are not open yet.
  assert.ok(await app.browser.execute(() => document.getElementById('nav-services') !== null));
  assert.deepEqual(await currentNavLinks(app), []);

  // Each language is labelled with its own name, whatever the current language.
  const radios = await languageRadios(app);
  assert.deepEqual(
    radios.map(({ value, label }) => ({ value, label })),
    firstStartDe.languages.map((l) => ({ value: l.code, label: l.selfName })),
  );
  assert.deepEqual(radios.filter((r) => r.checked).map((r) => r.value), ['de']);

  // Focus starts on the heading of the screen.
  await app.browser.waitUntil(async () => (await app.activeElement())?.id === 'page-heading', {
    timeout: 5_000,
    timeoutMsg: 'focus is not on #page-heading after the first screen appeared',
  });

  // Keyboard only: Tab into the radio group lands on the checked radio (German) …
  const onRadio = await app.tabTo((el) => el.tag === 'input' && el.name === 'language', {
    what: 'the language radio group',
  });
  assert.equal(onRadio.value, 'de');
  assert.equal(onRadio.checked, true);

  // … and an arrow key moves to English and selects it.
  const order = radios.map((r) => r.value);
  const steps = order.indexOf('en') - order.indexOf('de');
  assert.ok(steps !== 0, `radio order ${order} has both de and en`);
  for (let i = 0; i < Math.abs(steps); i++) await app.press(steps > 0 ? Key.ArrowDown : Key.ArrowUp);
  const onEnglish = await app.activeElement();
  assert.equal(onEnglish.value, 'en', `focus should be on the English radio, is on ${JSON.stringify(onEnglish)}`);
  assert.equal(onEnglish.checked, true);

  // Every text switches at once, without a restart.
  await app.waitForScreen('firstStart', headingEn);
  await app.browser.waitUntil(async () => (await app.page()).lang === 'en', {
    timeout: 5_000,
    timeoutMsg: 'document language did not become "en"',
  });
  assert.deepEqual(await app.page(), {
    screen: 'firstStart',
    heading: headingEn,
    lang: 'en',
    title: message(firstStartEn, 'first-start-page-title'),
  });
  const texts = await app.browser.execute(() => ({
    legend: document.querySelector('#language legend')?.textContent.trim(),
    privacy: document.getElementById('privacy-heading')?.textContent.trim(),
    continue: document.getElementById('continue')?.textContent.trim(),
  }));
  assert.deepEqual(texts, {
    legend: message(firstStartEn, 'language-legend'),
    privacy: message(firstStartEn, 'privacy-heading'),
    continue: message(firstStartEn, 'first-start-continue'),
  });
  // The choice stays on the radio that the keyboard left there.
  assert.equal((await app.activeElement()).value, 'en');

  // Continue by keyboard: the municipality choice, its heading focused.
  await app.tabTo((el) => el.id === 'continue', { what: 'the Continue button' });
  await app.press(Key.Enter);
  await app.waitForScreen('municipality', message(municipalityEn, 'municipality-heading'));
  assert.deepEqual(await app.page(), {
    screen: 'municipality',
    heading: message(municipalityEn, 'municipality-heading'),
    lang: 'en',
    title: message(municipalityEn, 'municipality-page-title'),
  });
  await app.browser.waitUntil(async () => (await app.activeElement())?.id === 'page-heading', {
    timeout: 5_000,
    timeoutMsg: 'focus did not move to the municipality heading',
  });
  assert.deepEqual(await currentNavLinks(app), [], 'nothing current during the municipality choice');

  // The first start is done and saved; the municipality is not chosen yet.
  let saved = JSON.parse(readFileSync(dirs.settingsFile, 'utf8'));
  assert.equal(saved.locale, 'en');
  assert.equal(saved.firstStartDone, true);
  assert.equal(saved.municipalityArs, undefined);

  // Keyboard only: into the search field, type the postcode, the one match is chosen.
  await app.tabTo((el) => el.id === 'municipality-search', { what: 'the municipality search field' });
  await app.press(...'34117');
  await app.browser.waitUntil(
    () => app.browser.execute(() => document.querySelector('input[name=municipality]:checked')?.value ?? null),
    { timeout: 5_000, timeoutMsg: 'no municipality was found and chosen for 34117' },
  );
  const found = await app.browser.execute(() =>
    [...document.querySelectorAll('input[name=municipality]')].map((r) => ({
      value: r.value,
      checked: r.checked,
      label: r.labels?.[0]?.textContent.trim(),
    })),
  );
  assert.deepEqual(found, [{ value: '066110000000', checked: true, label: 'Kassel' }]);
  await app.tabTo((el) => el.id === 'municipality-continue', { what: 'the Continue button' });
  await app.press(Key.Enter);
  await app.waitForScreen('catalog', message(catalogEn, 'catalog-heading'));
  assert.deepEqual(await app.page(), {
    screen: 'catalog',
    heading: message(catalogEn, 'catalog-heading'),
    lang: 'en',
    title: message(catalogEn, 'catalog-page-title'),
  });
  await app.browser.waitUntil(async () => (await app.activeElement())?.id === 'page-heading', {
    timeout: 5_000,
    timeoutMsg: 'focus did not move to the catalog heading',
  });
  assert.deepEqual(await currentNavLinks(app), ['nav-services']);

  // Both choices are on disk before the app quits.
  saved = JSON.parse(readFileSync(dirs.settingsFile, 'utf8'));
  assert.equal(saved.locale, 'en');
  assert.equal(saved.firstStartDone, true);
  assert.equal(saved.municipalityArs, '066110000000');

  await app.quit();

  // Same folders, same German OS: the saved English, municipality and catalog win.
  const again = await launch({ lang: 'de_DE.UTF-8', dirs, bus });
  t.after(() => again.close());
  await again.waitForScreen('catalog', message(catalogEn, 'catalog-heading'));
  assert.deepEqual(await again.page(), {
    screen: 'catalog',
    heading: message(catalogEn, 'catalog-heading'),
    lang: 'en',
    title: message(catalogEn, 'catalog-page-title'),
  });
  await again.quit();
});

for (const { lang, expected, why } of [
  { lang: 'en_US.UTF-8', expected: 'en', why: 'a shipped OS language is used' },
  { lang: 'fr_FR.UTF-8', expected: 'de', why: 'an OS language that is not shipped falls back to German' },
]) {
  test(`first start with LANG=${lang} shows ${expected}: ${why}`, async (t) => {
    const view = fixture(`first-start.${expected}`);
    const other = fixture(`first-start.${expected === 'de' ? 'en' : 'de'}`);
    const heading = message(view, 'first-start-heading');
    assert.notEqual(heading, message(other, 'first-start-heading'));

    const app = await launch({ lang });
    t.after(() => app.close());
    await app.waitForScreen('firstStart', heading);
    assert.deepEqual(await app.page(), {
      screen: 'firstStart',
      heading,
      lang: expected,
      title: message(view, 'first-start-page-title'),
    });
    const checked = await languageRadios(app);
    assert.deepEqual(checked.filter((r) => r.checked).map((r) => r.value), [expected]);
    await app.quit();
  });
}
