import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';
import { kernUsedOnly } from './kern-used-only';

// Vitest sets VITEST; Svelte 5 must then resolve its browser build for jsdom.
const underVitest = Boolean(process.env.VITEST);

export default defineConfig({
  plugins: [svelte({ configFile: fileURLToPath(new URL('./svelte.config.js', import.meta.url)) })],
  // Relative asset URLs: Tauri serves ui/dist from its own scheme.
  base: './',
  clearScreen: false,
  server: {
    host: '127.0.0.1',
    port: 1420,
    strictPort: true,
  },
  css: { postcss: { plugins: underVitest ? [] : [kernUsedOnly()] } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Strict CSP (style-src 'self', font data: not allowed): every asset, fonts
    // included, becomes a file; CSS goes into one stylesheet linked from index.html.
    assetsInlineLimit: 0,
    cssCodeSplit: false,
    sourcemap: false,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
  resolve: underVitest ? { conditions: ['browser'] } : {},
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    restoreMocks: true,
  },
});
