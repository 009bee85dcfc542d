// The overview against the typed fake bridge: every state's words and action, the empty state,
// errors, unfinished rotations, and the events main sends.
import type { TargetState } from "../../src/shared/domain";
import { expect, test } from "./support/renderer-fixture";
import { KEY_NEW, KEY_OLD, KEY_OTHER, rotationSnapshot, statusFor } from "./support/fake-scenario";

const EXPECTED: Record<TargetState, { badge: string; action: string; text: RegExp }> = {
  ok: { badge: "OK", action: "Rotate…", text: /59 days left · due Jul 31, 2025/ },
  "due-soon": { badge: "Due soon", action: "Rotate…", text: /9 days left · due Jun 11, 2025/ },
  overdue: { badge: "Overdue", action: "Rotate…", text: /Overdue by 7 days · was due May 26, 2025/ },
  drift: { badge: "Drift", action: "Fix drift", text: /not an access key of IAM user jamf-cdp/ },
  "rotation-in-progress": { badge: "Rotating", action: "Resume", text: /has started and is not finished/ },
  "old-key-pending-deletion": { badge: "Old key pending deletion", action: "Finish rotation", text: /AKIA…7XQZ · inactive, delete after Jun 7, 2025/ },
  error: { badge: "Error", action: "Check again", text: /AWS refused iam:ListAccessKeys/ },
};

for (const [state, expected] of Object.entries(EXPECTED) as [TargetState, (typeof EXPECTED)[TargetState]][]) {
  test(`a ${state} target shows "${expected.badge}" and offers ${expected.action}`, async ({ renderer, page }) => {
    await renderer.open({ statuses: [statusFor(state, { name: "Acme Production" })] });
    const card = page.getByRole("article", { name: "Acme Production" });
    await expect(card.locator(".badge")).toHaveText(expected.badge);
    await expect(card).toContainText(expected.text);
    const actions = card.locator("[data-primary-action]");
    await expect(actions).toHaveCount(1);
    await expect(actions).toHaveText(expected.action);
    // Key ids are only ever shown masked.
    const html = await page.content();
    for (const id of [KEY_OLD, KEY_NEW, KEY_OTHER]) expect(html).not.toContain(id);
  });
}

test("a card shows the instance, IAM user, masked key, age, created and last use", async ({ renderer, page }) => {
  await renderer.open({ statuses: [statusFor("due-soon", { name: "Acme Production", jamfUrl: "https://acme.jamfcloud.com/" })] });
  const card = page.getByRole("article", { name: "Acme Production" });
  await expect(card).toContainText("acme.jamfcloud.com");
  await expect(card).toContainText("IAM user jamf-cdp");
  await expect(card.getByTestId("held-key")).toContainText("AKIA…7XQZ");
  await expect(card).toContainText("81 days");
  await expect(card).toContainText("created Mar 13, 2025");
  await expect(card).toContainText("Jun 1, 2025 (yesterday) · s3 · us-east-1");
  const meter = card.locator("meter");
  await expect(meter).toHaveAttribute("value", "81");
  await expect(meter).toHaveAttribute("max", "90");
  await expect(page.getByTestId("summary")).toHaveText("1 due soon");
});

test("the header sums up all targets, most urgent first", async ({ renderer, page }) => {
  await renderer.open({
    statuses: [statusFor("ok", { targetId: "a" }), statusFor("overdue", { targetId: "b" }), statusFor("due-soon", { targetId: "c" }), statusFor("error", { targetId: "d" })],
  });
  await expect(page.getByTestId("summary")).toHaveText("1 with errors · 1 overdue · 1 due soon");
});

test("an error card says what went wrong and what to do, and Check again refreshes that target", async ({ renderer, page }) => {
  await renderer.open({ statuses: [statusFor("error", { name: "Globex" })] });
  const card = page.getByRole("article", { name: "Globex" });
  // A standing error on a card is part of the page, not a live alert; it offers Edit instance.
  const notice = card.locator("[data-error-code]");
  await expect(notice).toContainText("AWS refused iam:ListAccessKeys for the admin identity.");
  await expect(notice).toContainText("Attach the least-privilege policy to the admin identity, then check again.");
  await expect(card.getByRole("alert")).toHaveCount(0);
  await expect(notice.getByRole("button", { name: "Edit instance – Globex" })).toBeVisible();
  await card.getByRole("button", { name: /Check again/ }).click();
  expect((await renderer.calls("cdp:status:refresh")).map((c) => c.request)).toEqual([{ targetId: "t-error" }]);
});

