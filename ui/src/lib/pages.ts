// The pages the first screen does not show load as chunks of their own the first time
// they are opened: the first screen parses only itself (issue "as light as an empty
// Tauri window"). Each loader runs once; later openings reuse its module.

function once<Module>(load: () => Promise<Module>): () => Promise<Module> {
  let loading: Promise<Module> | undefined;
  return () => (loading ??= load());
}

export const pages = {
  wizard: once(() => import('../wizard/Wizard.svelte')),
  drafts: once(() => import('../screens/Drafts.svelte')),
  applications: once(() => import('../screens/Applications.svelte')),
  // The settings with My data.
  settings: once(() => import('../screens/Settings.svelte')),
  // My details, opened from My data in the settings.
  myDetails: once(() => import('../screens/MyDetails.svelte')),
} as const;

export type LazyPage = keyof typeof pages;

/** Resolves once `place`'s module is loaded (at once for a page of the first chunk). */
export function pageLoaded(place: string | null): Promise<unknown> {
  return place !== null && place in pages ? pages[place as LazyPage]() : Promise.resolve();
}
