// Accessibility of every screen of the built UI in Chromium, with the IPC answered from
// the fixtures the real Rust commands generate: axe-core against WCAG 2.0/2.1 A/AA and
// 2.2 AA with no rule disabled and nothing excluded, at desktop width and at 320 px
// (reflow), light, dark and with forced colours emulated. At 320 px and in forced colours
// each screen is checked once in each of its states (`repeat` tests are registered only
// at desktop width, light and dark).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { answer, fixture, message, uiDist } from '../support/paths.mjs';
import { staticServer } from '../support/servers.mjs';
import { analyze, controlsWithoutEdges, describeViolations, unexplainedIncomplete } from '../support/axe.mjs';
import { launchChromium } from '../support/chromium.mjs';
import { classesWithoutRules, fontFaces, scriptsLoaded } from '../support/styles.mjs';
import { reusedPage } from '../support/reused-page.mjs';
import { applications, applicationsView } from '../support/applications.mjs';

const views = {
  'first-start.de': fixture('first-start.de'),
  'first-start.en': fixture('first-start.en'),
  'first-start.de.notices': fixture('first-start.de.notices'),
  'catalog.de': fixture('catalog.de'),
  'catalog.en': fixture('catalog.en'),
  'municipality.de': fixture('municipality.de'),
  'municipality.en': fixture('municipality.en'),
  'catalog.en.text-200': fixture('catalog.en.text-200'),
};

// The other answers of the commands, as the real commands gave them.
const answers = {
  'municipality-search.de': answer('municipality-search.de'),
  'municipality-search.en': answer('municipality-search.en'),
  'catalog-groups.de': answer('catalog-groups.de'),
  'catalog-groups.en': answer('catalog-groups.en'),
  'catalog-groups-dog.en': answer('catalog-groups-dog.en'),
  'start-page.dog-tax-registration.de': answer('start-page.dog-tax-registration.de'),
  'start-page.dog-tax-registration.en': answer('start-page.dog-tax-registration.en'),
  'draft-started.dog-tax-registration.de': answer('draft-started.dog-tax-registration.de'),
  'drafts.de': answer('drafts.de'),
  'drafts.en': answer('drafts.en'),
  'drafts.versions-changed.de': answer('drafts.versions-changed.de'),
  'my-data.no-keychain.de': answer('my-data.no-keychain.de'),
  'my-data.no-keychain.en': answer('my-data.no-keychain.en'),
  'my-data.passphrase-chosen.de': answer('my-data.passphrase-chosen.de'),
  'my-data.passphrase-chosen.en': answer('my-data.passphrase-chosen.en'),
  'my-data.locked.en': answer('my-data.locked.en'),
  'my-data.deleted.de': answer('my-data.deleted.de'),
  'my-data.errors.de': answer('my-data.errors.de'),
  'my-data.errors.en': answer('my-data.errors.en'),
  'printout.opened.de': answer('printout.opened.de'),
  'my-details.kept.de': answer('my-details.kept.de'),
  'my-details.kept.en': answer('my-details.kept.en'),
  'my-details.refused.de': answer('my-details.refused.de'),
  'my-details.refused.en': answer('my-details.refused.en'),
  'my-details.deleted.en': answer('my-details.deleted.en'),
  'printout.opened.en': answer('printout.opened.en'),
};

/**
 * Stands in for the Rust side in the page: answers each command with the fixture the
 * real command answered with when the fixtures were generated. `drafts`, when given, is
 * what "My drafts" lists instead of the locale's fixture (empty, damaged, unavailable).
 */
