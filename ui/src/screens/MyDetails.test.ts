// My details against the mocked IPC, which answers with what the real core answered
// when the fixtures were generated (crates/app/tests/it/my_details.rs): what is kept,
// the switch, changing them with Rust's refusals beside each field, deleting after an
// inline confirmation; and the offer on the confirmation page and the note on a page
// filled in from My details.
import { cleanup, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppView, MyDetailsOffer as Offer, MyDetailsView, ProcedureScreen } from '../api';
import deletedEn from '../api/fixtures/my-details.deleted.en.json';
import keptDe from '../api/fixtures/my-details.kept.de.json';
import keptEn from '../api/fixtures/my-details.kept.en.json';
import notAskedEn from '../api/fixtures/my-details.not-asked.en.json';
import offerEn from '../api/fixtures/my-details.offer.en.json';
import refusedEn from '../api/fixtures/my-details.refused.en.json';
import draftStartedDe from '../api/fixtures/draft-started.dog-tax-registration.de.json';
import { app } from '../lib/state.svelte';
import { fixtures, text } from '../test/fixtures';
import MyDetailsOffer from '../wizard/MyDetailsOffer.svelte';
import Wizard from '../wizard/Wizard.svelte';
import MyDetails from './MyDetails.svelte';

type Call = { cmd: string; args: Record<string, unknown> };
let calls: Call[];

function ipc(handlers: Record<string, (args: Record<string, unknown>) => unknown>) {
  mockIPC(
    (cmd, args) => {
      const call = { cmd, args: (args ?? {}) as Record<string, unknown> };
      calls.push(call);
      const handler = handlers[cmd];
      if (!handler) throw new Error(`unexpected command ${cmd}`);
      return handler(call.args);
    },
    { shouldMockEvents: true },
  );
}

const clone = <T>(value: unknown): T => structuredClone(value) as T;
const callsOf = (cmd: string) => calls.filter((call) => call.cmd === cmd);

function useLocale(locale: 'de' | 'en'): AppView {
  const view = locale === 'de' ? fixtures.catalogDe() : fixtures.catalogEn();
  app.view = view;
  return view;
}

beforeEach(() => {
  calls = [];
});

afterEach(() => {
  cleanup();
  clearMocks();
  app.view = null;
});

describe('the My details screen', () => {
  it('names what is kept in the citizen’s language and that it stays on this computer', async () => {
    const view = useLocale('de');
    ipc({ my_details_view: () => clone<MyDetailsView>(keptDe) });
    render(MyDetails);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(text(view, 'my-details-heading'));
    const kept = await waitFor(() => {
      const list = document.getElementById('my-details-kept');
      if (!list) throw new Error('not yet');
      return list;
    });
    const labels = [...kept.querySelectorAll('dt')].map((dt) => dt.textContent?.trim());
    expect(labels).toContain(text(view, 'my-details-family-name'));
    expect(labels).toContain(text(view, 'my-details-postcode'));
    expect(kept.textContent).toContain('Mustermann');
    expect(kept.querySelector('dd')?.getAttribute('translate')).toBe('no');
    expect(document.getElementById('my-details-status')?.textContent).toBe(text(view, 'my-details-keeping-on'));
    expect(document.getElementById('my-details-never-leave')?.textContent).toBe(text(view, 'my-details-never-leave'));
  });

  it('shows Rust’s refusal in a summary and beside the field, and saves nothing', async () => {
    const view = useLocale('en');
    ipc({
      my_details_view: () => clone<MyDetailsView>(keptEn),
      save_my_details: () => clone<MyDetailsView>(refusedEn),
    });
    const user = userEvent.setup();
    render(MyDetails);
    await user.click(await screen.findByRole('button', { name: text(view, 'my-details-change') }));
    const postcode = screen.getByLabelText(text(view, 'my-details-postcode')) as HTMLInputElement;
    expect(postcode.value).toBe('00000');
    expect(postcode.getAttribute('autocomplete')).toBe('postal-code');
    await user.clear(postcode);
    await user.type(postcode, '341');
    await user.click(screen.getByRole('button', { name: text(view, 'my-details-save') }));
    const values = callsOf('save_my_details')[0]?.args.values as Record<string, string>;
    expect(values['G00000237.G00000113.F00000054']).toBe('341');
    expect(values['F00000013']).toBe('Mustermann');
    const summary = await screen.findByRole('alert');
    const message = refusedEn.fields.find((f) => f.error)?.error ?? '';
    expect(message).not.toBe('');
    expect(summary.textContent).toContain(message);
    expect(document.activeElement).toBe(summary);
    expect(postcode.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(postcode.getAttribute('aria-describedby') ?? '')?.textContent).toContain(message);
    // Still editing: nothing was said to be saved.
    expect(document.getElementById('my-details-said')).toBeNull();
  });

  it('deletes only after the inline confirmation and says so', async () => {
    const view = useLocale('en');
    ipc({
      my_details_view: () => clone<MyDetailsView>(keptEn),
      delete_my_details: () => clone<MyDetailsView>(deletedEn),
    });
    const user = userEvent.setup();
    render(MyDetails);
    await user.click(await screen.findByRole('button', { name: text(view, 'my-details-delete') }));
    expect(callsOf('delete_my_details')).toHaveLength(0);
    expect(document.activeElement?.textContent).toBe(text(view, 'my-details-delete-confirm'));
    await user.click(screen.getByRole('button', { name: text(view, 'my-details-delete-yes') }));
    expect(callsOf('delete_my_details')).toHaveLength(1);
    await waitFor(() => expect(document.getElementById('my-details-said')?.textContent).toBe(text(view, 'my-details-deleted')));
    expect(document.getElementById('my-details-kept')).toBeNull();
    expect(document.getElementById('my-details-status')?.textContent).toBe(text(view, 'my-details-keeping-off'));
  });

  it('turns keeping on when it was never asked', async () => {
    const view = useLocale('en');
    ipc({
      my_details_view: () => clone<MyDetailsView>(notAskedEn),
      set_my_details_keeping: () => ({ ...clone<MyDetailsView>(notAskedEn), keeping: 'on' }),
    });
    const user = userEvent.setup();
    render(MyDetails);
    expect((await screen.findByText(text(view, 'my-details-keeping-not-asked'))).id).toBe('my-details-status');
    await user.click(screen.getByRole('button', { name: text(view, 'my-details-turn-on') }));
    expect(callsOf('set_my_details_keeping')[0]?.args).toEqual({ keep: true });
    expect(await screen.findByText(text(view, 'my-details-keeping-on'))).toBeTruthy();
  });
});

