// Starts the real app under WebKitWebDriver (TAURI_WEBVIEW_AUTOMATION) with fresh
// folders, a chosen LANG and a private session bus, and drives it over WebDriver.
//
// Every start owns what it created (driver, bus, folders) and `close()` removes all of
// it, also after a failure. The app's stderr goes to the driver's stderr, so the log
// captured here is the app's tracing output too.
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { Key, remote } from 'webdriverio';
import { privateBus } from '../support/dbus.mjs';
import { appBinary } from '../support/paths.mjs';
import { descendants, GiveUp, isRunning, killTree, waitFor, waitForExit } from '../support/proc.mjs';
import { appEnv, freshDirs } from '../support/tmp.mjs';

export { Key };

/** A free TCP port on the loopback interface. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A growing text log of a child's output, with a tail for failure messages. */
class OutputLog {
  constructor() {
    this.text = '';
  }
  attach(stream, label) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      this.text += chunk;
      if (process.env.AMTSWEG_TEST_VERBOSE) process.stderr.write(`[${label}] ${chunk}`);
    });
  }
  /** The log without terminal colour codes (tracing's fmt writes them). */
  plain() {
    // eslint-disable-next-line no-control-regex
    return this.text.replace(/\x1b\[[0-9;]*m/g, '');
  }
  tail(lines = 40) {
    return this.plain().split('\n').slice(-lines).join('\n');
  }
}

/**
 * Starts the app: `{browser, env, dirs, bus, log, appPid, …}`.
 *
 * - `lang`: the LANG of the app (LANGUAGE, LC_ALL and LC_* are removed).
 * - `dirs`: folders from `freshDirs()` to reuse (for a restart); fresh ones otherwise.
 * - `bus`: a `privateBus()` to share (for a second launch); a new one otherwise.
 * - `extraEnv`: more variables, e.g. `AMTSWEG_LOCALES_DIR`.
 * - `binary`: another program to start (the bench's release build, the minimal window).
 */
export async function launch({ lang = 'de_DE.UTF-8', dirs, bus, extraEnv = {}, binary = appBinary() } = {}) {
  const app = new RunningApp({ binary, ownsDirs: !dirs, ownsBus: !bus });
  try {
    app.dirs = dirs ?? freshDirs();
    app.bus = bus ?? (await privateBus());
    app.env = appEnv({
      dirs: app.dirs,
      lang,
      busAddress: app.bus.address,
      // The stand-ins for the OS file dialogs (debug builds only, src-tauri/src/stand_ins.rs):
      // a dialog never opens in a test; AMTSWEG_E2E_*_FILE name what each one answers.
      extra: { TAURI_WEBVIEW_AUTOMATION: 'true', AMTSWEG_E2E_STAND_INS: '1', ...extraEnv },
    });
    await app.startDriver();
    await app.startSession();
    await app.findAppProcess();
    return app;
  } catch (error) {
    const diagnostics = app.diagnostics();
    await app.close();
    error.message += `\n${diagnostics}`;
    throw error;
  }
}

class RunningApp {
  constructor({ binary, ownsDirs, ownsBus }) {
    this.binary = binary;
    this.ownsDirs = ownsDirs;
    this.ownsBus = ownsBus;
    this.log = new OutputLog();
    this.driver = null;
    this.browser = null;
    this.appPid = null;
    this.closed = false;
  }

