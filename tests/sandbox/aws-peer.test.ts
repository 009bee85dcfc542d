// The AWS peer is the witness every AWS test relies on, so it is tested against three signers: the
// AWS documentation's own vector, a signer written here by hand with node:crypto, and the real SDK.
import { createHash, createHmac } from "node:crypto";
import { request as httpRequest } from "node:http";
import { networkInterfaces } from "node:os";
import { after, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { CreateAccessKeyCommand, GetAccessKeyLastUsedCommand, IAMClient, ListAccessKeysCommand } from "@aws-sdk/client-iam";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { startAwsPeer } from "../../src/sandbox/aws/aws-peer";
import type { AwsPeer } from "../../src/sandbox/aws/aws-peer-types";
import { SANDBOX_MFA_CODE } from "../../src/sandbox/aws/aws-peer-types";
import { seedCdpAccount } from "../../src/sandbox/aws/aws-seed";
import { computeSignature } from "../../src/sandbox/aws/sigv4";
import { signRequest } from "../../src/sandbox/aws/sigv4-signer";
import { actionMatches } from "../../src/sandbox/aws/policy";
import { isLoopbackAddress } from "../../src/sandbox/control-guard";
import type { IssuedKey } from "../../src/sandbox/sandbox-types";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

// ---------- an independent SigV4 signer, written from the AWS documentation ----------

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data).digest();

interface HandSigned {
  headers: Record<string, string>;
  signature: string;
}

/** Signs a request whose path and query need no encoding (all the tests here use plain names). */
function handSign(input: {
  method: string;
  url: string;
  service: string;
  region: string;
  key: { accessKeyId: string; secretAccessKey: string };
  body?: string;
  date?: Date;
  extraHeaders?: Record<string, string>;
  payloadHash?: string;
}): HandSigned {
  const url = new URL(input.url);
  const amzDate = (input.date ?? new Date()).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  const day = amzDate.slice(0, 8);
  const body = input.body ?? "";
  const payloadHash = input.payloadHash ?? sha256(body);
  const headers: Record<string, string> = { host: url.host, "x-amz-date": amzDate, ...(input.extraHeaders ?? {}) };
  if (input.service === "s3") headers["x-amz-content-sha256"] = payloadHash;
  const names = Object.keys(headers).map((name) => name.toLowerCase()).sort();
  const query = [...url.searchParams.entries()]
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .sort()
    .join("&");
  const canonical = [
    input.method,
    url.pathname,
    query,
    names.map((name) => `${name}:${headers[name]!.trim()}\n`).join(""),
    names.join(";"),
    payloadHash,
  ].join("\n");
  const scope = `${day}/${input.region}/${input.service}/aws4_request`;
  const toSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256(canonical)].join("\n");
  const key = hmac(hmac(hmac(hmac(`AWS4${input.key.secretAccessKey}`, day), input.region), input.service), "aws4_request");
  const signature = createHmac("sha256", key).update(toSign).digest("hex");
  headers["authorization"] = `AWS4-HMAC-SHA256 Credential=${input.key.accessKeyId}/${scope}, SignedHeaders=${names.join(";")}, Signature=${signature}`;
  return { headers, signature };
}

async function send(url: string, init: { method: string; headers: Record<string, string>; body?: string }) {
  const { host: _host, ...headers } = init.headers; // fetch sets Host itself, to the same value
  const response = await fetch(url, { method: init.method, headers, ...(init.body !== undefined ? { body: init.body } : {}) });
  const text = await response.text();
  return { status: response.status, text, code: /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? null, message: /<Message>([^<]*)<\/Message>/.exec(text)?.[1] ?? null };
}

const FORM = { "content-type": "application/x-www-form-urlencoded; charset=utf-8" };

function callerIdentityRequest(peer: AwsPeer, key: { accessKeyId: string; secretAccessKey: string }, date?: Date) {
  const body = "Action=GetCallerIdentity&Version=2011-06-15";
  const signed = handSign({ method: "POST", url: `${peer.url}/`, service: "sts", region: "eu-west-1", key, body, extraHeaders: FORM, ...(date ? { date } : {}) });
  return { body, signed };
}

