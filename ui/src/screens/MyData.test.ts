// "My data" in the settings against the mocked IPC, which answers with what the real
// shell answered when the fixtures were generated (src-tauri/src/tests.rs, mod my_data):
// export, import, delete all with an inline confirmation, the passphrase offered where
// no keychain can be reached, "Unlock your drafts", and each refusal beside its field.
import { cleanup, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppView, ExportDone, ImportDone, IpcError, MyDataView } from '../api';
import deletedEn from '../api/fixtures/my-data.deleted.en.json';
import errorsDe from '../api/fixtures/my-data.errors.de.json';
import errorsEn from '../api/fixtures/my-data.errors.en.json';
import exportedDe from '../api/fixtures/my-data.exported.de.json';
import exportedEn from '../api/fixtures/my-data.exported.en.json';
import importedEn from '../api/fixtures/my-data.imported.en.json';
import lockedEn from '../api/fixtures/my-data.locked.en.json';
import memoryEn from '../api/fixtures/my-data.memory.en.json';
import noKeychainDe from '../api/fixtures/my-data.no-keychain.de.json';
import noKeychainEn from '../api/fixtures/my-data.no-keychain.en.json';
import recoveryCodeEn from '../api/fixtures/my-data.recovery-code.en.json';
import chosenDe from '../api/fixtures/my-data.passphrase-chosen.de.json';
import chosenEn from '../api/fixtures/my-data.passphrase-chosen.en.json';
import App from '../App.svelte';
import { goTo, nav } from '../lib/nav.svelte';
import { app } from '../lib/state.svelte';
import { fixtures, refusals, text } from '../test/fixtures';
import MyData from './MyData.svelte';

type Call = { cmd: string; args: Record<string, unknown> };
type Handler = (args: Record<string, unknown>) => unknown;

let calls: Call[];

/** Mocks the IPC with one handler per command; an unknown command fails the test. */
function ipc(handlers: Record<string, Handler>) {
  mockIPC((cmd, args) => {
    const call = { cmd, args: (args ?? {}) as Record<string, unknown> };
    calls.push(call);
    const handler =
      handlers[cmd] ?? (cmd === 'report_first_paint' || cmd === 'set_window_title' ? () => null : undefined);
    if (!handler) throw new Error(`unexpected command ${cmd}`);
    return handler(call.args);
  }, { shouldMockEvents: true });
}

const callsOf = (cmd: string) => calls.filter((call) => call.cmd === cmd);
const clone = <T>(value: unknown): T => structuredClone(value) as T;

const views = {
  noKeychain: { de: () => clone<MyDataView>(noKeychainDe), en: () => clone<MyDataView>(noKeychainEn) },
  chosen: { de: () => clone<MyDataView>(chosenDe), en: () => clone<MyDataView>(chosenEn) },
  locked: () => clone<MyDataView>(lockedEn),
  deleted: () => clone<MyDataView>(deletedEn),
  memory: () => clone<MyDataView>(memoryEn),
  recoveryCode: () => clone<MyDataView>(recoveryCodeEn),
};
/**
 * A keychain that works: what a desktop session answers (no test may use a real one;
 * src/core's keychain tests check these flags against gnome-keyring).
 */
const keychainOpen = (): MyDataView => ({
  ...views.chosen.en(),
  keys: 'keychain',
  switchToPassphrase: true,
  switchToKeychain: false,
  changePassphrase: false,
  recoveryNeedsPassphrase: false,
});
/** Drafts open under a passphrase on a desktop with a keychain. */
const passphraseOpen = (): MyDataView => ({ ...views.chosen.en(), switchToKeychain: true });

function refusal(locale: 'de' | 'en', code: string): IpcError {
  const all = (locale === 'de' ? errorsDe : errorsEn) as Record<string, IpcError>;
  const found = all[code];
  if (!found) throw new Error(`no refusal ${code} in the fixture`);
  return structuredClone(found);
}

function useLocale(locale: 'de' | 'en'): AppView {
  const view = locale === 'de' ? fixtures.catalogDe() : fixtures.catalogEn();
  app.view = view;
  return view;
}

const statusOf = (section: string) =>
  document.getElementById(`my-data-${section}-status`)?.textContent?.trim() ?? '';
const input = (id: string) => {
  const element = document.getElementById(id);
  if (!(element instanceof HTMLInputElement)) throw new Error(`no input #${id}`);
  return element;
};
const describedBy = (element: Element) =>
  (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent?.trim());

beforeEach(() => {
  calls = [];
  app.view = null;
  app.error = null;
  goTo({ kind: 'catalog' });
});

afterEach(() => {
  cleanup();
  clearMocks();
  app.view = null;
  app.error = null;
  app.done = null;
});

