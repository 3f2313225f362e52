// Shared by the accessibility suites: axe-core's violations as readable text, so a
// failure names the rule, its impact, the element and what to fix.

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
