// The same question in the same words, in the app and in the CLI: the same scenarios run through
// the real binary (answering on stdin) and through the browser preview's handlers (answering with
// cdp:rotation:confirm), and every question the engine can ask must read the same in both.
//
// The scenarios between them ask every question there is: delete the unused inactive key, create
// the new key, give it to Jamf Pro, the warning that the old key is still in use, deactivate the
// old key, delete it right away, delete it with Finish after the grace period, and delete a key AWS
// made whose secret never arrived (asked by the rotation, and in its own words by resume).
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, it } from "node:test";
import { questionLines } from "../../src/core/rotation/step-questions";
import { MemorySecretStore } from "../../src/core/store/memory-secret-store";
import { startPreview, type PreviewHandle } from "../../src/preview/preview-server";
import type { SandboxWorld } from "../../src/sandbox/sandbox-types";
import type { RotationSnapshot, RotationStepId, StepQuestion } from "../../src/shared/domain";
import { CliWorld, keychainSkipReason } from "./cli-harness";

const skip = await keychainSkipReason();
const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;

interface Asked {
  stepId: RotationStepId;
  question: StepQuestion;
}

/** Key ids and times differ between two runs; everything else must be the same, word for word. */
function normalize(text: string): string {
  return text
    .replace(/AKIA…\w{4}/g, "AKIA…####")
    .replace(/\w{3} \d{1,2}, \d{4}( at \d\d:\d\d UTC)?/g, "<date>")
    .replace(/\s+/g, " ")
    .trim();
}

/** Before the rotation: an unused inactive key, so the rotation must first make room. */
function addUnusedInactiveKey(world: SandboxWorld): void {
  world.aws.control.issueKey(world.cdpUser, { createdAt: new Date(Date.now() - 200 * DAY), status: "Inactive" });
}

/** While Jamf Pro is about to take the new key: something else uses the old key (later). */
function recordOldKeyUseAfterPush(world: SandboxWorld): void {
  world.aws.control.recordUse(world.cdpKey.accessKeyId, "s3", "eu-west-1", new Date(Date.now() + HOUR));
}

interface RunChoices {
  /** The answer to each question (default: yes to all). */
  approve?: (question: StepQuestion) => boolean;
  /** How the run may end (default: completed or pending deletion). */
  endsAs?: RotationSnapshot["status"][];
}

/** Drives one rotation run through the preview's handlers, approving everything; returns what was asked. */
async function previewRun(preview: PreviewHandle, begin: () => Promise<RotationSnapshot>, onAsk: (stepId: RotationStepId) => void, choices: RunChoices = {}): Promise<Asked[]> {
  const { backend, core } = preview.services;
  const asked: Asked[] = [];
  let answered = "";
  let resolveEnd: (snapshot: RotationSnapshot) => void = () => undefined;
  const ended = new Promise<RotationSnapshot>((resolve) => (resolveEnd = resolve));
  const off = core.onEvent("cdp:event:rotation", (snapshot) => {
    const stepId = snapshot.currentStepId;
    if (snapshot.status === "awaiting-confirmation" && stepId) {
      const key = `${snapshot.rotationId}:${stepId}:${snapshot.updatedAt}`;
      if (answered === key) return;
      answered = key;
      const question = snapshot.steps.find((s) => s.id === stepId)?.question;
      assert.ok(question, `the snapshot waiting at ${stepId} carries its question`);
      asked.push({ stepId, question });
      onAsk(stepId);
      // The event goes out just before the engine starts waiting: answer on the next turn, as a page would.
      const approve = choices.approve?.(question) ?? true;
      setTimeout(() => void backend["cdp:rotation:confirm"]({ rotationId: snapshot.rotationId, stepId, approve }), 0);
      return;
    }
    if (snapshot.status !== "running") resolveEnd(snapshot);
  });
  try {
    await begin();
    const final = await ended;
    const endsAs = choices.endsAs ?? ["completed", "pending-deletion"];
    assert.ok(endsAs.includes(final.status), `${final.status}: ${final.stateMessage}`);
  } finally {
    off();
  }
  return asked;
}

/** Runs the CLI, answering y to each question as it comes (or as `answers` say); returns its output. */
async function cliRun(world: CliWorld, args: string[], questions: number, onAsk: (index: number, output: string) => void, answers: { yes?: (index: number) => boolean; code?: number } = {}): Promise<string> {
  const running = world.start(args, { input: null });
  let output = "";
  for (let index = 0; index < questions; index += 1) {
    const count = index + 1;
    await running.waitFor(new RegExp(`(\\[y/N\\][\\s\\S]*){${count}}`));
    onAsk(index, output);
    running.write(answers.yes?.(index) === false ? "n\n" : "y\n", index === questions - 1);
  }
  const result = await running.done;
  output = result.stdout + result.stderr;
  assert.equal(result.code, answers.code ?? 0, output);
  assert.equal(result.stderr.match(/\[y\/N\]/g)?.length, questions, `the CLI asked ${questions} questions:\n${output}`);
  return result.stdout;
}

