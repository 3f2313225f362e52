// The procedure's start page against the mocked IPC, answered with what the real core
// answered when the fixtures were generated: where drafts cannot be kept, the citizen
// learns it here, before the first question, with the way to a passphrase.
import { cleanup, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { afterEach, describe, expect, it } from 'vitest';
import type { MyDataView } from '../api';
import keptInMemory from '../api/fixtures/my-data.memory.en.json';
import noKeychain from '../api/fixtures/my-data.no-keychain.en.json';
import { nav } from '../lib/nav.svelte';
import { app } from '../lib/state.svelte';
import { fixtures, text } from '../test/fixtures';
import StartPage from './StartPage.svelte';

function answering(myData: unknown) {
  mockIPC((cmd) => {
    if (cmd === 'my_data_view') return structuredClone(myData) as MyDataView;
    throw new Error(`unexpected command ${cmd}`);
  });
}

afterEach(() => {
  cleanup();
  clearMocks();
  app.view = null;
});

describe('start page', () => {
  it('says before "Start now" that answers cannot be saved here, and offers the passphrase', async () => {
    const view = fixtures.catalogEn();
    app.view = view;
    answering(noKeychain);
    render(StartPage, { props: { page: fixtures.startPageEn() } });

    const warning = await screen.findByText(text(view, 'start-drafts-not-kept'));
    const box = warning.closest('#start-not-kept');
    expect(box).not.toBeNull();
    expect(box?.textContent).toContain(noKeychain.unavailable);
    // Before the button in reading order, so it is met first.
    const start = document.getElementById('start-now')!;
    expect(box!.compareDocumentPosition(start) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    const link = screen.getByRole('link', { name: text(view, 'start-drafts-passphrase') });
    await userEvent.setup().click(link);
    expect(nav.place.kind).toBe('settings');
  });

  it('says nothing of the kind where drafts are kept', async () => {
    const view = fixtures.catalogEn();
    app.view = view;
    answering(keptInMemory);
    render(StartPage, { props: { page: fixtures.startPageEn() } });
    await screen.findByRole('heading', { level: 1 });
    await waitFor(() => expect(document.getElementById('start-now')).not.toBeNull());
    expect(screen.queryByText(text(view, 'start-drafts-not-kept'))).toBeNull();
    expect(document.getElementById('start-not-kept')).toBeNull();
  });
});
