// The one IPC contract. Every channel the renderer may invoke is listed here with its request
// schema (validated in main with zod) and its response type. `CdpBackend` maps every channel to a
// handler, so a missing handler is a compile error; the preload and the browser-preview bridge
// build `window.cdp` from the same list.
import { z } from "zod";
import type { AppErrorData } from "./errors";
import { MFA_CODE_PATTERN, MFA_CODE_RULE, type MfaPrompt, type MfaPromptEvent } from "./mfa";
import type { SsoSignInResult, SsoSignInStart } from "./sso";
import {
  appSettingsSchema,
  awsProfileNameSchema,
  targetInputSchema,
  type AppSettingsView,
  type AuditRecord,
  type LeastPrivilege,
  type PreflightReport,
  type RotationSnapshot,
  type Target,
  type TargetStatus,
  ROTATION_STEP_IDS,
} from "./domain";

const targetId = z.string().min(1).max(128);
/** Secrets typed in Settings cross renderer → main exactly once, here; never main → renderer. */
const secret = z.string().min(1, "Enter the secret.").max(4096);

export const ipcRequestSchemas = {
  // status
  "cdp:status:list": z.object({}).strict(),
  "cdp:status:refresh": z.object({ targetId: targetId.optional() }).strict(),
  /** Delete a key the status marks as an orphan of an interrupted run (after the admin confirmed). */
  "cdp:status:delete-orphan": z.object({ targetId, keyId: z.string().regex(/^[A-Z0-9]{16,128}$/, "An access key id is 16–128 capital letters and digits.") }).strict(),
  // targets
  "cdp:targets:list": z.object({}).strict(),
  "cdp:targets:save": z
    .object({ targetId: targetId.optional(), target: targetInputSchema, secret: secret.optional() })
    .strict(),
  "cdp:targets:remove": z.object({ targetId }).strict(),
  /** Read-only preflight of a saved target, or of unsaved Settings input (with its secret). */
  "cdp:targets:test": z
    .union([
      z.object({ targetId }).strict(),
      z.object({ target: targetInputSchema, secret: secret.optional(), targetId: targetId.optional() }).strict(),
    ]),
  "cdp:aws:profiles": z.object({}).strict(),
  // rotation
  "cdp:rotation:start": z.object({ targetId, deleteOld: z.enum(["now", "later"]).default("later") }).strict(),
  "cdp:rotation:confirm": z
    .object({ rotationId: z.string().min(1), stepId: z.enum(ROTATION_STEP_IDS), approve: z.boolean() })
    .strict(),
  "cdp:rotation:get": z.object({ targetId }).strict(),
  "cdp:rotation:resume": z.object({ targetId }).strict(),
  "cdp:rotation:retry-verify": z.object({ targetId }).strict(),
  "cdp:rotation:abort": z.object({ targetId }).strict(),
  /** Delete the old key after the grace period (or now, when `force`). */
  "cdp:rotation:finish": z.object({ targetId, force: z.boolean().default(false) }).strict(),
  // history and least privilege
  "cdp:audit:list": z.object({ limit: z.number().int().min(1).max(10000).optional() }).strict(),
  "cdp:audit:export": z.object({ format: z.enum(["csv", "json"]) }).strict(),
  "cdp:policy:get": z.object({ targetId }).strict(),
  // settings and app
  "cdp:settings:get": z.object({}).strict(),
  "cdp:settings:set": z.object({ settings: appSettingsSchema.partial() }).strict(),
  "cdp:sandbox:add-target": z.object({}).strict(),
  "cdp:app:open-external": z.object({ url: z.string().url() }).strict(),
  "cdp:app:hide": z.object({}).strict(),
  // MFA codes the window asks for (assume-role profiles with mfa_serial)
  "cdp:mfa:pending": z.object({}).strict(),
  /** The code crosses renderer → main once, here, and is never logged or sent back. */
  "cdp:mfa:answer": z.object({ requestId: z.string().min(1).max(64), code: z.string().regex(MFA_CODE_PATTERN, MFA_CODE_RULE) }).strict(),
  "cdp:mfa:cancel": z.object({ requestId: z.string().min(1).max(64) }).strict(),
  // IAM Identity Center sign-in for a target's AWS profile (or a profile named in the form)
  "cdp:sso:start": z
    .object({ targetId: targetId.optional(), profile: awsProfileNameSchema.optional() })
    .strict()
    .refine((request) => !(request.targetId && request.profile), { message: "Give a target or a profile, not both." }),
  /** Resolves once the admin approved in the browser; fails when denied, expired or cancelled. */
  "cdp:sso:wait": z.object({ requestId: z.string().min(1).max(64) }).strict(),
  "cdp:sso:cancel": z.object({ requestId: z.string().min(1).max(64) }).strict(),
} as const;

export type IpcChannel = keyof typeof ipcRequestSchemas;
export type IpcRequest<C extends IpcChannel> = z.input<(typeof ipcRequestSchemas)[C]>;
export type IpcParsedRequest<C extends IpcChannel> = z.output<(typeof ipcRequestSchemas)[C]>;

