import { cleanup, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppView, IpcError } from './api';
import App from './App.svelte';
import { app } from './lib/state.svelte';
import { fixtures, text } from './test/fixtures';

type Call = { cmd: string; args: unknown };
type Handler = (args: unknown) => unknown;

let calls: Call[];

/** Mocks the IPC with one handler per command; an unknown command fails the test. */
function ipc(handlers: Record<string, Handler>) {
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    const handler = handlers[cmd] ?? (cmd === 'report_first_paint' ? () => null : undefined);
    if (!handler) throw new Error(`unexpected command ${cmd}`);
    return handler(args);
  });
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
  });

  it('reports the first paint once, after the first view is rendered', async () => {
    const de = fixtures.firstStartDe();
    ipc({ get_app_view: () => de });
    render(App);
    await waitFor(() => expect(callsOf('report_first_paint')).toHaveLength(1));
    expect(calls.map((call) => call.cmd)).toEqual(['get_app_view', 'report_first_paint']);
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

  it('continues to the catalog and focuses its heading', async () => {
    const de = fixtures.firstStartDe();
    const catalog = fixtures.catalogDe();
    ipc({ get_app_view: () => de, complete_first_start: () => catalog });
    const user = userEvent.setup();
    render(App);
    await renderedHeading(text(de, 'first-start-heading'));

    await user.click(screen.getByRole('button', { name: text(de, 'first-start-continue') }));

    expect(callsOf('complete_first_start')).toHaveLength(1);
    const heading = await renderedHeading(text(catalog, 'catalog-heading'));
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(document.querySelector('main#main')?.getAttribute('data-screen')).toBe('catalog');
    expect(screen.getByText(text(catalog, 'catalog-empty'))).toBeTruthy();
    expect(document.title).toBe(text(catalog, 'catalog-page-title'));
    expect(screen.queryByRole('radio')).toBeNull();
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
    const failure: IpcError = { code: 'error-internal', message: text(de, 'error-internal') };
    ipc({ get_app_view: () => Promise.reject(failure) });
    render(App);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent?.trim()).toBe(failure.message);
    expect(screen.queryByRole('heading', { level: 1 })).toBeNull();
    await waitFor(() => expect(callsOf('report_first_paint')).toHaveLength(1));
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
  it('renders the empty catalog in English', async () => {
    const en = fixtures.catalogEn();
    ipc({ get_app_view: () => en });
    render(App);
    const heading = await renderedHeading(text(en, 'catalog-heading'));
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(screen.getByText(text(en, 'catalog-empty'))).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
  });
});

it('logs no warnings for the texts the screens use', async () => {
  const warn = vi.spyOn(console, 'warn');
  ipc({ get_app_view: () => fixtures.firstStartDeNotices(), complete_first_start: () => fixtures.catalogDe() });
  const user = userEvent.setup();
  render(App);
  const view = fixtures.firstStartDeNotices();
  await renderedHeading(text(view, 'first-start-heading'));
  await user.click(screen.getByRole('button', { name: text(view, 'first-start-continue') }));
  await renderedHeading(text(fixtures.catalogDe(), 'catalog-heading'));
  expect(warn).not.toHaveBeenCalled();
});