describe('the offer on the confirmation page', () => {
  it('names what would be kept and keeps it on “Yes”', async () => {
    const view = useLocale('en');
    ipc({
      my_details_offer: () => clone<Offer>(offerEn),
      set_my_details_keeping: () => clone<MyDetailsView>(keptEn),
    });
    const user = userEvent.setup();
    render(MyDetailsOffer);
    const region = await screen.findByRole('region', { name: text(view, 'my-details-offer-heading') });
    expect(region.textContent).toContain('Mustermann');
    expect(region.textContent).toContain(text(view, 'my-details-family-name'));
    expect(region.textContent).not.toContain('Bello');
    await user.click(screen.getByRole('button', { name: text(view, 'my-details-offer-yes') }));
    expect(callsOf('set_my_details_keeping')[0]?.args).toEqual({ keep: true });
    await waitFor(() => expect(document.activeElement?.textContent).toBe(text(view, 'my-details-offer-kept')));
    expect(screen.queryByRole('region', { name: text(view, 'my-details-offer-heading') })).toBeNull();
  });

  it('remembers “No” and says where to turn it on', async () => {
    const view = useLocale('en');
    ipc({
      my_details_offer: () => clone<Offer>(offerEn),
      set_my_details_keeping: () => clone<MyDetailsView>(deletedEn),
    });
    const user = userEvent.setup();
    render(MyDetailsOffer);
    await user.click(await screen.findByRole('button', { name: text(view, 'my-details-offer-no') }));
    expect(callsOf('set_my_details_keeping')[0]?.args).toEqual({ keep: false });
    await waitFor(() => expect(document.activeElement?.textContent).toBe(text(view, 'my-details-offer-declined')));
  });

  it('asks nothing when Rust has nothing to offer', async () => {
    const view = useLocale('en');
    ipc({ my_details_offer: () => null });
    render(MyDetailsOffer);
    await waitFor(() => expect(callsOf('my_details_offer')).toHaveLength(1));
    expect(screen.queryByText(text(view, 'my-details-offer-heading'))).toBeNull();
  });
});

describe('a page filled in from My details', () => {
  const started = () => clone<{ draftId: string; screen: ProcedureScreen }>(draftStartedDe);
  const mount = (fromMyDetails: boolean) => {
    const fixture = started();
    const initial = fixture.screen as Extract<ProcedureScreen, { screen: 'question' }>;
    initial.view.fromMyDetails = fromMyDetails;
    // The page only shows; nothing it could ask is part of this test.
    mockIPC(() => null, { shouldMockEvents: true });
    return render(Wizard, {
      props: { draftId: fixture.draftId, initial, onLeave: () => {}, onStartPage: () => {} },
    });
  };

  it('says so at the top of the page, and says nothing on a page that was not', async () => {
    const view = useLocale('de');
    const { unmount } = mount(true);
    const note = await waitFor(() => {
      const found = document.getElementById('from-my-details');
      if (!found) throw new Error('not yet');
      return found;
    });
    expect(note.textContent?.trim()).toBe(text(view, 'my-details-prefilled'));
    // Read after the heading, before the first question.
    const heading = document.getElementById('page-heading');
    const firstInput = document.querySelector('input');
    expect(heading && heading.compareDocumentPosition(note) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(firstInput && note.compareDocumentPosition(firstInput) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    unmount();
    mount(false);
    await waitFor(() => expect(document.getElementById('page-heading')).not.toBeNull());
    expect(document.getElementById('from-my-details')).toBeNull();
  });
});
