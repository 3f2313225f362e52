// Same mark as Amtsweg: first IPC round trip answered, then two animation frames; with
// the same phases (ms since the page's navigation began).
const invoke = window.__TAURI_INTERNALS__.invoke;
const scriptMs = performance.now();
invoke('ping').then(() => {
  const viewMs = performance.now();
  requestAnimationFrame(() =>
    requestAnimationFrame(() => invoke('mark', { scriptMs, viewMs, paintedMs: performance.now() })),
  );
});
