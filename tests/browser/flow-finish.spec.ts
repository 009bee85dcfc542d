// Flow: rotate keeping the old key for a grace period, see "old key pending deletion", and finish
// the rotation. The grace period is measured by the app's own clock, which a test cannot move
// across processes, so the target's policy sets a grace of 0 days (the period has passed as soon
// as the old key is deactivated); a second test checks a running grace period is respected.
import type { Page } from "@playwright/test";
import { addSandboxTarget, card, CONFIRMED_STEPS, confirmPanel, confirmStep, goToTab, masked, outcome, startRotation, STEP_TIMEOUT } from "./flow-support/flow-actions";
import { expect, test } from "./flow-support/flow-fixture";
import { activeKeyIds, cdpCreateOrDeleteCalls, cdpUserKeys, invariantProblems, jamfKeyId } from "./flow-support/sandbox-checks";

test.describe.configure({ timeout: 120_000 });

/** Rotates, deleting the old key later: three confirmations, ends waiting for the deletion. */
async function rotateDeletingLater(page: Page, oldKeyId: string): Promise<void> {
  const region = await startRotation(page, "Sandbox", "later");
  await confirmStep(page, CONFIRMED_STEPS.createKey);
  await confirmStep(page, CONFIRMED_STEPS.updateJamf);
  await confirmStep(page, CONFIRMED_STEPS.deactivateOld, masked(oldKeyId));
  const waiting = outcome(page, "New key in use · old key pending deletion");
  await expect(waiting).toBeVisible({ timeout: STEP_TIMEOUT });
  await expect(waiting).toContainText(masked(oldKeyId));
  await region.getByRole("button", { name: "Done" }).click();
}

test("finish after grace: delete-later leaves the old key pending deletion; Finish rotation deletes it", async ({ page, host }) => {
  const { world } = host;
  const oldKeyId = world.cdpKey.accessKeyId;
  await host.open();
  await addSandboxTarget(page);

  // A grace period of 0 days for this instance, set where an admin sets it.
  await goToTab(page, "Settings");
  await page.getByRole("button", { name: "Edit Sandbox" }).click();
  const form = page.getByRole("region", { name: "Edit Jamf Pro instance" });
  await form.getByLabel("Grace (days)").fill("0");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("button", { name: "Edit Sandbox" })).toBeVisible();
  await goToTab(page, "Overview");

  await rotateDeletingLater(page, oldKeyId);

  const sandbox = card(page, "Sandbox");
  await expect(sandbox).toContainText("Old key pending deletion");
  await expect(sandbox).toContainText(masked(oldKeyId));
  await expect(sandbox).toContainText(/inactive, delete after/);
  const newKeyId = jamfKeyId(world);
  expect(activeKeyIds(world)).toEqual([newKeyId]);
  expect(cdpUserKeys(world).find((key) => key.accessKeyId === oldKeyId)?.status).toBe("Inactive");

  await sandbox.getByRole("button", { name: "Finish rotation – Sandbox" }).click();
  const finish = page.getByRole("region", { name: "Finish rotation · Sandbox" });
  await expect(finish).toContainText(`Delete the old key ${masked(oldKeyId)}`);
  await expect(finish).not.toContainText("The grace period runs until");
  await finish.getByRole("button", { name: "Delete old key", exact: true }).click();

  await confirmStep(page, CONFIRMED_STEPS.deleteOld, "This cannot be undone");
  await expect(outcome(page, "Rotation complete")).toBeVisible({ timeout: STEP_TIMEOUT });

  expect(cdpUserKeys(world).map((key) => key.accessKeyId)).toEqual([newKeyId]);
  expect(jamfKeyId(world)).toBe(newKeyId);
  expect(invariantProblems(world)).toEqual([]);
  expect(cdpCreateOrDeleteCalls(world)).toEqual([]);

  await page.getByRole("button", { name: "Done" }).click();
  await expect(card(page, "Sandbox")).toContainText("OK");
  await expect(card(page, "Sandbox")).not.toContainText("Old key pending deletion");
});

test("finish during the grace period warns first, and Cancel keeps the old key", async ({ page, host }) => {
  const { world } = host;
  const oldKeyId = world.cdpKey.accessKeyId;
  await host.open();
  await addSandboxTarget(page);
  await rotateDeletingLater(page, oldKeyId);

  const sandbox = card(page, "Sandbox");
  await expect(sandbox).toContainText("Old key pending deletion");
  await sandbox.getByRole("button", { name: "Finish rotation – Sandbox" }).click();
  const finish = page.getByRole("region", { name: "Finish rotation · Sandbox" });
  await expect(finish.getByRole("note")).toContainText("The grace period runs until");
  await expect(finish.getByRole("button", { name: "Delete old key now" })).toBeVisible();
  await finish.getByRole("button", { name: "Cancel" }).click();
  await expect(card(page, "Sandbox")).toContainText("Old key pending deletion");
  expect(cdpUserKeys(world).find((key) => key.accessKeyId === oldKeyId)?.status).toBe("Inactive");

  // Deleting now, confirmed, is still allowed: the old key goes.
  await card(page, "Sandbox").getByRole("button", { name: "Finish rotation – Sandbox" }).click();
  await page.getByRole("button", { name: "Delete old key now" }).click();
  await expect(confirmPanel(page, CONFIRMED_STEPS.deleteOld)).toBeVisible({ timeout: STEP_TIMEOUT });
  await confirmStep(page, CONFIRMED_STEPS.deleteOld);
  await expect(outcome(page, "Rotation complete")).toBeVisible({ timeout: STEP_TIMEOUT });
  expect(cdpUserKeys(world).map((key) => key.accessKeyId)).toEqual([jamfKeyId(world)]);
  expect(invariantProblems(world)).toEqual([]);
});
