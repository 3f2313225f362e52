// Same mark as Amtsweg: first IPC round trip answered, then two animation frames.
const invoke = window.__TAURI_INTERNALS__.invoke;
invoke('ping').then(() =>
  requestAnimationFrame(() => requestAnimationFrame(() => invoke('mark'))),
);
