import { cleanup, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppView, IpcError } from './api';
import myDataKept from './api/fixtures/my-data.memory.de.json';
import myDataNoKeychain from './api/fixtures/my-data.no-keychain.de.json';
import draftsEn from './api/fixtures/drafts.en.json';
import App from './App.svelte';
import { goTo, nav } from './lib/nav.svelte';
import { announcer } from './lib/announcer.svelte';
import { app } from './lib/state.svelte';
import { fixtures, refusals, text } from './test/fixtures';

type Call = { cmd: string; args: unknown };
type Handler = (args: unknown) => unknown;

let calls: Call[];

/** Mocks the IPC with one handler per command; an unknown command fails the test. */
function ipc(handlers: Record<string, Handler>) {
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    const handler =
      handlers[cmd] ??
      (cmd === 'report_first_paint' || cmd === 'set_window_title'
        ? () => null
        : // The first start and start pages ask whether drafts are kept: here they are.
          cmd === 'my_data_view'
          ? () => structuredClone(myDataKept)
          : // The catalog counts the drafts kept: none unless a test says otherwise.
            cmd === 'list_drafts'
            ? () => ({ drafts: [], unavailable: null, versionsChanged: false, unavailableDetail: null, unfinished: null })
            : undefined);
    if (!handler) throw new Error(`unexpected command ${cmd}`);
    return handler(args);
  }, { shouldMockEvents: true });
}

const callsOf = (cmd: string) => calls.filter((call) => call.cmd === cmd);

async function renderedHeading(expected: string) {
  const heading = await screen.findByRole('heading', { level: 1, name: expected });
  expect(heading.id).toBe('page-heading');
  return heading;
}

beforeEach(() => {
  calls = [];
  app.view = null;
  app.error = null;
  goTo({ kind: 'catalog' });
  nav.catalogQuery = '';
  document.documentElement.removeAttribute('lang');
  document.documentElement.removeAttribute('dir');
  document.title = '';
});

afterEach(() => {
  cleanup();
  clearMocks();
});

