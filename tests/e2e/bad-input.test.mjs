// Bad input at start-up: damaged or future settings, a broken translation file, and a
// second launch while the app runs. The app must start, say what happened, and keep
// the citizen's old data.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { matchPlaceables, noticeMessage } from '../support/l10n.mjs';
import { appBinary, fixture, message } from '../support/paths.mjs';
import { childExit, isRunning, killTree, waitFor } from '../support/proc.mjs';
import { freshDirs } from '../support/tmp.mjs';
import { launch } from './harness.mjs';

const firstStartDe = fixture('first-start.de');
const firstStartEn = fixture('first-start.en');
const municipalityDe = fixture('municipality.de');
const noticesDe = fixture('first-start.de.notices');

/** The notices shown on the page: `[{code, text, displayed}]`. */
async function shownNotices(app) {
  const items = await app.browser.$$('#notices [data-code]');
  const result = [];
  for (const item of items) {
    result.push({
      code: await item.getAttribute('data-code'),
      text: (await item.getText()).trim(),
      displayed: await item.isDisplayed(),
    });
  }
  return result;
}

/** Scrolls the element into view first: a click must hit what the user could see. */
async function clickInView(app, selector) {
  const element = await app.browser.$(selector);
  await element.scrollIntoView({ block: 'center' });
  await element.waitForClickable({ timeout: 5_000 });
  await element.click();
}

/** Files next to settings.json whose names match `pattern`. */
function keptAside(dirs, pattern) {
  return readdirSync(dirs.appConfig).filter((name) => pattern.test(name));
}

/** Continue on the first-start screen and check that the new settings were saved. */
async function continueToMunicipality(app, dirs) {
  await clickInView(app, '#continue');
  await app.waitForScreen('municipality', message(municipalityDe, 'municipality-heading'));
  const saved = JSON.parse(readFileSync(dirs.settingsFile, 'utf8'));
  assert.equal(saved.version, 1);
  assert.equal(saved.firstStartDone, true);
  assert.equal(saved.locale, 'de');
}

/**
 * Starts the app on a settings file with `bytes`; checks the notice `code`, the copy
 * kept aside as `settings.json<suffix>` with the same bytes, and that the fresh
 * settings work. Returns the notice text and the kept file's path.
 */
async function startOnSettings(t, bytes, code, suffix) {
  const dirs = freshDirs();
  t.after(() => dirs.remove());
  mkdirSync(dirs.appConfig, { recursive: true });
  writeFileSync(dirs.settingsFile, bytes);

  const before = Math.floor(Date.now() / 1000);
  const app = await launch({ lang: 'de_DE.UTF-8', dirs });
  t.after(() => app.close());

  // Starts with the defaults: German (from LANG), first-start screen.
  await app.waitForScreen('firstStart', message(firstStartDe, 'first-start-heading'));
  const after = Math.ceil(Date.now() / 1000);

  const notices = await shownNotices(app);
  const notice = notices.find((n) => n.code === code);
  assert.ok(notice, `notice ${code} not shown; notices: ${JSON.stringify(notices)}\n${app.diagnostics()}`);
  assert.equal(notice.displayed, true, `notice ${code} is in the DOM but not visible`);
  assert.deepEqual(
    notices.map((n) => n.code),
    [code],
    'exactly the one notice for this start',
  );

  const kept = keptAside(dirs, /^settings\.json\./);
  assert.equal(kept.length, 1, `one file kept aside next to settings.json, found ${JSON.stringify(kept)}`);
  const match = suffix.exec(kept[0].slice('settings.json'.length));
  assert.ok(match, `kept file ${kept[0]} is named settings.json${suffix}`);
  const time = Number(match[1]);
  assert.ok(time >= before && time <= after, `time stamp ${time} is not between ${before} and ${after}`);
  const keptPath = path.join(dirs.appConfig, kept[0]);
  assert.deepEqual(readFileSync(keptPath), Buffer.from(bytes), 'kept file has the old bytes');

  await continueToMunicipality(app, dirs);
  // The kept copy is still there after new settings were written.
  assert.deepEqual(readFileSync(keptPath), Buffer.from(bytes));
  await app.quit();
  return { text: notice.text, keptPath };
}

test('damaged settings: defaults, a notice naming the kept copy, old bytes kept aside', async (t) => {
  const { text, keptPath } = await startOnSettings(
    t,
    '{ damaged',
    'notice-settings-corrupt',
    /^\.damaged-(\d+)$/,
  );
  // The same words as the real l10n crate's German notice, naming the kept file.
  const values = matchPlaceables(noticeMessage(noticesDe, 'notice-settings-corrupt'), text);
  assert.ok(values, `notice text ${JSON.stringify(text)} does not match the fixture's words`);
  assert.ok(values.includes(keptPath), `notice names ${JSON.stringify(values)}, not ${keptPath}`);
});

