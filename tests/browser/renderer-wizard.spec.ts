// The rotation wizard against the typed fake bridge: every confirmation, the propagation
// countdown, failure and recovery, declining, and finishing after the grace period.
import { expect, test, type Renderer } from "./support/renderer-fixture";
import { defaultScenario, NOW, rotationSnapshot, statusFor, type FakeScenario } from "./support/fake-scenario";

const ACME = statusFor("due-soon", { targetId: "t-acme", name: "Acme" });

function script(overrides: Partial<FakeScenario["rotation"]>): FakeScenario["rotation"] {
  return { ...defaultScenario().rotation, ...overrides };
}

async function openWizard(renderer: Renderer, overrides: Partial<FakeScenario> = {}) {
  await renderer.open({ statuses: [ACME], ...overrides });
  await renderer.page.getByRole("button", { name: "Rotate – Acme" }).click();
  await expect(renderer.page.getByRole("region", { name: "Rotate key · Acme" })).toBeVisible();
}

test("the wizard lists the plan, then walks every confirmation to the end", async ({ renderer, page }) => {
  await openWizard(renderer);
  const plan = page.getByRole("list", { name: "What will happen" });
  await expect(plan.getByRole("listitem")).toHaveCount(10);
  await expect(plan).toContainText("Create a second access key for IAM user jamf-cdp");
  await page.getByRole("radio", { name: "Right away" }).check();
  await page.getByRole("button", { name: "Start rotation" }).click();

  const steps = page.getByRole("list", { name: "Rotation steps" });
  await expect(steps.getByRole("listitem")).toHaveCount(9);
  const confirmed: string[] = [];
  for (const [stepId, description] of [
    ["create-key", "Create a second access key for IAM user jamf-cdp and keep its secret in the Keychain."],
    ["update-jamf", "Replace the access key of Jamf Pro’s cloud distribution point with AKIA…1ABC."],
    ["deactivate-old-key", "Make AKIA…7XQZ inactive, then test Jamf Pro again."],
    ["delete-old-key", "Delete AKIA…7XQZ for good."],
  ] as const) {
    const panel = page.getByTestId("confirm-panel");
    await expect(panel).toContainText(description);
    await expect(steps.locator(`[data-step-id="${stepId}"]`)).toHaveAttribute("data-status", "awaiting-confirmation");
    await panel.getByRole("button", { name: "Confirm" }).click();
    await expect(steps.locator(`[data-step-id="${stepId}"]`)).toHaveAttribute("data-status", "done");
    confirmed.push(stepId);
  }

  await expect(page.getByTestId("outcome")).toHaveAttribute("data-outcome", "completed");
  await expect(page.getByTestId("outcome")).toContainText("Jamf Pro now uses AKIA…1ABC");
  // Every finished step shows what it did.
  await expect(steps.locator('[data-step-id="verify-key"]')).toContainText("AWS accepted AKIA…1ABC as jamf-cdp, 3 times in a row.");
  await expect(steps.locator('[data-step-id="verify-jamf"]')).toContainText("Jamf Pro’s connection test passed.");
  await expect(steps.locator('[data-status="done"]')).toHaveCount(9);

  expect((await renderer.calls("cdp:rotation:start")).map((c) => c.request)).toEqual([{ targetId: "t-acme", deleteOld: "now" }]);
  const confirms = (await renderer.calls("cdp:rotation:confirm")).map((c) => c.request as { stepId: string; approve: boolean });
  expect(confirms.map((c) => [c.stepId, c.approve])).toEqual(confirmed.map((id) => [id, true]));

  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("article", { name: "Acme" })).toBeVisible();
});

test("while AWS propagates the new key, the wizard shows checks passed and a live countdown", async ({ renderer, page }) => {
  await openWizard(renderer, { rotation: script({ holdAt: "verify-key" }) });
  await page.getByRole("button", { name: "Start rotation" }).click();
  await page.getByTestId("confirm-panel").getByRole("button", { name: "Confirm" }).click();

  const progress = page.getByTestId("rotation-progress");
  await expect(progress).toContainText("Waiting for AWS to accept the new key");
  await expect(progress.getByTestId("progress-count")).toHaveText("1/3 checks in a row");
  await page.clock.pauseAt(NOW + 2 * 60_000);
  await expect(progress.getByTestId("countdown")).toHaveText("gives up in 3:00");
  await page.clock.fastForward(25_000);
  await expect(progress.getByTestId("countdown")).toHaveText("gives up in 2:35");
  await page.clock.resume();

  await renderer.release();
  await expect(progress).toBeHidden();
  await expect(page.locator('[data-step-id="verify-key"]')).toHaveAttribute("data-status", "done");
  await expect(page.getByTestId("confirm-panel")).toContainText("Replace the access key of Jamf Pro’s cloud distribution point");
});

