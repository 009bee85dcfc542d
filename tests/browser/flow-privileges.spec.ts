// Flow: the API client's Jamf Pro privileges. Without Update Cloud Distribution Point, Test
// connection fails on that check with what to add and where, and a rotation started from the card
// stops at its preflight with no key created. A Jamf Pro that does not report privileges gives a
// working connection with an orange warning, never a silent "Connection works".
import type { Locator, Page } from "@playwright/test";
import { addSandboxTarget, card, goToTab, STEP_TIMEOUT } from "./flow-support/flow-actions";
import { expect, test } from "./flow-support/flow-fixture";
import { cdpUserKeys, invariantProblems } from "./flow-support/sandbox-checks";

test.describe.configure({ timeout: 90_000 });

const READ = "Read Cloud Distribution Point" as const;
const UPDATE = "Update Cloud Distribution Point" as const;

/** Settings > Edit Sandbox > Test connection; the form and the report once its title shows. */
async function testConnection(page: Page, title: string): Promise<{ form: Locator; report: Locator }> {
  await goToTab(page, "Settings");
  await page.getByRole("button", { name: "Edit Sandbox" }).click();
  const form = page.getByRole("region", { name: "Edit Jamf Pro instance" });
  await form.getByRole("button", { name: "Test connection" }).click();
  const report = page.getByTestId("preflight");
  await expect(report).toContainText(title, { timeout: 20_000 });
  return { form, report };
}

test("an API client without Update: Test connection names it and where to add it; the rotation stops before any key", async ({ page, host }) => {
  const { world } = host;
  await host.open();
  await addSandboxTarget(page);
  world.jamf.control.setPrivileges(world.jamfClient.clientId, [READ]);

  const { form, report } = await testConnection(page, "Some checks failed");
  const privileges = report.locator('[data-check="jamf-privileges"]');
  await expect(privileges).toHaveClass(/check-failed/);
  await expect(privileges).toContainText(`Failed: Jamf Pro privileges`);
  await expect(privileges).toContainText(`API client ${world.jamfClient.clientId} lacks the "${UPDATE}" privilege in Jamf Pro`);
  await expect(privileges).toContainText(
    `What to do: In Jamf Pro > Settings > API roles and clients, add the "${UPDATE}" privilege to the API role of API client ${world.jamfClient.clientId}, then try again.`,
  );
  await expect(report.locator('[data-check="jamf-cdp"]')).toHaveClass(/check-ok/);
  await form.getByRole("button", { name: "Cancel" }).click();

  // Rotating anyway: the preflight stops it, says why, and nothing exists that did not before.
  await goToTab(page, "Overview");
  await card(page, "Sandbox").getByRole("button", { name: "Rotate – Sandbox" }).click();
  const region = page.getByRole("region", { name: "Rotate key · Sandbox" });
  await region.getByRole("button", { name: "Start rotation" }).click();
  await expect(region).toContainText(`lacks the "${UPDATE}" privilege in Jamf Pro`, { timeout: STEP_TIMEOUT });
  await expect(region).toContainText("The preflight found a problem, so nothing was changed.");
  expect(cdpUserKeys(world).map((key) => key.accessKeyId)).toEqual([world.cdpKey.accessKeyId]);
  expect(world.aws.control.requests().some((r) => r.action === "iam:CreateAccessKey")).toBe(false);
  expect(invariantProblems(world)).toEqual([]);
});

test("a Jamf Pro that does not report privileges: the connection works, with an orange warning saying what to check", async ({ page, host }) => {
  const { world } = host;
  await host.open();
  await addSandboxTarget(page);
  world.jamf.control.setPrivileges(world.jamfClient.clientId, [READ, UPDATE]);
  world.jamf.control.failNext("GET", "/api/v1/auth", 404, { httpStatus: 404, errors: [] });

  const { report } = await testConnection(page, "Connection works · with a warning");
  await expect(report).toHaveClass(/checks-warn/);
  const privileges = report.locator('[data-check="jamf-privileges"]');
  await expect(privileges).toHaveClass(/check-warning/);
  await expect(privileges).toContainText("Warning: Jamf Pro privileges");
  await expect(privileges).toContainText("could not be confirmed: Jamf Pro answered HTTP 404 when asked for them");
  await expect(privileges).toContainText(`What to do: Check in Jamf Pro > Settings > API roles and clients that the API role of API client ${world.jamfClient.clientId} has the "${UPDATE}" privilege.`);
  await expect(report).not.toContainText("Failed:");
});