describe('first start', () => {
  it('renders heading, texts and one radio per language from the view', async () => {
    const de = fixtures.firstStartDe();
    ipc({ get_app_view: () => de });
    render(App);

    const heading = await renderedHeading(text(de, 'first-start-heading'));
    expect(document.querySelector('main#main')?.getAttribute('data-screen')).toBe('firstStart');
    expect(document.documentElement.lang).toBe(de.ui.locale);
    expect(document.documentElement.dir).toBe(de.ui.direction);
    expect(document.title).toBe(text(de, 'first-start-page-title'));
    await waitFor(() => expect(document.activeElement).toBe(heading));

    expect(screen.getByRole('banner').textContent).toContain(text(de, 'app-name'));
    expect(screen.getByRole('banner').textContent).toContain(text(de, 'app-tagline'));
    expect(screen.getByRole('link', { name: text(de, 'skip-to-content') }).getAttribute('href')).toBe('#main');
    expect(screen.getByText(text(de, 'first-start-lead'))).toBeTruthy();

    const group = screen.getByRole('group', { name: text(de, 'language-legend') });
    expect(group.getAttribute('aria-describedby')).toBe('language-hint');
    expect(document.getElementById('language-hint')?.textContent).toBe(text(de, 'language-hint'));

    const radios = within(group).getAllByRole<HTMLInputElement>('radio');
    expect(radios.map((radio) => radio.value)).toEqual(de.languages.map((l) => l.code));
    for (const language of de.languages) {
      const radio = within(group).getByRole<HTMLInputElement>('radio', { name: language.selfName });
      expect(radio.name).toBe('language');
      expect(radio.value).toBe(language.code);
      expect(radio.checked).toBe(language.code === de.ui.locale);
      const label = radio.labels?.[0];
      expect(label?.getAttribute('lang')).toBe(language.code);
      expect(label?.getAttribute('dir')).toBe(language.direction);
    }

    expect(screen.getByRole('heading', { level: 2, name: text(de, 'privacy-heading') })).toBeTruthy();
    expect(screen.getByText(text(de, 'privacy-text'))).toBeTruthy();
    expect(screen.getByRole('button', { name: text(de, 'first-start-continue') }).id).toBe('continue');
    expect(document.getElementById('notices')).toBeNull();
    expect(document.getElementById('override-notice')).toBeNull();
  });

  it('says on the first start, before any question, that answers cannot be saved here', async () => {
    const de = fixtures.firstStartDe();
    ipc({ get_app_view: () => de, my_data_view: () => structuredClone(myDataNoKeychain) });
    render(App);
    const warning = await screen.findByText(text(de, 'start-drafts-not-kept'));
    const box = warning.closest('#first-start-not-kept')!;
    expect(box.textContent).toContain(myDataNoKeychain.unavailable);
    const languages = document.getElementById('language')!;
    expect(box.compareDocumentPosition(languages) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    // The passphrase is offered right there, before the language and "Continue".
    const form = within(box as HTMLElement).getByRole('form', { name: text(de, 'start-drafts-passphrase') });
    within(form).getByLabelText(text(de, 'my-data-passphrase-label'));
    within(form).getByLabelText(text(de, 'my-data-passphrase-confirm-label'));
  });

  it('reports the first paint once, after the first view is rendered, naming its screen', async () => {
    const de = fixtures.firstStartDe();
    ipc({ get_app_view: () => de, my_data_view: () => structuredClone(myDataKept) });
    render(App);
    await waitFor(() => expect(callsOf('report_first_paint')).toHaveLength(1));
    // The first screen also asks whether drafts can be kept (it warns where not).
    expect(calls.map((call) => call.cmd)).toEqual(['get_app_view', 'my_data_view', 'report_first_paint']);
    const painted = callsOf('report_first_paint')[0]?.args as { screen: string; phases: Record<string, number> };
    expect(painted.screen).toBe(de.screen);
    // In order: script, the view's answer, the paint (the script time is 0 here: the
    // test mounts the App without main.ts).
    const { scriptMs, viewMs, paintedMs } = painted.phases;
    expect([scriptMs, viewMs, paintedMs].every((t) => typeof t === 'number')).toBe(true);
    expect(scriptMs! <= viewMs! && viewMs! <= paintedMs!).toBe(true);
    expect(de.screen).toBe('firstStart');
  });

  it('switches every text to the chosen language at once', async () => {
    const de = fixtures.firstStartDe();
    const en = fixtures.firstStartEn();
    ipc({ get_app_view: () => de, choose_language: () => en });
    const user = userEvent.setup();
    render(App);
    await renderedHeading(text(de, 'first-start-heading'));

    const english = screen.getByRole<HTMLInputElement>('radio', {
      name: en.languages.find((l) => l.code === 'en')?.selfName,
    });
    await user.click(english);

    expect(callsOf('choose_language')).toEqual([{ cmd: 'choose_language', args: { locale: 'en' } }]);
    const heading = await renderedHeading(text(en, 'first-start-heading'));
    expect(heading.textContent).toBe(text(en, 'first-start-heading'));
    expect(document.documentElement.lang).toBe('en');
    expect(document.title).toBe(text(en, 'first-start-page-title'));
    expect(screen.getByRole('group', { name: text(en, 'language-legend') })).toBeTruthy();
    expect(screen.getByRole('button', { name: text(en, 'first-start-continue') })).toBeTruthy();
    expect(english.checked).toBe(true);
    // The same radio stays in the page and keeps the focus: no screen change.
    expect(document.activeElement).toBe(english);
  });

  it('continues to the municipality choice, finds it by postcode and saves it', async () => {
    const de = fixtures.firstStartDe();
    const municipality = fixtures.municipalityDe();
    const found = fixtures.municipalitySearchDe();
    const catalog = fixtures.catalogDe();
    const kassel = found.find((m) => m.name === 'Kassel');
    expect(kassel).toBeTruthy();
    ipc({
      get_app_view: () => de,
      complete_first_start: () => municipality,
      search_municipalities: () => found,
      choose_municipality: () => catalog,
      catalog_groups: () => fixtures.catalogGroupsDe(),
    });
    const user = userEvent.setup();
    render(App);
    await renderedHeading(text(de, 'first-start-heading'));

    await user.click(screen.getByRole('button', { name: text(de, 'first-start-continue') }));
    expect(callsOf('complete_first_start')).toHaveLength(1);
    const heading = await renderedHeading(text(municipality, 'municipality-heading'));
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(document.querySelector('main#main')?.getAttribute('data-screen')).toBe('municipality');
    expect(document.title).toBe(text(municipality, 'municipality-page-title'));
    expect(callsOf('set_window_title').at(-1)?.args).toEqual({ title: text(municipality, 'municipality-page-title') });

    // Continue without a choice: an error beside the search field, which gets the focus.
    await user.click(screen.getByRole('button', { name: text(municipality, 'municipality-continue') }));
    expect(callsOf('choose_municipality')).toHaveLength(0);
    const search = screen.getByRole('searchbox', { name: text(municipality, 'municipality-search-label') });
    expect(document.activeElement).toBe(search);
    expect(search.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(text(municipality, 'municipality-choose-error'))).toBeTruthy();

    await user.type(search, '341');
    const group = await screen.findByRole('group', { name: text(municipality, 'municipality-results-legend') });
    const radio = within(group).getByRole<HTMLInputElement>('radio', { name: kassel?.name });
    expect(callsOf('search_municipalities').at(-1)?.args).toEqual({ query: '341' });
    expect(document.getElementById(`municipality-${kassel?.ars}-details`)?.textContent).toContain(
      text(municipality, 'municipality-demo'),
    );
    await user.click(radio);
    await user.click(screen.getByRole('button', { name: text(municipality, 'municipality-continue') }));
    expect(callsOf('choose_municipality')).toEqual([{ cmd: 'choose_municipality', args: { ars: kassel?.ars } }]);

    const catalogHeading = await renderedHeading(text(catalog, 'catalog-heading'));
    await waitFor(() => expect(document.activeElement).toBe(catalogHeading));
    expect(document.querySelector('main#main')?.getAttribute('data-screen')).toBe('catalog');
    expect(document.title).toBe(text(catalog, 'catalog-page-title'));
  });

  it('marks no place of the header navigation current during the first start and the municipality choice', async () => {
    const de = fixtures.firstStartDe();
    const municipality = fixtures.municipalityDe();
    const catalog = fixtures.catalogDe();
    ipc({
      get_app_view: () => de,
      complete_first_start: () => municipality,
      search_municipalities: () => fixtures.municipalitySearchDe(),
      choose_municipality: () => catalog,
      catalog_groups: () => fixtures.catalogGroupsDe(),
    });
    const user = userEvent.setup();
    render(App);
    const nav = () => screen.getByRole('navigation', { name: text(de, 'nav-label') });
    const current = () => within(nav()).queryAllByRole('link').filter((l) => l.getAttribute('aria-current') !== null);
    await renderedHeading(text(de, 'first-start-heading'));
    expect(within(nav()).getAllByRole('link').length).toBeGreaterThan(0);
    expect(current()).toEqual([]);

    await user.click(screen.getByRole('button', { name: text(de, 'first-start-continue') }));
    await renderedHeading(text(municipality, 'municipality-heading'));
    expect(current()).toEqual([]);

    await user.type(screen.getByRole('searchbox'), '341');
    await user.click(await screen.findByRole('radio', { name: 'Kassel' }));
    await user.click(screen.getByRole('button', { name: text(municipality, 'municipality-continue') }));
    await renderedHeading(text(catalog, 'catalog-heading'));
    expect(current().map((l) => l.id)).toEqual(['nav-services']);

    // Changing the municipality later is the municipality choice too.
    await user.click(screen.getByRole('button', { name: text(catalog, 'catalog-change-municipality') }));
    await renderedHeading(text(catalog, 'municipality-heading'));
    expect(current()).toEqual([]);
  });

  it('shows the override notice Rust reports on every screen', async () => {
    const view = fixtures.firstStartDe();
    expect(view.overrideNotice).toBeNull();
    const notice = { code: 'notice-translations-overridden', message: 'Texte aus /tmp/uebersetzung' };
    ipc({ get_app_view: () => ({ ...view, overrideNotice: notice }) });
    render(App);
    await renderedHeading(text(view, 'first-start-heading'));
    const shown = document.getElementById('override-notice');
    expect(shown?.textContent?.trim()).toBe(notice.message);
    expect(shown?.getAttribute('data-code')).toBe(notice.code);
    // In the banner landmark, so it is found with the page's other fixed parts.
    expect(screen.getByRole('banner').contains(shown)).toBe(true);

    goTo({ kind: 'accessibility' });
    await waitFor(() => expect(document.querySelector('main#main')?.getAttribute('data-screen')).toBe('accessibility'));
    expect(document.getElementById('override-notice')?.textContent?.trim()).toBe(notice.message);
  });

  it('shows the notices Rust reports', async () => {
    const view = fixtures.firstStartDeNotices();
    expect(view.notices.length).toBeGreaterThan(0);
    ipc({ get_app_view: () => view });
    render(App);
    await renderedHeading(text(view, 'first-start-heading'));

    const region = screen.getByRole('region', { name: text(view, 'notices-heading') });
    expect(region.id).toBe('notices');
    const items = region.querySelectorAll('li');
    expect([...items].map((li) => li.getAttribute('data-code'))).toEqual(view.notices.map((n) => n.code));
    expect([...items].map((li) => li.textContent)).toEqual(view.notices.map((n) => n.message));
  });

  it('shows a refused command in an alert and keeps the current language', async () => {
    const de = fixtures.firstStartDe();
    const refusal: IpcError = {
      code: 'error-unknown-locale',
      message: text(de, 'error-unknown-locale'),
      field: null,
    };
    ipc({
      get_app_view: () => de,
      choose_language: () => Promise.reject(refusal),
    });
    const user = userEvent.setup();
    render(App);
    await renderedHeading(text(de, 'first-start-heading'));

    const english = screen.getByRole<HTMLInputElement>('radio', {
      name: de.languages.find((l) => l.code === 'en')?.selfName,
    });
    await user.click(english);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent?.trim()).toBe(refusal.message);
    expect(english.checked).toBe(false);
    expect(screen.getByRole<HTMLInputElement>('radio', { checked: true }).value).toBe(de.ui.locale);
    expect(document.documentElement.lang).toBe(de.ui.locale);
  });

  it('shows a failed start in an alert', async () => {
    const de = fixtures.firstStartDe();
    // A refusal the shell really sends (the vault's storage failed).
    const failure: IpcError = refusals('de')['error-vault-storage'];
    ipc({ get_app_view: () => Promise.reject(failure) });
    render(App);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent?.trim()).toBe(failure.message);
    expect(screen.queryByRole('heading', { level: 1 })).toBeNull();
    await waitFor(() => expect(callsOf('report_first_paint')).toHaveLength(1));
    // The smoke test tells this start from a good one by the screen reported.
    expect(callsOf('report_first_paint')[0]?.args).toMatchObject({ screen: 'error' });
  });

  it('applies only the answer to the latest language choice', async () => {
    const de = fixtures.firstStartDe();
    const en = fixtures.firstStartEn();
    const pending: Array<(view: AppView) => void> = [];
    ipc({
      get_app_view: () => de,
      choose_language: () => new Promise<AppView>((resolve) => pending.push(resolve)),
    });
    const user = userEvent.setup();
    render(App);
    await renderedHeading(text(de, 'first-start-heading'));

    const radio = (code: string) =>
      screen.getByRole<HTMLInputElement>('radio', {
        name: de.languages.find((l) => l.code === code)?.selfName,
      });
    await user.click(radio('en'));
    await user.click(radio('de'));
    expect(pending).toHaveLength(2);
    pending[1]?.(de); // the later choice (German) answers first …
    pending[0]?.(en); // … the older English answer must not win.
    await waitFor(() => expect(radio('de').checked).toBe(true));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(document.documentElement.lang).toBe('de');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(text(de, 'first-start-heading'));
  });
});

