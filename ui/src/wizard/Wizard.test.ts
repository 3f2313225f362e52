// The wizard against the mocked IPC, which answers with what the real engine answered
// when the fixtures were generated (crates/procedure/tests/it/ui_fixtures.rs).
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { emit } from '@tauri-apps/api/event';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { APP_EVENT, type AppEvent, type AppView, type ApplicationListItem, type ApplicationsView, type ProcedureScreen } from '../api';
import type { SummaryItem } from '../api/bindings/SummaryItem';
import catalogDe from '../api/fixtures/catalog.de.json';
import catalogEn from '../api/fixtures/catalog.en.json';
import startPageEn from '../api/fixtures/start-page.dog-tax-registration.en.json';
import { announcer } from '../lib/announcer.svelte';
import { app } from '../lib/state.svelte';
import { PAGE_CHANGE } from '../lib/timing';
import { question, step, wizardFixture, type WizardFixture } from './test/fixtures';
import Wizard from './Wizard.svelte';
import { SAY_AFTER_MS } from './characters.svelte';
import { tick } from 'svelte';

type Call = { cmd: string; args: Record<string, unknown> };
type Handler = (args: Record<string, unknown>) => unknown;

let calls: Call[];
let windowTitles: string[];

function ipc(handlers: Record<string, Handler>) {
  mockIPC((cmd, args) => {
    // The native window's title follows document.title (ui/src/lib/title.ts).
    if (cmd === 'set_window_title') {
      windowTitles.push((args as { title?: string } | undefined)?.title ?? '');
      return null;
    }
    const call = { cmd, args: (args ?? {}) as Record<string, unknown> };
    calls.push(call);
    const handler = handlers[cmd];
    if (!handler) throw new Error(`unexpected command ${cmd}`);
    return handler(call.args);
  }, { shouldMockEvents: true });
}

const callsOf = (cmd: string) => calls.filter((call) => call.cmd === cmd);

/** The one application "My applications" lists after "Submit": waiting, or sent. */
function listed(sent: boolean): ApplicationsView {
  const item: ApplicationListItem = {
    applicationId: 'app-1',
    procedureId: 'dog-tax-registration',
    title: 'Register a dog for dog tax',
    applicationDate: '2026-12-06',
    status: sent ? { status: 'submitted', caseId: 'case-0042' } : { status: 'waiting', lastError: null },
    statusText: sent ? 'Sent' : 'Waiting to be sent',
    municipality: 'Musterstadt (Demo)',
    caseId: sent ? 'case-0042' : null,
    receivedMs: sent ? Date.UTC(2026, 11, 6, 17, 40) : null,
  };
  return {
    applications: [item],
    waiting: sent ? 0 : 1,
    connection: sent ? 'online' : 'unknown',
    waitingText: sent ? 'No application is waiting to be sent.' : 'One application is waiting to be sent.',
  };
}

/** The commands "Submit" and the confirmation page use; `sent` is read at each call. */
function submitting(state: { sent: boolean }): Record<string, Handler> {
  return {
    submit_application: () => ({ applicationId: 'app-1', status: { status: 'waiting', lastError: null } }),
    list_applications: () => listed(state.sent),
  };
}

/** The app's texts of the locale (the wizard's own texts among them). */
function useLocale(locale: 'de' | 'en'): AppView {
  const view = structuredClone(locale === 'de' ? catalogDe : catalogEn) as unknown as AppView;
  app.view = view;
  return view;
}

function msg(view: AppView, id: string): string {
  const text = view.ui.messages[id];
  if (text === undefined) throw new Error(`no message ${id} in ${view.ui.locale}`);
  return text;
}

function mount(fixture: WizardFixture, initial: ProcedureScreen) {
  const onLeave = vi.fn();
  const onStartPage = vi.fn();
  render(Wizard, { props: { draftId: fixture.draftId, initial, onLeave, onStartPage } });
  return { onLeave, onStartPage };
}

async function heading(text: string) {
  const h1 = await screen.findByRole('heading', { level: 1 });
  expect(h1.id).toBe('page-heading');
  expect(h1.textContent?.replace(/\s+/g, ' ').trim()).toContain(text);
  return h1;
}

beforeEach(() => {
  calls = [];
  windowTitles = [];
  document.title = '';
  performance.clearMeasures(PAGE_CHANGE);
});

afterEach(() => {
  cleanup();
  clearMocks();
  app.view = null;
});

