// Flow: an AWS profile that signs in with IAM Identity Center, with no sign-in yet. Test
// connection fails with "Sign in with IAM Identity Center"; the dialog shows the CLI's words and
// the code before anything is opened; Open sign-in page opens IAM Identity Center's page with the
// code; Cancel stops cleanly; approved (through the sandbox's control endpoint, as the admin would
// in the browser) the dialog closes and the test runs again and passes. No token reaches the page.
import { readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { AwsPeer } from "../../src/sandbox/aws/aws-peer-types";
import { ipcRequestSchemas } from "../../src/shared/ipc-contract";
import { card, goToTab } from "./flow-support/flow-actions";
import { assignSsoRole, ssoConfigText } from "../support/sso-fixtures";
import { expect, test, type FlowHost } from "./flow-support/flow-fixture";

test.describe.configure({ timeout: 120_000 });

/**
 * The sandbox role and ~/.aws/config profiles of tests/support/sso-fixtures.ts. The SDK's SSO
 * provider reads ~/.aws/sso/cache under process.env.HOME; the host's env points HOME at the test's
 * AWS folder, so the process must agree (as it does in the app: one env). Returns the restore.
 */
async function setUpSso(host: FlowHost): Promise<() => void> {
  assignSsoRole(host.world.aws as AwsPeer);
  await writeFile(join(host.awsConfigDir, "config"), ssoConfigText(), { mode: 0o600 });
  const savedHome = process.env.HOME;
  process.env.HOME = host.awsConfigDir;
  return () => {
    process.env.HOME = savedHome;
  };
}

test("Test connection with an SSO profile: Sign in with IAM Identity Center, Cancel, approve, and the test passes", async ({ page, host }) => {
  const { world } = host;
  const peer = world.aws as AwsPeer;
  const restoreHome = await setUpSso(host);
  try {
    // The browser's sign-in page is IAM Identity Center's; here it is a stand-in page.
    const opened: string[] = [];
    await page.context().route("https://device.sso.us-east-1.amazonaws.com/**", async (route) => {
      opened.push(route.request().url());
      await route.fulfill({ status: 200, contentType: "text/html", body: "<title>AWS sign-in</title><p>Approve the code</p>" });
    });

    await host.open();
    await goToTab(page, "Settings");
    await page.getByRole("region", { name: "Jamf Pro instances" }).getByRole("button", { name: "Add" }).click();
    const form = page.getByRole("region", { name: "Add Jamf Pro instance" });
    await form.getByLabel("Name").fill("SSO Lab");
    await form.getByLabel("Jamf Pro URL").fill(world.jamf.url);
    await form.getByLabel("Client ID").fill(world.jamfClient.clientId);
    await form.getByLabel("AWS profile").selectOption("sso-admin");
    await form.getByText("Advanced").click();
    await form.getByLabel("IAM and STS endpoint").fill(world.aws.url);
    await form.getByLabel("Client secret").fill(world.jamfClient.clientSecret);

    // No sign-in yet: the check says so and offers the way forward (no "run aws sso login").
    await form.getByRole("button", { name: "Test connection" }).click();
    const failed = page.getByTestId("preflight");
    await expect(failed).toContainText("Some checks failed", { timeout: 30_000 });
    await expect(failed).toContainText('The IAM Identity Center sign-in for AWS profile "sso-admin" is missing or has expired.');
    const signIn = form.getByRole("button", { name: "Sign in with IAM Identity Center" });
    await signIn.click();

    // The dialog: the words, the profile and the code, before anything is opened.
    const dialog = page.getByRole("dialog", { name: "Sign in with IAM Identity Center" });
    await expect(dialog).toBeVisible({ timeout: 20_000 });
    const [firstCode] = peer.sso.pendingUserCodes();
    expect(firstCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    await expect(dialog.getByTestId("sso-user-code")).toHaveText(firstCode!);
    await expect(dialog.getByTestId("sso-instructions")).toContainText(`check that it shows the code ${firstCode}, then choose Allow`);
    await expect(dialog).toContainText("sso-admin");
    await expect(dialog).toContainText("Waiting for your approval in the browser…");
    expect(opened).toEqual([]);

    // Cancel: the dialog closes, the sign-in stops in main (the code is no longer polled for).
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
    const answersAfterCancel = peer.sso.tokenAnswers().length;

    // Again: Open sign-in page opens IAM Identity Center's page carrying the new code; approve it.
    await signIn.click();
    await expect(dialog).toBeVisible({ timeout: 20_000 });
    const code = (await dialog.getByTestId("sso-user-code").textContent()) ?? "";
    expect(code).not.toBe(firstCode);
    const popup = page.waitForEvent("popup");
    await dialog.getByRole("button", { name: "Open sign-in page" }).click();
    await (await popup).close();
    expect(opened).toEqual([`https://device.sso.us-east-1.amazonaws.com/?user_code=${code}`]);
    const approved = await fetch(`${world.aws.url}/_sandbox/sso/approve`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ userCode: code }) });
    expect(approved.status).toBe(200);

    // Approved: the dialog closes, the test runs again by itself and passes.
    await expect(dialog).toBeHidden({ timeout: 30_000 });
    await expect(form.getByTestId("sso-signed-in")).toContainText('Signed in to https://example.awsapps.com/start for AWS profile "sso-admin"');
    await expect(page.getByRole("status").filter({ hasText: "Connection works" })).toBeVisible({ timeout: 30_000 });
    // The cancelled code was never polled again after Cancel (only the second one was).
    const polledCancelled = peer.sso.tokenAnswers().slice(answersAfterCancel);
    expect(polledCancelled.at(-1)).toBe("ok");

    // The sign-in is where the AWS CLI keeps it, and no token ever reached the page.
    const cacheDir = join(host.awsConfigDir, ".aws", "sso", "cache");
    const tokens: string[] = [];
    for (const file of await readdir(cacheDir)) {
      const saved = JSON.parse(await readFile(join(cacheDir, file), "utf8")) as Record<string, string>;
      for (const field of ["accessToken", "refreshToken", "clientSecret"]) if (saved[field]) tokens.push(saved[field]!);
    }
    expect(tokens.length).toBeGreaterThanOrEqual(3);
    const traffic = await host.bridgeTraffic();
    expect(traffic.some((message) => message.channel.endsWith("cdp:sso:wait"))).toBe(true);
    expect(traffic.filter((message) => tokens.some((token) => message.body.includes(token)))).toEqual([]);
  } finally {
    restoreHome();
  }
});

