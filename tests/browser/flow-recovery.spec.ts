// Flow: no dead ends. At every point where the admin can say no to a step that changes something
// (and at the warning that the old key is still in use), the rotation either ends cleanly and says
// so, or pauses with its ways on (continue / resume, abort) in the wizard, on the overview card and
// after a reload, and each way on does what it says to the sandbox.
import type { Page } from "@playwright/test";
import type { SandboxWorld } from "../../src/sandbox/sandbox-types";
import { addSandboxTarget, cancelStep, card, CONFIRMED_STEPS, confirmPanel, confirmStep, masked, outcome, startRotation, STEP_TIMEOUT, warningPanel, wizard } from "./flow-support/flow-actions";
import { expect, test } from "./flow-support/flow-fixture";
import { activeKeyIds, cdpUserKeys, invariantProblems, jamfKeyId } from "./flow-support/sandbox-checks";

test.describe.configure({ timeout: 150_000 });

const CHECK_OLD_KEY = "Check nothing else uses the old key";
const HOUR = 60 * 60 * 1000;

/** Something else (AutoPkg's JamfUploader, say) uses the old key after Jamf Pro took the new one. */
function useOldKeyLater(world: SandboxWorld): void {
  world.aws.control.recordUse(world.cdpKey.accessKeyId, "s3", "eu-west-1", new Date(Date.now() + HOUR));
}

/** Starts a rotation (delete right away) and confirms up to Jamf Pro's update, with the old key used after it. */
async function rotateUntilWarning(page: Page, world: SandboxWorld): Promise<string> {
  await startRotation(page, "Sandbox", "now");
  await confirmStep(page, CONFIRMED_STEPS.createKey);
  await expect(confirmPanel(page, CONFIRMED_STEPS.updateJamf)).toBeVisible({ timeout: STEP_TIMEOUT });
  useOldKeyLater(world);
  await confirmStep(page, CONFIRMED_STEPS.updateJamf);
  return jamfKeyIdEventually(world);
}

/** Starts a rotation (delete right away) and confirms up to Jamf Pro's update. */
async function rotateUntilDeactivation(page: Page): Promise<void> {
  await startRotation(page, "Sandbox", "now");
  await confirmStep(page, CONFIRMED_STEPS.createKey);
  await confirmStep(page, CONFIRMED_STEPS.updateJamf);
}

async function jamfKeyIdEventually(world: SandboxWorld): Promise<string> {
  const oldKeyId = world.cdpKey.accessKeyId;
  await expect.poll(() => jamfKeyId(world), { timeout: STEP_TIMEOUT }).not.toBe(oldKeyId);
  return jamfKeyId(world);
}

test("the old-key warning is on screen before the answer; stopping keeps both keys, then Continue (from the card, after a reload) completes", async ({ page, host }) => {
  const { world } = host;
  const oldKeyId = world.cdpKey.accessKeyId;
  await host.open();
  await addSandboxTarget(page);
  const newKeyId = await rotateUntilWarning(page, world);

  // The warning itself, before any answer: the use, what deactivating breaks, two labelled choices.
  const warning = warningPanel(page, CHECK_OLD_KEY);
  await expect(warning).toBeVisible({ timeout: STEP_TIMEOUT });
  await expect(warning).toContainText("The old key is still in use");
  await expect(warning).toContainText(`The old key ${masked(oldKeyId)} was used after Jamf Pro switched to the new key`);
  await expect(warning).toContainText(/Last used: \w{3} \d{1,2}, \d{4} at \d\d:\d\d UTC by s3 in eu-west-1\./);
  await expect(warning).toContainText(`Deactivating ${masked(oldKeyId)} now breaks whatever still uses it`);
  await expect(warning.getByRole("button")).toHaveText(["Stop and keep both keys", "Continue anyway"]);
  await expect(wizard(page, "Sandbox")).not.toContainText("you chose to continue");
  await expect(warning).toBeFocused();

  await warning.getByRole("button", { name: "Stop and keep both keys" }).click();
  const paused = outcome(page, "Paused by you at step 7: Check nothing else uses the old key");
  await expect(paused).toBeVisible({ timeout: STEP_TIMEOUT });
  await expect(paused.getByRole("group", { name: "What to do now" }).getByRole("button")).toHaveText(["Continue", "Stop rotation"]);
  await expect(wizard(page, "Sandbox").getByRole("button", { name: "Back to overview", exact: true })).toBeVisible();
  expect(activeKeyIds(world)).toEqual([newKeyId, oldKeyId].sort());
  expect(jamfKeyId(world)).toBe(newKeyId);

  // After a reload the card shows the open rotation at once, both keys, and its ways on.
  await host.reload();
  const sandbox = card(page, "Sandbox");
  await expect(sandbox).toContainText("Rotating");
  await expect(sandbox).toContainText("Paused by you at step 7");
  await expect(sandbox.getByTestId("held-key")).toContainText(masked(newKeyId));
  await expect(sandbox.getByTestId("other-key")).toContainText(new RegExp(`Old key\\s*${masked(oldKeyId)}\\s*Active`));
  await expect(sandbox.getByRole("button", { name: /^Rotate/ })).toHaveCount(0);
  await sandbox.getByRole("button", { name: "Continue – Sandbox" }).click();

  // Continue checks again: the use is still there, so the warning is asked again, in full.
  const again = warningPanel(page, CHECK_OLD_KEY);
  await expect(again).toBeVisible({ timeout: STEP_TIMEOUT });
  await again.getByRole("button", { name: "Continue anyway" }).click();
  await confirmStep(page, CONFIRMED_STEPS.deactivateOld, masked(oldKeyId));
  await confirmStep(page, CONFIRMED_STEPS.deleteOld);
  await expect(outcome(page, "Rotation complete")).toBeVisible({ timeout: STEP_TIMEOUT });
  expect(cdpUserKeys(world).map((key) => key.accessKeyId)).toEqual([newKeyId]);
  expect(invariantProblems(world)).toEqual([]);
});

