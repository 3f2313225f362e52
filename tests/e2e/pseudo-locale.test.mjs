// The pseudo-locale run (issue 6) in the real app: the accented, lengthened pseudo-locale
// that the l10n crate generates from German (every Fluent message and paragraph wrapped
// in ⟦ ⟧), chosen in the developer settings of this debug build. Every screen of the
// citizen's journey is shown in the real UI, and on each:
//
// - every visible text node, the `alt`, `placeholder`, `aria-label` and `title`
//   attributes and the document's title must be made of nothing but marked Fluent pieces
//   (and spaces), unless they lie inside an element marked `translate="no"` (proper
//   names, what the citizen typed, file names, calculated values); a failure names the
//   screen, the text and a CSS path;
// - the layout is measured at 1280 px (the window) and at 320 px (the same page laid out
//   again in a 320 px wide frame: the window cannot be narrower than its minWidth of
//   360 px): elements whose content is wider than their box are reported, and horizontal
//   scrolling of the document (a WCAG 1.4.10 reflow failure) fails the test. The 320 px
//   layout is also reported at the largest in-app text size (200 %), which is more than
//   reflow asks for, so it is reported and never fails.
//
// The report is printed and written to target/pseudo-locale-report.txt. Answers of the
// long procedure are filled through the IPC (as attachment.test.mjs does), but every
// screen is rendered by the real UI.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fixture, message, repoRoot } from '../support/paths.mjs';
import { freshDirs } from '../support/tmp.mjs';
import { Key, launch } from './harness.mjs';

const REPORT = path.join(repoRoot, 'target', 'pseudo-locale-report.txt');
/** "Musterstadt (Demo)", which offers every bundled procedure. */
const DEMO_ARS = '066990999999';
const OPEN = '⟦';
const CLOSE = '⟧';

const firstStartDe = fixture('first-start.de');
const walk = (id) =>
  JSON.parse(readFileSync(path.join(repoRoot, 'crates', 'procedure', 'tests', 'walks', `${id}.json`), 'utf8'));

/** `{{today}}`, `{{today+Nd}}`, `{{today-Nd}}` of the walk files as ISO dates (UTC). */
function expandDates(value, today = Date.now()) {
  if (typeof value === 'string') {
    return value.replace(/\{\{\s*today(?:([+-])(\d+)d)?\s*\}\}/g, (_, sign, days) => {
      const date = new Date(today);
      if (sign) date.setUTCDate(date.getUTCDate() + (sign === '+' ? 1 : -1) * Number(days));
      return date.toISOString().slice(0, 10);
    });
  }
  if (Array.isArray(value)) return value.map((v) => expandDates(v, today));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandDates(v, today)]));
  }
  return value;
}

/** Whether `text` is nothing but whole ⟦…⟧ pieces (nested ones allowed) and spaces. */
function isMarked(text) {
  let depth = 0;
  for (const c of text) {
    if (c === OPEN) depth++;
    else if (c === CLOSE) {
      if (depth === 0) return false;
      depth--;
    } else if (depth === 0 && !/\s/u.test(c)) return false;
  }
  return depth === 0;
}

test('the marker check accepts only whole marked pieces', () => {
  assert.ok(isMarked('⟦Ŵéíťéŕ ĺó⟧'));
  assert.ok(isMarked(' ⟦Á⟧ ⟦Ḃ ⟦Ç⟧⟧\n'));
  assert.ok(!isMarked('⟦Á⟧:'));
  assert.ok(!isMarked('Weiter'));
  assert.ok(!isMarked('⟦Á'));
  assert.ok(!isMarked('⟦Á⟧⟧'));
});

// --- what runs in the page (no access to this module's scope) ---

/**
 * Collects the visible texts outside `translate="no"` and the layout of the document
 * the function is given (the page, or the 320 px frame). Returns plain data.
 */