describe('catalog', () => {
  it('groups the services by life situation, searches as you type, opens a start page and starts', async () => {
    const en = fixtures.catalogEn();
    const groups = fixtures.catalogGroupsEn();
    const dog = fixtures.catalogGroupsDogEn();
    const start = fixtures.startPageEn();
    const started = fixtures.draftStartedDe();
    ipc({
      get_app_view: () => en,
      catalog_groups: (args) => ((args as { query: string | null }).query ? dog : groups),
      procedure_start_page: () => start,
      start_draft: () => started,
    });
    const user = userEvent.setup();
    render(App);
    const heading = await renderedHeading(text(en, 'catalog-heading'));
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(document.documentElement.lang).toBe('en');
    for (const group of groups) {
      const section = await screen.findByRole('region', { name: group.title });
      const links = within(section).getAllByRole('link');
      expect(links.map((l) => l.textContent)).toEqual(group.entries.map((e) => e.title));
    }
    expect(screen.getByText(en.municipality?.name ?? 'none')).toBeTruthy();

    await user.type(screen.getByRole('searchbox', { name: text(en, 'catalog-search-label') }), 'dog');
    expect(callsOf('catalog_groups').at(-1)?.args).toEqual({ query: 'dog' });
    await waitFor(() =>
      expect(document.getElementById('catalog-status')?.textContent?.trim()).toBe(text(en, 'catalog-results-found')),
    );
    await user.click(screen.getByRole('link', { name: start.title }));
    expect(callsOf('procedure_start_page')).toEqual([
      { cmd: 'procedure_start_page', args: { procedureId: start.procedureId } },
    ]);

    const startHeading = await renderedHeading(start.title);
    await waitFor(() => expect(document.activeElement).toBe(startHeading));
    // The change of page is also said in the page announcer.
    await waitFor(() =>
      expect(document.getElementById('page-announcer')?.textContent).toBe(`${start.title} – ${text(en, 'app-name')}`),
    );
    expect(document.querySelector('main#main')?.getAttribute('data-screen')).toBe('startPage');
    expect(document.title).toBe(`${start.title} – ${text(en, 'app-name')}`);
    for (const id of ['start-who-heading', 'start-need-heading', 'start-duration-heading', 'start-fees-heading', 'start-legal-heading']) {
      expect(screen.getByRole('heading', { level: 2, name: text(en, id) })).toBeTruthy();
    }
    expect(screen.getByText(start.fees)).toBeTruthy();

    await user.click(screen.getByRole('button', { name: text(en, 'start-now') }));
    expect(callsOf('start_draft')).toEqual([{ cmd: 'start_draft', args: { procedureId: start.procedureId } }]);
    await waitFor(() => expect(document.querySelector('main#main')?.getAttribute('data-screen')).toBe('wizard'));
    await waitFor(() => expect(document.activeElement?.id).toBe('page-heading'));
    // The page announcer says the wizard's page, not the start page left behind; it is
    // the only live region that says pages.
    if (started.screen.screen !== 'question') throw new Error('a question page first');
    const firstPage = started.screen.view.heading;
    await waitFor(() => expect(document.getElementById('page-announcer')?.textContent).toBe(firstPage));
    expect(announcer.text).toBe(firstPage);
    const regions = [...document.querySelectorAll('[role="status"], [aria-live]')].filter(
      (r) => r.textContent?.trim() !== '',
    );
    expect(regions.map((r) => r.id)).toEqual(['page-announcer']);
  });
});