/** Target as the renderer sees it: config only, plus whether a secret is stored for it. */
export interface TargetView extends Target {
  hasSecret: boolean;
}

export interface AuditExport {
  filename: string;
  mimeType: string;
  content: string;
}

export interface IpcResponses {
  "cdp:status:list": TargetStatus[];
  "cdp:status:refresh": TargetStatus[];
  /** What was deleted, in words. */
  "cdp:status:delete-orphan": { message: string };
  "cdp:targets:list": TargetView[];
  "cdp:targets:save": TargetView;
  "cdp:targets:remove": null;
  "cdp:targets:test": PreflightReport;
  "cdp:aws:profiles": string[];
  "cdp:rotation:start": RotationSnapshot;
  "cdp:rotation:confirm": RotationSnapshot;
  "cdp:rotation:get": RotationSnapshot | null;
  "cdp:rotation:resume": RotationSnapshot;
  "cdp:rotation:retry-verify": RotationSnapshot;
  "cdp:rotation:abort": RotationSnapshot;
  "cdp:rotation:finish": RotationSnapshot;
  "cdp:audit:list": AuditRecord[];
  "cdp:audit:export": AuditExport;
  "cdp:policy:get": LeastPrivilege;
  /** `managedKeys` names the settings a configuration profile sets (shown read-only). */
  "cdp:settings:get": AppSettingsView;
  "cdp:settings:set": AppSettingsView;
  "cdp:sandbox:add-target": TargetView;
  "cdp:app:open-external": null;
  "cdp:app:hide": null;
  "cdp:mfa:pending": MfaPrompt[];
  "cdp:mfa:answer": null;
  "cdp:mfa:cancel": null;
  "cdp:sso:start": SsoSignInStart;
  "cdp:sso:wait": SsoSignInResult;
  "cdp:sso:cancel": null;
}

/** What every invoke returns across the bridge: errors cross as plain data, never as exceptions. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

/** A handler per channel; leaving one out is a compile error. */
export type CdpBackend = {
  [C in IpcChannel]: (request: IpcParsedRequest<C>) => Promise<IpcResponses[C]>;
};

// ---------- events, main → renderer ----------

export type NavigateView = "overview" | "rotation" | "settings" | "history" | "privilege";

export interface IpcEvents {
  "cdp:event:status": TargetStatus[];
  "cdp:event:rotation": RotationSnapshot;
  /** A notification click or a tray menu item asks the popover to show a view. */
  "cdp:event:navigate": { view: NavigateView; targetId: string | null };
  /** An AWS profile needs an MFA code (or the request for one closed). */
  "cdp:event:mfa": MfaPromptEvent;
}
export type IpcEventChannel = keyof IpcEvents;

// ---------- window.cdp, the renderer's only door ----------

type Call<C extends IpcChannel> = (request: IpcRequest<C>) => Promise<IpcResult<IpcResponses[C]>>;

export interface CdpBridge {
  status: { list: Call<"cdp:status:list">; refresh: Call<"cdp:status:refresh">; deleteOrphan: Call<"cdp:status:delete-orphan"> };
  targets: {
    list: Call<"cdp:targets:list">;
    save: Call<"cdp:targets:save">;
    remove: Call<"cdp:targets:remove">;
    test: Call<"cdp:targets:test">;
  };
  aws: { profiles: Call<"cdp:aws:profiles"> };
  rotation: {
    start: Call<"cdp:rotation:start">;
    confirm: Call<"cdp:rotation:confirm">;
    get: Call<"cdp:rotation:get">;
    resume: Call<"cdp:rotation:resume">;
    retryVerify: Call<"cdp:rotation:retry-verify">;
    abort: Call<"cdp:rotation:abort">;
    finish: Call<"cdp:rotation:finish">;
  };
  audit: { list: Call<"cdp:audit:list">; export: Call<"cdp:audit:export"> };
  policy: { get: Call<"cdp:policy:get"> };
  settings: { get: Call<"cdp:settings:get">; set: Call<"cdp:settings:set"> };
  sandbox: { addTarget: Call<"cdp:sandbox:add-target"> };
  app: { openExternal: Call<"cdp:app:open-external">; hide: Call<"cdp:app:hide"> };
  mfa: { pending: Call<"cdp:mfa:pending">; answer: Call<"cdp:mfa:answer">; cancel: Call<"cdp:mfa:cancel"> };
  sso: { start: Call<"cdp:sso:start">; wait: Call<"cdp:sso:wait">; cancel: Call<"cdp:sso:cancel"> };
  /** Subscribe to a main → renderer event; returns the unsubscribe function. Listeners get data only. */
  on<E extends IpcEventChannel>(event: E, listener: (payload: IpcEvents[E]) => void): () => void;
}

// The runtime lists live in a zod-free module so the sandboxed preload stays small.
export { BRIDGE_LAYOUT, IPC_EVENT_CHANNELS } from "./ipc-bridge-layout";
export type { MfaPrompt, MfaPromptEvent } from "./mfa";
export type { SsoSignInPrompt, SsoSignInResult, SsoSignInStart } from "./sso";