function inspectDocument(doc, withTexts) {
  const win = doc.defaultView;
  const cssPath = (el) => {
    const parts = [];
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      if (e.id) {
        parts.unshift(`${e.localName}#${CSS.escape(e.id)}`);
        break;
      }
      let part = e.localName;
      const classes = [...e.classList].slice(0, 2);
      if (classes.length > 0) part += `.${classes.map((c) => CSS.escape(c)).join('.')}`;
      const parent = e.parentElement;
      if (parent) {
        const same = [...parent.children].filter((s) => s.localName === e.localName);
        if (same.length > 1) part += `:nth-of-type(${same.indexOf(e) + 1})`;
      }
      parts.unshift(part);
    }
    return parts.join(' > ');
  };
  const rendered = (el) => {
    for (let e = el; e; e = e.parentElement) {
      if (win.getComputedStyle(e).display === 'none') return false;
    }
    const visibility = win.getComputedStyle(el).visibility;
    return visibility !== 'hidden' && visibility !== 'collapse';
  };
  const excluded = (el) => el.closest('[translate]')?.getAttribute('translate') === 'no';

  const texts = [];
  if (withTexts) {
    const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || ['script', 'style', 'noscript', 'template'].includes(el.localName)) continue;
      if (node.data.trim() === '' || !rendered(el) || excluded(el)) continue;
      texts.push({ what: 'text', text: node.data.trim(), path: cssPath(el) });
    }
    for (const el of doc.body.querySelectorAll('[alt], [placeholder], [aria-label], [title]')) {
      if (!rendered(el) || excluded(el)) continue;
      for (const name of ['alt', 'placeholder', 'aria-label', 'title']) {
        const value = el.getAttribute(name);
        if (value !== null && value.trim() !== '') texts.push({ what: `@${name}`, text: value.trim(), path: cssPath(el) });
      }
    }
    texts.push({ what: 'document.title', text: doc.title.trim(), path: 'title' });
  }

  // Content wider than its box; only the innermost such element of a nesting counts
  // (its ancestors are as wide only because of it). Screen-reader-only text is clipped
  // to a pixel on purpose; a form control's scroll width measures its options or value.
  const wide = [];
  for (const el of doc.body.querySelectorAll('*')) {
    if (['select', 'option', 'input', 'textarea'].includes(el.localName)) continue;
    if (el.clientWidth <= 1 || !rendered(el)) continue;
    if (el.scrollWidth > el.clientWidth + 1) wide.push(el);
  }
  const innermost = wide.filter((el) => !wide.some((other) => other !== el && el.contains(other)));
  const overflowing = innermost.map((el) => ({
    path: cssPath(el),
    scrollWidth: el.scrollWidth,
    clientWidth: el.clientWidth,
    overflowX: win.getComputedStyle(el).overflowX,
    text: (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 100),
  }));
  const root = doc.documentElement;
  return {
    viewport: win.innerWidth,
    document: { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth },
    overflowing,
    texts,
  };
}

/** The page as rendered, in the window. */
function inspectPage(app) {
  // A script as text, because WebDriver runs source, not closures (and the app's CSP
  // forbids the page to compile source itself).
  return app.browser
    .execute(`const inspect = ${inspectDocument}; return JSON.stringify(inspect(document, true));`)
    .then(JSON.parse);
}

/**
 * The page as rendered, copied (without scripts) into a 320 px wide frame on the same
 * origin, so that the app's style sheets and media queries apply as in a 320 px window;
 * laid out there and measured, then removed.
 */
