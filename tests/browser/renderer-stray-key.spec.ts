// The stray-key question (a key AWS made whose secret never arrived) in the wizard: the core's
// question in full before the answer — its own title, the text, the details, what keeping it leads
// to — with an irreversible "Delete key" and the key id only masked.
import { strayKeyQuestion } from "../../src/core/rotation/step-questions";
import { KEY_NEW, KEY_OLD, rotationSnapshot, statusFor } from "./support/fake-scenario";
import { expect, test } from "./support/renderer-fixture";

test("resume asks before deleting a key whose secret never arrived, showing the whole question", async ({ renderer, page }) => {
  const question = strayKeyQuestion([KEY_NEW], KEY_OLD, "interrupted");
  const snapshot = rotationSnapshot("acme", "awaiting-confirmation", "preflight", { targetName: "Acme Production", currentStepId: "create-key", newKeyId: null });
  snapshot.steps = snapshot.steps.map((step) => (step.id === "create-key" ? { ...step, status: "awaiting-confirmation", question } : step));
  const status = { ...statusFor("rotation-in-progress", { targetId: "acme", name: "Acme Production" }) };
  await renderer.open({ statuses: [status], existingRotations: [snapshot] });
  await page.getByRole("button", { name: "Open rotation – Acme Production" }).click();

  const panel = page.getByTestId("confirm-panel");
  await expect(panel).toContainText(question.title);
  await expect(panel.locator(".confirm-description")).toHaveText(question.text);
  await expect(panel.locator(".confirm-details li")).toHaveText(question.details);
  await expect(panel.locator(".confirm-hint")).toHaveText(question.declineHint);
  await expect(panel.getByRole("button")).toHaveText(["Keep it for now", "Delete key"]);
  await expect(panel.getByRole("button", { name: "Delete key" })).toHaveClass(/button-danger/);
  expect(await page.content()).not.toContain(KEY_NEW);
});
