// Shared by the accessibility suites: one axe-core run with the project's rules, and its
// violations as readable text, so a failure names the rule, its impact, the element and
// what to fix.
import AxeBuilder from '@axe-core/playwright';

/** The WCAG 2.0, 2.1 and 2.2 A/AA rules, no rule disabled, nothing excluded. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Runs axe-core on the page's document. Legacy mode runs `axe.run` in the page itself:
 * the default opens a blank page for every run to merge the results of cross-origin
 * frames (about half a second each), and the app has no frames. Every node of a
 * violation or an incomplete result is listed; passes are counted, not listed.
 */
export function analyze(page, tags = WCAG_TAGS) {
  return new AxeBuilder({ page })
    .withTags(tags)
    .setLegacyMode()
    .options({ resultTypes: ['violations', 'incomplete'] })
    .analyze();
}

/** axe violations as readable text. */
export function describeViolations(violations) {
  return violations
    .map(
      (v) =>
        `${v.id} [${v.impact}] ${v.help} (${v.helpUrl})\n` +
        v.nodes.map((n) => `    ${n.target.join(' ')}\n      ${n.failureSummary.replace(/\n/g, '\n      ')}`).join('\n'),
    )
    .join('\n');
}
