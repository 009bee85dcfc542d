// Issue 9: CreateAccessKey applied but its answer lost. AWS made a key whose secret we never saw:
// it is found (created in this rotation's window, never used, not held by Jamf Pro) and deleted
// only after the admin confirms, before a retry. Declined, it is kept and the rotation stays open:
// Resume asks the same question again (in its own words for a key found later), Abort deletes it.
// A run stopped between CreateAccessKey and the Keychain write leaves the same stray, and resume
// asks before deleting it too. Real SDK against the sandbox's "apply, then drop the connection".
import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { maskKeyId } from "../../src/shared/mask";
import type { StepView } from "../../src/shared/domain";
import { resume, rotate } from "./support/drive";
import { activeKeys, cdpKeys, jamfKeyId, startHarness, type Harness } from "./support/harness";

const STRAY_TITLE = /^AWS made a key whose secret never arrived$/;

function strayQuestion(asked: StepView[]): StepView | undefined {
  return asked.find((step) => STRAY_TITLE.test(step.question?.title ?? ""));
}

describe("a stray key from a CreateAccessKey whose answer was lost", () => {
  let h: Harness;
  afterEach(() => h.stop());

  async function loseCreateAnswer(decide: (step: StepView) => boolean) {
    h = await startHarness();
    const oldKey = h.world.cdpKey.accessKeyId;
    h.world.aws.control.injectFault("iam:CreateAccessKey", "apply-then-drop");
    const run = await rotate(h, { decide });
    const stray = cdpKeys(h).find((key) => key.accessKeyId !== oldKey)?.accessKeyId ?? null;
    return { oldKey, ...run, stray };
  }

  it("asks before deleting it, names it masked, deletes it when confirmed, and a retry then completes", async () => {
    let strayId: string | null = null;
    const { oldKey, final, asked } = await loseCreateAnswer((step) => {
      if (STRAY_TITLE.test(step.question?.title ?? "")) strayId = cdpKeys(h).find((k) => k.accessKeyId !== h.world.cdpKey.accessKeyId)?.accessKeyId ?? null;
      return true;
    });
    const question = strayQuestion(asked);
    assert.ok(question, `the stray's deletion is asked first; asked: ${asked.map((s) => s.question?.title).join(" | ")}`);
    assert.ok(strayId, "the stray existed while the question was open");
    assert.equal(question.id, "create-key");
    assert.ok(question.question?.text.includes(maskKeyId(strayId)));
    assert.ok(!JSON.stringify(question).includes(strayId), "only the masked id is shown");
    assert.match(question.question?.details.join(" ") ?? "", /never used, not held by Jamf Pro/);
    assert.equal(question.question?.irreversible, true);

    assert.equal(final.status, "failed");
    assert.deepEqual(final.recovery, ["retry"]);
    assert.match(final.stateMessage, /was deleted, as you confirmed, because its secret never arrived/);
    assert.deepEqual(cdpKeys(h).map((k) => k.accessKeyId), [oldKey], "only the old key is left");
    assert.equal(jamfKeyId(h), oldKey);

    const retry = await rotate(h, { deleteOld: "now" });
    assert.equal(retry.final.status, "completed", retry.final.stateMessage);
    assert.deepEqual(activeKeys(h), [jamfKeyId(h)]);
    assert.notEqual(jamfKeyId(h), oldKey);
  });

  it("declined, the stray is kept and the rotation stays open; Abort deletes it", async () => {
    const { oldKey, final, asked, stray } = await loseCreateAnswer((step) => !STRAY_TITLE.test(step.question?.title ?? ""));
    assert.ok(strayQuestion(asked));
    assert.ok(stray, "the stray is kept");
    assert.equal(final.status, "failed");
    assert.deepEqual(final.recovery, ["resume", "abort"]);
    assert.match(final.stateMessage, /was kept, as you chose/);
    assert.ok(final.stateMessage.includes(maskKeyId(stray)), "the kept key is named");
    assert.match(final.stateMessage, /Resume to be asked again, or abort the rotation to delete it/);
    assert.equal(jamfKeyId(h), oldKey);

    const aborted = await h.core.engine.abort(h.target, {});
    assert.equal(aborted.status, "aborted", aborted.stateMessage);
    assert.deepEqual(cdpKeys(h).map((k) => k.accessKeyId), [oldKey]);
    assert.equal(jamfKeyId(h), oldKey);
  });

  it("declined, Resume asks again in its own words; confirmed, it deletes the stray and completes the rotation", async () => {
    const { oldKey, stray } = await loseCreateAnswer((step) => !STRAY_TITLE.test(step.question?.title ?? ""));
    assert.ok(stray);
    const resumed = await resume(h);
    const question = strayQuestion(resumed.asked);
    assert.ok(question, `resume asks before deleting; asked: ${resumed.asked.map((s) => s.question?.title).join(" | ")}`);
    assert.equal(question.id, "create-key");
    assert.match(question.question?.text ?? "", /earlier in this rotation, but its secret never reached the Keychain/);
    assert.ok(question.question?.text.includes(maskKeyId(stray)));
    assert.equal(resumed.asked.indexOf(question), 0, "the stray question comes before any other");
    assert.equal(resumed.final.status, "completed", resumed.final.stateMessage);
    assert.ok(!cdpKeys(h).some((k) => k.accessKeyId === stray || k.accessKeyId === oldKey), "the stray and the old key are gone");
    assert.deepEqual(activeKeys(h), [jamfKeyId(h)]);
  });
});

