// Accessibility of every screen of the built UI in Chromium, with the IPC answered from
// the fixtures the real Rust l10n crate generates: axe-core against WCAG 2.1 A/AA with
// no rule disabled and nothing excluded, at desktop width and at 320 px (reflow).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { chromium } from 'playwright-core';
import { fixture, message, uiDist } from '../support/paths.mjs';
import { staticServer } from '../support/servers.mjs';

const views = {
  'first-start.de': fixture('first-start.de'),
  'first-start.en': fixture('first-start.en'),
  'first-start.de.notices': fixture('first-start.de.notices'),
  'catalog.de': fixture('catalog.de'),
  'catalog.en': fixture('catalog.en'),
};

/**
 * Stands in for the Rust side in the page: answers each command with the fixture the
 * real command answered with when the fixtures were generated.
 */
function mockIpc({ views, initial }) {
  const calls = [];
  let current = views[initial];
  const viewFor = (screen, locale) => {
    const name = `${screen === 'catalog' ? 'catalog' : 'first-start'}.${locale}`;
    const view = views[name];
    if (!view) throw new Error(`no fixture ${name}`);
    return view;
  };
  const clone = (value) => JSON.parse(JSON.stringify(value));
  window.__ipcCalls = calls;
  window.__TAURI_INTERNALS__ = {
    async invoke(cmd, args) {
      calls.push({ cmd, args: args ?? null });
      switch (cmd) {
        case 'get_app_view':
          return clone(current);
        case 'choose_language':
          current = viewFor(current.screen, args.locale);
          return clone(current);
        case 'complete_first_start':
          current = viewFor('catalog', current.ui.locale);
          return clone(current);
        case 'report_first_paint':
          return null;
        default:
          throw { code: 'error-internal', message: `unexpected command ${cmd}` };
      }
    },
    transformCallback: () => 0,
    unregisterCallback: () => {},
    convertFileSrc: (path) => path,
    metadata: { currentWindow: { label: 'main' }, currentWebview: { windowLabel: 'main', label: 'main' } },
  };
}

/** axe violations as readable text. */
function describeViolations(violations) {
  return violations
    .map(
      (v) =>
        `${v.id} [${v.impact}] ${v.help} (${v.helpUrl})\n` +
        v.nodes.map((n) => `    ${n.target.join(' ')}\n      ${n.failureSummary.replace(/\n/g, '\n      ')}`).join('\n'),
    )
    .join('\n');
}

// The UI follows the system's colour scheme (KERN has a dark theme): check both.
const viewports = [
  { name: 'desktop, light', width: 1280, height: 800, colorScheme: 'light' },
  { name: '320 px, light', width: 320, height: 640, colorScheme: 'light' },
  { name: 'desktop, dark', width: 1280, height: 800, colorScheme: 'dark' },
  { name: '320 px, dark', width: 320, height: 640, colorScheme: 'dark' },
];

let browser;
let server;

before(async () => {
  server = await staticServer(uiDist());
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh page on the served UI whose IPC starts from fixture `initial`. */
async function openUi(t, viewport, initial) {
  const context = await browser.newContext({
    viewport: { width: viewport.width, height: viewport.height },
    colorScheme: viewport.colorScheme,
  });
  t.after(() => context.close());
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console ${msg.type()}: ${msg.text()}`);
  });
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} ${req.failure()?.errorText}`));
  await page.addInitScript(mockIpc, { views, initial });
  await page.goto(server.url);
  return { page, problems };
}

async function expectScreen(page, screen, heading) {
  await page.waitForFunction(
    ([screen, heading]) =>
      document.getElementById('main')?.dataset.screen === screen &&
      document.getElementById('page-heading')?.textContent.trim() === heading,
    [screen, heading],
    { timeout: 10_000 },
  );
}

/** Tabs until the focused element matches `selector`; at most `max` presses. */
async function tabTo(page, selector, max = 20) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`${selector} never got the focus after ${max} Tab presses`);
}

/** The checks every screen must pass once its real content is there. */
async function checkScreen(page, problems, viewport) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  assert.ok(results.passes.length > 0, 'axe ran no checks at all');
  assert.equal(results.violations.length, 0, `axe violations:\n${describeViolations(results.violations)}`);
  const widths = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  if (viewport.width === 320) {
    assert.equal(widths.clientWidth, 320);
    assert.ok(widths.scrollWidth <= widths.clientWidth, `horizontal scrolling at 320 px: ${JSON.stringify(widths)}`);
  }
  assert.equal(
    await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches),
    viewport.colorScheme === 'dark',
  );
  assert.deepEqual(problems, [], 'the page reported errors or warnings');
}

for (const viewport of viewports) {
  describe(`screens at ${viewport.name} (${viewport.width}×${viewport.height})`, () => {
    test('first start in German', async (t) => {
      const { page, problems } = await openUi(t, viewport, 'first-start.de');
      const view = views['first-start.de'];
      await expectScreen(page, 'firstStart', message(view, 'first-start-heading'));
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'de');
      assert.equal(await page.title(), message(view, 'first-start-page-title'));
      await checkScreen(page, problems, viewport);
    });

    test('first start in English, chosen by keyboard', async (t) => {
      const { page, problems } = await openUi(t, viewport, 'first-start.de');
      await expectScreen(page, 'firstStart', message(views['first-start.de'], 'first-start-heading'));
      await tabTo(page, 'input[type=radio][name=language][value=de]');
      await page.keyboard.press('ArrowDown');
      const view = views['first-start.en'];
      await expectScreen(page, 'firstStart', message(view, 'first-start-heading'));
      assert.deepEqual(await page.evaluate(() => window.__ipcCalls.filter((c) => c.cmd === 'choose_language')), [
        { cmd: 'choose_language', args: { locale: 'en' } },
      ]);
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
      await checkScreen(page, problems, viewport);
    });

    test('catalog in English, reached by keyboard', async (t) => {
      const { page, problems } = await openUi(t, viewport, 'first-start.en');
      await expectScreen(page, 'firstStart', message(views['first-start.en'], 'first-start-heading'));
      await tabTo(page, '#continue');
      await page.keyboard.press('Enter');
      const view = views['catalog.en'];
      await expectScreen(page, 'catalog', message(view, 'catalog-heading'));
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'page-heading');
      assert.equal(await page.title(), message(view, 'catalog-page-title'));
      await checkScreen(page, problems, viewport);
    });

    test('first start with notices', async (t) => {
      const { page, problems } = await openUi(t, viewport, 'first-start.de.notices');
      const view = views['first-start.de.notices'];
      assert.ok(view.notices.length > 0, 'the notices fixture has notices');
      await expectScreen(page, 'firstStart', message(view, 'first-start-heading'));
      const shown = await page.$$eval('#notices [data-code]', (items) =>
        items.map((item) => ({ code: item.dataset.code, message: item.textContent.trim() })),
      );
      assert.deepEqual(shown, view.notices);
      await checkScreen(page, problems, viewport);
    });
  });
}