function at320(inspect, done) {
  const html = `<!DOCTYPE html>${document.documentElement.outerHTML}`.replace(/<script\b[\s\S]*?<\/script>/gi, '');
  const frame = document.createElement('iframe');
  frame.width = '320';
  frame.height = '640';
  frame.setAttribute('aria-hidden', 'true');
  document.body.append(frame);
  const doc = frame.contentDocument;
  doc.open();
  doc.write(html);
  doc.close();
  const sheets = [...doc.querySelectorAll('link[rel="stylesheet"]')].map(
    (link) =>
      new Promise((resolve) => {
        if (link.sheet) resolve();
        else {
          link.addEventListener('load', resolve, { once: true });
          link.addEventListener('error', resolve, { once: true });
        }
      }),
  );
  // WebKit runs no animation frames for a frame outside the window; reading the layout
  // lays the frame out at once, so its width is polled until it is what was asked for.
  const until = (condition, what) =>
    new Promise((resolve, reject) => {
      const started = Date.now();
      const check = () => {
        if (condition()) resolve();
        else if (Date.now() - started > 5000) reject(new Error(`timed out waiting for ${what}`));
        else setTimeout(check, 2);
      };
      check();
    });
  // A frame's border is not part of its viewport: widen it by what the border takes.
  frame.style.border = '0';
  const widen = () => {
    frame.width = String(640 - frame.contentWindow.innerWidth);
  };
  Promise.all(sheets)
    .then(() => doc.fonts.ready)
    .then(() => until(() => frame.contentWindow.innerWidth > 0, 'the frame to be laid out'))
    .then(widen)
    .then(() => until(() => frame.contentWindow.innerWidth === 320, 'the frame to be 320 px wide'))
    .then(() => {
      const result = inspect(doc, false);
      result.sheets = doc.styleSheets.length;
      // The same at the largest in-app text size, for the report only (that is twice
      // what WCAG's reflow asks for).
      const root = doc.documentElement;
      for (const name of [...root.classList]) if (name.startsWith('amtsweg-text-')) root.classList.remove(name);
      root.classList.add('amtsweg-text-200');
      result.text200 = inspect(doc, false);
      frame.remove();
      done(JSON.stringify(result));
    })
    .catch((error) => {
      frame.remove();
      done(JSON.stringify({ error: String(error) }));
    });
}

function inspectAt320(app) {
  return app.browser
    .executeAsync(`(${at320})(${inspectDocument}, arguments[arguments.length - 1]);`)
    .then(JSON.parse);
}

// --- the run ---

/** What the run found on every screen, for the assertions and the report. */
class Findings {
  constructor() {
    this.screens = [];
  }

  async record(app, screen) {
    // Let the page settle: fonts, a pending re-render.
    await app.browser.executeAsync((done) => document.fonts.ready.then(() => requestAnimationFrame(() => done())));
    const page = await inspectPage(app);
    const narrow = await inspectAt320(app);
    assert.equal(narrow.error, undefined, `${screen}: the 320 px frame failed: ${narrow.error}`);
    assert.ok(narrow.sheets > 0, `${screen}: the 320 px frame has no style sheets`);
    assert.equal(narrow.viewport, 320, `${screen}: the frame is not 320 px wide`);
    assert.ok(page.texts.length > 3, `${screen}: hardly any text found: ${JSON.stringify(page.texts)}`);
    this.screens.push({
      screen,
      texts: page.texts.length,
      unmarked: page.texts.filter((t) => !isMarked(t.text)),
      wide: { 1280: page, 320: narrow, '320 px, text 200 %': narrow.text200 },
    });
  }

  report() {
    const lines = ['Pseudo-locale run: every screen of the journey in the pseudo-locale (qps-Ploc).', ''];
    for (const s of this.screens) {
      lines.push(`== ${s.screen} (${s.texts} texts checked)`);
      if (s.unmarked.length === 0) lines.push('   texts: all from Fluent or marked translate="no"');
      for (const t of s.unmarked) lines.push(`   NOT FROM FLUENT (${t.what}) ${JSON.stringify(t.text)} at ${t.path}`);
      for (const width of [1280, 320, '320 px, text 200 %']) {
        const layout = s.wide[width];
        const doc = layout.document;
        const scrolls = doc.scrollWidth > doc.clientWidth;
        lines.push(
          `   ${typeof width === 'number' ? `${width} px` : width}: document ${doc.scrollWidth}/${doc.clientWidth} px${scrolls ? ' HORIZONTAL SCROLLING' : ''}; ` +
            `${layout.overflowing.length} element(s) with content wider than their box`,
        );
        for (const o of layout.overflowing) {
          lines.push(
            `     ${o.path}: ${o.scrollWidth} px in ${o.clientWidth} px (overflow-x ${o.overflowX}) ${JSON.stringify(o.text)}`,
          );
        }
      }
      lines.push('');
    }
    return lines.join('\n');
  }

