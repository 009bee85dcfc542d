// The peers' per-action fault knobs (the fault matrix is built on them): each fault answers the way
// the real service or network would, touches only the matching request, and "apply-then-drop"
// really applies the change before the connection drops.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { CreateAccessKeyCommand, IAMClient, ListAccessKeysCommand } from "@aws-sdk/client-iam";
import { startSandbox } from "../../src/sandbox/world";
import type { SandboxWorld } from "../../src/sandbox/sandbox-types";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
const CDP = "/api/v1/cloud-distribution-point";

describe("wire faults", () => {
  let world: SandboxWorld;
  let iam: IAMClient;
  before(async () => {
    world = await startSandbox();
    iam = new IAMClient({
      region: "us-east-1",
      endpoint: world.aws.url,
      credentials: { accessKeyId: world.admin.accessKeyId, secretAccessKey: world.admin.secretAccessKey },
      maxAttempts: 1,
      requestHandler: { requestTimeout: 300, throwOnRequestTimeout: true },
    });
  });
  after(async () => {
    iam.destroy();
    await world.stop();
  });

  const list = () => iam.send(new ListAccessKeysCommand({ UserName: world.cdpUser }));
  const keyCount = () => world.aws.control.listKeys(world.cdpUser).length;

  it("AWS: status faults answer AWS error codes, for the matching action only, after `skip` calls pass", async () => {
    const expected: Array<[Parameters<typeof world.aws.control.injectFault>[1], string, number]> = [
      ["http-500", "InternalFailure", 500],
      ["http-503", "ServiceUnavailable", 503],
      ["throttle", "Throttling", 400],
      ["expired-token", "ExpiredToken", 403],
      ["forbidden", "AccessDenied", 403],
    ];
    for (const [fault, code, status] of expected) {
      world.aws.control.injectFault("iam:ListAccessKeys", fault, { skip: 1 });
      await list();
      const error = await list().then(() => null, (e: unknown) => e as { name: string; $metadata?: { httpStatusCode?: number } });
      assert.equal(error?.name, code, fault);
      assert.equal(error?.$metadata?.httpStatusCode, status, fault);
      await list();
    }
  });

  it("AWS: reset and no-answer give the client no answer; malformed is a 200 that is not the protocol", async () => {
    world.aws.control.injectFault("iam:ListAccessKeys", "reset");
    await assert.rejects(list());
    world.aws.control.injectFault("iam:ListAccessKeys", "no-answer");
    await assert.rejects(list(), (e: Error) => /timeout|timed out/i.test(`${e.name} ${e.message}`));
    world.aws.control.injectFault("iam:ListAccessKeys", "malformed");
    const malformed = await list().then((out) => out.AccessKeyMetadata ?? null, (e: unknown) => e);
    assert.ok(malformed === null || malformed instanceof Error || (Array.isArray(malformed) && malformed.length === 0), "no keys can be read from a malformed body");
  });

  it("AWS: apply-then-drop creates the key though the client sees only a failure", async () => {
    const before = keyCount();
    world.aws.control.injectFault("iam:CreateAccessKey", "apply-then-drop");
    await assert.rejects(iam.send(new CreateAccessKeyCommand({ UserName: world.cdpUser })));
    assert.equal(keyCount(), before + 1);
    const created = world.aws.control.requests().filter((r) => r.action === "iam:CreateAccessKey").at(-1);
    assert.equal(created?.errorCode, "apply-then-drop");
  });

  it("secretWorks tells a working key from a wrong secret or an unknown key", () => {
    assert.equal(world.aws.control.secretWorks(world.cdpKey.accessKeyId, world.cdpKey.secretAccessKey), true);
    assert.equal(world.aws.control.secretWorks(world.cdpKey.accessKeyId, "wrong"), false);
    assert.equal(world.aws.control.secretWorks("AKIANOTAKEY000000000", world.cdpKey.secretAccessKey), false);
  });

  async function token(): Promise<string> {
    const res = await fetch(`${world.jamf.url}/api/oauth/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: world.jamfClient.clientId, client_secret: world.jamfClient.clientSecret }).toString(),
    });
    return ((await res.json()) as { access_token: string }).access_token;
  }

  it("Jamf Pro: status faults, an expired token that stays expired, a sign-in page, and dropped connections", async () => {
    const bearer = await token();
    const get = () => fetch(`${world.jamf.url}${CDP}`, { headers: { Authorization: `Bearer ${bearer}` }, signal: AbortSignal.timeout(500) });
    for (const [fault, status] of [["http-500", 500], ["http-503", 503], ["throttle", 429], ["forbidden", 403], ["malformed", 200]] as const) {
      world.jamf.control.injectFault("GET", CDP, fault);
      const res = await get();
      assert.equal(res.status, status, fault);
      if (fault === "malformed") assert.match(res.headers.get("content-type") ?? "", /text\/html/);
      if (fault === "throttle") assert.equal(res.headers.get("retry-after"), "1");
      assert.equal((await get()).status, 200, `${fault} hits one request only`);
    }
    world.jamf.control.injectFault("GET", CDP, "reset");
    await assert.rejects(get());
    world.jamf.control.injectFault("GET", CDP, "no-answer");
    await assert.rejects(get(), (e: Error) => e.name === "TimeoutError");
    world.jamf.control.injectFault("GET", CDP, "expired-token");
    assert.equal((await get()).status, 401);
    assert.equal((await get()).status, 401, "the token stays expired: a new one is needed");
  });

  it("Jamf Pro: apply-then-drop applies the PATCH before the connection drops", async () => {
    const bearer = await token();
    world.jamf.control.injectFault("PATCH", CDP, "apply-then-drop");
    const patch = fetch(`${world.jamf.url}${CDP}`, {
      method: "PATCH",
      headers: { Authorization: `Bearer ${bearer}`, "Content-Type": "application/json" },
      body: JSON.stringify({ master: world.jamf.control.getCdp().master, username: world.cdpKey.accessKeyId, password: world.cdpKey.secretAccessKey, cdnType: "AMAZON_S3" }),
    });
    await assert.rejects(patch);
    assert.equal(world.jamf.control.getCdp().password, world.cdpKey.secretAccessKey);
  });
});
