import { defineConfig } from "@playwright/test";

// Electron end-to-end tests: Playwright's _electron launches the built app (npm run build first;
// scripts/test-electron.mjs does both, and skips with a message where no Electron binary exists).
export const config = defineConfig({
  testDir: ".",
  testMatch: "**/*.spec.ts",
  timeout: 120_000,
  workers: 1,
  reporter: [["list"]],
  outputDir: "../../test-results/electron",
});

// eslint-disable-next-line no-restricted-syntax -- Playwright reads the default export
export default config;
