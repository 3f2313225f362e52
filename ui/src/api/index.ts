// The one place that talks to the Rust side. Every command of the IPC contract has a
// typed function here; nothing else in the UI imports `@tauri-apps/api/core`.
import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import type { AppEvent } from './bindings/AppEvent';
import type { AppView } from './bindings/AppView';
import type { ApplicationSubmitted } from './bindings/ApplicationSubmitted';
import type { ApplicationsView } from './bindings/ApplicationsView';
import type { IpcError } from './bindings/IpcError';
import type { Answer } from './bindings/Answer';
import type { CatalogEntry } from './bindings/CatalogEntry';
import type { CatalogGroup } from './bindings/CatalogGroup';
import type { MunicipalityView } from './bindings/MunicipalityView';
import type { PaintedScreen } from './bindings/PaintedScreen';
import type { PaintPhases } from './bindings/PaintPhases';
import type { Continue } from './bindings/Continue';
import type { DraftStarted } from './bindings/DraftStarted';
import type { DraftsView } from './bindings/DraftsView';
import type { FileRef } from './bindings/FileRef';
import type { ProcedureScreen } from './bindings/ProcedureScreen';
import type { StartPage } from './bindings/StartPage';
import type { SubmissionPreview } from './bindings/SubmissionPreview';
import type { Summary } from './bindings/Summary';

export type { AppView } from './bindings/AppView';
export type { IpcError } from './bindings/IpcError';
export type { LanguageOption } from './bindings/LanguageOption';
export type { MunicipalityView } from './bindings/MunicipalityView';
export type { Notice } from './bindings/Notice';
export type { Screen } from './bindings/Screen';
export type { TextDirection } from './bindings/TextDirection';
export type { UiLocale } from './bindings/UiLocale';

/** The whole view to render at start: screen, texts, languages, notices. */
export function getAppView(): Promise<AppView> {
  return invoke<AppView>('get_app_view');
}

/** Saves the chosen language durably and returns every text in it. */
export function chooseLanguage(locale: string): Promise<AppView> {
  return invoke<AppView>('choose_language', { locale });
}

/** Records that the first start is done; returns the catalog screen. */
export function completeFirstStart(): Promise<AppView> {
  return invoke<AppView>('complete_first_start');
}

/** Tells the performance harness and the smoke test that the first screen is painted, and which. */
export async function reportFirstPaint(screen: PaintedScreen, phases: PaintPhases): Promise<void> {
  await invoke<null>('report_first_paint', { screen, phases });
}

/** Sets the native window's title (screen readers announce it) to the page's title. */
export async function setWindowTitle(title: string): Promise<void> {
  await invoke<null>('set_window_title', { title });
}

/** Saves the in-app text size (percent of the OS's); returns the view. */
export function setTextScale(scale: number): Promise<AppView> {
  return invoke<AppView>('set_text_scale', { scale });
}

// ---- Municipality ------------------------------------------------------------------

/** Municipalities matching a postcode or name (search as you type); `[]` for no query. */
export function searchMunicipalities(query: string): Promise<MunicipalityView[]> {
  return invoke<MunicipalityView[]>('search_municipalities', { query });
}

/** Saves the citizen's municipality by its regional key; returns the catalog screen. */
export function chooseMunicipality(ars: string): Promise<AppView> {
  return invoke<AppView>('choose_municipality', { ars });
}

/** Whether a rejection is the contract's `{ code, message }` error. */
export function isIpcError(value: unknown): value is IpcError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as IpcError).code === 'string' &&
    typeof (value as IpcError).message === 'string'
  );
}

/**
 * The text to show for a rejected command. Rust sends an `IpcError` whose message is
 * already localized; anything else (Tauri's own failures arrive as plain strings) is
 * shown as it came, never replaced by a text of the UI's own.
 */
export function errorText(reason: unknown): string {
  if (isIpcError(reason)) return reason.message;
  if (typeof reason === 'string') return reason;
  if (reason instanceof Error) return reason.message;
  return String(reason);
}