/** Every preview question appears in the CLI's output, whole, in the same order. */
function assertSameWords(cliStdout: string, asked: Asked[]): void {
  let rest = normalize(cliStdout);
  for (const { stepId, question } of asked) {
    const words = normalize(questionLines(question).join(" "));
    const at = rest.indexOf(words);
    assert.ok(at >= 0, `the CLI shows the ${stepId} question in the app's words:\n  app: ${words}\n  cli: ${rest}`);
    rest = rest.slice(at + words.length);
  }
}

describe("the same questions in the app and the CLI", { skip }, () => {
  const stops: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined);
  });

  async function preview(): Promise<PreviewHandle> {
    const dataDir = await mkdtemp(join(tmpdir(), "cdp-parity-"));
    const handle = await startPreview({ dataDir, secretStore: new MemorySecretStore(), env: {}, buildRenderer: false, rendererDir: dataDir });
    stops.push(async () => {
      await handle.stop();
      await rm(dataDir, { recursive: true, force: true });
    });
    return handle;
  }
  async function cli(): Promise<CliWorld> {
    const world = await CliWorld.start();
    stops.push(() => world.stop());
    await world.addTarget("Sandbox", ["--iam-user", world.sandbox.cdpUser]);
    return world;
  }

  it("asks every question in the same words, including the old-key warning and Finish", async () => {
    // The app, through the preview's handlers.
    const app = await preview();
    const appWorld = app.world as SandboxWorld;
    const target = await app.services.backend["cdp:sandbox:add-target"]({});
    addUnusedInactiveKey(appWorld);
    const onAppAsk = (stepId: RotationStepId) => {
      if (stepId === "update-jamf") recordOldKeyUseAfterPush(appWorld);
    };
    const rotation = await previewRun(app, () => app.services.backend["cdp:rotation:start"]({ targetId: target.id, deleteOld: "now" }), onAppAsk);
    assert.deepEqual(
      rotation.map((a) => `${a.stepId}:${a.question.severity}`),
      ["delete-inactive-key:confirm", "create-key:confirm", "update-jamf:confirm", "check-old-key-idle:warning", "deactivate-old-key:confirm", "delete-old-key:confirm"],
    );
    const warning = rotation.find((a) => a.question.severity === "warning")?.question;
    assert.deepEqual([warning?.approveLabel, warning?.declineLabel], ["Continue anyway", "Stop and keep both keys"]);
    const later = await previewRun(app, () => app.services.backend["cdp:rotation:start"]({ targetId: target.id, deleteOld: "later" }), () => undefined);
    const finish = await previewRun(app, () => app.services.backend["cdp:rotation:finish"]({ targetId: target.id, force: true }), () => undefined);
    assert.deepEqual(finish.map((a) => a.stepId), ["delete-old-key"]);
    assert.equal(finish[0]?.question.approveLabel, "Delete key");

    // The CLI, the same scenarios.
    const term = await cli();
    addUnusedInactiveKey(term.sandbox);
    const rotated = await cliRun(term, ["rotate", "--delete-old", "now"], rotation.length, (index) => {
      if (rotation[index]?.stepId === "update-jamf") recordOldKeyUseAfterPush(term.sandbox);
    });
    assertSameWords(rotated, rotation);
    assertSameWords(await cliRun(term, ["rotate", "--delete-old", "later"], later.length, () => undefined), later);
    assertSameWords(await cliRun(term, ["finish", "--force"], finish.length, () => undefined), finish);
  });

  it("asks about a key AWS made whose secret never arrived in the same words, from the rotation and from resume", async () => {
    // CreateAccessKey applied but its answer lost: the rotation asks before deleting the stray key
    // (declined here, so the rotation stays open), then resume asks again in its own words.
    const isStray = (question: StepQuestion) => /secret never arrived/.test(question.title);
    const app = await preview();
    const appWorld = app.world as SandboxWorld;
    const target = await app.services.backend["cdp:sandbox:add-target"]({});
    appWorld.aws.control.injectFault("iam:CreateAccessKey", "apply-then-drop");
    const declined = await previewRun(app, () => app.services.backend["cdp:rotation:start"]({ targetId: target.id, deleteOld: "now" }), () => undefined, {
      approve: (question) => !isStray(question),
      endsAs: ["failed"],
    });
    assert.deepEqual(declined.map((a) => a.stepId), ["create-key", "create-key"]);
    assert.equal(declined[1]?.question.title, "AWS made a key whose secret never arrived");
    const resumed = await previewRun(app, () => app.services.backend["cdp:rotation:resume"]({ targetId: target.id }), () => undefined);
    assert.equal(resumed[0]?.question.title, "AWS made a key whose secret never arrived");
    assert.notEqual(resumed[0]?.question.text, declined[1]?.question.text, "resume says how it found the key");

    const term = await cli();
    term.sandbox.aws.control.injectFault("iam:CreateAccessKey", "apply-then-drop");
    const rotated = await cliRun(term, ["rotate", "--delete-old", "now"], declined.length, () => undefined, { yes: (index) => !isStray(declined[index]!.question), code: 1 });
    assertSameWords(rotated, declined);
    assertSameWords(await cliRun(term, ["resume"], resumed.length, () => undefined), resumed);
  });
});
