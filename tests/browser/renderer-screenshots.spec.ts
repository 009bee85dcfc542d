// Screenshots for the README, from the real renderer with the typed fake bridge: 400×560 (the
// popover) at 2× for Retina. Each test also checks the screen shows what the picture promises.
import { join } from "node:path";
import type { AuditRecord } from "../../src/shared/domain";
import { projectRoot } from "./support/build-renderer";
import { expect, test, type Renderer } from "./support/renderer-fixture";
import { oldKeyInUseQuestion } from "../../src/core/rotation/step-questions";
import { daysAgoIso, defaultScenario, KEY_NEW, KEY_OLD, key, rotationSnapshot, statusFor, targetView } from "./support/fake-scenario";

test.use({ viewport: { width: 400, height: 560 }, deviceScaleFactor: 2 });

const shot = (name: string) => join(projectRoot, "docs", "screenshots", `${name}.png`);

const STATUSES = [
  statusFor("overdue", { targetId: "globex", name: "Globex Corp", jamfUrl: "https://globex.jamfcloud.com", iamUser: "jamf-cdp-globex" }),
  statusFor("due-soon", { targetId: "acme", name: "Acme Production", jamfUrl: "https://acme.jamfcloud.com", iamUser: "jamf-cdp" }),
  statusFor("ok", {
    targetId: "acme-staging",
    name: "Acme Staging",
    jamfUrl: "https://acme-staging.jamfcloud.com",
    iamUser: "jamf-cdp-staging",
    keys: [key({ id: KEY_OLD, ageDays: 31, lastUsedAt: daysAgoIso(6), lastUsedRegion: "eu-west-1" })],
  }),
];

async function openOverview(renderer: Renderer, colorScheme: "light" | "dark") {
  await renderer.open({ statuses: STATUSES }, { colorScheme });
  await expect(renderer.page.getByRole("article")).toHaveCount(3);
  await expect(renderer.page.getByTestId("summary")).toHaveText("1 overdue · 1 due soon");
}

test("overview, light", async ({ renderer, page }) => {
  await openOverview(renderer, "light");
  await page.screenshot({ path: shot("overview-light") });
});

test("overview, dark", async ({ renderer, page }) => {
  await openOverview(renderer, "dark");
  await page.screenshot({ path: shot("overview-dark") });
});

test("rotation wizard, mid-rotation", async ({ renderer, page }) => {
  await renderer.open({ statuses: STATUSES });
  await page.getByRole("button", { name: "Rotate – Acme Production" }).click();
  await page.getByRole("button", { name: "Start rotation" }).click();
  await page.getByTestId("confirm-panel").getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByTestId("confirm-panel")).toContainText("Replace the access key of Jamf Pro’s cloud distribution point");
  await page.screenshot({ path: shot("wizard-light") });
});

test("rotation wizard, waiting for AWS", async ({ renderer, page }) => {
  await renderer.open({ statuses: STATUSES, rotation: { ...defaultScenario().rotation, holdAt: "verify-key" } });
  await page.getByRole("button", { name: "Rotate – Acme Production" }).click();
  await page.getByRole("button", { name: "Start rotation" }).click();
  await page.getByTestId("confirm-panel").getByRole("button", { name: "Confirm" }).click();
  await page.clock.pauseAt(Date.parse(defaultScenario().rotation.progress.deadlineAt) - 222_000);
  await expect(page.getByTestId("countdown")).toHaveText("gives up in 3:42");
  await page.screenshot({ path: shot("wizard-progress-light") });
});

test("settings, editing an instance after Test connection", async ({ renderer, page }) => {
  await renderer.open({ statuses: STATUSES, targets: [targetView({ id: "acme", name: "Acme Production", iamUser: undefined })] });
  await page.getByRole("button", { name: "Settings" }).click();
  await page.getByRole("button", { name: "Edit Acme Production" }).click();
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByLabel("IAM user")).toHaveValue("jamf-cdp");
  await page.getByTestId("preflight").scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot("settings-test-light") });
  await page.locator("#content").evaluate((el) => el.scrollTo(0, 0));
  await page.screenshot({ path: shot("settings-target-light") });
});

test("settings", async ({ renderer, page }) => {
  await renderer.open({
    statuses: STATUSES,
    targets: [
      targetView({ id: "globex", name: "Globex Corp", jamfUrl: "https://globex.jamfcloud.com", awsProfile: "globex-admin" }),
      targetView({ id: "acme", name: "Acme Production" }),
      targetView({ id: "acme-staging", name: "Acme Staging", jamfUrl: "https://acme-staging.jamfcloud.com", jamfAuth: { kind: "basic", username: "cdp-rotator" } }),
    ],
  });
  await page.getByRole("button", { name: "Settings" }).click();
  await expect(page.getByRole("switch", { name: /Reminders/ })).toBeChecked();
  await page.screenshot({ path: shot("settings-light") });
});