describe('question page', () => {
  it('renders heading, step, labels and inputs from the view and focuses the heading', async () => {
    useLocale('de');
    const fixture = wizardFixture('dog-tax-registration.de');
    const name = step(fixture, 'name');
    ipc({});
    mount(fixture, question(name.empty));

    const h1 = await heading(name.empty.heading);
    await waitFor(() => expect(document.activeElement).toBe(h1));
    expect(screen.getByText(name.empty.step.text)).toBeTruthy();
    await waitFor(() => expect(document.title.startsWith(name.empty.heading)).toBe(true));
    for (const item of name.empty.items) {
      if (item.type !== 'field') throw new Error('fields expected');
      const input = screen.getByLabelText<HTMLInputElement>(item.label);
      expect(input.id).toBe(item.key);
      expect(input.value).toBe('');
      expect(input.getAttribute('aria-invalid')).toBeNull();
      expect(input.getAttribute('autocomplete')).toBe(item.autocomplete);
    }
    await waitFor(() => expect(announcer.text).toBe(name.empty.heading));
  });

  it('counts the characters of a long text field, says the count once typing pauses, and says when over the limit', async () => {
    useLocale('en');
    const fixture = wizardFixture('business-registration.en');
    const activity = step(fixture, 'activity');
    ipc({});
    mount(fixture, question(activity.empty));
    await heading(activity.empty.heading);
    const field = activity.empty.items.find((i) => i.type === 'field' && i.kind === 'longText');
    if (field?.type !== 'field') throw new Error('a long text field');
    expect(field.maxLength).toBe(2000);
    const textarea = screen.getByLabelText<HTMLTextAreaElement>(field.label);
    const count = () => document.getElementById(`${field.key}-count`);
    const said = () => document.getElementById(`${field.key}-count-status`)?.textContent ?? null;
    // GOV.UK's pattern: the limit in the field's description, the count shown under it.
    expect(textarea.getAttribute('aria-describedby')?.split(' ')).toContain(`${field.key}-limit`);
    expect(document.getElementById(`${field.key}-limit`)?.textContent).toBe('You can enter up to 2,000 characters.');
    expect(count()?.textContent?.trim()).toBe('0 of 2,000 characters');
    expect(said()).toBe('');

    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      // Typing: the count follows each key, the status region waits for a pause.
      for (const typed of ['H', 'He', 'Hel']) {
        await fireEvent.input(textarea, { target: { value: typed } });
        await tick();
        vi.advanceTimersByTime(SAY_AFTER_MS - 1);
      }
      expect(count()?.textContent?.trim()).toBe('3 of 2,000 characters');
      expect(said()).toBe('');
      vi.advanceTimersByTime(1);
      await tick();
      expect(said()).toBe('3 of 2,000 characters');

      // Over the limit: how many too many, in words and the error colour.
      await fireEvent.input(textarea, { target: { value: 'x'.repeat(2001) } });
      await tick();
      expect(count()?.textContent?.trim()).toBe('You have 1 character too many');
      expect(count()?.classList.contains('amtsweg-character-count--over')).toBe(true);
      await fireEvent.input(textarea, { target: { value: 'x'.repeat(2120) } });
      await tick();
      expect(count()?.textContent?.trim()).toBe('You have 120 characters too many');
      vi.advanceTimersByTime(SAY_AFTER_MS);
      await tick();
      expect(said()).toBe('You have 120 characters too many');
    } finally {
      vi.useRealTimers();
    }
    // A short text field has no count.
    expect(document.querySelectorAll('.amtsweg-character-count')).toHaveLength(1);
  });

  it('renders every kind of the dog tax pages with inputmode, optional marker and display text', async () => {
    useLocale('en');
    const fixture = wizardFixture('dog-tax-registration.en');
    ipc({});
    const contact = step(fixture, 'contact').empty;
    mount(fixture, question(contact));
    await heading(contact.heading);
    for (const item of contact.items) {
      if (item.type !== 'field') throw new Error('fields expected');
      expect(item.optionalMarker).toBeTruthy();
      const input = screen.getByLabelText<HTMLInputElement>(new RegExp(item.label));
      expect(input.getAttribute('inputmode')).toBe(item.inputMode);
      expect(input.type).toBe(item.kind === 'phone' ? 'tel' : 'text');
      expect(input.closest('.kern-form-input')?.textContent).toContain(item.optionalMarker);
    }
    cleanup();

    const fee = step(fixture, 'fee').empty;
    mount(fixture, question(fee));
    await heading(fee.heading);
    for (const item of fee.items) {
      if (item.type !== 'field' || !item.display) throw new Error('display fields expected');
      expect(screen.getByText(item.label)).toBeTruthy();
      expect(document.getElementById(item.key)?.textContent).toContain(item.display.split('\n')[0]);
    }
    cleanup();

    const payment = step(fixture, 'payment').filled;
    mount(fixture, question(payment));
    await heading(payment.heading);
    const yesNo = payment.items[0];
    if (yesNo?.type !== 'field') throw new Error('a field');
    const group = screen.getByRole('group', { name: yesNo.label });
    const yes = within(group).getByRole<HTMLInputElement>('radio', { name: yesNo.options[0]?.label });
    expect(yes.checked).toBe(true);
    expect(screen.getByDisplayValue('DE89 3704 0044 0532 0130 00')).toBeTruthy();
  });

  it('renders the only question as the heading (label inside the h1)', async () => {
    useLocale('en');
    const fixture = wizardFixture('dog-tax-registration.en');
    ipc({});
    const dob = step(fixture, 'date-of-birth').empty;
    expect(dob.headingIsLabel).toBe(true);
    mount(fixture, question(dob));
    const h1 = await heading(dob.heading);
    const label = h1.querySelector('label');
    expect(label?.htmlFor).toBe(dob.items[0]?.key);
    expect(screen.getAllByText(dob.heading)).toHaveLength(1);
  });

  it('sends exactly what was typed on Continue and shows the next page with focus on its heading', async () => {
    useLocale('de');
    const fixture = wizardFixture('dog-tax-registration.de');
    const name = step(fixture, 'name');
    ipc({ continue_page: () => ({ outcome: 'next', view: name.next }) });
    mount(fixture, question(name.empty));
    await heading(name.empty.heading);
    const user = userEvent.setup();
    for (const item of name.empty.items) {
      if (item.type !== 'field') throw new Error('fields expected');
      const answer = name.answers[item.fieldId];
      if (!answer || !('text' in answer)) throw new Error('text answer expected');
      await user.type(screen.getByLabelText(item.label), answer.text);
    }
    await user.click(screen.getByRole('button', { name: msg(app.view!, 'wizard-continue') }));

    expect(callsOf('continue_page')).toEqual([
      { cmd: 'continue_page', args: { draftId: fixture.draftId, pageId: 'name', answers: name.answers } },
    ]);
    if (name.next.screen !== 'question') throw new Error('a question next');
    const h1 = await heading(name.next.view.heading);
    await waitFor(() => expect(document.activeElement).toBe(h1));
    // Timed for the bench: one page change, ending once the heading had the focus.
    await waitFor(() => expect(performance.getEntriesByName(PAGE_CHANGE)).toHaveLength(1));
  });

  it('"Back" stores what was typed, then goes back', async () => {
    useLocale('en');
    const fixture = wizardFixture('dog-tax-registration.en');
    const dob = step(fixture, 'date-of-birth');
    const name = step(fixture, 'name');
    ipc({ set_answers: () => null, go_back: () => question(name.filled) });
    mount(fixture, question(dob.empty));
    await heading(dob.empty.heading);
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox'), ' 27.3.85 ');
    await user.click(screen.getByRole('button', { name: msg(app.view!, 'wizard-back') }));
    expect(callsOf('set_answers')).toEqual([
      {
        cmd: 'set_answers',
        args: { draftId: fixture.draftId, pageId: 'date-of-birth', answers: { F99000001: { text: ' 27.3.85 ' } } },
      },
    ]);
    expect(calls.map((c) => c.cmd)).toEqual(['set_answers', 'go_back']);
    await heading(name.filled.heading);
    expect(screen.getByDisplayValue('Erika')).toBeTruthy();
  });

  it('"Back" from the first page hands the start page the engine sent to the frame', async () => {
    useLocale('en');
    const fixture = wizardFixture('dog-tax-registration.en');
    const name = step(fixture, 'name');
    const start = startPageEn as unknown as Extract<ProcedureScreen, { screen: 'start' }>['view'];
    ipc({ set_answers: () => null, go_back: () => ({ screen: 'start', view: start }) });
    const { onLeave, onStartPage } = mount(fixture, question(name.empty));
    await heading(name.empty.heading);
    await userEvent.setup().click(screen.getByRole('button', { name: msg(app.view!, 'wizard-back') }));
    await waitFor(() => expect(onStartPage).toHaveBeenCalledOnce());
    expect(onStartPage).toHaveBeenCalledWith(start);
    expect(onLeave).not.toHaveBeenCalled();
  });
});

