// One browser page for a group of tests, each test on a new document of its own: the
// page navigates afresh, with the test's mocked IPC installed before any script of the
// document runs. A new page per test would start a renderer process each time (about
// 0.4 s, a third of a typical accessibility test); a new document is just as clean:
// no DOM, script state, focus or storage of the test before survives the navigation.
export async function reusedPage(browser, contextOptions) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  // Chromium's own call, because an init script added through Playwright can never be
  // removed: each test's mock replaces the one before.
  const cdp = await context.newCDPSession(page);
  // Without it, Chromium keeps the script but never runs it.
  await cdp.send('Page.enable');
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console ${msg.type()}: ${msg.text()}`);
  });
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} ${req.failure()?.errorText}`));
  let crashed = false;
  page.on('crash', () => {
    crashed = true;
    problems.push('the page crashed');
  });
  let script = null;
  return {
    page,
    /** What the current document reported: page errors, console errors and warnings, failed requests. */
    problems,
    /** A new document at `url` whose IPC `mock(args)` answers (`args` as JSON). */
    async open(url, mock, args) {
      if (crashed) throw new Error('the page crashed in an earlier test of this group');
      if (script) await cdp.send('Page.removeScriptToEvaluateOnNewDocument', { identifier: script });
      ({ identifier: script } = await cdp.send('Page.addScriptToEvaluateOnNewDocument', {
        source: `(${mock})(${JSON.stringify(args)});`,
      }));
      problems.length = 0;
      const response = await page.goto(url);
      if (!response?.ok()) throw new Error(`${url} answered ${response?.status()}`);
    },
    close: () => context.close(),
  };
}
