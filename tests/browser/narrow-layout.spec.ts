// Every view of the popover at its real width (400 px) in Chromium, measured rather than looked at:
// no text cut off (an element that clips its text must carry the full text as its title), nothing
// sticking out of the popover, no sideways scrolling, every masked key id on one line, and no raw
// ISO timestamp anywhere in the words shown. Long names and IAM user names on purpose.
import type { Page } from "@playwright/test";
import { oldKeyInUseQuestion } from "../../src/core/rotation/step-questions";
import type { AuditRecord, TargetStatus } from "../../src/shared/domain";
import { expect, test } from "./support/renderer-fixture";
import { daysAgoIso, defaultScenario, KEY_NEW, KEY_OLD, KEY_OTHER, key, rotationSnapshot, statusFor, targetView } from "./support/fake-scenario";

test.use({ viewport: { width: 400, height: 560 } });

/** IAM allows 64 characters of [\w+=,.@-]; this one has no hyphen to break at. */
const LONG_IAM_USER = "JamfCloudDistributionPointRotatorForEuropeanProductionTenant01";
const LONG_NAME = "Acme Corporation Europe Production Jamf Pro Instance (primary)";

const STATUSES: TargetStatus[] = [
  statusFor("overdue", { targetId: "long", name: LONG_NAME, jamfUrl: "https://acme-corporation-europe-production.jamfcloud.com", iamUser: LONG_IAM_USER }),
  statusFor("due-soon", { targetId: "acme", name: "Acme", iamUser: "jamf-cdp-distribution-point-production-eu-west-1" }),
  statusFor("old-key-pending-deletion", { targetId: "grace", name: "Globex Staging", iamUser: LONG_IAM_USER }),
  statusFor("drift", { targetId: "drift", name: "Initech" }),
  statusFor("error", { targetId: "error", name: "Umbrella Research Laboratories" }),
  statusFor("ok", {
    targetId: "orphan",
    name: "Hooli",
    keys: [
      key({ id: KEY_OLD, ageDays: 31, description: "Jamf Pro CDP hooli.jamfcloud.com - CDP Key Rotator - 2025-05-02" }),
      key({ id: KEY_OTHER, ageDays: 1, heldByJamf: false, lastUsedAt: null, lastUsedService: null, lastUsedRegion: null, orphan: true, orphanQuestion: "Delete access key AKIA…0DRF of IAM user jamf-cdp? Deleting it cannot be undone." }),
    ],
  }),
];

interface Measured {
  problems: string[];
}

/** Measures the page as it is now; `where` names the view in the failure message. */
async function expectFits(page: Page, where: string): Promise<void> {
  // Fonts and layout settle before measuring.
  await page.evaluate(() => document.fonts.ready);
  const { problems } = await page.evaluate((): Measured => {
    const problems: string[] = [];
    const width = document.documentElement.clientWidth;
    const root = document.scrollingElement ?? document.documentElement;
    if (root.scrollWidth > root.clientWidth) problems.push(`the page scrolls sideways (${root.scrollWidth} > ${root.clientWidth})`);
    const content = document.querySelector<HTMLElement>("#content, .app-content");
    if (content && content.scrollWidth > content.clientWidth + 1) problems.push(`the content scrolls sideways (${content.scrollWidth} > ${content.clientWidth})`);
    const shown = (el: Element) => {
      const style = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      return style.display !== "none" && style.visibility !== "hidden" && rect.width > 1 && rect.height > 1;
    };
    for (const el of document.querySelectorAll<HTMLElement>("body *")) {
      const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? "").trim() !== "");
      if (!ownText || !shown(el) || el.closest("pre, textarea, input, select, option, [hidden]")) continue;
      const text = (el.textContent ?? "").trim().replace(/\s+/g, " ");
      const rect = el.getBoundingClientRect();
      if (rect.right > width + 0.5 || rect.left < -0.5) problems.push(`sticks out of the popover (${Math.round(rect.left)}–${Math.round(rect.right)} px): "${text.slice(0, 80)}"`);
      const style = getComputedStyle(el);
      const clips = style.overflowX !== "visible" || style.textOverflow === "ellipsis";
      if (clips && el.scrollWidth > el.clientWidth + 1 && el.title.trim() !== text) problems.push(`cut off without its full text as title: "${text.slice(0, 80)}"`);
    }
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement || !shown(node.parentElement)) continue;
      const value = node.textContent ?? "";
      for (const match of value.matchAll(/AKIA…[A-Z0-9]{4}/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.bottom)));
        if (lines.size > 1) problems.push(`masked key id split across lines: ${match[0]} in "${value.trim().slice(0, 80)}"`);
      }
    }
    for (const el of document.querySelectorAll<HTMLElement>('[data-testid="held-key"], .mono')) {
      if (shown(el) && el.getClientRects().length !== 1) problems.push(`key id element on ${el.getClientRects().length} lines: "${(el.textContent ?? "").trim()}"`);
    }
    const iso = /\d{4}-\d{2}-\d{2}T\d{2}:/.exec(document.body.innerText);
    if (iso) problems.push(`raw ISO timestamp in the text: ${iso[0]}…`);
    return { problems };
  });
  expect(problems, `${where} at 400 px`).toEqual([]);
}

