// Everything the AWS peer knows: users, keys, roles, sessions, policies, buckets and the knobs
// tests turn (latency, propagation, injected faults, clock). It implements the control surface; the
// HTTP side (sigv4 check, IAM/STS/S3 actions) reads and changes it through the same methods.
import type { AwsRequestRecord, IssuedKey, SandboxKeyView, WireFault, WireFaultOptions } from "../sandbox-types";
import type { AwsPeerSandboxControl, SandboxObjectView, SandboxRoleInput } from "./aws-peer-types";
import { AwsFault, injectedFault } from "./aws-fault";
import { awsId, secretAccessKey, sessionToken } from "./ids";
import { WireFaultQueue } from "../wire-fault";

export const ACCESS_KEYS_PER_USER = 2;
const MAX_LOGGED_REQUESTS = 5000;

export interface UserRecord {
  userName: string;
  userId: string;
  createDate: Date;
}

export interface PropagationState {
  /** Sandbox-clock ms until which every request with the key is refused. */
  refuseUntil: number;
  /** Sandbox-clock ms until which every flakyEvery-th request is refused. */
  flakyUntil: number;
  flakyEvery: number;
  flakyCount: number;
}

export interface KeyRecord {
  userName: string;
  accessKeyId: string;
  secretAccessKey: string;
  status: "Active" | "Inactive";
  createDate: Date;
  lastUsed: { date: Date; service: string; region: string } | null;
  propagation: PropagationState | null;
}

export interface RoleRecord {
  roleName: string;
  roleId: string;
  trustedUsers: string[];
  requireMfa: boolean;
  actions: string[];
  maxSessionDurationSeconds: number;
}

export interface SessionRecord {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  roleName: string;
  roleId: string;
  sessionName: string;
  sourceUser: string;
  expiration: Date;
}

export type Principal =
  | { kind: "user"; userName: string; userId: string; accessKeyId: string }
  | { kind: "assumed-role"; roleName: string; roleId: string; sessionName: string; accessKeyId: string };

interface PendingFault {
  action: string;
  errorCode: string;
  remaining: number;
}

interface StoredObject {
  size: number;
  lastModified: Date;
  etag: string;
}

export interface PropagationSettings {
  refuseMs: number;
  flakyMs: number;
  flakyEvery: number;
}

export class AwsState implements AwsPeerSandboxControl {
  readonly accountId: string;
  private users = new Map<string, UserRecord>();
  private keys = new Map<string, KeyRecord>();
  private roles = new Map<string, RoleRecord>();
  private sessions = new Map<string, SessionRecord>();
  private allows = new Map<string, Set<string>>();
  private tags = new Map<string, Map<string, string>>();
  private denies = new Map<string, Set<string>>();
  private buckets = new Map<string, Map<string, StoredObject>>();
  private pendingFaults: PendingFault[] = [];
  readonly wireFaults = new WireFaultQueue();
  private log: AwsRequestRecord[] = [];
  private clockOffsetMs = 0;
  latencyMs = 0;
  propagation: PropagationSettings = { refuseMs: 0, flakyMs: 0, flakyEvery: 3 };

  constructor(accountId: string) {
    this.accountId = accountId;
  }

  // ---------- clock ----------

  now(): Date {
    return new Date(Date.now() + this.clockOffsetMs);
  }

  advanceClock(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error("advanceClock takes a non-negative number of milliseconds.");
    this.clockOffsetMs += ms;
  }

  // ---------- users and keys ----------

  /** Idempotent, so scenario set-up may call it more than once. */
  createUser(userName: string): void {
    this.addUser(userName);
  }

  addUser(userName: string): UserRecord {
    const existing = this.users.get(userName);
    if (existing) return existing;
    const user: UserRecord = { userName, userId: awsId("AIDA"), createDate: this.now() };
    this.users.set(userName, user);
    return user;
  }

  getUser(userName: string): UserRecord | undefined {
    return this.users.get(userName);
  }

  allUsers(): UserRecord[] {
    return [...this.users.values()].sort((a, b) => a.userName.localeCompare(b.userName));
  }

  userArn(userName: string): string {
    return `arn:aws:iam::${this.accountId}:user/${userName}`;
  }

  roleArn(roleName: string): string {
    return `arn:aws:iam::${this.accountId}:role/${roleName}`;
  }

  principalArn(principal: Principal): string {
    return principal.kind === "user"
      ? this.userArn(principal.userName)
      : `arn:aws:sts::${this.accountId}:assumed-role/${principal.roleName}/${principal.sessionName}`;
  }

  keysOf(userName: string): KeyRecord[] {
    return [...this.keys.values()].filter((key) => key.userName === userName).sort((a, b) => a.createDate.getTime() - b.createDate.getTime());
  }

  findKey(accessKeyId: string): KeyRecord | undefined {
    return this.keys.get(accessKeyId);
  }