test("a failure says what happened, where things stand, and offers the recovery", async ({ renderer, page }) => {
  await openWizard(renderer, {
    rotation: script({
      failAt: {
        stepId: "verify-jamf",
        error: { code: "ROTATION_JAMF_VERIFY_FAILED", message: "Jamf Pro holds the new key but its connection test fails.", action: "Check the CDP in Jamf Pro, then check again." },
        stateMessage: "Both keys are active. Jamf Pro holds AKIA…1ABC; AKIA…7XQZ still works.",
        recovery: ["retry-verify", "abort"],
      },
    }),
  });
  await page.getByRole("button", { name: "Start rotation" }).click();
  await page.getByTestId("confirm-panel").getByRole("button", { name: "Confirm" }).click(); // create-key
  await expect(page.getByTestId("confirm-panel")).toContainText("Replace the access key");
  await page.getByTestId("confirm-panel").getByRole("button", { name: "Confirm" }).click(); // update-jamf

  const outcome = page.getByTestId("outcome");
  await expect(outcome).toHaveAttribute("data-outcome", "failed");
  await expect(outcome).toContainText("Jamf Pro holds the new key but its connection test fails.");
  await expect(outcome).toContainText("Check the CDP in Jamf Pro, then check again.");
  await expect(outcome.getByTestId("state-message")).toHaveText("Both keys are active. Jamf Pro holds AKIA…1ABC; AKIA…7XQZ still works.");
  await expect(page.locator('[data-step-id="verify-jamf"]')).toHaveAttribute("data-status", "failed");
  await expect(outcome.getByRole("button")).toHaveText(["Check Jamf Pro again", "Stop rotation"]);

  await outcome.getByRole("button", { name: "Check Jamf Pro again" }).click();
  await expect(page.locator('[data-step-id="verify-jamf"]')).toHaveAttribute("data-status", "done");
  await expect(page.getByTestId("confirm-panel")).toContainText("Make AKIA…7XQZ inactive");
  expect((await renderer.calls("cdp:rotation:retry-verify")).map((c) => c.request)).toEqual([{ targetId: "t-acme" }]);
});

test("Stop rotation after a failure rolls back and says so", async ({ renderer, page }) => {
  await openWizard(renderer, {
    rotation: script({
      failAt: {
        stepId: "verify-key",
        error: { code: "ROTATION_PROPAGATION_TIMEOUT", message: "AWS did not accept the new key in time.", action: "Try again later." },
        stateMessage: "The new key exists but does not work yet. Jamf Pro still uses AKIA…7XQZ.",
        recovery: ["retry", "rollback"],
      },
    }),
  });
  await page.getByRole("button", { name: "Start rotation" }).click();
  await page.getByTestId("confirm-panel").getByRole("button", { name: "Confirm" }).click();
  await page.getByTestId("outcome").getByRole("button", { name: "Roll back" }).click();
  await expect(page.getByTestId("outcome")).toHaveAttribute("data-outcome", "aborted");
  await expect(page.getByTestId("state-message")).toHaveText("The new key was deleted. Jamf Pro still uses the old key, which is active.");
  expect(await renderer.calls("cdp:rotation:abort")).toHaveLength(1);
});

test("declining a confirmation stops the rotation and nothing more runs", async ({ renderer, page }) => {
  await openWizard(renderer);
  await page.getByRole("button", { name: "Start rotation" }).click();
  await page.getByTestId("confirm-panel").getByRole("button", { name: "Cancel" }).click();

  await expect(page.getByTestId("outcome")).toHaveAttribute("data-outcome", "declined");
  await expect(page.getByTestId("outcome")).toContainText("Rotation cancelled");
  await expect(page.getByTestId("state-message")).toContainText("Jamf Pro still uses AKIA…7XQZ; nothing else changed.");
  await expect(page.getByTestId("confirm-panel")).toHaveCount(0);
  await expect(page.locator('[data-step-id="create-key"]')).toHaveAttribute("data-status", "declined");
  await expect(page.locator('[data-step-id="update-jamf"]')).toHaveAttribute("data-status", "pending");
  const confirms = (await renderer.calls("cdp:rotation:confirm")).map((c) => c.request as { stepId: string; approve: boolean });
  expect(confirms).toEqual([expect.objectContaining({ stepId: "create-key", approve: false })]);
});

