// History (audit log) and Least privilege against the typed fake bridge.
import { readFile } from "node:fs/promises";
import type { AuditRecord } from "../../src/shared/domain";
import { expect, test } from "./support/renderer-fixture";
import { daysAgoIso, KEY_NEW, KEY_OLD, statusFor } from "./support/fake-scenario";

function record(overrides: Partial<AuditRecord>): AuditRecord {
  return {
    at: daysAgoIso(1),
    actor: "jdoe",
    via: "app",
    targetId: "t-acme",
    targetName: "Acme Production",
    rotationId: "rot-1",
    event: "step",
    stepId: null,
    result: "ok",
    oldKeyId: KEY_OLD,
    newKeyId: KEY_NEW,
    errorCode: null,
    message: null,
    ...overrides,
  };
}

const AUDIT: AuditRecord[] = [
  record({ at: daysAgoIso(3), event: "rotation-started", result: null, newKeyId: null }),
  record({ at: daysAgoIso(1), event: "rotation-completed", result: "ok" }),
  record({ at: daysAgoIso(2), event: "step", stepId: "verify-jamf", result: "failed", errorCode: "ROTATION_JAMF_VERIFY_FAILED", message: "Jamf Pro’s test failed once." }),
];

test("the history lists the audit log newest first, with masked key ids", async ({ renderer, page }) => {
  await renderer.open({ audit: AUDIT });
  await page.getByRole("button", { name: "History" }).click();
  const entries = page.getByRole("list", { name: "Audit log, newest first" }).getByRole("listitem");
  await expect(entries).toHaveCount(3);
  await expect(entries.locator(".audit-event")).toHaveText(["Rotation completed", "Prove Jamf Pro works with the new key", "Rotation started"]);
  await expect(entries.nth(0)).toContainText("Acme Production · jdoe via app · AKIA…7XQZ → AKIA…1ABC");
  await expect(entries.nth(1)).toContainText("Jamf Pro’s test failed once. (ROTATION_JAMF_VERIFY_FAILED)");
  const html = await page.content();
  expect(html).not.toContain(KEY_OLD);
  expect(html).not.toContain(KEY_NEW);
});

for (const format of ["csv", "json"] as const) {
  test(`Export ${format.toUpperCase()} downloads the file main produced`, async ({ renderer, page }) => {
    await renderer.open({ audit: AUDIT });
    await page.getByRole("button", { name: "History" }).click();
    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: `Export history as ${format.toUpperCase()}` }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`cdp-key-rotator-audit.${format}`);
    const content = await readFile(await download.path(), "utf8");
    if (format === "json") {
      expect(JSON.parse(content)).toEqual(AUDIT);
    } else {
      expect(content.split("\n")[0]).toBe("at,targetName,event,result");
      expect(content).toContain(`${AUDIT[1]?.at},Acme Production,rotation-completed,ok`);
    }
    expect((await renderer.calls("cdp:audit:export")).map((c) => c.request)).toEqual([{ format }]);
  });
}

test("an empty history says so", async ({ renderer, page }) => {
  await renderer.open({ audit: [] });
  await page.getByRole("button", { name: "History" }).click();
  await expect(page.getByText("No rotations yet.")).toBeVisible();
});

test("least privilege shows the IAM policy and Jamf Pro privileges, and copies them", async ({ renderer, page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await renderer.open({ statuses: [statusFor("ok", { targetId: "t-acme", name: "Acme" })] });
  await page.getByRole("article", { name: "Acme" }).getByRole("button", { name: "Least privilege" }).click();
  const view = page.getByRole("region", { name: "Least privilege for Acme" });
  const json = view.getByTestId("policy-json");
  await expect(json).toContainText('"iam:CreateAccessKey"');
  await expect(json).toContainText("arn:aws:iam::123456789012:user/jamf-cdp");
  await expect(view.locator(".privileges li")).toHaveText(["Read Cloud Distribution Point", "Update Cloud Distribution Point"]);
  await view.getByRole("button", { name: "Copy IAM policy JSON" }).click();
  await expect(view.getByRole("button", { name: "Copy IAM policy JSON" })).toHaveText("Copied");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(JSON.parse(copied)).toMatchObject({ Version: "2012-10-17" });
  expect(copied).toBe(await json.textContent());
  expect((await renderer.calls("cdp:policy:get")).map((c) => c.request)).toEqual([{ targetId: "t-acme" }]);
});

test("when the clipboard refuses, the text is selected and the admin is told to press ⌘C", async ({ renderer, page }) => {
  await renderer.open({ statuses: [statusFor("ok", { targetId: "t-acme", name: "Acme" })] });
  await page.evaluate(() => {
    Object.defineProperty(navigator, "clipboard", { value: { writeText: () => Promise.reject(new Error("denied")) } });
  });
  await page.getByRole("article", { name: "Acme" }).getByRole("button", { name: "Least privilege" }).click();
  await page.getByRole("button", { name: "Copy Jamf Pro privileges" }).click();
  await expect(page.getByText("Couldn’t copy automatically: the text is selected, press ⌘C.")).toBeVisible();
  expect(await page.evaluate(() => window.getSelection()?.toString())).toContain("Update Cloud Distribution Point");
});
