// "My applications" against the mocked IPC: each application with its status in the
// citizen's words, the date of application apart from the time of receipt, the online
// indicator with the number waiting, the PDF of each, and the list following the core's
// events (a change is shown and said without the citizen touching anything).
import { cleanup, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { emit } from '@tauri-apps/api/event';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APP_EVENT, type AppEvent, type AppView, type ApplicationListItem, type ApplicationsView } from '../api';
import App from '../App.svelte';
import { app } from '../lib/state.svelte';
import { fixtures, text } from '../test/fixtures';
import Applications from './Applications.svelte';

type Call = { cmd: string; args: Record<string, unknown> };
type Handler = (args: Record<string, unknown>) => unknown;

let calls: Call[];

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

function useLocale(locale: 'de' | 'en'): AppView {
  const view = locale === 'de' ? fixtures.catalogDe() : fixtures.catalogEn();
  app.view = view;
  return view;
}

const waiting: ApplicationListItem = {
  applicationId: 'a-2',
  procedureId: 'bulky-waste-pickup',
  title: 'Book a bulky waste pickup',
  applicationDate: '2026-12-06',
  status: { status: 'waiting', lastError: 'network' },
  statusText: 'Waiting to be sent: the municipality cannot be reached right now',
  municipality: 'Musterstadt (Demo)',
  caseId: null,
  receivedMs: null,
};

const sent: ApplicationListItem = {
  applicationId: 'a-1',
  procedureId: 'dog-tax-registration',
  title: 'Register a dog for dog tax',
  applicationDate: '2026-12-01',
  status: { status: 'submitted', caseId: 'case-0042' },
  statusText: 'Sent',
  municipality: 'Musterstadt (Demo)',
  caseId: 'case-0042',
  receivedMs: Date.UTC(2026, 11, 2, 8, 30),
};

function view(items: ApplicationListItem[], connection: ApplicationsView['connection']): ApplicationsView {
  const count = items.filter((i) => i.status.status === 'waiting' || i.status.status === 'sending').length;
  return {
    applications: items,
    waiting: count,
    connection,
    waitingText: count === 1 ? 'One application is waiting to be sent.' : `${count} applications are waiting to be sent.`,
  };
}

beforeEach(() => {
  calls = [];
});

afterEach(() => {
  cleanup();
  clearMocks();
  app.view = null;
  app.error = null;
});