test("Fix drift explains the mismatch and what to do; Escape closes it without hiding the app", async ({ renderer, page }) => {
  await renderer.open({ statuses: [statusFor("drift", { name: "Acme" })] });
  await page.getByRole("button", { name: /Fix drift/ }).click();
  const dialog = page.getByRole("dialog", { name: "Jamf Pro and AWS don’t agree" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId("drift-detail")).toHaveText("Jamf Pro holds AKIA…0DRF, which is not an access key of IAM user jamf-cdp.");
  await expect(dialog).toContainText("What to do");
  await expect(dialog).toContainText("Check which IAM user owns AKIA…0DRF");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  expect(await renderer.calls("cdp:app:hide")).toHaveLength(0);
  // The button that opened the dialog has focus again.
  await expect(page.getByRole("button", { name: /Fix drift/ })).toBeFocused();
});

test("the empty state offers to add an instance or try the sandbox", async ({ renderer, page }) => {
  await renderer.open({ statuses: [] });
  await expect(page.getByRole("heading", { name: "Add your first Jamf Pro instance" })).toBeVisible();
  await page.getByRole("button", { name: "Try with the sandbox" }).click();
  await expect(page.getByRole("article", { name: "Sandbox" })).toBeVisible();
  expect(await renderer.calls("cdp:sandbox:add-target")).toHaveLength(1);
});

test("Add Jamf Pro instance on the empty state opens the form", async ({ renderer, page }) => {
  await renderer.open({ statuses: [] });
  await page.getByRole("button", { name: "Add Jamf Pro instance" }).click();
  await expect(page.getByRole("region", { name: "Add Jamf Pro instance" })).toBeVisible();
});

test("a failed status read shows message and action, never a stack", async ({ renderer, page }) => {
  await renderer.open({
    failures: { "cdp:status:list": { code: "KEYCHAIN_UNAVAILABLE", message: "The Keychain is locked.", action: "Unlock your login keychain, then choose Refresh.", details: "SecKeychain -25308" } },
  });
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("The Keychain is locked.");
  await expect(alert).toContainText("Unlock your login keychain, then choose Refresh.");
  await expect(page.locator("body")).not.toContainText(/\bat \w+ \(|Error:/);
});

test("an interrupted rotation shows a Resume banner that resumes it", async ({ renderer, page }) => {
  const status = statusFor("rotation-in-progress", { targetId: "t-acme", name: "Acme" });
  await renderer.open({ statuses: [status], existingRotations: [rotationSnapshot("t-acme", "interrupted", "verify-key")] });
  const banner = page.getByTestId("resume-banner");
  await expect(banner).toContainText("The rotation of Acme was interrupted.");
  await banner.getByRole("button", { name: "Resume the rotation of Acme" }).click();
  await expect(page.getByRole("region", { name: "Rotate key · Acme" })).toBeVisible();
  await expect.poll(async () => (await renderer.calls("cdp:rotation:resume")).length).toBe(1);
  // Resuming picks up at the next confirmation.
  await expect(page.getByTestId("confirm-panel")).toContainText("Replace the access key of Jamf Pro’s cloud distribution point");
});

test("status events from main replace the list", async ({ renderer, page }) => {
  await renderer.open({ statuses: [statusFor("ok", { name: "Acme" })] });
  await expect(page.getByRole("article", { name: "Acme" }).locator(".badge")).toHaveText("OK");
  await renderer.emit("cdp:event:status", [statusFor("overdue", { name: "Acme" }), statusFor("ok", { targetId: "t-2", name: "Globex" })]);
  await expect(page.getByRole("article", { name: "Acme" }).locator(".badge")).toHaveText("Overdue");
  await expect(page.getByRole("article", { name: "Globex" })).toBeVisible();
});

test("navigate events switch the view and focus a target", async ({ renderer, page }) => {
  await renderer.open({ statuses: [statusFor("ok", { targetId: "a", name: "Acme" }), statusFor("due-soon", { targetId: "b", name: "Globex" })] });
  await renderer.emit("cdp:event:navigate", { view: "history", targetId: null });
  await expect(page.getByRole("heading", { name: "History" })).toBeVisible();
  await renderer.emit("cdp:event:navigate", { view: "overview", targetId: "b" });
  await expect(page.getByRole("article", { name: "Globex" })).toBeFocused();
  await renderer.emit("cdp:event:navigate", { view: "privilege", targetId: "a" });
  await expect(page.getByRole("region", { name: "Least privilege for Acme" })).toBeVisible();
});

test("Refresh asks main to re-read every target", async ({ renderer, page }) => {
  await renderer.open({});
  await page.getByRole("button", { name: "Refresh all keys" }).click();
  expect((await renderer.calls("cdp:status:refresh")).map((c) => c.request)).toEqual([{}]);
});
