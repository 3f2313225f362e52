import { app } from './state.svelte';

type Messages = { [key in string]?: string };

const warned = new Set<string>();

/**
 * Looks a message id up in the texts Rust sent. A missing id renders as the id
 * itself, so the gap is visible, and is reported once per locale on the console.
 */
export function translate(messages: Messages | undefined, id: string, locale = ''): string {
  const text = messages?.[id];
  if (text !== undefined) return text;
  const key = `${locale}\u0000${id}`;
  if (!warned.has(key)) {
    warned.add(key);
    console.warn(`[l10n] missing message "${id}"${locale ? ` for locale "${locale}"` : ''}`);
  }
  return id;
}

/** The text of `id` in the current language (reactive inside components). */
export function t(id: string): string {
  const ui = app.view?.ui;
  return translate(ui?.messages, id, ui?.locale);
}