describe('a question another one depends on', () => {
  // The engine marks answers that reveal, hide or calculate another question on the
  // same page (`updatesPage`); changing one stores the page and shows it again at once.
  it('stores the page and shows it again when such an answer changes, focus kept', async () => {
    useLocale('en');
    const fixture = wizardFixture('dog-tax-registration.en');
    const payment = step(fixture, 'payment');
    const empty = structuredClone(payment.empty);
    const choice = empty.items.find((item) => item.type === 'field' && item.kind === 'yesNo');
    if (!choice || choice.type !== 'field') throw new Error('the payment page asks yes or no');
    choice.updatesPage = true;
    ipc({ set_answers: () => null, draft_screen: () => question(payment.filled) });
    mount(fixture, question(empty));
    await heading(empty.heading);
    const yesLabel = choice.options.find((o) => o.code === 'yes')?.label ?? '';
    const yes = screen.getByRole('radio', { name: yesLabel });
    await userEvent.setup().click(yes);
    await waitFor(() => expect(calls.map((c) => c.cmd)).toEqual(['set_answers', 'draft_screen']));
    expect(callsOf('set_answers')[0]?.args).toEqual({
      draftId: fixture.draftId,
      pageId: 'payment',
      answers: { [choice.fieldId]: { text: 'yes' } },
    });
    // The page as the engine now shows it: the filled answers are in the inputs.
    const iban = payment.answers['F99000014'];
    if (!iban || !('text' in iban)) throw new Error('the walk gives an IBAN');
    expect(await screen.findByDisplayValue(iban.text)).toBeTruthy();
    expect(document.activeElement).toBe(yes);
  });

  it('changing an answer nothing depends on sends nothing', async () => {
    useLocale('en');
    // Not the dog tax's direct debit: the IBAN is required after "Yes", so that
    // answer updates its page ("optional" goes).
    const fixture = wizardFixture('business-registration.en');
    const sideBusiness = step(fixture, 'side-business');
    ipc({});
    mount(fixture, question(sideBusiness.empty));
    await heading(sideBusiness.empty.heading);
    const choice = sideBusiness.empty.items.find((item) => item.type === 'field' && item.kind === 'yesNo');
    if (!choice || choice.type !== 'field') throw new Error('the side-business page asks yes or no');
    expect(choice.updatesPage).toBe(false);
    const yesLabel = choice.options.find((o) => o.code === 'yes')?.label ?? '';
    await userEvent.setup().click(screen.getByRole('radio', { name: yesLabel }));
    expect(screen.getByRole('radio', { name: yesLabel })).toHaveProperty('checked', true);
    expect(calls).toEqual([]);
  });
});

