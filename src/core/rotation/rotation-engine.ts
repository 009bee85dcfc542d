// RotationEngine — the one implementation of a Jamf Pro CDP key rotation, used by the menu-bar app
// (through CoreBackend) and the CLI alike.
//
//   const engine = new RotationEngine({ gateways, journals, pendingKeys, lock, audit, settings,
//                                       clock, logger, via: "cli", timings?, actor?, onBoundary? });
//   const run = await engine.start(target, { deleteOld: "later", confirm, onSnapshot, signal });
//   const final = await run.finished;             // RotationSnapshot; never rejects
//   await engine.resume(target, { confirm, onSnapshot });        // after a crash / a stop
//   await engine.retryVerify(target, { confirm, onSnapshot });   // Jamf Pro failed its test
//   await engine.finish(target, { force, confirm, onSnapshot }); // delete the old key after grace
//   await engine.abort(target, { onSnapshot });                   // roll back what is safe
//   await engine.get(targetId);                                   // RotationSnapshot | null
//   await engine.preflight(target, { secret? });                  // read-only PreflightReport
//   engine.isRunning(targetId); await engine.interrupt(targetId); await engine.shutdown();
//
// The sequence (rotation-steps.ts): preflight → delete-inactive-key (only for an unused inactive
// key) → create-key (secret to the Keychain first) → verify-key (STS, N checks in a row) →
// update-jamf (minimal PATCH; read back after any failure) → verify-jamf (test-connection +
// username, re-read for Jamf Cloud's lag) → check-old-key-idle → deactivate-old-key (re-test,
// reactivate on failure) → delete-old-key (now, or after graceDays via finish) → close.
// The journal (`<dataDir>/rotations/<targetId>.json`) is written before and after every step;
// a FileRotationLock is held around every run, abort and finish.
//
// start/resume/retryVerify/finish throw (AppError) only for what prevents a run from starting:
// ROTATION_LOCKED (another process rotates this target), ROTATION_IN_PROGRESS (a journal exists,
// resume or abort it), ROTATION_NOT_IN_PROGRESS, INVALID_INPUT (finish before the grace period
// ends), SECRET_MISSING / KEYCHAIN_UNAVAILABLE (no Jamf Pro secret). Everything after that is
// reported through snapshots and the final snapshot's status, error, stateMessage and recovery.
//
// `confirm(step, snapshot)` is awaited before every step that changes AWS or Jamf Pro, and when a
// check needs the admin's decision (the old key is still used); resolve false to decline.
import { formatDay } from "../../shared/when";
import { randomUUID } from "node:crypto";
import { userInfo } from "node:os";
import { effectivePolicy, type DeleteOldMode, type PreflightReport, type RotationSnapshot, type Target } from "../../shared/domain";
import { AppError } from "../../shared/errors";
import { maskKeyId } from "../../shared/mask";
import type { Clock, Logger } from "../ports";
import type { AuditLog, LockHandle, RotationLock, SettingsStore } from "../store/store-types";
import type { RotationJournalStore } from "./journal-store";
import type { PendingKeyStore } from "./pending-key-store";
import { runPreflight } from "./preflight";
import { abortRotation } from "./rotation-abort";
import { RotationAuditor } from "./rotation-audit";
import { emptySteps, type RotationJournal } from "./rotation-journal";
import { reconcileForResume } from "./rotation-reconcile";
import { RotationRunner, type RunCallbacks } from "./rotation-runner";
import { buildSnapshot } from "./rotation-snapshot";
import { describeRotationState } from "./rotation-state-message";
import { finishSteps, rotationSteps } from "./rotation-steps";
import { errorData } from "./rotation-outcomes";
import { resolveTimings, type RotationTimings } from "./rotation-timings";
import type { AwsIamGateway } from "../aws/aws-types";
import type { JamfCdpGateway } from "../jamf/jamf-types";
import type { JamfGatewayOptions, TargetGateways } from "./target-gateways";
import type { OtherInstances } from "./shared-key";

export type { ConfirmStep, RunCallbacks } from "./rotation-runner";

