// Fresh, private folders for one app start: HOME and the three XDG base folders.
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Where the app keeps its settings inside a set of fresh folders. */
export const APP_ID = 'de.amtsweg.client';

/**
 * Makes `{root, home, config, data, cache, runtime}` under one temporary folder.
 * `settingsFile` is the app's settings.json path inside `config`.
 */
export function freshDirs(prefix = 'amtsweg-test-') {
  const root = mkdtempSync(path.join(os.tmpdir(), prefix));
  const dirs = {
    root,
    home: path.join(root, 'home'),
    config: path.join(root, 'config'),
    data: path.join(root, 'data'),
    cache: path.join(root, 'cache'),
    runtime: path.join(root, 'runtime'),
    tmp: path.join(root, 'tmp'),
  };
  for (const key of ['home', 'config', 'data', 'cache', 'runtime', 'tmp']) {
    mkdirSync(dirs[key], { recursive: true, mode: 0o700 });
  }
  dirs.appConfig = path.join(dirs.config, APP_ID);
  dirs.settingsFile = path.join(dirs.appConfig, 'settings.json');
  dirs.remove = () => rmSync(root, { recursive: true, force: true });
  return dirs;
}

/**
 * The environment of an app start: the inherited one minus every variable that could
 * override `LANG` for the message language, plus the fresh folders and the bus.
 */
export function appEnv({ dirs, lang, busAddress, extra = {} }) {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key === 'LANGUAGE' || key.startsWith('LC_')) delete env[key];
  }
  // Never let the app or WebKit find the host's session bus or another test's folders.
  delete env.DBUS_SESSION_BUS_ADDRESS;
  delete env.AMTSWEG_LOCALES_DIR;
  Object.assign(env, {
    LANG: lang,
    HOME: dirs.home,
    XDG_CONFIG_HOME: dirs.config,
    XDG_DATA_HOME: dirs.data,
    XDG_CACHE_HOME: dirs.cache,
    XDG_RUNTIME_DIR: dirs.runtime,
    // The app's temporary files too stay in the test's folders (searched by the vault's
    // end-to-end test for answers written in plaintext).
    TMPDIR: dirs.tmp,
  });
  if (busAddress) env.DBUS_SESSION_BUS_ADDRESS = busAddress;
  if (!env.DISPLAY) {
    throw new Error('DISPLAY is not set: run the GUI tests under xvfb-run -a -s "-screen 0 1280x800x24"');
  }
  return { ...env, ...extra };
}