describe('answers round trip', () => {
  // A page shown with the engine's stored answers sends exactly those answers back on
  // "Continue": nothing trimmed, reformatted, added or lost (every page, every kind).
  for (const name of ['dog-tax-registration.de', 'business-registration.en'] as const) {
    const fixture = wizardFixture(name);
    for (const s of fixture.steps) {
      it(`${name}: ${s.page}`, async () => {
        useLocale(fixture.locale as 'de' | 'en');
        ipc({ continue_page: () => ({ outcome: 'next', view: s.next }) });
        mount(fixture, question(s.filled));
        await screen.findByRole('heading', { level: 1 });
        await userEvent.setup().click(screen.getByRole('button', { name: msg(app.view!, 'wizard-continue') }));
        expect(callsOf('continue_page')[0]?.args).toEqual({ draftId: fixture.draftId, pageId: s.page, answers: s.answers });
      });
    }
  }
});

describe('file field', () => {
  it('picks a file through the Rust dialog and sends it on Continue', async () => {
    const texts = useLocale('en');
    // The business registration's permit page (the dog tax asks for insurance only
    // for a dangerous dog, which its fixture's walk has not).
    const fixture = wizardFixture('business-registration.en');
    const permit = step(fixture, 'permit');
    const field = permit.empty.items.find((item) => item.type === 'field' && item.kind === 'file');
    if (field?.type !== 'field' || field.kind !== 'file') throw new Error('a file field');
    const picked = { id: 'vault-1', name: 'haftpflicht.pdf', mediaType: 'application/pdf', size: 1000 };
    ipc({ pick_attachment: () => picked, continue_page: () => ({ outcome: 'next', view: permit.next }) });
    mount(fixture, question(permit.empty));
    await heading(permit.empty.heading);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: msg(texts, 'wizard-file-choose') }));
    expect(callsOf('pick_attachment')[0]?.args).toEqual({ draftId: fixture.draftId, fieldId: field.fieldId });
    expect(await screen.findByText(picked.name)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: msg(texts, 'wizard-continue') }));
    expect(callsOf('continue_page')[0]?.args.answers).toEqual({ [field.fieldId]: { file: picked } });
  });

  it('shows a refusal from Rust beside the button', async () => {
    const texts = useLocale('de');
    const fixture = wizardFixture('business-registration.de');
    const permit = step(fixture, 'permit');
    const refusal = { code: 'error-internal', message: msg(texts, 'wizard-file-none') };
    ipc({
      pick_attachment: () => {
        throw refusal;
      },
    });
    mount(fixture, question(permit.empty));
    await heading(permit.empty.heading);
    await userEvent.setup().click(screen.getByRole('button', { name: msg(texts, 'wizard-file-choose') }));
    await waitFor(() =>
      expect([...document.querySelectorAll('[role=status]')].some((el) => el.textContent === refusal.message)).toBe(true),
    );
  });
});

