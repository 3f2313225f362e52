/** @type {import('@sveltejs/vite-plugin-svelte').SvelteConfig} */
export default {
  compilerOptions: {
    // Runes everywhere; component CSS is emitted into the stylesheet file, never
    // injected as <style> elements (the CSP allows style-src 'self' only).
    runes: true,
    css: 'external',
  },
};
