// Flow: a key an interrupted run left behind (described by this tool, never used, not in Jamf Pro,
// no open rotation) shows on the card as an orphan; the admin reads the question, deletes it, and
// AWS, Jamf Pro and the history agree. Real preview, real core, sandbox world.
import { keyDescriptionFor } from "../../src/core/rotation/key-description";
import { addSandboxTarget, card, goToTab, masked } from "./flow-support/flow-actions";
import { expect, test } from "./flow-support/flow-fixture";
import { cdpUserKeys, invariantProblems, jamfKeyId } from "./flow-support/sandbox-checks";

test.describe.configure({ timeout: 120_000 });

test("an orphan key is shown with its description, deleted after the question, and recorded in the history", async ({ page, host }) => {
  const { world } = host;
  const held = world.cdpKey.accessKeyId;
  const orphan = world.aws.control.issueKey(world.cdpUser).accessKeyId;
  const description = keyDescriptionFor({ jamfUrl: world.jamf.url }, new Date());
  world.aws.control.setUserTags(world.cdpUser, new Map([[orphan, description]]));

  await host.open();
  const sandbox = await addSandboxTarget(page);
  const other = sandbox.getByTestId("other-key");
  await expect(other).toContainText("Orphan key", { timeout: 20_000 });
  await expect(other).toContainText(masked(orphan));
  await expect(other.getByTestId("key-description")).toHaveText(description);

  await sandbox.getByRole("button", { name: `Delete orphan key ${masked(orphan)} – Sandbox` }).click();
  const dialog = page.getByRole("dialog", { name: `Delete orphan key ${masked(orphan)}?` });
  await expect(dialog.getByTestId("orphan-question")).toContainText(`Delete access key ${masked(orphan)} of IAM user ${world.cdpUser}?`);
  await expect(dialog.getByTestId("orphan-question")).toContainText("Deleting it cannot be undone.");
  expect(cdpUserKeys(world).map((key) => key.accessKeyId)).toContain(orphan);
  await dialog.getByRole("button", { name: "Delete key" }).click();

  await expect(page.getByTestId("orphan-done")).toContainText(`Deleted the orphan access key ${masked(orphan)}`);
  await expect(card(page, "Sandbox").getByTestId("other-key")).toHaveCount(0);
  expect(cdpUserKeys(world).map((key) => key.accessKeyId)).toEqual([held]);
  expect(jamfKeyId(world)).toBe(held);
  expect(world.aws.control.userTags(world.cdpUser).has(orphan)).toBe(false);
  expect(invariantProblems(world)).toEqual([]);

  await goToTab(page, "History");
  await expect(page.getByText("Orphan key deleted")).toBeVisible();
  const html = await page.content();
  expect(html).not.toContain(orphan);
});
