// The stand-in for the desktop's notification server (org.freedesktop.Notifications):
// it owns the name on the test's private session bus and records each Notify, called as
// notify-rust and notify-send call a server. The real app's notifications reach it in
// the keyboard journey (dog-tax-keyboard.test.mjs: sent, then accepted, each once).
// Needs python3-dbus and python3-gi (see tests/support/notifications.mjs).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { privateBus } from '../support/dbus.mjs';
import { expectNotification, startNotificationStandIn } from '../support/notifications.mjs';

const run = promisify(execFile);

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