describe("a stray key found by resume (the run stopped between CreateAccessKey and the Keychain write)", () => {
  let h: Harness;
  afterEach(() => h.stop());

  /** Stops the run right after AWS answered CreateAccessKey, before the secret reached the Keychain. */
  async function stopAfterCreate() {
    h = await startHarness({
      onBoundary: (name) => {
        if (name === "create-key:created") throw new Error("the app quit");
      },
    });
    const oldKey = h.world.cdpKey.accessKeyId;
    const first = await rotate(h);
    assert.equal(first.final.status, "failed", first.final.stateMessage);
    const stray = cdpKeys(h).find((key) => key.accessKeyId !== oldKey)?.accessKeyId;
    assert.ok(stray, "AWS made the key");
    return { oldKey, stray };
  }

  it("asks before deleting it; declined, nothing is deleted and the state says what to do", async () => {
    const { oldKey, stray } = await stopAfterCreate();
    const resumed = await resume(h, (step) => !STRAY_TITLE.test(step.question?.title ?? ""));
    const question = strayQuestion(resumed.asked);
    assert.ok(question, "resume asks");
    assert.deepEqual(question.question?.details.slice(0, 2), [
      `${maskKeyId(stray)}: created during this rotation, never used, not held by Jamf Pro.`,
      `Jamf Pro still uses ${maskKeyId(oldKey)}; it is not touched.`,
    ]);
    assert.equal(resumed.final.status, "declined");
    assert.deepEqual(resumed.final.recovery, ["resume", "abort"]);
    assert.ok(resumed.final.stateMessage.includes(maskKeyId(stray)));
    assert.match(resumed.final.stateMessage, /was kept, as you chose/);
    assert.deepEqual(cdpKeys(h).map((k) => k.accessKeyId).sort(), [oldKey, stray].sort(), "nothing was deleted");
    assert.equal(jamfKeyId(h), oldKey);

    const aborted = await h.core.engine.abort(h.target, {});
    assert.equal(aborted.status, "aborted", aborted.stateMessage);
    assert.deepEqual(cdpKeys(h).map((k) => k.accessKeyId), [oldKey]);
  });

  it("a key that appeared in the window but was used is never offered for deletion: resume stops and names it", async () => {
    const { oldKey, stray } = await stopAfterCreate();
    h.world.aws.control.recordUse(stray, "s3", "eu-west-1", new Date());
    const resumed = await resume(h);
    assert.equal(strayQuestion(resumed.asked), undefined, "no deletion is offered");
    assert.equal(resumed.final.status, "failed");
    assert.equal(resumed.final.error?.code, "DRIFT");
    assert.deepEqual(resumed.final.recovery, ["abort"]);
    assert.match(resumed.final.stateMessage, /already used or held by Jamf Pro, so it was left alone/);
    assert.ok(resumed.final.stateMessage.includes(maskKeyId(stray)));
    assert.deepEqual(cdpKeys(h).map((k) => k.accessKeyId).sort(), [oldKey, stray].sort());
    assert.equal(jamfKeyId(h), oldKey);
  });
});