function mockIpc({ views, answers, initial, drafts, myData, applications }) {
  const calls = [];
  let current = views[initial];
  const files = { firstStart: 'first-start', municipality: 'municipality', catalog: 'catalog' };
  const viewFor = (screen, locale) => {
    const name = `${files[screen]}.${locale}`;
    const view = views[name];
    if (!view) throw new Error(`no fixture ${name}`);
    return view;
  };
  const answerFor = (name) => {
    const found = answers[name];
    if (!found) throw new Error(`no fixture ${name}`);
    return found;
  };
  const clone = (value) => JSON.parse(JSON.stringify(value));
  const kept = () => drafts ?? answerFor(`drafts.${current.ui.locale}`);
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
          current = viewFor('municipality', current.ui.locale);
          return clone(current);
        case 'search_municipalities':
          return clone(args.query.trim() ? answerFor(`municipality-search.${current.ui.locale}`) : []);
        case 'choose_municipality':
          current = viewFor('catalog', current.ui.locale);
          return clone(current);
        case 'catalog_groups':
          return clone(
            answerFor(args.query ? `catalog-groups-dog.${current.ui.locale}` : `catalog-groups.${current.ui.locale}`),
          );
        case 'procedure_start_page':
          return clone(answerFor(`start-page.${args.procedureId}.${current.ui.locale}`));
        case 'start_draft':
          return clone(answerFor(`draft-started.${args.procedureId}.de`));
        case 'list_drafts':
          return clone(kept());
        case 'delete_draft':
          drafts = { ...kept(), drafts: kept().drafts.filter((d) => d.draftId !== args.draftId) };
          return clone(drafts);
        case 'keep_draft_versions':
          drafts = {
            ...kept(),
            versionsChanged: false,
            drafts: kept().drafts.map((d) => ({ ...d, unverified: false })),
          };
          return clone(drafts);
        case 'resume_draft':
          return { ...clone(answerFor('draft-started.dog-tax-registration.de')), draftId: args.draftId };
        case 'set_answers':
          return null;
        // "My data" in the settings: `myData` names the fixture of its state (default: a
        // working keychain); a passphrase left empty is refused as the shell refuses it.
        case 'my_data_view': {
          const name = myData ?? `my-data.passphrase-chosen.${current.ui.locale}`;
          // A working keychain as a desktop session has it (what the core says then).
          const keychain = { keys: 'keychain', switchToPassphrase: true, changePassphrase: false, recoveryNeedsPassphrase: false };
          return myData ? clone(answerFor(name)) : { ...clone(answerFor(name)), ...keychain };
        }
        case 'create_recovery_code':
          return { groups: ['7KQ2', 'M9XD', 'A4TR', 'ZZ0B', 'HJ5W', 'C81N', 'PQRS'] };
        case 'print_recovery_code':
          return clone(answerFor(`printout.opened.${current.ui.locale}`));
        case 'recover_vault':
          if (!args.code) throw clone(answerFor(`my-data.errors.${current.ui.locale}`)['error-recovery-code-format']);
          throw { code: 'error-internal', message: `${cmd} is answered only for an empty code here` };
        case 'use_passphrase_keys':
        case 'export_my_data':
        case 'unlock_vault':
          if (!args.passphrase) throw clone(answerFor(`my-data.errors.${current.ui.locale}`)['error-passphrase-empty']);
          throw { code: 'error-internal', message: `${cmd} is answered only for an empty passphrase here` };
        // Everything goes, the settings but the language too: the first start again,
        // where "My data" is in its state after the deletion.
        case 'delete_all_my_data':
          current = viewFor('firstStart', current.ui.locale);
          myData = `my-data.deleted.${current.ui.locale}`;
          return clone(answerFor(myData));
        // My details: what the core kept after a dog tax registration; a change is
        // refused as the core refuses a postcode of three digits.
        case 'my_details_view':
          return clone(answerFor(`my-details.kept.${current.ui.locale}`));
        case 'save_my_details':
          return clone(answerFor(`my-details.refused.${current.ui.locale}`));
        case 'my_details_offer':
          return null;
        // "My applications": `applications` is the list the core answers.
        case 'list_applications':
          return clone(applications ?? { applications: [], waiting: 0, connection: 'unknown', waitingText: '' });
        case 'print_sent_application':
          return clone(answerFor(`printout.opened.${current.ui.locale}`));
        case 'set_text_scale':
          current = { ...current, textScale: args.scale };
          return clone(current);
        case 'report_first_paint':
        case 'set_window_title':
          return null;
        // The screens listen to the app's events; none come here.
        case 'plugin:event|listen':
          return 1;
        case 'plugin:event|unlisten':
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
  window.__TAURI_EVENT_PLUGIN_INTERNALS__ = { unregisterListener: () => {} };
}


// The UI follows the system's colour scheme (KERN has a dark theme): check both, and
// forced colours (Windows high contrast), where every control must stay visible.
const viewports = [
  { name: 'desktop, light', width: 1280, height: 800, colorScheme: 'light', every: true },
  { name: '320 px, light', width: 320, height: 640, colorScheme: 'light' },
  { name: 'desktop, dark', width: 1280, height: 800, colorScheme: 'dark', every: true },
  { name: '320 px, dark', width: 320, height: 640, colorScheme: 'dark' },
  { name: 'desktop, forced colours', width: 1280, height: 800, colorScheme: 'light', forcedColors: 'active' },
  { name: '320 px, forced colours', width: 320, height: 640, colorScheme: 'dark', forcedColors: 'active' },
];

let browser;
let server;

before(async () => {
  server = await staticServer(uiDist());
  browser = await launchChromium();
});

after(async () => {
  for (const name of pages.keys()) await closePage(name);
  await browser?.close();
  await server?.close();
});

/** One page per viewport, reused by its tests (tests/support/reused-page.mjs). */
const pages = new Map();

/** A new document of the served UI whose IPC starts from fixture `initial`. */
async function openUi(viewport, initial, { drafts = null, myData = null, applications = null } = {}) {
  let ui = pages.get(viewport.name);
  if (!ui) {
    ui = await reusedPage(browser, {
      viewport: { width: viewport.width, height: viewport.height },
      colorScheme: viewport.colorScheme,
      forcedColors: viewport.forcedColors ?? 'none',
    });
    pages.set(viewport.name, ui);
  }
  await ui.open(server.url, mockIpc, { views, answers, initial, drafts, myData, applications });
  return { page: ui.page, problems: ui.problems };
}

