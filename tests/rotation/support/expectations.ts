// End states the scenarios assert, read from the sandbox (IAM keys, Jamf Pro's CDP) and the data folder.
import assert from "node:assert/strict";
import { activeKeys, assertNoLeak, cdpKeys, destructiveCdpCalls, jamfConnectionWorks, jamfKeyId, pendingSecret, type Harness } from "./harness";

/** The old key is the only key, active, held by Jamf Pro and working; no rotation is open. */
export async function assertNothingChanged(h: Harness): Promise<void> {
  const old = h.world.cdpKey.accessKeyId;
  assert.deepEqual(
    cdpKeys(h).map((k) => [k.accessKeyId, k.status]),
    [[old, "Active"]],
    "IAM should hold only the old key, active",
  );
  assert.equal(jamfKeyId(h), old, "Jamf Pro should still hold the old key");
  assert.equal(await jamfConnectionWorks(h), true);
  assert.equal(await pendingSecret(h), null, "no pending secret should remain");
  assert.equal(await h.core.journals.read(h.target.id), null, "no rotation should remain open");
  await assertSafe(h);
}

/** Jamf Pro holds the new key, which works; the old key is still active next to it. */
export async function assertBothActiveJamfOnNew(h: Harness, newKeyId: string | null): Promise<void> {
  assert.ok(newKeyId);
  assert.deepEqual(new Set(activeKeys(h)), new Set([h.world.cdpKey.accessKeyId, newKeyId]));
  assert.equal(jamfKeyId(h), newKeyId);
  await assertSafe(h);
}

/** Never POST/DELETE on the CDP, never a secret in files, logs or snapshots. */
export async function assertSafe(h: Harness, extra: unknown[] = []): Promise<void> {
  assert.deepEqual(destructiveCdpCalls(h), []);
  assert.deepEqual(await assertNoLeak(h, extra), [], "a secret leaked");
}
