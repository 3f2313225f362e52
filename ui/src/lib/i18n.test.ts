import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixtures, text } from '../test/fixtures';
import { t, translate } from './i18n';
import { app } from './state.svelte';

afterEach(() => {
  app.view = null;
});

describe('t()', () => {
  it('returns the text of a known id in the current language', () => {
    const en = fixtures.firstStartEn();
    app.view = en;
    expect(t('first-start-heading')).toBe(text(en, 'first-start-heading'));
  });

  it('returns the id itself for a missing message and warns', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    app.view = fixtures.firstStartDe();
    expect(t('no-such-message-id')).toBe('no-such-message-id');
    expect(warn).toHaveBeenCalledOnce();
    expect(String(warn.mock.calls[0]?.[0])).toContain('no-such-message-id');
  });

  it('returns the id when no texts have arrived yet', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(translate(undefined, 'another-missing-id')).toBe('another-missing-id');
  });
});