/** Closes the page of a viewport once its tests are done: one browser page at a time. */
async function closePage(name) {
  await pages.get(name)?.close();
  pages.delete(name);
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

/**
 * Tabs until the focused element matches `selector`; at most `max` presses (from the
 * catalog's heading through its links, the unfinished drafts' link among them, and
 * round to the header).
 */
async function tabTo(page, selector, max = 40) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`${selector} never got the focus after ${max} Tab presses`);
}

/** From the English catalog, opens the dog tax registration's start page by keyboard. */
async function openDogTaxStartPage(page, view) {
  const start = answers['start-page.dog-tax-registration.en'];
  await expectScreen(page, 'catalog', message(view, 'catalog-heading'));
  await page.waitForSelector('#open-dog-tax-registration');
  await tabTo(page, '#open-dog-tax-registration', 40);
  await page.keyboard.press('Enter');
  await expectScreen(page, 'startPage', start.title);
  return start;
}

/** Opens "My drafts" from the header navigation by keyboard. */
async function openDrafts(page, view) {
  await tabTo(page, '#nav-drafts');
  await page.keyboard.press('Enter');
  await expectScreen(page, 'drafts', message(view, 'drafts-heading'));
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'page-heading');
  assert.equal(await page.title(), message(view, 'drafts-page-title'));
  assert.equal(await page.getAttribute('#nav-drafts', 'aria-current'), 'page');
  assert.equal((await page.textContent('#drafts-intro')).trim(), message(view, 'drafts-intro'));
}

/** Opens the settings from the header navigation by keyboard. */
async function openSettings(page, view) {
  await tabTo(page, '#nav-settings');
  await page.keyboard.press('Enter');
  await expectScreen(page, 'settings', message(view, 'settings-heading'));
}

/** What "My drafts" shows of each draft, as the page has it. */
function shownDrafts(page) {
  return page.$$eval('#drafts-list > li', (items) =>
    items.map((li) => {
      const time = li.querySelector('dd time');
      return {
        title: li.querySelector('h2')?.textContent.trim(),
        progress: li.querySelector('[id$="-progress"]')?.textContent.trim() ?? null,
        damaged: li.querySelector('[id$="-damaged"]')?.textContent.trim() ?? null,
        lastChange: li.querySelector('dt')?.textContent.trim(),
        time: time?.textContent.trim(),
        timeIsData: time?.getAttribute('translate') === 'no',
      };
    }),
  );
}

/** The last change as the page's language writes it (the same formatter as the app). */
function formatted(page, locale, ms) {
  return page.evaluate(
    ([locale, ms]) =>
      new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms)),
    [locale, ms],
  );
}

async function expectedDrafts(page, view, list) {
  const out = [];
  for (const d of list.drafts) {
    out.push({
      title: d.title,
      progress: d.damaged ? null : d.progress,
      damaged: d.damaged,
      lastChange: message(view, 'drafts-last-change'),
      time: await formatted(page, view.ui.locale, d.updatedMs),
      timeIsData: true,
    });
  }
  return out;
}

/** The checks every screen must pass once its real content is there. */
async function checkScreen(page, problems, viewport) {
  const results = await analyze(page);
  assert.ok(results.passes.length > 0, 'axe ran no checks at all');
  assert.equal(results.violations.length, 0, `axe violations:\n${describeViolations(results.violations)}`);
  const needsReview = await unexplainedIncomplete(page, results.incomplete, viewport);
  assert.equal(needsReview, '', `axe could not decide, and no accepted reason explains it:\n${needsReview}`);
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
  assert.equal(
    await page.evaluate(() => matchMedia('(forced-colors: active)').matches),
    viewport.forcedColors === 'active',
  );
  if (viewport.forcedColors === 'active') {
    assert.deepEqual(await controlsWithoutEdges(page), [], 'controls without a visible edge in forced colours');
  }
  assert.deepEqual(await classesWithoutRules(page), [], 'KERN classes whose rules the build purged');
  assert.deepEqual(problems, [], 'the page reported errors or warnings');
}

