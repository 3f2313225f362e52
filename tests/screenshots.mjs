// Screenshots of the real app for the README: the main screens of the citizen's journey,
// driven by keyboard through the engine's walk files like the end-to-end tests. Run
// under Xvfb (`make screenshots`, which builds the app with the test-only file picker):
//   xvfb-run -a -s "-screen 0 1280x800x24" node tests/screenshots.mjs
// Writes docs/screenshots/<screen>.<locale>.png.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch } from './e2e/harness.mjs';
import {
  activate,
  answerSteps,
  DEMO_ARS,
  PICKED_FILE,
  startProcedure,
  toCheckAnswers,
  waitForState,
  walks,
} from './e2e/wizard-driver.mjs';
import { fixture, message, repoRoot } from './support/paths.mjs';
import { freshDirs } from './support/tmp.mjs';

const outDir = path.join(repoRoot, 'docs', 'screenshots');
mkdirSync(outDir, { recursive: true });
const work = mkdtempSync(path.join(os.tmpdir(), 'amtsweg-screenshots-'));
const pdf = path.join(work, PICKED_FILE);
writeFileSync(pdf, '%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

/** Resolves once web fonts are loaded and two frames were drawn after that. */
function settled(app) {
  return app.browser.executeAsync((done) => {
    document.fonts.ready.then(() => requestAnimationFrame(() => requestAnimationFrame(() => done(true))));
  });
}

async function shoot(app, name) {
  // From the top of the page, header included, wherever the focus scrolled it.
  await app.browser.execute(() => window.scrollTo(0, 0));
  await settled(app);
  const file = path.join(outDir, `${name}.png`);
  await app.browser.saveScreenshot(file);
  console.log(`wrote ${path.relative(repoRoot, file)}`);
}

/**
 * Runs `steps` against a fresh app in `lang`; with `settings`, the first start and the
 * municipality are already done (its settings file is written before the start).
 */
async function withApp(lang, steps, settings) {
  const dirs = freshDirs();
  if (settings) {
    mkdirSync(dirs.appConfig, { recursive: true });
    writeFileSync(dirs.settingsFile, JSON.stringify({ version: 1, firstStartDone: true, ...settings }));
  }
  const app = await launch({ lang, dirs, extraEnv: { AMTSWEG_E2E_PICK_FILE: pdf } });
  try {
    await app.browser.setTimeout({ script: 15_000 });
    await app.waitForLog('first-screen-painted');
    await steps(app);
    await app.quit();
  } catch (error) {
    console.error(app.diagnostics());
    throw error;
  } finally {
    await app.close();
    dirs.remove();
  }
}

const walk = (id) => walks.find((w) => w.procedure === id);
const branch = (id, name) => walk(id).branches.find((b) => b.name === name);

try {
  await withApp('de_DE.UTF-8', async (app) => {
    await app.waitForScreen('firstStart', message(fixture('first-start.de'), 'first-start-heading'));
    await shoot(app, 'first-start.de');
    await activate(app, '#continue');
    await app.waitForScreen('municipality', message(fixture('municipality.de'), 'municipality-heading'));
    await shoot(app, 'municipality.de');
  });

  await withApp('en_US.UTF-8', async (app) => {
    await app.waitForScreen('firstStart', message(fixture('first-start.en'), 'first-start-heading'));
    await shoot(app, 'first-start.en');
  });

  await withApp(
    'de_DE.UTF-8',
    async (app) => {
      const catalog = fixture('catalog.de');
      await app.waitForScreen('catalog', message(catalog, 'catalog-heading'));
      await shoot(app, 'catalog.de');

      // The dog tax registration: start page, an error, two dogs, check your answers.
      const dogs = walk('dog-tax-registration');
      const twoDogs = branch('dog-tax-registration', 'two dogs, direct debit');
      await startProcedure(app, 'dog-tax-registration');
      await waitForState(app, (s) => s.page === 'name', 'the name page');
      await activate(app, '#continue');
      await waitForState(app, (s) => s.errors.length > 0, 'the error summary');
      await shoot(app, 'question-error.de');
      await answerSteps(app, dogs, twoDogs, { until: 'fee' });
      await activate(app, '#back');
      await waitForState(app, (s) => s.page === 'dogs', 'the dogs page');
      await shoot(app, 'repeatable-group.de');
      await activate(app, '#continue');
      await answerSteps(app, dogs, { ...twoDogs, pages: twoDogs.pages.slice(twoDogs.pages.findIndex((p) => p.page === 'fee')) });
      await toCheckAnswers(app);
      await shoot(app, 'check-answers.de');
      await activate(app, '#submit');
      await waitForState(app, (s) => s.screen === 'complete', 'the final page');
      await shoot(app, 'complete.de');
      await activate(app, '#leave');

      // The business registration's task list after its first section.
      const business = walk('business-registration');
      const soleTrader = business.branches.find((b) => b.ends === 'checkAnswers');
      await startProcedure(app, 'business-registration');
      await answerSteps(app, business, soleTrader, { until: 'operator-type' });
      await waitForState(app, (s) => s.screen === 'taskList', 'the task list');
      await shoot(app, 'task-list.de');

      await activate(app, '#nav-settings');
      await app.waitForScreen('settings', message(catalog, 'settings-heading'));
      await shoot(app, 'settings.de');
    },
    { locale: 'de', municipalityArs: DEMO_ARS },
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