  failures() {
    const out = [];
    for (const s of this.screens) {
      for (const t of s.unmarked) out.push(`${s.screen}: ${t.what} ${JSON.stringify(t.text)} is not from Fluent (${t.path})`);
      for (const width of [1280, 320]) {
        const doc = s.wide[width].document;
        if (doc.scrollWidth > doc.clientWidth) {
          out.push(`${s.screen}: the document scrolls horizontally at ${width} px (${doc.scrollWidth} > ${doc.clientWidth})`);
        }
      }
    }
    return out;
  }
}

/**
 * Activates an element as a click does, from the page itself: this run is about what
 * the screens show, and WebDriver's pointer misses KERN's radios and links scrolled out
 * of the window under WebKitWebDriver. (Choosing the pseudo-locale goes by keyboard.)
 */
async function click(app, selector) {
  const element = await app.browser.$(selector);
  await element.waitForExist({ timeout: 10_000, timeoutMsg: `${selector} does not exist` });
  await app.browser.execute((sel) => {
    const target = document.querySelector(sel);
    target.scrollIntoView({ block: 'center' });
    target.click();
  }, selector);
}

/** Waits until `check()` (run in the page with `arg`) is true. */
async function waitInPage(app, what, check, arg = null) {
  let last;
  await app.browser
    .waitUntil(
      async () => {
        last = await app.browser.execute(check, arg);
        return last === true;
      },
      { timeout: 15_000, interval: 50, timeoutMsg: `waited for ${what}` },
    )
    .catch((error) => {
      error.message += `; last ${JSON.stringify(last)}\n${app.diagnostics()}`;
      throw error;
    });
}

async function onScreen(app, screen) {
  const shown = () =>
    app.browser.execute(() => ({
      screen: document.getElementById('main')?.dataset.screen ?? null,
      heading: document.getElementById('page-heading')?.textContent.trim() ?? null,
    }));
  let last;
  await app.browser
    .waitUntil(
      async () => {
        last = await shown();
        return last.screen === screen && last.heading !== null;
      },
      { timeout: 15_000, interval: 50, timeoutMsg: `waited for the screen ${screen}` },
    )
    .catch((error) => {
      error.message += `; last ${JSON.stringify(last)}\n${app.diagnostics()}`;
      throw error;
    });
}

/**
 * The wizard's screen, page, draft, whether it shows an error summary, and whether a
 * command of the page is on its way (the form is `aria-busy` until its answer came).
 */
function wizardState(app) {
  return app.browser.execute(() => ({
    screen: document.querySelector('.amtsweg-wizard')?.dataset.wizardScreen ?? null,
    page: document.querySelector('.amtsweg-wizard-page')?.dataset.page ?? null,
    errors: document.getElementById('error-summary') !== null,
    draft: document.querySelector('.amtsweg-wizard')?.dataset.draft ?? null,
    busy: document.querySelector('.amtsweg-question[aria-busy="true"]') !== null,
  }));
}

async function waitForWizard(app, wanted, what) {
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
      error.message += `; last ${JSON.stringify(last)}\n${app.diagnostics()}`;
      throw error;
    });
  return last;
}

