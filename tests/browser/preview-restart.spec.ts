// A tab of an earlier run of the preview (the host restarted on the same port and does not know
// the tab's session) says so in full, "The preview restarted: open the new address", with what to
// do, instead of failing silently: for a live tab (its event stream or its next bridge call gets
// 401) and for a reload. Opening the new one-time address works. And in a real browser the
// session the address opens is a cookie scripts cannot read.
import type { Page } from "@playwright/test";
import { goToTab } from "./flow-support/flow-actions";
import { expect, test } from "./flow-support/flow-fixture";

test.describe.configure({ timeout: 90_000 });

const RESTARTED = "The preview restarted: open the new address";

async function expectRestartedNotice(page: Page): Promise<void> {
  await expect(page.getByRole("heading", { level: 1, name: RESTARTED })).toBeVisible({ timeout: 20_000 });
  await expect(page.locator("main")).toContainText("Copy the address the terminal printed");
  await expect(page.locator("main")).toContainText("Press Enter in the terminal that runs the preview");
  // The app is gone from the tab: nothing on it can act on the preview any more.
  await expect(page.getByRole("navigation", { name: "Views" })).toHaveCount(0);
  expect(await page.evaluate(() => "cdp" in window)).toBe(false);
}

test("in Chromium the one-time address leaves the address bar and the session cookie is HttpOnly and SameSite=Strict", async ({ page, host }) => {
  await host.open();
  expect(new URL(page.url()).search, "the token left the address bar").toBe("");
  expect(await page.evaluate(() => document.cookie), "scripts cannot read the session").toBe("");
  const cookies = await page.context().cookies(host.preview.origin);
  expect(cookies).toHaveLength(1);
  expect(cookies[0]).toMatchObject({ name: `cdp_preview_session_${new URL(host.preview.origin).port}`, httpOnly: true, sameSite: "Strict", path: "/", expires: -1 });
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.documentElement.outerHTML);
  expect(stored).not.toContain(cookies[0]!.value);
});

test("a live tab sees the preview restart on its own (event stream) and says so; the new address works", async ({ page, host }) => {
  await host.open();
  await host.restart();
  // No click, no reload: the event stream reconnects, gets 401, and the tab explains.
  await expectRestartedNotice(page);
  await host.reload();
  await expect(page.getByRole("heading", { name: "Add your first Jamf Pro instance" })).toBeVisible();
  await goToTab(page, "Settings");
  await expect(page.getByRole("navigation", { name: "Views" })).toBeVisible();
});

test("a live tab whose next bridge call gets 401 shows the restarted page, not a failed action", async ({ page, host }) => {
  await host.open();
  // Keep the event stream from noticing first, so the bridge call is what finds out.
  await page.route("**/events", (route) => route.abort());
  await host.restart();
  const refused = page.waitForResponse((response) => response.url().includes("/ipc/") && response.status() === 401);
  await goToTab(page, "History");
  await refused;
  await expectRestartedNotice(page);
  await page.unroute("**/events");
  await host.reload();
  await goToTab(page, "History");
  await expect(page.getByRole("region", { name: "History" })).toContainText("No rotations yet");
});

test("reloading a tab after a restart shows the restarted page; the old address is refused; the new one opens the app", async ({ page, host }) => {
  await host.open();
  const oldAddress = host.preview.newAddress();
  await host.restart();
  await page.reload();
  await expectRestartedNotice(page);
  // An address the earlier run printed means nothing to this one.
  await page.goto(oldAddress);
  await expectRestartedNotice(page);
  expect(new URL(page.url()).searchParams.get("token")).not.toBeNull();
  await host.reload();
  expect(new URL(page.url()).search, "the token left the address bar").toBe("");
  await expect(page.getByRole("heading", { name: "Add your first Jamf Pro instance" })).toBeVisible();
});
