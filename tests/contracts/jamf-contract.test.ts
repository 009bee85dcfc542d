// Contract tests: every request the real Jamf client sends and every response the Jamf peer
// returns, recorded by a proxy between them, must match tests/contracts/jamf-pro-api.yaml. Error
// responses included; endpoints the client never calls (POST/DELETE of the CDP, upload-capability,
// the /v1/oauth/token alias) and GET /v1/auth without a token are exercised with plain fetch
// through a second proxy.
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { after, before, describe, it } from "node:test";
import { JamfClient } from "../../src/core/jamf/jamf-client";
import type { JamfCredentials } from "../../src/core/jamf/jamf-types";
import { systemClock, type Clock } from "../../src/core/ports";
import { startJamfPeer } from "../../src/sandbox/jamf/jamf-peer";
import type { IssuedKey, JamfPeerHandle, SandboxWorld } from "../../src/sandbox/sandbox-types";
import { startSandbox } from "../../src/sandbox/world";
import { OpenApiContract } from "./openapi-contract";
import { parsedRequestBody, parsedResponseBody, startRecordingProxy, type RecordedExchange, type RecordingProxy } from "./recording-proxy";

const contract = OpenApiContract.load(fileURLToPath(new URL("./jamf-pro-api.yaml", import.meta.url)));
const CDP = "/api/v1/cloud-distribution-point";
const BOTH = ["Read Cloud Distribution Point", "Update Cloud Distribution Point"] as const;

let world: SandboxWorld;
let oldJamf: JamfPeerHandle;
let clientProxy: RecordingProxy;
let oldProxy: RecordingProxy;
let rawProxy: RecordingProxy;
let users = 0;
/** Raw requests that break the contract on purpose, to get the error responses. */
const deliberatelyInvalid = new Set<string>();

function freshKey(): IssuedKey {
  const userName = `contract-${++users}`;
  world.aws.control.createUser(userName);
  world.aws.control.allow(userName, ["s3:*"]);
  return world.aws.control.issueKey(userName, { propagated: true });
}

function jamfClient(credentials: JamfCredentials, baseUrl = clientProxy.url, clock: Clock = peerClock()): JamfClient {
  return new JamfClient({ baseUrl, credentials }, { clock });
}

function peerClock(): Clock {
  return { now: () => world.jamf.control.now(), sleep: systemClock.sleep };
}

const full = (): JamfCredentials => ({ kind: "api-client", ...world.jamfClient });

async function settle(promise: Promise<unknown>): Promise<void> {
  await promise.catch(() => undefined);
}

async function raw(method: string, path: string, init: { token?: string; body?: string; contentType?: string; invalid?: boolean } = {}) {
  const headers: Record<string, string> = {};
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  if (init.contentType) headers["Content-Type"] = init.contentType;
  if (init.invalid) {
    const tag = `invalid-${deliberatelyInvalid.size}`;
    headers["X-Contract-Case"] = tag;
    deliberatelyInvalid.add(tag);
  }
  const res = await fetch(`${rawProxy.url}${path}`, { method, headers, body: init.body });
  return { status: res.status, json: (await res.text().then((t) => (t ? JSON.parse(t) : undefined))) as Record<string, unknown> | undefined };
}

async function rawToken(): Promise<string> {
  const res = await raw("POST", "/api/oauth/token", {
    contentType: "application/x-www-form-urlencoded",
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: world.jamfClient.clientId, client_secret: world.jamfClient.clientSecret }).toString(),
  });
  return res.json!.access_token as string;
}

before(async () => {
  world = await startSandbox();
  world.jamf.control.addApiClient({ clientId: "reader", clientSecret: "reader-secret", privileges: ["Read Cloud Distribution Point"] });
  world.jamf.control.addApiClient({ clientId: "nobody", clientSecret: "nobody-secret", privileges: [] });
  world.jamf.control.addUser({ username: "admin", password: "admin-pw", privileges: [...BOTH] });
  world.jamf.control.addUser({ username: "stale", password: "stale-pw", privileges: [...BOTH], passwordExpired: true });
  world.jamf.control.setBaseline();
  oldJamf = await startJamfPeer({ awsUrl: world.aws.url, version: "11.2.1-t1707143529" });
  oldJamf.control.addApiClient({ clientId: "old", clientSecret: "old-secret", privileges: [...BOTH] });
  clientProxy = await startRecordingProxy(world.jamf.url);
  oldProxy = await startRecordingProxy(oldJamf.url);
  rawProxy = await startRecordingProxy(world.jamf.url);
  await exerciseClient();
  await exerciseRaw();
});

after(async () => {
  await Promise.allSettled([clientProxy?.stop(), oldProxy?.stop(), rawProxy?.stop()]);
  await Promise.allSettled([oldJamf?.stop(), world?.stop()]);
});

