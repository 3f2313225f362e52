// Builds the wizard's test page (index.html + main.ts here) for tests/a11y/wizard.test.mjs.
// The page gets the app's CSP from src-tauri/tauri.conf.json as a <meta> element, so a
// CSP violation (an inline style, say) shows up as a console error and fails the test.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig, type Plugin } from 'vite';
import { kernUsedOnly } from '../../../kern-used-only';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

function appCsp(): Plugin {
  return {
    name: 'amtsweg-app-csp',
    transformIndexHtml(html) {
      const conf = JSON.parse(readFileSync(here('../../../../src-tauri/tauri.conf.json'), 'utf8'));
      const csp = conf.app.security.csp as Record<string, string>;
      // frame-ancestors has no effect in a <meta> CSP (the browser warns about it).
      const policy = Object.entries(csp)
        .filter(([directive]) => directive !== 'frame-ancestors')
        .map(([directive, value]) => `${directive} ${value}`)
        .join('; ');
      return html.replace('<meta charset="utf-8" />', `<meta charset="utf-8" />\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`);
    },
  };
}

export default defineConfig({
  root: here('.'),
  base: './',
  logLevel: 'warn',
  plugins: [svelte({ configFile: here('../../../svelte.config.js') }), appCsp()],
  // The stylesheet the app ships: KERN's rules the app uses, nothing more.
  css: { postcss: { plugins: [kernUsedOnly()] } },
  build: {
    outDir: process.env.WIZARD_HARNESS_OUT ?? here('../../../../target/wizard-harness'),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    cssCodeSplit: false,
    sourcemap: false,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
});
