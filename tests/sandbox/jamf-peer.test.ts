// The Jamf Pro peer over plain HTTP: authentication, Jamf's JSON shapes, privileges, versions,
// the CDP resource and its validation, history, the knobs and the control API.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { startAwsPeer } from "../../src/sandbox/aws/aws-peer";
import { startJamfPeer } from "../../src/sandbox/jamf/jamf-peer";
import type { AwsPeerHandle, IssuedKey, JamfPeerHandle } from "../../src/sandbox/sandbox-types";

const BOTH = ["Read Cloud Distribution Point", "Update Cloud Distribution Point"] as const;
const CDP = "/api/v1/cloud-distribution-point";

let aws: AwsPeerHandle;
let jamf: JamfPeerHandle;
let cdpKey: IssuedKey;

async function call(path: string, init: RequestInit & { token?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set("Authorization", `Bearer ${init.token}`);
  const response = await fetch(`${jamf.url}${path}`, { ...init, headers });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json: json as Record<string, unknown> };
}

async function clientToken(clientId = "full", clientSecret = "full-secret"): Promise<string> {
  const res = await call("/api/oauth/token", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret }).toString(),
  });
  assert.equal(res.status, 200, res.text);
  return res.json.access_token as string;
}

let users = 0;
/** A working key of a new S3-only IAM user (IAM allows only two keys per user). */
function freshKey(): IssuedKey {
  const userName = `cdp-extra-${++users}`;
  aws.control.createUser(userName);
  aws.control.allow(userName, ["s3:*"]);
  return aws.control.issueKey(userName, { propagated: true });
}