export interface RotationEngineDeps {
  gateways: TargetGateways;
  journals: RotationJournalStore;
  pendingKeys: PendingKeyStore;
  /** FileRotationLock; `holder` (optional) tells a live rotation in another process from a dead one. */
  lock: RotationLock & { holder?(targetId: string): Promise<unknown> };
  audit: AuditLog;
  settings: SettingsStore;
  clock: Clock;
  logger: Logger;
  via: "app" | "cli";
  /** Who runs it, for the audit log (default: the OS user). */
  actor?: string;
  timings?: Partial<RotationTimings>;
  /** Test hook for crash tests: awaited at every journal boundary, e.g. "create-key:before". */
  onBoundary?: (boundary: string, journal: RotationJournal) => Promise<void> | void;
  newRotationId?: () => string;
  /** Other configured instances: preflight stops when one holds the same key. */
  otherInstances?: OtherInstances;
}

export interface StartOptions extends RunCallbacks {
  /** Delete the old key right after the rotation, or keep it inactive for the grace period (default). */
  deleteOld?: DeleteOldMode;
}

export interface FinishOptions extends RunCallbacks {
  /** Delete before the grace period ends. */
  force?: boolean;
}

export interface RotationRun {
  readonly rotationId: string;
  readonly targetId: string;
  /** The rotation as it is now. */
  snapshot(): RotationSnapshot;
  /** The final snapshot (completed, pending-deletion, failed, declined, aborted or interrupted). Never rejects. */
  readonly finished: Promise<RotationSnapshot>;
}

interface LiveRun {
  runner: RotationRunner;
  controller: AbortController;
  finished: Promise<RotationSnapshot>;
}

export class RotationEngine {
  readonly timings: RotationTimings;
  private readonly auditor: RotationAuditor;
  private readonly actor: string;
  private readonly live = new Map<string, LiveRun>();

  constructor(private readonly deps: RotationEngineDeps) {
    this.timings = resolveTimings(deps.timings);
    this.auditor = new RotationAuditor(deps.audit, deps.clock, deps.logger);
    this.actor = deps.actor ?? osUser();
  }

  /** Starts a rotation of the target. */
  async start(target: Target, options: StartOptions): Promise<RotationRun> {
    return this.withLock(target, async (lock) => {
      const existing = await this.deps.journals.read(target.id);
      if (existing) throw openRotation(target, existing);
      return this.withGateways(target, async (gateways) => {
        const { defaultPolicy } = await this.deps.settings.get();
        const journal = this.newJournal(target, options.deleteOld ?? "later", effectivePolicy(defaultPolicy, target.policy).graceDays);
        await this.deps.journals.write(journal);
        await this.auditor.record(journal, { event: "rotation-started", message: `Rotation started (old key deleted ${journal.deleteOld === "now" ? "right away" : `after ${journal.graceDays} days`}).` });
        return this.launch(target, journal, gateways, options, lock, (runner) => runner.execute(rotationSteps(runner.ctx)));
      });
    });
  }

  /** Carries on an open rotation after a crash or a stop, from what AWS and Jamf Pro say now. */
  async resume(target: Target, options: RunCallbacks): Promise<RotationRun> {
    return this.withLock(target, async (lock) => {
      const journal = await this.requireJournal(target);
      if (journal.status === "pending-deletion") return settledRun(journal, lock);
      return this.withGateways(target, async (gateways) => {
        await this.auditor.record(journal, { event: "rotation-resumed", message: `Resumed from ${journal.status}.` });
        // A Finish that was interrupted resumes as a Finish: the old key is re-checked (inactive,
        // unused since it was deactivated, Jamf Pro still passing) before it is deleted.
        // (Finish only ever starts after the rotation closed: the close step is done by then.)
        const finishing = journal.deleteOldAfter !== null && journal.steps.close.status === "done";
        return this.launch(target, journal, gateways, options, lock, (runner) =>
          runner.execute(finishing ? finishSteps(runner.ctx) : rotationSteps(runner.ctx), {
            ...(finishing ? { mode: "finish" as const } : {}),
            before: async () => {
              const notes = await reconcileForResume(runner.ctx);
              for (const note of notes) this.deps.logger.log("info", note, { target: target.name });
            },
          }),
        );
      });
    });
  }

