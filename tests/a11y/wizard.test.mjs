// Accessibility of every page type of the wizard (question page, group page, exit page,
// task list, check your answers, complete) in Debian's Chromium with axe-core: WCAG 2.0,
// 2.1 and 2.2 A/AA tags, no rule disabled, nothing excluded; every page at 1280 px, and
// each page type in each of its states at 320 px (no horizontal scrolling), with forced
// colours emulated and at 320 px in dark mode. In those three modes a question page is
// checked once per state and field kind (`oncePerKind`), not once per page: the pages
// of a kind render the same controls the same way, and the end-to-end pseudo-locale run
// checks every page of every procedure at 320 px for horizontal scrolling.
//
// The page under test is the wizard's own test entry `ui/src/wizard/harness/` (built here
// with its own Vite config into a temporary folder, never part of the app's build): it
// mounts only `Wizard.svelte`, under the app's CSP, with the IPC mocked from the fixtures
// that `crates/procedure/tests/it/ui_fixtures.rs` writes from the real engine and texts.
// The states "with errors" are reached the way a citizen reaches them: "Continue" with
// nothing typed, the mocked IPC answering with what the engine answered.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { answer as appAnswer, fixture as appFixture, message, repoRoot } from '../support/paths.mjs';
import { analyze, controlsWithoutEdges, describeViolations, unexplainedIncomplete } from '../support/axe.mjs';
import { launchChromium } from '../support/chromium.mjs';
import { classesWithoutRules } from '../support/styles.mjs';
import { reusedPage } from '../support/reused-page.mjs';
import { applications, applicationsView, submitted } from '../support/applications.mjs';
import { mockIpc, startWizardHarness, stepOf, wizardFixture as wizard } from '../support/wizard-harness.mjs';

const texts = { de: appFixture('catalog.de'), en: appFixture('catalog.en') };
const fixtures = {
  dogDe: wizard('dog-tax-registration.de'),
  dogEn: wizard('dog-tax-registration.en'),
  exitDe: wizard('dog-tax-registration.exit.de'),
  exitEn: wizard('dog-tax-registration.exit.en'),
  businessEn: wizard('business-registration.en'),
  businessDe: wizard('business-registration.de'),
};
// What "Download PDF" and "Print" answered in the core's tests (crates/app/tests/it/printouts.rs).
const printouts = {
  saved: { de: appAnswer('printout.saved.de'), en: appAnswer('printout.saved.en') },
  opened: { de: appAnswer('printout.opened.de'), en: appAnswer('printout.opened.en') },
};
const question = (view) => ({ screen: 'question', view });

// `every`: every page and state; the other modes check each page type in each of its
// states, and question pages once per state and field kind.
const modes = [
  { name: '1280 px', width: 1280, height: 800, colorScheme: 'light', every: true },
  { name: '320 px', width: 320, height: 640, colorScheme: 'light' },
  { name: 'forced colours', width: 1280, height: 800, colorScheme: 'dark', forcedColors: 'active' },
  // Dark mode follows the system.
  { name: '320 px, dark', width: 320, height: 640, colorScheme: 'dark' },
];

let browser;
let server;

before(async () => {
  server = await startWizardHarness();
  browser = await launchChromium();
});

after(async () => {
  for (const name of pages.keys()) await closePage(name);
  await browser?.close();
  await server?.close();
});

/** One page per mode, reused by its tests (tests/support/reused-page.mjs). */
const pages = new Map();

/** A new document of the wizard's test page, its IPC answering from the fixtures. */
async function openWizard(mode, { fixture, initial, replies = {} }) {
  let ui = pages.get(mode.name);
  if (!ui) {
    ui = await reusedPage(browser, {
      viewport: { width: mode.width, height: mode.height },
      colorScheme: mode.colorScheme,
      forcedColors: mode.forcedColors ?? 'none',
    });
    pages.set(mode.name, ui);
  }
  await ui.open(`${server.url}?draft=${encodeURIComponent(fixture.draftId)}`, mockIpc, {
    appView: texts[fixture.locale],
    initial,
    replies,
  });
  return { page: ui.page, problems: ui.problems };
}

