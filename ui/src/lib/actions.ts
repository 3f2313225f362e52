import {
  chooseLanguage,
  chooseMunicipality,
  completeFirstStart,
  errorText,
  getAppView,
  setTextScale,
  type AppView,
} from '../api';
import { app } from './state.svelte';

let latest = 0;

/**
 * Runs one command that answers with a new view. Only the answer to the latest
 * request is applied, so quick successive choices cannot be overtaken by an older
 * reply; a rejection is shown in the error alert and keeps the current view.
 */
async function apply(command: () => Promise<AppView>): Promise<boolean> {
  const request = ++latest;
  try {
    const view = await command();
    if (request !== latest) return false;
    app.view = view;
    app.error = null;
    return true;
  } catch (reason) {
    if (request !== latest) return false;
    app.error = errorText(reason);
    return false;
  }
}

export const loadView = (): Promise<boolean> => apply(getAppView);
export const selectLanguage = (locale: string): Promise<boolean> =>
  apply(() => chooseLanguage(locale));
export const finishFirstStart = (): Promise<boolean> => apply(completeFirstStart);
export const selectMunicipality = (ars: string): Promise<boolean> =>
  apply(() => chooseMunicipality(ars));
export const selectTextScale = (scale: number): Promise<boolean> => apply(() => setTextScale(scale));
