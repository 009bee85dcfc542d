// Settings against the typed fake bridge: validation next to fields, Test connection and the
// IAM user it discovers, secrets that go to main once and are never shown, app settings.
import type { Page } from "@playwright/test";
import { expect, test } from "./support/renderer-fixture";
import { defaultScenario, targetView } from "./support/fake-scenario";

const SECRET = "s3cr3t-Client-Secret-do-not-show-0042";

function field(page: Page, key: string) {
  return page.locator(`[data-field="${key}"]`);
}

async function openAddForm(page: Page) {
  await page.getByRole("button", { name: "Settings" }).click();
  await page.getByRole("button", { name: "Add" }).click();
  await expect(page.getByRole("region", { name: "Add Jamf Pro instance" })).toBeVisible();
}

async function fillValidForm(page: Page) {
  await page.getByLabel("Name", { exact: true }).fill("Globex");
  await page.getByLabel("Jamf Pro URL").fill("https://globex.jamfcloud.com");
  await page.getByLabel("Client ID").fill("rotator-client");
  await page.getByLabel("Client secret").fill(SECRET);
}

test("saving an empty form shows what is missing next to each field and saves nothing", async ({ renderer, page }) => {
  await renderer.open({});
  await openAddForm(page);
  await page.getByLabel("Region").fill("");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(field(page, "name").locator(".field-error")).toHaveText("Give the Jamf Pro instance a name.");
  await expect(field(page, "jamfUrl").locator(".field-error")).toHaveText("Enter the Jamf Pro URL.");
  await expect(field(page, "jamfAuth.clientId").locator(".field-error")).toHaveText("Enter the API client ID.");
  await expect(field(page, "secret").locator(".field-error")).toHaveText("Enter the API client secret.");
  await expect(page.getByLabel("Name", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Name", { exact: true })).toBeFocused();
  expect(await renderer.calls("cdp:targets:save")).toHaveLength(0);
});

test("bad values get a message that says how to fix them", async ({ renderer, page }) => {
  await renderer.open({});
  await openAddForm(page);
  await fillValidForm(page);
  await page.getByLabel("Jamf Pro URL").fill("http://globex.example.com");
  await page.getByLabel("Region").fill("Mars");
  await page.getByLabel("IAM user").fill("jamf cdp!");
  await page.getByLabel("Max age (days)").fill("abc");
  await page.getByLabel("Warn before (days)").fill("400");
  await page.getByRole("radio", { name: "User account" }).check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(field(page, "jamfUrl").locator(".field-error")).toHaveText("Use an https:// address (plain http only works for a test server on this Mac).");
  await expect(field(page, "awsRegion").locator(".field-error")).toHaveText("Use an AWS region code such as us-east-1.");
  await expect(field(page, "iamUser").locator(".field-error")).toHaveText("IAM user names are 1–64 letters, digits and + = , . @ _ -.");
  await expect(field(page, "policy.maxAgeDays").locator(".field-error")).toHaveText("Whole days from 1 to 3650.");
  await expect(field(page, "policy.warningDays").locator(".field-error")).toHaveText("Whole days from 0 to 365.");
  await expect(field(page, "jamfAuth.username").locator(".field-error")).toHaveText("Enter the Jamf Pro username.");
  await expect(field(page, "secret").locator(".field-error")).toHaveText("Enter the Jamf Pro password.");
  expect(await renderer.calls("cdp:targets:save")).toHaveLength(0);

  await page.getByLabel("Max age (days)").fill("30");
  await page.getByLabel("Warn before (days)").fill("30");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(field(page, "policy.warningDays").locator(".field-error")).toHaveText("Must be less than the max age (30).");
});

test("Test connection shows each check and fills in the IAM user it discovered", async ({ renderer, page }) => {
  await renderer.open({ preflight: failingPreflight() });
  await openAddForm(page);
  await fillValidForm(page);
  await page.getByLabel("AWS profile").selectOption("globex-admin");
  await page.getByRole("button", { name: "Test connection" }).click();

  const report = page.getByTestId("preflight");
  await expect(report).toContainText("Some checks failed");
  await expect(report.locator(".check")).toHaveCount(4);
  await expect(report.locator('[data-check="jamf-version"]')).toContainText("Passed: Jamf Pro version11.16.0 (11.14 or later is needed).");
  await expect(report.locator('[data-check="cdp"]')).toHaveClass(/check-failed/);
  await expect(report.locator('[data-check="cdp"]')).toContainText("Failed: Cloud distribution pointThe CDP is not Amazon S3.");
  await expect(page.getByLabel("IAM user")).toHaveValue("jamf-cdp");
  await expect(page.getByTestId("iam-user-hint")).toHaveText("Filled in from the key Jamf Pro holds.");

  const [call] = await renderer.calls("cdp:targets:test");
  expect(call?.request).toEqual({
    target: {
      name: "Globex",
      jamfUrl: "https://globex.jamfcloud.com",
      jamfAuth: { kind: "api-client", clientId: "rotator-client" },
      awsProfile: "globex-admin",
      awsRegion: "us-east-1",
    },
    secret: SECRET,
  });
});

test("a secret is sent to main once, never rendered, and never prefilled when editing", async ({ renderer, page }) => {
  await renderer.open({ targets: [] });
  await openAddForm(page);
  await fillValidForm(page);
  expect(await page.content()).not.toContain(SECRET);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("button", { name: "Edit Globex" })).toBeVisible();
  const saves = await renderer.calls("cdp:targets:save");
  expect(saves).toHaveLength(1);
  expect(saves[0]?.request).toMatchObject({ secret: SECRET, target: { name: "Globex" } });

  await page.getByRole("button", { name: "Edit Globex" }).click();
  const secretInput = page.getByLabel("Client secret");
  await expect(secretInput).toHaveValue("");
  await expect(secretInput).toHaveAttribute("type", "password");
  await expect(secretInput).toHaveAttribute("placeholder", "Leave blank to keep the stored secret");
  await page.getByLabel("Name", { exact: true }).fill("Globex EU");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("button", { name: "Edit Globex EU" })).toBeVisible();
  const second = (await renderer.calls("cdp:targets:save"))[1]?.request as Record<string, unknown>;
  expect(second).not.toHaveProperty("secret");
  expect(second).toHaveProperty("targetId");

  const everything = await page.evaluate(() => document.documentElement.outerHTML + [...document.querySelectorAll("input")].map((i) => i.value).join("|"));
  expect(everything).not.toContain(SECRET);
});

