// AwsIamClient with the real AWS SDK over HTTP against the sandbox AWS peer: every operation, every
// error the rotation has to explain, retries, timeouts and propagation.
import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { AwsIamClient } from "../../src/core/aws/aws-iam-client";
import type { AwsIamClientOptions } from "../../src/core/aws/aws-iam-client";
import type { Logger, LogLevel } from "../../src/core/ports";
import type { AppError } from "../../src/shared/errors";
import { closedPort, failsWith } from "./support/assertions";
import { startAwsPeer } from "../../src/sandbox/aws/aws-peer";
import type { AwsPeer } from "../../src/sandbox/aws/aws-peer-types";
import { seedCdpAccount } from "../../src/sandbox/aws/aws-seed";
import type { IssuedKey } from "../../src/sandbox/sandbox-types";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

/** Everything a person or a log could see of an error. */
function visibleText(error: AppError): string {
  return JSON.stringify(error.toData());
}

class RecordingLogger implements Logger {
  readonly lines: string[] = [];
  log(level: LogLevel, message: string, fields?: Record<string, string | number | boolean | null>): void {
    this.lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  }
}

describe("AwsIamClient against the sandbox peer", () => {
  let peer: AwsPeer;
  let admin: IssuedKey;
  let cdpKey: IssuedKey;
  const clients: AwsIamClient[] = [];
  const client = (options: Partial<AwsIamClientOptions> = {}, logger?: Logger) => {
    const made = new AwsIamClient(
      { region: "eu-west-1", staticCredentials: admin, endpointUrl: peer.url, ...options },
      logger ? { logger } : {},
    );
    clients.push(made);
    return made;
  };

  before(async () => {
    peer = await startAwsPeer();
  });
  after(async () => {
    for (const made of clients) made.destroy();
    await peer.stop();
  });
  beforeEach(() => {
    peer.control.reset();
    ({ admin, cdpKey } = seedCdpAccount(peer.control, { cdpKeyCreatedAt: new Date("2024-01-02T03:04:05Z") }));
  });

  it("lists, creates, deactivates and deletes keys of the CDP user", async () => {
    const logger = new RecordingLogger();
    const aws = client({}, logger);
    const initial = await aws.listAccessKeys("jamf-cdp");
    assert.deepEqual(initial, [{ userName: "jamf-cdp", accessKeyId: cdpKey.accessKeyId, status: "Active", createDate: new Date("2024-01-02T03:04:05Z") }]);

    const created = await aws.createAccessKey("jamf-cdp");
    assert.equal(created.userName, "jamf-cdp");
    assert.match(created.accessKeyId, /^AKIA[A-Z0-9]{16}$/);
    assert.equal(created.secretAccessKey.length, 40);
    assert.ok(created.createDate instanceof Date);
    assert.deepEqual(
      (await aws.listAccessKeys("jamf-cdp")).map((key) => [key.accessKeyId, key.status]),
      [
        [cdpKey.accessKeyId, "Active"],
        [created.accessKeyId, "Active"],
      ],
    );

    await aws.updateAccessKeyStatus("jamf-cdp", cdpKey.accessKeyId, "Inactive");
    assert.equal(peer.control.listKeys("jamf-cdp").find((key) => key.accessKeyId === cdpKey.accessKeyId)?.status, "Inactive");
    await aws.updateAccessKeyStatus("jamf-cdp", cdpKey.accessKeyId, "Active");
    assert.equal(peer.control.listKeys("jamf-cdp").find((key) => key.accessKeyId === cdpKey.accessKeyId)?.status, "Active");
    await aws.deleteAccessKey("jamf-cdp", cdpKey.accessKeyId);
    assert.deepEqual((await aws.listAccessKeys("jamf-cdp")).map((key) => key.accessKeyId), [created.accessKeyId]);

    const logText = logger.lines.join("\n");
    assert.equal(logText.includes(created.secretAccessKey), false, "the log never holds a secret");
    assert.equal(logText.includes(created.accessKeyId), false, "the log shows key ids masked");
    assert.match(logText, /Created access key/);
  });

  it("reads the admin identity and probes a key, which AWS then reports as last used", async () => {
    const aws = client();
    const adminIdentity = await aws.getAdminIdentity();
    assert.equal(adminIdentity.account, "123456789012");
    assert.equal(adminIdentity.arn, "arn:aws:iam::123456789012:user/cdp-admin");
    assert.match(adminIdentity.userId, /^AIDA[A-Z0-9]{16}$/);

    const never = await aws.getAccessKeyLastUsed(cdpKey.accessKeyId);
    assert.deepEqual(never, { accessKeyId: cdpKey.accessKeyId, userName: "jamf-cdp", lastUsedDate: null, serviceName: null, region: null });

    const identity = await aws.probeKey(cdpKey);
    assert.equal(identity.arn, "arn:aws:iam::123456789012:user/jamf-cdp");
    assert.equal(identity.account, "123456789012");

    const used = await aws.getAccessKeyLastUsed(cdpKey.accessKeyId);
    assert.equal(used.userName, "jamf-cdp", "GetAccessKeyLastUsed discovers the owner from the key id alone");
    assert.equal(used.serviceName, "sts");
    assert.equal(used.region, "eu-west-1");
    assert.ok(used.lastUsedDate instanceof Date);
  });

  it("signs IAM in us-east-1 and STS in the target's region", async () => {
    const aws = client({ region: "ap-southeast-2" });
    await aws.listAccessKeys("jamf-cdp");
    await aws.getAdminIdentity();
    const adminKey = peer.control.listKeys("cdp-admin")[0]!;
    assert.equal(adminKey.lastUsedService, "sts");
    assert.equal(adminKey.lastUsedRegion, "ap-southeast-2");
    await aws.listAccessKeys("jamf-cdp");
    assert.equal(peer.control.listKeys("cdp-admin")[0]!.lastUsedRegion, "us-east-1");
  });

  it("probes session credentials too", async () => {
    peer.control.createRole({ roleName: "cdp-probe", trustedUsers: ["cdp-admin"], actions: [] });
    const { AssumeRoleCommand, STSClient } = await import("@aws-sdk/client-sts");
    const sts = new STSClient({ region: "us-east-1", endpoint: peer.url, credentials: admin });
    const granted = await sts.send(new AssumeRoleCommand({ RoleArn: "arn:aws:iam::123456789012:role/cdp-probe", RoleSessionName: "probe" }));
    sts.destroy();
    const identity = await client().probeKey({
      accessKeyId: granted.Credentials!.AccessKeyId!,
      secretAccessKey: granted.Credentials!.SecretAccessKey!,
      sessionToken: granted.Credentials!.SessionToken!,
    });
    assert.equal(identity.arn, "arn:aws:sts::123456789012:assumed-role/cdp-probe/probe");
  });

  it("AccessDenied names the refused action and resource and points at the least-privilege policy", async () => {
    peer.control.deny("cdp-admin", "iam:CreateAccessKey");
    const error = await failsWith(client().createAccessKey("jamf-cdp"), "AWS_ACCESS_DENIED");
    assert.match(error.message, /iam:CreateAccessKey/);
    assert.match(error.message, /user jamf-cdp/);
    assert.match(error.message, /arn:aws:iam::123456789012:user\/cdp-admin/);
    assert.match(error.action ?? "", /least-privilege IAM policy/);
    assert.equal(peer.control.listKeys("jamf-cdp").length, 1, "nothing was created");
  });

  it("LimitExceeded says to delete the unused inactive key", async () => {
    peer.control.issueKey("jamf-cdp", { status: "Inactive" });
    const error = await failsWith(client().createAccessKey("jamf-cdp"), "AWS_LIMIT_EXCEEDED");
    assert.match(error.message, /jamf-cdp already has 2 access keys/);
    assert.match(error.action ?? "", /Delete the unused inactive key/);
    // The SDK files IAM's LimitExceeded under throttling; the 2-key quota is never retried.
    assert.equal(peer.control.requests().filter((entry) => entry.action === "iam:CreateAccessKey").length, 1);
  });

  it("NoSuchEntity for a missing user or key", async () => {
    const aws = client();
    const noUser = await failsWith(aws.listAccessKeys("nobody"), "AWS_NO_SUCH_ENTITY");
    assert.match(noUser.message, /IAM user nobody does not exist/);
    const noKey = await failsWith(aws.deleteAccessKey("jamf-cdp", "AKIAAAAAAAAAAAAAAAAA"), "AWS_NO_SUCH_ENTITY");
    assert.match(noKey.message, /AKIA…AAAA/);
    await failsWith(aws.getAccessKeyLastUsed("AKIAAAAAAAAAAAAAAAAB"), "AWS_NO_SUCH_ENTITY");
  });

  it("InvalidClientTokenId for inactive and deleted keys, for probes and for the admin", async () => {
    const aws = client();
    await aws.updateAccessKeyStatus("jamf-cdp", cdpKey.accessKeyId, "Inactive");
    const inactive = await failsWith(aws.probeKey(cdpKey), "AWS_INVALID_KEY");
    assert.match(inactive.message, /unknown, inactive, or too new/);
    await aws.deleteAccessKey("jamf-cdp", cdpKey.accessKeyId);
    await failsWith(aws.probeKey(cdpKey), "AWS_INVALID_KEY");

    const secondAdmin = peer.control.issueKey("cdp-admin");
    await client({ staticCredentials: secondAdmin }).deleteAccessKey("cdp-admin", admin.accessKeyId);
    const adminGone = await failsWith(client().listAccessKeys("jamf-cdp"), "AWS_INVALID_KEY");
    assert.match(adminGone.action ?? "", /admin credentials/);
  });

  it("SignatureDoesNotMatch for a wrong secret, without showing the secret", async () => {
    const wrong = { accessKeyId: cdpKey.accessKeyId, secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
    const error = await failsWith(client().probeKey(wrong), "AWS_SIGNATURE_MISMATCH");
    assert.equal(visibleText(error).includes(wrong.secretAccessKey), false);
    assert.equal(visibleText(error).includes(cdpKey.accessKeyId), false, "key ids are shown masked");
    const adminError = await failsWith(client({ staticCredentials: { ...admin, secretAccessKey: wrong.secretAccessKey } }).listAccessKeys("jamf-cdp"), "AWS_SIGNATURE_MISMATCH");
    assert.equal(visibleText(adminError).includes(wrong.secretAccessKey), false);
  });

  it("ExpiredToken for an expired session, with the sso login hint for profiles", async () => {
    peer.control.createRole({ roleName: "rotator", trustedUsers: ["cdp-admin"], actions: ["iam:*"] });
    const { AssumeRoleCommand, STSClient } = await import("@aws-sdk/client-sts");
    const sts = new STSClient({ region: "us-east-1", endpoint: peer.url, credentials: admin });
    const granted = await sts.send(new AssumeRoleCommand({ RoleArn: "arn:aws:iam::123456789012:role/rotator", RoleSessionName: "s1", DurationSeconds: 900 }));
    sts.destroy();
    const session = { accessKeyId: granted.Credentials!.AccessKeyId!, secretAccessKey: granted.Credentials!.SecretAccessKey!, sessionToken: granted.Credentials!.SessionToken! };
    const aws = client({ staticCredentials: session });
    assert.equal((await aws.listAccessKeys("jamf-cdp")).length, 1);
    peer.control.advanceClock(901 * 1000);
    const error = await failsWith(aws.listAccessKeys("jamf-cdp"), "AWS_EXPIRED_TOKEN");
    assert.equal(visibleText(error).includes(session.sessionToken), false);
    assert.equal(visibleText(error).includes(session.secretAccessKey), false);

    peer.control.failNext("iam:ListAccessKeys", "ExpiredToken");
    const withProfileName = await failsWith(
      new AwsIamClient({ region: "us-east-1", endpointUrl: peer.url, staticCredentials: admin, profile: "corp-sso" }).listAccessKeys("jamf-cdp"),
      "AWS_EXPIRED_TOKEN",
    );
    assert.match(withProfileName.action ?? "", /aws sso login --profile corp-sso/);
  });

  it("retries throttling with backoff and then succeeds", async () => {
    peer.control.failNext("iam:ListAccessKeys", "Throttling", 2);
    const keys = await client().listAccessKeys("jamf-cdp");
    assert.equal(keys.length, 1);
    assert.deepEqual(
      peer.control.requests().filter((entry) => entry.action === "iam:ListAccessKeys").map((entry) => entry.errorCode),
      ["Throttling", "Throttling", null],
    );
  });

  it("gives up on throttling after maxAttempts", async () => {
    peer.control.failNext("iam:ListAccessKeys", "Throttling", 10);
    const error = await failsWith(client({ maxAttempts: 2 }).listAccessKeys("jamf-cdp"), "AWS_THROTTLED");
    assert.match(error.message, /after 2 attempts/);
    assert.equal(peer.control.requests().filter((entry) => entry.action === "iam:ListAccessKeys").length, 2);
  });

  it("retries a throttled CreateAccessKey but never resends one that may have taken effect", async () => {
    const aws = client();
    peer.control.failNext("iam:CreateAccessKey", "Throttling", 1);
    const created = await aws.createAccessKey("jamf-cdp");
    assert.equal(peer.control.listKeys("jamf-cdp").length, 2);
    await aws.deleteAccessKey("jamf-cdp", created.accessKeyId);

    peer.control.clearRequests();
    peer.control.failNext("iam:CreateAccessKey", "ServiceUnavailable", 1);
    await failsWith(aws.createAccessKey("jamf-cdp"), "AWS_ERROR");
    assert.equal(peer.control.requests().filter((entry) => entry.action === "iam:CreateAccessKey").length, 1);

    // Reads are idempotent and do retry a 503.
    peer.control.failNext("iam:ListAccessKeys", "ServiceUnavailable", 1);
    assert.equal((await aws.listAccessKeys("jamf-cdp")).length, 1);
  });

  it("probeKey makes exactly one attempt", async () => {
    peer.control.failNext("sts:GetCallerIdentity", "Throttling", 1);
    await failsWith(client().probeKey(cdpKey), "AWS_THROTTLED");
    assert.equal(peer.control.requests().filter((entry) => entry.action === "sts:GetCallerIdentity").length, 1);
  });

  it("NETWORK when nothing listens at the endpoint", async () => {
    const port = await closedPort();
    const error = await failsWith(client({ endpointUrl: `http://127.0.0.1:${port}`, maxAttempts: 2 }).listAccessKeys("jamf-cdp"), "NETWORK");
    assert.match(error.message, /ECONNREFUSED/);
    await failsWith(client({ endpointUrl: `http://127.0.0.1:${port}` }).probeKey(cdpKey), "NETWORK");
  });

  it("TIMEOUT when the peer answers slower than the timeout", async () => {
    peer.control.setLatency(2_000);
    await failsWith(client({ timeoutMs: 200, maxAttempts: 1 }).listAccessKeys("jamf-cdp"), "TIMEOUT");
    await failsWith(client({ timeoutMs: 200 }).probeKey(cdpKey), "TIMEOUT");
  });

  it("a new key is refused while it propagates, then accepted (the engine polls)", async () => {
    peer.control.setPropagation({ refuseMs: 20_000, flakyMs: 0 });
    const aws = client();
    const created = await aws.createAccessKey("jamf-cdp");
    const fresh = { accessKeyId: created.accessKeyId, secretAccessKey: created.secretAccessKey };
    await failsWith(aws.probeKey(fresh), "AWS_INVALID_KEY");
    peer.control.advanceClock(21_000);
    assert.equal((await aws.probeKey(fresh)).arn, "arn:aws:iam::123456789012:user/jamf-cdp");
  });
});