// ---- Procedures: the engine decides, the UI renders ------------------------------

export type { Answer } from './bindings/Answer';
export type { CatalogEntry } from './bindings/CatalogEntry';
export type { CatalogGroup } from './bindings/CatalogGroup';
export type { Continue } from './bindings/Continue';
export type { DraftStarted } from './bindings/DraftStarted';
export type { DraftListItem } from './bindings/DraftListItem';
export type { DraftsView } from './bindings/DraftsView';
export type { ProcedureScreen } from './bindings/ProcedureScreen';
export type { StartPage } from './bindings/StartPage';
export type { SubmissionPreview } from './bindings/SubmissionPreview';
export type { Summary } from './bindings/Summary';


/** Answers of one page by FIM id, exactly as typed: Rust never gets a cleaned copy. */
export type PageAnswers = Record<string, Answer>;

/** The procedures offered; with a query, those matching it (search as you type). */

/** The catalog screen: the municipality's procedures matching `query`, by life situation. */
export function catalogGroups(query?: string): Promise<CatalogGroup[]> {
  return invoke<CatalogGroup[]>('catalog_groups', { query: query ?? null });
}

export function procedureStartPage(procedureId: string): Promise<StartPage> {
  return invoke<StartPage>('procedure_start_page', { procedureId });
}

export function startDraft(procedureId: string): Promise<DraftStarted> {
  return invoke<DraftStarted>('start_draft', { procedureId });
}

export function draftScreen(draftId: string): Promise<ProcedureScreen> {
  return invoke<ProcedureScreen>('draft_screen', { draftId });
}

/** Keeps a page's answers without validating them ("Back" never loses input). */
export async function setAnswers(draftId: string, pageId: string, answers: PageAnswers): Promise<void> {
  await invoke<null>('set_answers', { draftId, pageId, answers });
}

/** "Continue": the page again with its errors, or the next screen. */
export function continuePage(draftId: string, pageId: string, answers: PageAnswers): Promise<Continue> {
  return invoke<Continue>('continue_page', { draftId, pageId, answers });
}

export function goBack(draftId: string): Promise<ProcedureScreen> {
  return invoke<ProcedureScreen>('go_back', { draftId });
}

/** A "Change" link or a task-list entry. */
export function goToPage(draftId: string, pageId: string): Promise<ProcedureScreen> {
  return invoke<ProcedureScreen>('go_to_page', { draftId, pageId });
}

export function checkAnswers(draftId: string): Promise<Summary> {
  return invoke<Summary>('check_answers', { draftId });
}

export function submissionPreview(draftId: string): Promise<SubmissionPreview> {
  return invoke<SubmissionPreview>('submission_preview', { draftId });
}

/**
 * Opens the OS file dialog (from Rust) for a file field; `null` when cancelled. The
 * file's type (by content) and size are checked against the field before it is kept;
 * a refusal is an `IpcError` in the citizen's language.
 */
export function pickAttachment(draftId: string, fieldId: string): Promise<FileRef | null> {
  return invoke<FileRef | null>('pick_attachment', { draftId, fieldId });
}

// ---- My drafts: kept encrypted in the vault ----------------------------------------

/** Every kept draft, newest first (a damaged one says so), or why none can be kept. */
export function listDrafts(): Promise<DraftsView> {
  return invoke<DraftsView>('list_drafts');
}

/** Opens a kept draft at the page where the citizen left. */
export function resumeDraft(draftId: string): Promise<DraftStarted> {
  return invoke<DraftStarted>('resume_draft', { draftId });
}

/** Deletes a draft for good; answers with the list without it. */
export function deleteDraft(draftId: string): Promise<DraftsView> {
  return invoke<DraftsView>('delete_draft', { draftId });
}

/**
 * "Keep my drafts as they are", once the citizen was asked (the list of versions was
 * changed outside the app); answers with the list.
 */
export function keepDraftVersions(): Promise<DraftsView> {
  return invoke<DraftsView>('keep_draft_versions');
}

