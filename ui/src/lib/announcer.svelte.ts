import { tick } from 'svelte';

/**
 * The one polite live region of the app (`#page-announcer`, rendered by the frame): the
 * frame says each new page's title in it, the wizard its pages' titles and what its
 * buttons did. One region, so that a screen reader never meets an old page's title left
 * in a second one.
 */
class Announcer {
  text = $state('');
}

export const announcer = new Announcer();

/**
 * Says `text`: the region is emptied first, so that the same text said again (a second
 * "entry removed") is heard again.
 */
export async function announce(text: string): Promise<void> {
  announcer.text = '';
  await tick();
  announcer.text = text;
}

/** Empties the region (a new language: nothing is left in the one the citizen left). */
export function clearAnnouncement(): void {
  announcer.text = '';
}