async function exerciseClient(): Promise<void> {
  const jamf = jamfClient(full());
  await jamf.assertSupportedVersion();
  await jamf.getPrivileges();
  const cdp = await jamf.getCloudDistributionPoint();
  await jamf.testConnection();
  const next = freshKey();
  await jamf.updateCredentials({ master: cdp.master, accessKeyId: next.accessKeyId, secretAccessKey: next.secretAccessKey });
  await jamf.addHistoryNote("Access key rotated (contract test)");
  await jamf.listHistory();
  world.jamf.control.setPatchStatus(202);
  const again = freshKey();
  await jamf.updateCredentials({ master: cdp.master, accessKeyId: again.accessKeyId, secretAccessKey: again.secretAccessKey });
  world.jamf.control.setPatchStatus(200);

  // A token the server dropped: 401, one re-authentication, retry.
  const systemClockClient = jamfClient(full(), clientProxy.url, systemClock);
  await systemClockClient.getCloudDistributionPoint();
  world.jamf.control.advanceClock(3_600_000);
  await systemClockClient.getCloudDistributionPoint();

  // Basic auth: token, keep-alive, invalidate; wrong and expired passwords.
  const basic = jamfClient({ kind: "basic", username: "admin", password: "admin-pw" });
  await basic.getPrivileges();
  await basic.getCloudDistributionPoint();
  world.jamf.control.advanceClock(29 * 60_000 + 30_000);
  await basic.getCloudDistributionPoint();
  await basic.close();
  await settle(jamfClient({ kind: "basic", username: "admin", password: "wrong" }).getVersion());
  await settle(jamfClient({ kind: "basic", username: "stale", password: "stale-pw" }).getVersion());
  await settle(jamfClient({ kind: "api-client", clientId: world.jamfClient.clientId, clientSecret: "wrong-secret" }).getVersion());

  // Privileges.
  const reader = jamfClient({ kind: "api-client", clientId: "reader", clientSecret: "reader-secret" });
  const k = freshKey();
  await settle(reader.updateCredentials({ master: true, accessKeyId: k.accessKeyId, secretAccessKey: k.secretAccessKey }));
  await settle(reader.addHistoryNote("not allowed"));
  const nobody = jamfClient({ kind: "api-client", clientId: "nobody", clientSecret: "nobody-secret" });
  await settle(nobody.getCloudDistributionPoint());
  await settle(nobody.testConnection());
  await settle(nobody.listHistory());

  // Validation: PATCH against a CDP that is gone.
  world.jamf.control.setCdp({ cdnType: "NONE" });
  await settle(jamf.updateCredentials({ master: true, accessKeyId: k.accessKeyId, secretAccessKey: k.secretAccessKey }));
  world.jamf.control.reset();

  // A server older than 11.14: the CDP API answers 404.
  const old = jamfClient({ kind: "api-client", clientId: "old", clientSecret: "old-secret" }, oldProxy.url, systemClock);
  await settle(old.getCloudDistributionPoint());
  await settle(old.testConnection());
  await settle(old.listHistory());
  await settle(old.addHistoryNote("old"));
  await settle(old.updateCredentials({ master: true, accessKeyId: k.accessKeyId, secretAccessKey: k.secretAccessKey }));
}

async function exerciseRaw(): Promise<void> {
  const form = (id: string, secret: string, grant = "client_credentials") => new URLSearchParams({ grant_type: grant, client_id: id, client_secret: secret }).toString();
  await raw("POST", "/api/v1/oauth/token", { contentType: "application/x-www-form-urlencoded", body: form(world.jamfClient.clientId, world.jamfClient.clientSecret) });
  await raw("POST", "/api/v1/oauth/token", { contentType: "application/x-www-form-urlencoded", body: form(world.jamfClient.clientId, "wrong") });
  await raw("POST", "/api/oauth/token", { contentType: "application/x-www-form-urlencoded", body: form(world.jamfClient.clientId, world.jamfClient.clientSecret, "password"), invalid: true });
  const token = await rawToken();
  await raw("GET", "/api/v1/auth", { token });
  await raw("GET", "/api/v1/auth");
  await raw("GET", `${CDP}/upload-capability`, { token });
  await raw("GET", `${CDP}/upload-capability`);
  await raw("GET", "/api/v1/jamf-pro-version");
  await raw("POST", "/api/v1/auth/keep-alive", { token: "expired-or-bogus" });
  await raw("POST", "/api/v1/auth/invalidate-token", { token: "expired-or-bogus" });
  await raw("GET", `${CDP}/history?page-size=0`, { token });
  await raw("POST", `${CDP}/history`, { token, contentType: "application/json", body: '{"note":"   "}' });
  await raw("PATCH", CDP, { token, contentType: "application/json", body: '{"cdnType":"AMAZON_S3","master":true}', invalid: true });
  await raw("PATCH", CDP, { token, invalid: true });
  const body = JSON.stringify({ cdnType: "AMAZON_S3", master: true, username: world.cdpKey.accessKeyId, password: world.cdpKey.secretAccessKey });
  await raw("POST", CDP, { token, contentType: "application/json", body });
  await raw("DELETE", CDP, { token });
  await raw("POST", CDP, { token, contentType: "application/json", body });
  await raw("DELETE", CDP);
  world.jamf.control.reset();
}

