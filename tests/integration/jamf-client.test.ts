// The real JamfClient over HTTP against the Jamf Pro peer (and the AWS peer behind it): every
// operation, every error the client maps, token lifetimes on a clock shared with the peer,
// sticky sessions, the concurrency cap, and a TLS failure against a real self-signed server.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer as createHttpsServer } from "node:https";
import { createServer as createNetServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, beforeEach, describe, it } from "node:test";
import { JamfClient } from "../../src/core/jamf/jamf-client";
import type { JamfClientOptions, JamfCredentials } from "../../src/core/jamf/jamf-types";
import { systemClock, type Clock, type LogLevel, type Logger } from "../../src/core/ports";
import { AppError, type ErrorCode } from "../../src/shared/errors";
import type { IssuedKey, SandboxWorld } from "../../src/sandbox/sandbox-types";
import { startSandbox } from "../../src/sandbox/world";

const CDP = "/api/v1/cloud-distribution-point";
const BOTH = ["Read Cloud Distribution Point", "Update Cloud Distribution Point"] as const;

let world: SandboxWorld;
let extraUsers = 0;
const clients: JamfClient[] = [];
const logLines: Array<{ level: LogLevel; message: string; fields?: unknown }> = [];
const logger: Logger = { log: (level, message, fields) => logLines.push({ level, message, fields }) };
/** The client's clock IS the peer clock, so advanceClock ages tokens on both sides. */
const peerClock: Clock = { now: () => world.jamf.control.now(), sleep: systemClock.sleep };

function client(credentials?: JamfCredentials, options: Partial<JamfClientOptions> = {}, clock: Clock = peerClock): JamfClient {
  const made = new JamfClient(
    { baseUrl: world.jamf.url, credentials: credentials ?? { kind: "api-client", ...world.jamfClient }, ...options },
    { clock, logger },
  );
  clients.push(made);
  return made;
}

function freshKey(): IssuedKey {
  const userName = `cdp-extra-${++extraUsers}`;
  world.aws.control.createUser(userName);
  world.aws.control.allow(userName, ["s3:*"]);
  return world.aws.control.issueKey(userName, { propagated: true });
}

