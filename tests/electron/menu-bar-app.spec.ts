// The real menu-bar app under Playwright's _electron: the popover opens through the CDP_E2E test
// hook (no clicking on the menu bar), the window is hardened, and a key of a sandbox target is
// rotated through the UI with a confirmation at each step.
import { _electron as electron, expect, test, type ElectronApplication, type Page } from "@playwright/test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { CdpBridge } from "../../src/shared/ipc-contract";
import type { TargetStatus } from "../../src/shared/domain";

interface E2EHook {
  showPopover(view?: string, targetId?: string): void;
  hidePopover(): void;
  isPopoverVisible(): boolean;
  tray(): { icon: string; title: string; tooltip: string };
  statuses(): TargetStatus[];
}
declare global {
  // The main process's test hook (CDP_E2E=1) lives on globalThis.
  var __cdpE2E: E2EHook;
}



const root = fileURLToPath(new URL("../..", import.meta.url));

test.describe.configure({ mode: "serial" });

let app: ElectronApplication;
let page: Page;
let home: string;

test.beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), "cdp-e2e-"));
  app = await electron.launch({
    args: [root],
    cwd: root,
    env: { ...process.env, CDP_E2E: "1", CDP_KEY_ROTATOR_HOME: home },
  });
  page = await app.firstWindow();
  // The window exists before the core is ready; the UI loads from app:// after that.
  await page.waitForURL("app://bundle/index.html");
  await page.waitForLoadState("domcontentloaded");
});

test.afterAll(async () => {
  await app?.close();
  await rm(home, { recursive: true, force: true });
});

test("the popover opens through the test hook and is hardened", async () => {
  await app.evaluate(() => globalThis.__cdpE2E.showPopover());
  expect(await app.evaluate(() => globalThis.__cdpE2E.isPopoverVisible())).toBe(true);
  expect(page.url()).toBe("app://bundle/index.html");
  // No Node in the page; exactly one bridge object.
  expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe("undefined");
  expect(await page.evaluate(() => typeof (window as unknown as { process?: unknown }).process)).toBe("undefined");
  expect(await page.evaluate(() => Object.keys((window as unknown as { cdp: object }).cdp).sort())).toEqual(
    ["app", "audit", "aws", "on", "policy", "rotation", "sandbox", "settings", "status", "targets"].sort(),
  );
  // The bundle is served with the strict CSP as a header.
  const csp = await page.evaluate(() => fetch("app://bundle/index.html").then((r) => r.headers.get("content-security-policy")));
  expect(csp).toContain("script-src 'self'");
  // Links outside the allow-list are refused by main.
  const refused = await page.evaluate(() => (window as unknown as { cdp: CdpBridge }).cdp.app.openExternal({ url: "https://evil.example/" }));
  expect(refused.ok).toBe(false);
  await expect(page.getByRole("heading", { name: "Add your first Jamf Pro instance" })).toBeVisible();
});

test("rotates a sandbox key through the UI, confirming each step", async () => {
  await page.getByRole("button", { name: "Try with the sandbox" }).click();
  await page.getByRole("button", { name: /^Rotate – Sandbox/ }).click();
  await page.getByRole("radio", { name: "Right away" }).check();
  await page.getByRole("button", { name: "Start rotation" }).click();

  const outcome = page.getByTestId("outcome");
  const confirm = page.getByTestId("confirm-panel").getByRole("button", { name: "Confirm" });
  for (let step = 0; step < 15; step += 1) {
    await expect(confirm.or(outcome).first()).toBeVisible({ timeout: 60_000 });
    if (await outcome.isVisible()) break;
    await confirm.click();
  }
  await expect(outcome).toHaveAttribute("data-outcome", "completed");

  const statuses = await page.evaluate(async () => {
    const result = await (window as unknown as { cdp: CdpBridge }).cdp.status.refresh({});
    return result.ok ? result.value : [];
  });
  expect(statuses).toHaveLength(1);
  expect(statuses[0]?.state).toBe("ok");
  expect(statuses[0]?.keys.filter((k) => k.status === "Active")).toHaveLength(1);

  // The tray caught up with the new key.
  await expect.poll(() => app.evaluate(() => globalThis.__cdpE2E.tray().icon)).toBe("ok");
  expect(await app.evaluate(() => globalThis.__cdpE2E.tray().title)).toMatch(/^\d+d$/);
});

test("Escape hides the popover", async () => {
  await page.keyboard.press("Escape");
  await expect.poll(() => app.evaluate(() => globalThis.__cdpE2E.isPopoverVisible())).toBe(false);
});
