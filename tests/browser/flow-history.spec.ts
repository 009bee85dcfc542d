// Flow: after a rotation, History lists it newest first, and the CSV export downloads the log.
import { readFile } from "node:fs/promises";
import { addSandboxTarget, goToTab, masked, rotateDeletingNow } from "./flow-support/flow-actions";
import { expect, test } from "./flow-support/flow-fixture";
import { jamfKeyId, jamfSecret } from "./flow-support/sandbox-checks";

test.describe.configure({ timeout: 120_000 });

test("history shows the rotation newest first, and export downloads it as CSV", async ({ page, host }) => {
  const { world } = host;
  const oldKeyId = world.cdpKey.accessKeyId;
  await host.open();
  await addSandboxTarget(page);
  await goToTab(page, "History");
  await expect(page.getByRole("region", { name: "History" })).toContainText("No rotations yet");

  await goToTab(page, "Overview");
  const region = await rotateDeletingNow(page, "Sandbox");
  await region.getByRole("button", { name: "Done" }).click();
  const newKeyId = jamfKeyId(world);

  await goToTab(page, "History");
  const log = page.getByRole("list", { name: "Audit log, newest first" });
  const entries = log.getByRole("listitem");
  await expect(entries.first()).toContainText("Rotation completed");
  await expect(entries.last()).toContainText("Rotation started");
  await expect(log).toContainText("Give the new key to Jamf Pro");
  await expect(log).toContainText("Deactivate the old key");
  await expect(entries.first()).toContainText("Sandbox");
  await expect(entries.first()).toContainText("via app");
  await expect(entries.first()).toContainText(`${masked(oldKeyId)} → ${masked(newKeyId)}`);

  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export history as CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^cdp-key-rotator-audit-\d{4}-\d{2}-\d{2}\.csv$/);
  const path = await download.path();
  const csv = await readFile(path, "utf8");
  const lines = csv.trimEnd().split("\r\n");
  expect(lines[0]).toMatch(/^at,actor,via,targetId,targetName,rotationId,event,stepId/);
  const events = lines.slice(1).map((line) => line.split(",")[6]);
  expect(events).toContain("rotation-started");
  expect(events).toContain("rotation-completed");
  expect(lines.length - 1).toBe(await entries.count());
  expect(csv).toContain(newKeyId);
  for (const secret of [jamfSecret(world), world.cdpKey.secretAccessKey, world.admin.secretAccessKey, world.jamfClient.clientSecret]) {
    expect(csv.includes(secret)).toBe(false);
  }
});