async function rejectsWith(promise: Promise<unknown>, code: ErrorCode, message?: RegExp | string): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AppError, `expected AppError ${code}, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    if (typeof message === "string") assert.equal(error.message, message);
    else if (message) assert.match(error.message, message);
    for (const secret of [world.jamfClient.clientSecret, world.cdpKey.secretAccessKey]) {
      assert.ok(!JSON.stringify(error.toData()).includes(secret), "an error never carries a secret");
    }
    return error;
  }
  assert.fail(`expected ${code}, but it succeeded`);
}

const requests = (method?: string, path?: string) =>
  world.jamf.control.requests().filter((r) => (!method || r.method === method) && (!path || r.path === path));

before(async () => {
  world = await startSandbox();
  world.jamf.control.addApiClient({ clientId: "reader", clientSecret: "reader-secret", privileges: ["Read Cloud Distribution Point"] });
  world.jamf.control.addApiClient({ clientId: "nobody", clientSecret: "nobody-secret", privileges: [] });
  world.jamf.control.addApiClient({ clientId: "short", clientSecret: "short-secret", privileges: [...BOTH], tokenLifetimeSeconds: 60 });
  world.jamf.control.addUser({ username: "admin", password: "admin-pw", privileges: [...BOTH] });
  world.jamf.control.addUser({ username: "stale", password: "stale-pw", privileges: [...BOTH], passwordExpired: true });
  world.jamf.control.setBaseline();
});

after(async () => {
  await Promise.allSettled(clients.map((c) => c.close()));
  await world?.stop();
  const logged = JSON.stringify(logLines);
  for (const secret of [world.jamfClient.clientSecret, world.cdpKey.secretAccessKey, "admin-pw", "short-secret"]) {
    assert.ok(!logged.includes(secret), "no secret ever reaches the logger");
  }
});

beforeEach(() => {
  world.jamf.control.reset();
});

describe("JamfClient: operations", () => {
  it("reads the version and the CDP, tests the connection, rotates with a minimal PATCH and keeps history", async () => {
    world.jamf.control.setCdp({ privateKey: "LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0t", keyPairId: "K2PAIR" });
    world.jamf.control.setBaseline();
    const jamf = client();
    assert.equal(await jamf.getVersion(), "11.18.1-t1751990000");
    assert.equal(await jamf.assertSupportedVersion(), "11.18.1-t1751990000");

    const cdp = await jamf.getCloudDistributionPoint();
    assert.equal(cdp.cdnType, "AMAZON_S3");
    assert.equal(cdp.master, true);
    assert.equal(cdp.username, world.cdpKey.accessKeyId);
    assert.equal("privateKey" in cdp, false, "privateKey is dropped on read");
    assert.equal("password" in cdp, false);

    assert.deepEqual(await jamf.testConnection(), { hasConnectionSucceeded: true, message: "Connection to Amazon S3 succeeded" });

    const next = freshKey();
    const updated = await jamf.updateCredentials({ master: cdp.master, accessKeyId: next.accessKeyId, secretAccessKey: next.secretAccessKey });
    assert.equal(updated.username, next.accessKeyId);
    assert.equal(updated.hasConnectionSucceeded, true);
    assert.equal("privateKey" in updated, false);
    const stored = world.jamf.control.getCdp();
    assert.equal(stored.password, next.secretAccessKey);
    assert.equal(stored.privateKey, "LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0t", "omitted fields are left alone");
    assert.equal(stored.keyPairId, "K2PAIR");
    const patches = requests("PATCH", CDP);
    assert.equal(patches.length, 1);
    assert.deepEqual(patches[0]?.body, { cdnType: "AMAZON_S3", master: true, username: next.accessKeyId, password: "<redacted>" });
    assert.equal(world.aws.control.listKeys().find((k) => k.accessKeyId === next.accessKeyId)?.lastUsedService, "s3");

    await jamf.addHistoryNote("Access key rotated from AKIA…A to AKIA…B by CDP Key Rotator");
    const history = await jamf.listHistory();
    assert.deepEqual(history.map((h) => h.note), ["", "Access key rotated from AKIA…A to AKIA…B by CDP Key Rotator"]);
    assert.equal(history[1]?.username, world.jamfClient.clientId);
    assert.equal(history[1]?.details, null);

    assert.deepEqual(requests().filter((r) => r.path === CDP && (r.method === "POST" || r.method === "DELETE")), [], "never POST or DELETE the CDP");
  });

  it("treats any 2xx PATCH as success and re-reads when the answer has no object", async () => {
    world.jamf.control.setPatchStatus(202);
    const jamf = client();
    const next = freshKey();
    assert.equal((await jamf.updateCredentials({ master: true, accessKeyId: next.accessKeyId, secretAccessKey: next.secretAccessKey })).username, next.accessKeyId);
    world.jamf.control.failNext("PATCH", CDP, 204, "");
    const other = freshKey();
    const reread = await jamf.updateCredentials({ master: true, accessKeyId: other.accessKeyId, secretAccessKey: other.secretAccessKey });
    assert.equal(reread.cdnType, "AMAZON_S3");
    assert.deepEqual(requests().slice(-2).map((r) => [r.method, r.status]), [["PATCH", 204], ["GET", 200]]);
  });

  it("lists history across pages", async () => {
    const jamf = client();
    for (let i = 0; i < 105; i += 1) await jamf.addHistoryNote(`note ${i}`);
    const history = await jamf.listHistory();
    assert.equal(history.length, 105);
    assert.equal(history[104]?.note, "note 104");
    assert.equal(requests("GET", `${CDP}/history`).length, 2);
  });

  it("refuses bad input before sending anything", async () => {
    const jamf = client();
    await rejectsWith(jamf.updateCredentials({ master: true, accessKeyId: "not-a-key", secretAccessKey: "x" }), "INVALID_INPUT");
    await rejectsWith(jamf.updateCredentials({ master: true, accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "" }), "INVALID_INPUT");
    await rejectsWith(jamf.addHistoryNote("   "), "INVALID_INPUT");
    assert.deepEqual(requests(), []);
    assert.throws(() => new JamfClient({ baseUrl: world.jamf.url, credentials: { kind: "api-client", clientId: "", clientSecret: "x" } }), /client ID and secret/);
  });
});

describe("JamfClient: authentication", () => {
  it("renews an API client token shortly before expires_in ends, by the injected clock", async () => {
    const jamf = client({ kind: "api-client", clientId: "short", clientSecret: "short-secret" });
    await jamf.getCloudDistributionPoint();
    world.jamf.control.advanceClock(30_000);
    await jamf.getCloudDistributionPoint();
    assert.equal(requests("POST", "/api/oauth/token").length, 1, "still fresh: reused");
    world.jamf.control.advanceClock(20_000);
    await jamf.getCloudDistributionPoint();
    assert.equal(requests("POST", "/api/oauth/token").length, 2, "renewed before it expired");
    assert.equal(requests().filter((r) => r.status === 401).length, 0, "renewal is proactive, never a 401");
  });

  it("uses basic auth with keep-alive near expiry, a new token after expiry, and invalidate-token on close", async () => {
    const jamf = client({ kind: "basic", username: "admin", password: "admin-pw" });
    await jamf.getCloudDistributionPoint();
    world.jamf.control.advanceClock(29 * 60_000 + 30_000);
    await jamf.getCloudDistributionPoint();
    assert.equal(requests("POST", "/api/v1/auth/keep-alive").length, 1);
    assert.equal(requests("POST", "/api/v1/auth/token").length, 1);
    world.jamf.control.advanceClock(2 * 60 * 60_000);
    await jamf.getCloudDistributionPoint();
    assert.equal(requests("POST", "/api/v1/auth/token").length, 2, "an expired token is replaced, not kept alive");
    assert.equal(requests().filter((r) => r.status === 401).length, 0);
    await jamf.close();
    assert.deepEqual(requests("POST", "/api/v1/auth/invalidate-token").map((r) => r.status), [204]);
  });

  it("closing an API client session invalidates its token, so none outlives its use", async () => {
    const jamf = client();
    await jamf.getVersion();
    assert.equal(world.jamf.control.liveTokens().length, 1);
    world.jamf.control.clearRequests();
    await jamf.close();
    assert.deepEqual(requests().map((r) => `${r.method} ${r.path} ${r.status}`), ["POST /api/v1/auth/invalidate-token 204"]);
    assert.deepEqual(world.jamf.control.liveTokens(), []);
    await jamf.close();
    assert.equal(requests().length, 1, "a second close sends nothing");
  });

  it("a 401 triggers exactly one re-authentication and retry", async () => {
    const jamf = client();
    await jamf.getVersion();
    world.jamf.control.clearRequests();
    world.jamf.control.failNext("GET", CDP, 401, { httpStatus: 401, errors: [{ code: "INVALID_TOKEN", description: "Unauthorized", id: "0", field: null }] });
    assert.equal((await jamf.getCloudDistributionPoint()).cdnType, "AMAZON_S3");
    assert.deepEqual(requests().map((r) => [r.method, r.path, r.status]), [
      ["GET", CDP, 401],
      ["POST", "/api/oauth/token", 200],
      ["GET", CDP, 200],
    ]);
  });

  it("a 401 that persists fails after one retry instead of looping", async () => {
    const jamf = client();
    world.jamf.control.failNext("GET", CDP, 401, undefined, 10);
    await rejectsWith(jamf.getCloudDistributionPoint(), "JAMF_AUTH_FAILED");
    assert.equal(requests("GET", CDP).length, 2);
    assert.equal(requests("POST", "/api/oauth/token").length, 2);
  });

  it("recovers when the server dropped a token the client still thought valid", async () => {
    const jamf = client(undefined, {}, systemClock);
    await jamf.getCloudDistributionPoint();
    world.jamf.control.advanceClock(3_600_000);
    assert.equal((await jamf.getCloudDistributionPoint()).cdnType, "AMAZON_S3");
    assert.deepEqual(requests("GET", CDP).map((r) => r.status), [200, 401, 200]);
  });

  it("maps invalid_client, wrong passwords and expired passwords", async () => {
    await rejectsWith(client({ kind: "api-client", clientId: world.jamfClient.clientId, clientSecret: "wrong-secret" }).getVersion(), "JAMF_AUTH_FAILED", "Jamf Pro rejected the API client ID or secret.");
    await rejectsWith(client({ kind: "basic", username: "admin", password: "wrong" }).getVersion(), "JAMF_AUTH_FAILED", /username or password/);
    await rejectsWith(client({ kind: "basic", username: "stale", password: "stale-pw" }).getVersion(), "JAMF_PASSWORD_EXPIRED", /stale has expired/);
  });
});

describe("JamfClient: privileges (GET /api/v1/auth)", () => {
  it("reads the CDP privileges of an API role and of a Basic account, group access included", async () => {
    assert.deepEqual(await client().getPrivileges(), { kind: "reported", granted: [...BOTH] });
    assert.deepEqual(await client({ kind: "api-client", clientId: "reader", clientSecret: "reader-secret" }).getPrivileges(), { kind: "reported", granted: ["Read Cloud Distribution Point"] });
    assert.deepEqual(await client({ kind: "api-client", clientId: "nobody", clientSecret: "nobody-secret" }).getPrivileges(), { kind: "reported", granted: [] });
    assert.deepEqual(await client({ kind: "basic", username: "admin", password: "admin-pw" }).getPrivileges(), { kind: "reported", granted: [...BOTH] });
    world.jamf.control.addUser({ username: "grouped", password: "grouped-pw", privileges: ["Update Cloud Distribution Point"], groupAccess: true });
    assert.deepEqual(await client({ kind: "basic", username: "grouped", password: "grouped-pw" }).getPrivileges(), { kind: "reported", granted: ["Update Cloud Distribution Point"] });
  });

  it("a 404 or 403 for the question, or an answer without privileges, is 'not reported'; other failures throw", async () => {
    world.jamf.control.failNext("GET", "/api/v1/auth", 404, { httpStatus: 404, errors: [] });
    assert.deepEqual(await client().getPrivileges(), { kind: "not-reported", reason: "Jamf Pro answered HTTP 404 when asked for them" });
    world.jamf.control.failNext("GET", "/api/v1/auth", 403, "<html>Forbidden</html>");
    assert.deepEqual(await client().getPrivileges(), { kind: "not-reported", reason: "Jamf Pro answered HTTP 403 when asked for them" });
    world.jamf.control.failNext("GET", "/api/v1/auth", 200, { account: {} });
    assert.equal((await client().getPrivileges()).kind, "not-reported");
    world.jamf.control.failNext("GET", "/api/v1/auth", 500, { httpStatus: 500, errors: [] });
    await rejectsWith(client().getPrivileges(), "JAMF_ERROR", /HTTP 500 when asked to report the privileges of this API client or account/);
  });
});

describe("JamfClient: errors", () => {
  it("names the missing privilege on 403", async () => {
    const reader = client({ kind: "api-client", clientId: "reader", clientSecret: "reader-secret" });
    await reader.getCloudDistributionPoint();
    const next = freshKey();
    await rejectsWith(reader.updateCredentials({ master: true, accessKeyId: next.accessKeyId, secretAccessKey: next.secretAccessKey }), "JAMF_FORBIDDEN", /"Update Cloud Distribution Point"/);
    await rejectsWith(reader.addHistoryNote("hello"), "JAMF_FORBIDDEN", /"Update Cloud Distribution Point"/);
    const nobody = client({ kind: "api-client", clientId: "nobody", clientSecret: "nobody-secret" });
    await rejectsWith(nobody.getCloudDistributionPoint(), "JAMF_FORBIDDEN", /"Read Cloud Distribution Point"/);
    await rejectsWith(nobody.testConnection(), "JAMF_FORBIDDEN", /"Read Cloud Distribution Point"/);
    await rejectsWith(nobody.listHistory(), "JAMF_FORBIDDEN", /"Read Cloud Distribution Point"/);
  });

  it("refuses servers older than 11.14 with a clear message, also when only the 404 tells", async () => {
    world.jamf.control.setVersion("11.2.1-t1707143529");
    await rejectsWith(client().assertSupportedVersion(), "JAMF_VERSION_UNSUPPORTED", "Jamf Pro 11.14 or later is required (this server runs 11.2.1)");
    await rejectsWith(client().getCloudDistributionPoint(), "JAMF_VERSION_UNSUPPORTED", "Jamf Pro 11.14 or later is required (this server runs 11.2.1)");
    world.jamf.control.setVersion("11.14.0-t1734370000");
    assert.equal(await client().assertSupportedVersion(), "11.14.0-t1734370000");
  });

  it("reads a CDP without hasConnectionSucceeded/message (before 11.16)", async () => {
    world.jamf.control.setVersion("11.15.1-t1740000000");
    const cdp = await client().getCloudDistributionPoint();
    assert.equal(cdp.hasConnectionSucceeded, null);
    assert.equal(cdp.message, null);
  });

  it("maps a 404 on a current server to JAMF_CDP_NOT_FOUND", async () => {
    world.jamf.control.failNext("GET", CDP, 404, { httpStatus: 404, errors: [{ code: "NOT_FOUND", description: "Not Found", id: "0", field: null }] });
    await rejectsWith(client().getCloudDistributionPoint(), "JAMF_CDP_NOT_FOUND", /404/);
  });

  it("lists Jamf's field errors on 400 and never repeats the secret it sent", async () => {
    const jamf = client();
    const next = freshKey();
    world.jamf.control.failNext("PATCH", CDP, 400, {
      httpStatus: 400,
      errors: [
        { code: "INVALID_FIELD", description: `value ${next.secretAccessKey} is not accepted`, id: "0", field: "password" },
        { code: "INVALID_FIELD", description: "must not be blank", id: "0", field: "username" },
      ],
    });
    const error = await rejectsWith(jamf.updateCredentials({ master: true, accessKeyId: next.accessKeyId, secretAccessKey: next.secretAccessKey }), "JAMF_VALIDATION", /password: value <redacted> is not accepted; username: must not be blank/);
    assert.ok(!error.message.includes(next.secretAccessKey));
    world.jamf.control.setCdp({ cdnType: "NONE" });
    await rejectsWith(jamf.updateCredentials({ master: true, accessKeyId: next.accessKeyId, secretAccessKey: next.secretAccessKey }), "JAMF_VALIDATION", /cdnType: /);
  });

  it("reports a non-JSON (HTML) error page by status, without quoting it", async () => {
    world.jamf.control.failNext("GET", CDP, 502, "<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>");
    const error = await rejectsWith(client().getCloudDistributionPoint(), "JAMF_ERROR", /HTTP 502/);
    assert.ok(!error.message.includes("<") && !error.message.includes("nginx"));
    assert.match(error.action ?? "", /busy/);
  });

  it("times out a slow PATCH and says the change may have been applied; it was", async () => {
    const jamf = client(undefined, { timeoutMs: 300 });
    await jamf.getVersion();
    world.jamf.control.setPatchDelayMs(1500);
    const next = freshKey();
    await rejectsWith(jamf.updateCredentials({ master: true, accessKeyId: next.accessKeyId, secretAccessKey: next.secretAccessKey }), "TIMEOUT", /may or may not have been applied/);
    for (let i = 0; i < 150 && world.jamf.control.getCdp().username !== next.accessKeyId; i += 1) await new Promise((r) => setTimeout(r, 20));
    assert.equal(world.jamf.control.getCdp().username, next.accessKeyId);
  });

  it("reports an unreachable server as NETWORK", async () => {
    const closed = createNetServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const jamf = new JamfClient({ baseUrl: `http://127.0.0.1:${port}`, credentials: { kind: "api-client", clientId: "a", clientSecret: "b" } });
    await rejectsWith(jamf.getVersion(), "NETWORK", /connection was refused/);
  });

  it("rejects bad URLs with an example of a good one, and normalizes good ones", () => {
    const make = (baseUrl: string) => new JamfClient({ baseUrl, credentials: { kind: "api-client", clientId: "a", clientSecret: "b" } });
    for (const bad of ["http://example.jamfcloud.com", "ftp://example.com", "example.jamfcloud.com", "", "https://user:pw@example.com"]) {
      assert.throws(() => make(bad), (error: unknown) => error instanceof AppError && error.code === "JAMF_BAD_URL" && error.message.includes("https://yourcompany.jamfcloud.com"));
    }
    assert.equal(make("https://example.jamfcloud.com/").baseUrl, "https://example.jamfcloud.com");
    assert.equal(make("https://example.jamfcloud.com/api/").baseUrl, "https://example.jamfcloud.com");
    assert.equal(make("https://jamf.example.com:8443/api").baseUrl, "https://jamf.example.com:8443");
    assert.equal(make("http://localhost:8080").baseUrl, "http://localhost:8080");
    assert.equal(make("http://[::1]:9000/").baseUrl, "http://[::1]:9000");
  });
});

