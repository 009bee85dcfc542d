// Status refresh of 1 target vs 100 targets spread over several Jamf Pro servers, with latency on
// every peer: the wall times, the most requests any one Jamf Pro server had in flight (the client
// caps it at 5 per server, shared by every target on that server), and the Jamf Pro sessions: the
// targets of one server share one API client, so one token per server, invalidated at the end.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCoreServices } from "../../src/core/app/core-services";
import { silentLogger, systemClock } from "../../src/core/ports";
import { MemorySecretStore } from "../../src/core/store/memory-secret-store";
import { storeJamfSecret } from "../../src/core/store/jamf-credentials";
import { FileTargetStore } from "../../src/core/store/target-store";
import { startJamfPeer } from "../../src/sandbox/jamf/jamf-peer";
import type { JamfPeerHandle, SandboxWorld } from "../../src/sandbox/sandbox-types";
import { awsCalls, jamfCalls, sequentialCalls } from "./call-log";

const DAY_MS = 24 * 60 * 60 * 1000;

export interface RefreshFigures {
  targets: number;
  wallMs: number;
  /** Second refresh with the Jamf Pro tokens already issued. */
  warmWallMs: number;
  awsRequests: number;
  jamfRequests: number;
  /** Jamf Pro tokens issued in the first refresh (one per server and identity: sessions are shared). */
  jamfTokens: number;
  /** Tokens ended with invalidate-token in the first refresh. */
  jamfTokensInvalidated: number;
  /** Tokens the servers still accepted after the first refresh (0: every session was ended). */
  jamfTokensLeft: number;
  sequentialCalls: number;
  /** Most requests in flight at one Jamf Pro server at once, per server. */
  maxInFlightPerServer: number[];
  states: Record<string, number>;
}

export interface StatusFigures {
  latencyMs: number;
  jamfServers: number;
  one: RefreshFigures;
  hundred: RefreshFigures;
  /** 100 targets as above, each with its own API client: nothing shared. */
  hundredOwnClients: RefreshFigures;
  /** hundred.wallMs / one.wallMs (100 would mean no concurrency at all). */
  ratio: number;
}

/** Extra Jamf Pro servers next to the world's, each with its own CDP IAM user and key. */
async function startServers(world: SandboxWorld, count: number, latencyMs: number): Promise<JamfPeerHandle[]> {
  const servers: JamfPeerHandle[] = [world.jamf];
  for (let i = 1; i < count; i++) {
    const jamf = await startJamfPeer({ awsUrl: world.aws.url });
    const user = `jamf-cdp-${i}`;
    world.aws.control.createUser(user);
    world.aws.control.allow(user, ["s3:*"]);
    const key = world.aws.control.issueKey(user, { createdAt: new Date(world.aws.control.now().getTime() - (20 + i * 20) * DAY_MS) });
    jamf.control.setCdp({ cdnType: "AMAZON_S3", master: true, username: key.accessKeyId, password: key.secretAccessKey, bucket: `jamf-cdp-${i}`, region: "us-east-1" });
    // The same API client id everywhere, so the sandbox env's JAMF_CLIENT_ID/SECRET apply to all.
    jamf.control.addApiClient({ ...world.jamfClient, privileges: ["Read Cloud Distribution Point", "Update Cloud Distribution Point"] });
    jamf.control.setLatency(latencyMs);
    servers.push(jamf);
  }
  return servers;
}

/**
 * `ownClients`: every target signs in with an API client of its own (stored in the Keychain), so no
 * two share a session or a read: what sharing saves, and the per-server cap at work.
 */
async function refresh(world: SandboxWorld, servers: JamfPeerHandle[], users: string[], count: number, latencyMs: number, ownClients = false): Promise<RefreshFigures> {
  const dataDir = await mkdtemp(join(tmpdir(), "cdp-bench-status-"));
  try {
    const store = new FileTargetStore({ dataDir, clock: systemClock });
    const secrets = new MemorySecretStore();
    for (let i = 0; i < count; i++) {
      const server = i % servers.length;
      const clientId = ownClients ? `bench-client-${i}` : world.jamfClient.clientId;
      const target = await store.add({
        name: `Customer ${String(i + 1).padStart(3, "0")}`,
        jamfUrl: servers[server]?.url ?? "",
        jamfAuth: { kind: "api-client", clientId },
        iamUser: users[server],
      });
      if (ownClients) {
        servers[server]?.control.addApiClient({ clientId, clientSecret: `bench-secret-${i}`, privileges: ["Read Cloud Distribution Point"] });
        await storeJamfSecret(secrets, target.id, `bench-secret-${i}`, target);
      }
    }
    const services = createCoreServices({ dataDir, secretStore: secrets, clock: systemClock, logger: silentLogger, env: world.env, via: "cli" });
    try {
      world.aws.control.clearRequests();
      for (const server of servers) server.control.clearRequests();
      const started = performance.now();
      const statuses = await services.status.refresh();
      const wallMs = performance.now() - started;
      const aws = awsCalls(world.aws.control.requests(), latencyMs);
      const jamf = servers.map((server) => jamfCalls(server.control.requests()));
      const jamfTokensLeft = servers.reduce((sum, server) => sum + server.control.liveTokens().length, 0);
      const warmStarted = performance.now();
      await services.status.refresh();
      const warmWallMs = performance.now() - warmStarted;
      const states: Record<string, number> = {};
      for (const status of statuses) states[status.state] = (states[status.state] ?? 0) + 1;
      return {
        targets: count,
        wallMs,
        warmWallMs,
        awsRequests: aws.length,
        jamfRequests: jamf.reduce((sum, calls) => sum + calls.length, 0),
        jamfTokens: jamf.flat().filter((call) => call.name === "POST /api/oauth/token").length,
        jamfTokensInvalidated: jamf.flat().filter((call) => call.name === "POST /api/v1/auth/invalidate-token").length,
        jamfTokensLeft,
        sequentialCalls: sequentialCalls([...aws, ...jamf.flat()], latencyMs),
        maxInFlightPerServer: jamf.map((calls) => Math.max(0, ...calls.map((c) => c.inFlight ?? 0))),
        states,
      };
    } finally {
      await services.dispose();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

export async function benchStatus(world: SandboxWorld, latencyMs: number, serverCount: number): Promise<StatusFigures> {
  const servers = await startServers(world, serverCount, latencyMs);
  try {
    const users = [world.cdpUser, ...servers.slice(1).map((_, i) => `jamf-cdp-${i + 1}`)];
    await refresh(world, servers, users, 1, latencyMs); // warm-up: module loading and first sockets
    const one = await refresh(world, servers, users, 1, latencyMs);
    const hundred = await refresh(world, servers, users, 100, latencyMs);
    const hundredOwnClients = await refresh(world, servers, users, 100, latencyMs, true);
    return { latencyMs, jamfServers: servers.length, one, hundred, hundredOwnClients, ratio: hundred.wallMs / one.wallMs };
  } finally {
    await Promise.all(servers.slice(1).map((server) => server.stop()));
  }
}
