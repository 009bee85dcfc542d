// Issue 9: CreateAccessKey applied but its answer lost. AWS made a key whose secret we never saw:
// it is found (created in this rotation's window, never used, not held by Jamf Pro) and deleted
// only after the admin confirms, before a retry. Declined, it is kept and the rotation stays open
// until Abort deletes it. Real SDK against the sandbox's "apply, then drop the connection".
import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { maskKeyId } from "../../src/shared/mask";
import type { StepView } from "../../src/shared/domain";
import { rotate } from "./support/drive";
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
    assert.deepEqual(final.recovery, ["abort"]);
    assert.match(final.stateMessage, /was kept, as you chose/);
    assert.equal(jamfKeyId(h), oldKey);

    const aborted = await h.core.engine.abort(h.target, {});
    assert.equal(aborted.status, "aborted", aborted.stateMessage);
    assert.deepEqual(cdpKeys(h).map((k) => k.accessKeyId), [oldKey]);
    assert.equal(jamfKeyId(h), oldKey);
  });
});