test('settings from a future version: defaults, a notice, the file kept aside as .v99-<time>', async (t) => {
  const future = '{"version": 99, "locale": "en", "firstStartDone": true, "somethingNew": [1, 2]}\n';
  const { text, keptPath } = await startOnSettings(t, future, 'notice-settings-future', /^\.v99-(\d+)$/);
  assert.ok(text.includes(keptPath), `notice ${JSON.stringify(text)} does not name ${keptPath}`);
  assert.notEqual(text, noticeMessage(noticesDe, 'notice-settings-corrupt'));
});

test('broken override translation: app starts, notice and log name file and line, shipped texts shown', async (t) => {
  const dirs = freshDirs();
  t.after(() => dirs.remove());
  const overrides = path.join(dirs.root, 'translations');
  const broken = path.join(overrides, 'en', 'app.ftl');
  mkdirSync(path.dirname(broken), { recursive: true });
  // Line 1 is a valid override; line 2 is broken. The file is left out whole, so the
  // valid line must not show either.
  const overriddenLead = 'OVERRIDE lead from the broken file';
  writeFileSync(broken, `first-start-lead = ${overriddenLead}\nfirst-start-heading = {\n`);

  const app = await launch({ lang: 'en_US.UTF-8', dirs, extraEnv: { AMTSWEG_LOCALES_DIR: overrides } });
  t.after(() => app.close());

  // The broken file's messages come from the shipped English.
  await app.waitForScreen('firstStart', message(firstStartEn, 'first-start-heading'));
  const lead = await app.browser.execute(() => document.querySelector('#main p.kern-body--large')?.textContent.trim());
  assert.equal(lead, message(firstStartEn, 'first-start-lead'));
  assert.notEqual(lead, overriddenLead);

  const notices = await shownNotices(app);
  assert.deepEqual(notices.map((n) => n.code), ['notice-translation-broken'], JSON.stringify(notices));
  const [notice] = notices;
  assert.equal(notice.displayed, true);
  assert.ok(notice.text.includes(broken), `notice ${JSON.stringify(notice.text)} does not name ${broken}`);

  // The log names file and line as well.
  const logLine = await waitFor(
    () => app.log.plain().split('\n').find((l) => l.includes('WARN') && l.includes(broken)),
    { timeoutMs: 5_000, message: 'a warning naming the broken file in the log', diagnostics: () => app.diagnostics() },
  );

  // In German, the notice has the exact words of the real l10n crate's German notice.
  await clickInView(app, 'input[name=language][value=de]');
  await app.waitForScreen('firstStart', message(firstStartDe, 'first-start-heading'));
  const [german] = await shownNotices(app);
  const values = matchPlaceables(noticeMessage(noticesDe, 'notice-translation-broken'), german.text);
  assert.ok(values, `German notice ${JSON.stringify(german.text)} does not match the fixture's words`);
  assert.equal(values[0], broken);

  // The broken line is line 2: notice (both languages) and log must say so.
  assert.deepEqual(
    {
      english: /(^|\D)2(\D|$)/.test(notice.text.replace(broken, '')),
      german: values[1],
      log: /\bline=2\b/.test(logLine),
    },
    { english: true, german: '2', log: true },
    `line 2 of ${broken} is broken; shown: ${JSON.stringify(notice.text)}; log: ${logLine}`,
  );
  await app.quit();
});

test('second launch hands over to the running app and exits 0; the first keeps running', async (t) => {
  const app = await launch({ lang: 'de_DE.UTF-8' });
  t.after(() => app.close());
  const heading = message(firstStartDe, 'first-start-heading');
  await app.waitForScreen('firstStart', heading);
  await app.waitForLog('first-screen-painted');
  assert.doesNotMatch(app.log.plain(), /second-launch-handed-over/);

  // The same binary again, with the same environment and the same session bus.
  const second = spawn(appBinary(), [], { env: app.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let secondOutput = '';
  second.stdout.setEncoding('utf8').on('data', (c) => (secondOutput += c));
  second.stderr.setEncoding('utf8').on('data', (c) => (secondOutput += c));
  const exited = childExit(second, 20_000, 'the second launch');
  t.after(() => (isRunning(second.pid) ? killTree(second.pid) : undefined));

  const result = await exited.catch((error) => {
    error.message += `\nsecond launch output:\n${secondOutput}\n${app.diagnostics()}`;
    throw error;
  });
  assert.deepEqual(result, { code: 0, signal: null }, `second launch output:\n${secondOutput}`);

  await app.waitForLog('second-launch-handed-over');
  assert.doesNotMatch(secondOutput, /first-screen-painted/, 'the second launch painted a window of its own');

  // The first instance still runs and answers.
  assert.ok(isRunning(app.appPid), 'the first instance exited');
  assert.equal((await app.page()).heading, heading);
  await app.quit();
});