test("a rotation that cannot start explains why and what to do", async ({ renderer, page }) => {
  await openWizard(renderer, {
    failures: {
      "cdp:rotation:start": {
        code: "TWO_ACTIVE_KEYS",
        message: "IAM user jamf-cdp already has two active keys.",
        action: "Find out what the second key is used for, deactivate it, then rotate.",
      },
    },
  });
  await page.getByRole("button", { name: "Start rotation" }).click();
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("IAM user jamf-cdp already has two active keys.");
  await expect(alert).toContainText("Find out what the second key is used for");
  await expect(page.getByRole("button", { name: "Start rotation" })).toBeEnabled();
});

test("deleting later ends in the grace period with the old key kept for it", async ({ renderer, page }) => {
  await openWizard(renderer);
  await expect(page.getByRole("radio", { name: /After a 7-day grace period/ })).toBeChecked();
  await page.getByRole("button", { name: "Start rotation" }).click();
  for (let i = 0; i < 3; i += 1) {
    await expect(page.getByTestId("confirm-panel")).toBeVisible();
    await page.getByTestId("confirm-panel").getByRole("button", { name: "Confirm" }).click();
  }
  const outcome = page.getByTestId("outcome");
  await expect(outcome).toHaveAttribute("data-outcome", "pending-deletion");
  await expect(outcome).toContainText("can be deleted after Jun 9, 2025");
  await expect(page.locator('[data-step-id="delete-old-key"]')).toHaveAttribute("data-status", "skipped");
  expect((await renderer.calls("cdp:rotation:start")).map((c) => c.request)).toEqual([{ targetId: "t-acme", deleteOld: "later" }]);
});

test("Finish rotation before the grace period ends asks to delete now, with force", async ({ renderer, page }) => {
  const pending = statusFor("old-key-pending-deletion", { targetId: "t-acme", name: "Acme" });
  const snapshot = rotationSnapshot("t-acme", "pending-deletion", "deactivate-old-key", { deleteOldAfter: pending.pendingDeletion?.deleteAfter ?? null, recovery: ["finish"] });
  await renderer.open({ statuses: [pending], existingRotations: [snapshot] });
  await page.getByRole("button", { name: "Finish rotation – Acme" }).click();
  const region = page.getByRole("region", { name: "Finish rotation · Acme" });
  await expect(region).toContainText("The grace period runs until Jun 7, 2025");
  await region.getByRole("button", { name: "Delete old key now" }).click();
  await expect(page.getByTestId("confirm-panel")).toContainText("Delete AKIA…7XQZ for good.");
  await page.getByTestId("confirm-panel").getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByTestId("outcome")).toHaveAttribute("data-outcome", "completed");
  expect((await renderer.calls("cdp:rotation:finish")).map((c) => c.request)).toEqual([{ targetId: "t-acme", force: true }]);
});

test("rotation events from main update the open wizard", async ({ renderer, page }) => {
  await openWizard(renderer);
  await page.getByRole("button", { name: "Start rotation" }).click();
  await expect(page.getByTestId("confirm-panel")).toBeVisible();
  const current = await page.evaluate(() => window.__fakeCdp?.snapshot());
  if (!current) throw new Error("no rotation");
  await renderer.emit("cdp:event:rotation", {
    ...current,
    status: "interrupted",
    steps: current.steps.map((s) => (s.status === "awaiting-confirmation" ? { ...s, status: "pending" } : s)),
    stateMessage: "The app quit during the rotation. Nothing was changed yet.",
    recovery: ["resume", "abort"],
    updatedAt: new Date(Date.now() + 1000).toISOString(),
  });
  await expect(page.getByTestId("outcome")).toHaveAttribute("data-outcome", "interrupted");
  await expect(page.getByTestId("state-message")).toHaveText("The app quit during the rotation. Nothing was changed yet.");
  await expect(page.getByTestId("outcome").getByRole("button")).toHaveText(["Resume", "Stop rotation"]);
});