describe('how the drafts are protected', () => {
  it('leads to My details', async () => {
    const view = useLocale('en');
    ipc({ my_data_view: () => keychainOpen() });
    const user = userEvent.setup();
    render(MyData, { props: { view } });
    await user.click(await screen.findByRole('link', { name: text(view, 'my-data-my-details-link') }));
    expect(nav.place.kind).toBe('myDetails');
  });

  it('says the keychain keeps the key, offers a passphrase instead and a recovery code; export and import are there', async () => {
    const view = useLocale('en');
    let answer: () => unknown = () => Promise.reject(refusal('en', 'error-passphrase-mismatch'));
    ipc({ my_data_view: () => keychainOpen(), use_passphrase_keys: () => answer() });
    const user = userEvent.setup();
    render(MyData, { props: { view } });
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(text(view, 'my-data-heading'));
    expect((await screen.findByText(text(view, 'my-data-keys-keychain'))).id).toBe('my-data-keys-text');
    expect(document.getElementById('my-data-unlock')).toBeNull();
    expect(document.getElementById('my-data-change-passphrase')).toBeNull();
    expect(screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual([
      text(view, 'my-data-keys-heading'),
      text(view, 'my-data-recovery-heading'),
      text(view, 'my-data-my-details-heading'),
      text(view, 'my-data-export-heading'),
      text(view, 'my-data-import-heading'),
      text(view, 'my-data-delete-heading'),
    ]);
    expect(screen.queryByRole('alert')).toBeNull();

    // With drafts present, the key moves to a passphrase: no export, delete, import.
    const form = document.getElementById('my-data-passphrase');
    if (!form) throw new Error('the switch to a passphrase is offered');
    within(form).getByRole('heading', { level: 4, name: text(view, 'my-data-switch-passphrase-heading') });
    within(form).getByText(text(view, 'my-data-switch-passphrase-text'));
    await user.type(input('my-data-keys-passphrase'), 'correct horse battery staple');
    await user.type(input('my-data-keys-confirmation'), 'correct horse battery stable');
    await user.click(within(form).getByRole('button', { name: text(view, 'my-data-use-passphrase') }));
    await waitFor(() => expect(document.activeElement).toBe(input('my-data-keys-confirmation')));
    answer = () => passphraseOpen();
    await user.clear(input('my-data-keys-confirmation'));
    await user.type(input('my-data-keys-confirmation'), 'correct horse battery staple');
    await user.click(within(form).getByRole('button', { name: text(view, 'my-data-use-passphrase') }));
    await waitFor(() => expect(statusOf('keys')).toBe(text(view, 'my-data-now-passphrase')));
    expect(callsOf('use_passphrase_keys').at(-1)?.args).toEqual({
      passphrase: 'correct horse battery staple',
      confirmation: 'correct horse battery staple',
    });
    screen.getByText(text(view, 'my-data-keys-passphrase'));
    screen.getByText(text(view, 'my-data-switch-keychain-text'));
  });

  it('never says there is nothing to do while the keychain cannot serve the drafts', async () => {
    const view = useLocale('en');
    const data = views.noKeychain.en();
    expect(data.keys).toBe('keychain');
    ipc({ my_data_view: () => data });
    render(MyData, { props: { view } });
    expect((await screen.findByText(text(view, 'my-data-keys-keychain-unavailable'))).id).toBe('my-data-keys-text');
    expect(screen.queryByText(text(view, 'my-data-keys-keychain'))).toBeNull();
  });

  it('offers the import where the key is lost and no recovery code exists, saying nothing is deleted', async () => {
    const view = useLocale('en');
    const lost: MyDataView = {
      ...views.noKeychain.en(),
      offerPassphrase: false,
      offerRecovery: false,
      importSetsAside: true,
    };
    const done = clone<ImportDone>(importedEn);
    ipc({ my_data_view: () => lost, import_my_data: () => done });
    const user = userEvent.setup();
    render(MyData, { props: { view } });
    const text_ = await screen.findByText(text(view, 'my-data-import-aside-text'));
    expect(text_.id).toBe('my-data-import-text');
    expect(document.getElementById('my-data-export')).toBeNull();
    expect(document.getElementById('my-data-recover')).toBeNull();
    await user.type(input('my-data-import-passphrase'), 'correct horse battery staple');
    await user.click(screen.getByRole('button', { name: text(view, 'my-data-import') }));
    await waitFor(() => expect(statusOf('import')).toBe(done.message));
    expect(callsOf('import_my_data')).toEqual([
      { cmd: 'import_my_data', args: { passphrase: 'correct horse battery staple' } },
    ]);
  });

  it('offers to try again while the keychain is locked', async () => {
    const view = useLocale('en');
    const locked: MyDataView = { ...views.noKeychain.en(), offerPassphrase: false, offerRetry: true };
    ipc({ my_data_view: () => locked, retry_vault: () => keychainOpen() });
    const user = userEvent.setup();
    render(MyData, { props: { view } });
    await screen.findByText(text(view, 'my-data-retry-text'));
    await user.click(screen.getByRole('button', { name: text(view, 'my-data-retry') }));
    await waitFor(() => expect(screen.getByText(text(view, 'my-data-keys-keychain')).id).toBe('my-data-keys-text'));
    expect(callsOf('retry_vault')).toHaveLength(1);
    expect(document.activeElement?.id).toBe('my-data-keys-heading');
    expect(document.getElementById('my-data-retry')).toBeNull();
  });

  it('moves the key back to the keychain and changes the passphrase after the current one', async () => {
    const view = useLocale('en');
    let change: () => unknown = () => Promise.reject(refusal('en', 'error-passphrase-current'));
    ipc({
      my_data_view: () => passphraseOpen(),
      change_passphrase: () => change(),
      use_keychain_keys: () => keychainOpen(),
    });
    const user = userEvent.setup();
    render(MyData, { props: { view } });
    const form = (await screen.findByRole('heading', { level: 4, name: text(view, 'my-data-change-passphrase-heading') })).closest('form');
    if (!form) throw new Error('the change form');
    const current = within(form).getByLabelText(text(view, 'my-data-current-passphrase-label'));
    expect(current.getAttribute('autocomplete')).toBe('current-password');
    await user.type(current, 'not the one');
    await user.type(input('my-data-changed-passphrase'), 'a new passphrase, long enough');
    await user.type(input('my-data-changed-confirmation'), 'a new passphrase, long enough');
    await user.click(within(form).getByRole('button', { name: text(view, 'my-data-change-passphrase') }));
    await waitFor(() => expect(document.activeElement).toBe(current));
    expect(describedBy(current)).toEqual([refusal('en', 'error-passphrase-current').message]);
    expect(current.getAttribute('aria-invalid')).toBe('true');
    expect(callsOf('change_passphrase').at(-1)?.args).toEqual({
      current: 'not the one',
      passphrase: 'a new passphrase, long enough',
      confirmation: 'a new passphrase, long enough',
    });
    change = () => passphraseOpen();
    await user.clear(current);
    await user.type(current, 'correct horse battery staple');
    await user.click(within(form).getByRole('button', { name: text(view, 'my-data-change-passphrase') }));
    await waitFor(() => expect(statusOf('keys')).toBe(text(view, 'my-data-passphrase-changed')));
    expect(input('my-data-current-passphrase').value).toBe('');
    expect(input('my-data-changed-passphrase').value).toBe('');

    await user.click(screen.getByRole('button', { name: text(view, 'my-data-switch-keychain') }));
    await waitFor(() => expect(statusOf('keys')).toBe(text(view, 'my-data-now-keychain')));
    expect(callsOf('use_keychain_keys')).toHaveLength(1);
    screen.getByText(text(view, 'my-data-keys-keychain'));
    expect(document.getElementById('my-data-change-passphrase')).toBeNull();
  });

  for (const locale of ['de', 'en'] as const) {
    it(`offers a passphrase when no keychain can be reached, and says why (${locale})`, async () => {
      const view = useLocale(locale);
      const data = views.noKeychain[locale]();
      expect(data.offerPassphrase).toBe(true);
      ipc({ my_data_view: () => data });
      render(MyData, { props: { view } });
      const warning = await screen.findByText(data.unavailable ?? 'missing');
      expect(warning.closest('.kern-alert')?.classList.contains('kern-alert--warning')).toBe(true);
      // The cause in the citizen's language, the platform's words only behind "Details".
      expect(data.unavailable).not.toContain(data.unavailableDetail ?? 'missing');
      const details = document.getElementById('my-data-unavailable-details');
      if (!(details instanceof HTMLDetailsElement)) throw new Error('the details are offered');
      expect(details.open).toBe(false);
      expect(details.querySelector('summary')?.textContent).toBe(text(view, 'error-details'));
      expect(details.querySelector('p')?.textContent).toBe(data.unavailableDetail);
      expect(document.getElementById('my-data-keys-text')?.textContent).toBe(
        text(view, 'my-data-keys-keychain-unavailable'),
      );
      const form = document.getElementById('my-data-passphrase');
      if (!form) throw new Error('the passphrase form is offered');
      const inForm = within(form);
      inForm.getByRole('heading', { level: 4, name: text(view, 'my-data-use-passphrase-heading') });
      inForm.getByText(text(view, 'my-data-use-passphrase-text'));
      const first = inForm.getByLabelText(text(view, 'my-data-passphrase-label'));
      expect(first.getAttribute('type')).toBe('password');
      expect(first.getAttribute('autocomplete')).toBe('new-password');
      expect(describedBy(first)).toEqual([text(view, 'my-data-passphrase-hint')]);
      expect(text(view, 'my-data-passphrase-hint')).toContain(String(data.minPassphraseLength));
      const second = inForm.getByLabelText(text(view, 'my-data-passphrase-confirm-label'));
      expect(second.getAttribute('type')).toBe('password');
      inForm.getByRole('button', { name: text(view, 'my-data-use-passphrase') });
      // No drafts can be kept: nothing to export or import yet; deleting stays possible.
      expect(document.getElementById('my-data-export')).toBeNull();
      expect(document.getElementById('my-data-import')).toBeNull();
      screen.getByRole('button', { name: text(view, 'my-data-delete') });
    });
  }

  it('says so in memory-only mode, with nothing to choose', async () => {
    const view = useLocale('en');
    ipc({ my_data_view: () => views.memory() });
    render(MyData, { props: { view } });
    await screen.findByText(text(view, 'my-data-keys-memory'));
    expect(document.getElementById('my-data-passphrase')).toBeNull();
    expect(document.getElementById('my-data-use-keychain')).toBeNull();
  });

  it('shows each refusal of the passphrase beside its field, then protects the drafts with it', async () => {
    const view = useLocale('de');
    let answer: () => unknown = () => Promise.reject(refusal('de', 'error-passphrase-empty'));
    ipc({ my_data_view: () => views.noKeychain.de(), use_passphrase_keys: () => answer() });
    const user = userEvent.setup();
    render(MyData, { props: { view } });
    const submit = await screen.findByRole('button', { name: text(view, 'my-data-use-passphrase') });

    await user.click(submit);
    const empty = refusal('de', 'error-passphrase-empty');
    await waitFor(() => expect(document.activeElement).toBe(input('my-data-keys-passphrase')));
    expect(input('my-data-keys-passphrase').getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(input('my-data-keys-passphrase'))).toEqual([text(view, 'my-data-passphrase-hint'), empty.message]);
    expect(input('my-data-keys-passphrase').closest('.kern-form-input')?.classList).toContain('kern-form-input--error');

    answer = () => Promise.reject(refusal('de', 'error-passphrase-mismatch'));
    await user.type(input('my-data-keys-passphrase'), 'correct horse battery staple');
    await user.type(input('my-data-keys-confirmation'), 'correct horse battery stable');
    await user.keyboard('{Enter}');
    const mismatch = refusal('de', 'error-passphrase-mismatch');
    await waitFor(() => expect(document.activeElement).toBe(input('my-data-keys-confirmation')));
    expect(describedBy(input('my-data-keys-confirmation'))).toEqual([mismatch.message]);
    expect(input('my-data-keys-passphrase').getAttribute('aria-invalid')).toBeNull();
    expect(callsOf('use_passphrase_keys').at(-1)?.args).toEqual({
      passphrase: 'correct horse battery staple',
      confirmation: 'correct horse battery stable',
    });

    answer = () => views.chosen.de();
    await user.clear(input('my-data-keys-confirmation'));
    await user.type(input('my-data-keys-confirmation'), 'correct horse battery staple');
    await user.click(submit);
    await waitFor(() => expect(statusOf('keys')).toBe(text(view, 'my-data-now-passphrase')));
    expect(document.getElementById('my-data-keys-status')?.getAttribute('role')).toBe('status');
    expect(document.activeElement?.id).toBe('my-data-keys-heading');
    expect(screen.getByText(text(view, 'my-data-keys-passphrase'))).toBeTruthy();
    expect(document.getElementById('my-data-passphrase')).toBeNull();
    // Now drafts are kept: export and import are offered.
    expect(document.getElementById('my-data-export')).not.toBeNull();
    expect(document.getElementById('my-data-import')).not.toBeNull();
  });

  it('asks for the passphrase when the drafts wait for it; a wrong one is said beside the field', async () => {
    const view = useLocale('en');
    const locked = views.locked();
    expect(locked.state).toBe('locked');
    let answer: () => unknown = () => Promise.reject(refusal('en', 'error-vault-passphrase'));
    ipc({ my_data_view: () => locked, unlock_vault: () => answer() });
    const user = userEvent.setup();
    render(MyData, { props: { view } });
    const form = await screen.findByRole('heading', { level: 4, name: text(view, 'my-data-unlock-heading') });
    const unlockForm = form.closest('form');
    if (!unlockForm) throw new Error('the unlock form');
    within(unlockForm).getByText(text(view, 'my-data-unlock-text'));
    const field = within(unlockForm).getByLabelText(text(view, 'my-data-passphrase-label'));
    expect(field.getAttribute('autocomplete')).toBe('current-password');
    // A forgotten passphrase: the recovery code created earlier is asked for beside it.
    expect(locked.offerRecovery).toBe(true);
    screen.getByRole('heading', { level: 4, name: text(view, 'my-data-recover-heading') });

    await user.type(field, 'wrong horse battery');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(document.activeElement).toBe(field));
    expect(describedBy(field)).toEqual([refusal('en', 'error-vault-passphrase').message]);
    expect(callsOf('unlock_vault')).toEqual([{ cmd: 'unlock_vault', args: { passphrase: 'wrong horse battery' } }]);

    answer = () => views.chosen.en();
    await user.clear(field);
    await user.type(field, 'correct horse battery staple');
    await user.click(within(unlockForm).getByRole('button', { name: text(view, 'my-data-unlock') }));
    await waitFor(() => expect(statusOf('keys')).toBe(text(view, 'my-data-unlocked')));
    expect(document.getElementById('my-data-unlock')).toBeNull();
    expect(document.activeElement?.id).toBe('my-data-keys-heading');
  });

  it('offers the keychain again while no passphrase is chosen yet', async () => {
    const view = useLocale('en');
    const deleted = views.deleted();
    expect(deleted.offerKeychain).toBe(true);
    ipc({ my_data_view: () => deleted, use_keychain_keys: () => views.noKeychain.en() });
    const user = userEvent.setup();
    render(MyData, { props: { view } });
    await screen.findByRole('heading', { level: 4, name: text(view, 'my-data-new-passphrase-heading') });
    screen.getByText(text(view, 'my-data-new-passphrase-text'));
    screen.getByText(text(view, 'my-data-use-keychain-text'));
    await user.click(screen.getByRole('button', { name: text(view, 'my-data-use-keychain') }));
    await waitFor(() => expect(statusOf('keys')).toBe(text(view, 'my-data-now-keychain')));
    expect(callsOf('use_keychain_keys')).toHaveLength(1);
    // The keychain is chosen but cannot be reached here: the text says so, and does not
    // claim the key is kept there.
    expect(document.getElementById('my-data-keys-text')?.textContent).toBe(
      text(view, 'my-data-keys-keychain-unavailable'),
    );
    expect(screen.queryByText(text(view, 'my-data-keys-keychain'))).toBeNull();
  });
});

