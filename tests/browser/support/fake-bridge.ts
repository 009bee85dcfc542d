// A typed fake of window.cdp for renderer tests: every channel of the IPC contract, answering
// from a FakeScenario, validating each request with the contract's own zod schemas, recording
// every call, and simulating a rotation step by step (confirmations, a held wait with progress,
// an injected failure, decline, resume, abort, finish).
import type { RotationSnapshot, RotationStepId, StepView, TargetStatus } from "../../../src/shared/domain";
import type { AppErrorData } from "../../../src/shared/errors";
import {
  BRIDGE_LAYOUT,
  ipcRequestSchemas,
  type CdpBridge,
  type IpcChannel,
  type IpcEventChannel,
  type IpcEvents,
  type IpcParsedRequest,
  type IpcResponses,
  type IpcResult,
} from "../../../src/shared/ipc-contract";
import type { FakeScenario } from "./fake-scenario";

export interface FakeCall {
  channel: IpcChannel;
  request: unknown;
  /** False when the request broke the contract's schema. */
  valid: boolean;
}

/** What tests reach through window.__fakeCdp. */
export interface FakeControl {
  calls: FakeCall[];
  emit<E extends IpcEventChannel>(event: E, payload: IpcEvents[E]): void;
  /** Lets a held step (holdAt) finish. */
  release(): void;
  snapshot(): RotationSnapshot | null;
  listenerCount(event: IpcEventChannel): number;
}

type Handlers = { [C in IpcChannel]: (request: IpcParsedRequest<C>) => IpcResponses[C] };

class FakeError extends Error {
  constructor(readonly data: AppErrorData) {
    super(data.message);
  }
}

