// esbuild options of the Electron bundles, shared by scripts/build.mjs and the test that boots the
// main bundle against a fake Electron (tests/main/main-bundle.test.ts).

// Core and sandbox code is ESM and may use import.meta.url; in the CommonJS bundle it is the
// bundle's own file URL.
const importMetaUrl = {
  banner: { js: "const __bundleImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { "import.meta.url": "__bundleImportMetaUrl" },
};

const common = {
  bundle: true,
  format: "cjs",
  sourcemap: true,
  legalComments: "none",
  logLevel: "warning",
};

/** src/main/main.ts → dist/main/main.cjs: Node platform, electron and native modules left outside. */
export function mainBundleOptions(root, outfile = "dist/main/main.cjs") {
  return {
    ...common,
    ...importMetaUrl,
    absWorkingDir: root,
    entryPoints: ["src/main/main.ts"],
    outfile,
    platform: "node",
    target: "node20",
    // Native modules load from node_modules (unpacked from the asar by electron-builder).
    external: ["electron", "@napi-rs/keyring", "@napi-rs/keyring-*"],
  };
}

/** src/preload/preload.ts → dist/preload/preload.cjs: a sandboxed preload may require only `electron`. */
export function preloadBundleOptions(root, outfile = "dist/preload/preload.cjs") {
  return {
    ...common,
    absWorkingDir: root,
    entryPoints: ["src/preload/preload.ts"],
    outfile,
    platform: "browser",
    target: "chrome120",
    external: ["electron"],
    // The contract module brings zod along (its schemas); minified it stays small enough.
    minify: true,
  };
}
