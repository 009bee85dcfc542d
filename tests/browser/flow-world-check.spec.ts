// Flow: the world changes behind the app's back. Finish re-reads Jamf Pro and the IAM user's keys
// before it deletes anything: when they no longer match the rotation record it claims nothing,
// deletes nothing, says what it found and offers to close the record. And a restart of the
// preview on the same sandbox world keeps the rotation and the world consistent.
import type { Page } from "@playwright/test";
import { addSandboxTarget, card, CONFIRMED_STEPS, confirmStep, masked, outcome, startRotation, STEP_TIMEOUT } from "./flow-support/flow-actions";
import { expect, test } from "./flow-support/flow-fixture";
import { cdpUserKeys, invariantProblems, jamfKeyId } from "./flow-support/sandbox-checks";

test.describe.configure({ timeout: 120_000 });

async function rotateDeletingLater(page: Page): Promise<void> {
  const region = await startRotation(page, "Sandbox", "later");
  await confirmStep(page, CONFIRMED_STEPS.createKey);
  await confirmStep(page, CONFIRMED_STEPS.updateJamf);
  await confirmStep(page, CONFIRMED_STEPS.deactivateOld);
  await expect(outcome(page, "New key in use · old key pending deletion")).toBeVisible({ timeout: STEP_TIMEOUT });
  await region.getByRole("button", { name: "Done" }).click();
}

test("Finish after Jamf Pro was changed behind the app's back refuses to claim success and offers to close the record", async ({ page, host }) => {
  const { world } = host;
  const oldKeyId = world.cdpKey.accessKeyId;
  await host.open();
  await addSandboxTarget(page);
  await rotateDeletingLater(page);
  const newKeyId = jamfKeyId(world);

  // Someone puts the old key back into Jamf Pro by hand.
  world.jamf.control.setCdp({ username: oldKeyId, password: world.cdpKey.secretAccessKey });
  const keysBefore = cdpUserKeys(world).map((key) => `${key.accessKeyId}:${key.status}`);

  await card(page, "Sandbox").getByRole("button", { name: "Finish rotation – Sandbox" }).click();
  await page.getByRole("region", { name: "Finish rotation · Sandbox" }).getByRole("button", { name: /^Delete old key/ }).click();
  const refused = page.getByRole("alert").filter({ hasText: "no longer matches AWS and Jamf Pro" });
  await expect(refused).toBeVisible({ timeout: STEP_TIMEOUT });
  await expect(refused).toContainText(`Jamf Pro holds ${masked(oldKeyId)}, not the new key ${masked(newKeyId)} this rotation gave it.`);
  await expect(refused).toContainText("Nothing was deleted or changed.");
  await expect(page.getByText("Rotation complete")).toHaveCount(0);
  await expect(page.getByText(/Jamf Pro now uses/)).toHaveCount(0);
  expect(cdpUserKeys(world).map((key) => `${key.accessKeyId}:${key.status}`)).toEqual(keysBefore);

  // After a reload the card says the same (drift of the record), and the record can be closed.
  await host.reload();
  const sandbox = card(page, "Sandbox");
  await expect(sandbox).toContainText("no longer matches");
  await sandbox.getByRole("button", { name: "Close the record – Sandbox" }).click();
  const closed = outcome(page, "Rotation stopped");
  await expect(closed).toBeVisible({ timeout: STEP_TIMEOUT });
  await expect(closed).toContainText("Rotation record closed. Nothing was changed in AWS or Jamf Pro");
  expect(cdpUserKeys(world).map((key) => `${key.accessKeyId}:${key.status}`)).toEqual(keysBefore);
  expect(jamfKeyId(world)).toBe(oldKeyId);
});

test("a preview restart on the same sandbox world keeps the rotation consistent: Finish after the restart completes it", async ({ page, host }) => {
  const { world } = host;
  const oldKeyId = world.cdpKey.accessKeyId;
  await host.open();
  await addSandboxTarget(page);
  await rotateDeletingLater(page);
  const newKeyId = jamfKeyId(world);

  await host.restart();
  await host.reload();
  const sandbox = card(page, "Sandbox");
  await expect(sandbox).toContainText("Old key pending deletion", { timeout: 20_000 });
  await expect(sandbox.getByTestId("held-key")).toContainText(masked(newKeyId));
  await sandbox.getByRole("button", { name: "Finish rotation – Sandbox" }).click();
  await page.getByRole("region", { name: "Finish rotation · Sandbox" }).getByRole("button", { name: /^Delete old key/ }).click();
  await confirmStep(page, CONFIRMED_STEPS.deleteOld, masked(oldKeyId));
  await expect(outcome(page, "Rotation complete")).toBeVisible({ timeout: STEP_TIMEOUT });
  expect(cdpUserKeys(world).map((key) => key.accessKeyId)).toEqual([newKeyId]);
  expect(invariantProblems(world)).toEqual([]);
});