describe('the recovery code', () => {
  const groups = ['7KQ2', 'M9XD', 'A4TR', 'ZZ0B', 'HJ5W', 'C81N', 'PQRS'];

  it('is shown once as seven groups, read group by group, until the citizen has written it down', async () => {
    const view = useLocale('en');
    ipc({ my_data_view: () => keychainOpen(), create_recovery_code: () => ({ groups }) });
    const user = userEvent.setup();
    render(MyData, { props: { view } });
    await screen.findByText(text(view, 'my-data-recovery-text'));
    expect(screen.queryByText(text(view, 'my-data-recovery-exists'))).toBeNull();
    await user.click(screen.getByRole('button', { name: text(view, 'my-data-recovery-create') }));
    await waitFor(() => expect(document.activeElement?.id).toBe('my-data-recovery-shown-heading'));
    const list = document.getElementById('my-data-recovery-code');
    if (!list) throw new Error('the code is shown');
    expect(within(list).getAllByRole('listitem').map((item) => item.textContent)).toEqual(groups);
    screen.getByText(text(view, 'my-data-recovery-shown-text'));
    await waitFor(() => expect(statusOf('recovery')).toBe(text(view, 'my-data-recovery-created')));

    await user.click(screen.getByRole('button', { name: text(view, 'my-data-recovery-done') }));
    expect(document.getElementById('my-data-recovery-code')).toBeNull();
    expect(document.body.textContent).not.toContain('7KQ2');
    expect(document.activeElement?.id).toBe('my-data-recovery-heading');
    // Made once: the next offer replaces it, and says so.
    screen.getByText(text(view, 'my-data-recovery-exists'));
    screen.getByRole('button', { name: text(view, 'my-data-recovery-create-new') });
  });

  it('prints the code as shown, and the code stays until the citizen has written it down', async () => {
    const view = useLocale('en');
    ipc({
      my_data_view: () => keychainOpen(),
      create_recovery_code: () => ({ groups }),
      print_recovery_code: () => ({ fileName: 'Recovery-code.pdf', message: 'The PDF is open.' }),
    });
    const user = userEvent.setup();
    render(MyData, { props: { view } });
    await user.click(await screen.findByRole('button', { name: text(view, 'my-data-recovery-create') }));
    await user.click(await screen.findByRole('button', { name: text(view, 'print-recovery') }));
    await waitFor(() => expect(callsOf('print_recovery_code')[0]?.args).toEqual({ groups }));
    await waitFor(() => expect(statusOf('recovery')).toBe('The PDF is open.'));
    expect(document.getElementById('my-data-recovery-code')).not.toBeNull();
  });

  it('says a recovery code exists when My data opens again', async () => {
    const view = useLocale('en');
    const data = views.recoveryCode();
    expect(data.recoveryCode).toBe(true);
    ipc({ my_data_view: () => data });
    render(MyData, { props: { view } });
    await screen.findByText(text(view, 'my-data-recovery-exists'));
  });

  it('brings the drafts back: a typo or another code is said beside the code, the new passphrase beside its field', async () => {
    const view = useLocale('en');
    const locked = views.locked();
    let answer: () => unknown = () => Promise.reject(refusal('en', 'error-recovery-code-format'));
    ipc({ my_data_view: () => locked, recover_vault: () => answer() });
    const user = userEvent.setup();
    render(MyData, { props: { view } });
    const heading = await screen.findByRole('heading', { level: 4, name: text(view, 'my-data-recover-heading') });
    const form = heading.closest('form');
    if (!form) throw new Error('the recovery form');
    within(form).getByText(text(view, 'my-data-recover-text'));
    within(form).getByText(text(view, 'my-data-recover-passphrase-text'));
    const code = within(form).getByLabelText(text(view, 'my-data-recover-code-label'));
    expect(code.getAttribute('autocomplete')).toBe('off');
    expect(code.getAttribute('spellcheck')).toBe('false');
    await user.type(code, '7kq2 m9xd');
    await user.type(input('my-data-recover-passphrase'), 'a new passphrase, long enough');
    await user.type(input('my-data-recover-confirmation'), 'a new passphrase, long enough');
    await user.click(within(form).getByRole('button', { name: text(view, 'my-data-recover') }));
    await waitFor(() => expect(document.activeElement).toBe(code));
    expect(code.getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(code)).toEqual([refusal('en', 'error-recovery-code-format').message]);
    expect(callsOf('recover_vault').at(-1)?.args).toEqual({
      code: '7kq2 m9xd',
      passphrase: 'a new passphrase, long enough',
      confirmation: 'a new passphrase, long enough',
    });

    answer = () => Promise.reject(refusal('en', 'error-recovery-code-wrong'));
    await user.click(within(form).getByRole('button', { name: text(view, 'my-data-recover') }));
    await waitFor(() => expect(describedBy(code)).toEqual([refusal('en', 'error-recovery-code-wrong').message]));

    answer = () => Promise.reject(refusal('en', 'error-passphrase-mismatch'));
    await user.click(within(form).getByRole('button', { name: text(view, 'my-data-recover') }));
    await waitFor(() => expect(document.activeElement).toBe(input('my-data-recover-confirmation')));
    expect(code.getAttribute('aria-invalid')).toBeNull();

    answer = () => passphraseOpen();
    await user.click(within(form).getByRole('button', { name: text(view, 'my-data-recover') }));
    await waitFor(() => expect(statusOf('keys')).toBe(text(view, 'my-data-recovered')));
    expect(document.getElementById('my-data-recover')).toBeNull();
    expect(document.activeElement?.id).toBe('my-data-keys-heading');
  });
});

