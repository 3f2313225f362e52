// A stand-in for the desktop's notification server (org.freedesktop.Notifications) on a
// test's private session bus (tests/support/dbus.mjs): the app's OS notifications reach
// it instead of a screen, and the test reads what it received. The server itself is
// tests/support/notification-server.py (python3-dbus and python3-gi, Debian packages),
// which prints one JSON line per notification.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './paths.mjs';
import { GiveUp, childExit, killTree, waitFor } from './proc.mjs';

/**
 * The Python with the distribution's D-Bus bindings: the system's, not a version
 * manager's shim (pyenv's has no `dbus` module). AMTSWEG_SYSTEM_PYTHON overrides it.
 */
const python = process.env.AMTSWEG_SYSTEM_PYTHON || '/usr/bin/python3';

/**
 * Starts the stand-in on the bus at `busAddress` and waits until it owns the name.
 * Returns `{received, waitFor, stop}`:
 * - `received()`: every notification so far, `[{id, appName, summary, body, actions}]`;
 * - `waitFor(predicate, timeoutMs)`: the first notification that passes `predicate`
 *   (the timeout only ends a test that would otherwise hang);
 * - `stop()`: ends the server.
 */
export async function startNotificationStandIn({ busAddress }) {
  const child = spawn(python, [path.join(repoRoot, 'tests', 'support', 'notification-server.py')], {
    env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: busAddress },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const notifications = [];
  let ready = false;
  let buffered = '';
  let errors = '';
  let exited = null;
  child.on('exit', (code, signal) => (exited = { code, signal }));
  child.stderr.setEncoding('utf8').on('data', (chunk) => (errors += chunk));
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    buffered += chunk;
    let newline;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      if (!line.trim()) continue;
      const record = JSON.parse(line);
      if (record.ready) ready = true;
      else notifications.push(record);
    }
  });
  const diagnostics = () => `notification stand-in: exit ${JSON.stringify(exited)}, stderr:\n${errors}`;
  try {
    await waitFor(
      () => {
        if (exited) throw new GiveUp(`the notification stand-in exited early`);
        return ready;
      },
      { timeoutMs: 10_000, message: 'the notification stand-in to own its name', diagnostics },
    );
  } catch (error) {
    await killTree(child.pid);
    throw error;
  }
  return {
    received: async () => notifications.map((n) => ({ ...n })),
    waitFor: (predicate, timeoutMs = 30_000) =>
      waitFor(() => notifications.find(predicate), {
        timeoutMs,
        message: 'a notification that passes the test',
        diagnostics: () => `received: ${JSON.stringify(notifications, null, 2)}\n${diagnostics()}`,
      }),
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      await childExit(child, 5_000, 'the notification stand-in').catch(() => killTree(child.pid));
    },
  };
}

/**
 * What the app's journey tests call after a change that must raise an OS notification:
 * waits for one whose summary contains `summaryIncludes` (and whose body contains
 * `bodyIncludes`, when given) and returns it. Fluent's isolation marks around the
 * texts' arguments are taken out first, so the expected words can be written plainly.
 */
export async function expectNotification(standIn, { summaryIncludes, bodyIncludes, timeoutMs = 30_000 }) {
  const found = await standIn.waitFor(
    (n) => plain(n.summary).includes(summaryIncludes) && (bodyIncludes === undefined || plain(n.body).includes(bodyIncludes)),
    timeoutMs,
  );
  return { ...found, summary: plain(found.summary), body: plain(found.body) };
}

/** The text without U+2068/U+2069, which Fluent puts around each argument. */
export function plain(text) {
  return text.replace(/[\u2068\u2069]/g, '');
}
