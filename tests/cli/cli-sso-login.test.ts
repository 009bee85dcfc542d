// `cdp-key-rotator login`: the real CLI signs in to the sandbox's IAM Identity Center (approved
// through its control endpoint, as the admin would in the browser), says where it saved the
// sign-in, and then `targets test` of a target with that SSO profile works through the real SDK's
// SSO provider. A second login uses the refresh token; a denied code gives a clear message.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, it } from "node:test";
import type { AwsPeer } from "../../src/sandbox/aws/aws-peer-types";
import { assignSsoRole, ssoConfigText } from "../support/sso-fixtures";
import { assertNoStack, CliWorld, keychainSkipReason } from "./cli-harness";

const skip = await keychainSkipReason();

describe("cdp-key-rotator login (IAM Identity Center)", { skip }, () => {
  let world: CliWorld;
  let env: Record<string, string | undefined>;
  const peer = () => world.sandbox.aws as AwsPeer;
  const control = async (action: "approve" | "deny", userCode: string) => {
    const response = await fetch(`${world.sandbox.aws.url}/_sandbox/sso/${action}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ userCode }) });
    assert.equal(response.status, 200, await response.text());
  };

  beforeEach(async () => {
    world = await CliWorld.start();
    assignSsoRole(peer());
    env = { HOME: world.home, AWS_CONFIG_FILE: join(world.home, "aws-config"), AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_SESSION_TOKEN: undefined };
    await writeFile(env.AWS_CONFIG_FILE!, ssoConfigText());
  });
  afterEach(async () => {
    await world.stop();
  });

  it("shows the code and the address, waits for the approval, saves the AWS CLI's cache, and the target then works", async () => {
    await world.addTarget("SSO Lab", ["--aws-profile", "sso-admin", "--iam-user", world.sandbox.cdpUser]);
    const before = await world.run(["targets", "test", "SSO Lab"], { env });
    assert.equal(before.code, 1, "no sign-in yet");
    assert.match(before.stdout + before.stderr, /IAM Identity Center sign-in for AWS profile "sso-admin" is missing or has expired/);
    assert.match(before.stdout + before.stderr, /cdp-key-rotator login --profile sso-admin/);
    assertNoStack(before);

    const running = world.start(["login", "--profile", "sso-admin"], { env });
    await running.waitFor(/Waiting for the approval/);
    const out = () => running.done.then((result) => result.stdout);
    const [userCode] = peer().sso.pendingUserCodes();
    assert.ok(userCode, "a pending device code");
    await control("approve", userCode);
    const stdout = await out();
    const cacheFile = join(world.home, ".aws", "sso", "cache", `${createHash("sha1").update("corp").digest("hex")}.json`);
    assert.match(stdout, new RegExp(`check that it shows the code ${userCode}`));
    assert.match(stdout, /open https:\/\/device\.sso\.us-east-1\.amazonaws\.com\//);
    assert.ok(stdout.includes(`saved in ${cacheFile}`), stdout);
    assert.equal((await stat(cacheFile)).mode & 0o777, 0o600);
    const token = JSON.parse(await readFile(cacheFile, "utf8")) as Record<string, string>;
    assert.ok(!stdout.includes(token.accessToken!) && !stdout.includes(token.refreshToken!), "no token is printed");

    const after = await world.run(["targets", "test", "SSO Lab"], { env });
    assert.equal(after.code, 0, after.stdout + after.stderr);
    assert.match(after.stdout, /All checks passed/);
    const status = await world.run(["status"], { env });
    // The sandbox's key is 83 days old: status reads it through the SSO role and says it is due soon (exit 2).
    assert.equal(status.code, 2, status.stdout + status.stderr);
    assert.match(status.stdout, /SSO Lab\s+due soon/);
    assert.doesNotMatch(status.stdout + status.stderr, /sign-in .* is missing or has expired/);

    const again = await world.run(["login", "--profile", "sso-admin"], { env });
    assert.equal(again.code, 0, again.stdout + again.stderr);
    assert.match(again.stdout, /with the saved session \(no browser needed\)/);
    assert.doesNotMatch(again.stdout, /Waiting for the approval/);
  });

  it("a denied code says so, without a stack trace", async () => {
    const running = world.start(["login", "--profile", "sso-admin"], { env });
    await running.waitFor(/Waiting for the approval/);
    await control("deny", peer().sso.pendingUserCodes()[0]!);
    const result = await running.done;
    assert.equal(result.code, 1);
    assert.match(result.stderr, /was denied in the browser/);
    assert.match(result.stderr, /Sign in again and choose Allow/);
    assertNoStack(result);
  });

  it("Ctrl-C while waiting cancels cleanly and saves nothing", async () => {
    const running = world.start(["login", "--profile", "sso-admin"], { env });
    await running.waitFor(/Ctrl-C cancels/);
    running.signal("SIGINT");
    const result = await running.done;
    assert.equal(result.code, 1);
    assert.match(result.stderr, /The IAM Identity Center sign-in was cancelled; nothing was saved/);
    assertNoStack(result);
    const cacheFile = join(world.home, ".aws", "sso", "cache", `${createHash("sha1").update("corp").digest("hex")}.json`);
    await assert.rejects(stat(cacheFile), /ENOENT/);
  });
});