describe('My applications', () => {
  it('lists each application newest first with its status, case number and both dates', async () => {
    const texts = useLocale('en');
    ipc({ list_applications: () => view([sent, waiting], 'offline') });
    render(Applications, { props: { view: texts } });
    await screen.findByRole('heading', { level: 1, name: text(texts, 'applications-heading') });
    const items = await screen.findAllByRole('listitem');
    expect(items.map((li) => within(li).getByRole('heading', { level: 2 }).textContent)).toEqual([
      waiting.title,
      sent.title,
    ]);
    expect(document.getElementById('application-a-2-status')?.textContent?.trim()).toBe(waiting.statusText);
    expect(document.getElementById('application-a-2-case')?.textContent?.trim()).toBe(
      text(texts, 'application-case-number-pending'),
    );
    expect(document.getElementById('application-a-2-received')?.textContent?.trim()).toBe(
      text(texts, 'application-received-pending'),
    );
    expect(document.getElementById('application-a-1-case')?.textContent?.trim()).toBe('case-0042');
    // The date of application and the time of receipt are two things.
    expect(document.getElementById('application-a-1-date')?.textContent).toContain('December 1, 2026');
    expect(document.getElementById('application-a-1-received')?.textContent).toContain('December 2, 2026');
    // The indicator: offline, and how many wait.
    const indicator = document.getElementById('applications-connection')!;
    expect(indicator.dataset.connection).toBe('offline');
    expect(indicator.textContent).toContain(text(texts, 'connection-offline'));
    expect(indicator.textContent).toContain('One application is waiting to be sent.');
  });

  it('says that none was submitted yet', async () => {
    const texts = useLocale('de');
    ipc({ list_applications: () => view([], 'unknown') });
    render(Applications, { props: { view: texts } });
    await waitFor(() =>
      expect(document.getElementById('applications-empty')?.textContent).toBe(text(texts, 'applications-empty')),
    );
    expect(document.getElementById('applications-connection-text')?.textContent).toBe(
      text(texts, 'connection-unknown'),
    );
  });

  it('follows the core: a status that changes is shown and said, without a touch', async () => {
    const texts = useLocale('en');
    let now = view([sent, waiting], 'offline');
    ipc({ list_applications: () => now });
    render(Applications, { props: { view: texts } });
    await waitFor(() => expect(document.getElementById('application-a-2-status')).not.toBeNull());
    now = view(
      [
        { ...sent, status: { status: 'accepted', caseId: 'case-0042' }, statusText: 'Accepted' },
        {
          ...waiting,
          status: { status: 'submitted', caseId: 'case-0043' },
          statusText: 'Sent',
          caseId: 'case-0043',
          receivedMs: Date.UTC(2026, 11, 6, 18, 0),
        },
      ],
      'online',
    );
    await emit(APP_EVENT, { kind: 'applicationsChanged' } satisfies AppEvent);
    await waitFor(() => expect(document.getElementById('application-a-2-case')?.textContent?.trim()).toBe('case-0043'));
    expect(document.getElementById('applications-connection')?.dataset.connection).toBe('online');
    const said = document.getElementById('applications-status')!;
    expect(said.getAttribute('role')).toBe('status');
    await waitFor(() => expect(said.textContent).toContain('Register a dog for dog tax: Accepted'));
    expect(said.textContent).toContain('Book a bulky waste pickup: Sent');
  });

  it('"Download PDF" and "Print" name their application and say what was done; a cancel says nothing', async () => {
    const texts = useLocale('en');
    let saved: unknown = null;
    ipc({
      list_applications: () => view([sent], 'online'),
      download_sent_application_pdf: () => saved,
      print_sent_application: () => ({ fileName: 'Antrag.pdf', message: 'The PDF Antrag.pdf is open.' }),
    });
    render(Applications, { props: { view: texts } });
    const user = userEvent.setup();
    const download = await screen.findByRole('button', { name: `${text(texts, 'applications-download')} ${sent.title}` });
    await user.click(download);
    await waitFor(() => expect(callsOf('download_sent_application_pdf')[0]?.args).toEqual({ applicationId: 'a-1' }));
    expect(document.getElementById('applications-status')?.textContent).toBe('');
    saved = { fileName: 'Antrag.pdf', message: 'The PDF was saved as Antrag.pdf.' };
    await user.click(download);
    await waitFor(() =>
      expect(document.getElementById('applications-status')?.textContent).toBe('The PDF was saved as Antrag.pdf.'),
    );
    await user.click(screen.getByRole('button', { name: `${text(texts, 'applications-print')} ${sent.title}` }));
    await waitFor(() =>
      expect(document.getElementById('applications-status')?.textContent).toBe('The PDF Antrag.pdf is open.'),
    );
  });

  it('is in the header navigation, current while open, with its page title', async () => {
    const texts = fixtures.catalogEn();
    ipc({ get_app_view: () => texts, catalog_groups: () => [], list_drafts: () => ({ drafts: [], unavailable: null, unavailableDetail: null, versionsChanged: false, unfinished: null }), list_applications: () => view([sent], 'online') });
    render(App);
    await screen.findByRole('heading', { level: 1, name: text(texts, 'catalog-heading') });
    const link = screen.getByRole('link', { name: text(texts, 'nav-applications') });
    await userEvent.setup().click(link);
    const heading = await screen.findByRole('heading', { level: 1, name: text(texts, 'applications-heading') });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(link.getAttribute('aria-current')).toBe('page');
    expect(document.title).toBe(text(texts, 'applications-page-title'));
  });
});