test("stopping at the old-key warning, then Stop rotation: both keys kept, Jamf Pro on the new key, the record closed", async ({ page, host }) => {
  const { world } = host;
  const oldKeyId = world.cdpKey.accessKeyId;
  await host.open();
  await addSandboxTarget(page);
  const newKeyId = await rotateUntilWarning(page, world);
  await warningPanel(page, CHECK_OLD_KEY).getByRole("button", { name: "Stop and keep both keys" }).click();
  const paused = outcome(page, /Paused by you at step 7/);
  await expect(paused).toBeVisible({ timeout: STEP_TIMEOUT });
  await paused.getByRole("button", { name: "Stop rotation" }).click();
  const stopped = outcome(page, "Rotation stopped");
  await expect(stopped).toBeVisible({ timeout: STEP_TIMEOUT });
  await expect(stopped).toContainText(`Jamf Pro keeps the new key ${masked(newKeyId)}`);
  await expect(stopped).toContainText(`The old key ${masked(oldKeyId)} is still active`);
  expect(activeKeyIds(world)).toEqual([newKeyId, oldKeyId].sort());
  expect(jamfKeyId(world)).toBe(newKeyId);
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("region", { name: "Unfinished rotations" })).toHaveCount(0);
});

test("Cancel at Deactivate the old key pauses at step 8; Resume (after a reload) carries on, and a second pause is aborted", async ({ page, host }) => {
  const { world } = host;
  const oldKeyId = world.cdpKey.accessKeyId;
  await host.open();
  await addSandboxTarget(page);
  await rotateUntilDeactivation(page);
  await cancelStep(page, CONFIRMED_STEPS.deactivateOld);
  const newKeyId = jamfKeyId(world);
  const paused = outcome(page, "Paused by you at step 8: Deactivate the old key");
  await expect(paused).toBeVisible({ timeout: STEP_TIMEOUT });
  await expect(paused.getByRole("group", { name: "What to do now" }).getByRole("button")).toHaveText(["Resume", "Stop rotation"]);
  expect(activeKeyIds(world)).toEqual([newKeyId, oldKeyId].sort());

  await host.reload();
  const sandbox = card(page, "Sandbox");
  await expect(sandbox).toContainText("Paused by you at step 8");
  await expect(sandbox.getByTestId("other-key")).toContainText(masked(oldKeyId));
  await sandbox.getByRole("button", { name: "Resume – Sandbox" }).click();

  // Resume asks about the deactivation again; this time Cancel again, then abort.
  await cancelStep(page, CONFIRMED_STEPS.deactivateOld);
  const pausedAgain = outcome(page, /Paused by you at step 8/);
  await expect(pausedAgain).toBeVisible({ timeout: STEP_TIMEOUT });
  await pausedAgain.getByRole("button", { name: "Stop rotation" }).click();
  await expect(outcome(page, "Rotation stopped")).toBeVisible({ timeout: STEP_TIMEOUT });
  expect(activeKeyIds(world)).toEqual([newKeyId, oldKeyId].sort());
  expect(jamfKeyId(world)).toBe(newKeyId);
});

