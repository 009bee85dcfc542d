// Flow: an AWS profile that assumes a role with MFA. Test connection asks for the code in a
// dialog: a malformed code is refused in the dialog, Cancel stops the check and says so, and the
// right code lets every check pass. The code never comes back from the app to the page.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { SANDBOX_MFA_CODE, type AwsPeerSandboxControl } from "../../src/sandbox/aws/aws-peer-types";
import { goToTab } from "./flow-support/flow-actions";
import { expect, test } from "./flow-support/flow-fixture";

test.describe.configure({ timeout: 90_000 });

test("Test connection with an MFA profile: the dialog refuses a malformed code, Cancel stops, the right code proceeds", async ({ page, host }) => {
  const { world } = host;
  const control = world.aws.control as AwsPeerSandboxControl;
  control.createUser("alice");
  const alice = control.issueKey("alice");
  control.createRole({ roleName: "key-rotator", trustedUsers: ["alice"], requireMfa: true, actions: ["iam:*"] });
  const serial = control.mfaSerial("alice");
  await writeFile(join(host.awsConfigDir, "credentials"), `[alice]\naws_access_key_id = ${alice.accessKeyId}\naws_secret_access_key = ${alice.secretAccessKey}\n`, { mode: 0o600 });
  await writeFile(
    join(host.awsConfigDir, "config"),
    `[profile rotator]\nrole_arn = arn:aws:iam::123456789012:role/key-rotator\nsource_profile = alice\nmfa_serial = ${serial}\nrole_session_name = cdp-app\n`,
    { mode: 0o600 },
  );

  await host.open();
  await goToTab(page, "Settings");
  await page.getByRole("region", { name: "Jamf Pro instances" }).getByRole("button", { name: "Add" }).click();
  const form = page.getByRole("region", { name: "Add Jamf Pro instance" });
  await form.getByLabel("Name").fill("MFA Lab");
  await form.getByLabel("Jamf Pro URL").fill(world.jamf.url);
  await form.getByLabel("Client ID").fill(world.jamfClient.clientId);
  await form.getByLabel("AWS profile").selectOption("rotator");
  await form.getByText("Advanced").click();
  await form.getByLabel("IAM and STS endpoint").fill(world.aws.url);
  await form.getByLabel("Client secret").fill(world.jamfClient.clientSecret);

  // The question appears in full, in the core's words.
  await form.getByRole("button", { name: "Test connection" }).click();
  const dialog = page.getByRole("dialog", { name: "MFA code" });
  await expect(dialog).toBeVisible({ timeout: 20_000 });
  await expect(dialog).toContainText(`AWS asks for a code from your MFA device ${serial}. Enter the 6-digit code it shows now.`);

  // A malformed code is refused before it leaves the page; the dialog stays.
  await dialog.getByLabel("MFA code").fill("12ab");
  await dialog.getByRole("button", { name: "Continue" }).click();
  await expect(dialog).toContainText("An MFA code is 6 digits.");
  await expect(dialog.getByLabel("MFA code")).toHaveAttribute("aria-invalid", "true");

  // Cancel stops the check, and the result says why.
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  const failed = page.getByTestId("preflight");
  await expect(failed).toContainText("Some checks failed", { timeout: 20_000 });
  await expect(failed).toContainText("was cancelled, so nothing was asked of AWS");

  // Again, with the right code: every check passes.
  await form.getByRole("button", { name: "Test connection" }).click();
  await expect(dialog).toBeVisible({ timeout: 20_000 });
  await dialog.getByLabel("MFA code").fill(SANDBOX_MFA_CODE);
  await dialog.getByRole("button", { name: "Continue" }).click();
  await expect(dialog).toBeHidden({ timeout: 20_000 });
  await expect(page.getByRole("status").filter({ hasText: "Connection works" })).toBeVisible({ timeout: 20_000 });

  // Main never sent the code back (word boundaries: the account id starts with the same digits).
  const traffic = await host.bridgeTraffic();
  expect(traffic.some((message) => message.channel === "cdp:event:mfa")).toBe(true);
  expect(traffic.filter((message) => new RegExp(`\\b${SANDBOX_MFA_CODE}\\b`).test(message.body))).toEqual([]);
});
