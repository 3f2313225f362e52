import { t } from '../lib/i18n';
import { app } from '../lib/state.svelte';

/** How long typing must pause before the count is said (GOV.UK waits about a second). */
export const SAY_AFTER_MS = 1000;

/**
 * Puts numbers into a text from Fluent: the app gets only texts without arguments, so a
 * text with numbers carries numbered places as string literals (`{ "{1}" }`), which the
 * pseudo-locale leaves as they are.
 */
function fill(text: string, values: Record<string, number>, locale: string): string {
  const format = new Intl.NumberFormat(locale);
  return text.replace(/\{(\w+)\}/g, (all, name: string) =>
    name in values ? format.format(values[name] as number) : all,
  );
}

/**
 * The character count of a long text field: `text` as shown under it ("120 of 500
 * characters", or how many too many), `said` what the polite status region says once
 * typing paused (never on every keystroke), `limitText` the limit for the field's
 * description. Characters as the engine counts them: Unicode scalar values.
 */
export function characterCount(value: () => string, max: () => number) {
  const locale = () => app.view?.ui.locale ?? 'de';
  const typed = $derived([...value()].length);
  const over = $derived(Math.max(0, typed - max()));
  const text = $derived.by(() => {
    if (over > 0) {
      const plural = new Intl.PluralRules(locale()).select(over);
      return fill(t(plural === 'one' ? 'wizard-character-count-over.one' : 'wizard-character-count-over'), { 1: over }, locale());
    }
    return fill(t('wizard-character-count'), { 1: typed, 2: max() }, locale());
  });
  const limitText = $derived(fill(t('wizard-character-limit'), { 2: max() }, locale()));

  let said = $state('');
  let first = true;
  $effect(() => {
    const now = text;
    // Nothing is said for what was there when the page opened: only for typing.
    if (first) {
      first = false;
      return;
    }
    const timer = setTimeout(() => {
      said = now;
    }, SAY_AFTER_MS);
    return () => clearTimeout(timer);
  });

  return {
    get text() {
      return text;
    },
    get over() {
      return over > 0;
    },
    get said() {
      return said;
    },
    get limitText() {
      return limitText;
    },
  };
}
