// IAM Identity Center sign-in against the sandbox's SSO OIDC and portal: the device flow honours
// interval and slow_down, the token cache is the AWS CLI v2's (file name, fields, 0600), a refresh
// token signs in again without the browser, and the real SDK's SSO provider uses the cache.
import { createHash } from "node:crypto";
import { readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, afterEach, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { AwsIamClient } from "../../src/core/aws/aws-iam-client";
import { isSsoVerificationUrl, ssoCacheFile, ssoLogin, type SsoDeviceCode } from "../../src/core/aws/sso-login";
import { ssoRegistrationFile } from "../../src/core/aws/sso-token-cache";
import { globalHttpFetch, type HttpFetch } from "../../src/core/net/http-fetch";
import type { Clock } from "../../src/core/ports";
import { startAwsPeer } from "../../src/sandbox/aws/aws-peer";
import type { AwsPeer } from "../../src/sandbox/aws/aws-peer-types";
import { seedCdpAccount } from "../../src/sandbox/aws/aws-seed";
import { assignSsoRole, SSO_START_URL, ssoConfigText } from "../support/sso-fixtures";
import { failsWith } from "./support/assertions";
import { isolateAwsEnv, type IsolatedAwsEnv } from "./support/aws-env";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
const START_URL = SSO_START_URL;
const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

describe("IAM Identity Center sign-in (cdp-key-rotator login)", () => {
  let peer: AwsPeer;
  let home: string;
  let awsEnv: IsolatedAwsEnv;
  let env: Record<string, string>;
  const clients: AwsIamClient[] = [];

  /**
   * The sandbox's clock, seen from the client: a sleep advances it at once (the test does not wait)
   * and the peer sees the same time, so its interval and lifetime checks are real. `onSleep` acts
   * as the person at the browser.
   */
  function sandboxClock(onSleep: (count: number) => void = () => undefined): Clock & { sleeps: number[] } {
    const sleeps: number[] = [];
    return {
      sleeps,
      now: () => peer.control.now(),
      sleep: async (ms) => {
        sleeps.push(ms);
        peer.control.advanceClock(ms);
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
    assignSsoRole(peer);
    peer.sso.setInterval(1);
    peer.sso.setDeviceCodeLifetime(600);
    awsEnv = await isolateAwsEnv("cdp-sso-home-");
    home = awsEnv.home;
    env = { HOME: home, AWS_CONFIG_FILE: awsEnv.configFile, AWS_ENDPOINT_URL: peer.url };
    Object.assign(process.env, env);
    await writeFile(env.AWS_CONFIG_FILE!, `${ssoConfigText()}\n[profile keys-only]\nregion = us-east-1\n`);
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await awsEnv.restore();
  });

  it("signs in with the device flow, honouring interval and slow_down, and writes the AWS CLI's caches", async () => {
    const shown: SsoDeviceCode[] = [];
    peer.sso.slowDownNext(1);
    const clock = sandboxClock((count) => {
      if (count === 3) peer.sso.approve(shown[0]!.userCode); // the admin approves in the browser
    });
    const result = await ssoLogin("sso-admin", { env, clock, onDeviceCode: (code) => void shown.push(code) });
    assert.equal(result.how, "device");
    assert.equal(shown.length, 1);
    assert.match(shown[0]!.userCode, /^[A-Z]{4}-[A-Z]{4}$/);
    assert.ok(isSsoVerificationUrl(shown[0]!.verificationUriComplete));
    assert.ok(shown[0]!.verificationUriComplete.includes(shown[0]!.userCode));
    assert.deepEqual(clock.sleeps, [1000, 6000, 6000], "the interval, then 5 s more after slow_down");
    assert.deepEqual(peer.sso.tokenAnswers(), ["SlowDownException", "AuthorizationPendingException", "ok"]);

    // Where and how the AWS CLI v2 writes it: SHA-1 of the sso-session name, 0600 in a 0700 folder.
    const dir = join(home, ".aws", "sso", "cache");
    const file = join(dir, `${sha1("corp")}.json`);
    assert.equal(result.cacheFile, file);
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    assert.equal((await stat(dir)).mode & 0o777, 0o700);
    const cache = JSON.parse(await readFile(file, "utf8")) as Record<string, string>;
    assert.deepEqual(Object.keys(cache), ["startUrl", "region", "accessToken", "expiresAt", "clientId", "clientSecret", "registrationExpiresAt", "refreshToken"]);
    assert.equal(cache.startUrl, START_URL);
    assert.equal(cache.region, "us-east-1");
    assert.match(cache.expiresAt!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.match(cache.registrationExpiresAt!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const lifetime = Date.parse(cache.expiresAt!) - peer.control.now().getTime();
    assert.ok(lifetime <= 8 * 3600_000 && lifetime > 8 * 3600_000 - 5000, `expiresIn (8 h) from when it was issued, whole seconds: ${lifetime} ms`);

    // The registration cache botocore keys by the SHA-1 of its JSON of these arguments (sorted keys,
    // Python's separators), so `aws sso login` reuses our registration and we reuse its.
    const registrationKey = sha1(`{"region": "us-east-1", "scopes": ["sso:account:access"], "session_name": "corp", "startUrl": "${START_URL}", "tool": "botocore"}`);
    const registrationFile = join(dir, `${registrationKey}.json`);
    assert.equal((await stat(registrationFile)).mode & 0o777, 0o600);
    const registration = JSON.parse(await readFile(registrationFile, "utf8")) as Record<string, unknown>;
    assert.deepEqual(registration, { clientId: cache.clientId, clientSecret: cache.clientSecret, expiresAt: cache.registrationExpiresAt, scopes: ["sso:account:access"] });

    // The real SDK's SSO provider reads that cache and gets role credentials from the portal,
    // through the host's transport (proxy, roots) like IAM and STS: every request is seen here.
    const seen: string[] = [];
    const counting: HttpFetch = (url, init) => {
      seen.push(`${init.method} ${new URL(url).pathname}`);
      return globalHttpFetch(url, init);
    };
    const aws = new AwsIamClient({ region: "us-east-1", profile: "sso-admin", endpointUrl: peer.url }, { fetch: counting });
    clients.push(aws);
    assert.match((await aws.getAdminIdentity()).arn, /assumed-role\/KeyRotation\//);
    assert.equal((await aws.listAccessKeys("jamf-cdp")).length, 1);
    assert.ok(seen.includes("GET /federation/credentials"), seen.join(", "));

    // Again: the refresh token suffices, no code, no browser.
    const again = await ssoLogin("sso-admin", { env, clock: sandboxClock(), onDeviceCode: () => assert.fail("no device code with a refresh token") });
    assert.equal(again.how, "refreshed");
    const refreshed = JSON.parse(await readFile(file, "utf8")) as Record<string, string>;
    assert.notEqual(refreshed.accessToken, cache.accessToken);
    assert.notEqual(refreshed.refreshToken, cache.refreshToken);
    assert.equal(refreshed.clientId, cache.clientId, "the registration is reused");

    // A session that now points at another start URL: its old refresh token is not used there.
    await writeFile(env.AWS_CONFIG_FILE!, (await readFile(env.AWS_CONFIG_FILE!, "utf8")).replace(`sso_start_url = ${START_URL}\n`, `sso_start_url = ${START_URL}/moved\n`));
    let movedCode = "";
    const moved = await ssoLogin("sso-admin", { env, clock: sandboxClock(() => peer.sso.approve(movedCode)), onDeviceCode: (shownCode) => void (movedCode = shownCode.userCode) });
    assert.equal(moved.how, "device", "the device flow, not the other start URL's refresh token");
    assert.equal((JSON.parse(await readFile(file, "utf8")) as Record<string, string>).startUrl, `${START_URL}/moved`);
    await writeFile(env.AWS_CONFIG_FILE!, (await readFile(env.AWS_CONFIG_FILE!, "utf8")).replace(`${START_URL}/moved`, START_URL));
    const current = JSON.parse(await readFile(file, "utf8")) as Record<string, string>;
    await writeFile(file, JSON.stringify({ ...current, startUrl: START_URL }));

    // A revoked refresh token: back to the device flow, with the cached registration (no new RegisterClient).
    await writeFile(file, JSON.stringify({ ...current, startUrl: START_URL, refreshToken: "aor-revoked" }));
    let code = "";
    const third = await ssoLogin("sso-admin", { env, clock: sandboxClock(() => peer.sso.approve(code)), onDeviceCode: (shownCode) => void (code = shownCode.userCode) });
    assert.equal(third.how, "device");
    assert.equal((JSON.parse(await readFile(file, "utf8")) as Record<string, string>).clientId, cache.clientId);
  });

  it("a legacy profile's cache is keyed by the start URL; an expired code, a denied code and Cancel say so", async () => {
    let code = "";
    await ssoLogin("legacy", {
      env,
      clock: sandboxClock(() => peer.sso.approve(code)),
      onDeviceCode: (shown) => void (code = shown.userCode),
    });
    const file = ssoCacheFile(env, { sessionName: null, startUrl: `${START_URL}/legacy` });
    assert.equal(file, join(home, ".aws", "sso", "cache", `${sha1(`${START_URL}/legacy`)}.json`));
    // `aws sso login` caches the registration alongside for legacy profiles too (no scopes: no refresh token).
    assert.deepEqual(Object.keys(JSON.parse(await readFile(file, "utf8")) as object), ["startUrl", "region", "accessToken", "expiresAt", "clientId", "clientSecret", "registrationExpiresAt"]);
    const registrationKey = sha1(`{"region": "us-east-1", "scopes": null, "session_name": null, "startUrl": "${START_URL}/legacy", "tool": "botocore"}`);
    assert.ok((await stat(join(home, ".aws", "sso", "cache", `${registrationKey}.json`))).isFile());

    // Nobody approves: after the code's lifetime, a clear message.
    peer.sso.setDeviceCodeLifetime(3);
    const expired = await failsWith(ssoLogin("legacy", { env, clock: sandboxClock(), onDeviceCode: () => undefined }), "AWS_EXPIRED_TOKEN");
    assert.match(expired.message, /expired before it was approved/);
    assert.match(expired.action ?? "", /Sign in again/);
    peer.sso.setDeviceCodeLifetime(600);

    // Denied in the browser (through the sandbox's control endpoint, as a person would).
    const deny = async (userCode: string) => {
      const response = await fetch(`${peer.url}/_sandbox/sso/deny`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ userCode }) });
      assert.equal(response.status, 200, await response.text());
    };
    let pending: Promise<void> = Promise.resolve();
    const denied = await failsWith(
      ssoLogin("legacy", { env, clock: { now: () => peer.control.now(), sleep: async (ms) => { peer.control.advanceClock(ms); await pending; } }, onDeviceCode: (shown) => void (pending = deny(shown.userCode)) }),
      "AWS_ACCESS_DENIED",
    );
    assert.match(denied.message, /denied in the browser/);

    // Cancel while waiting: a clear message, and the cache is not touched.
    const before = await readFile(file, "utf8");
    const abort = new AbortController();
    const cancelled = await failsWith(
      ssoLogin("legacy", { env, clock: { now: () => peer.control.now(), sleep: async () => { abort.abort(); throw new Error("aborted"); } }, onDeviceCode: () => undefined, signal: abort.signal }),
      "AWS_SSO_CANCELLED",
    );
    assert.match(cancelled.message, /cancelled; nothing was saved/);
    assert.equal(await readFile(file, "utf8"), before);
  });

  it("the peer enforces the interval: a client polling too fast gets SlowDownException", async () => {
    const post = async (path: string, body: object) => {
      const response = await fetch(`${peer.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      return { status: response.status, type: response.headers.get("x-amzn-errortype"), body: (await response.json()) as Record<string, unknown> };
    };
    const client = (await post("/client/register", { clientName: "test", clientType: "public" })).body;
    const device = (await post("/device_authorization", { clientId: client.clientId, clientSecret: client.clientSecret, startUrl: START_URL })).body;
    assert.equal(device.interval, 1);
    const poll = () => post("/token", { clientId: client.clientId, clientSecret: client.clientSecret, grantType: "urn:ietf:params:oauth:grant-type:device_code", deviceCode: device.deviceCode });
    const first = await poll();
    assert.deepEqual([first.status, first.type, first.body.error], [400, "AuthorizationPendingException", "authorization_pending"]);
    const second = await poll();
    assert.deepEqual([second.status, second.type, second.body.error], [400, "SlowDownException", "slow_down"]);
    peer.control.advanceClock(6000);
    assert.equal((await poll()).type, "AuthorizationPendingException", "after interval + 5 s");
  });

  it("a profile without IAM Identity Center settings is refused with the fix", async () => {
    const refused = await failsWith(ssoLogin("keys-only", { env, clock: sandboxClock(), onDeviceCode: () => undefined }), "CONFIG_INVALID");
    assert.match(refused.message, /"keys-only" is not an IAM Identity Center profile/);
    assert.match(refused.action ?? "", /aws configure sso --profile keys-only/);
  });

  it("keys the registration cache by exactly the bytes Python's json.dumps gives botocore (ensure_ascii)", () => {
    // Printed by python3: json.dumps({...}, sort_keys=True) for these arguments.
    const python = String.raw`{"region": "eu-west-1", "scopes": ["sso:account:access", "a"], "session_name": "m\u00fcnchen", "startUrl": "https://ex.awsapps.com/start/\u00e9\u2028\"x", "tool": "botocore"}`;
    const file = ssoRegistrationFile({ HOME: "/h" }, { sessionName: "münchen", startUrl: 'https://ex.awsapps.com/start/é\u2028"x', region: "eu-west-1", scopes: ["sso:account:access", "a"] });
    assert.equal(file, join("/h", ".aws", "sso", "cache", `${sha1(python)}.json`));
    assert.equal(sha1(python), "bd5332a3280330122f0f343c0442eaaa0e4f0acd");
  });

  it("opens only IAM Identity Center's own https pages", () => {
    assert.equal(isSsoVerificationUrl("https://device.sso.us-east-1.amazonaws.com/?user_code=ABCD-EFGH"), true);
    assert.equal(isSsoVerificationUrl("https://d-123.awsapps.com/start/#/device"), true);
    assert.equal(isSsoVerificationUrl("http://device.sso.us-east-1.amazonaws.com/"), false);
    assert.equal(isSsoVerificationUrl("https://amazonaws.com.evil.example/"), false);
    assert.equal(isSsoVerificationUrl("https://user:pw@device.sso.us-east-1.amazonaws.com/"), false);
    assert.equal(isSsoVerificationUrl("https://evil-bucket.s3.amazonaws.com/device"), false, "S3 serves anyone's pages");
    assert.equal(isSsoVerificationUrl("https://ssoins-72239b1c.portal.us-east-1.app.aws/"), true);
  });
});