test("history", async ({ renderer, page }) => {
  const base = { actor: "jdoe", via: "app", targetId: "acme", targetName: "Acme Production", rotationId: "r1", oldKeyId: KEY_OLD, newKeyId: KEY_NEW, errorCode: null, message: null } as const;
  const audit: AuditRecord[] = [
    { ...base, at: daysAgoIso(0.2), event: "old-key-deleted", stepId: null, result: "ok" },
    { ...base, at: daysAgoIso(7.1), event: "rotation-completed", stepId: null, result: "ok", message: "Old key kept for 7 days." },
    { ...base, at: daysAgoIso(7.11), event: "step", stepId: "deactivate-old-key", result: "ok" },
    { ...base, at: daysAgoIso(7.12), event: "step", stepId: "verify-jamf", result: "ok" },
    { ...base, at: daysAgoIso(7.13), event: "step", stepId: "update-jamf", result: "ok" },
    { ...base, at: daysAgoIso(7.14), event: "step", stepId: "verify-key", result: "ok", message: "3 checks in a row after 41 s." },
    { ...base, at: daysAgoIso(7.15), event: "step", stepId: "create-key", result: "ok" },
    { ...base, at: daysAgoIso(7.16), event: "rotation-started", stepId: null, result: null, newKeyId: null },
    { ...base, at: daysAgoIso(12), targetName: "Globex Corp", targetId: "globex", event: "rotation-failed", stepId: "verify-key", result: "failed", newKeyId: null, errorCode: "AWS_ACCESS_DENIED", message: "AWS refused iam:CreateAccessKey." },
  ];
  await renderer.open({ statuses: STATUSES, audit });
  await page.getByRole("button", { name: "History" }).click();
  await expect(page.getByRole("list", { name: "Audit log, newest first" }).getByRole("listitem")).toHaveCount(9);
  await page.screenshot({ path: shot("history-light") });
});

/** Acme mid-rotation: Jamf Pro on the new key, the old key still active and used since. */
function acmeAtOldKeyCheck(status: "awaiting-confirmation" | "declined") {
  const snapshot = rotationSnapshot("acme", status, "verify-jamf", { targetName: "Acme Production", currentStepId: "check-old-key-idle" });
  const use = { accessKeyId: KEY_OLD, userName: "jamf-cdp", lastUsedDate: new Date(daysAgoIso(0.02)), serviceName: "s3", region: "eu-west-1" };
  const question = oldKeyInUseQuestion(KEY_OLD, use);
  snapshot.steps = snapshot.steps.map((step) =>
    step.id !== "check-old-key-idle" ? step : status === "awaiting-confirmation" ? { ...step, status, question } : { ...step, status: "declined", result: "You chose to stop here." },
  );
  if (status === "declined") {
    snapshot.error = { code: "ROTATION_OLD_KEY_IN_USE", message: `The old key was used ${question.details[0]?.replace(/^Last used: /, "").replace(/\.$/, "")}, after Jamf Pro switched to the new key.`, action: "Find what still uses it and give it the new key, then continue the rotation; or abort it, keeping both keys." };
    snapshot.stateMessage = "Jamf Pro uses the new key and its connection test passes. The old key is still active.";
    snapshot.recovery = ["continue", "abort"];
  }
  const statuses = STATUSES.map((s) =>
    s.targetId === "acme"
      ? { ...s, state: "rotation-in-progress" as const, jamfKeyId: KEY_NEW, keys: [key({ id: KEY_OLD, ageDays: 83, heldByJamf: false }), key({ id: KEY_NEW, ageDays: 0, heldByJamf: true })] }
      : s,
  );
  return { statuses, existingRotations: [snapshot] };
}

test("rotation wizard, the old key is still in use (the warning before the answer)", async ({ renderer, page }) => {
  await renderer.open(acmeAtOldKeyCheck("awaiting-confirmation"));
  await page.getByRole("button", { name: "Open rotation – Acme Production" }).click();
  const warning = page.getByRole("group", { name: /^Warning at step \d+: Check nothing else uses the old key$/ });
  await expect(warning.getByRole("button")).toHaveText(["Stop and keep both keys", "Continue anyway"]);
  await warning.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot("wizard-warning-light") });
});

test("overview, a rotation paused by the admin, with its ways on", async ({ renderer, page }) => {
  await renderer.open(acmeAtOldKeyCheck("declined"));
  const card = page.getByRole("article", { name: "Acme Production" });
  await expect(card).toContainText(/Paused by you at step \d+: Check nothing else uses the old key/);
  await expect(card.getByRole("button", { name: /^(Continue|Stop rotation) – / })).toHaveCount(2);
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot("overview-paused-light") });
});
