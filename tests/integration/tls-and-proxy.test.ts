// The CLI's network path (core/net/env-proxy-fetch.ts) for real: a full rotation through a loopback
// forward proxy (CONNECT for the TLS Jamf Pro peer, absolute form for the http AWS peer), NO_PROXY
// respected, and Jamf Pro / AWS behind certificates from a CA made in the test: trusted through
// configuration they work; untrusted, expired or for another name they fail saying why and what to do.
import assert from "node:assert/strict";
import { createServer as createHttpsServer, type Server as HttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { AwsIamClient } from "../../src/core/aws/aws-iam-client";
import { JamfClient } from "../../src/core/jamf/jamf-client";
import { createEnvProxyFetch, type EnvProxyFetch } from "../../src/core/net/env-proxy-fetch";
import { storeAwsAdminKeys, storeJamfSecret } from "../../src/core/store/jamf-credentials";
import { startJamfPeer } from "../../src/sandbox/jamf/jamf-peer";
import type { JamfPeerHandle } from "../../src/sandbox/sandbox-types";
import { AppError } from "../../src/shared/errors";
import { startConnectProxy, type ConnectProxy } from "../support/connect-proxy";
import { createTestPki, opensslAvailable, type TestPki } from "../support/test-pki";
import { rotate } from "../rotation/support/drive";
import { startHarness, type Harness } from "../rotation/support/harness";

const skip = opensslAvailable ? false : "openssl is not installed, so no test certificate authority can be made";
/** Resolves only at the proxy: a request that bypassed it could not reach Jamf Pro at all. */
const JAMF_HOST = "jamf.sandbox.test";
const credentials = { kind: "api-client" as const, clientId: "a", clientSecret: "b" };

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AppError, `not an AppError: ${String(error)}`);
    assert.equal(error.code, code, error.message);
    return error;
  }
  assert.fail(`expected ${code}`);
}

/** Our own requests at the AWS peer: IAM and STS (the Jamf peer's S3 calls with the CDP key are not ours). */
function ourAwsRequests(h: Harness): number {
  return h.world.aws.control.requests().filter((r) => !r.action.startsWith("s3:")).length;
}

describe("a rotation through an HTTP proxy", { skip }, () => {
  let pki: TestPki;
  let proxy: ConnectProxy;
  const networks: EnvProxyFetch[] = [];
  const harnesses: Harness[] = [];
  before(async () => {
    pki = createTestPki();
    proxy = await startConnectProxy({ hosts: { [JAMF_HOST]: "127.0.0.1" } });
  });
  after(async () => {
    for (const h of harnesses) await h.stop();
    for (const n of networks) await n.close();
    await proxy.stop();
    pki.dispose();
  });

  const start = async (env: Record<string, string>, jamfHost: string) => {
    const network = createEnvProxyFetch({ env, extraCa: [pki.caPem] });
    networks.push(network);
    const cert = pki.issue({ dns: [JAMF_HOST, "localhost"], ip: ["127.0.0.1"] });
    const h = await startHarness({ sandbox: { jamfTls: cert }, fetch: network.fetch });
    harnesses.push(h);
    const port = new URL(h.world.jamf.url).port;
    // The harness's target with the Jamf Pro address under the given host (secrets re-bound to it).
    const target = await h.core.targets.update(h.target.id, { jamfUrl: `https://${jamfHost}:${port}` });
    await storeJamfSecret(h.secrets, target.id, h.world.jamfClient.clientSecret, target);
    await storeAwsAdminKeys(h.secrets, target.id, { accessKeyId: h.world.admin.accessKeyId, secretAccessKey: h.world.admin.secretAccessKey }, target);
    return { h: Object.assign(h, { target }), port, awsHost: new URL(h.world.aws.url).host };
  };

  it("sends every Jamf Pro request through a CONNECT tunnel and every AWS request in absolute form", async () => {
    const { h, port, awsHost } = await start({ HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url }, JAMF_HOST);
    proxy.reset();
    const { final } = await rotate(h, { deleteOld: "now" });
    assert.equal(final.status, "completed", final.stateMessage);
    const counts = proxy.counts();
    // Jamf Pro's name resolves only at the proxy: the rotation reaching Jamf Pro at all proves the tunnel.
    assert.ok((counts[`CONNECT ${JAMF_HOST}:${port}`] ?? 0) >= 1, JSON.stringify(counts));
    assert.ok(h.world.jamf.control.requests().length >= 4, "the rotation talked to Jamf Pro");
    assert.equal(counts[`http ${awsHost}`], ourAwsRequests(h), `every IAM/STS request at the proxy: ${JSON.stringify(counts)}`);
    assert.deepEqual(Object.keys(counts).sort(), [`CONNECT ${JAMF_HOST}:${port}`, `http ${awsHost}`].sort());
  });

  it("goes direct for the hosts NO_PROXY names: nothing reaches the proxy", async () => {
    const { h } = await start({ HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url, NO_PROXY: "127.0.0.1,localhost" }, "127.0.0.1");
    proxy.reset();
    const { final } = await rotate(h, { deleteOld: "now" });
    assert.equal(final.status, "completed", final.stateMessage);
    assert.ok(ourAwsRequests(h) > 0 && h.world.jamf.control.requests().length > 0);
    assert.deepEqual(proxy.counts(), {});
  });

  it("names the proxy when it refuses the tunnel", async () => {
    const network = createEnvProxyFetch({ env: { HTTPS_PROXY: "http://127.0.0.1:9" } });
    networks.push(network);
    const jamf = new JamfClient({ baseUrl: `https://${JAMF_HOST}:443`, credentials, timeoutMs: 5_000 }, { fetch: network.fetch });
    const error = await rejectsWith(jamf.getVersion(), "NETWORK");
    assert.match(error.message, /Could not reach Jamf Pro at jamf\.sandbox\.test/);
  });
});

