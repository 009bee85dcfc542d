// The card shows each key's console description, and a key an interrupted run left behind with
// "Delete orphan key…": the core's question in full in a dialog, Keep key changes nothing.
import { KEY_NEW, KEY_OLD, key, statusFor } from "./support/fake-scenario";
import { expect, test } from "./support/renderer-fixture";

const QUESTION =
  "Delete access key AKIA…1ABC of IAM user jamf-cdp? A rotation that did not finish created it on Jun 1, 2025 at 09:30 UTC (\"Jamf Pro CDP acme.jamfcloud.com - CDP Key Rotator - 2025-06-01\"). Jamf Pro does not hold it, it was never used, and no open rotation knows it, so nothing depends on it. Deleting it cannot be undone.";

function withOrphan() {
  const base = statusFor("ok", { name: "Acme Production", jamfUrl: "https://acme.jamfcloud.com/" });
  return {
    ...base,
    keys: [
      key({ id: KEY_OLD, ageDays: 31, description: "Jamf Pro CDP acme.jamfcloud.com - CDP Key Rotator - 2025-05-02" }),
      key({ id: KEY_NEW, ageDays: 1, heldByJamf: false, lastUsedAt: null, lastUsedService: null, lastUsedRegion: null, description: "Jamf Pro CDP acme.jamfcloud.com - CDP Key Rotator - 2025-06-01", orphan: true, orphanQuestion: QUESTION }),
    ],
  };
}

test("the card shows the held key's description and marks the orphan key", async ({ renderer, page }) => {
  await renderer.open({ statuses: [withOrphan()] });
  const card = page.getByRole("article", { name: "Acme Production" });
  await expect(card.getByTestId("key-description").first()).toHaveText("Jamf Pro CDP acme.jamfcloud.com - CDP Key Rotator - 2025-05-02");
  const other = card.getByTestId("other-key");
  await expect(other).toContainText("Orphan key");
  await expect(other).toContainText("AKIA…1ABC");
  await expect(other).toContainText("left by a rotation that did not finish, never used");
  await expect(other.getByTestId("key-description")).toHaveText("Jamf Pro CDP acme.jamfcloud.com - CDP Key Rotator - 2025-06-01");
  expect(await page.content()).not.toContain(KEY_NEW);
});

test("Delete orphan key shows the core's question; Keep key changes nothing, Delete key deletes it", async ({ renderer, page }) => {
  await renderer.open({ statuses: [withOrphan()] });
  const card = page.getByRole("article", { name: "Acme Production" });
  await card.getByRole("button", { name: "Delete orphan key AKIA…1ABC – Acme Production" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete orphan key AKIA…1ABC?" });
  await expect(dialog.getByTestId("orphan-question")).toHaveText(QUESTION);
  await dialog.getByRole("button", { name: "Keep key" }).click();
  await expect(dialog).toBeHidden();
  expect(await renderer.calls("cdp:status:delete-orphan")).toHaveLength(0);

  await card.getByRole("button", { name: "Delete orphan key AKIA…1ABC – Acme Production" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete key" }).click();
  await expect(page.getByTestId("orphan-done")).toContainText("Deleted the orphan access key");
  expect((await renderer.calls("cdp:status:delete-orphan")).map((c) => c.request)).toEqual([{ targetId: withOrphan().targetId, keyId: KEY_NEW }]);
  await expect(card.getByTestId("other-key")).toHaveCount(0);
});
