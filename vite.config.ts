import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// The renderer is loaded from the app bundle (file:// or a custom protocol) and by the browser
// preview, so every asset URL is relative. No React plugin: esbuild's automatic JSX runtime is
// all React 19 needs, and the strict CSP forbids the plugin's inline refresh preamble anyway.
const projectRoot = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root: resolve(projectRoot, "src/renderer"),
  base: "./",
  publicDir: false,
  esbuild: { jsx: "automatic" },
  build: {
    outDir: resolve(projectRoot, "dist/renderer"),
    emptyOutDir: true,
    target: "chrome120",
    sourcemap: false,
    // One small script and one stylesheet; never inline assets as data: URLs into scripts.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rollupOptions: {
      // zod ships /*#__PURE__*/ comments Rollup cannot place; harmless, and noisy in test output.
      onwarn(warning, warn) {
        if (warning.code === "INVALID_ANNOTATION") return;
        warn(warning);
      },
    },
  },
  server: { host: "127.0.0.1", strictPort: false },
});