const basic = (user: string, password: string) => ({ Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}` });

function patch(token: string, body: unknown) {
  return call(CDP, { method: "PATCH", token, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
}

before(async () => {
  aws = await startAwsPeer();
  aws.control.createUser("jamf-cdp");
  aws.control.allow("jamf-cdp", ["s3:*"]);
  cdpKey = aws.control.issueKey("jamf-cdp", { propagated: true });
  jamf = await startJamfPeer({ awsUrl: aws.url });
  jamf.control.setCdp({ username: cdpKey.accessKeyId, password: cdpKey.secretAccessKey, keyPairId: "K2SANDBOXPAIR", requireSignedUrls: true });
  jamf.control.addApiClient({ clientId: "full", clientSecret: "full-secret", privileges: [...BOTH] });
  jamf.control.addApiClient({ clientId: "reader", clientSecret: "reader-secret", privileges: ["Read Cloud Distribution Point"] });
  jamf.control.addApiClient({ clientId: "nobody", clientSecret: "nobody-secret", privileges: [] });
  jamf.control.addUser({ username: "admin", password: "admin-pw", privileges: [...BOTH] });
  jamf.control.addUser({ username: "stale", password: "stale-pw", privileges: [...BOTH], passwordExpired: true });
  jamf.control.setBaseline();
});

after(async () => {
  await jamf?.stop();
  await aws?.stop();
});

beforeEach(() => {
  jamf.control.reset();
});

describe("Jamf peer: OAuth client credentials", () => {
  it("issues a bearer token for a form-encoded client_credentials request, on both token paths", async () => {
    for (const path of ["/api/oauth/token", "/api/v1/oauth/token"]) {
      const res = await call(path, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: "grant_type=client_credentials&client_id=full&client_secret=full-secret",
      });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("content-type"), "application/json;charset=UTF-8");
      assert.equal(res.json.token_type, "Bearer");
      assert.match(res.json.scope as string, /^api-role:\d+$/);
      assert.equal(res.json.expires_in, 599);
      assert.equal(typeof res.json.access_token, "string");
    }
  });

  it("answers RFC 6749 errors: invalid_client (401), unsupported_grant_type (400), invalid_request (400)", async () => {
    const badSecret = await call("/api/oauth/token", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials&client_id=full&client_secret=wrong",
    });
    assert.equal(badSecret.status, 401);
    assert.equal(badSecret.json.error, "invalid_client");
    assert.equal(typeof badSecret.json.error_description, "string");

    const badGrant = await call("/api/oauth/token", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "grant_type=password&client_id=full&client_secret=full-secret",
    });
    assert.equal(badGrant.status, 400);
    assert.equal(badGrant.json.error, "unsupported_grant_type");

    const json = await call("/api/oauth/token", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
    assert.equal(json.status, 400);
    assert.equal(json.json.error, "invalid_request");
  });
});

describe("Jamf peer: tokens", () => {
  it("answers 401 with Jamf's pretty-printed ApiError for a missing, invalid or expired token", async () => {
    const missing = await call(CDP);
    assert.equal(missing.status, 401);
    assert.equal(missing.headers.get("content-type"), "application/json;charset=UTF-8");
    assert.equal(
      missing.text,
      '{\n  "httpStatus" : 401,\n  "errors" : [ {\n    "code" : "INVALID_TOKEN",\n    "description" : "Unauthorized",\n    "id" : "0",\n    "field" : null\n  } ]\n}',
    );
    assert.equal((await call(CDP, { token: "not-a-token" })).status, 401);

    const token = await clientToken();
    assert.equal((await call(CDP, { token })).status, 200);
    jamf.control.advanceClock(600_000);
    const expired = await call(CDP, { token });
    assert.equal(expired.status, 401);
    assert.deepEqual(expired.json, { httpStatus: 401, errors: [{ code: "INVALID_TOKEN", description: "Unauthorized", id: "0", field: null }] });
  });

  it("issues basic-auth tokens with an ISO-8601 expiry about 30 minutes out", async () => {
    const res = await call("/api/v1/auth/token", { method: "POST", headers: basic("admin", "admin-pw") });
    assert.equal(res.status, 200);
    const expires = Date.parse(res.json.expires as string);
    assert.match(res.json.expires as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    assert.equal(Math.round((expires - jamf.control.now().getTime()) / 60_000), 30);
    assert.equal((await call(CDP, { token: res.json.token as string })).status, 200);
  });

  it("rejects a wrong password with 401 and an expired password with USER_EXPIRED_PASSWORD", async () => {
    const wrong = await call("/api/v1/auth/token", { method: "POST", headers: basic("admin", "nope") });
    assert.equal(wrong.status, 401);
    assert.deepEqual(wrong.json, { httpStatus: 401, errors: [] });
    assert.equal(wrong.text, '{\n  "httpStatus" : 401,\n  "errors" : [ ]\n}');
    const stale = await call("/api/v1/auth/token", { method: "POST", headers: basic("stale", "stale-pw") });
    assert.equal(stale.status, 401);
    assert.equal((stale.json.errors as Array<{ code: string }>)[0]?.code, "USER_EXPIRED_PASSWORD");
  });

  it("keep-alive swaps the token for a new one and invalidate-token ends it", async () => {
    const live = () => jamf.control.liveTokens().filter((t) => t.account === "admin").length;
    const before = live();
    const first = (await call("/api/v1/auth/token", { method: "POST", headers: basic("admin", "admin-pw") })).json.token as string;
    assert.equal(live(), before + 1);
    const kept = await call("/api/v1/auth/keep-alive", { method: "POST", token: first });
    assert.equal(kept.status, 200);
    const second = kept.json.token as string;
    assert.notEqual(second, first);
    assert.equal((await call(CDP, { token: first })).status, 401);
    assert.equal((await call(CDP, { token: second })).status, 200);
    const ended = await call("/api/v1/auth/invalidate-token", { method: "POST", token: second });
    assert.equal(ended.status, 204);
    assert.equal(ended.text, "");
    assert.equal((await call(CDP, { token: second })).status, 401);
    assert.equal(live(), before, "neither token is live any more");
    assert.ok(jamf.control.liveTokens().every((t) => !t.account.includes(".") && Date.parse(t.expiresAt) > 0), "accounts and expiry only, never a token");
  });

  it("GET /api/v1/auth describes an API client: its role's privileges for the whole server", async () => {
    const res = await call("/api/v1/auth", { token: await clientToken("reader", "reader-secret") });
    assert.equal(res.status, 200);
    const account = res.json.account as Record<string, unknown>;
    assert.equal(account.username, "reader");
    assert.deepEqual(account.privilegesBySite, { "-1": ["Read Cloud Distribution Point"] });
    assert.equal(account.currentSiteId, "-1");
    assert.deepEqual(res.json.accountGroups, []);
    assert.deepEqual(res.json.sites, []);
    assert.equal(res.json.authenticationType, "CLIENT_CREDENTIALS");
    const none = await call("/api/v1/auth", { token: await clientToken("nobody", "nobody-secret") });
    assert.deepEqual((none.json.account as Record<string, unknown>).privilegesBySite, { "-1": [] });
    assert.equal((await call("/api/v1/auth")).status, 401);
  });

  it("GET /api/v1/auth describes a Basic account, and lists group access under accountGroups", async () => {
    const token = (await call("/api/v1/auth/token", { method: "POST", headers: basic("admin", "admin-pw") })).json.token as string;
    const own = await call("/api/v1/auth", { token });
    assert.equal(own.json.authenticationType, "JSS");
    assert.deepEqual((own.json.account as Record<string, unknown>).privilegesBySite, { "-1": [...BOTH] });
    jamf.control.addUser({ username: "grouped", password: "grouped-pw", privileges: ["Read Cloud Distribution Point"], groupAccess: true });
    const groupToken = (await call("/api/v1/auth/token", { method: "POST", headers: basic("grouped", "grouped-pw") })).json.token as string;
    const grouped = await call("/api/v1/auth", { token: groupToken });
    const account = grouped.json.account as Record<string, unknown>;
    assert.equal(account.accessLevel, "GroupBasedAccess");
    assert.deepEqual(account.privilegesBySite, {});
    const groups = grouped.json.accountGroups as Array<{ siteId: number; privileges: string[]; memberUserIds: number[] }>;
    assert.equal(groups.length, 1);
    assert.equal(groups[0]?.siteId, -1);
    assert.deepEqual(groups[0]?.privileges, ["Read Cloud Distribution Point"]);
    assert.deepEqual(groups[0]?.memberUserIds, [Number(account.id)]);
  });

  it("a changed API role applies at once, to tokens already issued: /api/v1/auth and the CDP endpoints agree", async () => {
    const token = await clientToken();
    jamf.control.setPrivileges("full", ["Read Cloud Distribution Point"]);
    const details = await call("/api/v1/auth", { token });
    assert.deepEqual((details.json.account as Record<string, unknown>).privilegesBySite, { "-1": ["Read Cloud Distribution Point"] });
    assert.equal((await call(CDP, { token })).status, 200);
    assert.equal((await patch(token, { cdnType: "AMAZON_S3", username: cdpKey.accessKeyId, password: cdpKey.secretAccessKey })).status, 403);
    assert.throws(() => jamf.control.setPrivileges("nobody-by-that-name", []), /no API client or account named nobody-by-that-name/);
    jamf.control.reset();
    const restored = await call("/api/v1/auth", { token: await clientToken() });
    assert.deepEqual((restored.json.account as Record<string, unknown>).privilegesBySite, { "-1": [...BOTH] });
  });

  it("the control API changes privileges (POST /_sandbox/privileges) and names an unknown account", async () => {
    const post = (body: unknown) => fetch(`${jamf.url}/_sandbox/privileges`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    const changed = await post({ account: "admin", privileges: [] });
    assert.equal(changed.status, 200);
    const view = (await changed.json()) as { users: Array<{ username: string; privileges: string[] }> };
    assert.deepEqual(view.users.find((u) => u.username === "admin")?.privileges, []);
    const unknown = await post({ account: "ghost", privileges: [] });
    assert.equal(unknown.status, 404);
    assert.match(((await unknown.json()) as { error: string }).error, /No API client or account named ghost/);
    assert.equal((await post({ account: "admin", privileges: ["Delete Everything"] })).status, 400);
  });
});

describe("Jamf peer: privileges and versions", () => {
  it("answers 403 INVALID_PRIVILEGE without Read or Update Cloud Distribution Point", async () => {
    const reader = await clientToken("reader", "reader-secret");
    assert.equal((await call(CDP, { token: reader })).status, 200);
    const denied = await patch(reader, { cdnType: "AMAZON_S3", username: cdpKey.accessKeyId, password: cdpKey.secretAccessKey });
    assert.equal(denied.status, 403);
    assert.deepEqual(denied.json, { httpStatus: 403, errors: [{ code: "INVALID_PRIVILEGE", description: "Forbidden", id: "0", field: null }] });
    const nobody = await clientToken("nobody", "nobody-secret");
    assert.equal((await call(CDP, { token: nobody })).status, 403);
    assert.equal((await call(`${CDP}/test-connection`, { token: nobody })).status, 403);
    assert.equal((await call(`${CDP}/history`, { token: nobody })).status, 403);
  });

  it("reports its version and answers 404 for the CDP API below 11.14.0", async () => {
    const token = await clientToken();
    assert.deepEqual((await call("/api/v1/jamf-pro-version", { token })).json, { version: "11.18.1-t1751990000" });
    jamf.control.setVersion("11.2.1-t1707143529");
    assert.deepEqual((await call("/api/v1/jamf-pro-version", { token })).json, { version: "11.2.1-t1707143529" });
    assert.equal((await call(CDP, { token })).status, 404);
    assert.equal((await call(`${CDP}/test-connection`, { token })).status, 404);
    assert.equal((await call(`${CDP}/history`, { token })).status, 404);
    assert.equal((await call(`${CDP}/upload-capability`, { token })).status, 200, "upload-capability predates 11.14");
    jamf.control.setVersion("11.14.0-t1734370000");
    assert.equal((await call(CDP, { token })).status, 200);
  });

  it("leaves hasConnectionSucceeded/message out before 11.16", async () => {
    const token = await clientToken();
    jamf.control.setVersion("11.15.0");
    const old = await call(CDP, { token });
    assert.equal("hasConnectionSucceeded" in old.json, false);
    jamf.control.setVersion("11.16.0");
    assert.equal(typeof (await call(CDP, { token })).json.hasConnectionSucceeded, "boolean");
  });
});

describe("Jamf peer: the cloud distribution point", () => {
  it("GET returns the AWS CDP without password; privateKey only once one is set", async () => {
    const token = await clientToken();
    const res = await call(CDP, { token });
    assert.equal(res.status, 200);
    assert.equal(res.json.cdnType, "AMAZON_S3");
    assert.equal(res.json.master, true);
    assert.equal(res.json.username, cdpKey.accessKeyId);
    assert.equal("password" in res.json, false);
    assert.equal("privateKey" in res.json, false);
    assert.ok(!res.text.includes(cdpKey.secretAccessKey));
    assert.ok(res.text.startsWith('{\n  "hasConnectionSucceeded" : '));
    jamf.control.setCdp({ privateKey: "LS0tLS1CRUdJTi0tLS0t" });
    assert.equal((await call(CDP, { token })).json.privateKey, "LS0tLS1CRUdJTi0tLS0t");
  });

  it("PATCH requires cdnType, username and password and names each missing field", async () => {
    const token = await clientToken();
    const res = await patch(token, { master: true });
    assert.equal(res.status, 400);
    const fields = (res.json.errors as Array<{ field: string }>).map((e) => e.field).sort();
    assert.deepEqual(fields, ["cdnType", "password", "username"]);
    assert.equal(jamf.control.getCdp().username, cdpKey.accessKeyId, "a rejected PATCH changes nothing");
  });

  it("PATCH rejects Akamai-only fields for AMAZON_S3, cdnType NONE and unknown cdnTypes", async () => {
    const token = await clientToken();
    const creds = { username: cdpKey.accessKeyId, password: cdpKey.secretAccessKey };
    const akamai = await patch(token, { cdnType: "AMAZON_S3", ...creds, directory: "x", uploadUrl: "https://u" });
    assert.equal(akamai.status, 400);
    assert.deepEqual((akamai.json.errors as Array<{ field: string }>).map((e) => e.field).sort(), ["directory", "uploadUrl"]);
    const none = await patch(token, { cdnType: "NONE", ...creds });
    assert.equal(none.status, 400);
    assert.equal((none.json.errors as Array<{ field: string }>)[0]?.field, "cdnType");
    const unknown = await patch(token, { cdnType: "GOOGLE_CLOUD", ...creds });
    assert.equal(unknown.status, 400);
    assert.equal((unknown.json.errors as Array<{ field: string }>)[0]?.field, "cdnType");
    const notJson = await call(CDP, { method: "PATCH", token, headers: { "Content-Type": "application/json" }, body: "{oops" });
    assert.equal(notJson.status, 400);
    assert.equal(jamf.control.getCdp().cdnType, "AMAZON_S3");
  });

  it("PATCH merges, runs a real connection test with the new key and answers the updated object", async () => {
    const token = await clientToken();
    const next = freshKey();
    const res = await patch(token, { cdnType: "AMAZON_S3", master: true, username: next.accessKeyId, password: next.secretAccessKey });
    assert.equal(res.status, 200);
    assert.equal(res.json.username, next.accessKeyId);
    assert.equal(res.json.hasConnectionSucceeded, true);
    assert.equal(res.json.keyPairId, "K2SANDBOXPAIR", "omitted fields stay as they were");
    assert.equal(res.json.requireSignedUrls, true);
    assert.equal("password" in res.json, false);
    const stored = jamf.control.getCdp();
    assert.equal(stored.password, next.secretAccessKey);
    assert.notEqual(aws.control.listKeys().find((k) => k.accessKeyId === next.accessKeyId)?.lastUsedDate, null);
  });

  it("PATCH with a wrong secret is stored but its connection test fails", async () => {
    const token = await clientToken();
    const res = await patch(token, { cdnType: "AMAZON_S3", master: true, username: cdpKey.accessKeyId, password: "not-the-secret-000000000000000000000000" });
    assert.equal(res.status, 200);
    assert.equal(res.json.hasConnectionSucceeded, false);
    assert.match(res.json.message as string, /SignatureDoesNotMatch/);
    const test = await call(`${CDP}/test-connection`, { token });
    assert.deepEqual(test.json, { hasConnectionSucceeded: false, message: res.json.message });
  });

  it("test-connection signs ListObjectsV2 with the stored key and reports the result", async () => {
    const token = await clientToken();
    aws.control.clearRequests();
    const ok = await call(`${CDP}/test-connection`, { token });
    assert.deepEqual(ok.json, { hasConnectionSucceeded: true, message: "Connection to Amazon S3 succeeded" });
    const s3 = aws.control.requests().filter((r) => r.action.startsWith("s3:"));
    assert.deepEqual(s3.map((r) => [r.action, r.accessKeyId, r.status]), [["s3:ListObjectsV2", cdpKey.accessKeyId, 200]]);
    jamf.control.setCdp({ username: "AKIAUNKNOWNKEY000001", password: "whatever" });
    const bad = await call(`${CDP}/test-connection`, { token });
    assert.equal(bad.json.hasConnectionSucceeded, false);
    assert.match(bad.json.message as string, /InvalidAccessKeyId/);
  });

  it("the PATCH status knob answers 202", async () => {
    jamf.control.setPatchStatus(202);
    const res = await patch(await clientToken(), { cdnType: "AMAZON_S3", username: cdpKey.accessKeyId, password: cdpKey.secretAccessKey });
    assert.equal(res.status, 202);
  });

  it("POST only creates when cdnType is NONE; DELETE goes back to NONE; both are recorded", async () => {
    const token = await clientToken();
    const body = JSON.stringify({ cdnType: "AMAZON_S3", master: true, username: cdpKey.accessKeyId, password: cdpKey.secretAccessKey });
    const exists = await call(CDP, { method: "POST", token, headers: { "Content-Type": "application/json" }, body });
    assert.equal(exists.status, 400);
    assert.equal((await call(CDP, { method: "DELETE", token })).status, 204);
    assert.equal(jamf.control.getCdp().cdnType, "NONE");
    const none = await call(CDP, { token });
    assert.equal(none.json.cdnType, "NONE");
    const refused = await patch(token, JSON.parse(body));
    assert.equal(refused.status, 400, "PATCH cannot bring a deleted CDP back");
    const created = await call(CDP, { method: "POST", token, headers: { "Content-Type": "application/json" }, body });
    assert.equal(created.status, 201);
    assert.equal(created.json.cdnType, "AMAZON_S3");
    const writes = jamf.control.requests().filter((r) => r.path === CDP && r.method !== "GET" && r.method !== "PATCH");
    assert.deepEqual(writes.map((r) => [r.method, r.status]), [["POST", 400], ["DELETE", 204], ["POST", 201]]);
  });

  it("upload-capability answers for the AWS CDP", async () => {
    const res = await call(`${CDP}/upload-capability`, { token: await clientToken() });
    assert.deepEqual(res.json, { directUploadCapable: true, principalDistributionTechnology: true });
  });
});

describe("Jamf peer: history", () => {
  it("adds notes as the API client and pages them", async () => {
    const token = await clientToken();
    for (const note of ["one", "two", "three"]) {
      const res = await call(`${CDP}/history`, { method: "POST", token, headers: { "Content-Type": "application/json" }, body: JSON.stringify({ note }) });
      assert.equal(res.status, 201);
      assert.equal(res.json.username, "full");
      assert.equal(res.json.note, note);
    }
    const first = await call(`${CDP}/history?page=0&page-size=2`, { token });
    assert.equal(first.json.totalCount, 3);
    assert.deepEqual((first.json.results as Array<{ note: string }>).map((r) => r.note), ["one", "two"]);
    const second = await call(`${CDP}/history?page=1&page-size=2`, { token });
    assert.deepEqual((second.json.results as Array<{ note: string }>).map((r) => r.note), ["three"]);
    const desc = await call(`${CDP}/history?sort=id:desc`, { token });
    assert.deepEqual((desc.json.results as Array<{ note: string }>).map((r) => r.note), ["three", "two", "one"]);
    assert.equal((await call(`${CDP}/history?page-size=0`, { token })).status, 400);
    const blank = await call(`${CDP}/history`, { method: "POST", token, headers: { "Content-Type": "application/json" }, body: '{"note":" "}' });
    assert.equal(blank.status, 400);
    assert.equal((blank.json.errors as Array<{ field: string }>)[0]?.field, "note");
  });

  it("a PATCH leaves an entry by the account that made it", async () => {
    const basicToken = (await call("/api/v1/auth/token", { method: "POST", headers: basic("admin", "admin-pw") })).json.token as string;
    await patch(basicToken, { cdnType: "AMAZON_S3", username: cdpKey.accessKeyId, password: cdpKey.secretAccessKey });
    const history = await call(`${CDP}/history`, { token: basicToken });
    assert.equal((history.json.results as Array<{ username: string }>)[0]?.username, "admin");
  });
});

describe("Jamf peer: knobs", () => {
  it("read lag: GETs show the previous object until the lag has passed on the peer clock", async () => {
    const token = await clientToken();
    jamf.control.setReadLagMs(60_000);
    const next = freshKey();
    const res = await patch(token, { cdnType: "AMAZON_S3", master: true, username: next.accessKeyId, password: next.secretAccessKey });
    assert.equal(res.json.username, next.accessKeyId);
    assert.equal((await call(CDP, { token })).json.username, cdpKey.accessKeyId);
    jamf.control.advanceClock(61_000);
    assert.equal((await call(CDP, { token })).json.username, next.accessKeyId);
  });

  it("failNext answers canned statuses and HTML bodies the given number of times", async () => {
    const token = await clientToken();
    jamf.control.failNext("GET", CDP, 502, "<html><body><h1>502 Bad Gateway</h1></body></html>", 2);
    for (let i = 0; i < 2; i += 1) {
      const res = await call(CDP, { token });
      assert.equal(res.status, 502);
      assert.match(res.headers.get("content-type") ?? "", /^text\/html/);
      assert.match(res.text, /Bad Gateway/);
    }
    assert.equal((await call(CDP, { token })).status, 200);
    jamf.control.failNext("PATCH", CDP, 500, { httpStatus: 500, errors: [] });
    const json = await patch(token, { cdnType: "AMAZON_S3", username: "AKIAXXXXXXXXXXXXXXXX", password: "x" });
    assert.equal(json.status, 500);
    assert.equal(jamf.control.getCdp().username, cdpKey.accessKeyId);
  });

  it("PATCH delay: the change still lands after the caller gave up", async () => {
    const token = await clientToken();
    jamf.control.setPatchDelayMs(300);
    const next = freshKey();
    await assert.rejects(
      fetch(`${jamf.url}${CDP}`, {
        method: "PATCH",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify({ cdnType: "AMAZON_S3", master: true, username: next.accessKeyId, password: next.secretAccessKey }),
        signal: AbortSignal.timeout(50),
      }),
    );
    for (let i = 0; i < 100 && jamf.control.getCdp().username !== next.accessKeyId; i += 1) await new Promise((r) => setTimeout(r, 20));
    assert.equal(jamf.control.getCdp().username, next.accessKeyId);
  });

  it("periodic uploads PUT with the stored key and move its last use", async () => {
    aws.control.recordUse(cdpKey.accessKeyId, "s3", "us-east-1", new Date(aws.control.now().getTime() - 86_400_000));
    const before = aws.control.listKeys("jamf-cdp").find((k) => k.accessKeyId === cdpKey.accessKeyId)!.lastUsedDate!;
    aws.control.clearRequests();
    jamf.control.setUploadIntervalMs(20);
    try {
      for (let i = 0; i < 200 && !aws.control.requests().some((r) => r.action === "s3:PutObject"); i += 1) await new Promise((r) => setTimeout(r, 10));
    } finally {
      jamf.control.setUploadIntervalMs(0);
    }
    const put = aws.control.requests().find((r) => r.action === "s3:PutObject");
    assert.equal(put?.accessKeyId, cdpKey.accessKeyId);
    assert.equal(put?.status, 200);
    const afterUse = aws.control.listKeys("jamf-cdp").find((k) => k.accessKeyId === cdpKey.accessKeyId)!.lastUsedDate!;
    assert.ok(Date.parse(afterUse) > Date.parse(before));
  });

  it("the request log redacts secrets and records the sticky-session cookie", async () => {
    const first = await fetch(`${jamf.url}/api/oauth/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials&client_id=full&client_secret=full-secret",
    });
    const cookie = first.headers.get("set-cookie") ?? "";
    assert.match(cookie, /^APBALANCEID=aws\.usw2-[^;]+; path=\/; HttpOnly$/);
    const token = ((await first.json()) as { access_token: string }).access_token;
    const withCookie = await fetch(`${jamf.url}${CDP}`, {
      method: "PATCH",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", Cookie: cookie.split(";")[0]! },
      body: JSON.stringify({ cdnType: "AMAZON_S3", master: true, username: cdpKey.accessKeyId, password: cdpKey.secretAccessKey }),
    });
    assert.equal(withCookie.status, 200);
    assert.equal(withCookie.headers.get("set-cookie"), null, "a request that carries the cookie keeps it");
    const log = jamf.control.requests();
    assert.deepEqual(log.map((r) => [r.method, r.path, r.status, r.sessionCookie]), [
      ["POST", "/api/oauth/token", 200, false],
      ["PATCH", CDP, 200, true],
    ]);
    assert.deepEqual(log[1]?.body, { cdnType: "AMAZON_S3", master: true, username: cdpKey.accessKeyId, password: "<redacted>" });
    const text = JSON.stringify(log);
    assert.ok(!text.includes(cdpKey.secretAccessKey));
    assert.ok(!text.includes("full-secret"));
  });

  it("reset goes back to the baseline and clears tokens, history, knobs and the log", async () => {
    const token = await clientToken();
    await call(`${CDP}/history`, { method: "POST", token, headers: { "Content-Type": "application/json" }, body: '{"note":"x"}' });
    jamf.control.setVersion("11.2.1");
    jamf.control.setCdp({ username: "AKIAOTHEROTHER000001" });
    jamf.control.setReadLagMs(5000);
    jamf.control.reset();
    assert.equal(jamf.control.requests().length, 0);
    assert.equal((await call(CDP, { token })).status, 401, "tokens do not survive a reset");
    const fresh = await clientToken();
    const cdp = await call(CDP, { token: fresh });
    assert.equal(cdp.json.username, cdpKey.accessKeyId);
    assert.equal(((await call(`${CDP}/history`, { token: fresh })).json.totalCount), 0);
  });
});