export function createFakeBridge(scenario: FakeScenario): { bridge: CdpBridge; control: FakeControl } {
  const listeners = new Map<IpcEventChannel, Set<(payload: unknown) => void>>();
  const calls: FakeCall[] = [];
  let statuses: TargetStatus[] = structuredClone(scenario.statuses);
  let targets = structuredClone(scenario.targets);
  let settings = structuredClone(scenario.settings);
  let rotation: RotationSnapshot | null = null;
  let failAt = scenario.rotation.failAt;
  let held = false;
  let deleteOld: "now" | "later" = "later";
  const approved = new Set<RotationStepId>();

  const emit = <E extends IpcEventChannel>(event: E, payload: IpcEvents[E]) => {
    for (const listener of listeners.get(event) ?? []) listener(structuredClone(payload));
  };
  const now = () => new Date().toISOString();
  const copy = () => structuredClone(rotation) as RotationSnapshot;
  const publish = () => {
    if (!rotation) return;
    rotation.updatedAt = now();
    emit("cdp:event:rotation", copy());
  };
  const step = (id: RotationStepId): StepView => {
    const found = rotation?.steps.find((s) => s.id === id);
    if (!found) throw new FakeError({ code: "INTERNAL", message: `fake: no step ${id}` });
    return found;
  };

  /** Runs steps from the first unfinished one until one needs the admin, waits, fails, or all are done. */
  const advance = () => {
    if (!rotation) return;
    const script = scenario.rotation;
    for (const view of rotation.steps) {
      if (view.status === "done" || view.status === "skipped") continue;
      const planned = script.steps.find((s) => s.id === view.id);
      rotation.currentStepId = view.id;
      if (view.id === "delete-old-key" && deleteOld === "later" && !approved.has("delete-old-key")) {
        view.status = "skipped";
        view.result = `Waits ${script.graceDays} days; finish the rotation to delete it.`;
        continue;
      }
      if (view.changes && !approved.has(view.id)) {
        view.status = "awaiting-confirmation";
        rotation.status = "awaiting-confirmation";
        rotation.progress = null;
        return publish();
      }
      if (failAt && failAt.stepId === view.id) {
        view.status = "failed";
        view.error = failAt.error;
        rotation.status = "failed";
        rotation.error = failAt.error;
        rotation.stateMessage = failAt.stateMessage;
        rotation.recovery = failAt.recovery;
        rotation.progress = null;
        return publish();
      }
      if (script.holdAt === view.id && !held) {
        view.status = "running";
        rotation.status = "running";
        rotation.progress = { ...script.progress };
        return publish();
      }
      view.status = "done";
      view.result = planned?.result ?? "Done.";
      rotation.progress = null;
      if (view.id === "create-key") rotation.newKeyId = script.newKeyId;
    }
    rotation.currentStepId = null;
    rotation.progress = null;
    const waiting = rotation.steps.some((s) => s.id === "delete-old-key" && s.status === "skipped");
    if (waiting) {
      rotation.status = "pending-deletion";
      rotation.deleteOldAfter = new Date(Date.now() + script.graceDays * 86_400_000).toISOString();
      rotation.stateMessage = "Jamf Pro uses the new key. The old key is inactive and kept for the grace period.";
      rotation.recovery = ["finish"];
    } else {
      rotation.status = "completed";
      rotation.stateMessage = "Jamf Pro uses the new key; it is the only key of the IAM user.";
      rotation.recovery = [];
    }
    publish();
  };

  const requireRotation = (targetId: string): RotationSnapshot => {
    if (!rotation || rotation.targetId !== targetId) {
      const existing = scenario.existingRotations.find((r) => r.targetId === targetId);
      if (!existing) throw new FakeError({ code: "ROTATION_NOT_IN_PROGRESS", message: "No rotation of this target is in progress.", action: "Start a rotation from the overview." });
      rotation = structuredClone(existing);
    }
    return rotation;
  };

  const newRotation = (targetId: string): RotationSnapshot => {
    const status = statuses.find((s) => s.targetId === targetId);
    const script = scenario.rotation;
    const started = now();
    return {
      rotationId: `rot-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
      targetId,
      targetName: status?.name ?? targetId,
      iamUser: script.iamUser,
      oldKeyId: script.oldKeyId,
      newKeyId: null,
      status: "running",
      steps: script.steps.map((s) => ({ id: s.id, title: s.title, description: s.description, changes: s.changes, status: "pending", result: null, error: null, question: null })),
      currentStepId: "preflight",
      progress: null,
      error: null,
      stateMessage: "Nothing has changed yet.",
      recovery: [],
      deleteOldAfter: null,
      startedAt: started,
      updatedAt: started,
    };
  };

  const handlers: Handlers = {
    "cdp:status:list": () => statuses,
    "cdp:status:refresh": () => statuses,
    "cdp:status:delete-orphan": ({ targetId, keyId }) => {
      const status = statuses.find((s) => s.targetId === targetId);
      if (!status?.keys.some((k) => k.id === keyId && k.orphan)) throw new FakeError({ code: "INVALID_INPUT", message: "That key is not an orphan." });
      statuses = statuses.map((s) => (s.targetId === targetId ? { ...s, keys: s.keys.filter((k) => k.id !== keyId) } : s));
      emit("cdp:event:status", statuses);
      return { message: `Deleted the orphan access key ${keyId.slice(0, 4)}…${keyId.slice(-4)}.` };
    },
    "cdp:targets:list": () => targets,
    "cdp:targets:save": ({ targetId, target, secret }) => {
      const stamp = now();
      const existing = targets.find((t) => t.id === targetId);
      const saved = {
        ...target,
        id: targetId ?? `t-${targets.length + 1}`,
        createdAt: existing?.createdAt ?? stamp,
        updatedAt: stamp,
        hasSecret: Boolean(secret) || Boolean(existing?.hasSecret),
      };
      targets = existing ? targets.map((t) => (t.id === saved.id ? saved : t)) : [...targets, saved];
      return saved;
    },
    "cdp:targets:remove": ({ targetId }) => {
      targets = targets.filter((t) => t.id !== targetId);
      statuses = statuses.filter((s) => s.targetId !== targetId);
      emit("cdp:event:status", statuses);
      return null;
    },
    "cdp:targets:test": () => scenario.preflight,
    "cdp:aws:profiles": () => scenario.profiles,
    "cdp:rotation:start": ({ targetId, deleteOld: mode }) => {
      deleteOld = mode;
      approved.clear();
      held = false;
      rotation = newRotation(targetId);
      statuses = statuses.map((s) => (s.targetId === targetId ? { ...s, state: "rotation-in-progress" } : s));
      emit("cdp:event:status", statuses);
      advance();
      return copy();
    },
    "cdp:rotation:confirm": ({ rotationId, stepId, approve }) => {
      if (!rotation || rotation.rotationId !== rotationId) throw new FakeError({ code: "ROTATION_NOT_IN_PROGRESS", message: "That rotation is not running." });
      const view = step(stepId);
      if (view.status !== "awaiting-confirmation") throw new FakeError({ code: "INVALID_INPUT", message: `Step ${stepId} is not waiting for a confirmation.` });
      if (!approve) {
        view.status = "declined";
        rotation.status = "declined";
        rotation.currentStepId = null;
        rotation.stateMessage = `Stopped before “${view.title}”. Jamf Pro still uses ${rotation.oldKeyId?.slice(0, 4)}…${rotation.oldKeyId?.slice(-4)}; nothing else changed.`;
        rotation.recovery = [];
        publish();
        return copy();
      }
      approved.add(stepId);
      advance();
      return copy();
    },
    "cdp:rotation:get": ({ targetId }) => {
      if (rotation && rotation.targetId === targetId) return copy();
      const existing = scenario.existingRotations.find((r) => r.targetId === targetId);
      return existing ? structuredClone(existing) : null;
    },
    "cdp:rotation:resume": ({ targetId }) => {
      const current = requireRotation(targetId);
      for (const view of current.steps) if (view.status === "failed" || view.status === "running") {
        view.status = "pending";
        view.error = null;
      }
      failAt = null;
      current.error = null;
      current.status = "running";
      current.recovery = [];
      advance();
      return copy();
    },
    "cdp:rotation:retry-verify": ({ targetId }) => {
      requireRotation(targetId);
      return handlers["cdp:rotation:resume"]({ targetId });
    },
    "cdp:rotation:abort": ({ targetId }) => {
      const current = requireRotation(targetId);
      for (const view of current.steps) if (view.status === "failed" || view.status === "awaiting-confirmation") view.status = "rolled-back";
      current.status = "aborted";
      current.currentStepId = null;
      current.recovery = [];
      current.stateMessage = "The new key was deleted. Jamf Pro still uses the old key, which is active.";
      publish();
      return copy();
    },
    "cdp:rotation:finish": ({ targetId }) => {
      const current = requireRotation(targetId);
      const view = step("delete-old-key");
      view.status = "pending";
      view.result = null;
      const close = step("close");
      close.status = "pending";
      deleteOld = "now";
      current.status = "running";
      current.recovery = [];
      advance();
      return copy();
    },
    "cdp:audit:list": () => scenario.audit,
    "cdp:audit:export": ({ format }) =>
      format === "json"
        ? { filename: "cdp-key-rotator-audit.json", mimeType: "application/json", content: JSON.stringify(scenario.audit, null, 2) }
        : {
            filename: "cdp-key-rotator-audit.csv",
            mimeType: "text/csv",
            content: ["at,targetName,event,result", ...scenario.audit.map((r) => [r.at, r.targetName, r.event, r.result ?? ""].join(","))].join("\n") + "\n",
          },
    "cdp:policy:get": () => scenario.policy,
    "cdp:settings:get": () => settings,
    "cdp:settings:set": ({ settings: patch }) => {
      settings = { ...settings, ...patch };
      return settings;
    },
    "cdp:sandbox:add-target": () => {
      statuses = [...statuses, ...structuredClone(scenario.sandboxStatuses)];
      const added = { id: scenario.sandboxStatuses[0]?.targetId ?? "t-sandbox", name: "Sandbox", jamfUrl: "http://127.0.0.1:9443", jamfAuth: { kind: "api-client" as const, clientId: "sandbox" }, awsRegion: "us-east-1", createdAt: now(), updatedAt: now(), hasSecret: true };
      targets = [...targets, added];
      emit("cdp:event:status", statuses);
      return added;
    },
    "cdp:app:open-external": () => null,
    "cdp:app:hide": () => null,
    // The fake world never assumes a role: no MFA request is ever open.
    "cdp:mfa:pending": () => [],
    "cdp:mfa:answer": () => {
      throw new FakeError({ code: "INVALID_INPUT", message: "That MFA request is no longer open." });
    },
    "cdp:mfa:cancel": () => null,
    // Nor signs in to IAM Identity Center (the real flow runs in flow-sso.spec.ts).
    "cdp:sso:start": () => {
      throw new FakeError({ code: "CONFIG_INVALID", message: "fake: no IAM Identity Center profile." });
    },
    "cdp:sso:wait": () => {
      throw new FakeError({ code: "INVALID_INPUT", message: "That IAM Identity Center sign-in is no longer open." });
    },
    "cdp:sso:cancel": () => null,
  };

  const invoke = async (channel: IpcChannel, request: unknown): Promise<IpcResult<unknown>> => {
    const parsed = ipcRequestSchemas[channel].safeParse(request);
    calls.push({ channel, request: structuredClone(request), valid: parsed.success });
    await Promise.resolve();
    if (!parsed.success) return { ok: false, error: { code: "INVALID_INPUT", message: `fake: invalid request for ${channel}` } };
    const failure = scenario.failures[channel];
    if (failure) return { ok: false, error: failure };
    try {
      const handler = handlers[channel] as (r: unknown) => unknown;
      return { ok: true, value: structuredClone(handler(parsed.data)) };
    } catch (error) {
      if (error instanceof FakeError) return { ok: false, error: error.data };
      throw error;
    }
  };

  const groups: Record<string, Record<string, unknown>> = {};
  for (const [group, methods] of Object.entries(BRIDGE_LAYOUT)) {
    groups[group] = Object.fromEntries(Object.entries(methods).map(([method, channel]) => [method, (request: unknown) => invoke(channel, request)]));
  }
  const bridge = {
    ...groups,
    on(event: IpcEventChannel, listener: (payload: unknown) => void) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  } as unknown as CdpBridge;

  const control: FakeControl = {
    calls,
    emit,
    release() {
      held = true;
      advance();
    },
    snapshot: () => (rotation ? copy() : null),
    listenerCount: (event) => listeners.get(event)?.size ?? 0,
  };
  return { bridge, control };
}
