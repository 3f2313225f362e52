import type { ProcedureScreen, StartPage } from '../api';

/**
 * Where the citizen is within the catalog screen that Rust chose: the list, a
 * procedure's start page, a started procedure (the wizard), or changing the
 * municipality; and "My drafts", "My applications", the settings and the accessibility statement, which
 * the header navigation opens from any screen. `savedLater` on "My drafts": the citizen
 * came from the wizard's "Save and continue later" and is told that the draft is kept.
 * Rust still decides the screen (first start, municipality, catalog); this only
 * remembers which page is open on top of it.
 */
export type Place =
  | { kind: 'catalog' }
  | { kind: 'changeMunicipality' }
  | { kind: 'drafts'; savedLater?: boolean }
  | { kind: 'applications' }
  | { kind: 'settings' }
  | { kind: 'myDetails' }
  | { kind: 'accessibility' }
  | { kind: 'startPage'; page: StartPage }
  | { kind: 'wizard'; procedureTitle: string; draftId: string; initial: ProcedureScreen };

class Navigation {
  place = $state<Place>({ kind: 'catalog' });
  /** The catalog's search text, kept while a start page or procedure is open. */
  catalogQuery = $state('');
}

export const nav = new Navigation();

export function goTo(place: Place): void {
  nav.place = place;
}
