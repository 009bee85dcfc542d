import { defineConfig } from "@playwright/test";

// Browser tests run in Debian's Chromium (or the system Chrome on a Mac); never a downloaded browser.
const executablePath = process.env.CHROMIUM_PATH ?? (process.platform === "darwin"
  ? "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"
  : "/usr/bin/chromium");

export const config = defineConfig({
  testDir: "tests/browser",
  testMatch: "**/*.spec.ts",
  timeout: 60_000,
  workers: 2,
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    viewport: { width: 400, height: 560 },
    launchOptions: {
      executablePath,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
});

export default config;
