// The fault matrix: for each path of the engine (rotate deleting now or later, finish, resume,
// abort, retry-verify) the external calls of a clean run are recorded from the sandbox's request
// logs; then every call (by its occurrence) × every wire fault is run against a fresh sandbox, the
// recovery the engine offers is followed until the rotation settles, and the invariant is checked
// after every snapshot and at the end. Generated, not hand-picked: a new call in a path adds cases.
import { maskKeyId } from "../../src/shared/mask";
import type { RecoveryAction, RotationSnapshot } from "../../src/shared/domain";
import type { WireFault } from "../../src/sandbox/sandbox-types";
import { WIRE_FAULTS } from "../../src/sandbox/wire-fault";
import { secretAccounts } from "../../src/core/store/store-types";
import { startHarness, type Harness } from "../rotation/support/harness";

export type FaultPath = "rotate-now" | "rotate-later" | "finish" | "resume" | "abort" | "retry-verify";
export const FAULT_PATHS: readonly FaultPath[] = ["rotate-now", "rotate-later", "finish", "resume", "abort", "retry-verify"];

/** One external call: an AWS action ("iam:CreateAccessKey") or a Jamf Pro request ("PATCH /api/v1/…"), and its occurrence in the path. */
export interface ExternalCall {
  peer: "aws" | "jamf";
  name: string;
  occurrence: number;
}

export interface FaultCase {
  path: FaultPath;
  call: ExternalCall;
  fault: WireFault;
}

export interface CaseResult {
  name: string;
  violations: string[];
  steps: string[];
  triggered: boolean;
}

export function caseName(c: FaultCase): string {
  return `${c.path} · ${c.call.name}#${c.call.occurrence + 1} · ${c.fault}`;
}

const TIMINGS = { jamfDeadlineMs: 600, keyDeadlineMs: 2_000, jamfDefiniteErrorMs: 150 };
const MAX_RECOVERY_STEPS = 6;

export async function harness(): Promise<Harness> {
  return startHarness({ timings: TIMINGS, jamfTimeoutMs: 800, awsTimeoutMs: 800 });
}

const approve = async () => true;

/** Brings the harness to the point where the path's own call starts; returns that call. */
async function setUp(h: Harness, path: FaultPath, onSnapshot: (s: RotationSnapshot) => void): Promise<() => Promise<RotationSnapshot>> {
  const engine = h.core.engine;
  const cb = { confirm: approve, onSnapshot };
  switch (path) {
    case "rotate-now":
      return async () => (await engine.start(h.target, { ...cb, deleteOld: "now" })).finished;
    case "rotate-later":
      return async () => (await engine.start(h.target, { ...cb, deleteOld: "later" })).finished;
    case "finish": {
      await (await engine.start(h.target, { confirm: approve, deleteOld: "later" })).finished;
      return async () => (await engine.finish(h.target, { ...cb, force: true })).finished;
    }
    case "resume":
    case "abort": {
      const stopAt = path === "resume" ? "deactivate-old-key" : "update-jamf";
      const controller = new AbortController();
      const run = await engine.start(h.target, {
        confirm: async (step) => {
          if (step.id === stopAt) controller.abort(new Error("interrupted"));
          return true;
        },
        deleteOld: "now",
        signal: controller.signal,
      });
      await run.finished;
      if (path === "resume") return async () => (await engine.resume(h.target, cb)).finished;
      return () => engine.abort(h.target, { onSnapshot });
    }
    case "retry-verify": {
      let broke = false;
      await (
        await engine.start(h.target, {
          confirm: approve,
          deleteOld: "now",
          onSnapshot: (s) => {
            if (!broke && s.steps.find((x) => x.id === "update-jamf")?.status === "running") {
              broke = true;
              h.world.aws.control.deny(h.world.cdpUser, "s3:ListBucket");
            }
          },
        })
      ).finished;
      h.world.aws.control.clearDenies();
      return async () => (await engine.retryVerify(h.target, cb)).finished;
    }
  }
}

export function settled(path: FaultPath, s: RotationSnapshot): boolean {
  if (s.status === "completed" || s.status === "aborted") return true;
  if (s.status === "pending-deletion") return path !== "finish";
  return false;
}

/** The calls a clean run of the path makes, in order, each numbered by its occurrence. */
export async function recordCalls(path: FaultPath, attempt = 1): Promise<ExternalCall[]> {
  // A loaded machine can time a clean run out: one more try before calling it broken.
  return recordOnce(path).catch((error: unknown) => {
    if (attempt >= 2) throw error;
    return recordCalls(path, attempt + 1);
  });
}