test("A card whose SSO profile has no sign-in offers Sign in with IAM Identity Center, and reads the status again once approved", async ({ page, host }) => {
  const { world } = host;
  const peer = world.aws as AwsPeer;
  const restoreHome = await setUpSso(host);
  try {
    const request = ipcRequestSchemas["cdp:targets:save"].parse({
      target: { name: "SSO Card", jamfUrl: world.jamf.url, jamfAuth: { kind: "api-client", clientId: world.jamfClient.clientId }, awsProfile: "legacy", awsEndpointUrl: world.aws.url, iamUser: world.cdpUser },
      secret: world.jamfClient.clientSecret,
    });
    await host.preview.services.backend["cdp:targets:save"](request);

    await host.open();
    const target = card(page, "SSO Card");
    await expect(target).toHaveAttribute("data-state", "error", { timeout: 30_000 });
    await expect(target).toContainText('The IAM Identity Center sign-in for AWS profile "legacy" is missing or has expired.');
    await target.getByRole("button", { name: "Sign in with IAM Identity Center – SSO Card" }).click();
    const dialog = page.getByRole("dialog", { name: "Sign in with IAM Identity Center" });
    await expect(dialog).toBeVisible({ timeout: 20_000 });
    const code = (await dialog.getByTestId("sso-user-code").textContent()) ?? "";
    expect(peer.sso.pendingUserCodes()).toEqual([code]);

    // Denied in the browser: the dialog says so and offers Try again.
    const control = (action: string, userCode: string) =>
      fetch(`${world.aws.url}/_sandbox/sso/${action}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ userCode }) });
    expect((await control("deny", code)).status).toBe(200);
    await expect(dialog).toContainText("was denied in the browser", { timeout: 30_000 });
    await dialog.getByRole("button", { name: "Try again" }).click();
    await expect(dialog.getByTestId("sso-user-code")).not.toHaveText(code, { timeout: 20_000 });
    const second = (await dialog.getByTestId("sso-user-code").textContent()) ?? "";
    expect((await control("approve", second)).status).toBe(200);

    // Approved: the card is read again and shows the key.
    await expect(dialog).toBeHidden({ timeout: 30_000 });
    await expect(target).not.toHaveAttribute("data-state", "error", { timeout: 30_000 });
    await expect(target.getByTestId("held-key")).toContainText("AKIA");
  } finally {
    restoreHome();
  }
});