describe('export and import', () => {
  for (const locale of ['de', 'en'] as const) {
    it(`exports with the passphrase given twice and says what was written (${locale})`, async () => {
      const view = useLocale(locale);
      const done = clone<ExportDone>(locale === 'de' ? exportedDe : exportedEn);
      ipc({ my_data_view: () => views.chosen[locale](), export_my_data: () => done });
      const user = userEvent.setup();
      render(MyData, { props: { view } });
      const form = await screen.findByRole('heading', { level: 3, name: text(view, 'my-data-export-heading') });
      const exportForm = form.closest('form');
      if (!exportForm) throw new Error('the export form');
      within(exportForm).getByText(text(view, 'my-data-export-text'));
      await user.type(input('my-data-export-passphrase'), 'correct horse battery staple');
      await user.type(input('my-data-export-confirmation'), 'correct horse battery staple');
      await user.click(within(exportForm).getByRole('button', { name: text(view, 'my-data-export') }));

      expect(callsOf('export_my_data')).toEqual([
        {
          cmd: 'export_my_data',
          args: { passphrase: 'correct horse battery staple', confirmation: 'correct horse battery staple' },
        },
      ]);
      await waitFor(() => expect(statusOf('export')).toBe(done.message));
      // The passphrase does not stay in the page.
      expect(input('my-data-export-passphrase').value).toBe('');
      expect(input('my-data-export-confirmation').value).toBe('');
      expect(screen.queryByRole('alert')).toBeNull();
    });
  }

  it('says nothing was exported when the citizen cancels the save dialog, and keeps what was typed', async () => {
    const view = useLocale('en');
    ipc({ my_data_view: () => views.chosen.en(), export_my_data: () => null });
    const user = userEvent.setup();
    render(MyData, { props: { view } });
    await user.type(await screen.findByLabelText(text(view, 'my-data-passphrase-label'), { selector: '#my-data-export-passphrase' }), 'correct horse battery staple');
    await user.click(screen.getByRole('button', { name: text(view, 'my-data-export') }));
    await waitFor(() => expect(statusOf('export')).toBe(text(view, 'my-data-export-cancelled')));
    expect(input('my-data-export-passphrase').value).toBe('correct horse battery staple');
  });

  it('shows a too-short passphrase beside the export field', async () => {
    const view = useLocale('en');
    const short = refusal('en', 'error-passphrase-too-short');
    ipc({ my_data_view: () => views.chosen.en(), export_my_data: () => Promise.reject(short) });
    const user = userEvent.setup();
    render(MyData, { props: { view } });
    await user.click(await screen.findByRole('button', { name: text(view, 'my-data-export') }));
    await waitFor(() => expect(document.activeElement).toBe(input('my-data-export-passphrase')));
    expect(describedBy(input('my-data-export-passphrase'))).toEqual([text(view, 'my-data-passphrase-hint'), short.message]);
    expect(statusOf('export')).toBe('');
  });

  it('imports and says how many drafts came; a wrong passphrase is said beside the field, a wrong file above the button', async () => {
    const view = useLocale('en');
    const done = clone<ImportDone>(importedEn);
    const wrongFile: IpcError = refusals('en')['error-export-file'];
    let answer: () => unknown = () => Promise.reject(refusal('en', 'error-import-passphrase'));
    ipc({ my_data_view: () => views.chosen.en(), import_my_data: () => answer() });
    const user = userEvent.setup();
    render(MyData, { props: { view } });
    const field = await screen.findByLabelText(text(view, 'my-data-import-passphrase-label'));
    const submit = screen.getByRole('button', { name: text(view, 'my-data-import') });
    await user.type(field, 'wrong horse');
    await user.click(submit);
    await waitFor(() => expect(document.activeElement).toBe(field));
    expect(describedBy(field)).toEqual([refusal('en', 'error-import-passphrase').message]);

    answer = () => Promise.reject(wrongFile);
    await user.click(submit);
    const alert = await screen.findByRole('alert');
    expect(alert.id).toBe('my-data-import-alert');
    expect(alert.textContent?.trim()).toBe(wrongFile.message);
    await waitFor(() => expect(document.activeElement).toBe(alert));
    expect(field.getAttribute('aria-invalid')).toBeNull();

    answer = () => done;
    await user.click(submit);
    await waitFor(() => expect(statusOf('import')).toBe(done.message));
    expect(screen.queryByRole('alert')).toBeNull();
    expect((field as HTMLInputElement).value).toBe('');
    expect(callsOf('import_my_data').map((c) => c.args)).toEqual([
      { passphrase: 'wrong horse' },
      { passphrase: 'wrong horse' },
      { passphrase: 'wrong horse' },
    ]);
  });
});