test("overview, least privilege and every dialog of the cards", async ({ renderer, page }) => {
  await renderer.open({ statuses: STATUSES });
  await expect(page.getByRole("article")).toHaveCount(STATUSES.length);
  await expectFits(page, "overview");
  await expect(page.getByRole("article", { name: LONG_NAME })).toContainText(LONG_IAM_USER);

  await page.getByRole("button", { name: /Fix drift/ }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await expectFits(page, "drift dialog");
  await page.keyboard.press("Escape");

  await page.getByRole("button", { name: "Delete orphan key AKIA…0DRF – Hooli" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await expectFits(page, "orphan key dialog");
  await page.getByRole("dialog").getByRole("button", { name: "Keep key" }).click();

  await renderer.emit("cdp:event:mfa", { kind: "asked", requestId: "m1", serial: `arn:aws:iam::123456789012:mfa/${LONG_IAM_USER}`, question: `Enter the MFA code for arn:aws:iam::123456789012:mfa/${LONG_IAM_USER}` });
  await expect(page.getByRole("dialog")).toBeVisible();
  await expectFits(page, "MFA dialog");
  await renderer.emit("cdp:event:mfa", { kind: "closed", requestId: "m1" });
  await expect(page.getByRole("dialog")).toBeHidden();

  await page.getByRole("article", { name: LONG_NAME }).getByRole("button", { name: "Least privilege" }).click();
  await expect(page.getByRole("region", { name: `Least privilege for ${LONG_NAME}` })).toBeVisible();
  await expectFits(page, "least privilege");
});

test("the rotation wizard: plan, confirmation, propagation wait, warning, outcome", async ({ renderer, page }) => {
  const acme = statusFor("due-soon", { targetId: "acme", name: LONG_NAME, iamUser: LONG_IAM_USER });
  await renderer.open({ statuses: [acme], rotation: { ...defaultScenario().rotation, iamUser: LONG_IAM_USER, holdAt: "verify-key" } });
  await page.getByRole("button", { name: `Rotate – ${LONG_NAME}` }).click();
  await expect(page.getByRole("button", { name: "Start rotation" })).toBeVisible();
  await expectFits(page, "wizard plan");
  await page.getByRole("button", { name: "Start rotation" }).click();
  await expect(page.getByTestId("confirm-panel")).toBeVisible();
  await expectFits(page, "wizard confirmation");
  await page.getByTestId("confirm-panel").getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByTestId("countdown")).toBeVisible();
  await expectFits(page, "wizard propagation wait");
  await renderer.release();
  // Every further confirmation until the outcome (how many depends on when the old key goes).
  const panel = page.getByTestId("confirm-panel");
  const outcome = page.getByTestId("outcome");
  for (let i = 2; i < 8; i += 1) {
    await expect(panel.or(outcome)).toBeVisible();
    if (await outcome.isVisible()) break;
    await expectFits(page, `wizard confirmation ${i}`);
    await panel.getByRole("button", { name: "Confirm" }).click();
    await expect.poll(async () => (await renderer.calls("cdp:rotation:confirm")).length).toBe(i);
  }
  await expect(outcome).toBeVisible();
  await expectFits(page, "wizard outcome");
});

test("the wizard's warning that the old key is still in use, and a failure with its recovery", async ({ renderer, page }) => {
  const snapshot = rotationSnapshot("acme", "awaiting-confirmation", "verify-jamf", { targetName: LONG_NAME, currentStepId: "check-old-key-idle", iamUser: LONG_IAM_USER });
  const use = { accessKeyId: KEY_OLD, userName: LONG_IAM_USER, lastUsedDate: new Date(daysAgoIso(0.02)), serviceName: "s3", region: "eu-west-1" };
  const question = oldKeyInUseQuestion(KEY_OLD, use);
  snapshot.steps = snapshot.steps.map((step) => (step.id === "check-old-key-idle" ? { ...step, status: "awaiting-confirmation", question } : step));
  const statuses = [{ ...statusFor("rotation-in-progress", { targetId: "acme", name: LONG_NAME, iamUser: LONG_IAM_USER }), jamfKeyId: KEY_NEW, keys: [key({ id: KEY_OLD, ageDays: 83, heldByJamf: false }), key({ id: KEY_NEW, ageDays: 0 })] }];
  await renderer.open({ statuses, existingRotations: [snapshot] });
  await expectFits(page, "overview with an open rotation");
  await page.getByRole("button", { name: `Open rotation – ${LONG_NAME}` }).click();
  await expect(page.getByRole("group", { name: /^Warning at step \d+/ })).toBeVisible();
  await expectFits(page, "wizard warning");

  const failed = statusFor("due-soon", { targetId: "t-acme", name: LONG_NAME, iamUser: LONG_IAM_USER });
  await renderer.open({
    statuses: [failed],
    rotation: {
      ...defaultScenario().rotation,
      failAt: {
        stepId: "verify-key",
        error: { code: "AWS_ACCESS_DENIED", message: `AWS refused sts:GetCallerIdentity for ${KEY_NEW.slice(0, 4)}…${KEY_NEW.slice(-4)} of ${LONG_IAM_USER}.`, action: "Check the admin identity's policy." },
        stateMessage: `Jamf Pro still uses AKIA…7XQZ. New key AKIA…1ABC exists for ${LONG_IAM_USER}.`,
        recovery: ["retry", "rollback"],
      },
    },
  });
  await page.getByRole("button", { name: `Rotate – ${LONG_NAME}` }).click();
  await page.getByRole("button", { name: "Start rotation" }).click();
  await page.getByTestId("confirm-panel").getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByTestId("outcome")).toBeVisible();
  await expectFits(page, "wizard failure");
});

test("history, settings, the add and edit forms with a test result, and the remove dialog", async ({ renderer, page }) => {
  const base = { actor: "jane.appleseed@example.com", via: "app", targetId: "long", targetName: LONG_NAME, rotationId: "r1", oldKeyId: KEY_OLD, newKeyId: KEY_NEW, errorCode: null, message: null } as const;
  const audit: AuditRecord[] = [
    { ...base, at: daysAgoIso(0.2), event: "old-key-deleted", stepId: null, result: "ok" },
    { ...base, at: daysAgoIso(7.1), event: "rotation-completed", stepId: null, result: "ok", message: "Old key kept for 7 days." },
    { ...base, at: daysAgoIso(7.11), event: "step", stepId: "check-old-key-idle", result: "declined", message: `The old key AKIA…7XQZ of ${LONG_IAM_USER} was used after the switch.` },
    { ...base, at: daysAgoIso(12), event: "rotation-failed", stepId: "verify-key", result: "failed", newKeyId: null, errorCode: "AWS_ACCESS_DENIED", message: "AWS refused iam:CreateAccessKey." },
  ];
  const targets = [
    targetView({ id: "long", name: LONG_NAME, jamfUrl: "https://acme-corporation-europe-production.jamfcloud.com", iamUser: LONG_IAM_USER, awsProfile: "acme-corporation-europe-production-admin" }),
    targetView({ id: "acme", name: "Acme", jamfAuth: { kind: "basic", username: "cdp-rotator" } }),
  ];
  await renderer.open({ statuses: STATUSES, audit, targets, preflight: { ...defaultScenario().preflight, discoveredIamUser: LONG_IAM_USER } });

  await page.getByRole("button", { name: "History" }).click();
  await expect(page.getByRole("list", { name: "Audit log, newest first" }).getByRole("listitem")).toHaveCount(audit.length);
  await expectFits(page, "history");

  await page.getByRole("button", { name: "Settings" }).click();
  await expect(page.getByRole("region", { name: "Jamf Pro instances" })).toBeVisible();
  await expectFits(page, "settings");

  await page.getByRole("region", { name: "Jamf Pro instances" }).getByRole("button", { name: "Add" }).click();
  await expect(page.getByRole("region", { name: "Add Jamf Pro instance" })).toBeVisible();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: /Check the highlighted fields/ })).toBeVisible();
  await expectFits(page, "add form with errors");
  await page.getByRole("button", { name: "Back" }).or(page.getByRole("button", { name: "Cancel" })).first().click();

  await page.getByRole("button", { name: `Edit ${LONG_NAME}` }).click();
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByTestId("preflight")).toBeVisible();
  await expectFits(page, "edit form after Test connection");
  await page.getByRole("button", { name: /^Remove/ }).first().click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await expectFits(page, "remove dialog");
});
