// Resume right after Jamf Pro took the new key (a crash between the PATCH and the journal save):
// the key Jamf Pro holds must survive even when Jamf Cloud still shows the old key for a while, and
// a Keychain that cannot be read must stop the resume rather than pass for a lost secret.
import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import type { SecretStore } from "../../src/core/ports";
import { MemorySecretStore } from "../../src/core/store/memory-secret-store";
import { secretAccounts } from "../../src/core/store/store-types";
import { AppError } from "../../src/shared/errors";
import { resume, rotate } from "./support/drive";
import { activeKeys, cdpKeys, jamfKeyId, pendingSecret, startHarness, type Harness } from "./support/harness";

/** A Keychain that can be made unreachable for the pending key, as a locked keychain is. */
class LockableSecretStore implements SecretStore {
  locked = false;
  constructor(private readonly inner: SecretStore) {}
  async get(account: string): Promise<string | null> {
    if (this.locked && account.startsWith("pending-key:")) {
      throw new AppError({ code: "KEYCHAIN_UNAVAILABLE", message: "The login keychain is locked.", action: "Unlock it and try again." });
    }
    return this.inner.get(account);
  }
  set(account: string, secret: string): Promise<void> {
    return this.inner.set(account, secret);
  }
  delete(account: string): Promise<boolean> {
    return this.inner.delete(account);
  }
}

/** Runs a rotation that stops right after Jamf Pro accepted the new key; returns the new key id. */
async function stopRightAfterPush(box: { h?: Harness }): Promise<string> {
  const h = box.h as Harness;
  const { final } = await rotate(h, { deleteOld: "now" });
  assert.equal(final.status, "interrupted", final.stateMessage);
  assert.ok(final.newKeyId);
  assert.equal(jamfKeyId(h), final.newKeyId, "Jamf Pro took the new key before the stop");
  return final.newKeyId;
}

describe("resume after Jamf Pro took the new key", () => {
  let h: Harness;
  afterEach(() => h.stop());

  it("waits out Jamf Cloud's refresh lag instead of deleting the key Jamf Pro holds", async () => {
    const box: { h?: Harness } = {};
    h = await startHarness({
      onBoundary: async (name) => {
        if (name === "update-jamf:patched" && box.h) void box.h.core.engine.interrupt(box.h.target.id, "shutdown");
      },
    });
    box.h = h;
    // Jamf Cloud shows the old key for a while after a PATCH (shorter than the resume's watch).
    h.world.jamf.control.setReadLagMs(1_200);
    const newKeyId = await stopRightAfterPush(box);
    // The pending secret is gone (lost with the crash): only Jamf Pro knows it now.
    await h.secrets.delete(secretAccounts.pendingKey(h.target.id));

    const next = await resume(h);
    assert.ok(cdpKeys(h).some((k) => k.accessKeyId === newKeyId), "the key Jamf Pro holds was not deleted");
    assert.equal(jamfKeyId(h), newKeyId);
    assert.equal(next.final.status, "completed", next.final.stateMessage);
    assert.deepEqual(activeKeys(h), [newKeyId]);
  });

  it("a Keychain that cannot be read stops the resume; nothing is deleted; resume later completes", async () => {
    const lockable = new LockableSecretStore(new MemorySecretStore());
    const box: { h?: Harness } = {};
    h = await startHarness({
      secretStore: lockable,
      onBoundary: async (name) => {
        if (name === "create-key:after" && box.h) void box.h.core.engine.interrupt(box.h.target.id, "shutdown");
      },
    });
    box.h = h;
    const { final } = await rotate(h, { deleteOld: "now" });
    assert.equal(final.status, "interrupted", final.stateMessage);
    const newKeyId = final.newKeyId as string;
    assert.ok(newKeyId);

    lockable.locked = true;
    const blocked = await resume(h);
    assert.equal(blocked.final.status, "failed", blocked.final.stateMessage);
    assert.equal(blocked.final.error?.code, "KEYCHAIN_UNAVAILABLE");
    assert.ok(cdpKeys(h).some((k) => k.accessKeyId === newKeyId), "the new key survives a locked Keychain");

    lockable.locked = false;
    assert.notEqual(await pendingSecret(h), null, "its secret is still in the Keychain");
    const next = await resume(h);
    assert.equal(next.final.status, "completed", next.final.stateMessage);
    assert.equal(next.final.newKeyId, newKeyId, "the same new key, no second one");
    assert.deepEqual(activeKeys(h), [newKeyId]);
  });
});

describe("resume of an interrupted Finish", () => {
  let h: Harness;
  afterEach(() => h.stop());

  it("re-checks the old key before deleting it: a use after deactivation keeps it", async () => {
    h = await startHarness();
    const oldKeyId = h.world.cdpKey.accessKeyId;
    const { final } = await rotate(h, { deleteOld: "later" });
    assert.equal(final.status, "pending-deletion", final.stateMessage);
    // What a crash right after Finish began leaves on disk: a running journal set to delete now.
    const journal = await h.core.journals.read(h.target.id);
    assert.ok(journal);
    journal.status = "running";
    journal.deleteOld = "now";
    for (const id of ["check-old-key-idle", "delete-old-key"] as const) journal.steps[id] = { status: "pending", result: null, error: null, startedAt: null };
    await h.core.journals.write(journal);
    // Meanwhile something still tried the old key after it was deactivated.
    h.world.aws.control.recordUse(oldKeyId, "s3", "us-east-1", new Date(Date.now() + 1_000));

    const resumed = await resume(h);
    assert.equal(resumed.final.status, "pending-deletion", resumed.final.stateMessage);
    assert.equal(resumed.final.error?.code, "ROTATION_OLD_KEY_IN_USE");
    assert.ok(cdpKeys(h).some((k) => k.accessKeyId === oldKeyId), "the old key was not deleted");
  });
});