describe('errors', () => {
  it('shows the error summary with focus, links to the fields, inline errors and "Error:" in the title', async () => {
    const texts = useLocale('en');
    const fixture = wizardFixture('dog-tax-registration.en');
    const name = step(fixture, 'name');
    const invalid = name.invalid;
    if (!invalid) throw new Error('the name page has errors when empty');
    ipc({ continue_page: () => ({ outcome: 'invalid', view: invalid }) });
    mount(fixture, question(name.empty));
    await heading(name.empty.heading);
    expect(screen.queryByRole('alert')).toBeNull();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: msg(texts, 'wizard-continue') }));

    const summary = await screen.findByRole('alert');
    await waitFor(() => expect(document.activeElement).toBe(summary));
    expect(within(summary).getByRole('heading', { name: msg(texts, 'wizard-error-summary-heading') })).toBeTruthy();
    expect(callsOf('continue_page')[0]?.args.answers).toEqual({});
    await waitFor(() =>
      expect(document.title.startsWith(`${msg(texts, 'wizard-error-prefix')} ${invalid.heading}`)).toBe(true),
    );
    expect(windowTitles.at(-1)).toBe(document.title);

    const links = within(summary).getAllByRole('link');
    expect(links.map((l) => l.textContent)).toEqual(invalid.errors.map((e) => e.message));
    for (const [i, error] of invalid.errors.entries()) {
      expect(links[i]?.getAttribute('href')).toBe(`#${error.key}`);
      const field = document.getElementById(error.key)!;
      expect(field.getAttribute('aria-invalid')).toBe('true');
      const described = field.getAttribute('aria-describedby')?.split(' ') ?? [];
      const inline = document.getElementById(`${error.key}-error`)!;
      expect(described).toContain(inline.id);
      expect(inline.textContent).toContain(error.message);
      expect(inline.textContent).toContain(msg(texts, 'wizard-error-prefix'));
    }
    await user.click(links[1]!);
    expect(document.activeElement?.id).toBe(invalid.errors[1]?.key);
    expect(performance.getEntriesByName(PAGE_CHANGE), 'the page did not change').toHaveLength(0);
  });

  it('keeps what was typed when the page comes back with errors', async () => {
    useLocale('de');
    const fixture = wizardFixture('dog-tax-registration.de');
    const dogs = step(fixture, 'dogs');
    ipc({
      continue_page: (args) => {
        // The engine keeps the answers as typed: the page comes back holding them.
        const view = structuredClone(dogs.invalid!);
        expect(args.answers).toEqual({ G99000001: { group: [{ F99000005: { text: 'Bello ' } }] } });
        const first = view.items[0];
        if (first?.type !== 'group') throw new Error('group');
        const name = first.instances[0]?.items[0];
        if (name?.type === 'field') name.answer = { text: 'Bello ' };
        return { outcome: 'invalid', view };
      },
    });
    mount(fixture, question(dogs.empty));
    await heading(dogs.empty.heading);
    const user = userEvent.setup();
    const nameItem = dogs.empty.items[0];
    if (nameItem?.type !== 'group') throw new Error('group');
    const nameField = nameItem.instances[0]?.items[0];
    if (nameField?.type !== 'field') throw new Error('field');
    await user.type(screen.getByLabelText(nameField.label), 'Bello ');
    await user.click(screen.getByRole('button', { name: msg(app.view!, 'wizard-continue') }));
    await screen.findByRole('alert');
    expect(screen.getByLabelText<HTMLInputElement>(nameField.label).value).toBe('Bello ');
  });
});

describe('repeatable group', () => {
  it('adds an instance, focusing its heading', async () => {
    const texts = useLocale('en');
    const fixture = wizardFixture('dog-tax-registration.en');
    const dogs = step(fixture, 'dogs');
    ipc({ set_answers: () => null, draft_screen: () => question(dogs.added!) });
    mount(fixture, question(dogs.filled));
    await heading(dogs.filled.heading);
    const group = dogs.filled.items[0];
    if (group?.type !== 'group') throw new Error('group');
    expect(group.instances).toHaveLength(2);
    for (const instance of group.instances) {
      expect(screen.getByRole('heading', { level: 2, name: instance.label! })).toBeTruthy();
    }
    // What was added so far, by name.
    const added = screen.getByRole('region', { name: msg(texts, 'wizard-group-added-heading') });
    expect(within(added).getByText(/Bello/)).toBeTruthy();

    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: group.addLabel }));
    const sent = callsOf('set_answers')[0]?.args;
    const expected = structuredClone(dogs.answers);
    const list = expected.G99000001;
    if (!list || !('group' in list)) throw new Error('group answer');
    list.group.push({});
    expect(sent).toEqual({ draftId: fixture.draftId, pageId: 'dogs', answers: expected });
    const addedGroup = dogs.added!.items[0];
    if (addedGroup?.type !== 'group') throw new Error('group');
    const third = addedGroup.instances[2]!;
    const h2 = await screen.findByRole('heading', { level: 2, name: third.label! });
    await waitFor(() => expect(document.activeElement).toBe(h2));
    await waitFor(() =>
      expect(announcer.text).toBe(
        msg(texts, 'wizard-group-instance-added'),
      ),
    );
  });

  it('removes an instance only after confirmation, keeping the others', async () => {
    const texts = useLocale('de');
    const fixture = wizardFixture('dog-tax-registration.de');
    const dogs = step(fixture, 'dogs');
    ipc({ set_answers: () => null, draft_screen: () => question(dogs.removed!) });
    mount(fixture, question(dogs.filled));
    await heading(dogs.filled.heading);
    const group = dogs.filled.items[0];
    if (group?.type !== 'group') throw new Error('group');
    const second = group.instances[1]!;
    expect(second.canRemove).toBe(true);
    // The button names its item, ordinal and all (the issue's own words).
    expect(group.instances.map((i) => i.removeLabel)).toEqual(['1. Hund entfernen', '2. Hund entfernen']);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: second.removeLabel }));
    expect(calls).toEqual([]);
    const question_ = await screen.findByText(new RegExp(msg(texts, 'wizard-remove-question').slice(0, 20)));
    await waitFor(() => expect(document.activeElement).toBe(question_));

    // "No": nothing happens, focus back on "Remove".
    await user.click(screen.getByRole('button', { name: msg(texts, 'wizard-remove-cancel') }));
    expect(calls).toEqual([]);
    await waitFor(() => expect(document.activeElement?.textContent?.trim()).toBe(second.removeLabel));

    await user.click(screen.getByRole('button', { name: second.removeLabel }));
    // The confirmation names the item too: "2. Hund entfernen", beside "No, keep it".
    const confirmation = await screen.findByRole('group', { name: new RegExp(msg(texts, 'wizard-remove-question').slice(0, 20)) });
    await user.click(within(confirmation).getByRole('button', { name: second.removeLabel }));
    const expected = structuredClone(dogs.answers);
    const list = expected.G99000001;
    if (!list || !('group' in list)) throw new Error('group answer');
    list.group.splice(1, 1);
    expect(callsOf('set_answers')[0]?.args.answers).toEqual(expected);
    expect(calls.map((c) => c.cmd)).toEqual(['set_answers', 'draft_screen']);
    await waitFor(() => expect(screen.queryByRole('heading', { level: 2, name: second.label! })).toBeNull());
    await waitFor(() => expect(document.activeElement?.id).toBe(group.key));
  });
});

