// Playwright fixtures for renderer tests: the renderer built inside the run and served on
// loopback (once per worker), the fake bridge injected before the page's own scripts, and a
// page opened on a scenario. Console errors and CSP violations fail the test.
import { join } from "node:path";
import { test as base, expect, type Page } from "@playwright/test";
import type { IpcChannel, IpcEventChannel, IpcEvents } from "../../../src/shared/ipc-contract";
import { buildRenderer, bundleFakeBridge, projectRoot } from "./build-renderer";
import type { FakeCall } from "./fake-bridge";
import { defaultScenario, NOW, type FakeScenario } from "./fake-scenario";
import { serveStatic } from "./static-server";

interface Served {
  url: string;
  fakeBridge: string;
}

export interface OpenOptions {
  /** Leave window.cdp out, to see the "can't reach the app" screen. */
  noBridge?: boolean;
  colorScheme?: "light" | "dark";
}

export interface Renderer {
  page: Page;
  open(scenario?: Partial<FakeScenario>, options?: OpenOptions): Promise<void>;
  calls(channel?: IpcChannel): Promise<FakeCall[]>;
  emit<E extends IpcEventChannel>(event: E, payload: IpcEvents[E]): Promise<void>;
  release(): Promise<void>;
}

export const test = base.extend<{ renderer: Renderer; pageErrors: string[] }, { served: Served }>({
  served: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern
    async ({}, use, workerInfo) => {
      const outDir = join(projectRoot, "dist", "renderer-test", `w${workerInfo.parallelIndex}`);
      await buildRenderer(outDir);
      const [server, fakeBridge] = await Promise.all([serveStatic(outDir), bundleFakeBridge()]);
      await use({ url: server.url, fakeBridge });
      await server.close();
    },
    { scope: "worker", timeout: 120_000 },
  ],

  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
      page.on("console", (message) => {
        if (message.type() !== "error") return;
        const text = message.text();
        // A <meta> CSP cannot carry frame-ancestors; Electron's header CSP can. Not a renderer fault.
        if (text.includes("frame-ancestors")) return;
        errors.push(`console: ${text}`);
      });
      await use(errors);
      expect(errors, "the renderer logged errors (CSP violations, exceptions)").toEqual([]);
    },
    { auto: true },
  ],

  renderer: async ({ page, served }, use) => {
    const renderer: Renderer = {
      page,
      async open(overrides = {}, options = {}) {
        const scenario: FakeScenario = { ...defaultScenario(), ...overrides };
        await page.clock.install({ time: NOW });
        if (options.colorScheme) await page.emulateMedia({ colorScheme: options.colorScheme });
        await page.addInitScript(
          ([json, noBridge]) => {
            window.__fakeScenario = JSON.parse(json) as FakeScenario;
            window.__fakeNoBridge = noBridge;
          },
          [JSON.stringify(scenario), options.noBridge === true] as const,
        );
        await page.addInitScript({ content: served.fakeBridge });
        await page.goto(served.url);
        if (!options.noBridge) await expect(page.getByRole("navigation", { name: "Views" })).toBeVisible();
      },
      async calls(channel) {
        const all = await page.evaluate(() => window.__fakeCdp?.calls ?? []);
        return channel ? all.filter((c) => c.channel === channel) : all;
      },
      async emit(event, payload) {
        await page.evaluate(([e, p]) => window.__fakeCdp?.emit(e, p as never), [event, payload] as const);
      },
      async release() {
        await page.evaluate(() => window.__fakeCdp?.release());
      },
    };
    await use(renderer);
    const invalid = (await renderer.calls().catch(() => [])).filter((c) => !c.valid);
    expect(invalid, "every bridge request must match the IPC contract's schema").toEqual([]);
  },
});

export { expect };
