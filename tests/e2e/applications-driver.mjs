// Applications in the real app, driven over IPC as the UI calls the commands (the
// screens themselves are walked by keyboard in dog-tax-keyboard.test.mjs): a dog tax
// registration answered and submitted, "My applications" as the core lists it, and a
// loopback port whose connections are closed at once (a municipality whose server is
// down) until the test's reference server takes it.
import net from 'node:net';

const DEMO_ARS = '066990999999';

/** A loopback port whose every connection is closed at once: `{port, close()}`;
 * `port` holds a given port again (after a server on it stopped). */
export function holdPort(port = 0) {
  return new Promise((resolve, reject) => {
    const server = net.createServer((socket) => socket.destroy());
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      let closed = null;
      resolve({
        port: server.address().port,
        close: () => (closed ??= new Promise((done) => server.close(() => done()))),
      });
    });
  });
}

/** "My applications" as the core answers `list_applications`. */
export async function listApplications(app) {
  const answer = await app.browser.executeAsync((done) => {
    window.__TAURI_INTERNALS__.invoke('list_applications', {}).then(
      (view) => done(JSON.stringify({ view })),
      (error) => done(JSON.stringify({ error })),
    );
  });
  const { view, error } = JSON.parse(answer);
  if (error) throw new Error(`list_applications: ${JSON.stringify(error)}`);
  return view;
}

/**
 * Waits until application `id` is listed and `matches` it; returns it. The timeout only
 * ends a run that would hang (the outbox's worker is the clock).
 */
export async function waitForApplication(app, id, matches, what) {
  let last = null;
  await app.browser.waitUntil(
    async () => {
      last = (await listApplications(app)).applications.find((a) => a.applicationId === id) ?? null;
      return last !== null && matches(last);
    },
    { timeout: 60_000, interval: 200, timeoutMsg: `${what}: last listed ${JSON.stringify(last)}` },
  );
  return last;
}

/**
 * In the app's page, over IPC as the UI calls it: (with `firstStart`) first start done
 * and the demo municipality, then a dog tax registration answered to check your
 * answers, and "Submit". Returns `{submitted}` or `{error, step}`.
 */
export async function submitDogTax(app, { firstStart }) {
  const today = new Date().toISOString().slice(0, 10);
  const acquired = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
  const text = (s) => ({ text: s });
  const group = (instances) => ({ group: instances });
  const pages = [
    ['name', { F00000045: text('Erika'), F00000013: text('Mustermann') }],
    ['date-of-birth', { F99000001: text('1985-03-27') }],
    [
      'address',
      {
        G00000237: group([
          {
            G00000040: group([{ F00000053: text('Hauptstraße'), F00000016: text('1') }]),
            G00000113: group([{ F00000054: text('00000'), F00000035: text('Musterstadt') }]),
          },
        ]),
      },
    ],
    ['contact', {}],
    ['start-date', { F99000004: text(today) }],
    [
      'dogs',
      {
        G99000001: group([
          { F99000005: text('Bello'), F99000006: text('mixed-breed'), F99000007: text(acquired), F99000008: text('no') },
        ]),
      },
    ],
    ['fee', {}],
    ['payment', { F99000012: text('no') }],
  ];
  await app.browser.setTimeout({ script: 60_000 });
  // The answer crosses WebDriver as JSON text (see attachment.test.mjs).
  const answer = await app.browser.executeAsync(
    (ars, firstStart, pages, done) => {
      const { invoke } = window.__TAURI_INTERNALS__;
      let step = 'complete_first_start';
      (async () => {
        if (firstStart) {
          await invoke('complete_first_start', {});
          step = 'choose_municipality';
          await invoke('choose_municipality', { ars });
        }
        step = 'start_draft';
        const { draftId } = await invoke('start_draft', { procedureId: 'dog-tax-registration' });
        for (const [pageId, answers] of pages) {
          step = `continue_page ${pageId}`;
          const outcome = await invoke('continue_page', { draftId, pageId, answers });
          if (outcome.outcome !== 'next') throw { outcome };
        }
        step = 'submit_application';
        return invoke('submit_application', { draftId });
      })().then(
        (submitted) => done(JSON.stringify({ submitted })),
        (error) => done(JSON.stringify({ error, step })),
      );
    },
    DEMO_ARS,
    firstStart,
    pages,
  );
  return JSON.parse(answer);
}

