// Flow: rotate with every confirmation, in the browser preview against the sandbox, then check in
// the sandbox that the rotation did exactly what it said and that no secret reached the page.
import { addSandboxTarget, card, CONFIRMED_STEPS, confirmStep, masked, outcome, startRotation, stepItem, STEP_TIMEOUT } from "./flow-support/flow-actions";
import { expect, test } from "./flow-support/flow-fixture";
import { activeKeyIds, cdpCreateOrDeleteCalls, cdpPatchCount, cdpUserKeys, invariantProblems, jamfKeyId, jamfSecret } from "./flow-support/sandbox-checks";

test.describe.configure({ timeout: 120_000 });

test("rotate with every confirmation: the plan up front, each step confirmed, progress, a completed rotation", async ({ page, host }) => {
  const { world } = host;
  const oldKeyId = world.cdpKey.accessKeyId;
  const oldSecret = world.cdpKey.secretAccessKey;
  await host.open();
  await addSandboxTarget(page);

  const region = await startRotation(page, "Sandbox", "now");
  const steps = region.getByRole("list", { name: "Rotation steps" });
  // Every step is listed before the first change is confirmed.
  for (const title of ["Check Jamf Pro and AWS", CONFIRMED_STEPS.createKey, "Prove the new key works", CONFIRMED_STEPS.updateJamf, "Prove Jamf Pro works with the new key", CONFIRMED_STEPS.deactivateOld, CONFIRMED_STEPS.deleteOld, "Finish up"]) {
    await expect(steps).toContainText(title);
  }

  await confirmStep(page, CONFIRMED_STEPS.createKey, "Create a second access key for IAM user jamf-cdp");
  // The new key propagates: live progress while the checks run.
  await expect(region.getByRole("meter", { name: "Consecutive successful checks" })).toBeVisible({ timeout: STEP_TIMEOUT });
  await expect(region.getByRole("timer")).toContainText(/gives up in \d+:\d\d/);

  const created = cdpUserKeys(world).find((key) => key.accessKeyId !== oldKeyId);
  expect(created, "the sandbox has the new key once Create was confirmed").toBeDefined();
  const newKeyId = created!.accessKeyId;

  await confirmStep(page, CONFIRMED_STEPS.updateJamf, masked(newKeyId));
  await confirmStep(page, CONFIRMED_STEPS.deactivateOld, masked(oldKeyId));
  await confirmStep(page, CONFIRMED_STEPS.deleteOld, "This cannot be undone");

  const done = outcome(page, "Rotation complete");
  await expect(done).toBeVisible({ timeout: STEP_TIMEOUT });
  await expect(done).toContainText(masked(newKeyId));
  await expect(stepItem(page, "Finish up")).toContainText(/Done/);

  // In the sandbox: one active key, Jamf Pro holds it, it is new, and the CDP was only PATCHed.
  expect(activeKeyIds(world)).toEqual([newKeyId]);
  expect(jamfKeyId(world)).toBe(newKeyId);
  expect(newKeyId).not.toBe(oldKeyId);
  expect(cdpUserKeys(world).map((k) => k.accessKeyId)).not.toContain(oldKeyId);
  expect(cdpCreateOrDeleteCalls(world)).toEqual([]);
  expect(cdpPatchCount(world)).toBe(1);
  expect(invariantProblems(world)).toEqual([]);

  // No secret ever reached the page: not in the document, not in storage, not in the bridge traffic.
  const newSecret = jamfSecret(world);
  expect(newSecret).not.toBe(oldSecret);
  const secrets = { newSecret, oldSecret, admin: world.admin.secretAccessKey, jamfClient: world.jamfClient.clientSecret };
  const html = await page.content();
  const storage = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  const traffic = await host.bridgeTraffic();
  expect(traffic.some((m) => m.kind === "ipc-response" && m.channel.includes("rotation"))).toBe(true);
  expect(traffic.some((m) => m.kind === "event")).toBe(true);
  for (const [name, secret] of Object.entries(secrets)) {
    expect(html.includes(secret), `${name} in the page`).toBe(false);
    expect(storage.includes(secret), `${name} in web storage`).toBe(false);
    const leaks = traffic.filter((m) => m.body.includes(secret)).map((m) => `${m.kind} ${m.channel}`);
    expect(leaks, `${name} in the bridge traffic`).toEqual([]);
  }

  // Back on the overview the card shows the new key, fresh.
  await region.getByRole("button", { name: "Done" }).click();
  const sandbox = card(page, "Sandbox");
  await expect(sandbox).toContainText(masked(newKeyId));
  await expect(sandbox).toContainText("0 days");
  await expect(sandbox).toContainText("OK");
});
