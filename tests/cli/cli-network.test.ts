// The real CLI process on a corporate-style network: Jamf Pro behind a certificate of a CA made in
// the test, trusted only through NODE_EXTRA_CA_CERTS, and HTTPS_PROXY / HTTP_PROXY set in the CLI's
// environment: every Jamf Pro and AWS request of `status` goes through the loopback proxy.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { TargetStatus } from "../../src/shared/domain";
import { startConnectProxy, type ConnectProxy } from "../support/connect-proxy";
import { createTestPki, opensslAvailable, type TestPki } from "../support/test-pki";
import { CliWorld, keychainSkipReason, parseJson } from "./cli-harness";

const skip = !opensslAvailable ? "openssl is not installed, so no test certificate authority can be made" : await keychainSkipReason();

describe("cdp-key-rotator on a network with a proxy and an internal CA", { skip }, () => {
  let pki: TestPki;
  let world: CliWorld;
  let proxy: ConnectProxy;
  before(async () => {
    pki = createTestPki();
    world = await CliWorld.start({ jamfTls: pki.issue({ dns: ["localhost"], ip: ["127.0.0.1"] }) });
    proxy = await startConnectProxy();
    const added = await world.run(["targets", "add", "--name", "Internal CA", "--jamf-url", world.sandbox.jamf.url, "--jamf-client-id", world.sandbox.jamfClient.clientId, "--iam-user", world.sandbox.cdpUser], {
      env: { NODE_EXTRA_CA_CERTS: pki.caFile },
    });
    assert.equal(added.code, 0, `${added.stdout}\n${added.stderr}`);
  });
  after(async () => {
    await world.assertNoLeaks();
    await world.stop();
    await proxy.stop();
    pki.dispose();
  });

  it("trusts the organization's root from NODE_EXTRA_CA_CERTS, and sends Jamf Pro and AWS through HTTPS_PROXY", async () => {
    proxy.reset();
    const result = await world.run(["status", "--json"], { env: { NODE_EXTRA_CA_CERTS: pki.caFile, HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url } });
    const [status] = parseJson<TargetStatus[]>(result);
    assert.equal(status?.error ?? null, null, JSON.stringify(status?.error));
    assert.notEqual(status?.state, "error");
    const counts = proxy.counts();
    assert.ok((counts[`CONNECT ${new URL(world.sandbox.jamf.url).host}`] ?? 0) >= 1, JSON.stringify(counts));
    const aws = world.sandbox.aws.control.requests().filter((r) => !r.action.startsWith("s3:")).length;
    assert.equal(counts[`http ${new URL(world.sandbox.aws.url).host}`], aws, JSON.stringify(counts));
  });

  it("without the root it says what is wrong and how to fix it", async () => {
    const result = await world.run(["status", "--json"], { env: { NODE_EXTRA_CA_CERTS: undefined } });
    const [status] = parseJson<TargetStatus[]>(result);
    assert.equal(status?.state, "error");
    assert.equal(status?.error?.code, "TLS_UNTRUSTED");
    assert.match(status?.error?.message ?? "", /certificate of Jamf Pro at 127\.0\.0\.1:\d+ is not trusted/);
    assert.match(status?.error?.action ?? "", /Zscaler or Netskope.*System keychain.*NODE_EXTRA_CA_CERTS=\/path\/to\/root\.pem/);
  });
});
