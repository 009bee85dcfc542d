// StatusService against the sandbox: every target read at once (at most 5 requests in flight per
// Jamf Pro server), one broken target never hides the others, errors become state `error`.
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, it } from "node:test";
import { createCoreServices, type CoreServices } from "../../src/core/app/core-services";
import { systemClock } from "../../src/core/ports";
import { storeAwsAdminKeys, storeJamfSecret } from "../../src/core/store/jamf-credentials";
import { MemorySecretStore } from "../../src/core/store/memory-secret-store";
import { startSandbox } from "../../src/sandbox/world";
import type { SandboxWorld } from "../../src/sandbox/sandbox-types";
import type { TargetInput } from "../../src/shared/domain";
import { sandboxTargetInput } from "../rotation/support/harness";

describe("StatusService", () => {
  let world: SandboxWorld;
  let dataDir: string;
  let secrets: MemorySecretStore;
  let core: CoreServices;

  beforeEach(async () => {
    world = await startSandbox();
    dataDir = await mkdtemp(join(tmpdir(), "cdp-status-"));
    secrets = new MemorySecretStore();
    core = createCoreServices({ dataDir, secretStore: secrets, clock: systemClock, logger: { log: () => undefined }, env: {}, via: "app" });
  });
  afterEach(async () => {
    await core.dispose();
    await world.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function addTarget(name: string, patch: Partial<TargetInput> = {}, jamfSecret = world.jamfClient.clientSecret) {
    const target = await core.targets.add({ ...sandboxTargetInput(world, world.jamfClient.clientId), name, ...patch });
    await storeJamfSecret(secrets, target.id, jamfSecret, target);
    await storeAwsAdminKeys(secrets, target.id, { accessKeyId: world.admin.accessKeyId, secretAccessKey: world.admin.secretAccessKey }, target);
    return target;
  }

  it("one broken target becomes `error` and the others are still read", async () => {
    await addTarget("Good");
    await addTarget("Wrong secret", {}, "not-the-secret");
    await addTarget("Unreachable", { jamfUrl: "http://127.0.0.1:9" });
    await addTarget("Missing user", { iamUser: "nobody-here" });
    const statuses = await core.status.refresh();
    assert.deepEqual(
      statuses.map((s) => [s.name, s.state, s.error?.code ?? null]),
      [
        ["Good", "due-soon", null],
        ["Wrong secret", "error", "JAMF_AUTH_FAILED"],
        ["Unreachable", "error", "NETWORK"],
        ["Missing user", "error", "AWS_NO_SUCH_ENTITY"],
      ],
    );
    const good = statuses[0];
    assert.equal(good?.jamfKeyId, world.cdpKey.accessKeyId);
    assert.equal(good?.keys[0]?.heldByJamf, true);
    assert.equal(good?.keys[0]?.lastUsedService, "s3");
    assert.ok(statuses.every((s) => s.detail && s.checkedAt));
  });

  it("reads many targets concurrently, never more than 5 requests at once per Jamf Pro server", async () => {
    world.jamf.control.setLatency(40);
    // Each with its own API client: targets sharing one would share one session and one CDP read.
    for (let i = 0; i < 12; i++) {
      world.jamf.control.addApiClient({ clientId: `client-${i}`, clientSecret: `secret-${i}`, privileges: ["Read Cloud Distribution Point"] });
      await addTarget(`Target ${i}`, { jamfAuth: { kind: "api-client", clientId: `client-${i}` } }, `secret-${i}`);
    }
    world.jamf.control.clearRequests();
    const statuses = await core.status.refresh();
    assert.equal(statuses.length, 12);
    assert.ok(statuses.every((s) => s.state === "due-soon"));
    const inFlight = world.jamf.control.requests().map((r) => r.inFlight ?? 0);
    const peak = Math.max(...inFlight);
    assert.ok(peak > 1, "targets are read concurrently");
    assert.ok(peak <= 5, `at most 5 requests in flight, saw ${peak}`);
  });

  it("discovers the IAM user and reports a missing Jamf Pro secret as an error", async () => {
    const discovered = await addTarget("No user", { iamUser: undefined });
    const target = await core.targets.add({ ...sandboxTargetInput(world, world.jamfClient.clientId), name: "No secret" });
    const [first] = await core.status.refresh(discovered.id);
    assert.equal(first?.iamUser, "jamf-cdp");
    assert.equal(first?.state, "due-soon");
    const [second] = await core.status.refresh(target.id);
    assert.equal(second?.state, "error");
    assert.equal(second?.error?.code, "SECRET_MISSING");
    await assert.rejects(core.status.refresh("no-such-target"), (e: Error & { code?: string }) => e.code === "TARGET_NOT_FOUND");
  });
});
