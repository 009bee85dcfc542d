// What an admin does in the UI, in words the UI uses: role and label locators only.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, type Locator, type Page } from "@playwright/test";
import type { SandboxWorld } from "../../../src/sandbox/sandbox-types";
import { maskKeyId } from "../../../src/shared/mask";

/** Rotation steps long enough to wait for: key propagation checks and Jamf Pro read-backs. */
export const STEP_TIMEOUT = 45_000;

/** The step titles the engine shows, in order, for the steps that change something. */
export const CONFIRMED_STEPS = {
  createKey: "Create a new access key",
  updateJamf: "Give the new key to Jamf Pro",
  deactivateOld: "Deactivate the old key",
  deleteOld: "Delete the old key",
} as const;

export function card(page: Page, name: string): Locator {
  return page.getByRole("list", { name: "Jamf Pro instances" }).getByRole("article", { name });
}

export async function goToTab(page: Page, tab: "Overview" | "History" | "Settings"): Promise<void> {
  await page.getByRole("navigation", { name: "Views" }).getByRole("button", { name: tab, exact: true }).click();
}

/** First launch: the empty state's "Try with the sandbox" adds a target on the preview's world. */
export async function addSandboxTarget(page: Page): Promise<Locator> {
  await expect(page.getByRole("heading", { name: "Add your first Jamf Pro instance" })).toBeVisible();
  await page.getByRole("button", { name: "Try with the sandbox" }).click();
  const added = card(page, "Sandbox");
  await expect(added).toBeVisible({ timeout: 20_000 });
  return added;
}

/** An AWS profile, as an admin's ~/.aws files would hold it, naming the sandbox's admin keys. */
export async function writeAdminProfile(world: SandboxWorld, awsConfigDir: string, profile: string): Promise<void> {
  await writeFile(join(awsConfigDir, "config"), `[profile ${profile}]\nregion = us-east-1\n`, { mode: 0o600 });
  await writeFile(
    join(awsConfigDir, "credentials"),
    `[${profile}]\naws_access_key_id = ${world.admin.accessKeyId}\naws_secret_access_key = ${world.admin.secretAccessKey}\n`,
    { mode: 0o600 },
  );
}

export function wizard(page: Page, name: string): Locator {
  return page.getByRole("region", { name: `Rotate key · ${name}` });
}

/** From the card's primary action to a running rotation, with the plan checked on the way. */
export async function startRotation(page: Page, name: string, deleteOld: "later" | "now"): Promise<Locator> {
  await card(page, name).getByRole("button", { name: `Rotate – ${name}` }).click();
  const region = wizard(page, name);
  const plan = region.getByRole("list", { name: "What will happen" });
  await expect(plan).toBeVisible();
  await expect(plan.getByRole("listitem")).toHaveCount(10);
  await expect(plan).toContainText("Create a second access key for IAM user jamf-cdp");
  await region.getByRole("radio", { name: deleteOld === "now" ? "Right away" : /grace period/ }).check();
  await expect(plan).toContainText(deleteOld === "now" ? "Delete the old key right away" : /Delete the old key after \d+ days/);
  await region.getByRole("button", { name: "Start rotation" }).click();
  await expect(region.getByRole("list", { name: "Rotation steps" })).toBeVisible({ timeout: STEP_TIMEOUT });
  return region;
}

/** A whole rotation, deleting the old key right away, every step confirmed; ends on "Rotation complete". */
export async function rotateDeletingNow(page: Page, name: string): Promise<Locator> {
  const region = await startRotation(page, name, "now");
  for (const title of [CONFIRMED_STEPS.createKey, CONFIRMED_STEPS.updateJamf, CONFIRMED_STEPS.deactivateOld, CONFIRMED_STEPS.deleteOld]) {
    await confirmStep(page, title);
  }
  await expect(outcome(page, "Rotation complete")).toBeVisible({ timeout: STEP_TIMEOUT });
  return region;
}

export function confirmPanel(page: Page, stepTitle: string): Locator {
  return page.getByRole("group", { name: new RegExp(`^Confirm step \\d+: ${escapeRegExp(stepTitle)}$`) });
}

/** Waits until the rotation asks about `stepTitle`, checks what it says it will do, and confirms. */
export async function confirmStep(page: Page, stepTitle: string, says?: string | RegExp): Promise<void> {
  const panel = confirmPanel(page, stepTitle);
  await expect(panel).toBeVisible({ timeout: STEP_TIMEOUT });
  await expect(panel).toContainText("makes a change");
  if (says) await expect(panel).toContainText(says);
  // An irreversible step's button says what it does ("Delete key"); the others say Confirm.
  await panel.getByRole("button", { name: /^(Confirm|Delete key)$/ }).click();
  await expect(panel).toBeHidden({ timeout: STEP_TIMEOUT });
}

/** Waits until the rotation asks about `stepTitle` and answers Cancel. */
export async function cancelStep(page: Page, stepTitle: string): Promise<void> {
  const panel = confirmPanel(page, stepTitle);
  await expect(panel).toBeVisible({ timeout: STEP_TIMEOUT });
  await panel.getByRole("button", { name: "Cancel" }).click();
  await expect(panel).toBeHidden({ timeout: STEP_TIMEOUT });
}

/** The warning the rotation shows (before the answer) when a check found something. */
export function warningPanel(page: Page, stepTitle: string): Locator {
  return page.getByRole("group", { name: new RegExp(`^Warning at step \\d+: ${escapeRegExp(stepTitle)}$`) });
}

/** The step's list item, found by its title. */
export function stepItem(page: Page, stepTitle: string): Locator {
  return page.getByRole("list", { name: "Rotation steps" }).getByRole("listitem").filter({ hasText: stepTitle });
}

export function outcome(page: Page, title: string | RegExp): Locator {
  return page.getByRole("status").filter({ hasText: title });
}

export function masked(keyId: string): string {
  return maskKeyId(keyId);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
