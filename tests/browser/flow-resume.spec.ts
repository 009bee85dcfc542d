// Flow: the host stops in the middle of a rotation (as the app would on quit or crash) and starts
// again on the same data folder, secret store and sandbox world. The page reloads, shows the
// Resume banner, and the rotation picks up where it stopped and completes with no orphan key.
import { addSandboxTarget, card, CONFIRMED_STEPS, confirmPanel, confirmStep, masked, outcome, startRotation, STEP_TIMEOUT, wizard } from "./flow-support/flow-actions";
import { expect, test } from "./flow-support/flow-fixture";
import { activeKeyIds, cdpCreateOrDeleteCalls, cdpPatchCount, cdpUserKeys, invariantProblems, jamfKeyId } from "./flow-support/sandbox-checks";

test.describe.configure({ timeout: 120_000 });

test("resume after a restart of the host: stopped at a confirmation, the Resume banner picks the rotation up", async ({ page, host }) => {
  const { world } = host;
  const oldKeyId = world.cdpKey.accessKeyId;
  await host.open();
  await addSandboxTarget(page);
  await startRotation(page, "Sandbox", "now");
  await confirmStep(page, CONFIRMED_STEPS.createKey);
  // The new key exists and its secret is only in the secret store: the riskiest moment to stop.
  await expect(confirmPanel(page, CONFIRMED_STEPS.updateJamf)).toBeVisible({ timeout: STEP_TIMEOUT });
  const created = cdpUserKeys(world).filter((key) => key.accessKeyId !== oldKeyId);
  expect(created).toHaveLength(1);
  const newKeyId = created[0]!.accessKeyId;
  expect(jamfKeyId(world)).toBe(oldKeyId);
  expect(pendingKeyAccounts(host.secretStore.accounts())).toHaveLength(1);

  await host.restart();
  await host.reload();

  const banners = page.getByRole("region", { name: "Unfinished rotations" });
  await expect(banners).toContainText("The rotation of Sandbox was interrupted. It can pick up where it stopped.", { timeout: 20_000 });
  await expect(card(page, "Sandbox")).toContainText("Rotating");
  // Nothing moved while the host was down.
  expect(jamfKeyId(world)).toBe(oldKeyId);
  expect(activeKeyIds(world)).toEqual([newKeyId, oldKeyId].sort());

  await banners.getByRole("button", { name: "Resume the rotation of Sandbox" }).click();
  await expect(wizard(page, "Sandbox")).toContainText(`${masked(oldKeyId)}`);
  await confirmStep(page, CONFIRMED_STEPS.updateJamf, masked(newKeyId));
  await confirmStep(page, CONFIRMED_STEPS.deactivateOld, masked(oldKeyId));
  await confirmStep(page, CONFIRMED_STEPS.deleteOld);
  const done = outcome(page, "Rotation complete");
  await expect(done).toBeVisible({ timeout: STEP_TIMEOUT });
  await expect(done).toContainText(masked(newKeyId));

  // The key created before the restart is the one Jamf Pro holds; nothing else is left behind.
  expect(jamfKeyId(world)).toBe(newKeyId);
  expect(cdpUserKeys(world).map((key) => key.accessKeyId)).toEqual([newKeyId]);
  expect(invariantProblems(world)).toEqual([]);
  expect(cdpPatchCount(world)).toBe(1);
  expect(cdpCreateOrDeleteCalls(world)).toEqual([]);
  // The new key's secret left the secret store once Jamf Pro held it (only the target's own remain).
  expect(pendingKeyAccounts(host.secretStore.accounts())).toEqual([]);

  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("region", { name: "Unfinished rotations" })).toHaveCount(0);
  await expect(card(page, "Sandbox")).toContainText("OK");
});

function pendingKeyAccounts(accounts: string[]): string[] {
  return accounts.filter((account) => account.startsWith("pending-key:"));
}