// ---------- tests ----------

describe("SigV4 verification", () => {
  it("reproduces the signature of the AWS documentation's IAM ListUsers example", () => {
    const headers = new Map<string, string[]>([
      ["content-type", ["application/x-www-form-urlencoded; charset=utf-8"]],
      ["host", ["iam.amazonaws.com"]],
      ["x-amz-date", ["20150830T123600Z"]],
    ]);
    const signature = computeSignature(
      "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
      "20150830T123600Z",
      { date: "20150830", region: "us-east-1", service: "iam" },
      {
        method: "GET",
        rawPath: "/",
        rawQuery: "Action=ListUsers&Version=2010-05-08",
        headers,
        signedHeaders: ["content-type", "host", "x-amz-date"],
        payloadHash: sha256(""),
        service: "iam",
      },
    );
    assert.equal(signature, "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
  });

  let peer: AwsPeer;
  let admin: IssuedKey;
  before(async () => {
    peer = await startAwsPeer();
  });
  after(async () => {
    await peer.stop();
  });
  beforeEach(() => {
    peer.control.reset();
    admin = seedCdpAccount(peer.control).admin;
  });

  it("accepts a request signed by hand with node:crypto", async () => {
    const { body, signed } = callerIdentityRequest(peer, admin);
    const answer = await send(`${peer.url}/`, { method: "POST", headers: signed.headers, body });
    assert.equal(answer.status, 200, answer.text);
    assert.match(answer.text, /<Arn>arn:aws:iam::123456789012:user\/cdp-admin<\/Arn>/);
  });

  it("refuses a tampered signature, a tampered body and a wrong secret with SignatureDoesNotMatch", async () => {
    const { body, signed } = callerIdentityRequest(peer, admin);
    const last = signed.signature.at(-1) === "0" ? "1" : "0";
    const tamperedSignature = { ...signed.headers, authorization: signed.headers.authorization!.replace(/.$/, last) };
    const bad1 = await send(`${peer.url}/`, { method: "POST", headers: tamperedSignature, body });
    assert.equal(bad1.status, 403);
    assert.equal(bad1.code, "SignatureDoesNotMatch");

    const bad2 = await send(`${peer.url}/`, { method: "POST", headers: signed.headers, body: body.replace("GetCallerIdentity", "GetCallerIdentitx") });
    assert.equal(bad2.code, "SignatureDoesNotMatch");

    const wrongSecret = callerIdentityRequest(peer, { accessKeyId: admin.accessKeyId, secretAccessKey: "x".repeat(40) });
    const bad3 = await send(`${peer.url}/`, { method: "POST", headers: wrongSecret.signed.headers, body: wrongSecret.body });
    assert.equal(bad3.code, "SignatureDoesNotMatch");
  });

  it("refuses unknown, inactive and deleted keys with InvalidClientTokenId", async () => {
    const unknown = callerIdentityRequest(peer, { accessKeyId: "AKIAAAAAAAAAAAAAAAAA", secretAccessKey: admin.secretAccessKey });
    const a = await send(`${peer.url}/`, { method: "POST", headers: unknown.signed.headers, body: unknown.body });
    assert.equal(a.status, 403);
    assert.equal(a.code, "InvalidClientTokenId");
    assert.equal(a.message, "The security token included in the request is invalid.");

    const inactive = peer.control.issueKey("jamf-cdp", { status: "Inactive" });
    const b = callerIdentityRequest(peer, inactive);
    assert.equal((await send(`${peer.url}/`, { method: "POST", headers: b.signed.headers, body: b.body })).code, "InvalidClientTokenId");

    const sdk = new IAMClient({ region: "us-east-1", endpoint: peer.url, credentials: admin, maxAttempts: 1 });
    const doomed = peer.control.listKeys("jamf-cdp").find((key) => key.status === "Active")!;
    const { DeleteAccessKeyCommand } = await import("@aws-sdk/client-iam");
    await sdk.send(new DeleteAccessKeyCommand({ UserName: "jamf-cdp", AccessKeyId: doomed.accessKeyId }));
    sdk.destroy();
    assert.equal(peer.control.listKeys("jamf-cdp").some((key) => key.accessKeyId === doomed.accessKeyId), false);
  });

  it("refuses a request dated more than 15 minutes from real time", async () => {
    const old = callerIdentityRequest(peer, admin, new Date(Date.now() - 20 * 60 * 1000));
    const answer = await send(`${peer.url}/`, { method: "POST", headers: old.signed.headers, body: old.body });
    assert.equal(answer.status, 403);
    assert.equal(answer.code, "SignatureDoesNotMatch");
    assert.match(answer.message ?? "", /^Signature expired: /);

    // The sandbox clock does not count: advancing it leaves real-time signatures valid.
    peer.control.advanceClock(3 * 3600 * 1000);
    const fresh = callerIdentityRequest(peer, admin);
    assert.equal((await send(`${peer.url}/`, { method: "POST", headers: fresh.signed.headers, body: fresh.body })).status, 200);
  });

  it("agrees with the real SDK signer for IAM and STS, and refuses the SDK with a wrong secret", async () => {
    const sts = new STSClient({ region: "ap-southeast-2", endpoint: peer.url, credentials: admin, maxAttempts: 1 });
    const iam = new IAMClient({ region: "us-east-1", endpoint: peer.url, credentials: admin, maxAttempts: 1 });
    const bad = new STSClient({ region: "us-east-1", endpoint: peer.url, credentials: { ...admin, secretAccessKey: admin.secretAccessKey.replace(/^./, (c) => (c === "A" ? "B" : "A")) }, maxAttempts: 1 });
    try {
      const who = await sts.send(new GetCallerIdentityCommand({}));
      assert.equal(who.Arn, "arn:aws:iam::123456789012:user/cdp-admin");
      assert.equal(who.Account, "123456789012");
      const keys = await iam.send(new ListAccessKeysCommand({ UserName: "jamf-cdp" }));
      assert.equal(keys.AccessKeyMetadata?.length, 1);
      await assert.rejects(bad.send(new GetCallerIdentityCommand({})), (error: Error) => error.name === "SignatureDoesNotMatch");
    } finally {
      sts.destroy();
      iam.destroy();
      bad.destroy();
    }
  });
});

describe("AWS peer behaviour", () => {
  let peer: AwsPeer;
  let admin: IssuedKey;
  let cdpKey: IssuedKey;
  let iam: IAMClient;
  const sdkIam = (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) =>
    new IAMClient({ region: "us-east-1", endpoint: peer.url, credentials, maxAttempts: 1 });
  const sdkSts = (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) =>
    new STSClient({ region: "eu-central-1", endpoint: peer.url, credentials, maxAttempts: 1 });

  before(async () => {
    peer = await startAwsPeer();
  });
  after(async () => {
    iam?.destroy();
    await peer.stop();
  });
  beforeEach(() => {
    peer.control.reset();
    ({ admin, cdpKey } = seedCdpAccount(peer.control));
    iam?.destroy();
    iam = sdkIam(admin);
  });

  it("creates AWS-shaped keys and refuses a third key per user, inactive keys included", async () => {
    const created = await iam.send(new CreateAccessKeyCommand({ UserName: "jamf-cdp" }));
    assert.match(created.AccessKey?.AccessKeyId ?? "", /^AKIA[A-Z2-7]{16}$/);
    assert.equal(created.AccessKey?.SecretAccessKey?.length, 40);
    assert.equal(created.AccessKey?.Status, "Active");
    const { UpdateAccessKeyCommand } = await import("@aws-sdk/client-iam");
    await iam.send(new UpdateAccessKeyCommand({ UserName: "jamf-cdp", AccessKeyId: created.AccessKey!.AccessKeyId!, Status: "Inactive" }));
    await assert.rejects(iam.send(new CreateAccessKeyCommand({ UserName: "jamf-cdp" })), (error: Error & { $metadata?: { httpStatusCode?: number } }) => {
      assert.equal(error.name, "LimitExceededException");
      assert.equal(error.message, "Cannot exceed quota for AccessKeysPerUser: 2");
      assert.equal(error.$metadata?.httpStatusCode, 409);
      return true;
    });
    assert.throws(() => peer.control.issueKey("jamf-cdp"), /AccessKeysPerUser: 2/);
  });

  it("answers NoSuchEntity for unknown users and keys", async () => {
    await assert.rejects(iam.send(new ListAccessKeysCommand({ UserName: "nobody" })), /The user with name nobody cannot be found\./);
    const { DeleteAccessKeyCommand } = await import("@aws-sdk/client-iam");
    await assert.rejects(
      iam.send(new DeleteAccessKeyCommand({ UserName: "jamf-cdp", AccessKeyId: "AKIAAAAAAAAAAAAAAAAA" })),
      (error: Error) => error.name === "NoSuchEntityException" && /The Access Key with id AKIAAAAAAAAAAAAAAAAA cannot be found\./.test(error.message),
    );
  });

  it("refuses with AWS's AccessDenied wording, naming action and resource", async () => {
    peer.control.deny("cdp-admin", "iam:CreateAccessKey");
    await assert.rejects(iam.send(new CreateAccessKeyCommand({ UserName: "jamf-cdp" })), (error: Error) => {
      assert.equal(error.name, "AccessDenied");
      assert.equal(
        error.message,
        "User: arn:aws:iam::123456789012:user/cdp-admin is not authorized to perform: iam:CreateAccessKey on resource: user jamf-cdp with an explicit deny in an identity-based policy",
      );
      return true;
    });
    peer.control.clearDenies();
    assert.ok((await iam.send(new CreateAccessKeyCommand({ UserName: "jamf-cdp" }))).AccessKey);
    // The CDP user has s3:* only.
    const cdpClient = sdkIam(cdpKey);
    await assert.rejects(cdpClient.send(new ListAccessKeysCommand({})), (error: Error) => {
      assert.equal(
        error.message,
        "User: arn:aws:iam::123456789012:user/jamf-cdp is not authorized to perform: iam:ListAccessKeys on resource: user jamf-cdp because no identity-based policy allows the iam:ListAccessKeys action",
      );
      return true;
    });
    cdpClient.destroy();
  });

  it("matches action patterns like IAM", () => {
    assert.equal(actionMatches("*", "iam:CreateAccessKey"), true);
    assert.equal(actionMatches("s3:*", "s3:PutObject"), true);
    assert.equal(actionMatches("s3:*", "iam:ListUsers"), false);
    assert.equal(actionMatches("iam:Get*", "iam:GetAccessKeyLastUsed"), true);
    assert.equal(actionMatches("iam:createaccesskey", "iam:CreateAccessKey"), true);
    assert.equal(actionMatches("iam:CreateAccessKey", "iam:CreateAccessKeys"), false);
  });

  it("records last use per key and answers GetAccessKeyLastUsed for any user's key", async () => {
    const before = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: cdpKey.accessKeyId }));
    assert.equal(before.UserName, "jamf-cdp");
    assert.equal(before.AccessKeyLastUsed?.LastUsedDate, undefined);
    assert.equal(before.AccessKeyLastUsed?.ServiceName, "N/A");
    assert.equal(before.AccessKeyLastUsed?.Region, "N/A");

    const sts = sdkSts(cdpKey);
    await sts.send(new GetCallerIdentityCommand({}));
    sts.destroy();
    const afterUse = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: cdpKey.accessKeyId }));
    assert.equal(afterUse.AccessKeyLastUsed?.ServiceName, "sts");
    assert.equal(afterUse.AccessKeyLastUsed?.Region, "eu-central-1");
    assert.ok(afterUse.AccessKeyLastUsed?.LastUsedDate instanceof Date);

    // The sandbox clock dates uses and ages keys.
    peer.control.advanceClock(10 * 86_400_000);
    await iam.send(new ListAccessKeysCommand({ UserName: "jamf-cdp" }));
    const adminView = peer.control.listKeys("cdp-admin")[0]!;
    assert.ok(Date.parse(adminView.lastUsedDate!) - Date.parse(adminView.createDate) >= 10 * 86_400_000);
    assert.equal(adminView.lastUsedService, "iam");
  });

  it("refuses keys created through the API while they propagate, then flakes, then accepts", async () => {
    peer.control.setPropagation({ refuseMs: 30_000, flakyMs: 60_000, flakyEvery: 2 });
    const created = await iam.send(new CreateAccessKeyCommand({ UserName: "jamf-cdp" }));
    const fresh = { accessKeyId: created.AccessKey!.AccessKeyId!, secretAccessKey: created.AccessKey!.SecretAccessKey! };
    const sts = sdkSts(fresh);
    const probe = () =>
      sts.send(new GetCallerIdentityCommand({})).then(
        () => "ok",
        (error: Error) => error.name,
      );
    assert.equal(await probe(), "InvalidClientTokenId");
    peer.control.advanceClock(31_000);
    assert.deepEqual([await probe(), await probe(), await probe(), await probe()], ["ok", "InvalidClientTokenId", "ok", "InvalidClientTokenId"]);
    peer.control.advanceClock(60_000);
    assert.deepEqual([await probe(), await probe(), await probe()], ["ok", "ok", "ok"]);
    sts.destroy();
  });

  it("issues unpropagated control keys when asked", async () => {
    peer.control.setPropagation({ refuseMs: 60_000, flakyMs: 0 });
    const seeded = peer.control.issueKey("jamf-cdp", { propagated: false });
    const sts = sdkSts(seeded);
    await assert.rejects(sts.send(new GetCallerIdentityCommand({})), (error: Error) => error.name === "InvalidClientTokenId");
    sts.destroy();
  });

  it("fails the next calls of an action with an injected error, then recovers", async () => {
    peer.control.failNext("iam:ListAccessKeys", "Throttling", 2);
    const list = () =>
      iam.send(new ListAccessKeysCommand({ UserName: "jamf-cdp" })).then(
        () => "ok",
        (error: Error & { $metadata?: { httpStatusCode?: number } }) => `${error.name}/${error.$metadata?.httpStatusCode}`,
      );
    assert.deepEqual([await list(), await list(), await list()], ["Throttling/400", "Throttling/400", "ok"]);
    peer.control.failNext("sts:GetCallerIdentity", "ServiceUnavailable");
    const sts = sdkSts(admin);
    await assert.rejects(sts.send(new GetCallerIdentityCommand({})), (error: Error & { $metadata?: { httpStatusCode?: number } }) => error.$metadata?.httpStatusCode === 503);
    sts.destroy();
    const log = peer.control.requests().filter((entry) => entry.action === "iam:ListAccessKeys");
    assert.deepEqual(
      log.map((entry) => [entry.status, entry.errorCode, entry.accessKeyId]),
      [
        [400, "Throttling", admin.accessKeyId],
        [400, "Throttling", admin.accessKeyId],
        [200, null, admin.accessKeyId],
      ],
    );
  });

  it("assumes a role only with the right MFA code, and expires the session with the sandbox clock", async () => {
    peer.control.createUser("alice");
    const alice = peer.control.issueKey("alice");
    const { roleArn } = peer.control.createRole({ roleName: "rotator", trustedUsers: ["alice"], requireMfa: true, actions: ["iam:*"] });
    const sts = sdkSts(alice);
    const assume = (extra: { SerialNumber?: string; TokenCode?: string }) => sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "test", ...extra }));
    await assert.rejects(assume({}), (error: Error) => error.name === "AccessDenied" && /sts:AssumeRole on resource: arn:aws:iam::123456789012:role\/rotator/.test(error.message));
    await assert.rejects(assume({ SerialNumber: peer.control.mfaSerial("alice"), TokenCode: "000000" }), /MultiFactorAuthentication failed with invalid MFA one time pass code/);
    const granted = await assume({ SerialNumber: peer.control.mfaSerial("alice"), TokenCode: SANDBOX_MFA_CODE });
    assert.match(granted.Credentials?.AccessKeyId ?? "", /^ASIA[A-Z2-7]{16}$/);
    assert.equal(granted.AssumedRoleUser?.Arn, "arn:aws:sts::123456789012:assumed-role/rotator/test");
    const session = { accessKeyId: granted.Credentials!.AccessKeyId!, secretAccessKey: granted.Credentials!.SecretAccessKey!, sessionToken: granted.Credentials!.SessionToken! };

    const sessionSts = sdkSts(session);
    const who = await sessionSts.send(new GetCallerIdentityCommand({}));
    assert.equal(who.Arn, "arn:aws:sts::123456789012:assumed-role/rotator/test");
    const sessionIam = sdkIam(session);
    assert.equal((await sessionIam.send(new ListAccessKeysCommand({ UserName: "jamf-cdp" }))).AccessKeyMetadata?.length, 1);

    // A session token that does not match its key id is refused.
    const forged = sdkSts({ ...session, sessionToken: session.sessionToken.slice(0, -4) + "AAAA" });
    await assert.rejects(forged.send(new GetCallerIdentityCommand({})), (error: Error) => error.name === "InvalidClientTokenId");

    peer.control.advanceClock(3601 * 1000);
    await assert.rejects(sessionIam.send(new ListAccessKeysCommand({ UserName: "jamf-cdp" })), (error: Error) => error.name === "ExpiredToken");
    // Users outside the trust are refused.
    const adminSts = sdkSts(admin);
    await assert.rejects(adminSts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "x1" })), (error: Error) => error.name === "AccessDenied");
    for (const client of [sts, sessionSts, sessionIam, forged, adminSts]) client.destroy();
  });
});

