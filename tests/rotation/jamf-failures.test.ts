// Jamf Pro refusing or fumbling the new key: PATCH rejected, PATCH answered too late (ambiguous),
// the connection test failing after the push, and an API client without the Update privilege.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { afterEach, describe, it } from "node:test";
import { maskKeyId } from "../../src/shared/mask";
import { activeKeys, cdpKeys, jamfConnectionWorks, jamfKeyId, pendingSecret, startHarness, type Harness } from "./support/harness";
import { resume, rotate } from "./support/drive";
import { assertBothActiveJamfOnNew, assertNothingChanged, assertSafe } from "./support/expectations";
import type { RotationSnapshot } from "../../src/shared/domain";

const CDP = "/api/v1/cloud-distribution-point";

describe("Jamf Pro failures", () => {
  let h: Harness;
  afterEach(() => h.stop());

  it("PATCH rejected: reads Jamf Pro back, deletes the new key, nothing changed", async () => {
    h = await startHarness();
    h.world.jamf.control.failNext("PATCH", CDP, 400, { httpStatus: 400, errors: [{ code: "INVALID_FIELD", description: "Bucket is not reachable", id: "0", field: "username" }] });
    const { final } = await rotate(h);
    assert.equal(final.status, "failed");
    assert.equal(final.error?.code, "JAMF_VALIDATION");
    assert.match(final.stateMessage, /Jamf Pro did not take the new key .* was deleted\. Jamf Pro still uses AKIA…/);
    const patchIndex = h.world.jamf.control.requests().findIndex((r) => r.method === "PATCH");
    assert.ok(h.world.jamf.control.requests().slice(patchIndex + 1).some((r) => r.method === "GET" && r.path === CDP), "Jamf Pro was read back");
    await assertNothingChanged(h);
  });

  it("PATCH answered after the client gave up: reads back, finds the new key applied, carries on", async () => {
    h = await startHarness({ jamfTimeoutMs: 1_000, timings: { jamfDeadlineMs: 8_000 } });
    h.world.jamf.control.setPatchDelayMs(2_000);
    const { final } = await rotate(h);
    assert.equal(final.status, "completed", final.stateMessage);
    assert.match(final.steps.find((s) => s.id === "update-jamf")?.result ?? "", /answered with an error .* but holds/);
    assert.equal(cdpKeys(h).length, 1);
    assert.equal(jamfKeyId(h), final.newKeyId);
    assert.equal(await jamfConnectionWorks(h), true);
    await assertSafe(h);
  });

  it("Jamf Cloud's read lag: re-reads until the new key shows", async () => {
    h = await startHarness({ timings: { jamfDeadlineMs: 3_000 } });
    h.world.jamf.control.setReadLagMs(400);
    const { final } = await rotate(h);
    assert.equal(final.status, "completed", final.stateMessage);
    assert.ok(h.snapshots.some((s) => s.currentStepId === "verify-jamf" && /still shows/.test(s.progress?.message ?? "")));
    await assertSafe(h);
  });

  it("test-connection failing after the push: keeps both keys, says so plainly, retry-verify completes later", async () => {
    h = await startHarness();
    let broke = false;
    const breakS3 = (s: RotationSnapshot) => {
      if (!broke && s.steps.find((x) => x.id === "update-jamf")?.status === "running") {
        broke = true;
        h.world.aws.control.deny(h.world.cdpUser, "s3:ListBucket");
      }
    };
    const { final } = await rotate(h, { onSnapshot: breakS3 });
    assert.equal(final.status, "failed");
    assert.equal(final.error?.code, "ROTATION_JAMF_VERIFY_FAILED");
    assert.deepEqual(final.recovery, ["retry-verify", "abort"]);
    const oldMasked = maskKeyId(h.world.cdpKey.accessKeyId);
    assert.match(final.stateMessage, /Both keys stay active/);
    assert.ok(final.stateMessage.includes(oldMasked));
    assert.match(final.error?.action ?? "", /Settings > Server > Cloud Distribution Point/);
    assert.ok((final.error?.action ?? "").includes(oldMasked));
    await assertBothActiveJamfOnNew(h, final.newKeyId);
    assert.notEqual(await pendingSecret(h), null, "the new secret is kept until Jamf Pro proves it");

    h.world.aws.control.clearDenies();
    const retried = await h.core.engine.retryVerify(h.target, { confirm: async () => true, onSnapshot: (s) => h.snapshots.push(s) });
    const done = await retried.finished;
    assert.equal(done.status, "completed", done.stateMessage);
    assert.deepEqual(activeKeys(h), [jamfKeyId(h)]);
    assert.equal(await pendingSecret(h), null);
    await assertSafe(h);
  });

  it("test-connection failing after the push, then abort: Jamf Pro keeps the new key and the message says how to go back", async () => {
    h = await startHarness();
    let broke = false;
    const { final } = await rotate(h, {
      onSnapshot: (s) => {
        if (!broke && s.steps.find((x) => x.id === "update-jamf")?.status === "running") {
          broke = true;
          h.world.aws.control.deny(h.world.cdpUser, "s3:ListBucket");
        }
      },
    });
    assert.equal(final.error?.code, "ROTATION_JAMF_VERIFY_FAILED");
    const aborted = await h.core.engine.abort(h.target, { onSnapshot: (s) => h.snapshots.push(s) });
    assert.equal(aborted.status, "aborted");
    assert.match(aborted.stateMessage, /Jamf Pro keeps the new key .* which it has not yet proven/);
    assert.match(aborted.stateMessage, /Settings > Server > Cloud Distribution Point/);
    await assertBothActiveJamfOnNew(h, final.newKeyId);
    assert.equal(await pendingSecret(h), null);
    assert.equal(await h.core.journals.read(h.target.id), null);
  });

  it("API client without the Update privilege on a Jamf Pro that does not report privileges: refused PATCH, new key deleted, nothing changed", async () => {
    const readOnly = { clientId: randomUUID(), clientSecret: `ro-${randomUUID()}` };
    h = await startHarness({ jamfClient: readOnly });
    h.world.jamf.control.addApiClient({ ...readOnly, privileges: ["Read Cloud Distribution Point"] });
    // When Jamf Pro reports privileges the preflight stops first (tests/rotation/jamf-privileges).
    h.world.jamf.control.failNext("GET", "/api/v1/auth", 404, { httpStatus: 404, errors: [] });
    const { final } = await rotate(h);
    assert.equal(final.status, "failed");
    assert.equal(final.error?.code, "JAMF_FORBIDDEN");
    assert.match(final.error?.message ?? "", /Update Cloud Distribution Point/);
    await assertNothingChanged(h);
  });

  it("resume after a verification failure re-verifies and completes once Jamf Pro works", async () => {
    h = await startHarness();
    let broke = false;
    const { final } = await rotate(h, {
      onSnapshot: (s) => {
        if (!broke && s.steps.find((x) => x.id === "update-jamf")?.status === "running") {
          broke = true;
          h.world.aws.control.deny(h.world.cdpUser, "s3:ListBucket");
        }
      },
    });
    assert.equal(final.status, "failed");
    h.world.aws.control.clearDenies();
    const next = await resume(h);
    assert.equal(next.final.status, "completed", next.final.stateMessage);
    assert.equal(cdpKeys(h).length, 1);
  });
});