test("switching the sign-in kind of a saved instance asks for the new secret", async ({ renderer, page }) => {
  await renderer.open({ targets: [targetView({ id: "t-acme", name: "Acme" })] });
  await page.getByRole("button", { name: "Settings" }).click();
  await page.getByRole("button", { name: "Edit Acme" }).click();
  await page.getByRole("radio", { name: "User account" }).check();
  await page.getByLabel("Username", { exact: true }).fill("cdp-admin");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(field(page, "secret").locator(".field-error")).toHaveText("Enter the password again for the new sign-in method.");
  expect(await renderer.calls("cdp:targets:save")).toHaveLength(0);
});

test("editing keeps fields the form does not show, like the sandbox endpoint", async ({ renderer, page }) => {
  await renderer.open({ targets: [targetView({ id: "t-sb", name: "Sandbox", jamfUrl: "http://127.0.0.1:9443", awsEndpointUrl: "http://127.0.0.1:4566", awsProfile: undefined, policy: { graceDays: 0 } })] });
  await page.getByRole("button", { name: "Settings" }).click();
  await page.getByRole("button", { name: "Edit Sandbox" }).click();
  await expect(page.getByLabel("IAM and STS endpoint")).toHaveValue("http://127.0.0.1:4566");
  await expect(page.getByLabel("AWS profile")).toHaveValue("");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("button", { name: "Edit Sandbox" })).toBeVisible();
  const [save] = await renderer.calls("cdp:targets:save");
  expect(save?.request).toEqual({
    targetId: "t-sb",
    target: {
      name: "Sandbox",
      jamfUrl: "http://127.0.0.1:9443",
      jamfAuth: { kind: "api-client", clientId: "cdp-rotator" },
      awsRegion: "us-east-1",
      awsEndpointUrl: "http://127.0.0.1:4566",
      iamUser: "jamf-cdp",
      policy: { graceDays: 0 },
    },
  });
});

test("a save the main process rejects shows its message and action", async ({ renderer, page }) => {
  await renderer.open({ failures: { "cdp:targets:save": { code: "TARGET_EXISTS", message: "An instance named Globex already exists.", action: "Pick another name." } } });
  await openAddForm(page);
  await fillValidForm(page);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Not saved" })).toContainText("An instance named Globex already exists.Pick another name.");
});

test("removing an instance asks first and says what it does not touch", async ({ renderer, page }) => {
  await renderer.open({ targets: [targetView({ id: "t-ok", name: "Acme" })] });
  await page.getByRole("button", { name: "Settings" }).click();
  await page.getByRole("button", { name: "Edit Acme" }).click();
  await page.getByRole("button", { name: "Remove this Jamf Pro instance…" }).click();
  const dialog = page.getByRole("dialog", { name: "Remove Acme?" });
  await expect(dialog).toContainText("Nothing changes in AWS or Jamf Pro");
  await dialog.getByRole("button", { name: "Remove" }).click();
  await expect(page.getByText("No Jamf Pro instances yet.")).toBeVisible();
  expect((await renderer.calls("cdp:targets:remove")).map((c) => c.request)).toEqual([{ targetId: "t-ok" }]);
});