describe('check your answers', () => {
  it('lists answers by section, "Not provided", Change links that come back, and submits', async () => {
    const texts = useLocale('en');
    const fixture = wizardFixture('dog-tax-registration.en');
    const summary = fixture.checkAnswers!;
    const change = fixture.change!;
    const state = { sent: false };
    ipc({
      go_to_page: () => change.screen,
      continue_page: () => ({ outcome: 'next', view: change.next }),
      ...submitting(state),
    });
    const { onLeave } = mount(fixture, { screen: 'checkAnswers', view: summary });
    await heading(msg(texts, 'wizard-check-answers-heading'));
    for (const section of summary.sections) {
      expect(screen.getByRole('heading', { level: 2, name: section.title })).toBeTruthy();
    }
    const first = summary.sections[0]!.items[0]!;
    if (first.type !== 'row') throw new Error('a row first');
    expect(screen.getAllByText(first.value[0]!).length).toBeGreaterThan(0);

    const user = userEvent.setup();
    const changeLink = screen.getByRole('link', { name: `${msg(texts, 'wizard-change')} ${first.label}` });
    await user.click(changeLink);
    expect(callsOf('go_to_page')[0]?.args).toEqual({ draftId: fixture.draftId, pageId: change.page });
    if (change.screen.screen !== 'question') throw new Error('a page');
    await heading(change.screen.view.heading);
    // "Change" lands on the field being changed, not on the page's heading ...
    await waitFor(() => expect(document.activeElement?.id).toBe(first.key));
    await user.click(screen.getByRole('button', { name: msg(texts, 'wizard-continue') }));
    await heading(msg(texts, 'wizard-check-answers-heading'));
    // ... and "Continue" comes back to that row's "Change", not to the top.
    await waitFor(() => expect(document.activeElement?.textContent).toContain(first.label));
    expect(document.activeElement?.id).toBe(`change-${first.key}`);

    await user.click(screen.getByRole('button', { name: summary.submitLabel }));
    expect(callsOf('submit_application')[0]?.args).toEqual({ draftId: fixture.draftId });
    // Waiting: said plainly, with the date of application and no case number yet.
    const done = await heading(msg(texts, 'confirmation-waiting-heading'));
    await waitFor(() => expect(document.activeElement).toBe(done));
    await waitFor(() =>
      expect(document.getElementById('confirmation-waiting')?.textContent).toBe(msg(texts, 'confirmation-waiting-text')),
    );
    expect(document.getElementById('confirmation-case')?.textContent?.trim()).toBe(
      msg(texts, 'application-case-number-pending'),
    );
    expect(document.getElementById('confirmation-date')?.textContent).toContain('December 6, 2026');
    expect(document.getElementById('confirmation-received')?.textContent?.trim()).toBe(
      msg(texts, 'application-received-pending'),
    );
    // Sent while the page is open: the core's event brings the case number, said politely.
    state.sent = true;
    await emit(APP_EVENT, { kind: 'applicationsChanged' } satisfies AppEvent);
    await heading(msg(texts, 'confirmation-sent-heading'));
    const said = document.getElementById('confirmation-status')!;
    expect(said.getAttribute('role')).toBe('status');
    await waitFor(() => expect(said.textContent).toContain('case-0042'));
    expect(document.getElementById('confirmation-received')?.textContent).toContain('2026');
    await user.click(screen.getByRole('button', { name: msg(texts, 'wizard-back-to-services') }));
    expect(onLeave).toHaveBeenCalledOnce();
  });

  it('shows an address as one row and each dog as one row, each with one Change, and skips to Submit', async () => {
    const texts = useLocale('en');
    const fixture = wizardFixture('dog-tax-registration.en');
    const summary = fixture.checkAnswers!;
    const dogs = step(fixture, 'dogs');
    const change = fixture.change!;
    ipc({
      go_to_page: () => question(dogs.filled),
      continue_page: () => ({ outcome: 'next', view: change.next }),
    });
    mount(fixture, { screen: 'checkAnswers', view: summary });
    await heading(msg(texts, 'wizard-check-answers-heading'));
    const changeText = msg(texts, 'wizard-change');
    const links = screen.getAllByRole('link').filter((a) => a.textContent?.startsWith(changeText));
    // Two names, birth date, address, email, phone, start date, two dogs and the three
    // payment answers; the calculated tax has none (and no insurance without a dangerous dog).
    expect(links).toHaveLength(12);

    // The address: one row, its lines as on an envelope, one "Change".
    const address = document.querySelector('[data-key="G00000237"]')!;
    const lines = [...address.querySelectorAll('.amtsweg-summary-line')].map((l) => l.textContent);
    expect(lines).toEqual(['Obere Königsstraße 8', '34117 Kassel']);
    expect(document.querySelectorAll('[data-key^="G00000237."]')).toHaveLength(0);
    expect(within(address as HTMLElement).getAllByRole('link')).toHaveLength(1);
    expect(screen.getAllByRole('link', { name: `${changeText} What is your address?` })).toHaveLength(1);

    // Each dog: one row listing its answers, with one "Change" that names the dog.
    for (const [index, dog] of [
      [0, 'Bello'],
      [1, 'Luna'],
    ] as const) {
      const row = document.querySelector(`.amtsweg-summary-row[data-key="G99000001.${index}"]`) as HTMLElement;
      expect(row.textContent).toContain(dog);
      expect(within(row).getAllByRole('link').map((a) => a.textContent)).toEqual([`${changeText} Dog ${index + 1}`]);
    }
    expect(screen.queryAllByRole('link', { name: `${changeText} Dog's name` })).toHaveLength(0);

    // The link after the heading skips every row to "Submit".
    const user = userEvent.setup();
    const skip = screen.getByRole('link', { name: msg(texts, 'wizard-check-answers-skip') });
    await waitFor(() => expect(document.activeElement?.id).toBe('page-heading'));
    await user.tab();
    expect(document.activeElement).toBe(skip);
    await user.keyboard('{Enter}');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: summary.submitLabel }));

    // "Change" of the second dog: its name field has the focus; back at its row after.
    await user.click(screen.getByRole('link', { name: `${changeText} Dog 2` }));
    expect(callsOf('go_to_page')[0]?.args).toEqual({ draftId: fixture.draftId, pageId: 'dogs' });
    await heading(dogs.filled.heading);
    await waitFor(() => expect(document.activeElement?.id).toBe('G99000001.1.F99000005'));
    expect((document.activeElement as HTMLInputElement).value).toBe('Luna');
    await user.click(screen.getByRole('button', { name: msg(texts, 'wizard-continue') }));
    await heading(msg(texts, 'wizard-check-answers-heading'));
    await waitFor(() => expect(document.activeElement?.id).toBe('change-G99000001.1'));
  });

  it('shows "Not provided" from the view for skipped optional answers', async () => {
    useLocale('de');
    // The business registration's walk skips optional answers (the dog tax's no longer
    // shows its one optional question, the insurance, without a dangerous dog).
    const fixture = wizardFixture('business-registration.de');
    ipc({});
    mount(fixture, { screen: 'checkAnswers', view: fixture.checkAnswers! });
    await screen.findByRole('heading', { level: 1 });
    const expected: string[] = [];
    const collect = (items: SummaryItem[]) => {
      for (const item of items) {
        if (item.type === 'row') {
          if (item.notProvided) expected.push(item.value.join(''));
        } else for (const instance of item.instances) collect(instance.items);
      }
    };
    for (const section of fixture.checkAnswers!.sections) collect(section.items);
    expect(expected.length).toBeGreaterThan(0);
    const shown = [...document.querySelectorAll('.amtsweg-not-provided')].map((dd) => dd.textContent);
    expect(shown).toEqual(expected);
  });
});

