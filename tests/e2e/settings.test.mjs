// Settings and the accessibility statement in the real app, keyboard only: the header
// navigation reaches both from the catalog; the text size is applied at once, saved,
// and applied again after a restart.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { privateBus } from '../support/dbus.mjs';
import { fixture, message } from '../support/paths.mjs';
import { freshDirs } from '../support/tmp.mjs';
import { Key, launch } from './harness.mjs';

const firstStartDe = fixture('first-start.de');
const municipalityDe = fixture('municipality.de');
const catalogDe = fixture('catalog.de');

const rootClasses = (app) => app.browser.execute(() => [...document.documentElement.classList]);

test('text size 200 % from the settings, saved and applied after a restart; the accessibility statement', async (t) => {
  const dirs = freshDirs();
  t.after(() => dirs.remove());
  const bus = await privateBus();
  t.after(() => bus.stop());
  const app = await launch({ lang: 'de_DE.UTF-8', dirs, bus });
  t.after(() => app.close());

  await app.waitForScreen('firstStart', message(firstStartDe, 'first-start-heading'));
  await app.tabTo((el) => el.id === 'continue', { what: 'the Continue button' });
  await app.press(Key.Enter);
  await app.waitForScreen('municipality', message(municipalityDe, 'municipality-heading'));
  await app.tabTo((el) => el.id === 'municipality-search', { what: 'the municipality search field' });
  await app.press(...'34117');
  await app.browser.waitUntil(
    () => app.browser.execute(() => document.querySelector('input[name=municipality]:checked') !== null),
    { timeout: 5_000, timeoutMsg: 'Kassel was not found for 34117' },
  );
  await app.tabTo((el) => el.id === 'municipality-continue', { what: 'the Continue button' });
  await app.press(Key.Enter);
  await app.waitForScreen('catalog', message(catalogDe, 'catalog-heading'));

  // Settings from the header navigation (Tab wraps round from the page to the header).
  const found = await app.tabTo((el) => el.id === 'nav-settings', { what: 'the settings link', maxTabs: 40 });
  assert.equal(found.tag, 'a');
  await app.press(Key.Enter);
  await app.waitForScreen('settings', message(catalogDe, 'settings-heading'));
  assert.equal((await app.page()).title, message(catalogDe, 'settings-page-title'));
  assert.ok(!(await rootClasses(app)).some((c) => c.startsWith('amtsweg-text-') && c !== 'amtsweg-text-100'));

  const onSize = await app.tabTo((el) => el.name === 'text-size', { what: 'the text size radios', maxTabs: 40 });
  assert.equal(onSize.value, '100');
  for (let i = 0; i < 3; i++) await app.press(Key.ArrowDown);
  await app.browser.waitUntil(async () => (await rootClasses(app)).includes('amtsweg-text-200'), {
    timeout: 5_000,
    timeoutMsg: 'the text size 200 % was not applied',
  });
  const saved = JSON.parse(readFileSync(dirs.settingsFile, 'utf8'));
  assert.equal(saved.textScale, 200);
  assert.equal(saved.municipalityArs, '066110000000');

  // The accessibility statement from the same navigation.
  await app.tabTo((el) => el.id === 'nav-accessibility', { what: 'the accessibility link', maxTabs: 40 });
  await app.press(Key.Enter);
  await app.waitForScreen('accessibility', message(catalogDe, 'accessibility-heading'));
  await app.quit();

  const again = await launch({ lang: 'de_DE.UTF-8', dirs, bus });
  t.after(() => again.close());
  await again.waitForScreen('catalog', message(catalogDe, 'catalog-heading'));
  await again.browser.waitUntil(async () => (await rootClasses(again)).includes('amtsweg-text-200'), {
    timeout: 5_000,
    timeoutMsg: 'the saved text size was not applied after the restart',
  });
  await again.quit();
});
