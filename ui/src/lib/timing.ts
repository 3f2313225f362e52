// Timings for `make bench`, taken in the page itself. Page changes: from "Continue" to
// the next page's heading having focus, read over WebDriver in the real app
// (bench/page-changes.mjs); they never leave the webview. The first paint's phases go
// with the start-up mark (`report_first_paint`).

export const PAGE_CHANGE = 'amtsweg:page-change';

/** At most this many entries are kept (a long session must not grow the buffer). */
const KEPT = 200;

/** Records one page change that began at `since` (`performance.now()`) and ends now. */
export function pageChanged(since: number): void {
  try {
    if (performance.getEntriesByName(PAGE_CHANGE).length >= KEPT) performance.clearMeasures(PAGE_CHANGE);
    performance.measure(PAGE_CHANGE, { start: since, end: performance.now() });
  } catch {
    // A webview without User Timing level 3 measures nothing; the page works the same.
  }
}

let scriptAt = 0;

/** Called once the page's script runs. */
export function scriptRan(): void {
  scriptAt = performance.now();
}

/** When the script ran, in ms since the page's navigation began (0 before). */
export function scriptRanAt(): number {
  return scriptAt;
}