describe('deleting all my data', () => {
  it('asks inline first; "No" keeps everything and returns to the button', async () => {
    const view = useLocale('en');
    ipc({ my_data_view: () => views.chosen.en() });
    const user = userEvent.setup();
    render(MyData, { props: { view } });
    await user.click(await screen.findByRole('button', { name: text(view, 'my-data-delete') }));
    const question = screen.getByText(text(view, 'my-data-delete-question'));
    expect(question.textContent).toBe(text(view, 'my-data-delete-question'));
    await waitFor(() => expect(document.activeElement).toBe(question));
    const group = screen.getByRole('group', { name: text(view, 'my-data-delete-question') });
    within(group).getByRole('button', { name: text(view, 'my-data-delete-confirm') });
    await user.click(within(group).getByRole('button', { name: text(view, 'my-data-delete-cancel') }));
    expect(callsOf('delete_all_my_data')).toEqual([]);
    expect(screen.queryByRole('group')).toBeNull();
    await waitFor(() => expect(document.activeElement?.id).toBe('my-data-delete'));
  });

  it('"Yes" deletes everything and returns to the first start in the same language, which says so', async () => {
    // The settings are gone but for the language: Rust's view is the first start again.
    const firstStart = fixtures.firstStartDe();
    let deleted = false;
    ipc({
      get_app_view: () => (deleted ? firstStart : fixtures.catalogDe()),
      catalog_groups: () => [],
      my_data_view: () => (deleted ? views.deleted() : views.chosen.de()),
      delete_all_my_data: () => {
        deleted = true;
        return views.deleted();
      },
    });
    goTo({ kind: 'settings' });
    const user = userEvent.setup();
    render(App);
    const view = fixtures.catalogDe();
    await user.click(await screen.findByRole('button', { name: text(view, 'my-data-delete') }));
    await user.click(screen.getByRole('button', { name: text(view, 'my-data-delete-confirm') }));
    expect(callsOf('delete_all_my_data')).toHaveLength(1);

    const heading = await screen.findByRole('heading', { level: 1, name: text(firstStart, 'first-start-heading') });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(document.documentElement.lang).toBe('de');
    expect(document.getElementById('first-start-done')?.textContent?.trim()).toBe(text(firstStart, 'my-data-deleted'));
    // A passphrase vault is gone: a new passphrase is asked for right there.
    await screen.findByRole('heading', { level: 2, name: text(firstStart, 'start-drafts-choose-passphrase') });
    expect(app.error).toBeNull();
  });

  it('says so in the section when the new view does not come', async () => {
    const view = useLocale('en');
    ipc({
      my_data_view: () => views.chosen.en(),
      delete_all_my_data: () => views.deleted(),
      get_app_view: () => Promise.reject(refusals('en')['error-vault-storage']),
    });
    const user = userEvent.setup();
    render(MyData, { props: { view } });
    await user.click(await screen.findByRole('button', { name: text(view, 'my-data-delete') }));
    await user.click(screen.getByRole('button', { name: text(view, 'my-data-delete-confirm') }));
    await waitFor(() => expect(statusOf('delete')).toBe(text(view, 'my-data-deleted')));
    expect(document.activeElement?.id).toBe('my-data-delete-heading');
    expect(screen.queryByRole('group')).toBeNull();
    screen.getByRole('heading', { level: 4, name: text(view, 'my-data-new-passphrase-heading') });
    expect(document.getElementById('my-data-export')).toBeNull();
  });

  it('while applications wait to be sent, says how many and asks again; "Yes" there deletes them too', async () => {
    const view = useLocale('en');
    const unsent: IpcError = refusals('en')['error-delete-unsent'];
    expect(unsent.code).toBe('error-delete-unsent');
    ipc({
      my_data_view: () => views.chosen.en(),
      delete_all_my_data: (args) => (args.confirmUnsent ? views.deleted() : Promise.reject(unsent)),
      get_app_view: () => Promise.reject(refusals('en')['error-vault-storage']),
    });
    const user = userEvent.setup();
    render(MyData, { props: { view } });
    await user.click(await screen.findByRole('button', { name: text(view, 'my-data-delete') }));
    await user.click(screen.getByRole('button', { name: text(view, 'my-data-delete-confirm') }));

    // The second question, in Rust's words with the number, takes the first one's place
    // and the focus (so a screen reader reads it out); nothing is deleted yet.
    const question = await screen.findByText(unsent.message);
    await waitFor(() => expect(document.activeElement).toBe(question));
    const group = screen.getByRole('group', { name: unsent.message });
    expect(screen.queryByText(text(view, 'my-data-delete-question'))).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(callsOf('delete_all_my_data').map((c) => c.args)).toEqual([{ confirmUnsent: false }]);

    // Keyboard only: Tab to "Yes, delete everything anyway", Enter.
    await user.tab();
    const yes = within(group).getByRole('button', { name: text(view, 'my-data-delete-unsent-confirm') });
    expect(document.activeElement).toBe(yes);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(statusOf('delete')).toBe(text(view, 'my-data-deleted')));
    expect(callsOf('delete_all_my_data').map((c) => c.args)).toEqual([
      { confirmUnsent: false },
      { confirmUnsent: true },
    ]);
    expect(screen.queryByRole('group')).toBeNull();
  });

  it('"No" on the second question keeps everything and returns to the button', async () => {
    const view = useLocale('en');
    const unsent: IpcError = refusals('en')['error-delete-unsent'];
    ipc({ my_data_view: () => views.chosen.en(), delete_all_my_data: () => Promise.reject(unsent) });
    const user = userEvent.setup();
    render(MyData, { props: { view } });
    await user.click(await screen.findByRole('button', { name: text(view, 'my-data-delete') }));
    await user.click(screen.getByRole('button', { name: text(view, 'my-data-delete-confirm') }));
    const group = await screen.findByRole('group', { name: unsent.message });
    await user.click(within(group).getByRole('button', { name: text(view, 'my-data-delete-cancel') }));
    expect(callsOf('delete_all_my_data')).toHaveLength(1);
    expect(screen.queryByRole('group')).toBeNull();
    await waitFor(() => expect(document.activeElement?.id).toBe('my-data-delete'));

    // Asked anew, it starts from the first question again.
    await user.click(screen.getByRole('button', { name: text(view, 'my-data-delete') }));
    screen.getByRole('group', { name: text(view, 'my-data-delete-question') });
  });

  it('shows a refusal in the section and keeps the question', async () => {
    const view = useLocale('en');
    const failed: IpcError = refusals('en')['error-vault-storage'];
    ipc({ my_data_view: () => views.chosen.en(), delete_all_my_data: () => Promise.reject(failed) });
    const user = userEvent.setup();
    render(MyData, { props: { view } });
    await user.click(await screen.findByRole('button', { name: text(view, 'my-data-delete') }));
    await user.click(screen.getByRole('button', { name: text(view, 'my-data-delete-confirm') }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent?.trim()).toBe(failed.message);
    expect(screen.getByRole('group', { name: text(view, 'my-data-delete-question') })).toBeTruthy();
    expect(statusOf('delete')).toBe('');
  });
});

describe('in the settings', () => {
  it('is a section of the settings page and follows the language', async () => {
    const warn = vi.spyOn(console, 'warn');
    ipc({
      get_app_view: () => fixtures.catalogDe(),
      catalog_groups: () => [],
      my_data_view: () => (app.view?.ui.locale === 'en' ? views.noKeychain.en() : views.noKeychain.de()),
    });
    goTo({ kind: 'settings' });
    render(App);
    const de = fixtures.catalogDe();
    await screen.findByRole('heading', { level: 2, name: text(de, 'my-data-heading') });
    await screen.findByText(views.noKeychain.de().unavailable ?? 'missing');
    app.view = fixtures.catalogEn();
    await screen.findByText(views.noKeychain.en().unavailable ?? 'missing');
    expect(callsOf('my_data_view')).toHaveLength(2);
    expect(warn).not.toHaveBeenCalled();
  });
});
