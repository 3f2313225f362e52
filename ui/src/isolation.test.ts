// The isolation hook (ui/isolation/index.js) on its own: which IPC messages it lets
// through to Rust unchanged and which it turns into a refusal. The real window's use of
// it is tests/e2e/isolation.test.mjs.
import '../isolation/index.js';
import { describe, expect, it } from 'vitest';

type Message = { cmd: string; callback: number; error: number; payload: unknown; options?: unknown };
const hook = (window as unknown as { __TAURI_ISOLATION_HOOK__: (m: Message) => Message }).__TAURI_ISOLATION_HOOK__;

function send(cmd: string, payload: unknown): Message {
  return hook({ cmd, callback: 1, error: 2, payload, options: { headers: {} } });
}

function passes(cmd: string, payload: unknown): boolean {
  const out = send(cmd, payload);
  if (out.cmd === 'isolation_refused') {
    // Refused: no arguments go on, the callbacks stay so that the caller gets an error.
    expect(out).toEqual({ cmd: 'isolation_refused', callback: 1, error: 2, payload: {}, options: undefined });
    return false;
  }
  expect(out.cmd).toBe(cmd);
  expect(out.payload).toBe(payload);
  return true;
}

describe('the isolation hook', () => {
  it("lets the app's commands through with exactly their arguments", () => {
    expect(passes('get_app_view', {})).toBe(true);
    expect(passes('choose_language', { locale: 'de' })).toBe(true);
    expect(passes('catalog_groups', { query: null })).toBe(true);
    expect(passes('catalog_groups', { query: 'Hund' })).toBe(true);
    expect(passes('set_answers', { draftId: 'd1', pageId: 'p1', answers: { name: 'A' } })).toBe(true);
    expect(passes('set_text_scale', { scale: 150 })).toBe(true);
    expect(passes('plugin:event|listen', { event: 'amtsweg:event', target: { kind: 'Any' }, handler: 7 })).toBe(
      true,
    );
  });

  it('refuses unknown commands, plugin commands the window has no use for, and prototype names', () => {
    for (const cmd of ['open_url', 'plugin:event|emit', 'plugin:dialog|open', 'plugin:fs|read_file', 'constructor', '__proto__', 'toString', '']) {
      expect(passes(cmd, {}), cmd).toBe(false);
    }
  });

  it('refuses missing, extra and mistyped arguments', () => {
    expect(passes('get_app_view', { extra: 1 })).toBe(false);
    expect(passes('choose_language', {})).toBe(false);
    expect(passes('choose_language', { locale: 5 })).toBe(false);
    expect(passes('choose_language', { locale: 'de', more: 'x' })).toBe(false);
    expect(passes('set_text_scale', { scale: '150' })).toBe(false);
    expect(passes('set_text_scale', { scale: 1.5 })).toBe(false);
    expect(passes('set_answers', { draftId: 'd1', pageId: 'p1', answers: ['a'] })).toBe(false);
    expect(passes('set_answers', { draftId: 'd1', pageId: 'p1', answers: null })).toBe(false);
    expect(passes('catalog_groups', { query: undefined })).toBe(false);
    expect(passes('get_app_view', null)).toBe(false);
    expect(passes('get_app_view', [])).toBe(false);
  });

  it('refuses strings over their cap', () => {
    expect(passes('draft_screen', { draftId: 'x'.repeat(256) })).toBe(true);
    expect(passes('draft_screen', { draftId: 'x'.repeat(257) })).toBe(false);
    expect(passes('unlock_vault', { passphrase: 'p'.repeat(4097) })).toBe(false);
  });

  it('cannot be replaced by a script in its frame', () => {
    const w = window as unknown as Record<string, unknown>;
    expect(() => {
      w.__TAURI_ISOLATION_HOOK__ = (m: Message) => m;
    }).toThrow();
    expect(passes('open_url', {})).toBe(false);
  });
});