for (const viewport of viewports) {
  describe(`screens at ${viewport.name} (${viewport.width}×${viewport.height})`, () => {
    after(() => closePage(viewport.name));
    test('first start in German', async () => {
      const { page, problems } = await openUi(viewport, 'first-start.de');
      const view = views['first-start.de'];
      await expectScreen(page, 'firstStart', message(view, 'first-start-heading'));
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'de');
      assert.equal(await page.title(), message(view, 'first-start-page-title'));
      await checkScreen(page, problems, viewport);
    });

    test('first start in German where drafts cannot be kept: said before any question', async () => {
      const { page, problems } = await openUi(viewport, 'first-start.de', { myData: 'my-data.no-keychain.de' });
      const view = views['first-start.de'];
      await expectScreen(page, 'firstStart', message(view, 'first-start-heading'));
      await page.waitForSelector('#first-start-not-kept');
      assert.equal(
        (await page.textContent('#first-start-not-kept .kern-title')).trim(),
        message(view, 'start-drafts-not-kept'),
      );
      const data = answers['my-data.no-keychain.de'];
      assert.equal((await page.textContent('#first-start-not-kept-reason')).trim(), data.unavailable);
      await checkScreen(page, problems, viewport);

      // "Details" opens by keyboard; the passphrase is offered right here, and a refusal
      // is said beside its field, which gets the focus.
      await tabTo(page, '#first-start-not-kept-details summary', 20);
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.getElementById('first-start-not-kept-details')?.open === true);
      assert.equal((await page.textContent('#first-start-not-kept-details p')).trim(), data.unavailableDetail);
      await tabTo(page, '#first-start-not-kept-protect', 20);
      await page.keyboard.press('Enter');
      await page.waitForSelector('#first-start-not-kept-passphrase-error');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'first-start-not-kept-passphrase');
      assert.equal(
        (await page.textContent('#first-start-not-kept-passphrase-error')).trim(),
        answers['my-data.errors.de']['error-passphrase-empty'].message,
      );
      await checkScreen(page, problems, viewport);
    });

    // The first start in the state the German test checks, after the language changed:
    // at 320 px and in forced colours a repeat, so registered at desktop width only.
    const repeat = viewport.every ? test : () => {};
    repeat('first start in English, chosen by keyboard', async () => {
      const { page, problems } = await openUi(viewport, 'first-start.de');
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

    // The first screen pays only for itself: its own chunk and the font faces its text
    // is set in; My drafts and the settings (with My data) load when first opened.
    repeat('the first screen loads only what it shows; the other pages load when opened', async () => {
      const { page } = await openUi(viewport, 'catalog.de');
      const view = views['catalog.de'];
      await expectScreen(page, 'catalog', message(view, 'catalog-heading'));
      assert.deepEqual(await scriptsLoaded(page), ['index.js']);
      const faces = await fontFaces(page);
      assert.ok(faces.needed.length > 0, 'no text in Fira Sans found');
      assert.deepEqual(faces.loaded, faces.needed, 'font faces loaded beyond those the text is set in');
      assert.ok(faces.loaded.length < 5, `all five faces: ${faces.loaded}`);
      await openDrafts(page, view);
      assert.deepEqual(await scriptsLoaded(page), ['Drafts.js', 'index.js']);
      await openSettings(page, view);
      assert.deepEqual(await scriptsLoaded(page), ['Drafts.js', 'Settings.js', 'index.js']);
    });

    test('municipality choice in English, reached by keyboard, with an error, then found and chosen', async () => {
      const { page, problems } = await openUi(viewport, 'first-start.en');
      await expectScreen(page, 'firstStart', message(views['first-start.en'], 'first-start-heading'));
      await tabTo(page, '#continue');
      await page.keyboard.press('Enter');
      const view = views['municipality.en'];
      await expectScreen(page, 'municipality', message(view, 'municipality-heading'));
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'page-heading');
      assert.equal(await page.title(), message(view, 'municipality-page-title'));
      await checkScreen(page, problems, viewport);

      // Continue without a choice: the error is shown beside the search field.
      await tabTo(page, '#municipality-continue');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#municipality-error');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'municipality-search');
      assert.equal((await page.textContent('#municipality-error')).trim(), message(view, 'municipality-choose-error'));
      await checkScreen(page, problems, viewport);

      // Typing finds the municipalities; each says its postcodes and that it is a demo.
      await page.keyboard.type('Kassel');
      const found = answers['municipality-search.en'];
      await page.waitForSelector(`#municipality-${found[0].ars}`);
      const labels = await page.$$eval('input[name=municipality]', (radios) =>
        radios.map((r) => r.labels?.[0]?.textContent.trim()),
      );
      assert.deepEqual(labels, found.map((m) => m.name));
      assert.equal(
        (await page.textContent('#municipality-status')).trim(),
        message(view, 'municipality-results-found'),
      );
      await checkScreen(page, problems, viewport);
    });

    test('catalog in English, grouped by life situation, and a search', async () => {
      const { page, problems } = await openUi(viewport, 'catalog.en');
      const view = views['catalog.en'];
      await expectScreen(page, 'catalog', message(view, 'catalog-heading'));
      const groups = answers['catalog-groups.en'];
      await page.waitForSelector(`#group-${groups[0].code}`);
      const shown = await page.$$eval('#catalog-results section', (sections) =>
        sections.map((s) => ({
          title: s.querySelector('h2')?.textContent.trim(),
          links: [...s.querySelectorAll('a')].map((a) => a.textContent.trim()),
        })),
      );
      assert.deepEqual(
        shown,
        groups.map((g) => ({ title: g.title, links: g.entries.map((e) => e.title) })),
      );
      assert.equal(await page.title(), message(view, 'catalog-page-title'));
      await checkScreen(page, problems, viewport);

      await page.fill('#catalog-search', 'dog');
      const dog = answers['catalog-groups-dog.en'];
      await page.waitForFunction(
        (count) => document.querySelectorAll('#catalog-results a').length === count,
        dog.reduce((n, g) => n + g.entries.length, 0),
      );
      await checkScreen(page, problems, viewport);
    });

    test('start page of the dog tax registration in English, opened by keyboard', async () => {
      const { page, problems } = await openUi(viewport, 'catalog.en');
      const view = views['catalog.en'];
      const start = await openDogTaxStartPage(page, view);
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'page-heading');
      assert.equal(await page.title(), `${start.title} – ${message(view, 'app-name')}`);
      assert.equal((await page.textContent('#start-summary')).trim(), start.summary);
      assert.deepEqual(
        await page.$$eval('#start-need-list li', (items) => items.map((li) => li.textContent.trim())),
        start.whatYouNeed,
      );
      assert.equal((await page.textContent('#start-now')).trim(), message(view, 'start-now'));
      await checkScreen(page, problems, viewport);
    });

    test('start page in English where drafts cannot be kept: said before the first question', async () => {
      const { page, problems } = await openUi(viewport, 'catalog.en', { myData: 'my-data.no-keychain.en' });
      const view = views['catalog.en'];
      await openDogTaxStartPage(page, view);
      await page.waitForSelector('#start-not-kept');
      assert.equal(
        (await page.textContent('#start-not-kept .kern-title')).trim(),
        message(view, 'start-drafts-not-kept'),
      );
      assert.equal(
        (await page.textContent('#start-not-kept-passphrase-heading')).trim(),
        message(view, 'start-drafts-passphrase'),
      );
      await page.waitForSelector('#start-not-kept-passphrase');
      await checkScreen(page, problems, viewport);
    });

    test('settings in English from the header navigation, text size 200 % chosen by keyboard', async () => {
      const { page, problems } = await openUi(viewport, 'catalog.en');
      const view = views['catalog.en'];
      await expectScreen(page, 'catalog', message(view, 'catalog-heading'));
      await tabTo(page, '#nav-settings');
      await page.keyboard.press('Enter');
      await expectScreen(page, 'settings', message(view, 'settings-heading'));
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'page-heading');
      assert.equal(await page.title(), message(view, 'settings-page-title'));
      assert.equal(await page.getAttribute('#nav-settings', 'aria-current'), 'page');
      assert.equal((await page.textContent('#settings-municipality')).trim(), view.municipality.name);
      await checkScreen(page, problems, viewport);

      // Tab into the text-size group lands on 100 %; arrows move on to 200 %.
      await tabTo(page, 'input[name=text-size]:checked', 40);
      assert.equal(await page.evaluate(() => document.activeElement.value), '100');
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
      const large = views['catalog.en.text-200'];
      await page.waitForFunction(() => document.documentElement.classList.contains('amtsweg-text-200'));
      assert.equal(large.textScale, 200);
      assert.deepEqual(
        await page.evaluate(() => window.__ipcCalls.filter((c) => c.cmd === 'set_text_scale').map((c) => c.args.scale)),
        [125, 150, 200],
      );
      assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize), '32px');
      await checkScreen(page, problems, viewport);
    });

    test('accessibility statement in German from the header navigation', async () => {
      const { page, problems } = await openUi(viewport, 'catalog.de');
      const view = views['catalog.de'];
      await expectScreen(page, 'catalog', message(view, 'catalog-heading'));
      await tabTo(page, '#nav-accessibility', 40);
      await page.keyboard.press('Enter');
      await expectScreen(page, 'accessibility', message(view, 'accessibility-heading'));
      assert.equal(await page.title(), message(view, 'accessibility-page-title'));
      const headings = await page.$$eval('main h2', (hs) => hs.map((h) => h.textContent.trim()));
      assert.deepEqual(headings, [
        message(view, 'accessibility-status-heading'),
        message(view, 'accessibility-limitations-heading'),
        message(view, 'accessibility-feedback-heading'),
        message(view, 'accessibility-enforcement-heading'),
      ]);
      assert.equal(
        (await page.textContent('#accessibility-feedback-contact')).trim(),
        message(view, 'accessibility-feedback-contact'),
      );
      assert.match(await page.textContent('#accessibility-enforcement-text, main'), /§ 16 BGG/);
      await checkScreen(page, problems, viewport);
    });

    test('my drafts in German from the header navigation, one deleted by keyboard', async () => {
      const { page, problems } = await openUi(viewport, 'catalog.de');
      const view = views['catalog.de'];
      const list = answers['drafts.de'];
      assert.equal(list.drafts.length, 2);
      await expectScreen(page, 'catalog', message(view, 'catalog-heading'));
      await openDrafts(page, view);
      await page.waitForSelector('#drafts-list');
      assert.deepEqual(await shownDrafts(page), await expectedDrafts(page, view, list));
      assert.match((await shownDrafts(page))[0].time, /2025/);
      for (const d of list.drafts) {
        for (const id of ['drafts-resume', 'drafts-delete']) {
          const name = `${message(view, id)} ${d.title}`;
          assert.equal(await page.getByRole('button', { name, exact: true }).count(), 1, name);
        }
      }
      await checkScreen(page, problems, viewport);

      // "Delete" asks first, inline; the question takes the focus.
      const [first, second] = list.drafts;
      await tabTo(page, `[id="draft-${first.draftId}-delete"]`, 40);
      await page.keyboard.press('Enter');
      await page.waitForFunction((id) => document.activeElement?.id === id, `draft-${first.draftId}-confirm`);
      assert.equal(
        (await page.textContent(`[id="draft-${first.draftId}-confirm"]`)).trim(),
        message(view, 'drafts-delete-question'),
      );
      await checkScreen(page, problems, viewport);

      // "Yes, delete": the next draft's heading takes the focus, the status says so.
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.id), `draft-${first.draftId}-delete-confirm`);
      await page.keyboard.press('Enter');
      await page.waitForFunction((id) => document.activeElement?.id === id, `draft-${second.draftId}-title`);
      await page.waitForFunction(
        (text) => document.getElementById('drafts-status')?.textContent.trim() === text,
        message(view, 'drafts-deleted'),
      );
      assert.deepEqual(
        await page.evaluate(() => window.__ipcCalls.filter((c) => c.cmd === 'delete_draft').map((c) => c.args)),
        [{ draftId: first.draftId }],
      );
      assert.deepEqual(
        (await shownDrafts(page)).map((d) => d.title),
        [second.title],
      );
      await checkScreen(page, problems, viewport);
    });

    test('my applications in English in every status, opened by keyboard, one printed', async () => {
      const all = Object.values(applications);
      const { page, problems } = await openUi(viewport, 'catalog.en', {
        applications: applicationsView(all, 'offline'),
      });
      const view = views['catalog.en'];
      await expectScreen(page, 'catalog', message(view, 'catalog-heading'));
      await tabTo(page, '#nav-applications');
      await page.keyboard.press('Enter');
      await expectScreen(page, 'applications', message(view, 'applications-heading'));
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'page-heading');
      assert.equal(await page.title(), message(view, 'applications-page-title'));
      assert.equal(await page.getAttribute('#nav-applications', 'aria-current'), 'page');
      assert.equal((await page.textContent('#applications-connection-text')).trim(), message(view, 'connection-offline'));
      assert.equal((await page.textContent('#applications-waiting')).trim(), 'One application is waiting to be sent.');
      for (const item of all) {
        assert.equal((await page.textContent(`[id="application-${item.applicationId}-status"]`)).trim(), item.statusText);
      }
      assert.equal(
        (await page.textContent(`[id="application-${applications.rejected.applicationId}-reason"]`)).trim(),
        applications.rejected.status.reason,
      );
      // A damaged one is listed, without a PDF to make.
      assert.equal(await page.$(`[id="application-${applications.damaged.applicationId}-print"]`), null);
      await checkScreen(page, problems, viewport);
      // "Print" by keyboard: the polite status says what was done.
      await page.focus(`[id="application-${applications.accepted.applicationId}-print"]`);
      await page.keyboard.press('Enter');
      await page.waitForFunction(
        (text) => document.getElementById('applications-status')?.textContent === text,
        answers['printout.opened.en'].message,
      );
      await checkScreen(page, problems, viewport);
    });

    test('my applications in German without any application', async () => {
      const { page, problems } = await openUi(viewport, 'catalog.de', {
        applications: { applications: [], waiting: 0, connection: 'online', waitingText: 'Kein Antrag wartet auf das Senden.' },
      });
      const view = views['catalog.de'];
      await expectScreen(page, 'catalog', message(view, 'catalog-heading'));
      await tabTo(page, '#nav-applications');
      await page.keyboard.press('Enter');
      await expectScreen(page, 'applications', message(view, 'applications-heading'));
      assert.equal((await page.textContent('#applications-empty')).trim(), message(view, 'applications-empty'));
      assert.equal((await page.textContent('#applications-connection-text')).trim(), message(view, 'connection-online'));
      await checkScreen(page, problems, viewport);
    });

    test('my drafts in English without any draft', async () => {
      const { page, problems } = await openUi(viewport, 'catalog.en', { drafts: { drafts: [], unavailable: null, unavailableDetail: null, versionsChanged: false } });
      const view = views['catalog.en'];
      await expectScreen(page, 'catalog', message(view, 'catalog-heading'));
      await openDrafts(page, view);
      await page.waitForSelector('#drafts-empty');
      assert.equal((await page.textContent('#drafts-empty')).trim(), message(view, 'drafts-empty'));
      assert.equal(await page.$('#drafts-list'), null);
      await checkScreen(page, problems, viewport);
    });

    test('my drafts in English with a damaged draft', async () => {
      const list = structuredClone(answers['drafts.en']);
      const [damaged, intact] = list.drafts;
      // What the shell writes for a draft whose summary fails its check (drafts-damaged).
      damaged.damaged = answer('refusals.en')['drafts-damaged'];
      damaged.progress = '';
      const { page, problems } = await openUi(viewport, 'catalog.en', { drafts: list });
      const view = views['catalog.en'];
      await expectScreen(page, 'catalog', message(view, 'catalog-heading'));
      await openDrafts(page, view);
      await page.waitForSelector(`[id="draft-${damaged.draftId}-damaged"]`);
      assert.deepEqual(await shownDrafts(page), await expectedDrafts(page, view, list));
      assert.equal(await page.$(`[id="draft-${damaged.draftId}-resume"]`), null);
      assert.ok(await page.$(`[id="draft-${damaged.draftId}-delete"]`));
      assert.ok(await page.$(`[id="draft-${intact.draftId}-resume"]`));
      await checkScreen(page, problems, viewport);
    });

    test('my drafts in German after the list of versions was changed, kept by keyboard', async () => {
      const list = answers['drafts.versions-changed.de'];
      const { page, problems } = await openUi(viewport, 'catalog.de', { drafts: list });
      const view = views['catalog.de'];
      await expectScreen(page, 'catalog', message(view, 'catalog-heading'));
      await openDrafts(page, view);
      await page.waitForSelector('#drafts-versions-changed');
      assert.equal(
        (await page.textContent('#drafts-versions-changed-text')).trim(),
        message(view, 'drafts-versions-changed'),
      );
      for (const d of list.drafts) {
        assert.equal(await page.$(`[id="draft-${d.draftId}-resume"]`), null);
        assert.ok(await page.$(`[id="draft-${d.draftId}-delete"]`));
        assert.equal(
          (await page.textContent(`[id="draft-${d.draftId}-unverified"]`)).trim(),
          message(view, 'drafts-unverified'),
        );
      }
      await checkScreen(page, problems, viewport);

      await tabTo(page, '#drafts-versions-keep', 40);
      await page.keyboard.press('Enter');
      const [first] = list.drafts;
      await page.waitForFunction((id) => document.activeElement?.id === id, `draft-${first.draftId}-title`);
      await page.waitForFunction(
        (text) => document.getElementById('drafts-status')?.textContent.trim() === text,
        message(view, 'drafts-versions-kept'),
      );
      assert.equal(await page.$('#drafts-versions-changed'), null);
      assert.ok(await page.$(`[id="draft-${first.draftId}-resume"]`));
      await checkScreen(page, problems, viewport);
    });

    test('my drafts in German when the vault cannot keep drafts', async () => {
      const view = views['catalog.de'];
      const unavailable = message(view, 'error-keychain-locked');
      const { page, problems } = await openUi(viewport, 'catalog.de', { drafts: { drafts: [], unavailable } });
      await expectScreen(page, 'catalog', message(view, 'catalog-heading'));
      await openDrafts(page, view);
      await page.waitForSelector('#drafts-unavailable');
      assert.equal(await page.getAttribute('#drafts-unavailable', 'role'), 'alert');
      assert.equal((await page.textContent('#drafts-unavailable')).trim(), unavailable);
      assert.equal(await page.$('#drafts-empty'), null);
      await checkScreen(page, problems, viewport);
    });

    test('a draft continued from my drafts, then saved for later', async () => {
      const { page, problems } = await openUi(viewport, 'catalog.de');
      const view = views['catalog.de'];
      const dog = answers['drafts.de'].drafts.find((d) => d.procedureId === 'dog-tax-registration');
      const started = answers['draft-started.dog-tax-registration.de'];
      await expectScreen(page, 'catalog', message(view, 'catalog-heading'));
      await openDrafts(page, view);
      await page.waitForSelector('#drafts-list');
      await tabTo(page, `[id="draft-${dog.draftId}-resume"]`, 40);
      await page.keyboard.press('Enter');
      await expectScreen(page, 'wizard', started.screen.view.heading);
      assert.deepEqual(
        await page.evaluate(() => window.__ipcCalls.filter((c) => c.cmd === 'resume_draft').map((c) => c.args)),
        [{ draftId: dog.draftId }],
      );
      assert.equal((await page.textContent('#save-later')).trim(), message(view, 'wizard-save-later'));
      await checkScreen(page, problems, viewport);

      await tabTo(page, '#save-later', 40);
      await page.keyboard.press('Enter');
      await expectScreen(page, 'drafts', message(view, 'drafts-heading'));
      await page.waitForFunction(
        (text) => document.getElementById('drafts-status')?.textContent.trim() === text,
        message(view, 'wizard-saved-later'),
      );
      assert.deepEqual(
        await page.evaluate(() => window.__ipcCalls.filter((c) => c.cmd === 'set_answers').map((c) => c.args.draftId)),
        [dog.draftId],
      );
      await page.waitForSelector('#drafts-list');
      await checkScreen(page, problems, viewport);
    });

    test('my data in English without a keychain: the passphrase offered, chosen with nothing typed', async () => {
      const view = views['catalog.en'];
      const data = answers['my-data.no-keychain.en'];
      const { page, problems } = await openUi(viewport, 'catalog.en', { myData: 'my-data.no-keychain.en' });
      await expectScreen(page, 'catalog', message(view, 'catalog-heading'));
      await openSettings(page, view);
      await page.waitForSelector('#my-data-passphrase');
      assert.equal((await page.textContent('#my-data-unavailable .kern-title')).trim(), data.unavailable);
      assert.equal((await page.textContent('#my-data-unavailable-details summary')).trim(), message(view, 'error-details'));
      assert.equal(await page.$('#my-data-export'), null);
      await checkScreen(page, problems, viewport);

      await tabTo(page, '#my-data-use-passphrase', 40);
      await page.keyboard.press('Enter');
      await page.waitForSelector('#my-data-keys-passphrase-error');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'my-data-keys-passphrase');
      assert.equal(
        (await page.textContent('#my-data-keys-passphrase-error')).trim(),
        answers['my-data.errors.en']['error-passphrase-empty'].message,
      );
      await checkScreen(page, problems, viewport);
    });

    test('my details in English, from My data by keyboard: what is kept, a change refused beside its field', async () => {
      const view = views['catalog.en'];
      const { page, problems } = await openUi(viewport, 'catalog.en');
      await expectScreen(page, 'catalog', message(view, 'catalog-heading'));
      await openSettings(page, view);
      await page.waitForSelector('#my-data-my-details-link');
      await tabTo(page, '#my-data-my-details-link', 60);
      await page.keyboard.press('Enter');
      await expectScreen(page, 'myDetails', message(view, 'my-details-heading'));
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'page-heading');
      assert.equal(await page.title(), message(view, 'my-details-page-title'));
      await page.waitForSelector('#my-details-kept');
      assert.equal((await page.textContent('#my-details-status')).trim(), message(view, 'my-details-keeping-on'));
      await checkScreen(page, problems, viewport);

      await tabTo(page, '#my-details-change', 20);
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'my-details-form-heading');
      await tabTo(page, '#my-details-save', 40);
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'my-details-errors');
      const refused = answers['my-details.refused.en'].fields.find((f) => f.error);
      const field = `#my-details-${refused.path.replaceAll('.', '-')}`;
      assert.equal(await page.getAttribute(field, 'aria-invalid'), 'true');
      assert.equal((await page.textContent(`${field}-error`)).trim(), refused.error);
      await checkScreen(page, problems, viewport);
    });

    test('my data in German: export with nothing typed, then delete all asks inline and returns to the first start', async () => {
      const view = views['catalog.de'];
      const { page, problems } = await openUi(viewport, 'catalog.de', { myData: 'my-data.passphrase-chosen.de' });
      await expectScreen(page, 'catalog', message(view, 'catalog-heading'));
      await openSettings(page, view);
      await page.waitForSelector('#my-data-export');
      await checkScreen(page, problems, viewport);

      await tabTo(page, '#my-data-export-submit', 60);
      await page.keyboard.press('Enter');
      await page.waitForSelector('#my-data-export-passphrase-error');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'my-data-export-passphrase');
      await checkScreen(page, problems, viewport);

      await tabTo(page, '#my-data-recovery-create', 60);
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'my-data-recovery-shown-heading');
      assert.equal(await page.$$eval('#my-data-recovery-code li', (items) => items.length), 7);
      await checkScreen(page, problems, viewport);
      // "Print" beside the code: the status says the PDF is open; the code stays.
      await tabTo(page, '#my-data-recovery-print', 10);
      await page.keyboard.press('Enter');
      const opened = answers[`printout.opened.${view.ui.locale}`].message;
      await page.waitForFunction((text) => document.getElementById('my-data-recovery-status')?.textContent?.trim() === text, opened);
      assert.equal(await page.$$eval('#my-data-recovery-code li', (items) => items.length), 7);
      await checkScreen(page, problems, viewport);

      await tabTo(page, '#my-data-delete', 60);
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'my-data-delete-question');
      assert.equal((await page.textContent('#my-data-delete-question')).trim(), message(view, 'my-data-delete-question'));
      await checkScreen(page, problems, viewport);

      await tabTo(page, '#my-data-delete-confirm');
      await page.keyboard.press('Enter');
      // Back at the first start, in German, which says so; a passphrase vault is gone,
      // so a new passphrase is asked for right there.
      await expectScreen(page, 'firstStart', message(views['first-start.de'], 'first-start-heading'));
      assert.equal((await page.textContent('#first-start-done')).trim(), message(view, 'my-data-deleted'));
      await page.waitForSelector('#first-start-not-kept-passphrase-form');
      await checkScreen(page, problems, viewport);
    });

    test('my data in English: unlock your drafts', async () => {
      const view = views['catalog.en'];
      const { page, problems } = await openUi(viewport, 'catalog.en', { myData: 'my-data.locked.en' });
      await expectScreen(page, 'catalog', message(view, 'catalog-heading'));
      await openSettings(page, view);
      await page.waitForSelector('#my-data-unlock');
      await checkScreen(page, problems, viewport);
      await tabTo(page, '#my-data-unlock-submit', 40);
      await page.keyboard.press('Enter');
      await page.waitForSelector('#my-data-unlock-passphrase-error');
      await checkScreen(page, problems, viewport);
      // The passphrase forgotten: the recovery code, refused beside its field.
      await tabTo(page, '#my-data-recover-submit', 40);
      await page.keyboard.press('Enter');
      await page.waitForSelector('#my-data-recover-code-error');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'my-data-recover-code');
      await checkScreen(page, problems, viewport);
    });

    test('first start with notices', async () => {
      const { page, problems } = await openUi(viewport, 'first-start.de.notices');
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
