// Hostile payloads for every channel of the IPC contract. The table is keyed by the contract's own
// channel list, so a channel added to ipc-contract.ts without cases here is a compile error (and
// the suite checks it again at run time). Each channel has a valid base payload, from which the
// generic attacks are derived (wrong types, unknown fields, prototype-pollution keys, huge values,
// deep nesting), and its own attacks: changed addresses, changed identities, foreign ids.
import type { TargetInput } from "../../src/shared/domain";
import type { ErrorCode } from "../../src/shared/errors";
import type { IpcChannel } from "../../src/shared/ipc-contract";

export interface CaseContext {
  /** The saved target whose Jamf secret and AWS admin keys are stored. */
  targetId: string;
  targetName: string;
  /** Its input as saved (what Settings would send back). */
  input: TargetInput;
  /** Loopback trap servers standing in for an attacker's Jamf Pro and AWS endpoint. */
  jamfTrap: string;
  awsTrap: string;
}

/**
 * What the answer must be: refused with one of the codes; answered (the call is harmless, e.g. a
 * read); or either, when only the suite's invariants matter (nothing leaks, nothing moves).
 */
export type Expectation = { refused: readonly ErrorCode[] | "any" } | "answered" | "either";

export interface HostileCase {
  channel: IpcChannel;
  what: string;
  /** The JSON text the renderer sends ("" for no payload). */
  body: string;
  expect: Expectation;
}

interface ChannelCases {
  /** A well-formed request; the generic attacks are derived from it. */
  valid: (ctx: CaseContext) => unknown;
  /** What the valid request itself must get; null: not sent as is (it would change the world). */
  validExpect: Expectation | null;
  hostile: (ctx: CaseContext) => { what: string; payload?: unknown; body?: string; expect: Expectation }[];
}

const refused = (...codes: ErrorCode[]): Expectation => ({ refused: codes });
const INVALID: Expectation = refused("INVALID_INPUT");
const NOT_FOUND: Expectation = refused("TARGET_NOT_FOUND");
/** A stored secret must not follow a change: refused as missing secret (or while a rotation runs). */
const SECRET_STAYS: Expectation = refused("SECRET_MISSING", "ROTATION_IN_PROGRESS");

const moved = (ctx: CaseContext, patch: Partial<TargetInput>): TargetInput => ({ ...ctx.input, ...patch });
const otherPort = (url: string) => {
  const parsed = new URL(url);
  parsed.port = String(Number(parsed.port || 443) + 1);
  return parsed.origin;
};

