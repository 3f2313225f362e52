// The OS notifications (issue 19): a stand-in for the desktop's notification server
// (org.freedesktop.Notifications) owns the name on the test's private session bus, and
// the real app's notifications reach it. First the stand-in alone, called as
// notify-rust and notify-send call a server; then the app: a dog tax registration
// submitted (over IPC, as the UI sends it) to the reference municipal server at the
// demo municipality's address, sent by the outbox, and accepted by the clerk: one
// notification each, in German. Needs python3-dbus and python3-gi (see
// tests/support/notifications.mjs) and the reference server's debug build.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { cli, keysTemplate, serverBinary } from '../municipal-api/server.mjs';
import { privateBus } from '../support/dbus.mjs';
import { expectNotification, plain, startNotificationStandIn } from '../support/notifications.mjs';
import { fixture, message, repoRoot } from '../support/paths.mjs';
import { launch } from './harness.mjs';

const run = promisify(execFile);
const DEMO_ARS = '066990999999';
/** The demo municipality's address in procedures/municipalities.json. */
const DEMO_PORT = 8787;

/** Calls Notify as a client of the Desktop Notifications Specification does. */
async function notifyWithGdbus(busAddress, summary, body) {
  const { stdout } = await run(
    'gdbus',
    [
      'call', '--session',
      '--dest', 'org.freedesktop.Notifications',
      '--object-path', '/org/freedesktop/Notifications',
      '--method', 'org.freedesktop.Notifications.Notify',
      // GVariant text: strings quoted, the empty containers typed.
      '"gdbus-client"', 'uint32 0', '""', JSON.stringify(summary), JSON.stringify(body), '@as []', '@a{sv} {}', 'int32 -1',
    ],
    { env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: busAddress } },
  );
  return stdout.trim();
}

async function gdbusCall(busAddress, method, ...args) {
  const { stdout } = await run(
    'gdbus',
    [
      'call', '--session',
      '--dest', 'org.freedesktop.Notifications',
      '--object-path', '/org/freedesktop/Notifications',
      '--method', `org.freedesktop.Notifications.${method}`,
      ...args,
    ],
    { env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: busAddress } },
  );
  return stdout.trim();
}

test('the stand-in owns the notification server name and records each Notify', async (t) => {
  const bus = await privateBus({ keyring: false });
  t.after(() => bus.stop());
  const standIn = await startNotificationStandIn({ busAddress: bus.address });
  t.after(() => standIn.stop());

  assert.equal(await gdbusCall(bus.address, 'GetServerInformation'), "('amtsweg-test-stand-in', 'amtsweg', '1.0', '1.2')");
  assert.match(await gdbusCall(bus.address, 'GetCapabilities'), /'body'/);
  assert.equal(await notifyWithGdbus(bus.address, 'Antrag gesendet', 'Aktenzeichen: A-1'), '(uint32 1,)');
  assert.equal(await notifyWithGdbus(bus.address, 'Antrag bewilligt', 'Aktenzeichen: A-1'), '(uint32 2,)');
  assert.equal(await gdbusCall(bus.address, 'CloseNotification', '1'), '()');

  const received = await standIn.received();
  assert.deepEqual(
    received.map(({ id, appName, summary, body }) => ({ id, appName, summary, body })),
    [
      { id: 1, appName: 'gdbus-client', summary: 'Antrag gesendet', body: 'Aktenzeichen: A-1' },
      { id: 2, appName: 'gdbus-client', summary: 'Antrag bewilligt', body: 'Aktenzeichen: A-1' },
    ],
  );
  const found = await expectNotification(standIn, { summaryIncludes: 'bewilligt' });
  assert.equal(found.id, 2);
});

/** Whether something already listens on `port` of the loopback interface. */
function portTaken(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * The reference server on the demo municipality's port (tests/municipal-api/server.mjs
 * starts it on a free port, which the bundled directory does not name).
 */
