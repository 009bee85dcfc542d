// One Jamf Pro session per server and identity, counted at the sandbox Jamf peers over real HTTP:
// targets that share a server and the very same credentials share one token; another client,
// another secret or an account never ride along; concurrent first use and a token that expires
// under many requests each cost one token request; a refresh reads a server's CDP once for all its targets; when the last user is done (the end of a
// refresh, the end of a rotation) the token is invalidated, and never while a rotation still uses it.
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, afterEach, before, beforeEach, describe, it } from "node:test";
import { createCoreServices, type CoreServices } from "../../src/core/app/core-services";
import { JamfClient } from "../../src/core/jamf/jamf-client";
import { JamfSessionPool } from "../../src/core/jamf/jamf-session-pool";
import { silentLogger, systemClock } from "../../src/core/ports";
import { storeAwsAdminKeys, storeJamfSecret } from "../../src/core/store/jamf-credentials";
import { MemorySecretStore } from "../../src/core/store/memory-secret-store";
import { startJamfPeer } from "../../src/sandbox/jamf/jamf-peer";
import type { JamfPeerHandle, SandboxWorld } from "../../src/sandbox/sandbox-types";
import { startSandbox } from "../../src/sandbox/world";
import type { Target, TargetInput } from "../../src/shared/domain";
import { FAST_TIMINGS } from "../rotation/support/fast-timings";

const BOTH = ["Read Cloud Distribution Point", "Update Cloud Distribution Point"] as const;
const CDP = "/api/v1/cloud-distribution-point";
const TOKEN = "/api/oauth/token";
const INVALIDATE = "/api/v1/auth/invalidate-token";

let world: SandboxWorld;
/** A second Jamf Pro server with its own CDP IAM user, and the same API client as the first. */
let second: JamfPeerHandle;
const secondUser = "jamf-cdp-second";

function count(server: JamfPeerHandle, path: string, status?: number): number {
  return server.control.requests().filter((r) => r.method === "POST" && r.path === path && (status === undefined || r.status === status)).length;
}

before(async () => {
  world = await startSandbox();
  world.jamf.control.addApiClient({ clientId: "other-client", clientSecret: "other-secret", privileges: [...BOTH] });
  world.jamf.control.addUser({ username: "admin", password: "admin-pw", privileges: [...BOTH] });
  world.jamf.control.setBaseline();
  second = await startJamfPeer({ awsUrl: world.aws.url });
  world.aws.control.createUser(secondUser);
  world.aws.control.allow(secondUser, ["s3:*"]);
  const key = world.aws.control.issueKey(secondUser, { propagated: true });
  second.control.setCdp({ cdnType: "AMAZON_S3", master: true, username: key.accessKeyId, password: key.secretAccessKey, bucket: "jamf-cdp-second", region: "us-east-1" });
  second.control.addApiClient({ ...world.jamfClient, privileges: [...BOTH] });
  second.control.setBaseline();
});

after(async () => {
  await second.stop();
  await world.stop();
});

