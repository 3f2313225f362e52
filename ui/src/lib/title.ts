import { setWindowTitle } from '../api';

let latest = '';

/**
 * Sets the page's title and the native window's title to `text` (screen readers read
 * the window title; the wizard starts it with "Error: …" after a failed "Continue").
 * `text` must come from Fluent. A failure to retitle the window is logged, never shown.
 */
export function setPageTitle(text: string): void {
  if (document.title !== text) document.title = text;
  if (text === latest) return;
  latest = text;
  setWindowTitle(text).catch((reason: unknown) => {
    // Without a Tauri window (unit tests, `ui:dev`) there is nothing to retitle.
    console.info('[title] the window title was not set', reason);
  });
}