describe("Jamf Pro and AWS behind certificates of an internal CA", { skip }, () => {
  let pki: TestPki;
  const peers: JamfPeerHandle[] = [];
  const networks: EnvProxyFetch[] = [];
  let awsStub: HttpsServer;
  before(() => {
    pki = createTestPki();
  });
  after(async () => {
    for (const peer of peers) await peer.stop();
    for (const n of networks) await n.close();
    if (awsStub) {
      awsStub.closeAllConnections();
      await new Promise<void>((done) => awsStub.close(() => done()));
    }
    pki.dispose();
  });

  const peer = async (names: { dns?: string[]; ip?: string[] }, days?: number) => {
    const started = await startJamfPeer({ awsUrl: "http://127.0.0.1:9", tls: pki.issue(names, days) });
    peers.push(started);
    started.control.addApiClient({ clientId: credentials.clientId, clientSecret: credentials.clientSecret, privileges: ["Read Cloud Distribution Point"] });
    return started;
  };
  const transport = (extraCa: string[] = []) => {
    const network = createEnvProxyFetch({ env: {}, extraCa });
    networks.push(network);
    return network.fetch;
  };

  it("works once the organization's root is trusted through configuration", async () => {
    const jamf = await peer({ dns: ["localhost"], ip: ["127.0.0.1"] });
    const client = new JamfClient({ baseUrl: jamf.url, credentials }, { fetch: transport([pki.caPem]) });
    assert.match(await client.getVersion(), /^11\./);
  });

  it("untrusted: says the network may inspect TLS or the server uses an internal CA, and how to trust it", async () => {
    const jamf = await peer({ dns: ["localhost"], ip: ["127.0.0.1"] });
    const error = await rejectsWith(new JamfClient({ baseUrl: jamf.url, credentials }, { fetch: transport() }).getVersion(), "TLS_UNTRUSTED");
    assert.match(error.message, /certificate of Jamf Pro at 127\.0\.0\.1:\d+ is not trusted/);
    assert.equal(
      error.action,
      "Your network may inspect TLS traffic (for example Zscaler or Netskope) or the server uses an internal certificate authority: install your organization's root certificate in the System keychain, or for the CLI set NODE_EXTRA_CA_CERTS=/path/to/root.pem.",
    );
  });

  it("expired: says so, even with the root trusted", async () => {
    const jamf = await peer({ dns: ["localhost"], ip: ["127.0.0.1"] }, -1);
    const error = await rejectsWith(new JamfClient({ baseUrl: jamf.url, credentials }, { fetch: transport([pki.caPem]) }).getVersion(), "TLS_EXPIRED");
    assert.match(error.message, /has expired/);
    assert.match(error.action ?? "", /renewed/);
  });

  it("another name: says which name the address needs", async () => {
    const jamf = await peer({ dns: ["jamf.other.example"] });
    const error = await rejectsWith(new JamfClient({ baseUrl: jamf.url, credentials }, { fetch: transport([pki.caPem]) }).getVersion(), "TLS_HOSTNAME_MISMATCH");
    assert.match(error.message, /not issued for 127\.0\.0\.1/);
  });

  it("an AWS endpoint behind an untrusted certificate gets the same cause and fix", async () => {
    const cert = pki.issue({ dns: ["localhost"], ip: ["127.0.0.1"] });
    awsStub = createHttpsServer(cert, (_req, res) => res.end());
    await new Promise<void>((done) => awsStub.listen(0, "127.0.0.1", done));
    const { port } = awsStub.address() as AddressInfo;
    const aws = new AwsIamClient(
      { region: "us-east-1", endpointUrl: `https://127.0.0.1:${port}`, staticCredentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "x".repeat(40) }, maxAttempts: 1 },
      { fetch: transport() },
    );
    try {
      const error = await rejectsWith(aws.getAdminIdentity(), "TLS_UNTRUSTED");
      assert.match(error.message, /certificate of AWS at 127\.0\.0\.1:\d+ is not trusted/);
      assert.match(error.action ?? "", /Zscaler or Netskope.*NODE_EXTRA_CA_CERTS/);
    } finally {
      aws.destroy();
    }
  });
});
