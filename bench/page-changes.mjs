#!/usr/bin/env node
// Page changes in the real app beside the IPC of the minimal Tauri window, in one run:
// the release build of Amtsweg is driven by keyboard over WebDriver through the dog tax
// registration (the engine's walk, as the end-to-end tests do) several times, and each
// "Continue" is timed in the page from the key press to the next page's heading having
// focus (`ui/src/lib/timing.ts`); then the minimal window answers its trivial command
// as many times, timed the same way. Writes its section of docs/performance.md
// (`--quick`: one walk, to target/bench/page-changes-quick.md, so CI proves it works).
//   node bench/page-changes.mjs [--walks N] [--quick]   (under Xvfb, see bench/app.sh)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { launch } from '../tests/e2e/harness.mjs';
import { activate, answerSteps, DEMO_ARS, startProcedure, toCheckAnswers, waitForState, walks } from '../tests/e2e/wizard-driver.mjs';
import { repoRoot } from '../tests/support/paths.mjs';
import { freshDirs } from '../tests/support/tmp.mjs';

const BEGIN = '<!-- bench/page-changes.mjs: begin (generated, do not edit by hand) -->';
const END = '<!-- bench/page-changes.mjs: end -->';
const PROCEDURE = 'dog-tax-registration';
const BRANCH = 'one dog, no direct debit';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const walksArg = args.indexOf('--walks');
const walkCount = quick ? 1 : walksArg >= 0 ? Number(args[walksArg + 1]) : 5;
const target = path.resolve(repoRoot, process.env.CARGO_TARGET_DIR ?? 'target', 'release');
const out = quick ? path.join(repoRoot, 'target/bench/page-changes-quick.md') : path.join(repoRoot, 'docs/performance.md');

/** Nearest-rank percentile of `values` (ms). */
function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

const summary = (values) => ({
  n: values.length,
  p50: percentile(values, 50),
  p95: percentile(values, 95),
  max: Math.max(...values),
});

async function amtswegPageChanges() {
  const walk = walks.find((w) => w.procedure === PROCEDURE);
  const branch = walk.branches.find((b) => b.name === BRANCH);
  const dirs = freshDirs('amtsweg-bench-');
  mkdirSync(dirs.appConfig, { recursive: true });
  // The first start and the municipality done, as for a returning citizen.
  writeFileSync(dirs.settingsFile, JSON.stringify({ version: 1, locale: 'de', firstStartDone: true, municipalityArs: DEMO_ARS }));
  const app = await launch({ dirs, binary: path.join(target, 'amtsweg') });
  try {
    for (let i = 0; i < walkCount; i++) {
      await startProcedure(app, PROCEDURE);
      await answerSteps(app, walk, branch);
      await toCheckAnswers(app);
      await activate(app, '#nav-services');
      await waitForState(app, (s) => s.main === 'catalog' && !s.busy, 'the catalog again');
    }
    const durations = await app.browser.execute(() =>
      performance.getEntriesByName('amtsweg:page-change').map((e) => e.duration),
    );
    if (durations.length < walkCount * (branch.pages.length - 1)) {
      throw new Error(`${durations.length} page changes timed in ${walkCount} walks of ${branch.pages.length} pages`);
    }
    return durations;
  } finally {
    await app.close();
    dirs.remove();
  }
}

async function minimalRoundTrips(count) {
  const app = await launch({ binary: path.join(target, 'minimal-window') });
  try {
    return await app.browser.executeAsync(async (count, done) => {
      const invoke = window.__TAURI_INTERNALS__.invoke;
      const times = [];
      for (let i = 0; i < count; i++) {
        const started = performance.now();
        await invoke('ping');
        times.push(performance.now() - started);
      }
      done(times);
    }, count);
  } finally {
    await app.close();
  }
}

const changes = summary(await amtswegPageChanges());
const ipc = summary(await minimalRoundTrips(Math.max(changes.n, 20)));
const ms = (v) => v.toFixed(1);
const meets = changes.p95 < 100;
const section = `${BEGIN}

## Page changes in the real app beside the minimal window's IPC

Measured by \`bench/page-changes.mjs\` (release builds, under Xvfb in a D-Bus session,
driven over WebDriver by keyboard): "Continue" on each page of the dog tax registration
("${BRANCH}", ${walkCount} walk${walkCount === 1 ? '' : 's'}), timed in the page from the key
press to the next page's heading having focus (the answer saved in the vault, durable,
before the page is shown); beside it one IPC round trip of the minimal Tauri window
(its trivial command), timed the same way in the same run.

- date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC

| figure | n | p50 (ms) | p95 (ms) | max (ms) |
|---|---|---|---|---|
| Amtsweg: Continue to the next page's heading focused | ${changes.n} | ${ms(changes.p50)} | ${ms(changes.p95)} | ${ms(changes.max)} |
| minimal window: one IPC round trip | ${ipc.n} | ${ms(ipc.p50)} | ${ms(ipc.p95)} | ${ms(ipc.max)} |

| goal | met | measured |
|---|---|---|
| a page change p95 under 100 ms | ${meets ? 'yes' : 'no'} | ${ms(changes.p95)} ms (p50 ${ms(changes.p50)} ms; the window's IPC p50 ${ms(ipc.p50)} ms) |

${END}
`;

mkdirSync(path.dirname(out), { recursive: true });
let doc = '';
try {
  doc = readFileSync(out, 'utf8');
} catch {
  // A new file (the quick run's).
}
const begin = doc.indexOf(BEGIN);
const end = doc.indexOf(END);
doc = begin >= 0 && end > begin ? doc.slice(0, begin) + section.trimEnd() + doc.slice(end + END.length) : `${doc.trimEnd()}\n\n${section}`;
writeFileSync(out, doc.trimStart());
console.log(`page changes: p50 ${ms(changes.p50)} ms, p95 ${ms(changes.p95)} ms (n ${changes.n}); minimal IPC p50 ${ms(ipc.p50)} ms`);
