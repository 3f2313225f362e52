// Used by the app's build (vite.config.ts) and the wizard's test page
// (src/wizard/harness/vite.config.ts), so the accessibility suites check what ships.
import { fileURLToPath } from 'node:url';
import purgeCss from '@fullhuman/postcss-purgecss';
import type { Plugin as PostCssPlugin } from 'postcss';

const source = (glob: string) => fileURLToPath(new URL(glob, import.meta.url));

/**
 * Only the KERN UX rules the app uses ship: the selectors of KERN's stylesheet whose
 * classes, elements and attributes appear nowhere in the UI's sources are dropped at
 * build time (about 340 KB of CSS parsed by every start otherwise). KERN's custom
 * properties all stay, with the rules that define them: PurgeCSS's `variables` option
 * also drops properties that other kept properties read (tried: 21 went missing), and
 * ours read them from another file.
 * Our own stylesheets and the components' scoped CSS are left as they are. The
 * accessibility suites check that every KERN class on a rendered screen still has its
 * rules and that every custom property read is defined (`tests/support/styles.mjs`).
 */
export function kernUsedOnly(): PostCssPlugin {
  const purge = purgeCss({
    content: [source('./index.html'), source('./src/**/*.svelte'), source('./src/**/*.ts')],
    // Svelte's `class:name={…}` directives and attribute values are words like any other.
    defaultExtractor: (content: string) => content.match(/[A-Za-z0-9_-]+/g) ?? [],
  }) as PostCssPlugin & { OnceExit: NonNullable<PostCssPlugin['OnceExit']> };
  return {
    postcssPlugin: 'amtsweg-kern-used-only',
    OnceExit(root, helpers) {
      if (!root.source?.input.file?.includes('@kern-ux/native')) return;
      // Rules that define custom properties are KERN's tokens (colours per theme and
      // layer): kept whatever their selector, which PurgeCSS misjudges for some
      // (`:is(body, .kern-light, …):not([class*=kern-level-])` would go, and every
      // `…-contextual` colour with it).
      root.walkRules((rule) => {
        if (rule.some((node) => node.type === 'decl' && node.prop.startsWith('--'))) {
          rule.before(helpers.comment({ text: 'purgecss ignore' }));
        }
      });
      return purge.OnceExit(root, helpers);
    },
  };
}