describe('coming back', () => {
  it('the catalog says how many applications are unfinished, with a link to My drafts', async () => {
    const en = fixtures.catalogEn();
    const kept = structuredClone(draftsEn);
    expect(kept.drafts.length).toBe(2);
    expect(kept.unfinished?.replace(/[\u2068\u2069]/g, '')).toBe('You have 2 unfinished applications');
    ipc({ get_app_view: () => en, catalog_groups: () => fixtures.catalogGroupsEn(), list_drafts: () => kept });
    const user = userEvent.setup();
    render(App);
    await renderedHeading(text(en, 'catalog-heading'));
    await waitFor(() => expect(document.getElementById('catalog-unfinished-text')?.textContent).toBe(kept.unfinished));
    const link = screen.getByRole('link', { name: text(en, 'catalog-unfinished-link') });
    await user.click(link);
    const heading = await renderedHeading(text(en, 'drafts-heading'));
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(document.querySelector('main#main')?.getAttribute('data-screen')).toBe('drafts');
  });

  it('the catalog says nothing of drafts when none is kept', async () => {
    const en = fixtures.catalogEn();
    ipc({ get_app_view: () => en, catalog_groups: () => fixtures.catalogGroupsEn() });
    render(App);
    await renderedHeading(text(en, 'catalog-heading'));
    await waitFor(() => expect(callsOf('list_drafts')).toHaveLength(1));
    await screen.findAllByRole('region');
    expect(document.getElementById('catalog-unfinished')).toBeNull();
  });
});