async function referenceServerOnDemoPort(template) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'amtsweg-municipal-data-'));
  cpSync(path.join(template.dir, 'keys'), path.join(dataDir, 'keys'), { recursive: true });
  const child = spawn(serverBinary(), ['serve', '--data', dataDir, '--port', String(DEMO_PORT)], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (c) => (stderr = (stderr + c).slice(-20_000)));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const lines = createInterface({ input: child.stdout });
  await Promise.race([
    new Promise((resolve) => lines.on('line', (line) => line.startsWith('listening on ') && resolve())),
    exited.then((how) => {
      throw new Error(`the reference server ended before listening (${JSON.stringify(how)}): ${stderr}`);
    }),
  ]);
  child.stdout.resume();
  return {
    dataDir,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * In the app's page, over IPC as the UI calls it: (with `firstStart`) first start done
 * and the demo municipality, then a dog tax registration answered to check your
 * answers, and "Submit". Returns `{submitted}` or `{error, step}`.
 */
async function submitDogTax(app, { firstStart }) {
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
    ['insurance', {}],
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

test('the app tells of a sent application and of the clerk\'s decision by OS notifications', async (t) => {
  assert.equal(await portTaken(DEMO_PORT), false, `port ${DEMO_PORT} (the demo municipality's server) is in use`);
  const template = await keysTemplate();
  t.after(() => template.remove());
  const server = await referenceServerOnDemoPort(template);
  t.after(() => server.stop());
  const bus = await privateBus();
  t.after(() => bus.stop());
  const standIn = await startNotificationStandIn({ busAddress: bus.address });
  t.after(() => standIn.stop());

  const app = await launch({ lang: 'de_DE.UTF-8', bus });
  t.after(() => app.close());
  await app.waitForScreen('firstStart', message(fixture('first-start.de'), 'first-start-heading'));
  const answer = await submitDogTax(app, { firstStart: true });
  assert.equal(answer.error, undefined, JSON.stringify(answer));
  assert.equal(answer.submitted.status.status, 'waiting', JSON.stringify(answer));

  // The worker sends it without a further command; the municipality confirms it.
  const sent = await expectNotification(standIn, { summaryIncludes: 'Antrag gesendet' });
  const caseId = /Aktenzeichen: (\S+)$/.exec(sent.body)?.[1];
  assert.ok(caseId, sent.body);
  assert.equal(
    sent.body,
    `Ihr Antrag „Hund zur Hundesteuer anmelden“ wurde an Musterstadt (Demo) gesendet. Aktenzeichen: ${caseId}`,
  );
  // `list` prints one JSON object a line.
  const [submission] = (await cli(['list', '--data', server.dataDir])).trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(submission.caseId, caseId, 'the case number is the one the municipality gave');
  // No answer of the citizen's is in it.
  assert.doesNotMatch(sent.body, /Erika|Mustermann|Bello/);

  await cli(['decide', '--data', server.dataDir, '--case', caseId, 'accept']);
  // The app asks for news every 15 minutes, and whenever an application is submitted
  // (the worker is nudged and goes through all it has): a second one brings the news now.
  const second = await submitDogTax(app, { firstStart: false });
  assert.equal(second.error, undefined, JSON.stringify(second));
  const accepted = await expectNotification(standIn, { summaryIncludes: 'Antrag bewilligt' });
  assert.equal(accepted.body, `Musterstadt (Demo) hat Ihren Antrag „Hund zur Hundesteuer anmelden“ bewilligt. Aktenzeichen: ${caseId}`);
  const secondSent = await standIn.waitFor((n) => plain(n.summary) === 'Antrag gesendet' && !plain(n.body).includes(caseId));
  const bySummary = {};
  for (const n of await standIn.received()) (bySummary[plain(n.summary)] ??= []).push(plain(n.body));
  assert.deepEqual(
    Object.fromEntries(Object.entries(bySummary).map(([k, v]) => [k, v.length])),
    { 'Antrag gesendet': 2, 'Antrag bewilligt': 1 },
    `each change once: ${JSON.stringify(bySummary)}`,
  );
  assert.match(plain(secondSent.body), /^Ihr Antrag „Hund zur Hundesteuer anmelden“ wurde an Musterstadt \(Demo\) gesendet\. Aktenzeichen: \S+$/);
});