  async startDriver() {
    this.port = await freePort();
    this.driver = spawn('WebKitWebDriver', [`--port=${this.port}`, '--host=127.0.0.1'], {
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.log.attach(this.driver.stdout, 'driver/app stdout');
    this.log.attach(this.driver.stderr, 'driver/app stderr');
    this.driverExit = null;
    this.driver.on('exit', (code, sig) => (this.driverExit = { code, signal: sig }));
    await waitFor(
      async () => {
        if (this.driverExit) throw new GiveUp(`WebKitWebDriver exited: ${JSON.stringify(this.driverExit)}`);
        const res = await fetch(`http://127.0.0.1:${this.port}/status`);
        return res.ok;
      },
      { timeoutMs: 15_000, message: 'WebKitWebDriver to answer /status' },
    );
  }

  async startSession() {
    this.browser = await remote({
      hostname: '127.0.0.1',
      port: this.port,
      path: '/',
      logLevel: process.env.AMTSWEG_TEST_VERBOSE ? 'info' : 'error',
      connectionRetryCount: 0,
      capabilities: {
        'webkitgtk:browserOptions': { binary: this.binary, args: [] },
        // WebKitWebDriver speaks classic WebDriver; no BiDi socket.
        'wdio:enforceWebDriverClassic': true,
      },
    });
  }

  /** The app process is the driver's child running our binary. */
  async findAppProcess() {
    const comm = path.basename(this.binary).slice(0, 15);
    const found = await waitFor(() => descendants(this.driver.pid).find((p) => p.comm === comm), {
      timeoutMs: 15_000,
      message: `an ${comm} process below WebKitWebDriver`,
    });
    this.appPid = found.pid;
  }

  /** The app's processes now: the app and its WebKit helpers. */
  appTree() {
    if (!this.appPid || !isRunning(this.appPid)) return [];
    return [{ pid: this.appPid, comm: 'app' }, ...descendants(this.appPid)];
  }

  /** Waits until the app's log contains `text` (a tracing line of the app). */
  waitForLog(text, timeoutMs = 20_000) {
    return waitFor(() => this.log.plain().includes(text), {
      timeoutMs,
      message: `"${text}" in the app's log`,
      diagnostics: () => this.diagnostics(),
    });
  }

  /** Waits for the screen `screen` with a heading whose text is `text`. */
  async waitForScreen(screen, text, timeoutMs = 20_000) {
    let last;
    await this.browser.waitUntil(
      async () => {
        last = await this.browser.execute(() => {
          const main = document.getElementById('main');
          const heading = document.getElementById('page-heading');
          return {
            screen: main?.dataset.screen ?? null,
            heading: heading ? heading.textContent.trim() : null,
          };
        });
        return last.screen === screen && last.heading === text;
      },
      {
        timeout: timeoutMs,
        interval: 100,
        timeoutMsg: `expected screen ${screen} with heading "${text}"`,
      },
    ).catch((error) => {
      error.message += `; last seen ${JSON.stringify(last)}\n${this.diagnostics()}`;
      throw error;
    });
  }

  /** The page's heading text, language and title. */
  page() {
    return this.browser.execute(() => ({
      screen: document.getElementById('main')?.dataset.screen ?? null,
      heading: document.getElementById('page-heading')?.textContent.trim() ?? null,
      lang: document.documentElement.lang,
      title: document.title,
    }));
  }

  /** What has the keyboard focus: `{tag, id, type, name, value, checked}`. */
  activeElement() {
    return this.browser.execute(() => {
      const el = document.activeElement;
      return el
        ? {
            tag: el.tagName.toLowerCase(),
            id: el.id || null,
            type: el.getAttribute('type'),
            name: el.getAttribute('name'),
            value: el.getAttribute('value'),
            checked: 'checked' in el ? el.checked : null,
          }
        : null;
    });
  }

  /** Presses keys as the keyboard would (WebDriver actions), one after another. */
  async press(...keys) {
    for (const key of keys) await this.browser.keys([key]);
  }

  /**
   * Presses Tab until `matches(activeElement)` holds; at most `maxTabs` presses.
   * Returns the focused element.
   */
  async tabTo(matches, { maxTabs = 20, what = 'the wanted element' } = {}) {
    const seen = [];
    for (let i = 0; i < maxTabs; i++) {
      await this.press(Key.Tab);
      const active = await this.activeElement();
      seen.push(active);
      if (active && matches(active)) return active;
    }
    throw new Error(`${what} never got the focus after ${maxTabs} Tab presses; focus went ${JSON.stringify(seen)}`);
  }

  /**
   * Ends the session (which closes the window) and waits until the app and its WebKit
   * helper processes have exited.
   */
  async quit(timeoutMs = 20_000) {
    const tree = this.appTree();
    await this.browser.deleteSession();
    this.browser = null;
    await waitForExit(this.appPid, timeoutMs, `the app (pid ${this.appPid})`);
    await waitFor(() => tree.every((p) => !isRunning(p.pid)), {
      timeoutMs,
      message: `the app's processes ${JSON.stringify(tree)} to exit`,
    });
  }

  /** The log tail and process state, for failure messages. */
  diagnostics() {
    const running = this.driver ? descendants(this.driver.pid).map((p) => `${p.pid} ${p.comm}`) : [];
    return [
      `--- WebKitWebDriver/app log (last lines) ---`,
      this.log.tail(60),
      `--- processes below the driver: ${running.join(', ') || 'none'}`,
      this.driverExit ? `--- driver exited: ${JSON.stringify(this.driverExit)}` : '',
    ].join('\n');
  }

  /** Removes everything this start made; safe to call twice and after failures. */
  async close() {
    if (this.closed) return;
    this.closed = true;
    if (this.browser) {
      await this.browser.deleteSession().catch(() => {});
      this.browser = null;
    }
    if (this.driver && this.driver.exitCode === null && this.driver.signalCode === null) {
      await killTree(this.driver.pid).catch(() => {});
    }
    if (this.appPid && isRunning(this.appPid)) await killTree(this.appPid).catch(() => {});
    if (this.ownsBus && this.bus) await this.bus.stop().catch(() => {});
    if (this.ownsDirs && this.dirs) this.dirs.remove();
  }
}
