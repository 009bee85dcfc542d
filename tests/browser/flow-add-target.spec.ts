// Flow: add a Jamf Pro instance and see its key's age. Through Settings (the admin types the Jamf
// Pro URL and API client, picks the AWS profile from their config files and the sandbox's
// endpoint), and through the empty state's "Try with the sandbox".
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { addSandboxTarget, card, goToTab, masked, writeAdminProfile } from "./flow-support/flow-actions";
import { expect, test } from "./flow-support/flow-fixture";

test.describe.configure({ timeout: 90_000 });

test("add a target through Settings: validation, Test connection, save, then the key's age on the overview", async ({ page, host }) => {
  const { world } = host;
  await writeAdminProfile(world, host.awsConfigDir, "sandbox-admin");
  await host.open();
  await goToTab(page, "Settings");
  await page.getByRole("region", { name: "Jamf Pro instances" }).getByRole("button", { name: "Add" }).click();
  const form = page.getByRole("region", { name: "Add Jamf Pro instance" });
  await expect(form.getByLabel("Name")).toBeVisible();

  // Nothing typed: every required field says what is wrong, and nothing is saved.
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByRole("alert").filter({ hasText: /Check the highlighted fields/ })).toBeVisible();
  await expect(form.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("Jamf Pro URL")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("Client ID")).toHaveAttribute("aria-invalid", "true");
  await expect(form).toContainText("Enter the API client secret.");

  // A plain-http address that is not this machine is refused with a way out.
  await form.getByLabel("Name").fill("Acme Sandbox");
  await form.getByLabel("Jamf Pro URL").fill("http://jamf.example.com");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form).toContainText("Use an https:// address");

  await form.getByLabel("Jamf Pro URL").fill(world.jamf.url);
  await form.getByLabel("Client ID").fill(world.jamfClient.clientId);
  await form.getByLabel("AWS profile").selectOption("sandbox-admin");
  await expect(form.getByLabel("Region")).toHaveValue("us-east-1");
  await form.getByText("Advanced").click();
  await form.getByLabel("IAM and STS endpoint").fill(world.aws.url);
  await expect(form.getByLabel("IAM user")).toHaveValue("");

  // Test connection with a wrong client secret: the Jamf Pro sign-in check fails, in words.
  await form.getByLabel("Client secret").fill("not-the-secret");
  await form.getByRole("button", { name: "Test connection" }).click();
  const failed = page.getByTestId("preflight");
  await expect(failed).toContainText("Some checks failed", { timeout: 20_000 });
  await expect(failed.getByRole("listitem").filter({ hasText: "Jamf Pro version" })).toContainText("Failed:");
  await expect(failed).toContainText("Jamf Pro rejected the API client ID or secret.");
  await expect(form.getByLabel("IAM user")).toHaveValue("");

  // The right secret: every check passes and the IAM user is found from the key Jamf Pro holds.
  await form.getByLabel("Client secret").fill(world.jamfClient.clientSecret);
  await form.getByRole("button", { name: "Test connection" }).click();
  const passed = page.getByRole("status").filter({ hasText: "Connection works" });
  await expect(passed).toBeVisible({ timeout: 20_000 });
  await expect(passed).not.toContainText("Failed:");
  await expect(passed).toContainText(masked(world.cdpKey.accessKeyId));
  await expect(form.getByLabel("IAM user")).toHaveValue(world.cdpUser);
  await expect(form).toContainText("Filled in from the key Jamf Pro holds.");
  // The secret field is never filled back in from anything the app knows.
  await expect(form.getByLabel("Client secret")).toHaveAttribute("type", "password");

  await form.getByRole("button", { name: "Save" }).click();
  const row = page.getByRole("list", { name: "Jamf Pro instances" }).getByRole("button", { name: "Edit Acme Sandbox" });
  await expect(row).toBeVisible();
  await expect(row).toContainText("sandbox-admin");
  await expect(row).not.toContainText("no secret stored");

  await goToTab(page, "Overview");
  const acme = card(page, "Acme Sandbox");
  await expect(acme).toContainText("Due soon", { timeout: 20_000 });
  await expect(acme).toContainText("83 days");
  await expect(acme).toContainText("7 days left");
  await expect(acme.getByRole("meter", { name: "Key age: 83 days of 90" })).toBeVisible();
  await expect(acme.getByTestId("held-key")).toContainText(masked(world.cdpKey.accessKeyId));
  await expect(acme).toContainText(`IAM user ${world.cdpUser}`);
  await expect(acme.getByRole("button", { name: "Rotate – Acme Sandbox" })).toBeVisible();
  await expect(page.getByTestId("summary")).toHaveText("1 due soon");
  // The full key id is not on the page, only its masked form.
  expect(await page.content()).not.toContain(world.cdpKey.accessKeyId);

  // The client secret went to the secret store, not into the data folder.
  const stored = await filesUnder(host.dataDir);
  expect(stored.length).toBeGreaterThan(0);
  for (const file of stored) expect((await readFile(file, "utf8")).includes(world.jamfClient.clientSecret), file).toBe(false);
  expect(host.secretStore.accounts().length).toBeGreaterThan(0);
});

test("add a target with Try with the sandbox and see its age: 83 days, due soon, the key masked", async ({ page, host }) => {
  const { world } = host;
  await host.open();
  await expect(page.getByTestId("summary")).toHaveText("No Jamf Pro instances yet");
  const sandbox = await addSandboxTarget(page);

  await expect(sandbox).toContainText("Due soon");
  await expect(sandbox).toContainText("83 days");
  await expect(sandbox.getByRole("meter", { name: "Key age: 83 days of 90" })).toBeVisible();
  await expect(sandbox.getByTestId("held-key")).toHaveText(new RegExp(`^${escape(masked(world.cdpKey.accessKeyId))}`));
  await expect(sandbox).toContainText(`IAM user ${world.cdpUser}`);
  await expect(sandbox).toContainText(/Last used.*s3 · us-east-1/);
  await expect(sandbox).toContainText(new URL(world.jamf.url).host);
  expect(await page.content()).not.toContain(world.cdpKey.accessKeyId);

  // Settings lists it with its secret stored.
  await goToTab(page, "Settings");
  const row = page.getByRole("list", { name: "Jamf Pro instances" }).getByRole("button", { name: "Edit Sandbox" });
  await expect(row).toBeVisible();
  await expect(row).not.toContainText("no secret stored");
});

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