function asCheck(exchange: RecordedExchange) {
  return {
    method: exchange.method,
    path: exchange.path,
    requestContentType: exchange.requestHeaders["content-type"],
    requestBody: parsedRequestBody(exchange),
    status: exchange.status,
    responseContentType: exchange.responseHeaders["content-type"],
    responseBody: parsedResponseBody(exchange),
  };
}

const allExchanges = () => [...clientProxy.exchanges, ...oldProxy.exchanges, ...rawProxy.exchanges];

function containsKey(value: unknown, key: string): boolean {
  if (Array.isArray(value)) return value.some((v) => containsKey(v, key));
  if (value && typeof value === "object") return Object.entries(value).some(([k, v]) => k === key || containsKey(v, key));
  return false;
}

describe("Jamf Pro API contract", () => {
  it("every request the Jamf client sends matches the contract", () => {
    const client = [...clientProxy.exchanges, ...oldProxy.exchanges];
    assert.ok(client.length > 30, `recorded ${client.length} client exchanges`);
    const problems = client.flatMap((e) => contract.validateRequest(asCheck(e)));
    assert.deepEqual(problems, []);
  });

  it("raw requests match the contract except the deliberately broken ones", () => {
    const problems = rawProxy.exchanges
      .filter((e) => !deliberatelyInvalid.has(String(e.requestHeaders["x-contract-case"] ?? "")))
      .flatMap((e) => contract.validateRequest(asCheck(e)));
    assert.deepEqual(problems, []);
    const broken = rawProxy.exchanges.filter((e) => deliberatelyInvalid.has(String(e.requestHeaders["x-contract-case"] ?? "")));
    assert.equal(broken.length, deliberatelyInvalid.size);
    for (const e of broken) assert.notDeepEqual(contract.validateRequest(asCheck(e)), [], `${e.method} ${e.path} was meant to break the contract`);
  });

  it("every response the Jamf peer returns matches the contract, errors included", () => {
    const problems = allExchanges().flatMap((e) => contract.validateResponse(asCheck(e)));
    assert.deepEqual(problems, []);
  });

  it("exercised every operation of the contract and the error statuses the client maps", () => {
    const seen = new Set(allExchanges().map((e) => `${e.method} ${e.path}`));
    const missing = contract.operations().filter((op) => !seen.has(`${op.method} ${op.path}`));
    assert.deepEqual(missing, []);
    const statuses = new Set(allExchanges().map((e) => `${e.method} ${e.path} ${e.status}`));
    for (const expected of [
      `GET ${CDP} 200`,
      `GET ${CDP} 401`,
      `GET ${CDP} 403`,
      `GET ${CDP} 404`,
      `PATCH ${CDP} 200`,
      `PATCH ${CDP} 202`,
      `PATCH ${CDP} 400`,
      `PATCH ${CDP} 403`,
      `PATCH ${CDP} 404`,
      `GET ${CDP}/test-connection 200`,
      `GET ${CDP}/test-connection 403`,
      `GET ${CDP}/history 200`,
      `GET ${CDP}/history 400`,
      `POST ${CDP}/history 201`,
      `POST ${CDP}/history 400`,
      `POST ${CDP}/history 403`,
      `POST ${CDP} 201`,
      `POST ${CDP} 400`,
      `DELETE ${CDP} 204`,
      `DELETE ${CDP} 401`,
      "POST /api/oauth/token 200",
      "POST /api/oauth/token 400",
      "POST /api/oauth/token 401",
      "POST /api/v1/oauth/token 401",
      "POST /api/v1/auth/token 200",
      "POST /api/v1/auth/token 401",
      "POST /api/v1/auth/keep-alive 200",
      "POST /api/v1/auth/keep-alive 401",
      "POST /api/v1/auth/invalidate-token 204",
      "POST /api/v1/auth/invalidate-token 401",
    ]) {
      assert.ok(statuses.has(expected), `not exercised: ${expected}`);
    }
  });

  it("the Jamf client never POSTs or DELETEs the cloud distribution point", () => {
    const writes = [...clientProxy.exchanges, ...oldProxy.exchanges].filter((e) => e.path === CDP && (e.method === "POST" || e.method === "DELETE"));
    assert.deepEqual(writes, []);
  });

  it("no GET response carries a password, and no response carries a secret", () => {
    const gets = allExchanges().filter((e) => e.method === "GET");
    assert.ok(gets.length > 10);
    for (const e of gets) assert.equal(containsKey(parsedResponseBody(e), "password"), false, `${e.method} ${e.path} returned a password`);
    const bodies = allExchanges().map((e) => e.responseBody.toString("utf8")).join("\n");
    for (const secret of [world.cdpKey.secretAccessKey, world.jamfClient.clientSecret, "admin-pw", "reader-secret"]) {
      assert.ok(!bodies.includes(secret));
    }
  });
});
