import { expect, test } from "./support/renderer-fixture";
import { defaultScenario, rotationSnapshot, statusFor } from "./support/fake-scenario";
const out = (n: string) => `test-results/look-${n}.png`;
test("looks", async ({ renderer, page }) => {
  await renderer.open({ statuses: [] });
  await page.screenshot({ path: out("empty") });
});
test("states", async ({ renderer, page }) => {
  await renderer.open({ statuses: [statusFor("rotation-in-progress", {targetId:"r", name: "Acme"}), statusFor("error", {name:"Globex"}), statusFor("drift", {name:"Initech"}), statusFor("old-key-pending-deletion", {name: "Umbrella"})], existingRotations: [rotationSnapshot("r", "interrupted", "verify-key")] });
  await page.screenshot({ path: out("states1"), fullPage: false });
  await page.locator("#content").evaluate((el) => el.scrollTo(0, 520));
  await page.screenshot({ path: out("states2") });
  await page.locator("#content").evaluate((el) => el.scrollTo(0, 1200));
  await page.screenshot({ path: out("states3") });
  await page.getByRole("button", { name: /Fix drift/ }).click();
  await page.screenshot({ path: out("drift") });
});
test("intro+fail", async ({ renderer, page }) => {
  await renderer.open({ statuses: [statusFor("due-soon", { targetId: "t-acme", name: "Acme" })], rotation: { ...defaultScenario().rotation, failAt: { stepId: "verify-jamf", error: { code: "ROTATION_JAMF_VERIFY_FAILED", message: "Jamf Pro holds the new key but its connection test fails.", action: "Check the CDP in Jamf Pro, then check again.", details: "HTTP 500 from /api/v1/cloud-distribution-point/test-connection" }, stateMessage: "Both keys are active. Jamf Pro holds AKIA…1ABC; AKIA…7XQZ still works.", recovery: ["retry-verify", "abort"] } } });
  await page.getByRole("button", { name: "Rotate – Acme" }).click();
  await page.screenshot({ path: out("intro") });
  await page.getByRole("button", { name: "Start rotation" }).click();
  await page.getByTestId("confirm-panel").getByRole("button", { name: "Confirm" }).click();
  await page.getByTestId("confirm-panel").getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByTestId("outcome")).toBeVisible();
  await page.screenshot({ path: out("fail") });
});
test("privilege", async ({ renderer, page }) => {
  await renderer.open({});
  await page.getByRole("button", { name: "Least privilege" }).click();
  await page.screenshot({ path: out("privilege") });
  await page.getByRole("button", { name: "Settings" }).click();
  await page.getByRole("button", { name: "Add" }).click();
  await page.getByRole("button", { name: "Save" }).click();
  await page.screenshot({ path: out("invalid") });
});