async function recordOnce(path: FaultPath): Promise<ExternalCall[]> {
  const h = await harness();
  try {
    const run = await setUp(h, path, () => undefined);
    h.world.aws.control.clearRequests();
    h.world.jamf.control.clearRequests();
    const final = await run();
    if (!settled(path, final) && !(path === "abort" && final.status === "aborted")) throw new Error(`A clean ${path} run ended ${final.status}: ${final.stateMessage} ${JSON.stringify(final.error)}`);
    const seen = new Map<string, number>();
    const calls: ExternalCall[] = [];
    const add = (peer: "aws" | "jamf", name: string) => {
      const occurrence = seen.get(name) ?? 0;
      seen.set(name, occurrence + 1);
      calls.push({ peer, name, occurrence });
    };
    // Jamf Pro's own S3 calls (its connection test) are in the AWS log too: they are calls of the path.
    const events = [
      ...h.world.aws.control.requests().map((r) => ({ at: r.at, peer: "aws" as const, name: r.action })),
      ...h.world.jamf.control.requests().map((r) => ({ at: r.at, peer: "jamf" as const, name: `${r.method} ${r.path}` })),
    ].sort((a, b) => a.at.localeCompare(b.at));
    for (const e of events) add(e.peer, e.name);
    return calls;
  } finally {
    await h.stop();
  }
}

export async function generateCases(paths: readonly FaultPath[] = FAULT_PATHS): Promise<FaultCase[]> {
  const cases: FaultCase[] = [];
  for (const path of paths) for (const call of await recordCalls(path)) for (const fault of WIRE_FAULTS) cases.push({ path, call, fault });
  return cases;
}

/** Invariant checks on the sandbox itself (never through the clients, so no fault can hide one). */
/**
 * `asking`: the snapshot on screen, if any. A key named in the question it waits on (a stray key
 * whose secret never arrived, asked about before deletion) is a key the admin is being told about.
 */
export function checkWorld(h: Harness, where: string, originalOld: string, pendingId: () => string | null, out: string[], asking?: RotationSnapshot): void {
  const cdp = h.world.jamf.control.getCdp();
  const keys = h.world.aws.control.listKeys(h.world.cdpUser);
  if (!h.world.aws.control.secretWorks(cdp.username, cdp.password)) {
    out.push(`${where}: Jamf Pro holds ${maskKeyId(cdp.username)}, which does not work (inactive, deleted or wrong secret)`);
  }
  for (const key of keys) {
    if (key.status !== "Active" || key.accessKeyId === cdp.username || key.accessKeyId === originalOld) continue;
    if (pendingId() === key.accessKeyId || namedInQuestion(asking, key.accessKeyId)) continue;
    out.push(`${where}: active key ${maskKeyId(key.accessKeyId)} whose secret nobody holds`);
  }
}

function namedInQuestion(s: RotationSnapshot | undefined, keyId: string): boolean {
  const masked = maskKeyId(keyId);
  return !!s && s.status === "awaiting-confirmation" && s.steps.some((step) => step.question !== null && JSON.stringify(step.question).includes(masked));
}

function checkSnapshot(s: RotationSnapshot, where: string, out: string[]): void {
  if (!s.stateMessage.trim()) out.push(`${where}: no state message`);
  if (s.status === "failed") {
    if (!s.error?.message) out.push(`${where}: failed without saying which call failed`);
    if (s.recovery.length === 0) out.push(`${where}: failed with no way forward`);
  }
  if (s.status === "interrupted" && s.recovery.length === 0) out.push(`${where}: interrupted with no way forward`);
}

export async function follow(h: Harness, path: FaultPath, action: RecoveryAction, onSnapshot: (s: RotationSnapshot) => void): Promise<RotationSnapshot> {
  const engine = h.core.engine;
  const cb = { confirm: approve, onSnapshot };
  switch (action) {
    case "retry":
      return (await engine.start(h.target, { ...cb, deleteOld: path === "rotate-later" || path === "finish" ? "later" : "now" })).finished;
    case "resume":
    case "continue":
      return (await engine.resume(h.target, cb)).finished;
    case "retry-verify":
      return (await engine.retryVerify(h.target, cb)).finished;
    case "finish":
      return (await engine.finish(h.target, { ...cb, force: true })).finished;
    case "abort":
    case "rollback":
    case "close-record":
      // Closing a record that no longer matches the world is an abort that changes nothing.
      return engine.abort(h.target, { onSnapshot });
  }
}