describe("Jamf peer: control API", () => {
  async function control(method: string, path: string, body?: unknown) {
    const res = await fetch(`${jamf.url}/_sandbox${path}`, {
      method,
      headers: method === "GET" ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  }

  it("turns the knobs over HTTP and never shows the stored secret", async () => {
    const state = await control("GET", "/state");
    assert.equal(state.status, 200);
    assert.equal((state.json.cdp as Record<string, unknown>).username, cdpKey.accessKeyId);
    assert.equal((state.json.cdp as Record<string, unknown>).passwordSet, true);
    assert.ok(!JSON.stringify(state.json).includes(cdpKey.secretAccessKey));

    assert.equal((await control("POST", "/version", { version: "11.2.1-t1707143529" })).status, 200);
    assert.equal((await control("POST", "/read-lag", { ms: 1000 })).status, 200);
    assert.equal((await control("PUT", "/patch-status", { status: 202 })).status, 200);
    assert.equal((await control("POST", "/api-clients", { clientId: "http-added", clientSecret: "s3cret-http", privileges: ["Read Cloud Distribution Point"] })).status, 200);
    assert.equal((await control("POST", "/fail-next", { method: "GET", path: CDP, status: 503, body: "<html>busy</html>" })).status, 200);
    const after = await control("GET", "/state");
    assert.equal(after.json.version, "11.2.1-t1707143529");
    assert.deepEqual((after.json.knobs as Record<string, unknown>).readLagMs, 1000);
    assert.deepEqual((after.json.knobs as Record<string, unknown>).patchStatus, 202);
    assert.ok(!JSON.stringify(after.json).includes("s3cret-http"));
    assert.equal((await call("/api/v1/jamf-pro-version", { token: await clientToken("http-added", "s3cret-http") })).status, 200);

    const before = jamf.control.now().getTime();
    await control("POST", "/clock/advance", { ms: 3_600_000 });
    assert.ok(jamf.control.now().getTime() - before >= 3_600_000);
    assert.equal((await control("POST", "/reset")).status, 200);
    assert.equal(jamf.control.getCdp().username, cdpKey.accessKeyId);
  });

  it("validates bodies with a readable message and lists endpoints for unknown paths", async () => {
    const bad = await control("POST", "/read-lag", { ms: -5 });
    assert.equal(bad.status, 400);
    assert.match((bad.json.issues as string[])[0]!, /^ms: /);
    const notJson = await control("POST", "/latency", "{nope");
    assert.equal(notJson.status, 400);
    const badPrivilege = await control("POST", "/api-clients", { clientId: "a", clientSecret: "b", privileges: ["Everything"] });
    assert.equal(badPrivilege.status, 400);
    const unknown = await control("GET", "/nothing-here");
    assert.equal(unknown.status, 404);
    assert.ok(Array.isArray(unknown.json.endpoints));
  });
});
