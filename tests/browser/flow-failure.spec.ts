// Flow: a failure and its recovery. The sandbox breaks something at a chosen step (through its
// control API, as the real services would fail); the wizard must say what happened, the state
// things are in now, and offer the ways out; the recovery used must leave the sandbox safe.
import type { Locator, Page } from "@playwright/test";
import type { SandboxWorld } from "../../src/sandbox/sandbox-types";
import { addSandboxTarget, card, CONFIRMED_STEPS, confirmPanel, confirmStep, masked, outcome, startRotation, stepItem, STEP_TIMEOUT } from "./flow-support/flow-actions";
import { expect, test } from "./flow-support/flow-fixture";
import { activeKeyIds, CDP_PATH, cdpCreateOrDeleteCalls, cdpUserKeys, invariantProblems, jamfKeyId } from "./flow-support/sandbox-checks";

test.describe.configure({ timeout: 120_000 });

test("Jamf Pro's connection test fails once the old key is deactivated: old key reactivated, explained, Resume completes", async ({ page, host }) => {
  const { world } = host;
  const oldKeyId = world.cdpKey.accessKeyId;
  await host.open();
  await addSandboxTarget(page);
  const region = await startRotation(page, "Sandbox", "now");
  await confirmStep(page, CONFIRMED_STEPS.createKey);
  await confirmStep(page, CONFIRMED_STEPS.updateJamf);
  await expect(confirmPanel(page, CONFIRMED_STEPS.deactivateOld)).toBeVisible({ timeout: STEP_TIMEOUT });
  const newKeyId = jamfKeyId(world);

  // The bucket stops answering the CDP's IAM user: Jamf Pro's connection test will fail.
  world.aws.control.deny(world.cdpUser, "s3:ListBucket");
  await confirmStep(page, CONFIRMED_STEPS.deactivateOld);

  const failure = region.getByRole("alert").filter({ hasText: "Stopped at step 8: Deactivate the old key" });
  await expect(failure).toBeVisible({ timeout: STEP_TIMEOUT });
  await expect(failure.getByRole("heading", { name: "What happened" })).toBeVisible();
  await expect(failure).toContainText(`connection test failed once the old key was deactivated`);
  await expect(failure).toContainText(`${masked(oldKeyId)} was reactivated at once`);
  await expect(failure.getByRole("heading", { name: "Where things stand now" })).toBeVisible();
  await expect(failure.getByTestId("state-message")).not.toBeEmpty();
  const choices = failure.getByRole("group", { name: "What to do now" });
  await expect(choices.getByRole("button")).toHaveText(["Resume", "Stop rotation"]);

  // What the words say is what the sandbox holds: both keys active, Jamf Pro on the new one.
  expect(activeKeyIds(world)).toEqual([newKeyId, oldKeyId].sort());
  expect(jamfKeyId(world)).toBe(newKeyId);

  // The admin fixes the bucket access and resumes; the deactivation is asked for again.
  world.aws.control.clearDenies();
  await choices.getByRole("button", { name: "Resume" }).click();
  await confirmStep(page, CONFIRMED_STEPS.deactivateOld, masked(oldKeyId));
  await confirmStep(page, CONFIRMED_STEPS.deleteOld);
  await expect(outcome(page, "Rotation complete")).toBeVisible({ timeout: STEP_TIMEOUT });

  expect(activeKeyIds(world)).toEqual([newKeyId]);
  expect(cdpUserKeys(world).map((key) => key.accessKeyId)).toEqual([newKeyId]);
  expect(jamfKeyId(world)).toBe(newKeyId);
  expect(invariantProblems(world)).toEqual([]);
  expect(cdpCreateOrDeleteCalls(world)).toEqual([]);
});

/** Confirms up to Jamf Pro's update, which the sandbox refuses once (400, as Jamf Pro's validation does). */
async function rotateUntilJamfRefuses(page: Page, world: SandboxWorld): Promise<{ region: Locator; refusedKeyId: string }> {
  const oldKeyId = world.cdpKey.accessKeyId;
  const region = await startRotation(page, "Sandbox", "now");
  await confirmStep(page, CONFIRMED_STEPS.createKey);
  await expect(confirmPanel(page, CONFIRMED_STEPS.updateJamf)).toBeVisible({ timeout: STEP_TIMEOUT });
  const refusedKeyId = cdpUserKeys(world).find((key) => key.accessKeyId !== oldKeyId)?.accessKeyId ?? "";
  expect(refusedKeyId).not.toBe("");
  world.jamf.control.failNext("PATCH", CDP_PATH, 400, {
    httpStatus: 400,
    errors: [{ code: "INVALID_FIELD", description: "Bucket is not reachable", id: "0", field: "username" }],
  });
  await confirmStep(page, CONFIRMED_STEPS.updateJamf);
  return { region, refusedKeyId };
}