  /** After Jamf Pro failed to prove the new key: check again and carry on if it now passes. */
  async retryVerify(target: Target, options: RunCallbacks): Promise<RotationRun> {
    return this.resume(target, options);
  }

  /** Deletes the old key once the grace period is over (or now, with force), after re-checking. */
  async finish(target: Target, options: FinishOptions): Promise<RotationRun> {
    return this.withLock(target, async (lock) => {
      const journal = await this.requireJournal(target);
      if (journal.status !== "pending-deletion") {
        throw new AppError({
          code: "ROTATION_NOT_IN_PROGRESS",
          message: `The rotation of "${target.name}" is not waiting to delete an old key (it is ${journal.status}).`,
          action: "Resume or abort the rotation instead.",
        });
      }
      const after = journal.deleteOldAfter ? new Date(journal.deleteOldAfter) : null;
      if (!options.force && after && this.deps.clock.now() < after) {
        throw new AppError({
          code: "INVALID_INPUT",
          message: `The grace period of the old key ${maskKeyId(journal.oldKeyId)} ends on ${formatDay(after)}.`,
          action: "Finish then, or delete it now (--force / Delete now).",
        });
      }
      return this.withGateways(target, async (gateways) => {
        journal.deleteOld = "now";
        for (const id of ["check-old-key-idle", "delete-old-key"] as const) journal.steps[id] = { status: "pending", result: null, error: null, startedAt: null };
        return this.launch(target, journal, gateways, options, lock, (runner) => runner.execute(finishSteps(runner.ctx), { mode: "finish" }));
      });
    });
  }

  /** Ends the open rotation of the target, rolling back what is safe (see rotation-abort.ts). */
  async abort(target: Target, options: Omit<RunCallbacks, "confirm"> = {}): Promise<RotationSnapshot> {
    await this.interrupt(target.id, "abort");
    return this.withLock(target, async (lock) => {
      let closing: JamfCdpGateway | null = null;
      try {
        const journal = await this.requireJournal(target);
        const gateways = await this.gatewaysFor(target);
        closing = gateways.jamf;
        const runner = new RotationRunner(this.runnerDeps(), target, journal, gateways, { ...options, confirm: async () => false });
        try {
          const { stateMessage } = await abortRotation(runner.ctx);
          journal.status = "aborted";
          journal.error = null;
          journal.stateMessage = stateMessage;
          journal.recovery = ["retry"];
          journal.currentStepId = null;
          await this.deps.journals.remove(target.id);
          await this.auditor.record(journal, { event: "rotation-aborted", result: "rolled-back", message: stateMessage });
        } catch (error) {
          const data = errorData(error);
          journal.status = "failed";
          journal.error = data;
          journal.stateMessage = `The rotation could not be aborted: ${data.message} ${describeRotationState(journal)}`;
          journal.recovery = ["abort"];
          await runner.save();
          await this.auditor.record(journal, { event: "rotation-failed", result: "failed", errorCode: data.code, message: journal.stateMessage });
        }
        runner.emit();
        return runner.snapshot();
      } finally {
        await closing?.close().catch(() => undefined);
        await lock.release().catch(() => undefined);
      }
    }, false);
  }

  /** The rotation of a target as this process sees it: live, from the journal, or null. */
  async get(targetId: string): Promise<RotationSnapshot | null> {
    const live = this.live.get(targetId);
    if (live) return live.runner.snapshot();
    const journal = await this.deps.journals.read(targetId);
    if (!journal) return null;
    if (journal.status === "running" || journal.status === "awaiting-confirmation") {
      const holder = this.deps.lock.holder ? await this.deps.lock.holder(targetId).catch(() => null) : null;
      if (!holder) {
        journal.status = "interrupted";
        journal.recovery = ["resume", "abort"];
        journal.stateMessage = `The rotation was interrupted. ${describeRotationState(journal)} Resume it to carry on, or abort it.`;
      }
    }
    return buildSnapshot(journal);
  }

  /** True while a run of this target is in progress in this process. */
  isRunning(targetId: string): boolean {
    return this.live.has(targetId);
  }