/** Stores the answers of a walk branch's pages in a draft, through the IPC. */
async function storeAnswers(app, draftId, pages) {
  for (const page of pages) {
    if (!page.answers || Object.keys(page.answers).length === 0) continue;
    const answer = await app.browser.executeAsync(
      (draft, pageId, answers, done) => {
        window.__TAURI_INTERNALS__
          .invoke('set_answers', { draftId: draft, pageId, answers })
          .then(
            () => done(JSON.stringify({ ok: true })),
            (error) => done(JSON.stringify({ error })),
          );
      },
      draftId,
      page.page,
      expandDates(page.answers),
    );
    const parsed = JSON.parse(answer);
    assert.equal(parsed.error, undefined, `set_answers ${page.page}: ${JSON.stringify(parsed.error)}`);
  }
}

/**
 * The checks can fail: a hard-coded text, a text inside `translate="no"`, a line too
 * long for its box and for the window, put into the real page for a moment, are found
 * (or left alone) as they must be, at both widths.
 */
async function probeTheProbes(app) {
  await app.browser.execute(() => {
    const main = document.getElementById('main');
    const text = document.createElement('p');
    text.className = 'pseudo-probe';
    text.textContent = 'Hard-coded';
    const name = document.createElement('p');
    name.className = 'pseudo-probe';
    name.setAttribute('translate', 'no');
    name.textContent = 'Kassel';
    const line = document.createElement('pre');
    line.className = 'pseudo-probe';
    line.textContent = `${'⟦ẋ⟧'.repeat(600)}`;
    main.prepend(text, name, line);
  });
  try {
    const page = await inspectPage(app);
    const narrow = await inspectAt320(app);
    const found = page.texts.filter((t) => !isMarked(t.text)).map((t) => t.text);
    assert.deepEqual(found, ['Hard-coded'], 'the hard-coded text and only it');
    for (const layout of [page, narrow]) {
      assert.ok(layout.document.scrollWidth > layout.document.clientWidth, `scrolling found at ${layout.viewport} px`);
      assert.ok(
        layout.overflowing.some((o) => o.path.includes('pre.pseudo-probe')),
        `the long line found at ${layout.viewport} px: ${JSON.stringify(layout.overflowing)}`,
      );
    }
  } finally {
    await app.browser.execute(() => document.querySelectorAll('.pseudo-probe').forEach((e) => e.remove()));
  }
}

