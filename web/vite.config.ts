// Builds the page into dist/web. Relative base so the local server can mount it anywhere;
// no inline scripts or styles in the output, so the server's CSP can stay `default-src 'self'`.
import { defineConfig } from "vite";

export default defineConfig({
  root: "web",
  base: "./",
  build: {
    outDir: "../dist/web",
    emptyOutDir: true,
    // Keep assets as files: inlined data: URLs would need CSP relaxations.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  oxc: { jsx: { runtime: "automatic", importSource: "react" } },
});