  /**
   * The read-only preflight (Settings' Test connection, `targets test`): who the app is signed in to
   * AWS as, then the rotation's own checks. While a rotation of the target is open, the room for a
   * new key is expected to be taken (both keys exist): that is a note, not a failure.
   */
  async preflight(target: Target, options?: JamfGatewayOptions): Promise<PreflightReport> {
    const { aws, jamf } = await this.gatewaysFor(target, options);
    try {
      return await this.checkReadiness(target, aws, jamf);
    } finally {
      await jamf.close().catch(() => undefined);
    }
  }

  private async checkReadiness(target: Target, aws: AwsIamGateway, jamf: JamfCdpGateway): Promise<PreflightReport> {
    const [identity, { report }, journal] = await Promise.all([
      aws.getAdminIdentity().then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error: errorData(error) }),
      ),
      runPreflight({
        target,
        aws,
        jamf,
        now: this.deps.clock.now(),
        inactiveKeyIdleDays: this.timings.inactiveKeyIdleDays,
        ...(this.deps.otherInstances ? { otherInstances: this.deps.otherInstances } : {}),
      }),
      this.deps.journals.read(target.id).catch(() => null),
    ]);
    const checks = [
      identity.ok
        ? { id: "aws-identity", label: "AWS identity", ok: true, message: `Signed in to AWS as ${identity.value.arn} in account ${identity.value.account}.` }
        : { id: "aws-identity", label: "AWS identity", ok: false, message: `${identity.error.message}${identity.error.action ? ` ${identity.error.action}` : ""}` },
      ...report.checks,
    ];
    if (journal) {
      const open = journal.status === "pending-deletion" ? "waits to delete the old key" : "is open";
      for (const check of checks) {
        if (check.id === "key-slots" && !check.ok) Object.assign(check, { state: "note", message: `A rotation of this instance ${open}: finish the open rotation first.` });
      }
    }
    const failed = checks.some((check) => !check.ok && check.state !== "note");
    const onlyNotes = !failed && checks.some((check) => check.state === "note");
    return { ...report, checks, ok: identity.ok && (report.ok || onlyNotes) };
  }

  /** Stops a live run of this process at its next safe point (it stays resumable) and waits for it. */
  async interrupt(targetId: string, reason = "interrupted"): Promise<RotationSnapshot | null> {
    const live = this.live.get(targetId);
    if (!live) return null;
    live.controller.abort(new Error(reason));
    return live.finished;
  }

  /** Interrupts every live run (app quitting). */
  async shutdown(): Promise<void> {
    await Promise.all([...this.live.keys()].map((id) => this.interrupt(id, "shutdown")));
  }

  private launch(
    target: Target,
    journal: RotationJournal,
    gateways: Awaited<ReturnType<RotationEngine["gatewaysFor"]>>,
    callbacks: RunCallbacks,
    lock: LockHandle,
    work: (runner: RotationRunner) => Promise<RotationSnapshot>,
  ): RotationRun {
    const controller = new AbortController();
    const outer = callbacks.signal;
    if (outer) {
      if (outer.aborted) controller.abort(outer.reason);
      else outer.addEventListener("abort", () => controller.abort(outer.reason), { once: true });
    }
    const runner = new RotationRunner(this.runnerDeps(), target, journal, gateways, { ...callbacks, signal: controller.signal });
    const finished = (async () => {
      try {
        return await work(runner);
      } finally {
        // The run's end is this use's end of the Jamf Pro session (other targets may still share it).
        await gateways.jamf.close().catch(() => undefined);
        this.live.delete(target.id);
        await lock.release().catch((error: unknown) => this.deps.logger.log("warn", "Could not release the rotation lock", { reason: String(error) }));
      }
    })();
    this.live.set(target.id, { runner, controller, finished });
    return { rotationId: journal.rotationId, targetId: target.id, snapshot: () => runner.snapshot(), finished };
  }

  /** Acquires the target's lock for `body`; releases it if body throws (or always, when keep=false). */
  private async withLock<T>(target: Target, body: (lock: LockHandle) => Promise<T>, keep = true): Promise<T> {
    if (this.live.has(target.id)) {
      throw new AppError({
        code: "ROTATION_LOCKED",
        message: `A rotation of "${target.name}" is already running in this window.`,
        action: "Wait for it to finish, or abort it.",
      });
    }
    const lock = await this.deps.lock.acquire(target.id, this.deps.via);
    try {
      return await body(lock);
    } catch (error) {
      if (keep) await lock.release().catch(() => undefined);
      throw error;
    }
  }

  private async requireJournal(target: Target): Promise<RotationJournal> {
    const journal = await this.deps.journals.read(target.id);
    if (!journal) {
      throw new AppError({
        code: "ROTATION_NOT_IN_PROGRESS",
        message: `No rotation of "${target.name}" is open.`,
        action: "Start a rotation instead.",
      });
    }
    return journal;
  }

  /** The target's gateways; the Jamf Pro client is the caller's to close (never left open on a failure here). */
  private async gatewaysFor(target: Target, options?: JamfGatewayOptions): Promise<{ aws: AwsIamGateway; jamf: JamfCdpGateway }> {
    const jamf = this.deps.gateways.jamf(target, options);
    jamf.catch(() => undefined);
    try {
      const aws = await this.deps.gateways.aws(target);
      return { aws, jamf: await jamf };
    } catch (error) {
      await jamf.then((client) => client.close()).catch(() => undefined);
      throw error;
    }
  }

  /** `body` with the target's gateways; it hands them to launch(), which closes the Jamf Pro client when the run ends. */
  private async withGateways<T>(target: Target, body: (gateways: { aws: AwsIamGateway; jamf: JamfCdpGateway }) => Promise<T>): Promise<T> {
    const gateways = await this.gatewaysFor(target);
    try {
      return await body(gateways);
    } catch (error) {
      await gateways.jamf.close().catch(() => undefined);
      throw error;
    }
  }

  private runnerDeps() {
    return {
      journals: this.deps.journals,
      pendingKeys: this.deps.pendingKeys,
      auditor: this.auditor,
      clock: this.deps.clock,
      logger: this.deps.logger,
      timings: this.timings,
      otherInstances: this.deps.otherInstances,
      onBoundary: this.deps.onBoundary,
    };
  }

  private newJournal(target: Target, deleteOld: DeleteOldMode, graceDays: number): RotationJournal {
    const now = this.deps.clock.now().toISOString();
    const journal: RotationJournal = {
      version: 1,
      rotationId: (this.deps.newRotationId ?? randomUUID)(),
      targetId: target.id,
      targetName: target.name,
      via: this.deps.via,
      actor: this.actor,
      deleteOld,
      graceDays,
      startedAt: now,
      updatedAt: now,
      status: "running",
      currentStepId: null,
      steps: emptySteps(),
      iamUser: target.iamUser ?? null,
      oldKeyId: null,
      jamfMaster: null,
      preexistingKeyIds: [],
      inactiveKeyId: null,
      newKeyId: null,
      pushedAt: null,
      jamfVerifiedAt: null,
      oldKeyUseAccepted: false,
      deactivatedAt: null,
      deleteOldAfter: null,
      error: null,
      stateMessage: "Starting the rotation.",
      recovery: [],
    };
    journal.stateMessage = describeRotationState(journal);
    return journal;
  }
}

/** A run that has nothing to do (e.g. resume while the old key waits for deletion). */
function settledRun(journal: RotationJournal, lock: LockHandle): RotationRun {
  const snapshot = buildSnapshot(journal);
  const finished = lock.release().then(
    () => snapshot,
    () => snapshot,
  );
  return { rotationId: journal.rotationId, targetId: journal.targetId, snapshot: () => snapshot, finished };
}

function openRotation(target: Target, journal: RotationJournal): AppError {
  return new AppError({
    code: "ROTATION_IN_PROGRESS",
    message: `A rotation of "${target.name}" is already open (${journal.status}). ${journal.stateMessage}`,
    action: journal.status === "pending-deletion" ? "Finish it (delete the old key) or abort it first." : "Resume or abort it first.",
  });
}

function osUser(): string {
  try {
    return userInfo().username || "unknown";
  } catch {
    return "unknown";
  }
}