describe("S3 on the AWS peer", () => {
  let peer: AwsPeer;
  let cdpKey: IssuedKey;
  before(async () => {
    peer = await startAwsPeer();
  });
  after(async () => {
    await peer.stop();
  });
  beforeEach(() => {
    peer.control.reset();
    cdpKey = seedCdpAccount(peer.control).cdpKey;
  });

  it("stores uploads by name and size and lists them with ListObjectsV2", async () => {
    const body = "pretend this is a package";
    const put = handSign({ method: "PUT", url: `${peer.url}/jamf-cdp-bucket/Firefox.pkg`, service: "s3", region: "us-west-2", key: cdpKey, body });
    assert.equal((await send(`${peer.url}/jamf-cdp-bucket/Firefox.pkg`, { method: "PUT", headers: put.headers, body })).status, 200);

    const unsigned = handSign({ method: "PUT", url: `${peer.url}/jamf-cdp-bucket/Chrome.pkg`, service: "s3", region: "us-west-2", key: cdpKey, body: "xy", payloadHash: "UNSIGNED-PAYLOAD" });
    assert.equal((await send(`${peer.url}/jamf-cdp-bucket/Chrome.pkg`, { method: "PUT", headers: unsigned.headers, body: "xy" })).status, 200);

    const listUrl = `${peer.url}/jamf-cdp-bucket?list-type=2`;
    const list = handSign({ method: "GET", url: listUrl, service: "s3", region: "us-west-2", key: cdpKey });
    const answer = await send(listUrl, { method: "GET", headers: list.headers });
    assert.equal(answer.status, 200, answer.text);
    assert.match(answer.text, /<KeyCount>2<\/KeyCount>/);
    assert.match(answer.text, new RegExp(`<Key>Firefox.pkg</Key>.*<Size>${body.length}</Size>`));
    assert.deepEqual(peer.control.listObjects("jamf-cdp-bucket").map((object) => [object.key, object.size]), [["Chrome.pkg", 2], ["Firefox.pkg", body.length]]);
    assert.equal(peer.control.listKeys("jamf-cdp")[0]!.lastUsedService, "s3");
    assert.equal(peer.control.requests().at(-1)?.action, "s3:ListObjectsV2");
  });

  it("answers HeadBucket, and signs with the sandbox's own signer helper", async () => {
    const url = `${peer.url}/jamf-cdp-bucket`;
    const headers = signRequest({ method: "HEAD", url, service: "s3", region: "us-east-1", accessKeyId: cdpKey.accessKeyId, secretAccessKey: cdpKey.secretAccessKey });
    const { host: _host, ...rest } = headers;
    assert.equal((await fetch(url, { method: "HEAD", headers: rest })).status, 200);
  });

  it("refuses a body that does not match x-amz-content-sha256, and callers without S3 rights", async () => {
    const put = handSign({ method: "PUT", url: `${peer.url}/b-1/x.pkg`, service: "s3", region: "us-east-1", key: cdpKey, body: "one" });
    const answer = await send(`${peer.url}/b-1/x.pkg`, { method: "PUT", headers: put.headers, body: "two" });
    assert.equal(answer.status, 400);
    assert.equal(answer.code, "XAmzContentSHA256Mismatch");

    peer.control.createUser("reader");
    const reader = peer.control.issueKey("reader");
    const list = handSign({ method: "GET", url: `${peer.url}/b-1?list-type=2`, service: "s3", region: "us-east-1", key: reader });
    const denied = await send(`${peer.url}/b-1?list-type=2`, { method: "GET", headers: list.headers });
    assert.equal(denied.status, 403);
    assert.equal(denied.code, "AccessDenied");
    assert.match(denied.message ?? "", /not authorized to perform: s3:ListBucket on resource: arn:aws:s3:::b-1/);

    const unknown = handSign({ method: "GET", url: `${peer.url}/b-1?list-type=2`, service: "s3", region: "us-east-1", key: { accessKeyId: "AKIAAAAAAAAAAAAAAAAA", secretAccessKey: "x".repeat(40) } });
    assert.equal((await send(`${peer.url}/b-1?list-type=2`, { method: "GET", headers: unknown.headers })).code, "InvalidAccessKeyId");
  });
});