describe("JamfClient: TLS", () => {
  const openssl = spawnSync("openssl", ["version"], { encoding: "utf8" }).status === 0;
  it("says the certificate is not trusted when the server's is self-signed", { skip: openssl ? false : "openssl is not installed, so no self-signed certificate can be made for this test" }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "jamf-tls-"));
    try {
      const made = spawnSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem"), "-days", "2", "-subj", "/CN=localhost"], { encoding: "utf8" });
      assert.equal(made.status, 0, made.stderr);
      const server = createHttpsServer({ key: readFileSync(join(dir, "key.pem")), cert: readFileSync(join(dir, "cert.pem")) }, (_req, res) => {
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end('{"version":"11.14.0"}');
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      try {
        const { port } = server.address() as AddressInfo;
        const jamf = new JamfClient({ baseUrl: `https://localhost:${port}`, credentials: { kind: "api-client", clientId: "a", clientSecret: "b" } });
        await rejectsWith(jamf.getVersion(), "TLS_UNTRUSTED", /certificate of Jamf Pro at localhost:\d+ is not trusted/);
      } finally {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("JamfClient: sessions and load", () => {
  it("shows the read lag after a PATCH (the engine re-reads before calling it drift)", async () => {
    world.jamf.control.setReadLagMs(60_000);
    const jamf = client();
    const next = freshKey();
    assert.equal((await jamf.updateCredentials({ master: true, accessKeyId: next.accessKeyId, secretAccessKey: next.secretAccessKey })).username, next.accessKeyId);
    assert.equal((await jamf.getCloudDistributionPoint()).username, world.cdpKey.accessKeyId);
    world.jamf.control.advanceClock(61_000);
    assert.equal((await jamf.getCloudDistributionPoint()).username, next.accessKeyId);
  });

  it("sends back the sticky-session cookie on every request after the first", async () => {
    const jamf = client();
    await jamf.getVersion();
    await jamf.getCloudDistributionPoint();
    await jamf.testConnection();
    await jamf.addHistoryNote("sticky");
    const log = requests();
    assert.equal(log[0]?.sessionCookie, false);
    assert.deepEqual(log.slice(1).map((r) => r.sessionCookie), log.slice(1).map(() => true));
  });

  it("keeps at most 5 requests in flight per server, shared across client instances", async () => {
    world.jamf.control.setLatency(60);
    const a = client();
    const b = client();
    await Promise.all([...Array.from({ length: 12 }, () => a.getCloudDistributionPoint()), ...Array.from({ length: 12 }, () => b.testConnection())]);
    const peak = Math.max(...requests().map((r) => r.inFlight ?? 0));
    assert.ok(peak <= 5, `peak ${peak} requests in flight`);
    assert.ok(peak > 1, "requests did run in parallel");
    world.jamf.control.clearRequests();
    const narrow = client(undefined, { maxConcurrent: 2 });
    await Promise.all(Array.from({ length: 8 }, () => narrow.getCloudDistributionPoint()));
    assert.ok(Math.max(...requests().map((r) => r.inFlight ?? 0)) <= 2);
  });
});