async function pseudoLocaleRun(app, findings) {
  await app.browser.setWindowSize(1280, 800);
  await app.waitForScreen('firstStart', message(firstStartDe, 'first-start-heading'));
  const width = await app.browser.execute(() => window.innerWidth);
  assert.equal(width, 1280, 'the window is 1280 px wide');

  // The developer settings of this debug build: the pseudo-locale by its checkbox.
  await click(app, '#nav-settings');
  await onScreen(app, 'settings');
  await app.tabTo((el) => el.id === 'settings-pseudo-locale', { what: 'the pseudo-locale checkbox', maxTabs: 40 });
  await app.press(Key.Space);
  await waitInPage(app, 'the pseudo-locale', () => document.documentElement.lang === 'qps-Ploc');
  const settings = await app.browser.execute(() => ({
    heading: document.getElementById('page-heading')?.textContent.trim(),
    checked: document.getElementById('settings-pseudo-locale')?.checked,
    dir: document.documentElement.dir,
  }));
  assert.ok(settings.heading.startsWith(`${OPEN}Éíñšťéĺĺúñĝéñ `), settings.heading);
  assert.deepEqual([settings.checked, settings.dir], [true, 'ltr']);
  await findings.record(app, 'settings (no municipality yet)');

  await click(app, '#nav-services');
  await onScreen(app, 'firstStart');
  await probeTheProbes(app);
  await findings.record(app, 'first start');

  await click(app, '#continue');
  await onScreen(app, 'municipality');
  await click(app, '#municipality-continue');
  await waitInPage(app, 'the municipality error', () => document.getElementById('municipality-error') !== null);
  await findings.record(app, 'municipality (nothing chosen: error)');
  await (await app.browser.$('#municipality-search')).setValue('Musterstadt');
  await waitInPage(app, 'the demo municipality', (ars) => document.getElementById(`municipality-${ars}`) !== null, DEMO_ARS);
  await click(app, `#municipality-${DEMO_ARS}`);
  await findings.record(app, 'municipality (search)');
  await click(app, '#municipality-continue');

  // The catalog, searched in the pseudo-locale: accents fold away, "Hund" finds "Ĥúñď".
  await onScreen(app, 'catalog');
  await waitInPage(app, 'the catalog groups', () => document.querySelectorAll('#catalog-results section').length > 1);
  await findings.record(app, 'catalog');
  await (await app.browser.$('#catalog-search')).setValue('Hund');
  await waitInPage(app, 'the dog procedures only', () => {
    const groups = [...document.querySelectorAll('#catalog-results section')].map((s) => s.dataset.group);
    return groups.length === 1 && groups[0] === 'pets' && document.getElementById('open-dog-tax-registration') !== null;
  });
  await findings.record(app, 'catalog (search "Hund")');

  await click(app, '#open-dog-tax-registration');
  await onScreen(app, 'startPage');
  await findings.record(app, 'start page (dog tax registration)');

  // The wizard: the first question page empty, then with the errors of Continue.
  await click(app, '#start-now');
  let state = await waitForWizard(app, (s) => s.screen === 'question' && s.page === 'name', 'the first question page');
  await findings.record(app, 'question page (empty)');
  await click(app, '#continue');
  await waitForWizard(app, (s) => s.errors, 'the error summary');
  const title = await app.browser.execute(() => document.title);
  assert.ok(title.startsWith(`${OPEN}Ḟéĥĺéŕ:`), `"Error:" first in the title: ${title}`);
  await findings.record(app, 'question page (errors)');

  // The rest of "two dogs, direct debit" through the IPC; Continue shows each page.
  const dogs = walk('dog-tax-registration').branches.find((b) => b.name === 'two dogs, direct debit');
  assert.ok(dogs, 'the walk branch "two dogs, direct debit"');
  await storeAnswers(app, state.draft, dogs.pages);
  for (let i = 0; i < 20 && state.page !== 'dogs'; i++) {
    const before = state.page;
    await click(app, '#continue');
    // Until Continue is answered, the page still shows the errors of the first try.
    state = await waitForWizard(app, (s) => !s.busy && (s.page !== before || s.errors), `the page after ${before}`);
    assert.equal(state.errors, false, `the stored answers of ${before} were refused`);
  }
  assert.equal(state.page, 'dogs');
  await findings.record(app, 'repeatable group (two dogs)');
  await click(app, '[id="G99000001.1-remove"]');
  await waitInPage(app, 'the remove confirmation', () => document.getElementById('G99000001.1-confirm') !== null);
  await findings.record(app, 'repeatable group (remove confirmation)');
  await click(app, '.amtsweg-confirm .kern-btn--secondary');
  await waitInPage(app, 'the confirmation to close', () => document.getElementById('G99000001.1-confirm') === null);

  for (let i = 0; i < 20 && state.screen === 'question'; i++) {
    const before = state.page;
    await click(app, '#continue');
    // Until Continue is answered, the page still shows the errors of the first try.
    state = await waitForWizard(app, (s) => !s.busy && (s.page !== before || s.errors), `the page after ${before}`);
    assert.equal(state.errors, false, `the stored answers of ${before} were refused`);
    if (state.page === 'fee') await findings.record(app, 'question page (calculated fee)');
  }
  assert.equal(state.screen, 'checkAnswers');
  await findings.record(app, 'check your answers');
  await click(app, '#submit');
  await waitForWizard(app, (s) => s.screen === 'complete', 'the complete page');
  await findings.record(app, 'complete');
  await click(app, '#leave');

  // A task list, and an exit page from its first section.
  await onScreen(app, 'catalog');
  await (await app.browser.$('#catalog-search')).setValue('Gewerbe');
  await waitInPage(app, 'business registration', () => document.getElementById('open-business-registration') !== null);
  await click(app, '#open-business-registration');
  await onScreen(app, 'startPage');
  await click(app, '#start-now');
  await waitForWizard(app, (s) => s.screen === 'taskList', 'the task list');
  await findings.record(app, 'task list (business registration)');
  await click(app, '#task-activity-check');
  await waitForWizard(app, (s) => s.page === 'activity-type', 'the activity page');
  await click(app, 'input[name="F99000010"][value="liberal-profession"]');
  await click(app, '#continue');
  await waitForWizard(app, (s) => s.screen === 'exit', 'the exit page');
  await findings.record(app, 'exit page (liberal profession)');

  await click(app, '#nav-settings');
  await onScreen(app, 'settings');
  await findings.record(app, 'settings');
  await click(app, '#nav-accessibility');
  await onScreen(app, 'accessibility');
  await findings.record(app, 'accessibility statement');

  // Off again: back to German, the language it is made from.
  await click(app, '#nav-settings');
  await onScreen(app, 'settings');
  await app.tabTo((el) => el.id === 'settings-pseudo-locale', { what: 'the pseudo-locale checkbox', maxTabs: 40 });
  await app.press(Key.Space);
  await waitInPage(app, 'German again', () => document.documentElement.lang === 'de');
  assert.equal((await app.page()).heading, message(firstStartDe, 'settings-heading'));
}

