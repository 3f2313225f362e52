// The procedure's start page against the mocked IPC, answered with what the real core
// answered when the fixtures were generated: where drafts cannot be kept, the citizen
// learns it here, before the first question, and may choose a passphrase right here.
import { cleanup, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { afterEach, describe, expect, it } from 'vitest';
import type { IpcError, MyDataView } from '../api';
import errorsEn from '../api/fixtures/my-data.errors.en.json';
import keptInMemory from '../api/fixtures/my-data.memory.en.json';
import noKeychain from '../api/fixtures/my-data.no-keychain.en.json';
import chosen from '../api/fixtures/my-data.passphrase-chosen.en.json';
import { app } from '../lib/state.svelte';
import { fixtures, text } from '../test/fixtures';
import StartPage from './StartPage.svelte';

type Call = { cmd: string; args: Record<string, unknown> };
let calls: Call[] = [];

function answering(myData: unknown, handlers: Record<string, (args: Record<string, unknown>) => unknown> = {}) {
  calls = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args: (args ?? {}) as Record<string, unknown> });
    if (cmd === 'my_data_view') return structuredClone(myData) as MyDataView;
    const handler = handlers[cmd];
    if (handler) return handler((args ?? {}) as Record<string, unknown>);
    throw new Error(`unexpected command ${cmd}`);
  });
}

afterEach(() => {
  cleanup();
  clearMocks();
  app.view = null;
});

const PASSPHRASE = 'correct horse battery staple';

describe('start page', () => {
  it('says before "Start now" that answers cannot be saved here, why, and offers the passphrase right there', async () => {
    const view = fixtures.catalogEn();
    app.view = view;
    answering(noKeychain);
    render(StartPage, { props: { page: fixtures.startPageEn() } });

    const warning = await screen.findByText(text(view, 'start-drafts-not-kept'));
    const box = warning.closest('#start-not-kept') as HTMLElement | null;
    if (!box) throw new Error('the warning box');
    // The cause in one sentence of the citizen's language; the platform's words only
    // behind "Details", closed.
    expect(document.getElementById('start-not-kept-reason')?.textContent).toBe(noKeychain.unavailable);
    expect(noKeychain.unavailable).not.toContain(noKeychain.unavailableDetail);
    const details = document.getElementById('start-not-kept-details');
    if (!(details instanceof HTMLDetailsElement)) throw new Error('the details');
    expect(details.open).toBe(false);
    expect(details.querySelector('summary')?.textContent).toBe(text(view, 'error-details'));
    expect(details.querySelector('p')?.textContent).toBe(noKeychain.unavailableDetail);
    // Before the button in reading order, so it is met first.
    const start = document.getElementById('start-now')!;
    expect(box.compareDocumentPosition(start) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    const form = within(box).getByRole('form', { name: text(view, 'start-drafts-passphrase') });
    within(form).getByText(text(view, 'start-drafts-passphrase-text'));
    const first = within(form).getByLabelText(text(view, 'my-data-passphrase-label'));
    expect(first.getAttribute('type')).toBe('password');
    expect(first.getAttribute('autocomplete')).toBe('new-password');
    within(form).getByLabelText(text(view, 'my-data-passphrase-confirm-label'));
  });

  it('shows each refusal beside its field, as My data does, then protects the drafts and says so', async () => {
    const view = fixtures.catalogEn();
    app.view = view;
    const tooShort = errorsEn['error-passphrase-too-short'] as IpcError;
    const mismatch = errorsEn['error-passphrase-mismatch'] as IpcError;
    const answers: (() => unknown)[] = [
      () => Promise.reject(tooShort),
      () => Promise.reject(mismatch),
      () => structuredClone(chosen),
    ];
    answering(noKeychain, { use_passphrase_keys: () => answers.shift()?.() });
    const user = userEvent.setup();
    render(StartPage, { props: { page: fixtures.startPageEn() } });
    const first = await screen.findByLabelText(text(view, 'my-data-passphrase-label'));
    const second = screen.getByLabelText(text(view, 'my-data-passphrase-confirm-label'));
    const protect = screen.getByRole('button', { name: text(view, 'my-data-use-passphrase') });

    await user.type(first, 'short');
    await user.click(protect);
    await waitFor(() => expect(document.activeElement).toBe(first));
    expect(first.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById('start-not-kept-passphrase-error')?.textContent?.trim()).toBe(tooShort.message);

    await user.clear(first);
    await user.type(first, PASSPHRASE);
    await user.type(second, 'something else entirely');
    await user.click(protect);
    await waitFor(() => expect(document.activeElement).toBe(second));
    expect(document.getElementById('start-not-kept-confirmation-error')?.textContent?.trim()).toBe(mismatch.message);
    expect(first.getAttribute('aria-invalid')).toBeNull();

    await user.clear(second);
    await user.type(second, PASSPHRASE);
    await user.click(protect);
    const done = await screen.findByText(text(view, 'start-drafts-now-passphrase'));
    await waitFor(() => expect(document.activeElement?.id).toBe('start-not-kept-protected'));
    expect(done.closest('[role="status"]')).not.toBeNull();
    expect(document.getElementById('start-not-kept')).toBeNull();
    expect(calls.filter((c) => c.cmd === 'use_passphrase_keys').map((c) => c.args)).toEqual([
      { passphrase: 'short', confirmation: '' },
      { passphrase: PASSPHRASE, confirmation: 'something else entirely' },
      { passphrase: PASSPHRASE, confirmation: PASSPHRASE },
    ]);
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