export const CHANNEL_CASES: { [C in IpcChannel]: ChannelCases } = {
  "cdp:status:list": { valid: () => ({}), validExpect: "answered", hostile: () => [] },
  "cdp:status:refresh": {
    valid: (ctx) => ({ targetId: ctx.targetId }),
    validExpect: "answered",
    hostile: (ctx) => [
      { what: "an unknown id", payload: { targetId: "nope" }, expect: NOT_FOUND },
      { what: "the name instead of the id", payload: { targetId: ctx.targetName }, expect: NOT_FOUND },
      { what: "a path as the id", payload: { targetId: "../../../../etc/passwd" }, expect: NOT_FOUND },
    ],
  },
  "cdp:status:delete-orphan": {
    // Only a key the status marks as an orphan may be deleted: any other id is refused, never deleted.
    valid: (ctx) => ({ targetId: ctx.targetId, keyId: "AKIAAAAAAAAAAAAAAAAA" }),
    validExpect: refused("INVALID_INPUT", "ROTATION_IN_PROGRESS"),
    hostile: (ctx) => [
      { what: "an unknown target", payload: { targetId: "nope", keyId: "AKIAAAAAAAAAAAAAAAAA" }, expect: NOT_FOUND },
      { what: "a lower-case key id", payload: { targetId: ctx.targetId, keyId: "akiaaaaaaaaaaaaaaaaa" }, expect: INVALID },
      { what: "a key id with a path", payload: { targetId: ctx.targetId, keyId: "AKIA/../../AAAAAAAAAA" }, expect: INVALID },
    ],
  },
  "cdp:targets:list": { valid: () => ({}), validExpect: "answered", hostile: () => [] },
  "cdp:targets:save": {
    valid: (ctx) => ({ targetId: ctx.targetId, target: ctx.input }),
    validExpect: "either",
    hostile: (ctx) => [
      { what: "Jamf URL moved to the trap, no secret typed", payload: { targetId: ctx.targetId, target: moved(ctx, { jamfUrl: ctx.jamfTrap }) }, expect: SECRET_STAYS },
      { what: "Jamf URL on another port", payload: { targetId: ctx.targetId, target: moved(ctx, { jamfUrl: otherPort(ctx.input.jamfUrl) }) }, expect: SECRET_STAYS },
      {
        what: "Jamf URL as localhost instead of 127.0.0.1",
        payload: { targetId: ctx.targetId, target: moved(ctx, { jamfUrl: ctx.input.jamfUrl.replace("127.0.0.1", "localhost") }) },
        expect: SECRET_STAYS,
      },
      { what: "another client id", payload: { targetId: ctx.targetId, target: moved(ctx, { jamfAuth: { kind: "api-client", clientId: "attacker" } }) }, expect: SECRET_STAYS },
      { what: "basic auth instead of the API client", payload: { targetId: ctx.targetId, target: moved(ctx, { jamfAuth: { kind: "basic", username: "admin" } }) }, expect: SECRET_STAYS },
      { what: "AWS endpoint moved to the trap", payload: { targetId: ctx.targetId, target: moved(ctx, { awsEndpointUrl: ctx.awsTrap }) }, expect: SECRET_STAYS },
      {
        what: "AWS endpoint removed (AWS's own)",
        payload: { targetId: ctx.targetId, target: { ...ctx.input, awsEndpointUrl: undefined } },
        expect: SECRET_STAYS,
      },
      { what: "AWS endpoint on a foreign host", payload: { targetId: ctx.targetId, target: moved(ctx, { awsEndpointUrl: "https://iam.evil.example" }) }, expect: INVALID },
      {
        what: "both moved, with the secret smuggled in an unknown field",
        payload: { targetId: ctx.targetId, target: { ...moved(ctx, { jamfUrl: ctx.jamfTrap, awsEndpointUrl: ctx.awsTrap }), clientSecret: "x", secret: "y" } },
        expect: SECRET_STAYS,
      },
      { what: "an empty secret with a moved URL", payload: { targetId: ctx.targetId, target: moved(ctx, { jamfUrl: ctx.jamfTrap }), secret: "" }, expect: INVALID },
      { what: "an unknown target id", payload: { targetId: "nope", target: moved(ctx, { jamfUrl: ctx.jamfTrap }) }, expect: NOT_FOUND },
      {
        what: "a moved URL hidden in the target's __proto__",
        body: `{"targetId":${JSON.stringify(ctx.targetId)},"target":${JSON.stringify(ctx.input).replace(/^\{/, `{"__proto__":{"jamfUrl":${JSON.stringify(ctx.jamfTrap)},"awsEndpointUrl":${JSON.stringify(ctx.awsTrap)}},`)}}`,
        expect: "either",
      },
      { what: "a new target with the same name", payload: { target: moved(ctx, { jamfUrl: ctx.jamfTrap }) }, expect: refused("TARGET_EXISTS") },
      { what: "a huge policy number", payload: { targetId: ctx.targetId, target: moved(ctx, { policy: { maxAgeDays: 1e12 } }) }, expect: INVALID },
    ],
  },
  "cdp:targets:remove": {
    valid: () => ({ targetId: "nope" }),
    validExpect: NOT_FOUND,
    hostile: (ctx) => [{ what: "the name instead of the id", payload: { targetId: ctx.targetName }, expect: NOT_FOUND }],
  },
  "cdp:targets:test": {
    valid: (ctx) => ({ targetId: ctx.targetId }),
    validExpect: "answered",
    hostile: (ctx) => [
      { what: "Jamf URL moved to the trap, no secret typed", payload: { targetId: ctx.targetId, target: moved(ctx, { jamfUrl: ctx.jamfTrap }) }, expect: SECRET_STAYS },
      { what: "AWS endpoint moved to the trap", payload: { targetId: ctx.targetId, target: moved(ctx, { awsEndpointUrl: ctx.awsTrap }) }, expect: SECRET_STAYS },
      { what: "another client id", payload: { targetId: ctx.targetId, target: moved(ctx, { jamfAuth: { kind: "api-client", clientId: "attacker" } }) }, expect: SECRET_STAYS },
      { what: "basic auth instead of the API client", payload: { targetId: ctx.targetId, target: moved(ctx, { jamfAuth: { kind: "basic", username: "admin" } }) }, expect: SECRET_STAYS },
      { what: "unsaved copy at the trap without the id, no secret", payload: { target: moved(ctx, { jamfUrl: ctx.jamfTrap, awsEndpointUrl: ctx.awsTrap }) }, expect: "either" },
      { what: "unsaved copy with the placeholder id", payload: { targetId: "unsaved-target", target: moved(ctx, { jamfUrl: ctx.jamfTrap }) }, expect: NOT_FOUND },
      { what: "AWS endpoint on a foreign host", payload: { targetId: ctx.targetId, target: moved(ctx, { awsEndpointUrl: "https://sts.evil.example" }) }, expect: INVALID },
    ],
  },
  "cdp:aws:profiles": { valid: () => ({}), validExpect: "answered", hostile: () => [] },
  "cdp:rotation:start": {
    valid: () => ({ targetId: "nope" }),
    validExpect: NOT_FOUND,
    hostile: (ctx) => [{ what: "an unknown delete mode", payload: { targetId: ctx.targetId, deleteOld: "never" }, expect: INVALID }],
  },
  "cdp:rotation:confirm": {
    valid: () => ({ rotationId: "nope", stepId: "create-key", approve: false }),
    validExpect: refused("ROTATION_NOT_IN_PROGRESS"),
    hostile: () => [
      { what: "an unknown step", payload: { rotationId: "nope", stepId: "format-disk", approve: true }, expect: INVALID },
      { what: "approve as a string", payload: { rotationId: "nope", stepId: "create-key", approve: "yes" }, expect: INVALID },
    ],
  },
  "cdp:rotation:get": {
    valid: (ctx) => ({ targetId: ctx.targetId }),
    validExpect: "answered",
    hostile: () => [{ what: "an unknown id", payload: { targetId: "nope" }, expect: NOT_FOUND }],
  },
  "cdp:rotation:resume": {
    valid: (ctx) => ({ targetId: ctx.targetId }),
    validExpect: "either",
    hostile: () => [{ what: "an unknown id", payload: { targetId: "nope" }, expect: NOT_FOUND }],
  },
  "cdp:rotation:retry-verify": {
    valid: (ctx) => ({ targetId: ctx.targetId }),
    validExpect: "either",
    hostile: () => [{ what: "an unknown id", payload: { targetId: "nope" }, expect: NOT_FOUND }],
  },
  "cdp:rotation:abort": {
    valid: (ctx) => ({ targetId: ctx.targetId }),
    validExpect: "either",
    hostile: () => [{ what: "an unknown id", payload: { targetId: "nope" }, expect: NOT_FOUND }],
  },
  "cdp:rotation:finish": {
    valid: () => ({ targetId: "nope", force: true }),
    validExpect: NOT_FOUND,
    hostile: (ctx) => [{ what: "force as a string", payload: { targetId: ctx.targetId, force: "yes" }, expect: INVALID }],
  },
  "cdp:audit:list": {
    valid: () => ({ limit: 50 }),
    validExpect: "answered",
    hostile: () => [
      { what: "a huge limit", payload: { limit: 1e12 }, expect: INVALID },
      { what: "a fractional limit", payload: { limit: 1.5 }, expect: INVALID },
      { what: "a limit as a string", payload: { limit: "50" }, expect: INVALID },
    ],
  },
  "cdp:audit:export": {
    valid: () => ({ format: "json" }),
    validExpect: "answered",
    hostile: () => [
      { what: "an unknown format", payload: { format: "xml" }, expect: INVALID },
      { what: "a path as the format", payload: { format: "../../../tmp/x" }, expect: INVALID },
    ],
  },
  "cdp:policy:get": {
    valid: (ctx) => ({ targetId: ctx.targetId }),
    validExpect: "answered",
    hostile: () => [{ what: "an unknown id", payload: { targetId: "nope" }, expect: NOT_FOUND }],
  },
  "cdp:settings:get": { valid: () => ({}), validExpect: "answered", hostile: () => [] },
  "cdp:mfa:pending": { valid: () => ({}), validExpect: "answered", hostile: () => [] },
  "cdp:mfa:answer": {
    valid: () => ({ requestId: "nope", code: "123456" }),
    validExpect: INVALID, // no such request is open
    hostile: () => [
      { what: "a code that is not six digits", payload: { requestId: "nope", code: "12345a" }, expect: INVALID },
      { what: "a code as a number", payload: { requestId: "nope", code: 123456 }, expect: INVALID },
      { what: "a huge request id", payload: { requestId: "x".repeat(100_000), code: "123456" }, expect: INVALID },
    ],
  },
  "cdp:mfa:cancel": {
    valid: () => ({ requestId: "nope" }),
    validExpect: INVALID,
    hostile: () => [{ what: "a request id as an object", payload: { requestId: { toString: "x" } }, expect: INVALID }],
  },
  "cdp:sso:start": {
    valid: () => ({ profile: "no-such-sso-profile" }),
    validExpect: { refused: ["CONFIG_INVALID"] }, // not an IAM Identity Center profile: nothing is asked of AWS
    hostile: (ctx) => [
      { what: "both a target and a profile", payload: { targetId: ctx.targetId, profile: "x" }, expect: INVALID },
      { what: "a profile name of 200 characters", payload: { profile: "p".repeat(200) }, expect: INVALID },
    ],
  },
  "cdp:sso:wait": {
    valid: () => ({ requestId: "nope" }),
    validExpect: INVALID, // no such sign-in is open
    hostile: () => [{ what: "a huge request id", payload: { requestId: "x".repeat(100_000) }, expect: INVALID }],
  },
  "cdp:sso:cancel": {
    valid: () => ({ requestId: "nope" }),
    validExpect: INVALID,
    hostile: () => [{ what: "a request id as a number", payload: { requestId: 7 }, expect: INVALID }],
  },
  "cdp:settings:set": {
    valid: () => ({ settings: { remindersEnabled: true } }),
    validExpect: "answered",
    hostile: () => [
      // Only a configuration profile may widen the AWS endpoint allow-list; the suite checks afterwards.
      { what: "the renderer allowing its own AWS endpoint hosts", payload: { settings: { allowedAwsEndpointHosts: ["*.evil.example"] } }, expect: "either" },
      { what: "the renderer declaring settings unmanaged", payload: { settings: { managedKeys: [] } }, expect: "either" },
      { what: "a huge maximum age", payload: { settings: { defaultPolicy: { maxAgeDays: 1e12, warningDays: 14, graceDays: 7 } } }, expect: INVALID },
      { what: "a boolean as a string", payload: { settings: { launchAtLogin: "true" } }, expect: INVALID },
    ],
  },
  "cdp:sandbox:add-target": {
    valid: () => ({}),
    validExpect: null, // a valid call starts another sandbox world; the suite's setup makes one
    hostile: () => [],
  },
  "cdp:app:open-external": {
    valid: () => ({ url: "https://learn.jamf.com/" }),
    validExpect: "answered",
    hostile: (ctx) => [
      { what: "the trap (plain http on loopback)", payload: { url: `${ctx.jamfTrap}/` }, expect: INVALID },
      { what: "a foreign https host", payload: { url: "https://evil.example/" }, expect: INVALID },
      { what: "the Jamf host as user info of a foreign host", payload: { url: "https://learn.jamf.com@evil.example/" }, expect: INVALID },
      { what: "a javascript: URL", payload: { url: "javascript:alert(1)" }, expect: INVALID },
      { what: "a file: URL", payload: { url: "file:///etc/passwd" }, expect: INVALID },
    ],
  },
  "cdp:app:hide": { valid: () => ({}), validExpect: "answered", hostile: () => [] },
};

const HUGE = 100_000;

/** Every case for every channel: the generic attacks on each valid payload, then the channel's own. */
export function hostileCases(ctx: CaseContext): HostileCase[] {
  const cases: HostileCase[] = [];
  for (const channel of Object.keys(CHANNEL_CASES) as IpcChannel[]) {
    const spec = CHANNEL_CASES[channel];
    const valid = spec.valid(ctx) as Record<string, unknown>;
    const add = (what: string, body: string, expect: Expectation) => cases.push({ channel, what, body, expect });
    if (spec.validExpect) add("the valid request", JSON.stringify(valid), spec.validExpect);
    for (const wrong of ["null", "42", '"text"', "[]", "true", `[${JSON.stringify(valid)}]`]) add(`a payload of ${wrong.slice(0, 20)}`, wrong, INVALID);
    add("an unknown field", JSON.stringify({ ...valid, unexpected: true }), INVALID);
    add("a __proto__ key", JSON.stringify(valid).replace(/^\{/, '{"__proto__":{"polluted":"yes","isAdmin":true}' + (Object.keys(valid).length ? "," : "")), INVALID);
    add("a constructor.prototype key", JSON.stringify({ ...valid, constructor: { prototype: { polluted: "yes" } } }), INVALID);
    add("a huge unknown field", JSON.stringify({ ...valid, padding: "x".repeat(2 * 1024 * 1024) }), INVALID);
    add("deep nesting", JSON.stringify({ ...valid, deep: nest(1000) }), INVALID);
    for (const path of stringLeaves(valid)) {
      add(`a huge ${path.join(".")}`, JSON.stringify(setAt(valid, path, "x".repeat(HUGE))), { refused: "any" });
      add(`a number as ${path.join(".")}`, JSON.stringify(setAt(valid, path, 7)), INVALID);
    }
    for (const hostile of spec.hostile(ctx)) add(hostile.what, hostile.body ?? JSON.stringify(hostile.payload), hostile.expect);
  }
  return cases;
}

function nest(depth: number): unknown {
  let value: unknown = "bottom";
  for (let i = 0; i < depth; i += 1) value = { a: value };
  return value;
}

function stringLeaves(value: unknown, path: string[] = []): string[][] {
  if (typeof value === "string") return [path];
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, child]) => stringLeaves(child, [...path, key]));
}

function setAt(value: Record<string, unknown>, path: string[], leaf: unknown): Record<string, unknown> {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  return { ...value, [head]: rest.length === 0 ? leaf : setAt(value[head] as Record<string, unknown>, rest, leaf) };
}
