// Where the wizard's page is scrolled, in Chromium on the wizard's test page (see
// wizard.test.mjs): a new page opens at its top, whatever the page before was scrolled
// to, and what has focus is always in the window (WCAG 2.4.11), in a window small enough
// that a radio group does not fit.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fixture as appFixture } from '../support/paths.mjs';
import { launchChromium } from '../support/chromium.mjs';
import { reusedPage } from '../support/reused-page.mjs';
import { mockIpc, startWizardHarness, stepOf, wizardFixture as wizard } from '../support/wizard-harness.mjs';

const texts = { en: appFixture('catalog.en') };
const business = wizard('business-registration.en');
const dogs = wizard('dog-tax-registration.en');

let browser;
let server;
let ui;

before(async () => {
  server = await startWizardHarness();
  browser = await launchChromium();
  // Small: 320 px wide (reflow) and not much taller than a phone held sideways.
  ui = await reusedPage(browser, { viewport: { width: 320, height: 360 } });
});

after(async () => {
  await ui?.close();
  await browser?.close();
  await server?.close();
});

async function open(fixture, initial, replies = {}) {
  await ui.open(`${server.url}?draft=${encodeURIComponent(fixture.draftId)}`, mockIpc, {
    appView: texts[fixture.locale],
    initial,
    replies,
  });
  await ui.page.waitForFunction(() => document.activeElement?.id === 'page-heading', null, { timeout: 10_000 });
  return ui.page;
}

/** The focused element's box (a radio's with its label), and the window's height. */
const focusedBox = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    const shown = el?.closest('.kern-form-check') ?? el;
    const rect = shown.getBoundingClientRect();
    return { id: el?.id, top: rect.top, bottom: rect.bottom, height: window.innerHeight };
  });

test('a new page opens at its top after "Continue" from a scrolled page, focus on its heading', async () => {
  const step = stepOf(dogs, 'dogs');
  assert.equal(step.next.screen, 'question');
  const page = await open(dogs, { screen: 'question', view: step.added }, {
    continue_page: [{ outcome: 'next', view: step.next }],
  });
  // Down to "Continue" at the end of three dogs.
  await page.focus('#continue');
  const scrolled = await page.evaluate(() => window.scrollY);
  assert.ok(scrolled > 300, `the dogs page is scrolled down (${scrolled} px)`);
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    (heading) =>
      document.activeElement?.id === 'page-heading' && document.activeElement.textContent.includes(heading),
    step.next.view.heading,
    { timeout: 10_000 },
  );
  assert.equal(await page.evaluate(() => window.scrollY), 0, 'the next page opens at its top');
  assert.deepEqual(ui.problems, []);
});

test('arrow keys through a radio group taller than the window keep the focused radio in view', async () => {
  const step = stepOf(business, 'activity-type');
  const field = step.empty.items.find((i) => i.type === 'field' && i.kind === 'radio');
  assert.ok(field.options.length >= 5, 'a long radio group');
  const page = await open(business, { screen: 'question', view: step.empty });
  const listHeight = await page.evaluate(
    () => document.querySelector('.kern-fieldset__body')?.getBoundingClientRect().height ?? 0,
  );
  assert.ok(listHeight > 360, `the radios do not fit the window (${listHeight} px)`);
  // From the heading by Tab to the first radio, then down through every option.
  for (let i = 0; i < 10 && (await focusedBox(page)).id !== field.key; i++) await page.keyboard.press('Tab');
  const seen = [await focusedBox(page)];
  assert.equal(seen[0].id, field.key);
  for (let i = 1; i < field.options.length; i++) {
    await page.keyboard.press('ArrowDown');
    seen.push(await focusedBox(page));
  }
  assert.deepEqual(
    seen.map((b) => b.id),
    field.options.map((o, i) => (i === 0 ? field.key : `${field.key}--${o.code}`)),
  );
  for (const box of seen) {
    assert.ok(box.top >= 0 && box.bottom <= box.height, `${box.id} is outside the window: ${JSON.stringify(box)}`);
  }
  assert.deepEqual(ui.problems, []);
});