test("Jamf Pro refuses the new key: the new key is deleted, nothing changed, and the wizard says so", async ({ page, host }) => {
  const { world } = host;
  const oldKeyId = world.cdpKey.accessKeyId;
  await host.open();
  await addSandboxTarget(page);
  const { region, refusedKeyId } = await rotateUntilJamfRefuses(page, world);

  const failure = region.getByRole("alert").filter({ hasText: "The rotation stopped" });
  await expect(failure).toBeVisible({ timeout: STEP_TIMEOUT });
  await expect(failure.getByRole("heading", { name: "What happened" })).toBeVisible();
  await expect(failure).toContainText("Bucket is not reachable");
  await expect(failure.getByRole("heading", { name: "Where things stand now" })).toBeVisible();
  const state = failure.getByTestId("state-message");
  await expect(state).toContainText(`The new key ${masked(refusedKeyId)} was deleted`);
  await expect(state).toContainText(`Jamf Pro still uses ${masked(oldKeyId)}`);
  await expect(state).toContainText("Nothing changed in Jamf Pro");
  await expect(failure.getByRole("group", { name: "What to do now" }).getByRole("button")).toHaveText(["Try again"]);
  await expect(stepItem(page, CONFIRMED_STEPS.updateJamf)).toContainText("Failed:");

  // Rolled back in the sandbox: the refused key is gone, Jamf Pro and the old key untouched.
  expect(cdpUserKeys(world).map((key) => key.accessKeyId)).toEqual([oldKeyId]);
  expect(jamfKeyId(world)).toBe(oldKeyId);
  expect(invariantProblems(world)).toEqual([]);
  expect(cdpCreateOrDeleteCalls(world)).toEqual([]);

  // The overview agrees: still due soon, still the old key.
  await region.getByRole("button", { name: "Done" }).click();
  await expect(card(page, "Sandbox")).toContainText("Due soon");
  await expect(card(page, "Sandbox").getByTestId("held-key")).toContainText(masked(oldKeyId));
});

// After a failure the engine closed ("Nothing changed", recovery ["retry"]) the rotation is over:
// "Try again" shows the plan again and a new rotation starts from scratch, and "Rotate…" on the
// overview does the same instead of reopening the closed rotation.

test("after a rolled-back failure, Try again starts the rotation over and completes", async ({ page, host }) => {
  const { world } = host;
  await host.open();
  await addSandboxTarget(page);
  const { region } = await rotateUntilJamfRefuses(page, world);
  const failure = region.getByRole("alert").filter({ hasText: "The rotation stopped" });
  await expect(failure).toBeVisible({ timeout: STEP_TIMEOUT });

  await failure.getByRole("button", { name: "Try again" }).click();
  const plan = region.getByRole("list", { name: "What will happen" });
  await expect(plan).toBeVisible();
  await expect(region.getByRole("alert").filter({ hasText: "That did not work" })).toHaveCount(0);
  await region.getByRole("radio", { name: "Right away" }).check();
  await region.getByRole("button", { name: "Start rotation" }).click();
  await confirmStep(page, CONFIRMED_STEPS.createKey);
  await rotateToCompletion(page, world);
});

test("after a rolled-back failure, Rotate… on the overview offers a new rotation that completes", async ({ page, host }) => {
  const { world } = host;
  await host.open();
  await addSandboxTarget(page);
  const { region } = await rotateUntilJamfRefuses(page, world);
  await expect(region.getByRole("alert").filter({ hasText: "The rotation stopped" })).toBeVisible({ timeout: STEP_TIMEOUT });
  await region.getByRole("button", { name: "Done" }).click();

  await startRotation(page, "Sandbox", "now");
  await confirmStep(page, CONFIRMED_STEPS.createKey);
  await rotateToCompletion(page, world);
});

/** From Jamf Pro's update on, with every confirmation; then the invariant. */
async function rotateToCompletion(page: Page, world: SandboxWorld): Promise<void> {
  const oldKeyId = world.cdpKey.accessKeyId;
  await confirmStep(page, CONFIRMED_STEPS.updateJamf);
  await confirmStep(page, CONFIRMED_STEPS.deactivateOld);
  await confirmStep(page, CONFIRMED_STEPS.deleteOld);
  await expect(outcome(page, "Rotation complete")).toBeVisible({ timeout: STEP_TIMEOUT });
  expect(jamfKeyId(world)).not.toBe(oldKeyId);
  expect(cdpUserKeys(world).map((key) => key.accessKeyId)).toEqual([jamfKeyId(world)]);
  expect(invariantProblems(world)).toEqual([]);
}
