// What the build's purge of KERN UX's stylesheet (ui/kern-used-only.ts) must not have
// taken: a KERN class on a rendered screen whose rules are gone, or a custom property
// read where no rule defines it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths.mjs';

const CLASS = /\.(-?[_a-zA-Z][\w-]*)/g;
const READ = /var\((--[\w-]+)/g;
const DEFINED = /(--[\w-]+)\s*:/g;

const kernFull = readFileSync(path.join(repoRoot, 'node_modules/@kern-ux/native/dist/kern.min.css'), 'utf8');

/** Every class KERN's whole stylesheet has rules for. */
export const kernClasses = [...new Set([...kernFull.matchAll(CLASS)].map((m) => m[1]))];

/**
 * The KERN classes of elements on the page that the page's stylesheets no longer have
 * any rule for (empty when the purge kept all it had to).
 */
export async function classesWithoutRules(page) {
  return page.evaluate((kern) => {
    const selectors = [];
    const walk = (rules) => {
      for (const rule of rules) {
        if (rule.selectorText) selectors.push(rule.selectorText);
        if (rule.cssRules) walk(rule.cssRules);
      }
    };
    for (const sheet of document.styleSheets) walk(sheet.cssRules);
    const styled = new Set(selectors.join(' ').match(/\.-?[_a-zA-Z][\w-]*/g)?.map((c) => c.slice(1)) ?? []);
    const known = new Set(kern);
    const used = new Set([...document.querySelectorAll('[class]')].flatMap((el) => [...el.classList]));
    return [...used].filter((c) => known.has(c) && !styled.has(c)).sort();
  }, kernClasses);
}

/** Custom properties `css` reads (`var(--…)`) that it defines nowhere. */
export function propertiesReadButUndefined(css) {
  const defined = new Set([...css.matchAll(DEFINED)].map((m) => m[1]));
  return [...new Set([...css.matchAll(READ)].map((m) => m[1]))].filter((p) => !defined.has(p)).sort();
}

/** The same for KERN's whole stylesheet and ours before any purge. */
export function propertiesUndefinedBeforePurge(ownCss) {
  return propertiesReadButUndefined(kernFull + ownCss);
}

/**
 * The font faces the page has loaded, and those its rendered text needs, as
 * `"<weight> <style>"` of the `@font-face` rules (`"600 700 normal"`): a face is
 * needed when some element with text of its own is set in its weight range and style.
 */
export async function fontFaces(page) {
  return page.evaluate(async () => {
    await document.fonts.ready;
    const faces = [...document.fonts];
    const range = (face) => face.weight.split(' ').map(Number);
    const covers = (face, weight, style) => {
      const [low, high = low] = range(face);
      return face.style === style && weight >= low && weight <= high;
    };
    const needed = new Set();
    for (const el of document.querySelectorAll('body *')) {
      const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
      const visible = el.getClientRects().length > 0;
      if (!ownText || !visible) continue;
      const css = getComputedStyle(el);
      if (!css.fontFamily.includes('Fira Sans')) continue;
      const style = css.fontStyle === 'normal' ? 'normal' : 'italic';
      const face = faces.find((f) => covers(f, Number(css.fontWeight), style));
      if (face) needed.add(`${face.weight} ${face.style}`);
    }
    return {
      loaded: faces.filter((f) => f.status !== 'unloaded').map((f) => `${f.weight} ${f.style}`).sort(),
      needed: [...needed].sort(),
    };
  });
}

/** The scripts the document has loaded so far, without their content hashes. */
export async function scriptsLoaded(page) {
  return page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => new URL(e.name).pathname.split('/').pop())
      .filter((name) => name.endsWith('.js'))
      .map((name) => name.replace(/-[\w-]{8}\.js$/, '.js'))
      .sort(),
  );
}