describe("control API", () => {
  let peer: AwsPeer;
  before(async () => {
    peer = await startAwsPeer();
  });
  after(async () => {
    await peer.stop();
  });
  beforeEach(() => peer.control.reset());

  const post = (path: string, body: unknown) =>
    fetch(`${peer.url}/_sandbox${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

  it("drives every knob over loopback HTTP", async () => {
    assert.equal((await post("/users", { userName: "cdp-admin" })).status, 200);
    assert.equal((await post("/allow", { userName: "cdp-admin", actions: ["*"] })).status, 200);
    const issued = (await (await post("/keys", { userName: "cdp-admin", createdAt: "2024-01-01T00:00:00Z" })).json()) as IssuedKey;
    assert.match(issued.accessKeyId, /^AKIA/);
    const keys = (await (await fetch(`${peer.url}/_sandbox/keys?userName=cdp-admin`)).json()) as Array<{ createDate: string; accessKeyId: string }>;
    assert.deepEqual(keys.map((key) => key.createDate), ["2024-01-01T00:00:00.000Z"]);
    assert.equal(JSON.stringify(keys).includes(issued.secretAccessKey), false, "listing keys never shows a secret");

    assert.equal((await post("/deny", { userName: "cdp-admin", action: "iam:ListAccessKeys" })).status, 200);
    const iam = new IAMClient({ region: "us-east-1", endpoint: peer.url, credentials: issued, maxAttempts: 1 });
    await assert.rejects(iam.send(new ListAccessKeysCommand({})), (error: Error) => error.name === "AccessDenied");
    assert.equal((await fetch(`${peer.url}/_sandbox/deny`, { method: "DELETE" })).status, 200);
    assert.equal((await post("/fail-next", { action: "iam:ListAccessKeys", errorCode: "ServiceUnavailable", times: 1 })).status, 200);
    await assert.rejects(iam.send(new ListAccessKeysCommand({})), (error: Error) => error.name === "ServiceUnavailable");
    assert.equal((await iam.send(new ListAccessKeysCommand({}))).AccessKeyMetadata?.length, 1);
    iam.destroy();

    const before = Date.parse(((await (await fetch(`${peer.url}/_sandbox/clock`)).json()) as { now: string }).now);
    const advanced = (await (await post("/clock/advance", { ms: 86_400_000 })).json()) as { now: string };
    assert.ok(Date.parse(advanced.now) - before >= 86_400_000);
    assert.equal((await post("/latency", { ms: 0 })).status, 200);
    assert.equal((await post("/propagation", { refuseMs: 1000, flakyMs: 0 })).status, 200);
    assert.equal(peer.control.now().getTime() - Date.now() >= 86_399_000, true);

    const log = (await (await fetch(`${peer.url}/_sandbox/requests`)).json()) as Array<{ action: string; errorCode: string | null }>;
    assert.deepEqual(log.map((entry) => `${entry.action}:${entry.errorCode}`), ["iam:ListAccessKeys:AccessDenied", "iam:ListAccessKeys:ServiceUnavailable", "iam:ListAccessKeys:null"]);
    assert.equal((await post("/reset", {})).status, 200);
    assert.deepEqual(peer.control.listKeys(), []);
  });

  it("refuses bad bodies with a clear 400, non-JSON posts with 415 and unknown paths with 404", async () => {
    const bad = await post("/keys", { userName: "has spaces" });
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { error: string }).error, /userName must be an IAM user name/);
    const negative = await post("/latency", { ms: -5 });
    assert.equal(negative.status, 400);
    assert.match(((await negative.json()) as { error: string }).error, /ms: Milliseconds cannot be negative/);
    const form = await fetch(`${peer.url}/_sandbox/reset`, { method: "POST", headers: { "content-type": "text/plain" }, body: "{}" });
    assert.equal(form.status, 415);
    assert.equal((await fetch(`${peer.url}/_sandbox/nothing-here`)).status, 404);
    const noUser = await post("/keys", { userName: "ghost" });
    assert.equal(noUser.status, 400);
    assert.match(((await noUser.json()) as { error: string }).error, /no IAM user named ghost/);
  });

  it("answers loopback clients only (address and Host header)", async () => {
    assert.equal(isLoopbackAddress("127.0.0.1"), true);
    assert.equal(isLoopbackAddress("::ffff:127.0.0.1"), true);
    assert.equal(isLoopbackAddress("::1"), true);
    assert.equal(isLoopbackAddress("10.0.0.7"), false);
    assert.equal(isLoopbackAddress("::ffff:192.168.1.2"), false);

    const port = new URL(peer.url).port;
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: "127.0.0.1", port, path: "/_sandbox/info", headers: { host: "attacker.example" } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.end();
    });
    assert.equal(status, 403);

    const external = Object.values(networkInterfaces())
      .flat()
      .find((address) => address && address.family === "IPv4" && !address.internal);
    if (!external) return; // no non-loopback interface here: the address check above still holds
    const open = await startAwsPeer({ host: "0.0.0.0" });
    try {
      const answer = await fetch(`http://${external.address}:${new URL(open.url).port}/_sandbox/info`);
      assert.equal(answer.status, 403);
      assert.match(((await answer.json()) as { error: string }).error, /loopback clients only/);
      assert.equal((await fetch(`${open.url}/_sandbox/info`)).status, 200);
    } finally {
      await open.stop();
    }
  });
});