test('pseudo-locale run: every screen shows only Fluent text, and its layout at 1280 and 320 px is reported', async (t) => {
  const findings = new Findings();
  const app = await launch({ lang: 'de_DE.UTF-8' });
  t.after(() => app.close());
  try {
    await pseudoLocaleRun(app, findings);
  } finally {
    const report = findings.report();
    mkdirSync(path.dirname(REPORT), { recursive: true });
    writeFileSync(REPORT, `${report}\n`);
    console.log(`${report}\n(written to ${path.relative(repoRoot, REPORT)})`);
  }
  assert.deepEqual(
    findings.screens.map((s) => s.screen),
    [
      'settings (no municipality yet)',
      'first start',
      'municipality (nothing chosen: error)',
      'municipality (search)',
      'catalog',
      'catalog (search "Hund")',
      'start page (dog tax registration)',
      'question page (empty)',
      'question page (errors)',
      'repeatable group (two dogs)',
      'repeatable group (remove confirmation)',
      'question page (calculated fee)',
      'check your answers',
      'complete',
      'task list (business registration)',
      'exit page (liberal profession)',
      'settings',
      'accessibility statement',
    ],
    'every screen of the journey visited',
  );
  assert.deepEqual(findings.failures(), [], 'texts not from Fluent, or horizontal scrolling');
  await app.quit();
});

test('a saved pseudo-locale comes back after a restart', async (t) => {
  const dirs = freshDirs();
  t.after(() => dirs.remove());
  mkdirSync(dirs.appConfig, { recursive: true });
  writeFileSync(
    dirs.settingsFile,
    JSON.stringify({ version: 1, locale: 'qps-ploc', firstStartDone: true, municipalityArs: DEMO_ARS }),
  );
  const app = await launch({ dirs, lang: 'en_US.UTF-8' });
  t.after(() => app.close());
  await onScreen(app, 'catalog');
  const page = await app.page();
  assert.equal(page.lang, 'qps-Ploc');
  assert.ok(isMarked(page.heading) && page.heading.startsWith(`${OPEN}Ṽéŕḟáĥŕéñ `), page.heading);
  assert.ok(isMarked(page.title), page.title);
  await app.quit();
});
