// Shared by the accessibility suites: one axe-core run with the project's rules, and its
// violations as readable text, so a failure names the rule, its impact, the element and
// what to fix.
import AxeBuilder from '@axe-core/playwright';

/**
 * The WCAG 2.0, 2.1 and 2.2 A/AA rules and axe's best practices (landmarks, heading
 * order, one main, regions …); no rule disabled, nothing excluded.
 */
export const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * Runs axe-core on the page's document. Legacy mode runs `axe.run` in the page itself:
 * the default opens a blank page for every run to merge the results of cross-origin
 * frames (about half a second each), and the app has no frames. Every node of a
 * violation or an incomplete result is listed; passes are counted, not listed.
 */
export function analyze(page, tags = TAGS) {
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

/**
 * The incomplete results ("needs review": axe could not decide) that are accepted, each
 * with why; every other one fails the check like a violation. `applies` gets the mode
 * (`{forcedColors, colorScheme, width}`) and the node, with `painted` added for colour
 * contrast (see `paintedContrast`).
 */
export const ACCEPTED_INCOMPLETE = [
  {
    rule: 'color-contrast',
    reason:
      'In forced colours Chromium paints text in the forced system colour, but reports the ' +
      "author's colour as `-webkit-text-fill-color`, which axe reads as the text colour (a " +
      'label inside a button then seems to be black on black, "1:1"). The colours actually ' +
      'painted are measured instead and must reach 4.5:1.',
    applies: (mode, node) => mode.forcedColors === 'active' && node.painted?.ratio >= 4.5,
  },
];

/**
 * The colours an element's text is painted in (its computed `color`, which forced colours
 * replace, over the first opaque background among it and its ancestors) and their
 * contrast ratio, for each node of axe's incomplete colour-contrast result.
 */
async function paintedContrast(page, incomplete) {
  const contrast = incomplete.find((r) => r.id === 'color-contrast');
  if (!contrast) return;
  const painted = await page.evaluate((selectors) => {
    const ctx = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
    // Any CSS colour (rgb, oklch, system colours resolved) as RGBA through a canvas.
    const rgba = (color) => {
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = '#000';
      ctx.fillStyle = color;
      ctx.fillRect(0, 0, 1, 1);
      return [...ctx.getImageData(0, 0, 1, 1).data];
    };
    const luminance = ([r, g, b]) => {
      const c = [r, g, b].map((v) => {
        const s = v / 255;
        return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    };
    return selectors.map((selector) => {
      const el = document.querySelector(selector);
      if (!el) return null;
      const fg = getComputedStyle(el).color;
      let bg = null;
      for (let at = el; at && !bg; at = at.parentElement) {
        const color = getComputedStyle(at).backgroundColor;
        if (rgba(color)[3] === 255) bg = color;
      }
      bg ??= getComputedStyle(document.documentElement).backgroundColor;
      if (rgba(bg)[3] !== 255) bg = 'Canvas';
      const [a, b] = [luminance(rgba(fg)), luminance(rgba(bg))].sort((x, y) => y - x);
      return { fg, bg, ratio: (a + 0.05) / (b + 0.05) };
    });
  }, contrast.nodes.map((n) => n.target.join(' ')));
  contrast.nodes.forEach((node, i) => {
    node.painted = painted[i];
  });
}

/** Incomplete results no entry of `ACCEPTED_INCOMPLETE` explains, as readable text. */
export async function unexplainedIncomplete(page, incomplete, mode) {
  await paintedContrast(page, incomplete);
  const open = [];
  for (const result of incomplete) {
    const nodes = result.nodes.filter(
      (node) => !ACCEPTED_INCOMPLETE.some((a) => a.rule === result.id && a.applies(mode, node)),
    );
    if (nodes.length > 0) open.push({ ...result, nodes });
  }
  const reason = (n) => (n.failureSummary ?? n.any?.map((c) => c.message).join('; ') ?? '').replace(/\n/g, '\n      ');
  const painted = (n) => (n.painted ? `\n      painted: ${n.painted.fg} on ${n.painted.bg}, ${n.painted.ratio.toFixed(2)}:1` : '');
  return open
    .map(
      (r) =>
        `${r.id} [needs review] ${r.help} (${r.helpUrl})\n` +
        r.nodes.map((n) => `    ${n.target.join(' ')}  ${n.html}\n      ${reason(n)}${painted(n)}`).join('\n'),
    )
    .join('\n');
}

/**
 * Every visible control keeps a visible edge in forced colours: a border, or for the
 * focused one its focus ring (KERN takes the border off a checked, focused radio and
 * lets the system draw an `auto` outline around it instead).
 */
export async function controlsWithoutEdges(page) {
  return page.$$eval('button, input, select, textarea', (els) =>
    els
      .filter((el) => el.getClientRects().length > 0)
      .filter((el) => {
        const s = getComputedStyle(el);
        const sides = ['Top', 'Right', 'Bottom', 'Left'];
        const border = sides.some((side) => s[`border${side}Style`] !== 'none' && parseFloat(s[`border${side}Width`]) > 0);
        const ring =
          el === document.activeElement &&
          (s.outlineStyle === 'auto' || (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0));
        return !border && !ring;
      })
      .map((el) => el.id || el.outerHTML.slice(0, 80)),
  );
}