  /** Creates a key as CreateAccessKey does; throws LimitExceeded past two keys per user. */
  createKey(userName: string, options: { createdAt?: Date; status?: "Active" | "Inactive"; propagated: boolean }): KeyRecord {
    if (!this.users.has(userName)) throw new AwsFault("NoSuchEntity", 404, `The user with name ${userName} cannot be found.`);
    if (this.keysOf(userName).length >= ACCESS_KEYS_PER_USER) {
      throw new AwsFault("LimitExceeded", 409, `Cannot exceed quota for AccessKeysPerUser: ${ACCESS_KEYS_PER_USER}`);
    }
    const createDate = options.createdAt ?? this.now();
    const start = this.now().getTime();
    const key: KeyRecord = {
      userName,
      accessKeyId: awsId("AKIA"),
      secretAccessKey: secretAccessKey(),
      status: options.status ?? "Active",
      createDate,
      lastUsed: null,
      propagation:
        options.propagated || (this.propagation.refuseMs === 0 && this.propagation.flakyMs === 0)
          ? null
          : {
              refuseUntil: start + this.propagation.refuseMs,
              flakyUntil: start + this.propagation.refuseMs + this.propagation.flakyMs,
              flakyEvery: this.propagation.flakyEvery,
              flakyCount: 0,
            },
    };
    this.keys.set(key.accessKeyId, key);
    return key;
  }

  /** The user's tags (the console's access key descriptions are tags keyed by key id). */
  userTags(userName: string): Map<string, string> {
    return new Map(this.tags.get(userName) ?? []);
  }

  setUserTags(userName: string, tags: Map<string, string>): void {
    this.tags.set(userName, new Map(tags));
  }

  deleteKey(accessKeyId: string): void {
    this.keys.delete(accessKeyId);
  }

  issueKey(userName: string, options: { createdAt?: Date; status?: "Active" | "Inactive"; propagated?: boolean } = {}): IssuedKey {
    if (!this.users.has(userName)) throw new Error(`The sandbox has no IAM user named ${userName}; call createUser first.`);
    const key = this.controlCall(() => this.createKey(userName, { ...options, propagated: options.propagated ?? true }));
    return { userName, accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey };
  }

  listKeys(userName?: string): SandboxKeyView[] {
    const keys = userName === undefined ? [...this.keys.values()] : this.keysOf(userName);
    return keys.map((key) => ({
      userName: key.userName,
      accessKeyId: key.accessKeyId,
      status: key.status,
      createDate: key.createDate.toISOString(),
      lastUsedDate: key.lastUsed?.date.toISOString() ?? null,
      lastUsedService: key.lastUsed?.service ?? null,
      lastUsedRegion: key.lastUsed?.region ?? null,
    }));
  }

  recordUse(accessKeyId: string, service: string, region: string, at?: Date): void {
    const key = this.keys.get(accessKeyId);
    if (!key) throw new Error(`The sandbox has no access key ${accessKeyId}.`);
    key.lastUsed = { date: at ?? this.now(), service, region };
  }

  /**
   * Whether a freshly created key is visible to this request yet: refused during refuseMs, then
   * refused on every flakyEvery-th request until flakyMs more have passed (IAM's eventual consistency).
   */
  propagationRefuses(key: KeyRecord): boolean {
    const state = key.propagation;
    if (!state) return false;
    const now = this.now().getTime();
    if (now < state.refuseUntil) return true;
    if (now < state.flakyUntil) {
      state.flakyCount += 1;
      return state.flakyEvery > 0 && state.flakyCount % state.flakyEvery === 0;
    }
    key.propagation = null;
    return false;
  }

  setPropagation(options: { refuseMs: number; flakyMs: number; flakyEvery?: number }): void {
    if (options.refuseMs < 0 || options.flakyMs < 0) throw new Error("Propagation times cannot be negative.");
    this.propagation = { refuseMs: options.refuseMs, flakyMs: options.flakyMs, flakyEvery: options.flakyEvery ?? 3 };
  }

  // ---------- roles and sessions ----------

  createRole(role: SandboxRoleInput): { roleArn: string } {
    this.roles.set(role.roleName, {
      roleName: role.roleName,
      roleId: awsId("AROA"),
      trustedUsers: [...role.trustedUsers],
      requireMfa: role.requireMfa ?? false,
      actions: [...role.actions],
      maxSessionDurationSeconds: role.maxSessionDurationSeconds ?? 3600,
    });
    return { roleArn: this.roleArn(role.roleName) };
  }

  findRole(roleName: string): RoleRecord | undefined {
    return this.roles.get(roleName);
  }

  mfaSerial(userName: string): string {
    return `arn:aws:iam::${this.accountId}:mfa/${userName}`;
  }

  createSession(role: RoleRecord, sessionName: string, sourceUser: string, durationSeconds: number): SessionRecord {
    const session: SessionRecord = {
      accessKeyId: awsId("ASIA"),
      secretAccessKey: secretAccessKey(),
      sessionToken: sessionToken(),
      roleName: role.roleName,
      roleId: role.roleId,
      sessionName,
      sourceUser,
      expiration: new Date(this.now().getTime() + durationSeconds * 1000),
    };
    this.sessions.set(session.accessKeyId, session);
    return session;
  }

