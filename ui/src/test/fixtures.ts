// The AppViews that the Rust l10n crate writes to src/api/fixtures/, so the unit
// tests render exactly the texts the app would show, never strings made up here.
import type { IpcError } from '../api';
import type { AppView, CatalogGroup, DraftStarted, MunicipalityView, StartPage } from '../api';
import catalogGroupsDe from '../api/fixtures/catalog-groups.de.json';
import catalogGroupsDogEn from '../api/fixtures/catalog-groups-dog.en.json';
import catalogGroupsEn from '../api/fixtures/catalog-groups.en.json';
import catalogDe from '../api/fixtures/catalog.de.json';
import draftStartedDe from '../api/fixtures/draft-started.dog-tax-registration.de.json';
import municipalitySearchDe from '../api/fixtures/municipality-search.de.json';
import municipalityDe from '../api/fixtures/municipality.de.json';
import startPageDe from '../api/fixtures/start-page.dog-tax-registration.de.json';
import startPageEn from '../api/fixtures/start-page.dog-tax-registration.en.json';
import catalogEn from '../api/fixtures/catalog.en.json';
import firstStartDe from '../api/fixtures/first-start.de.json';
import firstStartDeNotices from '../api/fixtures/first-start.de.notices.json';
import firstStartEn from '../api/fixtures/first-start.en.json';
import refusalsDe from '../api/fixtures/refusals.de.json';
import refusalsEn from '../api/fixtures/refusals.en.json';

function asView(json: unknown): AppView {
  const view = structuredClone(json) as AppView;
  if (!view || typeof view.screen !== 'string' || !view.ui || !Array.isArray(view.languages)) {
    throw new Error('fixture is not an AppView');
  }
  return view;
}

export const fixtures = {
  firstStartDe: () => asView(firstStartDe),
  firstStartEn: () => asView(firstStartEn),
  firstStartDeNotices: () => asView(firstStartDeNotices),
  catalogDe: () => asView(catalogDe),
  catalogEn: () => asView(catalogEn),
  municipalityDe: () => asView(municipalityDe),
  municipalitySearchDe: () => structuredClone(municipalitySearchDe) as MunicipalityView[],
  catalogGroupsDe: () => structuredClone(catalogGroupsDe) as CatalogGroup[],
  catalogGroupsEn: () => structuredClone(catalogGroupsEn) as CatalogGroup[],
  catalogGroupsDogEn: () => structuredClone(catalogGroupsDogEn) as CatalogGroup[],
  startPageDe: () => structuredClone(startPageDe) as StartPage,
  startPageEn: () => structuredClone(startPageEn) as StartPage,
  draftStartedDe: () => structuredClone(draftStartedDe) as unknown as DraftStarted,
};

/** The refusals by code (`drafts-damaged` is the text "My drafts" shows, not a refusal). */
type Refusals = { [K in keyof typeof refusalsEn]: K extends 'drafts-damaged' ? string : IpcError };

/**
 * What the shell says when the vault refuses (`IpcError`s by code) and how "My drafts"
 * words a damaged draft (`drafts-damaged`), in `locale`.
 */
export function refusals(locale: 'de' | 'en'): Refusals {
  // Written by the shell's tests (`export_refusal_fixtures`): each code is an `ErrorCode`.
  return structuredClone(locale === 'de' ? refusalsDe : refusalsEn) as Refusals;
}

/** The text of `id` in a fixture; fails the test when the fixture lacks it. */
export function text(view: AppView, id: string): string {
  const value = view.ui.messages[id];
  if (value === undefined) throw new Error(`fixture for ${view.ui.locale} lacks "${id}"`);
  return value;
}
