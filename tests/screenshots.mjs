// Screenshots of the real app for the README: first start in German and English, and
// the catalog in German. Run under Xvfb:
//   xvfb-run -a -s "-screen 0 1280x800x24" node tests/screenshots.mjs
// Writes docs/screenshots/{first-start.de,first-start.en,catalog.de}.png.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launch } from './e2e/harness.mjs';
import { fixture, message, repoRoot } from './support/paths.mjs';

const outDir = path.join(repoRoot, 'docs', 'screenshots');
mkdirSync(outDir, { recursive: true });

/** Resolves once web fonts are loaded and two frames were drawn after that. */
function settled(app) {
  return app.browser.executeAsync((done) => {
    document.fonts.ready.then(() => requestAnimationFrame(() => requestAnimationFrame(() => done(true))));
  });
}

async function shoot(app, name) {
  await settled(app);
  const file = path.join(outDir, `${name}.png`);
  await app.browser.saveScreenshot(file);
  console.log(`wrote ${path.relative(repoRoot, file)}`);
}

async function withApp(lang, steps) {
  const app = await launch({ lang });
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
  }
}

await withApp('de_DE.UTF-8', async (app) => {
  await app.waitForScreen('firstStart', message(fixture('first-start.de'), 'first-start-heading'));
  await shoot(app, 'first-start.de');
  const button = await app.browser.$('#continue');
  await button.scrollIntoView({ block: 'center' });
  await button.waitForClickable({ timeout: 5_000 });
  await button.click();
  await app.waitForScreen('catalog', message(fixture('catalog.de'), 'catalog-heading'));
  await shoot(app, 'catalog.de');
});

await withApp('en_US.UTF-8', async (app) => {
  await app.waitForScreen('firstStart', message(fixture('first-start.en'), 'first-start-heading'));
  await shoot(app, 'first-start.en');
});