it('logs no warnings for the texts the screens use', async () => {
  const warn = vi.spyOn(console, 'warn');
  ipc({
    get_app_view: () => fixtures.firstStartDeNotices(),
    complete_first_start: () => fixtures.municipalityDe(),
    search_municipalities: () => fixtures.municipalitySearchDe(),
    choose_municipality: () => fixtures.catalogDe(),
    catalog_groups: () => fixtures.catalogGroupsDe(),
    procedure_start_page: () => fixtures.startPageDe(),
    // The start page asks whether drafts can be kept here.
    my_data_view: () => structuredClone(myDataKept),
  });
  const user = userEvent.setup();
  render(App);
  const view = fixtures.firstStartDeNotices();
  await renderedHeading(text(view, 'first-start-heading'));
  await user.click(screen.getByRole('button', { name: text(view, 'first-start-continue') }));
  await renderedHeading(text(fixtures.municipalityDe(), 'municipality-heading'));
  await user.type(screen.getByRole('searchbox'), '341');
  await user.click(await screen.findByRole('radio', { name: 'Kassel' }));
  await user.click(screen.getByRole('button', { name: text(fixtures.municipalityDe(), 'municipality-continue') }));
  await renderedHeading(text(fixtures.catalogDe(), 'catalog-heading'));
  await user.click(await screen.findByRole('link', { name: fixtures.startPageDe().title }));
  await renderedHeading(fixtures.startPageDe().title);
  expect(warn).not.toHaveBeenCalled();
});
