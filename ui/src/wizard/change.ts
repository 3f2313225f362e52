/**
 * What a "Change" link of check your answers opens: the page, the field to focus there
 * (the first of the row's item), and the row whose link has the focus again when the
 * citizen comes back.
 */
export type ChangeTarget = { pageId: string; focus: string | null; row: string };

/** Element id of the "Change" link of a row (or of a group instance's block). */
export function changeLinkId(row: string): string {
  return `change-${row}`;
}
