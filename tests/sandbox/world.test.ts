// The seeded sandbox world: the IAM users and keys, the Jamf CDP holding the 83-day-old key, the
// API client, the environment, and Jamf Pro's real use of the key against the AWS peer.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { IAMClient, UpdateAccessKeyCommand } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { JamfClient } from "../../src/core/jamf/jamf-client";
import type { SandboxWorld } from "../../src/sandbox/sandbox-types";
import { startSandbox } from "../../src/sandbox/world";

const DAY_MS = 86_400_000;
let world: SandboxWorld;
let jamf: JamfClient;

const cdpKeyView = () => world.aws.control.listKeys("jamf-cdp").find((k) => k.accessKeyId === world.cdpKey.accessKeyId)!;

before(async () => {
  world = await startSandbox();
  jamf = new JamfClient({ baseUrl: world.env.JAMF_URL!, credentials: { kind: "api-client", clientId: world.env.JAMF_CLIENT_ID!, clientSecret: world.env.JAMF_CLIENT_SECRET! } });
});

after(async () => {
  await jamf?.close();
  await world?.stop();
});

describe("sandbox world: seed", () => {
  it("has the admin user allowed everything, whose key is the admin identity", async () => {
    const adminKeys = world.aws.control.listKeys("cdp-admin");
    assert.deepEqual(adminKeys.map((k) => [k.accessKeyId, k.status]), [[world.admin.accessKeyId, "Active"]]);
    assert.equal(world.admin.userName, "cdp-admin");
    const sts = new STSClient({
      region: world.env.AWS_REGION,
      endpoint: world.env.AWS_ENDPOINT_URL_STS,
      credentials: { accessKeyId: world.env.AWS_ACCESS_KEY_ID!, secretAccessKey: world.env.AWS_SECRET_ACCESS_KEY! },
    });
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    assert.equal(identity.Arn, `arn:aws:iam::${world.aws.control.accountId}:user/cdp-admin`);
  });

  it("has the CDP user with one active 83-day-old key, last used recently by s3", () => {
    assert.equal(world.cdpUser, "jamf-cdp");
    const keys = world.aws.control.listKeys("jamf-cdp");
    assert.equal(keys.length, 1);
    const key = keys[0]!;
    assert.equal(key.accessKeyId, world.cdpKey.accessKeyId);
    assert.equal(key.status, "Active");
    const now = world.aws.control.now().getTime();
    assert.equal(Math.floor((now - Date.parse(key.createDate)) / DAY_MS), 83);
    assert.equal(key.lastUsedService, "s3");
    assert.equal(key.lastUsedRegion, "us-east-1");
    assert.ok(now - Date.parse(key.lastUsedDate!) < DAY_MS);
  });

  it("has Jamf Pro's AWS CDP (master) holding that key, and an API client with both CDP privileges", async () => {
    const stored = world.jamf.control.getCdp();
    assert.equal(stored.cdnType, "AMAZON_S3");
    assert.equal(stored.master, true);
    assert.equal(stored.username, world.cdpKey.accessKeyId);
    assert.equal(stored.password, world.cdpKey.secretAccessKey);
    const cdp = await jamf.getCloudDistributionPoint();
    assert.equal(cdp.username, world.cdpKey.accessKeyId);
    await jamf.addHistoryNote("world seed check");
    assert.equal((await jamf.listHistory()).at(-1)?.note, "world seed check");
  });

  it("exports the environment the app and the CLI need", () => {
    assert.deepEqual(Object.keys(world.env).sort(), [
      "AWS_ACCESS_KEY_ID",
      "AWS_ENDPOINT_URL",
      "AWS_ENDPOINT_URL_IAM",
      "AWS_ENDPOINT_URL_STS",
      "AWS_REGION",
      "AWS_SECRET_ACCESS_KEY",
      "JAMF_CLIENT_ID",
      "JAMF_CLIENT_SECRET",
      "JAMF_URL",
    ]);
    assert.equal(world.env.AWS_ENDPOINT_URL_IAM, world.aws.url);
    assert.equal(world.env.AWS_ACCESS_KEY_ID, world.admin.accessKeyId);
    assert.equal(world.env.JAMF_URL, world.jamf.url);
    assert.equal(world.env.JAMF_CLIENT_ID, world.jamfClient.clientId);
    assert.match(world.jamf.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  });
});

describe("sandbox world: Jamf Pro uses the key", () => {
  it("test-connection with the seeded key succeeds and moves its last use", async () => {
    const before = Date.parse(cdpKeyView().lastUsedDate!);
    assert.deepEqual(await jamf.testConnection(), { hasConnectionSucceeded: true, message: "Connection to Amazon S3 succeeded" });
    assert.ok(Date.parse(cdpKeyView().lastUsedDate!) > before);
  });

  it("after the key is made Inactive in IAM, test-connection fails", async () => {
    const iam = new IAMClient({
      region: world.env.AWS_REGION,
      endpoint: world.env.AWS_ENDPOINT_URL_IAM,
      credentials: { accessKeyId: world.env.AWS_ACCESS_KEY_ID!, secretAccessKey: world.env.AWS_SECRET_ACCESS_KEY! },
    });
    await iam.send(new UpdateAccessKeyCommand({ UserName: "jamf-cdp", AccessKeyId: world.cdpKey.accessKeyId, Status: "Inactive" }));
    try {
      const result = await jamf.testConnection();
      assert.equal(result.hasConnectionSucceeded, false);
      assert.match(result.message, /InvalidAccessKeyId|AccessDenied|InvalidClientTokenId/);
    } finally {
      await iam.send(new UpdateAccessKeyCommand({ UserName: "jamf-cdp", AccessKeyId: world.cdpKey.accessKeyId, Status: "Active" }));
    }
    assert.equal((await jamf.testConnection()).hasConnectionSucceeded, true);
  });
});

describe("sandbox world: options", () => {
  it("applies latency, propagation and uploads, and stops twice without complaint", async () => {
    const tuned = await startSandbox({ latencyMs: 5, propagation: { refuseMs: 60_000, flakyMs: 0 }, uploadIntervalMs: 20 });
    try {
      const state = (await (await fetch(`${tuned.jamf.url}/_sandbox/state`)).json()) as { knobs: { latencyMs: number; uploadIntervalMs: number } };
      assert.equal(state.knobs.latencyMs, 5);
      assert.equal(state.knobs.uploadIntervalMs, 20);
      for (let i = 0; i < 200 && !tuned.aws.control.requests().some((r) => r.action === "s3:PutObject"); i += 1) await new Promise((r) => setTimeout(r, 10));
      const put = tuned.aws.control.requests().find((r) => r.action === "s3:PutObject");
      assert.equal(put?.accessKeyId, tuned.cdpKey.accessKeyId, "Jamf Pro uploads with the key it holds");
      // New keys are refused while IAM "propagates"; the seeded ones are not.
      tuned.aws.control.createUser("late");
      tuned.aws.control.allow("late", ["s3:*"]);
      const late = tuned.aws.control.issueKey("late", { propagated: false });
      tuned.jamf.control.setCdp({ username: late.accessKeyId, password: late.secretAccessKey });
      const client = new JamfClient({ baseUrl: tuned.jamf.url, credentials: { kind: "api-client", ...tuned.jamfClient } });
      assert.equal((await client.testConnection()).hasConnectionSucceeded, false);
    } finally {
      await tuned.stop();
      await tuned.stop();
    }
  });
});
