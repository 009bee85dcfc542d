// Keyboard, labels, Escape, dark mode, and the screen shown when window.cdp never appears.
import type { Page } from "@playwright/test";
import { expect, test } from "./support/renderer-fixture";
import { statusFor } from "./support/fake-scenario";

const STATUSES = [statusFor("due-soon", { targetId: "a", name: "Acme" }), statusFor("drift", { targetId: "b", name: "Globex" })];

/** Presses Tab `count` times and returns the accessible name of each focused element. */
async function tabThrough(page: Page, count: number): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < count; i += 1) {
    await page.keyboard.press("Tab");
    const name = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return "";
      return el.getAttribute("aria-label") ?? el.textContent?.trim() ?? "";
    });
    seen.push(name);
  }
  return seen;
}

test("Tab alone reaches Refresh, every tab and each card's actions, in order", async ({ renderer, page }) => {
  await renderer.open({ statuses: STATUSES });
  const names = await tabThrough(page, 8);
  expect(names).toEqual([
    "Refresh all keys",
    "Overview",
    "History",
    "Settings",
    "Least privilege",
    "Rotate – Acme",
    "Least privilege",
    "Fix drift – Globex",
  ]);
  // Enter on a focused tab opens it.
  await page.getByRole("button", { name: "History" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "History" })).toBeVisible();
  // Focus stays on the tab; the next stops are Settings, then the screen's own controls.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Settings" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Export history as CSV" })).toBeFocused();
});

test("the keyboard alone can start a rotation and confirm its first step", async ({ renderer, page }) => {
  await renderer.open({ statuses: [STATUSES[0]!] });
  await page.getByRole("button", { name: "Rotate – Acme" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Start rotation" })).toBeVisible();
  // Cancel, then Start rotation, follow the radio group in tab order.
  await page.getByRole("button", { name: "Start rotation" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("confirm-panel")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Confirm" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator('[data-step-id="create-key"]')).toHaveAttribute("data-status", "done");
});

test("focus is visible on every control the keyboard reaches", async ({ renderer, page }) => {
  await renderer.open({ statuses: STATUSES });
  for (let i = 0; i < 8; i += 1) {
    await page.keyboard.press("Tab");
    const outline = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      return { width: parseFloat(style.outlineWidth), style: style.outlineStyle };
    });
    expect(outline.style).not.toBe("none");
    expect(outline.width).toBeGreaterThanOrEqual(2);
  }
});

test("Escape on the overview hides the popover; on a sub-screen it goes back", async ({ renderer, page }) => {
  await renderer.open({ statuses: STATUSES });
  await page.getByRole("article", { name: "Acme" }).getByRole("button", { name: "Least privilege" }).click();
  await expect(page.getByRole("region", { name: "Least privilege for Acme" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("article", { name: "Acme" })).toBeVisible();
  expect(await renderer.calls("cdp:app:hide")).toHaveLength(0);
  await page.keyboard.press("Escape");
  await expect.poll(async () => (await renderer.calls("cdp:app:hide")).length).toBe(1);
});

test("every button, input and select has an accessible name", async ({ renderer, page }) => {
  await renderer.open({ statuses: STATUSES });
  const unnamed = async () =>
    page.evaluate(() =>
      [...document.querySelectorAll("button, input, select, textarea")]
        .filter((el) => {
          const labelled = el.getAttribute("aria-label") || el.getAttribute("aria-labelledby") || (el as HTMLInputElement).labels?.length;
          const text = el.tagName === "BUTTON" ? el.textContent?.trim() : "";
          return !labelled && !text;
        })
        .map((el) => el.outerHTML.slice(0, 120)),
    );
  expect(await unnamed()).toEqual([]);
  await page.getByRole("button", { name: "Settings" }).click();
  await expect(page.getByRole("switch", { name: /Reminders/ })).toBeVisible();
  expect(await unnamed()).toEqual([]);
  await page.getByRole("button", { name: "Add" }).click();
  await expect(page.getByRole("textbox", { name: "Jamf Pro URL" })).toBeVisible();
  expect(await unnamed()).toEqual([]);
});

test("dark mode follows the system", async ({ renderer, page }) => {
  await renderer.open({ statuses: STATUSES }, { colorScheme: "dark" });
  const colours = await page.evaluate(() => {
    const luminance = (css: string) => {
      const [r, g, b] = (css.match(/[\d.]+/g) ?? []).map(Number);
      return (0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0)) / 255;
    };
    const card = document.querySelector(".card") as HTMLElement;
    return {
      body: luminance(getComputedStyle(document.body).backgroundColor),
      card: luminance(getComputedStyle(card).backgroundColor),
      text: luminance(getComputedStyle(card).color),
    };
  });
  expect(colours.body).toBeLessThan(0.2);
  expect(colours.card).toBeLessThan(0.25);
  expect(colours.text).toBeGreaterThan(0.8);

  await page.emulateMedia({ colorScheme: "light" });
  const lightBody = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(lightBody).not.toBe("rgb(28, 28, 30)");
});

test("without window.cdp the renderer explains it cannot reach the app", async ({ renderer, page }) => {
  await renderer.open({}, { noBridge: true });
  await page.clock.fastForward(6000);
  await expect(page.getByRole("heading", { name: "CDP Key Rotator can’t reach the app" })).toBeVisible();
  await expect(page.getByRole("alert")).toContainText("Open CDP Key Rotator from its menu-bar icon.");
});

test("a bridge that arrives after the renderer started is picked up", async ({ renderer, page }) => {
  await renderer.open({}, { noBridge: true });
  await page.evaluate(() => {
    window.cdp = window.__fakeBridgeLate;
  });
  // The late bridge is the same fake, installed under another name by the init script.
  await expect(page.getByRole("article", { name: "Acme Production" })).toBeVisible();
});
