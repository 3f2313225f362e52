// Comparing a shown text with a fixture text whose placeables (file paths, line
// numbers) differ per run. Fluent wraps every placeable in U+2068 … U+2069, so the
// fixture text itself is the template: its isolated parts become capture groups.

const FSI = '\u2068';
const PDI = '\u2069';

/** Number of placeables in a localized text. */
export function placeableCount(text) {
  return text.split(FSI).length - 1;
}

/**
 * Matches `shown` against the fixture text `template`: the same words around every
 * placeable. Returns the placeables' values as shown, or null when the words differ.
 */
export function matchPlaceables(template, shown) {
  const parts = template.split(new RegExp(`${FSI}[^${PDI}]*${PDI}`, 'u'));
  const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^${parts.map(escape).join(`${FSI}([^${PDI}]*)${PDI}`)}$`, 'u');
  const match = pattern.exec(shown);
  return match ? match.slice(1) : null;
}

/** The message of notice `code` in a fixture view; fails loudly when it is missing. */
export function noticeMessage(view, code) {
  const notice = view.notices.find((n) => n.code === code);
  if (!notice) throw new Error(`fixture for ${view.ui.locale} has no notice "${code}"`);
  return notice.message;
}