/** Closes the page of a mode once its tests are done: one browser page at a time. */
async function closePage(name) {
  await pages.get(name)?.close();
  pages.delete(name);
}

/** Waits until `#page-heading` says `heading` (an "optional" marker may follow). */
async function expectHeading(page, heading) {
  await page.waitForFunction(
    (heading) => {
      const text = document.getElementById('page-heading')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
      return text === heading || text.startsWith(`${heading} `);
    },
    heading,
    { timeout: 10_000 },
  );
  await page.waitForFunction(() => document.activeElement?.id === 'page-heading', null, { timeout: 5_000 });
}

/**
 * The rows of check your answers that have a "Change", by key: each row that can be
 * changed, and each instance of a repeating group once (its answers have none).
 */
function changeLinks(items) {
  return items.flatMap((item) => {
    if (item.type === 'row') return item.changePageId ? [item.key] : [];
    if (item.instances.every((i) => i.changeFocus !== null)) return item.instances.map((_, i) => `${item.key}.${i}`);
    return item.instances.flatMap((i) => changeLinks(i.items));
  });
}

/** "Continue" with nothing typed: the error summary comes and has the focus. */
async function continueWithErrors(page, view, locale) {
  await page.click('#continue');
  await page.waitForFunction(() => document.activeElement?.id === 'error-summary', null, { timeout: 5_000 });
  const links = await page.$$eval('#error-summary a', (as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
  assert.deepEqual(
    links,
    view.errors.map((e) => [e.message, `#${e.key}`]),
  );
  const prefix = message(texts[locale], 'wizard-error-prefix');
  await page.waitForFunction((prefix) => document.title.startsWith(`${prefix} `), prefix, { timeout: 5_000 });
  // Each field the summary links to is marked invalid; only a radio, which takes no
  // aria-invalid of its own (its group's legend and message say it), may go without.
  for (const error of view.errors) {
    const target = await page.evaluate((key) => {
      const el = document.getElementById(key);
      return el && { tag: el.tagName, type: el.getAttribute('type'), invalid: el.getAttribute('aria-invalid') };
    }, error.key);
    assert.ok(target, `${error.key}: the error summary links to nothing`);
    const radio = target.tag === 'INPUT' && target.type === 'radio';
    assert.ok(target.invalid === 'true' || (radio && target.invalid === null), `${error.key}: ${JSON.stringify(target)}`);
  }
}

async function checkPage(page, problems, mode) {
  const results = await analyze(page);
  assert.ok(results.passes.length > 0, 'axe ran no checks at all');
  assert.equal(results.violations.length, 0, `axe violations:\n${describeViolations(results.violations)}`);
  const needsReview = await unexplainedIncomplete(page, results.incomplete, mode);
  assert.equal(needsReview, '', `axe could not decide, and no accepted reason explains it:\n${needsReview}`);
  const widths = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  if (mode.width === 320) {
    assert.equal(widths.clientWidth, 320);
    assert.ok(widths.scrollWidth <= widths.clientWidth, `horizontal scrolling at 320 px: ${JSON.stringify(widths)}`);
  }
  assert.equal(
    await page.evaluate(() => matchMedia('(forced-colors: active)').matches),
    mode.forcedColors === 'active',
  );
  assert.equal(
    await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches),
    mode.colorScheme === 'dark',
  );
  if (mode.forcedColors === 'active') {
    assert.deepEqual(await controlsWithoutEdges(page), [], 'controls without a visible edge in forced colours');
  }
  assert.deepEqual(await classesWithoutRules(page), [], 'KERN classes whose rules the build purged');
  assert.deepEqual(problems, [], 'the page reported errors or warnings');
}

/** Question pages: every page of the dog tax (de) and the business registration (en). */
const questionCases = [];
for (const fixture of [fixtures.dogDe, fixtures.businessEn]) {
  for (const step of fixture.steps) {
    const kind = step.empty.items.some((i) => i.type === 'group' && i.repeatable) ? 'group page' : 'question page';
    questionCases.push({ kind, state: 'empty', fixture, step, view: step.empty });
    if (step.invalid) questionCases.push({ kind, state: 'with errors', fixture, step, view: step.invalid });
    questionCases.push({ kind, state: 'filled', fixture, step, view: step.filled });
  }
}

/** The field kinds a page shows, groups (repeatable or not) counted as kinds of their own. */
function fieldKinds(items, kinds = new Set()) {
  for (const item of items) {
    if (item.type === 'field') kinds.add(item.kind);
    else {
      kinds.add(item.repeatable ? 'repeatable group' : 'group');
      for (const instance of item.instances) fieldKinds(instance.items, kinds);
    }
  }
  return kinds;
}

/**
 * The fewest cases (chosen greedily, in the cases' order on ties) that show every page
 * type in every state with every field kind it has anywhere; the rest repeat them.
 */
function oncePerKind(cases) {
  const shows = (c) => [...fieldKinds(c.view.items)].map((k) => `${c.kind}|${c.state}|${k}`);
  const missing = new Set(cases.flatMap(shows));
  const chosen = [];
  while (missing.size > 0) {
    let best = null;
    let bestCount = 0;
    for (const c of cases) {
      const count = shows(c).filter((s) => missing.has(s)).length;
      if (count > bestCount) [best, bestCount] = [c, count];
    }
    chosen.push(best);
    for (const s of shows(best)) missing.delete(s);
  }
  return cases.filter((c) => chosen.includes(c));
}

const questionCasesOncePerKind = oncePerKind(questionCases);

for (const mode of modes) {
  describe(`wizard at ${mode.name}`, () => {
    after(() => closePage(mode.name));
    for (const c of mode.every ? questionCases : questionCasesOncePerKind) {
      test(`${c.kind} ${c.fixture.procedureId}/${c.step.page} (${c.fixture.locale}), ${c.state}`, async () => {
        const initial = question(c.state === 'filled' ? c.step.filled : c.step.empty);
        const replies = { continue_page: [{ outcome: 'invalid', view: c.step.invalid }] };
        const { page, problems } = await openWizard(mode, { fixture: c.fixture, initial, replies });
        await expectHeading(page, c.view.heading);
        if (c.view.step.current > 0) {
          assert.ok((await page.textContent('#step')).includes(c.view.step.text));
        }
        if (c.state === 'with errors') await continueWithErrors(page, c.step.invalid, c.fixture.locale);
        await checkPage(page, problems, mode);
      });
    }

    test('group page: "Add another" adds a third dog', async () => {
      const dogs = stepOf(fixtures.dogEn, 'dogs');
      const { page, problems } = await openWizard(mode, {
        fixture: fixtures.dogEn,
        initial: question(dogs.filled),
        replies: { draft_screen: [question(dogs.added)] },
      });
      await expectHeading(page, dogs.filled.heading);
      const group = dogs.added.items[0];
      await page.getByRole('button', { name: group.addLabel }).click();
      const third = group.instances[2];
      await page.waitForFunction((label) => document.activeElement?.textContent?.trim() === label, third.label);
      await checkPage(page, problems, mode);
    });

    test('group page: the remove confirmation', async () => {
      const dogs = stepOf(fixtures.dogDe, 'dogs');
      const { page, problems } = await openWizard(mode, { fixture: fixtures.dogDe, initial: question(dogs.filled) });
      await expectHeading(page, dogs.filled.heading);
      const second = dogs.filled.items[0].instances[1];
      await page.getByRole('button', { name: second.removeLabel }).click();
      // The confirmation's button names the dog again ("2. Hund entfernen").
      await page.getByRole('group').getByRole('button', { name: second.removeLabel }).waitFor();
      assert.ok((await page.evaluate(() => document.activeElement?.textContent)).includes(message(texts.de, 'wizard-remove-question')));
      await checkPage(page, problems, mode);
    });

    test('question page: a file field with a file picked through the OS dialog', async () => {
      // The business registration's permit page: the dog tax asks for insurance only for a
      // dangerous dog, which its fixture's walk has not.
      const permit = stepOf(fixtures.businessEn, 'permit');
      const fileField = permit.empty.items.find((item) => item.kind === 'file');
      // The file the business registration's walk attaches (crates/procedure/tests/walks).
      const walk = JSON.parse(readFileSync(path.join(repoRoot, 'crates/procedure/tests/walks/business-registration.json'), 'utf8'));
      const file = JSON.stringify(walk).match(/"file":(\{[^}]*\})/);
      const picked = JSON.parse(file[1]);
      const { page, problems } = await openWizard(mode, {
        fixture: fixtures.businessEn,
        initial: question(permit.empty),
        replies: { pick_attachment: [picked] },
      });
      await expectHeading(page, permit.empty.heading);
      await page.getByRole('button', { name: message(texts.en, 'wizard-file-choose') }).click();
      await page.getByText(picked.name).waitFor();
      const calls = await page.evaluate(() => window.__ipcCalls.filter((c) => c.cmd === 'pick_attachment'));
      assert.deepEqual(calls, [
        { cmd: 'pick_attachment', args: { draftId: fixtures.businessEn.draftId, fieldId: fileField.fieldId } },
      ]);
      await checkPage(page, problems, mode);
    });

    const taskLists = [
      ['not started', fixtures.businessEn.first.view],
      ['in progress', fixtures.businessEn.steps.find((s) => s.page === 'start-date').taskList],
      ['completed', fixtures.businessDe.end.view],
    ];
    for (const [state, view] of taskLists) {
      test(`task list, ${state}`, async () => {
        const fixture = view.sections[0].title === fixtures.businessDe.end.view.sections[0].title ? fixtures.businessDe : fixtures.businessEn;
        const { page, problems } = await openWizard(mode, { fixture, initial: { screen: 'taskList', view } });
        await expectHeading(page, view.title);
        for (const section of view.sections) {
          assert.equal((await page.textContent(`#task-${section.sectionId}-status`)).trim(), section.statusText);
        }
        assert.equal(await page.$$eval('.amtsweg-task a', (as) => as.length), view.sections.filter((s) => s.firstPageId).length);
        await checkPage(page, problems, mode);
      });
    }

    // The exit page in English repeats the German one's page type and state.
    for (const fixture of mode.every ? [fixtures.exitDe, fixtures.exitEn] : [fixtures.exitDe]) {
      test(`exit page (${fixture.locale})`, async () => {
        const { page, problems } = await openWizard(mode, { fixture, initial: fixture.end });
        await expectHeading(page, fixture.end.view.title);
        assert.ok((await page.textContent('.amtsweg-exit')).includes(fixture.end.view.body.split('\n')[0].trim()));
        await checkPage(page, problems, mode);
      });
    }

    // Filled, the dog tax's check your answers repeats the business registration's.
    for (const [state, fixture, summary] of [
      ['empty, with its open problems', fixtures.businessEn, fixtures.businessEn.checkAnswersIncomplete],
      ...(mode.every ? [['filled', fixtures.dogDe, fixtures.dogDe.checkAnswers]] : []),
      ['filled', fixtures.businessEn, fixtures.businessEn.checkAnswers],
    ]) {
      test(`check your answers ${fixture.procedureId} (${fixture.locale}), ${state}`, async (t) => {
        const { page, problems } = await openWizard(mode, { fixture, initial: { screen: 'checkAnswers', view: summary } });
        await page.waitForFunction(
          (heading) => document.getElementById('page-heading')?.textContent?.trim() === heading,
          message(texts[fixture.locale], 'wizard-check-answers-heading'),
        );
        for (const section of summary.sections) {
          assert.ok(await page.getByRole('heading', { level: 2, name: section.title }).isVisible());
        }
        assert.equal(await page.$$eval('#error-summary a', (as) => as.length), summary.errors.length);
        assert.ok(await page.getByRole('button', { name: summary.submitLabel }).isVisible());
        for (const id of ['print-download', 'print-print']) {
          assert.ok(await page.getByRole('button', { name: message(texts[fixture.locale], id) }).isVisible());
        }
        // One "Change" per row, per address and per group instance, none per instance's answer.
        const change = message(texts[fixture.locale], 'wizard-change');
        const shown = await page.$$eval('.amtsweg-check a[id^="change-"]', (as) => as.map((a) => a.id));
        assert.deepEqual(shown, changeLinks(summary.sections.flatMap((s) => s.items)).map((key) => `change-${key}`));
        const linkTexts = await page.$$eval('.amtsweg-check a', (as) => as.map((a) => a.textContent ?? ''));
        assert.equal(linkTexts.filter((text) => text.startsWith(change)).length, shown.length);
        await checkPage(page, problems, mode);
        // The link after the heading skips the answers: Tab, Enter, and "Submit" has the focus.
        await page.focus('#page-heading');
        await page.keyboard.press('Tab');
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'skip-to-submit');
        assert.equal(
          (await page.textContent('#skip-to-submit')).trim(),
          message(texts[fixture.locale], 'wizard-check-answers-skip'),
        );
        await page.keyboard.press('Enter');
        await page.waitForFunction(() => document.activeElement?.id === 'submit', null, { timeout: 5_000 });
        if (mode.every && fixture === fixtures.dogDe) {
          const height = await page.evaluate(() => document.documentElement.scrollHeight);
          t.diagnostic(`check your answers, dog tax with two dogs: ${shown.length} Change links, ${height} px high at ${mode.width} px`);
        }
      });
    }

    test('confirmation page after "Submit application"', async () => {
      const fixture = fixtures.dogEn;
      const summary = fixture.checkAnswers;
      const waiting = { ...applications.submitted, status: { status: 'waiting', lastError: null }, statusText: 'Waiting to be sent', caseId: null, receivedMs: null };
      const { page, problems } = await openWizard(mode, {
        fixture,
        initial: { screen: 'checkAnswers', view: summary },
        replies: {
          submit_application: [submitted(waiting)],
          list_applications: [applicationsView([waiting], 'unknown')],
          download_sent_application_pdf: [printouts.saved.en],
          print_sent_application: [printouts.opened.en],
          // The first application: My details are offered (what the core offered).
          my_details_offer: [appAnswer('my-details.offer.en')],
          set_my_details_keeping: [appAnswer('my-details.kept.en')],
        },
      });
      await page.getByRole('button', { name: summary.submitLabel }).click();
      await expectHeading(page, message(texts.en, 'confirmation-waiting-heading'));
      await page.waitForSelector('#confirmation-facts');
      await page.waitForSelector('#my-details-offer');
      assert.equal(
        (await page.textContent('#confirmation-waiting')).trim(),
        message(texts.en, 'confirmation-waiting-text'),
      );
      await checkPage(page, problems, mode);
      // With the status after "Download PDF", then after "Print" (keyboard: Enter).
      await page.getByRole('button', { name: message(texts.en, 'print-download') }).click();
      await page.waitForFunction((text) => document.getElementById('print-status')?.textContent === text, printouts.saved.en.message);
      await checkPage(page, problems, mode);
      await page.getByRole('button', { name: message(texts.en, 'print-print') }).focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction((text) => document.getElementById('print-status')?.textContent === text, printouts.opened.en.message);
      // "Yes, keep them" by keyboard: the answer takes the focus.
      await page.getByRole('button', { name: message(texts.en, 'my-details-offer-yes') }).focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'my-details-offer-answer');
      await checkPage(page, problems, mode);
      await page.getByRole('button', { name: message(texts.en, 'wizard-back-to-services') }).click();
      assert.equal(await page.evaluate(() => window.__wizardLeft), 1);
    });
  });
}
