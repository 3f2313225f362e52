// "My drafts" against the mocked IPC, which answers with what the real shell answered
// when the fixtures were generated (src-tauri/src/tests.rs): the list, continuing a
// draft, deleting one after an inline confirmation, a damaged draft, a vault that cannot
// keep drafts; and the wizard's "Save and continue later", which ends on this page.
import { cleanup, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { emit } from '@tauri-apps/api/event';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { APP_EVENT, type AppEvent, type AppView, type DraftListItem, type DraftsView } from '../api';
import draftsDe from '../api/fixtures/drafts.de.json';
import draftsEn from '../api/fixtures/drafts.en.json';
import versionsChangedDe from '../api/fixtures/drafts.versions-changed.de.json';
import versionsChangedEn from '../api/fixtures/drafts.versions-changed.en.json';
import noKeychainDe from '../api/fixtures/my-data.no-keychain.de.json';
import App from '../App.svelte';
import { goTo, nav } from '../lib/nav.svelte';
import { app } from '../lib/state.svelte';
import { fixtures, refusals, text } from '../test/fixtures';
import { question, step, wizardFixture } from '../wizard/test/fixtures';
import Wizard from '../wizard/Wizard.svelte';
import Drafts from './Drafts.svelte';

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

const drafts = (locale: 'de' | 'en'): DraftsView =>
  structuredClone(locale === 'de' ? draftsDe : draftsEn) as DraftsView;

/** "My drafts" after the list of versions was changed outside the app (the core's answer). */
const versionsChanged = (locale: 'de' | 'en'): DraftsView =>
  structuredClone(locale === 'de' ? versionsChangedDe : versionsChangedEn) as DraftsView;

function useLocale(locale: 'de' | 'en'): AppView {
  const view = locale === 'de' ? fixtures.catalogDe() : fixtures.catalogEn();
  app.view = view;
  return view;
}

function itemOf(list: DraftsView, index: number): DraftListItem {
  const item = list.drafts[index];
  if (!item) throw new Error(`the fixture has no draft ${index}`);
  return item;
}

/** The date as the citizen's language writes it (the fixture's time is data). */
function lastChange(view: AppView, item: DraftListItem): string {
  return new Intl.DateTimeFormat(view.ui.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(item.updatedMs),
  );
}

const draftItem = (item: DraftListItem) => {
  const li = document.querySelector<HTMLElement>(`li[data-draft="${item.draftId}"]`);
  if (!li) throw new Error(`${item.draftId} is not listed`);
  return li;
};

const statusText = () => document.getElementById('drafts-status')?.textContent?.trim() ?? '';

beforeEach(() => {
  calls = [];
  app.view = null;
  app.error = null;
  goTo({ kind: 'catalog' });
  nav.catalogQuery = '';
  document.title = '';
});

afterEach(() => {
  cleanup();
  clearMocks();
  app.view = null;
  app.error = null;
});

describe('news from the core', () => {
  it('asks for the list again when drafts changed elsewhere (an import) or the vault opened', async () => {
    const view = useLocale('en');
    const full = drafts('en');
    let answer: DraftsView = { drafts: [], unavailable: null, unavailableDetail: null, versionsChanged: false, unfinished: null };
    ipc({ list_drafts: () => answer });
    render(Drafts, { props: { view } });
    await waitFor(() => expect(callsOf('list_drafts')).toHaveLength(1));
    expect(screen.queryAllByRole('heading', { level: 2 })).toHaveLength(0);

    answer = full;
    await emit(APP_EVENT, { kind: 'draftsChanged' } satisfies AppEvent);
    const headings = await screen.findAllByRole('heading', { level: 2 });
    expect(headings.map((h) => h.textContent)).toEqual(full.drafts.map((d) => d.title));
    expect(callsOf('list_drafts')).toHaveLength(2);

    await emit(APP_EVENT, { kind: 'vaultChanged' } satisfies AppEvent);
    await waitFor(() => expect(callsOf('list_drafts')).toHaveLength(3));
  });

  it('stops listening when the screen goes away', async () => {
    const view = useLocale('en');
    ipc({ list_drafts: () => drafts('en') });
    const { unmount } = render(Drafts, { props: { view } });
    await waitFor(() => expect(callsOf('list_drafts')).toHaveLength(1));
    // Listening (an event is answered), then gone.
    await emit(APP_EVENT, { kind: 'draftsChanged' } satisfies AppEvent);
    await waitFor(() => expect(callsOf('list_drafts')).toHaveLength(2));
    unmount();
    await emit(APP_EVENT, { kind: 'draftsChanged' } satisfies AppEvent);
    expect(callsOf('list_drafts')).toHaveLength(2);
  });
});

describe('the list', () => {
  for (const locale of ['de', 'en'] as const) {
    it(`shows each draft with its title, progress, last change and actions (${locale})`, async () => {
      const warn = vi.spyOn(console, 'warn');
      const view = useLocale(locale);
      const list = drafts(locale);
      expect(list.drafts).toHaveLength(2);
      ipc({ list_drafts: () => list });
      render(Drafts, { props: { view } });

      const h1 = screen.getByRole('heading', { level: 1 });
      expect(h1.id).toBe('page-heading');
      expect(h1.textContent).toBe(text(view, 'drafts-heading'));
      expect(screen.getByText(text(view, 'drafts-intro'))).toBeTruthy();
      const headings = await screen.findAllByRole('heading', { level: 2 });
      expect(headings.map((h) => h.textContent)).toEqual(list.drafts.map((d) => d.title));
      expect(callsOf('list_drafts')).toEqual([{ cmd: 'list_drafts', args: {} }]);

      for (const item of list.drafts) {
        const li = within(draftItem(item));
        expect(li.getByRole('heading', { level: 2 }).textContent).toBe(item.title);
        expect(li.getByText(item.progress)).toBeTruthy();
        const term = li.getByText(text(view, 'drafts-last-change'));
        expect(term.tagName).toBe('DT');
        const time = term.parentElement?.querySelector('dd time');
        expect(time?.textContent).toBe(lastChange(view, item));
        expect(time?.textContent).toContain('2025');
        expect(time?.getAttribute('translate')).toBe('no');
        expect(time?.getAttribute('datetime')).toBe(new Date(item.updatedMs).toISOString());
        // Each button names its draft for screen readers; what is seen comes first.
        const resume = li.getByRole('button', { name: `${text(view, 'drafts-resume')} ${item.title}` });
        expect(resume.textContent?.trim()).toBe(text(view, 'drafts-resume'));
        const del = li.getByRole('button', { name: `${text(view, 'drafts-delete')} ${item.title}` });
        expect(del.textContent?.trim()).toBe(text(view, 'drafts-delete'));
      }
      expect(screen.queryByRole('alert')).toBeNull();
      expect(document.getElementById('drafts-empty')).toBeNull();
      expect(statusText()).toBe('');
      expect(warn).not.toHaveBeenCalled();
    });
  }

  it('says so when there are no drafts', async () => {
    const view = useLocale('de');
    ipc({ list_drafts: () => ({ drafts: [], unavailable: null, unavailableDetail: null, versionsChanged: false, unfinished: null }) });
    render(Drafts, { props: { view } });
    expect((await screen.findByText(text(view, 'drafts-empty'))).id).toBe('drafts-empty');
    expect(screen.queryByRole('heading', { level: 2 })).toBeNull();
    expect(screen.queryByRole('list')).toBeNull();
  });

  it('shows a damaged draft with its explanation and only "Delete"', async () => {
    const view = useLocale('en');
    const list = drafts('en');
    const damaged = itemOf(list, 0);
    const intact = itemOf(list, 1);
    damaged.damaged = refusals('en')['drafts-damaged'];
    damaged.progress = '';
    ipc({ list_drafts: () => list });
    render(Drafts, { props: { view } });
    await screen.findByRole('heading', { level: 2, name: damaged.title });

    const li = within(draftItem(damaged));
    const warning = li.getByText(damaged.damaged);
    expect(warning.closest('.kern-alert')?.classList.contains('kern-alert--warning')).toBe(true);
    expect(li.queryByRole('button', { name: new RegExp(text(view, 'drafts-resume')) })).toBeNull();
    li.getByRole('button', { name: `${text(view, 'drafts-delete')} ${damaged.title}` });
    expect(li.getByText(lastChange(view, damaged))).toBeTruthy();
    // The other draft is untouched.
    within(draftItem(intact)).getByRole('button', { name: `${text(view, 'drafts-resume')} ${intact.title}` });
  });

  it('says the cause in the citizen\'s language and keeps the platform\'s words behind "Details"', async () => {
    const view = useLocale('de');
    const unavailable: DraftsView = {
      drafts: [],
      unavailable: noKeychainDe.unavailable,
      unavailableDetail: noKeychainDe.unavailableDetail,
      versionsChanged: false,
      unfinished: null,
    };
    ipc({ list_drafts: () => unavailable });
    render(Drafts, { props: { view } });
    const alert = await screen.findByRole('alert');
    expect(alert.querySelector('.kern-title')?.textContent).toBe(noKeychainDe.unavailable);
    const details = document.getElementById('drafts-unavailable-details');
    if (!(details instanceof HTMLDetailsElement)) throw new Error('the details');
    expect(details.open).toBe(false);
    expect(details.querySelector('summary')?.textContent).toBe(text(view, 'error-details'));
    expect(details.querySelector('p')?.textContent).toBe(noKeychainDe.unavailableDetail);
  });

  it('shows why no draft can be kept as an error alert above the rest', async () => {
    const view = useLocale('de');
    const unavailable: DraftsView = { drafts: [], unavailable: text(view, 'error-keychain-locked'), unavailableDetail: null, versionsChanged: false, unfinished: null };
    ipc({ list_drafts: () => unavailable });
    render(Drafts, { props: { view } });
    const alert = await screen.findByRole('alert');
    expect(alert.id).toBe('drafts-unavailable');
    expect(alert.classList.contains('kern-alert--danger')).toBe(true);
    expect(alert.textContent?.trim()).toBe(unavailable.unavailable);
    // Under the heading, before the introduction.
    const h1 = screen.getByRole('heading', { level: 1 });
    const intro = screen.getByText(text(view, 'drafts-intro'));
    expect(h1.compareDocumentPosition(alert) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(alert.compareDocumentPosition(intro) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    // "No drafts" would be wrong here: they may exist and cannot be read.
    expect(document.getElementById('drafts-empty')).toBeNull();
  });

  it('lists the drafts again in the new language', async () => {
    ipc({
      get_app_view: () => fixtures.catalogDe(),
      list_drafts: () => (app.view?.ui.locale === 'en' ? drafts('en') : drafts('de')),
    });
    goTo({ kind: 'drafts' });
    render(App);
    await screen.findByRole('heading', { level: 2, name: itemOf(drafts('de'), 0).title });
    // What choosing English in the settings does: the whole view comes back in English.
    app.view = fixtures.catalogEn();
    await screen.findByRole('heading', { level: 2, name: itemOf(drafts('en'), 0).title });
    expect(callsOf('list_drafts')).toHaveLength(2);
  });
});

describe('continuing a draft', () => {
  it('opens it in the wizard at the page where the citizen left', async () => {
    const view = fixtures.catalogDe();
    const list = drafts('de');
    const dog = list.drafts.find((d) => d.procedureId === 'dog-tax-registration');
    if (!dog) throw new Error('the fixture lists the dog tax draft');
    const started = fixtures.draftStartedDe();
    started.draftId = dog.draftId;
    ipc({ get_app_view: () => view, list_drafts: () => list, resume_draft: () => started, catalog_groups: () => [] });
    const user = userEvent.setup();
    render(App);
    await screen.findByRole('heading', { level: 1, name: text(view, 'catalog-heading') });
    await user.click(screen.getByRole('link', { name: text(view, 'nav-drafts') }));

    await user.click(await screen.findByRole('button', { name: `${text(view, 'drafts-resume')} ${dog.title}` }));
    expect(callsOf('resume_draft')).toEqual([{ cmd: 'resume_draft', args: { draftId: dog.draftId } }]);
    await waitFor(() => expect(document.querySelector('main#main')?.getAttribute('data-screen')).toBe('wizard'));
    expect(nav.place).toEqual({ kind: 'wizard', procedureTitle: dog.title, draftId: dog.draftId, initial: started.screen });
    expect(document.querySelector('.amtsweg-wizard')?.getAttribute('data-draft')).toBe(dog.draftId);
    await waitFor(() => expect(document.activeElement?.id).toBe('page-heading'));
    // Back in the services, not in "My drafts".
    expect(screen.getByRole('link', { name: text(view, 'nav-services') }).getAttribute('aria-current')).toBe('page');
  });

  it('shows a refusal and stays on the list', async () => {
    const view = useLocale('en');
    const list = drafts('en');
    const item = itemOf(list, 0);
    const refusal = refusals('en')['error-vault-damaged'];
    ipc({ list_drafts: () => list, resume_draft: () => Promise.reject(refusal) });
    const user = userEvent.setup();
    render(Drafts, { props: { view } });
    await user.click(await screen.findByRole('button', { name: `${text(view, 'drafts-resume')} ${item.title}` }));
    await waitFor(() => expect(app.error).toBe(refusal.message));
    expect(nav.place.kind).toBe('catalog');
  });
});

describe('deleting a draft', () => {
  it('asks first; "No" keeps it and returns to "Delete"', async () => {
    const view = useLocale('en');
    const list = drafts('en');
    const item = itemOf(list, 0);
    ipc({ list_drafts: () => list });
    const user = userEvent.setup();
    render(Drafts, { props: { view } });
    const del = await screen.findByRole('button', { name: `${text(view, 'drafts-delete')} ${item.title}` });
    await user.click(del);

    const question = screen.getByText(text(view, 'drafts-delete-question'));
    await waitFor(() => expect(document.activeElement).toBe(question));
    const group = screen.getByRole('group', { name: text(view, 'drafts-delete-question') });
    expect(draftItem(item).contains(group)).toBe(true);
    within(group).getByRole('button', { name: text(view, 'drafts-delete-confirm') });
    await user.click(within(group).getByRole('button', { name: text(view, 'drafts-delete-cancel') }));

    expect(callsOf('delete_draft')).toEqual([]);
    expect(screen.queryByRole('group', { name: text(view, 'drafts-delete-question') })).toBeNull();
    const again = screen.getByRole('button', { name: `${text(view, 'drafts-delete')} ${item.title}` });
    await waitFor(() => expect(document.activeElement).toBe(again));
    expect(screen.getAllByRole('heading', { level: 2 })).toHaveLength(2);
    expect(statusText()).toBe('');
  });

  it('"Yes" deletes it, shows the list Rust returns, focuses the next draft and says so', async () => {
    const view = useLocale('de');
    const list = drafts('de');
    const first = itemOf(list, 0);
    const second = itemOf(list, 1);
    const without = (id: string, from: DraftsView): DraftsView => ({
      ...from,
      drafts: from.drafts.filter((d) => d.draftId !== id),
    });
    let kept = list;
    ipc({
      list_drafts: () => kept,
      delete_draft: (args) => {
        kept = without(args.draftId as string, kept);
        return kept;
      },
    });
    const user = userEvent.setup();
    render(Drafts, { props: { view } });
    await user.click(await screen.findByRole('button', { name: `${text(view, 'drafts-delete')} ${first.title}` }));
    await user.click(screen.getByRole('button', { name: text(view, 'drafts-delete-confirm') }));

    expect(callsOf('delete_draft')).toEqual([{ cmd: 'delete_draft', args: { draftId: first.draftId } }]);
    await waitFor(() => expect(screen.queryByRole('heading', { level: 2, name: first.title })).toBeNull());
    const next = screen.getByRole('heading', { level: 2, name: second.title });
    expect(document.activeElement).toBe(next);
    await waitFor(() => expect(statusText()).toBe(text(view, 'drafts-deleted')));
    expect(document.getElementById('drafts-status')?.getAttribute('role')).toBe('status');
    expect(app.error).toBeNull();

    // The last one: focus goes to the page's heading, and "no drafts" is said.
    await user.click(screen.getByRole('button', { name: `${text(view, 'drafts-delete')} ${second.title}` }));
    await user.click(screen.getByRole('button', { name: text(view, 'drafts-delete-confirm') }));
    expect(callsOf('delete_draft').map((c) => c.args)).toEqual([{ draftId: first.draftId }, { draftId: second.draftId }]);
    await screen.findByText(text(view, 'drafts-empty'));
    expect(document.activeElement?.id).toBe('page-heading');
    // Said again for the second deletion: the region is emptied first.
    await waitFor(() => expect(statusText()).toBe(text(view, 'drafts-deleted')));
    expect(callsOf('list_drafts')).toHaveLength(1);
  });

  it('shows a refusal and keeps the draft and the question', async () => {
    const view = useLocale('en');
    const list = drafts('en');
    const item = itemOf(list, 1);
    const refusal = refusals('en')['error-vault-storage'];
    ipc({ list_drafts: () => list, delete_draft: () => Promise.reject(refusal) });
    const user = userEvent.setup();
    render(Drafts, { props: { view } });
    await user.click(await screen.findByRole('button', { name: `${text(view, 'drafts-delete')} ${item.title}` }));
    await user.click(screen.getByRole('button', { name: text(view, 'drafts-delete-confirm') }));
    await waitFor(() => expect(app.error).toBe(refusal.message));
    expect(screen.getByRole('heading', { level: 2, name: item.title })).toBeTruthy();
    expect(screen.getByRole('group', { name: text(view, 'drafts-delete-question') })).toBeTruthy();
    expect(statusText()).toBe('');
  });
});

describe('the header navigation', () => {
  it('has "My drafts" between the services and the settings, current while open', async () => {
    const view = fixtures.catalogEn();
    ipc({ get_app_view: () => view, catalog_groups: () => [], list_drafts: () => drafts('en') });
    const user = userEvent.setup();
    render(App);
    await screen.findByRole('heading', { level: 1, name: text(view, 'catalog-heading') });
    const nav = screen.getByRole('navigation', { name: text(view, 'nav-label') });
    const links = within(nav).getAllByRole('link');
    expect(links.map((l) => l.id)).toEqual(['nav-services', 'nav-drafts', 'nav-applications', 'nav-settings', 'nav-accessibility']);
    const mine = within(nav).getByRole('link', { name: text(view, 'nav-drafts') });
    expect(mine.getAttribute('aria-current')).toBeNull();

    await user.click(mine);
    const heading = await screen.findByRole('heading', { level: 1, name: text(view, 'drafts-heading') });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(mine.getAttribute('aria-current')).toBe('page');
    expect(within(nav).getByRole('link', { name: text(view, 'nav-services') }).getAttribute('aria-current')).toBeNull();
    expect(document.querySelector('main#main')?.getAttribute('data-screen')).toBe('drafts');
    expect(document.title).toBe(text(view, 'drafts-page-title'));
    await waitFor(() =>
      expect(document.getElementById('page-announcer')?.textContent).toBe(text(view, 'drafts-page-title')),
    );
  });
});

describe('"Save and continue later"', () => {
  it('stores what was typed on the page, then hands over to the frame', async () => {
    const view = useLocale('de');
    const fixture = wizardFixture('dog-tax-registration.de');
    const name = step(fixture, 'name');
    const order: string[] = [];
    ipc({
      set_answers: () => {
        order.push('set_answers');
        return null;
      },
    });
    const onSaveLater = vi.fn(() => order.push('onSaveLater'));
    render(Wizard, {
      props: { draftId: fixture.draftId, initial: question(name.empty), onLeave: vi.fn(), onStartPage: vi.fn(), onSaveLater },
    });
    await screen.findByRole('heading', { level: 1, name: name.empty.heading });
    const user = userEvent.setup();
    for (const item of name.empty.items) {
      if (item.type !== 'field') throw new Error('fields expected');
      const answer = name.answers[item.fieldId];
      if (!answer || !('text' in answer)) throw new Error('text answer expected');
      await user.type(screen.getByLabelText(item.label), answer.text);
    }
    const button = screen.getByRole('button', { name: text(view, 'wizard-save-later') });
    expect(button.getAttribute('type')).toBe('button');
    await user.click(button);

    expect(callsOf('set_answers')).toEqual([
      { cmd: 'set_answers', args: { draftId: fixture.draftId, pageId: 'name', answers: name.answers } },
    ]);
    await waitFor(() => expect(onSaveLater).toHaveBeenCalledTimes(1));
    expect(order).toEqual(['set_answers', 'onSaveLater']);
    expect(calls.map((c) => c.cmd).filter((cmd) => cmd !== 'set_window_title')).toEqual(['set_answers']);
  });

  it('stays on the page and shows the refusal when storing fails', async () => {
    const view = useLocale('en');
    const fixture = wizardFixture('dog-tax-registration.en');
    const name = step(fixture, 'name');
    const refusal = { code: 'error-vault-disk-full', message: text(view, 'error-vault-disk-full') };
    ipc({ set_answers: () => Promise.reject(refusal) });
    const onSaveLater = vi.fn();
    render(Wizard, {
      props: { draftId: fixture.draftId, initial: question(name.empty), onLeave: vi.fn(), onStartPage: vi.fn(), onSaveLater },
    });
    await screen.findByRole('heading', { level: 1, name: name.empty.heading });
    await userEvent.setup().click(screen.getByRole('button', { name: text(view, 'wizard-save-later') }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent?.trim()).toBe(refusal.message);
    expect(onSaveLater).not.toHaveBeenCalled();
  });

  it('is not offered without a place to go', async () => {
    const view = useLocale('en');
    const fixture = wizardFixture('dog-tax-registration.en');
    const name = step(fixture, 'name');
    ipc({});
    render(Wizard, { props: { draftId: fixture.draftId, initial: question(name.empty), onLeave: vi.fn(), onStartPage: vi.fn() } });
    await screen.findByRole('heading', { level: 1, name: name.empty.heading });
    expect(screen.queryByRole('button', { name: text(view, 'wizard-save-later') })).toBeNull();
  });

  it('says the answers could not be saved where drafts cannot be kept, never that they are', async () => {
    const view = fixtures.catalogDe();
    const started = fixtures.draftStartedDe();
    if (started.screen.screen !== 'question') throw new Error('the procedure starts with a question page');
    const unavailable: DraftsView = { drafts: [], unavailable: text(view, 'error-keychain-locked'), unavailableDetail: null, versionsChanged: false, unfinished: null };
    ipc({ get_app_view: () => view, set_answers: () => null, list_drafts: () => unavailable });
    const user = userEvent.setup();
    goTo({ kind: 'wizard', procedureTitle: 'Hund', draftId: started.draftId, initial: started.screen });
    render(App);
    await screen.findByRole('heading', { level: 1, name: started.screen.view.heading });
    await user.click(screen.getByRole('button', { name: text(view, 'wizard-save-later') }));

    await screen.findByRole('heading', { level: 1, name: text(view, 'drafts-heading') });
    await waitFor(() => expect(statusText()).toBe(text(view, 'wizard-not-saved-later')));
    expect(document.body.textContent).not.toContain(text(view, 'wizard-saved-later'));
    expect(screen.getByRole('alert').textContent?.trim()).toBe(unavailable.unavailable);
  });

  it('ends on "My drafts", which says politely that the application is saved', async () => {
    const view = fixtures.catalogDe();
    const started = fixtures.draftStartedDe();
    if (started.screen.screen !== 'question') throw new Error('the procedure starts with a question page');
    const list = drafts('de');
    ipc({ get_app_view: () => view, set_answers: () => null, list_drafts: () => list });
    const user = userEvent.setup();
    goTo({ kind: 'wizard', procedureTitle: 'Hund', draftId: started.draftId, initial: started.screen });
    render(App);
    await screen.findByRole('heading', { level: 1, name: started.screen.view.heading });
    await user.type(screen.getAllByRole('textbox')[0]!, 'Erika');
    await user.click(screen.getByRole('button', { name: text(view, 'wizard-save-later') }));

    const heading = await screen.findByRole('heading', { level: 1, name: text(view, 'drafts-heading') });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    const stored = callsOf('set_answers');
    expect(stored).toHaveLength(1);
    expect(stored[0]?.args.draftId).toBe(started.draftId);
    expect(Object.values(stored[0]?.args.answers as object)).toContainEqual({ text: 'Erika' });
    await waitFor(() => expect(statusText()).toBe(text(view, 'wizard-saved-later')));
    expect(document.getElementById('drafts-status')?.getAttribute('role')).toBe('status');
    expect(screen.getByRole('link', { name: text(view, 'nav-drafts') }).getAttribute('aria-current')).toBe('page');
    expect(document.title).toBe(text(view, 'drafts-page-title'));
  });
});

describe('a changed list of versions', () => {
  const warning = () => document.getElementById('drafts-versions-changed');

  for (const locale of ['de', 'en'] as const) {
    it(`says so once, lists every draft where it was left, and offers no "Continue" (${locale})`, async () => {
      const view = useLocale(locale);
      const list = versionsChanged(locale);
      expect(list.versionsChanged).toBe(true);
      ipc({ list_drafts: () => list });
      render(Drafts, { props: { view } });
      const group = await screen.findByRole('group', { name: text(view, 'drafts-versions-changed') });
      expect(group).toBe(warning());
      expect(within(group).getByRole('button', { name: text(view, 'drafts-versions-keep') })).toBeTruthy();
      // One warning for all, not one damage per draft.
      expect(document.querySelectorAll('[id$="-damaged"]')).toHaveLength(0);
      expect(screen.queryByRole('alert')).toBeNull();
      for (const item of list.drafts) {
        const li = draftItem(item);
        expect(within(li).getByRole('heading', { level: 2 }).textContent).toBe(item.title);
        expect(within(li).getByText(item.progress)).toBeTruthy();
        expect(within(li).getByText(text(view, 'drafts-unverified'))).toBeTruthy();
        expect(within(li).queryByRole('button', { name: `${text(view, 'drafts-resume')} ${item.title}` })).toBeNull();
        // Deleting one stays possible.
        expect(within(li).getByRole('button', { name: `${text(view, 'drafts-delete')} ${item.title}` })).toBeTruthy();
      }
    });
  }

  it('keeps the drafts only when the citizen says so, then offers "Continue" and says it', async () => {
    const view = useLocale('en');
    const list = versionsChanged('en');
    const kept: DraftsView = {
      ...list,
      versionsChanged: false,
      drafts: list.drafts.map((d) => ({ ...d, unverified: false })),
    };
    ipc({ list_drafts: () => list, keep_draft_versions: () => kept });
    const user = userEvent.setup();
    render(Drafts, { props: { view } });
    const keep = await screen.findByRole('button', { name: text(view, 'drafts-versions-keep') });
    expect(callsOf('keep_draft_versions')).toEqual([]);
    await user.click(keep);

    expect(callsOf('keep_draft_versions')).toEqual([{ cmd: 'keep_draft_versions', args: {} }]);
    await waitFor(() => expect(warning()).toBeNull());
    const first = itemOf(kept, 0);
    await waitFor(() => expect(document.activeElement?.id).toBe(`draft-${first.draftId}-title`));
    for (const item of kept.drafts) {
      expect(screen.getByRole('button', { name: `${text(view, 'drafts-resume')} ${item.title}` })).toBeTruthy();
    }
    expect(screen.queryByText(text(view, 'drafts-unverified'))).toBeNull();
    await waitFor(() => expect(statusText()).toBe(text(view, 'drafts-versions-kept')));
    expect(app.error).toBeNull();
  });

  it('shows a refusal and keeps asking', async () => {
    const view = useLocale('en');
    const refusal = refusals('en')['error-vault-storage'];
    ipc({ list_drafts: () => versionsChanged('en'), keep_draft_versions: () => Promise.reject(refusal) });
    const user = userEvent.setup();
    render(Drafts, { props: { view } });
    await user.click(await screen.findByRole('button', { name: text(view, 'drafts-versions-keep') }));
    await waitFor(() => expect(app.error).toBe(refusal.message));
    expect(warning()).not.toBeNull();
    expect(statusText()).toBe('');
  });
});
