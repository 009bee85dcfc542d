// The openExternal allow-list for Jamf Pro hosts, through the app's full backend: a host the
// renderer saved is not enough; only an https instance whose LAST connection test passed may be
// opened (a Jamf Pro peer behind TLS from a test CA, reached through the real network path).
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, afterEach, before, beforeEach, describe, it } from "node:test";
import { createEnvProxyFetch, type EnvProxyFetch } from "../../src/core/net/env-proxy-fetch";
import { silentLogger } from "../../src/core/ports";
import { storeAwsAdminKeys } from "../../src/core/store/jamf-credentials";
import { MemorySecretStore } from "../../src/core/store/memory-secret-store";
import { createAppServices, type AppServices } from "../../src/main/app-services";
import { startSandbox } from "../../src/sandbox/world";
import type { SandboxWorld } from "../../src/sandbox/sandbox-types";
import type { TargetInput } from "../../src/shared/domain";
import { createTestPki, opensslAvailable, type TestPki } from "../support/test-pki";

const skip = opensslAvailable ? false : "openssl is not installed, so no test certificate authority can be made";

describe("openExternal and Jamf Pro hosts", { skip }, () => {
  let pki: TestPki;
  let network: EnvProxyFetch;
  let world: SandboxWorld;
  let dataDir: string;
  let running: AppServices[];
  let opened: string[];
  const secretStore = new MemorySecretStore();

  before(async () => {
    pki = createTestPki();
    network = createEnvProxyFetch({ env: {}, extraCa: [pki.caPem] });
    world = await startSandbox({ jamfTls: pki.issue({ dns: ["localhost"], ip: ["127.0.0.1"] }) });
  });
  after(async () => {
    await world.stop();
    await network.close();
    pki.dispose();
  });
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "cdp-external-trust-"));
    running = [];
    opened = [];
    world.jamf.control.reset();
  });
  afterEach(async () => {
    for (const services of running) await services.dispose();
    await rm(dataDir, { recursive: true, force: true });
  });

  const start = async () => {
    const services = await createAppServices({
      dataDir,
      secretStore,
      env: {},
      logger: silentLogger,
      fetch: network.fetch,
      startWorld: () => Promise.reject(new Error("no sandbox targets in this test")),
      openExternal: async (url) => {
        opened.push(url);
      },
      hidePopover: () => undefined,
      loginItem: null,
    });
    running.push(services);
    return services.backend;
  };
  const jamfHttpsUrl = () => `https://localhost:${new URL(world.jamf.url).port}`;
  const input = (jamfUrl: string): TargetInput & { awsRegion: string } => ({
    name: "Acme",
    jamfUrl,
    jamfAuth: { kind: "api-client", clientId: world.jamfClient.clientId },
    awsRegion: "us-east-1",
    awsEndpointUrl: world.aws.url,
    iamUser: world.cdpUser,
  });
  const save = async (backend: AppServices["backend"], jamfUrl: string) => {
    const target = await backend["cdp:targets:save"]({ target: input(jamfUrl), secret: world.jamfClient.clientSecret });
    await storeAwsAdminKeys(secretStore, target.id, { accessKeyId: world.admin.accessKeyId, secretAccessKey: world.admin.secretAccessKey }, target);
    return target;
  };
  const opens = async (backend: AppServices["backend"], url: string): Promise<boolean> => {
    try {
      await backend["cdp:app:open-external"]({ url });
      return true;
    } catch (error) {
      assert.equal((error as { code?: string }).code, "INVALID_INPUT");
      assert.match((error as Error).message, /connection test passed/);
      return false;
    }
  };

  it("refuses a saved instance never tested, opens it once its test passed, refuses it again after a failed test", async () => {
    const backend = await start();
    const target = await save(backend, jamfHttpsUrl());
    const link = `${jamfHttpsUrl()}/view/settings/cloud-distribution-point`;
    assert.equal(await opens(backend, link), false, "saved but never tested");

    const passed = await backend["cdp:targets:test"]({ targetId: target.id });
    assert.equal(passed.ok, true, JSON.stringify(passed.checks));
    assert.equal(await opens(backend, link), true, "tested and passed");
    assert.deepEqual(opened, [link]);

    world.jamf.control.setVersion("10.48.0"); // too old for key rotation: the test fails
    const failed = await backend["cdp:targets:test"]({ targetId: target.id });
    assert.equal(failed.ok, false);
    assert.equal(await opens(backend, link), false, "passed, then failed");
    assert.deepEqual(opened, [link], "nothing more was opened");
  });

  it("trusts an instance tested in the form before it was saved, and remembers the result across a restart", async () => {
    let backend = await start();
    // An unsaved copy signs in to AWS through the default chain, which the SDK reads from process.env.
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    process.env.AWS_ACCESS_KEY_ID = world.admin.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = world.admin.secretAccessKey;
    const report = await backend["cdp:targets:test"]({ target: input(jamfHttpsUrl()), secret: world.jamfClient.clientSecret }).finally(() => {
      for (const [name, value] of [["AWS_ACCESS_KEY_ID", saved.id], ["AWS_SECRET_ACCESS_KEY", saved.secret]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    });
    assert.equal(report.ok, true, JSON.stringify(report.checks));
    // Tested but not saved: the host is still not one of the admin's instances.
    assert.equal(await opens(backend, `${jamfHttpsUrl()}/`), false, "tested but never saved");
    await save(backend, jamfHttpsUrl());
    assert.equal(await opens(backend, `${jamfHttpsUrl()}/`), true);

    await running.pop()?.dispose();
    backend = await start();
    assert.equal(await opens(backend, `${jamfHttpsUrl()}/`), true, "after a restart");
  });

  it("never opens a plain-http instance, even one whose test passed", async () => {
    const plain = await startSandbox();
    try {
      const backend = await start();
      const target = await backend["cdp:targets:save"]({
        target: { ...input(plain.jamf.url), jamfAuth: { kind: "api-client", clientId: plain.jamfClient.clientId }, awsEndpointUrl: plain.aws.url, iamUser: plain.cdpUser },
        secret: plain.jamfClient.clientSecret,
      });
      await storeAwsAdminKeys(secretStore, target.id, { accessKeyId: plain.admin.accessKeyId, secretAccessKey: plain.admin.secretAccessKey }, target);
      assert.match(target.jamfUrl, /^http:/);
      const report = await backend["cdp:targets:test"]({ targetId: target.id });
      assert.equal(report.ok, true, JSON.stringify(report.checks));
      assert.equal(await opens(backend, `${target.jamfUrl}/`), false);
      assert.equal(await opens(backend, `${target.jamfUrl.replace("http:", "https:")}/`), false, "nor its https twin");
    } finally {
      await plain.stop();
    }
  });

  it("opens the documentation hosts without any instance and refuses lookalikes", async () => {
    const backend = await start();
    for (const url of [
      "https://learn.jamf.com/en-US/bundle/jamf-pro-documentation-current/page/API_Roles_and_Clients.html",
      "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html",
      "https://console.aws.amazon.com/iam/home",
    ]) {
      assert.equal(await opens(backend, url), true, url);
    }
    for (const url of ["https://learn.jamf.com.evil.test/", "https://evil-learn.jamf.com/", "https://docs.aws.amazon.com.evil.test/", "http://learn.jamf.com/"]) {
      assert.equal(await opens(backend, url), false, url);
    }
  });
});