test("reminders and launch at login switch at once; the default policy is validated", async ({ renderer, page }) => {
  await renderer.open({});
  await page.getByRole("button", { name: "Settings" }).click();
  const reminders = page.getByRole("switch", { name: /Reminders/ });
  await expect(reminders).toBeChecked();
  await reminders.click();
  await expect(reminders).not.toBeChecked();
  await page.getByRole("switch", { name: /Launch at login/ }).click();
  await expect(page.getByRole("switch", { name: /Launch at login/ })).toBeChecked();
  const policyForm = page.getByRole("form", { name: "Default rotation policy" });
  await policyForm.getByLabel("Max age (days)").fill("0");
  await policyForm.getByRole("button", { name: "Save policy" }).click();
  await expect(policyForm.locator(".field-error")).toHaveText("Whole days from 1 to 3650.");
  await policyForm.getByLabel("Max age (days)").fill("60");
  await policyForm.getByRole("button", { name: "Save policy" }).click();
  await expect(policyForm.getByRole("status")).toHaveText("Saved");
  expect((await renderer.calls("cdp:settings:set")).map((c) => c.request)).toEqual([
    { settings: { remindersEnabled: false } },
    { settings: { launchAtLogin: true } },
    { settings: { defaultPolicy: { maxAgeDays: 60, warningDays: 14, graceDays: 7 } } },
  ]);
});

test("settings a configuration profile sets are shown disabled with a note; the others still save", async ({ renderer, page }) => {
  const managed = "Set by your organization";
  await renderer.open({
    settings: {
      remindersEnabled: true,
      launchAtLogin: true,
      defaultPolicy: { maxAgeDays: 60, warningDays: 14, graceDays: 7 },
      managedKeys: ["launchAtLogin", "defaultPolicy.maxAgeDays"],
    },
  });
  await page.getByRole("button", { name: "Settings" }).click();

  const login = page.getByRole("switch", { name: /Launch at login/ });
  await expect(login).toBeChecked();
  await expect(login).toBeDisabled();
  await expect(login).toHaveAccessibleDescription(/Set by your organization/);
  const reminders = page.getByRole("switch", { name: /Reminders/ });
  await expect(reminders).toBeEnabled();
  await expect(reminders).not.toHaveAccessibleDescription(/Set by your organization/);

  const policyForm = page.getByRole("form", { name: "Default rotation policy" });
  const maxAge = policyForm.getByLabel("Max age (days)");
  await expect(maxAge).toBeDisabled();
  await expect(maxAge).toHaveValue("60");
  await expect(maxAge).toHaveAccessibleDescription(managed);
  await expect(policyForm.getByLabel("Grace (days)")).toBeEnabled();
  await expect(policyForm.getByLabel("Grace (days)")).not.toHaveAccessibleDescription(managed);
  await policyForm.getByLabel("Grace (days)").fill("10");
  await policyForm.getByRole("button", { name: "Save policy" }).click();
  await expect(policyForm.getByRole("status")).toHaveText("Saved");
  await reminders.click();
  await expect(reminders).not.toBeChecked();
  // The managed value goes back unchanged (main accepts it); nothing asks to change Launch at login.
  expect((await renderer.calls("cdp:settings:set")).map((c) => c.request)).toEqual([
    { settings: { defaultPolicy: { maxAgeDays: 60, warningDays: 14, graceDays: 10 } } },
    { settings: { remindersEnabled: false } },
  ]);
  // Still managed after a save: the answer keeps managedKeys.
  await expect(login).toBeDisabled();
  await expect(maxAge).toBeDisabled();
});

test("a policy the profile sets in full cannot be saved from the app", async ({ renderer, page }) => {
  const scenario = defaultScenario();
  await renderer.open({
    settings: { ...scenario.settings, managedKeys: ["defaultPolicy.maxAgeDays", "defaultPolicy.warningDays", "defaultPolicy.graceDays"] },
  });
  await page.getByRole("button", { name: "Settings" }).click();
  const policyForm = page.getByRole("form", { name: "Default rotation policy" });
  for (const label of ["Max age (days)", "Warn before (days)", "Grace (days)"]) await expect(policyForm.getByLabel(label)).toBeDisabled();
  await expect(policyForm.getByRole("button", { name: "Save policy" })).toBeDisabled();
  await expect(page.getByRole("switch", { name: /Reminders/ })).toBeEnabled();
});

test("after a failed test, Save warns once (Save anyway); another sign-in type clears the old test result", async ({ renderer, page }) => {
  await renderer.open({ preflight: failingPreflight() });
  await openAddForm(page);
  await fillValidForm(page);
  await expect(page.getByTestId("auth-hint").getByRole("listitem")).toHaveText(["Read Cloud Distribution Point", "Update Cloud Distribution Point"]);
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByTestId("preflight")).toContainText("Some checks failed");

  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByTestId("save-warning")).toContainText("The last connection test failed");
  expect(await renderer.calls("cdp:targets:save")).toHaveLength(0);
  await expect(page.getByRole("button", { name: "Save anyway" })).toBeVisible();

  await page.getByRole("radio", { name: "User account" }).check();
  await expect(page.getByTestId("preflight")).toHaveCount(0);
  await expect(page.getByTestId("save-warning")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Save", exact: true })).toBeVisible();
});

/** A Test connection answer whose CDP check failed. */
function failingPreflight() {
  const { preflight } = defaultScenario();
  preflight.checks[2] = { id: "cdp", label: "Cloud distribution point", ok: false, message: "The CDP is not Amazon S3." };
  preflight.ok = false;
  return preflight;
}