// ---- My data: export, import, delete all, how the drafts' key is kept ---------------

import type { ExportDone } from './bindings/ExportDone';
import type { ImportDone } from './bindings/ImportDone';
import type { MyDataView } from './bindings/MyDataView';
import type { PrintoutDone } from './bindings/PrintoutDone';
import type { RecoveryCodeShown } from './bindings/RecoveryCodeShown';

export type { ExportDone } from './bindings/ExportDone';
export type { ImportDone } from './bindings/ImportDone';
export type { MyDataView } from './bindings/MyDataView';
export type { RecoveryCodeShown } from './bindings/RecoveryCodeShown';
export type { VaultKeys } from './bindings/VaultKeys';
export type { VaultState } from './bindings/VaultState';

/** Where the drafts' key is kept and whether drafts are kept now. */
export function myDataView(): Promise<MyDataView> {
  return invoke<MyDataView>('my_data_view');
}

/**
 * "Export my data": Rust checks the passphrase (twice), then opens the OS save dialog;
 * `null` when the citizen cancels it.
 */
export function exportMyData(passphrase: string, confirmation: string): Promise<ExportDone | null> {
  return invoke<ExportDone | null>('export_my_data', { passphrase, confirmation });
}

/** "Import": the OS open dialog, then the file's passphrase; `null` when cancelled. */
export function importMyData(passphrase: string): Promise<ImportDone | null> {
  return invoke<ImportDone | null>('import_my_data', { passphrase });
}

/**
 * Deletes every draft and application, the vault's keys and the settings. While
 * applications wait to be sent it is refused with `error-delete-unsent` (its message
 * says how many) unless `confirmUnsent`: the citizen was told so and confirmed again.
 */
export function deleteAllMyData(confirmUnsent = false): Promise<MyDataView> {
  return invoke<MyDataView>('delete_all_my_data', { confirmUnsent });
}

/** Opens drafts protected by a passphrase (never stored). */
export function unlockVault(passphrase: string): Promise<MyDataView> {
  return invoke<MyDataView>('unlock_vault', { passphrase });
}

/** The opt-in for computers without a keychain: drafts protected by this passphrase. */
export function usePassphraseKeys(passphrase: string, confirmation: string): Promise<MyDataView> {
  return invoke<MyDataView>('use_passphrase_keys', { passphrase, confirmation });
}

/** The drafts' key moved from the passphrase back into the OS keychain. */
export function useKeychainKeys(): Promise<MyDataView> {
  return invoke<MyDataView>('use_keychain_keys');
}

/** A new recovery code, shown once (Amtsweg keeps only the key sealed under it). */
export function createRecoveryCode(): Promise<RecoveryCodeShown> {
  return invoke<RecoveryCodeShown>('create_recovery_code');
}

/**
 * The drafts back with the recovery code after their key was lost; `passphrase` and
 * `confirmation` when they are to be protected by a (new) passphrase, else empty.
 */
export function recoverVault(
  code: string,
  passphrase: string,
  confirmation: string,
): Promise<MyDataView> {
  return invoke<MyDataView>('recover_vault', { code, passphrase, confirmation });
}

/** A new passphrase for the drafts, after the current one. */
export function changePassphrase(
  current: string,
  passphrase: string,
  confirmation: string,
): Promise<MyDataView> {
  return invoke<MyDataView>('change_passphrase', { current, passphrase, confirmation });
}

/** Opens the drafts again once the keychain was unlocked or allowed. */
export function retryVault(): Promise<MyDataView> {
  return invoke<MyDataView>('retry_vault');
}

// --- My details -------------------------------------------------------------------------

import type { MyDetailsOffer } from './bindings/MyDetailsOffer';
import type { MyDetailsView } from './bindings/MyDetailsView';

export type { MyDetailsField } from './bindings/MyDetailsField';
export type { MyDetailsOffer } from './bindings/MyDetailsOffer';
export type { MyDetailsView } from './bindings/MyDetailsView';

