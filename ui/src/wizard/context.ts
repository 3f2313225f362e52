import { getContext, setContext } from 'svelte';

/** What every part of the wizard needs from the mounted Wizard. */
export type WizardContext = {
  readonly draftId: string;
  /**
   * An answer that other questions on the page depend on (`updatesPage`) changed: store
   * the page's answers and show it again, so a question it reveals appears at once.
   */
  answerChanged: () => void;
};

const key = Symbol('wizard');

export function setWizardContext(context: WizardContext): void {
  setContext(key, context);
}

export function wizardContext(): WizardContext {
  const context = getContext<WizardContext | undefined>(key);
  if (!context) throw new Error('wizard parts are rendered inside Wizard.svelte only');
  return context;
}