describe("one Jamf Pro session per server and identity (status and rotation)", () => {
  let dataDir: string;
  let secrets: MemorySecretStore;
  let core: CoreServices;
  let made = 0;

  beforeEach(async () => {
    world.jamf.control.reset();
    second.control.reset();
    dataDir = await mkdtemp(join(tmpdir(), "cdp-sessions-"));
    secrets = new MemorySecretStore();
    core = createCoreServices({ dataDir, secretStore: secrets, clock: systemClock, logger: silentLogger, env: {}, via: "app" }, { timings: FAST_TIMINGS, actor: "test" });
  });
  afterEach(async () => {
    await core.dispose();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function addTarget(server: JamfPeerHandle, patch: Partial<TargetInput> = {}, secret = world.jamfClient.clientSecret): Promise<Target> {
    made += 1;
    const target = await core.targets.add({
      name: `Target ${made}`,
      jamfUrl: server.url,
      jamfAuth: { kind: "api-client", clientId: world.jamfClient.clientId },
      awsRegion: "us-east-1",
      awsEndpointUrl: world.aws.url,
      iamUser: server === second ? secondUser : world.cdpUser,
      ...patch,
    });
    await storeJamfSecret(secrets, target.id, secret, target);
    await storeAwsAdminKeys(secrets, target.id, { accessKeyId: world.admin.accessKeyId, secretAccessKey: world.admin.secretAccessKey }, target);
    return target;
  }

  it("10 targets on 2 servers with one API client: 2 token requests, both invalidated after the refresh", async () => {
    for (let i = 0; i < 10; i++) await addTarget(i % 2 === 0 ? world.jamf : second);
    world.aws.control.clearRequests();
    const statuses = await core.status.refresh();
    // The same admin key everywhere is one AWS gateway: each IAM user's keys are listed once.
    assert.equal(world.aws.control.requests().filter((r) => r.action === "iam:ListAccessKeys").length, 2);
    assert.equal(statuses.length, 10);
    assert.deepEqual(statuses.filter((s) => s.state === "error").map((s) => s.error?.message), []);
    const secondKey = second.control.getCdp().username;
    assert.deepEqual(
      statuses.map((s) => s.jamfKeyId),
      statuses.map((_, i) => (i % 2 === 0 ? world.cdpKey.accessKeyId : secondKey)),
      "each target shows its own server's key",
    );
    for (const server of [world.jamf, second]) {
      assert.equal(count(server, TOKEN), 1, "one token per server");
      assert.equal(server.control.requests().filter((r) => r.path === CDP).length, 1, "one CDP read answered the server's 5 targets");
      assert.equal(count(server, INVALIDATE, 204), 1, "the shared session ended once");
      assert.equal(server.control.requests().at(-1)?.path, INVALIDATE, "and only when every target on it was read");
      assert.deepEqual(server.control.liveTokens(), [], "no token outlives the refresh");
    }

    // The next refresh opens a session again (one per server), and ends it again.
    await core.status.refresh();
    assert.equal(count(world.jamf, TOKEN), 2);
    assert.deepEqual(world.jamf.control.liveTokens(), []);
  });

  it("another API client, an account, or the same client with another secret on the same server each get their own session", async () => {
    for (let i = 0; i < 3; i++) await addTarget(world.jamf);
    const other = await addTarget(world.jamf, { jamfAuth: { kind: "api-client", clientId: "other-client" } }, "other-secret");
    const account = await addTarget(world.jamf, { jamfAuth: { kind: "basic", username: "admin" } }, "admin-pw");
    const sameAccount = await addTarget(world.jamf, { jamfAuth: { kind: "basic", username: "admin" } }, "admin-pw");
    const wrong = await addTarget(world.jamf, {}, "not-the-secret");
    const statuses = await core.status.refresh();
    const byId = new Map(statuses.map((s) => [s.targetId, s]));
    assert.equal(byId.get(other.id)?.state, "due-soon");
    assert.equal(byId.get(account.id)?.state, "due-soon");
    assert.equal(byId.get(sameAccount.id)?.state, "due-soon");
    // It did not borrow the others' token: its own secret was sent, and refused.
    assert.equal(byId.get(wrong.id)?.error?.code, "JAMF_AUTH_FAILED");
    assert.equal(statuses.filter((s) => s.state === "due-soon").length, 6);

    const tokenBodies = world.jamf.control.requests().filter((r) => r.path === TOKEN).map((r) => r.body as Record<string, string>);
    assert.deepEqual(tokenBodies.map((b) => [b.client_id, b.client_secret]).sort(), [
      [world.jamfClient.clientId, "<redacted>"],
      [world.jamfClient.clientId, "<redacted>"],
      ["other-client", "<redacted>"],
    ]);
    assert.deepEqual(world.jamf.control.requests().filter((r) => r.path === TOKEN).map((r) => r.status).sort(), [200, 200, 401]);
    assert.equal(count(world.jamf, "/api/v1/auth/token", 200), 1, "the account signed in once for its two instances");
    assert.equal(count(world.jamf, INVALIDATE, 204), 3, "three sessions ended: the shared client's, the other client's, the account's");
    assert.deepEqual(world.jamf.control.liveTokens(), []);
  });

  it("a refresh next to a running rotation of a target on the same session leaves the session open until the rotation ends", async () => {
    const rotating = await addTarget(world.jamf);
    await addTarget(world.jamf);
    await addTarget(world.jamf);
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let asked = 0;
    let paused = (): void => undefined;
    const pausedAtFirstQuestion = new Promise<void>((resolve) => {
      paused = resolve;
    });
    const run = await core.engine.start(rotating, {
      deleteOld: "later",
      confirm: async () => {
        asked += 1;
        if (asked === 1) {
          paused();
          await held;
        }
        return true;
      },
    });
    await pausedAtFirstQuestion;
    assert.equal(world.jamf.control.liveTokens().length, 1, "the rotation has its session");

    const statuses = await core.status.refresh();
    assert.equal(statuses.length, 3);
    assert.equal(count(world.jamf, TOKEN), 1, "the refresh used the rotation's session");
    assert.equal(count(world.jamf, INVALIDATE), 0, "and did not end it: the rotation still uses it");
    assert.equal(world.jamf.control.liveTokens().length, 1);

    release();
    const final = await run.finished;
    assert.equal(final.status, "pending-deletion", final.stateMessage);
    assert.equal(count(world.jamf, TOKEN), 1, "one token for the refresh and the whole rotation");
    assert.equal(count(world.jamf, INVALIDATE, 204), 1, "ended once, when the rotation was done");
    assert.deepEqual(world.jamf.control.liveTokens(), []);
    assert.equal(world.jamf.control.getCdp().username !== "", true);
  });
});

describe("JamfSessionPool", () => {
  beforeEach(() => world.jamf.control.reset());

  it("concurrent first use of a shared session asks for one token", async () => {
    const pool = new JamfSessionPool(silentLogger);
    world.jamf.control.setLatency(20);
    const clients = Array.from({ length: 8 }, () => new JamfClient({ baseUrl: world.jamf.url, credentials: { kind: "api-client", ...world.jamfClient } }, { sessions: pool.source }));
    const cdps = await Promise.all(clients.map((client) => client.getCloudDistributionPoint()));
    assert.ok(cdps.every((cdp) => cdp.username === world.cdpKey.accessKeyId));
    assert.equal(count(world.jamf, TOKEN), 1);
    assert.equal(pool.size, 1);

    // The session ends with its last user, not before.
    for (const client of clients.slice(1)) await client.close();
    assert.equal(count(world.jamf, INVALIDATE), 0);
    assert.equal(world.jamf.control.liveTokens().length, 1);
    await clients[0]?.close();
    assert.equal(count(world.jamf, INVALIDATE, 204), 1);
    assert.equal(pool.size, 0);
    assert.deepEqual(world.jamf.control.liveTokens(), []);

    // A closed client used again takes a share anew: a new session, ended by its next close.
    await clients[0]?.getCloudDistributionPoint();
    assert.equal(pool.size, 1);
    await pool.closeAll();
    assert.deepEqual(world.jamf.control.liveTokens(), []);
  });

  it("a token that expires while many requests use it is renewed once for all of them", async () => {
    const pool = new JamfSessionPool(silentLogger);
    world.jamf.control.setLatency(20);
    const clients = Array.from({ length: 10 }, () => new JamfClient({ baseUrl: world.jamf.url, credentials: { kind: "api-client", ...world.jamfClient } }, { sessions: pool.source }));
    await clients[0]?.getVersion();
    // The fourth CDP read finds every token gone (a clock jump, a long pause): Jamf Pro answers 401,
    // and so it does to the reads in flight with the same token.
    world.jamf.control.injectFault("GET", CDP, "expired-token", { skip: 3 });
    const cdps = await Promise.all(clients.map((client) => client.getCloudDistributionPoint()));
    assert.ok(cdps.every((cdp) => cdp.username === world.cdpKey.accessKeyId));
    const requests = world.jamf.control.requests();
    assert.ok(requests.filter((r) => r.path === CDP && r.status === 401).length >= 1);
    assert.equal(count(world.jamf, TOKEN), 2, "the first token and one renewal");
    assert.equal(requests.filter((r) => r.path === CDP && r.status === 200).length, 10);
    await Promise.all(clients.map((client) => client.close()));
    assert.deepEqual(world.jamf.control.liveTokens(), []);
  });

  it("a different secret for the same client id, or another server, is another session", async () => {
    const pool = new JamfSessionPool(silentLogger);
    const make = (baseUrl: string, clientSecret: string) =>
      new JamfClient({ baseUrl, credentials: { kind: "api-client", clientId: world.jamfClient.clientId, clientSecret } }, { sessions: pool.source });
    const a = make(world.jamf.url, world.jamfClient.clientSecret);
    const b = make(`${world.jamf.url}/`, world.jamfClient.clientSecret);
    const c = make(world.jamf.url, "another-secret");
    const d = make(second.url, world.jamfClient.clientSecret);
    assert.equal(pool.size, 3, "a and b (the same URL written two ways) share; c and d do not");
    await Promise.all([a, b, c, d].map((client) => client.close()));
    assert.equal(pool.size, 0);
  });
});