describe('the application as a PDF', () => {
  it('"Download PDF" and "Print" on the check page and the final page say what was done; a cancel says nothing', async () => {
    const texts = useLocale('en');
    const fixture = wizardFixture('dog-tax-registration.en');
    const summary = fixture.checkAnswers!;
    let saved: unknown = { fileName: 'Antrag.pdf', message: 'The PDF was saved as Antrag.pdf.' };
    ipc({
      download_application_pdf: () => saved,
      print_application: () => ({ fileName: 'Antrag.pdf', message: 'The PDF Antrag.pdf is open.' }),
      print_sent_application: () => ({ fileName: 'Antrag.pdf', message: 'The PDF Antrag.pdf is open.' }),
      ...submitting({ sent: false }),
    });
    mount(fixture, { screen: 'checkAnswers', view: summary });
    await heading(msg(texts, 'wizard-check-answers-heading'));
    const status = document.getElementById('print-status')!;
    expect(status.getAttribute('role')).toBe('status');
    expect(status.textContent).toBe('');

    const user = userEvent.setup();
    // Keyboard: the two buttons follow the answers, before "Submit".
    const download = screen.getByRole('button', { name: msg(texts, 'print-download') });
    await waitFor(() => expect(document.activeElement?.id).toBe('page-heading'));
    download.focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(callsOf('download_application_pdf')[0]?.args).toEqual({ draftId: fixture.draftId }));
    await waitFor(() => expect(status.textContent).toBe('The PDF was saved as Antrag.pdf.'));

    saved = null; // the citizen cancels the save dialog
    await user.click(download);
    await waitFor(() => expect(callsOf('download_application_pdf')).toHaveLength(2));
    await waitFor(() => expect(status.textContent).toBe(''));

    await user.click(screen.getByRole('button', { name: msg(texts, 'print-print') }));
    await waitFor(() => expect(callsOf('print_application')[0]?.args).toEqual({ draftId: fixture.draftId }));
    await waitFor(() => expect(status.textContent).toBe('The PDF Antrag.pdf is open.'));

    await user.click(screen.getByRole('button', { name: summary.submitLabel }));
    await heading(msg(texts, 'confirmation-waiting-heading'));
    expect(document.getElementById('print-status')?.textContent).toBe('');
    // The draft is gone: the confirmation page prints the application.
    await user.click(screen.getByRole('button', { name: msg(texts, 'print-print') }));
    await waitFor(() => expect(callsOf('print_sent_application')[0]?.args).toEqual({ applicationId: 'app-1' }));
    expect(callsOf('print_application')).toHaveLength(1);
    await waitFor(() => expect(document.getElementById('print-status')?.textContent).toBe('The PDF Antrag.pdf is open.'));
  });

  it('a viewer that cannot open is said in the error alert, which takes focus', async () => {
    const texts = useLocale('en');
    const fixture = wizardFixture('dog-tax-registration.en');
    const refusal = { code: 'error-viewer', message: 'The PDF could not be opened for printing.', field: null };
    ipc({ print_application: () => Promise.reject(refusal) });
    mount(fixture, { screen: 'checkAnswers', view: fixture.checkAnswers! });
    await heading(msg(texts, 'wizard-check-answers-heading'));
    await userEvent.setup().click(screen.getByRole('button', { name: msg(texts, 'print-print') }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(refusal.message);
    expect(document.getElementById('print-status')?.textContent).toBe('');
  });
});

describe('task list and exit page', () => {
  it('shows each section with its status as text and opens the startable ones', async () => {
    useLocale('en');
    const fixture = wizardFixture('business-registration.en');
    if (fixture.first.screen !== 'taskList') throw new Error('task list first');
    const list = fixture.first.view;
    const first = step(fixture, 'activity-type');
    ipc({ go_to_page: () => question(first.empty) });
    mount(fixture, fixture.first);
    await heading(list.title);
    for (const section of list.sections) {
      const status = document.getElementById(`task-${section.sectionId}-status`);
      expect(status?.textContent?.trim()).toBe(section.statusText);
      const link = screen.queryByRole('link', { name: section.title });
      expect(link !== null).toBe(section.firstPageId !== null);
    }
    const user = userEvent.setup();
    await user.click(screen.getByRole('link', { name: list.sections[0]!.title }));
    expect(callsOf('go_to_page')[0]?.args).toEqual({ draftId: fixture.draftId, pageId: 'activity-type' });
    await heading(first.empty.heading);
  });

  it('opens check your answers once every section is completed', async () => {
    const texts = useLocale('de');
    const fixture = wizardFixture('business-registration.de');
    if (fixture.end.screen !== 'taskList') throw new Error('the task list at the end');
    expect(fixture.end.view.canCheckAnswers).toBe(true);
    for (const section of fixture.end.view.sections) expect(section.status).toBe('completed');
    ipc({ check_answers: () => fixture.checkAnswers });
    mount(fixture, fixture.end);
    await heading(fixture.end.view.title);
    await userEvent.setup().click(screen.getByRole('button', { name: msg(texts, 'wizard-check-answers') }));
    expect(callsOf('check_answers')[0]?.args).toEqual({ draftId: fixture.draftId });
    await heading(msg(texts, 'wizard-check-answers-heading'));
  });

  it('check your answers with open problems: the summary links open the pages', async () => {
    const texts = useLocale('en');
    const fixture = wizardFixture('business-registration.en');
    const summary = fixture.checkAnswersIncomplete;
    expect(summary.canSubmit).toBe(false);
    const first = step(fixture, 'activity-type');
    ipc({ go_to_page: () => question(first.empty) });
    mount(fixture, { screen: 'checkAnswers', view: summary });
    const alert = await screen.findByRole('alert');
    await waitFor(() => expect(document.activeElement).toBe(alert));
    await waitFor(() => expect(document.title.startsWith(msg(texts, 'wizard-error-prefix'))).toBe(true));
    const links = within(alert).getAllByRole('link');
    expect(links.map((l) => l.textContent)).toEqual(summary.errors.map((e) => e.message));
    await userEvent.setup().click(links[0]!);
    expect(callsOf('go_to_page')[0]?.args).toEqual({ draftId: fixture.draftId, pageId: summary.errors[0]!.pageId });
    await heading(first.empty.heading);
  });

  it('renders an exit page and leaves from it', async () => {
    const texts = useLocale('de');
    const fixture = wizardFixture('dog-tax-registration.exit.de');
    if (fixture.end.screen !== 'exit') throw new Error('exit at the end');
    const exit = fixture.end.view;
    ipc({});
    const { onLeave } = mount(fixture, fixture.end);
    await heading(exit.title);
    expect(screen.getByText(exit.body.split('\n')[0]!.trim(), { exact: false })).toBeTruthy();
    await waitFor(() => expect(document.title.startsWith(exit.title)).toBe(true));
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: msg(texts, 'wizard-back-to-services') }));
    expect(onLeave).toHaveBeenCalledOnce();
  });
});