export async function runCase(c: FaultCase): Promise<CaseResult> {
  const name = caseName(c);
  const violations: string[] = [];
  const steps: string[] = [];
  const h = await harness();
  try {
    const originalOld = h.world.cdpKey.accessKeyId;
    let pending: string | null = null;
    const pendingId = () => pending;
    const refreshPending = async () => {
      const stored = await h.secrets.get(secretAccounts.pendingKey(h.target.id));
      pending = stored ? (/"accessKeyId"\s*:\s*"(\w+)"/.exec(stored)?.[1] ?? null) : null;
    };
    let phase = "setup";
    const onSnapshot = (s: RotationSnapshot) => {
      checkSnapshot(s, `${phase}/${s.currentStepId ?? s.status}`, violations);
      // The new key's secret reaches the Keychain before the journal learns its id.
      if (s.newKeyId) pending = pending ?? s.newKeyId;
      checkWorld(h, `${phase}/${s.currentStepId ?? s.status}`, originalOld, pendingId, violations, s);
    };
    const run = await setUp(h, c.path, () => undefined);
    await refreshPending();
    h.world.aws.control.clearRequests();
    h.world.jamf.control.clearRequests();
    if (c.call.peer === "aws") h.world.aws.control.injectFault(c.call.name, c.fault, { skip: c.call.occurrence });
    else {
      const [method, path] = c.call.name.split(" ") as [string, string];
      h.world.jamf.control.injectFault(method, path, c.fault, { skip: c.call.occurrence });
    }
    phase = c.path;
    let final = await run().catch((error: unknown) => refused(error));
    const triggered = h.world.aws.control.requests().some((r) => r.errorCode !== null && r.action === c.call.name) || h.world.jamf.control.requests().some((r) => `${r.method} ${r.path}` === c.call.name && (r.status === 0 || r.status >= 400 || c.fault === "malformed"));
    steps.push(`${c.path} → ${final.status}`);
    await refreshPending();
    checkWorld(h, `after ${c.path}`, originalOld, pendingId, violations);
    for (let i = 0; i < MAX_RECOVERY_STEPS && !settled(c.path, final); i++) {
      const action = final.recovery[0];
      if (!action) {
        violations.push(`${final.status} with no recovery offered: ${final.stateMessage}`);
        break;
      }
      phase = action;
      final = await follow(h, c.path, action, onSnapshot).catch((error: unknown) => refused(error));
      steps.push(`${action} → ${final.status}`);
      await refreshPending();
      checkWorld(h, `after ${action}`, originalOld, pendingId, violations);
    }
    if (!settled(c.path, final)) violations.push(`not settled after ${MAX_RECOVERY_STEPS} recovery steps (${final.status}: ${final.stateMessage})`);
    // At rest: only keys someone holds or has been told about.
    const cdp = h.world.jamf.control.getCdp();
    const journal = await h.core.journals.read(h.target.id);
    for (const key of h.world.aws.control.listKeys(h.world.cdpUser)) {
      if (key.accessKeyId === cdp.username) continue;
      const tracked = journal && [journal.oldKeyId, journal.newKeyId, journal.inactiveKeyId].includes(key.accessKeyId);
      if (!tracked && !final.stateMessage.includes(maskKeyId(key.accessKeyId))) violations.push(`key ${maskKeyId(key.accessKeyId)} (${key.status}) left with nobody told`);
    }
    if (journal === null && pending !== null && h.world.aws.control.listKeys(h.world.cdpUser).every((k) => k.accessKeyId !== pending)) {
      // A stale Keychain item for a deleted key is harmless but must not linger after the rotation ended.
      violations.push(`pending secret of deleted key ${maskKeyId(pending)} left in the Keychain`);
    }
    return { name, violations, steps, triggered };
  } catch (error) {
    return { name, violations: [`the case itself failed: ${error instanceof Error ? error.message : String(error)}`], steps, triggered: true };
  } finally {
    await h.stop().catch(() => undefined);
  }
}

/** An engine call refused outright (e.g. ROTATION_IN_PROGRESS) reads as a failed snapshot with no way forward. */
export function refused(error: unknown): RotationSnapshot {
  const message = error instanceof Error ? error.message : String(error);
  return { status: "failed", stateMessage: `Refused: ${message}`, recovery: [], error: { code: "INTERNAL", message }, steps: [], currentStepId: null, newKeyId: null } as unknown as RotationSnapshot;
}