test("Cancel at Deactivate the old key, then Resume from the wizard completes the rotation", async ({ page, host }) => {
  const { world } = host;
  await host.open();
  await addSandboxTarget(page);
  await rotateUntilDeactivation(page);
  await cancelStep(page, CONFIRMED_STEPS.deactivateOld);
  const paused = outcome(page, /Paused by you at step 8/);
  await expect(paused).toBeVisible({ timeout: STEP_TIMEOUT });
  await paused.getByRole("button", { name: "Resume" }).click();
  await confirmStep(page, CONFIRMED_STEPS.deactivateOld);
  await confirmStep(page, CONFIRMED_STEPS.deleteOld);
  await expect(outcome(page, "Rotation complete")).toBeVisible({ timeout: STEP_TIMEOUT });
  expect(invariantProblems(world)).toEqual([]);
});

test("Cancel before the new key is created or given to Jamf Pro ends the rotation with nothing changed, and Rotate is offered again", async ({ page, host }) => {
  const { world } = host;
  const oldKeyId = world.cdpKey.accessKeyId;
  await host.open();
  await addSandboxTarget(page);

  await startRotation(page, "Sandbox", "now");
  await cancelStep(page, CONFIRMED_STEPS.createKey);
  const cancelled = outcome(page, "Rotation cancelled");
  await expect(cancelled).toBeVisible({ timeout: STEP_TIMEOUT });
  await expect(cancelled).toContainText(`Jamf Pro still uses ${masked(oldKeyId)}`);
  await page.getByRole("button", { name: "Done" }).click();
  expect(cdpUserKeys(world).map((key) => key.accessKeyId)).toEqual([oldKeyId]);

  await startRotation(page, "Sandbox", "now");
  await confirmStep(page, CONFIRMED_STEPS.createKey);
  await cancelStep(page, CONFIRMED_STEPS.updateJamf);
  const cancelledAgain = outcome(page, "Rotation cancelled");
  await expect(cancelledAgain).toBeVisible({ timeout: STEP_TIMEOUT });
  await expect(cancelledAgain).toContainText("was deleted");
  await page.getByRole("button", { name: "Done" }).click();
  await expect(card(page, "Sandbox").getByRole("button", { name: "Rotate – Sandbox" })).toBeVisible();
  expect(cdpUserKeys(world).map((key) => key.accessKeyId)).toEqual([oldKeyId]);
  expect(jamfKeyId(world)).toBe(oldKeyId);
});

test("Cancel at Delete the old key keeps it inactive for the grace period, and Finish deletes it", async ({ page, host }) => {
  const { world } = host;
  const oldKeyId = world.cdpKey.accessKeyId;
  await host.open();
  await addSandboxTarget(page);
  await rotateUntilDeactivation(page);
  await confirmStep(page, CONFIRMED_STEPS.deactivateOld);
  await cancelStep(page, CONFIRMED_STEPS.deleteOld);
  const waiting = outcome(page, "New key in use · old key pending deletion");
  await expect(waiting).toBeVisible({ timeout: STEP_TIMEOUT });
  expect(cdpUserKeys(world).find((key) => key.accessKeyId === oldKeyId)?.status).toBe("Inactive");
  await waiting.getByRole("button", { name: "Delete old key now" }).click();
  await confirmStep(page, CONFIRMED_STEPS.deleteOld, masked(oldKeyId));
  await expect(outcome(page, "Rotation complete")).toBeVisible({ timeout: STEP_TIMEOUT });
  expect(invariantProblems(world)).toEqual([]);
});

test("a reload while the rotation waits for an answer shows the open rotation at once, never Rotate…", async ({ page, host }) => {
  await host.open();
  await addSandboxTarget(page);
  await startRotation(page, "Sandbox", "now");
  await expect(confirmPanel(page, CONFIRMED_STEPS.createKey)).toBeVisible({ timeout: STEP_TIMEOUT });
  await page.reload();
  const sandbox = card(page, "Sandbox");
  // The first paint of the card is already the open rotation (no "OK · Rotate…" first).
  await expect(sandbox).toBeVisible();
  await expect(sandbox).toContainText("Rotating");
  await expect(sandbox).toContainText("waiting for your answer");
  await expect(sandbox.getByRole("button", { name: /^Rotate/ })).toHaveCount(0);
  await sandbox.getByRole("button", { name: "Open rotation – Sandbox" }).click();
  await confirmStep(page, CONFIRMED_STEPS.createKey);
});
