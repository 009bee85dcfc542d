// IAM Identity Center sign-in against the sandbox's SSO OIDC and portal: the device flow honours
// interval and slow_down, the token cache is the AWS CLI v2's (file name, fields, 0600), a refresh
// token signs in again without the browser, and the real SDK's SSO provider uses the cache.
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, afterEach, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { AwsIamClient } from "../../src/core/aws/aws-iam-client";
import { isSsoVerificationUrl, ssoCacheFile, ssoLogin, type SsoDeviceCode } from "../../src/core/aws/sso-login";
import type { Clock } from "../../src/core/ports";
import { startAwsPeer } from "../../src/sandbox/aws/aws-peer";
import type { AwsPeer } from "../../src/sandbox/aws/aws-peer-types";
import { seedCdpAccount } from "../../src/sandbox/aws/aws-seed";
import { failsWith } from "./support/assertions";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
const START_URL = "https://example.awsapps.com/start";
const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

describe("IAM Identity Center sign-in (cdp-key-rotator login)", () => {
  let peer: AwsPeer;
  let home: string;
  let saved: NodeJS.ProcessEnv;
  let env: Record<string, string>;
  const clients: AwsIamClient[] = [];

  /** A clock whose sleeps are recorded and return at once; `onSleep` acts as the person at the browser. */
  function recordingClock(onSleep: (count: number) => void = () => undefined): Clock & { sleeps: number[] } {
    const sleeps: number[] = [];
    return {
      sleeps,
      now: () => new Date(),
      sleep: async (ms) => {
        sleeps.push(ms);
        onSleep(sleeps.length);
      },
    };
  }

  before(async () => {
    peer = await startAwsPeer();
  });
  after(async () => {
    await peer.stop();
  });
  beforeEach(async () => {
    peer.control.reset();
    seedCdpAccount(peer.control);
    peer.control.createRole({ roleName: "KeyRotation", trustedUsers: [], actions: ["iam:*"] });
    peer.sso.assign("KeyRotation");
    peer.sso.setInterval(0);
    saved = { ...process.env };
    for (const name of Object.keys(process.env)) if (name.startsWith("AWS_") && name !== "AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED") delete process.env[name];
    home = await mkdtemp(join(tmpdir(), "cdp-sso-home-"));
    env = { HOME: home, AWS_CONFIG_FILE: join(home, "aws-config"), AWS_ENDPOINT_URL: peer.url };
    Object.assign(process.env, env);
    await writeFile(
      env.AWS_CONFIG_FILE!,
      [
        "[profile sso-admin]",
        "sso_session = corp",
        "sso_account_id = 123456789012",
        "sso_role_name = KeyRotation",
        "region = us-east-1",
        "",
        "[sso-session corp]",
        `sso_start_url = ${START_URL}`,
        "sso_region = us-east-1",
        "sso_registration_scopes = sso:account:access",
        "",
        "[profile legacy]",
        `sso_start_url = ${START_URL}/legacy`,
        "sso_region = us-east-1",
        "sso_account_id = 123456789012",
        "sso_role_name = KeyRotation",
        "",
        "[profile keys-only]",
        "region = us-east-1",
        "",
      ].join("\n"),
    );
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
    await rm(home, { recursive: true, force: true });
  });

  it("signs in with the device flow, honouring interval and slow_down, and writes the AWS CLI's cache", async () => {
    const shown: SsoDeviceCode[] = [];
    peer.sso.slowDownNext(1);
    const clock = recordingClock((count) => {
      if (count === 3) peer.sso.approve(shown[0]!.userCode); // the admin approves in the browser
    });
    const result = await ssoLogin("sso-admin", { env, clock, onDeviceCode: (code) => void shown.push(code) });
    assert.equal(result.how, "device");
    assert.equal(shown.length, 1);
    assert.match(shown[0]!.userCode, /^[A-Z]{4}-[A-Z]{4}$/);
    assert.ok(isSsoVerificationUrl(shown[0]!.verificationUriComplete));
    assert.deepEqual(clock.sleeps, [1000, 6000, 6000], "the interval, then 5 s more after slow_down");
    assert.deepEqual(peer.sso.tokenAnswers(), ["SlowDownException", "AuthorizationPendingException", "ok"]);

    // Where and how the AWS CLI v2 writes it: SHA-1 of the sso-session name, 0600, its fields.
    const file = join(home, ".aws", "sso", "cache", `${sha1("corp")}.json`);
    assert.equal(result.cacheFile, file);
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    const cache = JSON.parse(await readFile(file, "utf8")) as Record<string, string>;
    assert.deepEqual(Object.keys(cache).sort(), ["accessToken", "clientId", "clientSecret", "expiresAt", "refreshToken", "region", "registrationExpiresAt", "startUrl"]);
    assert.equal(cache.startUrl, START_URL);
    assert.equal(cache.region, "us-east-1");
    assert.match(cache.expiresAt!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.match(cache.registrationExpiresAt!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    // The real SDK's SSO provider reads that cache and gets role credentials from the portal.
    const aws = new AwsIamClient({ region: "us-east-1", profile: "sso-admin", endpointUrl: peer.url });
    clients.push(aws);
    assert.match((await aws.getAdminIdentity()).arn, /assumed-role\/KeyRotation\//);
    assert.equal((await aws.listAccessKeys("jamf-cdp")).length, 1);

    // Again: the refresh token suffices, no code, no browser.
    const again = await ssoLogin("sso-admin", { env, clock: recordingClock(), onDeviceCode: () => assert.fail("no device code with a refresh token") });
    assert.equal(again.how, "refreshed");
    const refreshed = JSON.parse(await readFile(file, "utf8")) as Record<string, string>;
    assert.notEqual(refreshed.accessToken, cache.accessToken);
    assert.notEqual(refreshed.refreshToken, cache.refreshToken);
    assert.equal(refreshed.clientId, cache.clientId, "the registration is reused");
  });

  it("a legacy profile's cache is keyed by the start URL and holds no registration; an expired code says so", async () => {
    let code = "";
    await ssoLogin("legacy", {
      env,
      clock: recordingClock(() => peer.sso.approve(code)),
      onDeviceCode: (shown) => void (code = shown.userCode),
    });
    const file = ssoCacheFile(env, { sessionName: null, startUrl: `${START_URL}/legacy` });
    assert.equal(file, join(home, ".aws", "sso", "cache", `${sha1(`${START_URL}/legacy`)}.json`));
    assert.deepEqual(Object.keys(JSON.parse(await readFile(file, "utf8")) as object).sort(), ["accessToken", "expiresAt", "region", "startUrl"]);

    // Nobody approves: after the code's lifetime, a clear message (the clock's now jumps ahead).
    let offset = 0;
    const late: Clock = { now: () => new Date(Date.now() + offset), sleep: async () => void (offset += 700_000) };
    const expired = await failsWith(ssoLogin("legacy", { env, clock: late, onDeviceCode: () => undefined }), "AWS_EXPIRED_TOKEN");
    assert.match(expired.message, /expired before it was approved/);
  });

  it("a profile without IAM Identity Center settings is refused with the fix", async () => {
    const refused = await failsWith(ssoLogin("keys-only", { env, clock: recordingClock(), onDeviceCode: () => undefined }), "CONFIG_INVALID");
    assert.match(refused.message, /"keys-only" is not an IAM Identity Center profile/);
    assert.match(refused.action ?? "", /aws configure sso --profile keys-only/);
  });

  it("opens only IAM Identity Center's own https pages", () => {
    assert.equal(isSsoVerificationUrl("https://device.sso.us-east-1.amazonaws.com/?user_code=ABCD-EFGH"), true);
    assert.equal(isSsoVerificationUrl("https://d-123.awsapps.com/start/#/device"), true);
    assert.equal(isSsoVerificationUrl("http://device.sso.us-east-1.amazonaws.com/"), false);
    assert.equal(isSsoVerificationUrl("https://amazonaws.com.evil.example/"), false);
    assert.equal(isSsoVerificationUrl("https://user:pw@device.sso.us-east-1.amazonaws.com/"), false);
  });
});