  findSession(accessKeyId: string): SessionRecord | undefined {
    return this.sessions.get(accessKeyId);
  }

  // ---------- policies ----------

  allow(userName: string, actions: string[]): void {
    const set = this.allows.get(userName) ?? new Set<string>();
    for (const action of actions) set.add(action);
    this.allows.set(userName, set);
  }

  deny(userName: string, action: string): void {
    const set = this.denies.get(userName) ?? new Set<string>();
    set.add(action);
    this.denies.set(userName, set);
  }

  clearDenies(): void {
    this.denies.clear();
  }

  /** Allowed and denied patterns of whoever signed the request. */
  policyOf(principal: Principal): { allowed: string[]; denied: string[] } {
    if (principal.kind === "user") {
      return { allowed: [...(this.allows.get(principal.userName) ?? [])], denied: [...(this.denies.get(principal.userName) ?? [])] };
    }
    const role = this.roles.get(principal.roleName);
    return { allowed: role ? [...role.actions] : [], denied: [...(this.denies.get(principal.roleName) ?? [])] };
  }

  // ---------- buckets ----------

  createBucket(bucket: string): void {
    if (!this.buckets.has(bucket)) this.buckets.set(bucket, new Map());
  }

  /** Buckets exist as soon as anyone names them: Jamf Pro's bucket is not the peer's business. */
  bucket(bucket: string): Map<string, StoredObject> {
    this.createBucket(bucket);
    return this.buckets.get(bucket)!;
  }

  putObject(bucket: string, key: string, size: number, etag: string): void {
    this.bucket(bucket).set(key, { size, lastModified: this.now(), etag });
  }

  objects(bucket: string): Array<{ key: string } & StoredObject> {
    return [...this.bucket(bucket).entries()].map(([key, value]) => ({ key, ...value })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  bucketNames(): string[] {
    return [...this.buckets.keys()].sort();
  }

  listObjects(bucket: string): SandboxObjectView[] {
    return this.objects(bucket).map((object) => ({ key: object.key, size: object.size, lastModified: object.lastModified.toISOString() }));
  }

  // ---------- knobs ----------

  setLatency(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error("Latency must be a non-negative number of milliseconds.");
    this.latencyMs = ms;
  }

  failNext(action: string, errorCode: string, times = 1): void {
    if (!Number.isInteger(times) || times < 1) throw new Error("failNext times must be a positive whole number.");
    this.pendingFaults.push({ action, errorCode, remaining: times });
  }

  injectFault(action: string, fault: WireFault, options?: WireFaultOptions): void {
    this.wireFaults.add(action, fault, options);
  }

  secretWorks(accessKeyId: string, secret: string): boolean {
    const key = this.keys.get(accessKeyId);
    return key !== undefined && key.status === "Active" && key.secretAccessKey === secret;
  }

  /** The injected fault for this action, if one is pending (consumes one use). */
  takeInjectedFault(action: string): AwsFault | null {
    const pending = this.pendingFaults.find((fault) => fault.action.toLowerCase() === action.toLowerCase());
    if (!pending) return null;
    pending.remaining -= 1;
    if (pending.remaining <= 0) this.pendingFaults.splice(this.pendingFaults.indexOf(pending), 1);
    return injectedFault(pending.errorCode);
  }

  // ---------- request log ----------

  record(entry: Omit<AwsRequestRecord, "at">): void {
    this.log.push({ at: this.now().toISOString(), ...entry });
    if (this.log.length > MAX_LOGGED_REQUESTS) this.log.splice(0, this.log.length - MAX_LOGGED_REQUESTS);
  }

  requests(): AwsRequestRecord[] {
    return this.log.map((entry) => ({ ...entry }));
  }

  clearRequests(): void {
    this.log = [];
  }

  reset(): void {
    this.users.clear();
    this.keys.clear();
    this.roles.clear();
    this.sessions.clear();
    this.allows.clear();
    this.tags.clear();
    this.denies.clear();
    this.buckets.clear();
    this.pendingFaults = [];
    this.wireFaults.clear();
    this.log = [];
    this.clockOffsetMs = 0;
    this.latencyMs = 0;
    this.propagation = { refuseMs: 0, flakyMs: 0, flakyEvery: 3 };
    for (const hook of this.resetHooks) hook();
  }

  private readonly resetHooks: Array<() => void> = [];
  /** Another part of the peer (IAM Identity Center) goes back to its baseline with reset() too. */
  onReset(hook: () => void): void {
    this.resetHooks.push(hook);
  }

  /** Control calls throw plain Errors with the AWS message, not wire faults. */
  private controlCall<T>(fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      if (error instanceof AwsFault) throw new Error(`${error.code}: ${error.message}`);
      throw error;
    }
  }
}
