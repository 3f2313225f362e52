// The AppViews that the Rust l10n crate writes to src/api/fixtures/, so the unit
// tests render exactly the texts the app would show, never strings made up here.
import type { AppView } from '../api';
import catalogDe from '../api/fixtures/catalog.de.json';
import catalogEn from '../api/fixtures/catalog.en.json';
import firstStartDe from '../api/fixtures/first-start.de.json';
import firstStartDeNotices from '../api/fixtures/first-start.de.notices.json';
import firstStartEn from '../api/fixtures/first-start.en.json';

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
};

/** The text of `id` in a fixture; fails the test when the fixture lacks it. */
export function text(view: AppView, id: string): string {
  const value = view.ui.messages[id];
  if (value === undefined) throw new Error(`fixture for ${view.ui.locale} lacks "${id}"`);
  return value;
}