/** The My details screen: what is kept, whether keeping is on. */
export function myDetailsView(): Promise<MyDetailsView> {
  return invoke<MyDetailsView>('my_details_view');
}

/** What the confirmation page offers to keep; `null`: nothing to ask. */
export function myDetailsOffer(): Promise<MyDetailsOffer | null> {
  return invoke<MyDetailsOffer | null>('my_details_offer');
}

/** "Yes, keep them" / "No", or the switch on My details (off deletes what is kept). */
export function setMyDetailsKeeping(keep: boolean): Promise<MyDetailsView> {
  return invoke<MyDetailsView>('set_my_details_keeping', { keep });
}

/** "Save": Rust checks each value; when one is refused the view names it and nothing is saved. */
export function saveMyDetails(values: Record<string, string>): Promise<MyDetailsView> {
  return invoke<MyDetailsView>('save_my_details', { values });
}

/** "Delete my details", after the citizen confirmed. */
export function deleteMyDetails(): Promise<MyDetailsView> {
  return invoke<MyDetailsView>('delete_my_details');
}

// --- printouts --------------------------------------------------------------------------

/** "Download PDF": the OS save dialog, then the PDF written there; `null` when cancelled. */
export function downloadApplicationPdf(draftId: string): Promise<PrintoutDone | null> {
  return invoke<PrintoutDone | null>('download_application_pdf', { draftId });
}

/** "Print": the PDF handed to the OS's PDF viewer, which prints it. */
export function printApplication(draftId: string): Promise<PrintoutDone> {
  return invoke<PrintoutDone>('print_application', { draftId });
}

/** "Print" beside the recovery code shown once: the groups as shown. */
export function printRecoveryCode(groups: string[]): Promise<PrintoutDone> {
  return invoke<PrintoutDone>('print_recovery_code', { groups });
}

// --- applications -----------------------------------------------------------------------

export type { ApplicationListItem } from './bindings/ApplicationListItem';
export type { ApplicationStatus } from './bindings/ApplicationStatus';
export type { Connection } from './bindings/Connection';
export type { ApplicationSubmitted, ApplicationsView };

/** "Submit": the completed draft becomes an application waiting to be sent (it leaves My
 * drafts); it is sent as soon as Amtsweg is online, while it runs. */
export function submitApplication(draftId: string): Promise<ApplicationSubmitted> {
  return invoke<ApplicationSubmitted>('submit_application', { draftId });
}

/** "My applications": every application with its status, oldest first. */
export function listApplications(): Promise<ApplicationsView> {
  return invoke<ApplicationsView>('list_applications');
}

/** "Download PDF" in My applications: the citizen's copy of a submitted application with
 * its receipt (case number and time of receipt once known); `null` when cancelled. */
export function downloadSentApplicationPdf(applicationId: string): Promise<PrintoutDone | null> {
  return invoke<PrintoutDone | null>('download_sent_application_pdf', { applicationId });
}

/** "Print" in My applications: the same copy handed to the OS's viewer. */
export function printSentApplication(applicationId: string): Promise<PrintoutDone | null> {
  return invoke<PrintoutDone | null>('print_sent_application', { applicationId });
}

// --- events ---------------------------------------------------------------------------

export type { AppEvent };

/** The name the shell emits the core's events under (`amtsweg_app::events::EVENT_CHANNEL`). */
export const APP_EVENT = 'amtsweg:event';

/**
 * Calls `handler` with each event the core publishes (the vault opened after start,
 * drafts came from an import …); this module is the only place that listens. Returns
 * the function that stops listening, at once (a screen calls it when it goes away, even
 * before listening has begun).
 */
export function onAppEvent(handler: (event: AppEvent) => void): () => void {
  let unlisten: (() => void) | null = null;
  let stopped = false;
  listen<AppEvent>(APP_EVENT, (event) => handler(event.payload)).then(
    (stop) => {
      if (stopped) stop();
      else unlisten = stop;
    },
    (reason: unknown) => console.error('cannot listen to the app\'s events', reason),
  );
  return () => {
    stopped = true;
    unlisten?.();
  };
}
