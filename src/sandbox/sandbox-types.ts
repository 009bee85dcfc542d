// The sandbox: local peers of AWS (IAM, STS and the bit of S3 Jamf Pro uses) and Jamf Pro, built
// to the published contracts so the real clients can be tested over HTTP. Every knob is reachable
// in-process (tests) and over the loopback-only control API (`/_sandbox/...`, for `npm run sandbox`,
// the CLI and the browser preview).

/**
 * A fault a peer injects into one request: an HTTP 500 or 503, a connection reset before anything
 * happened, no answer at all (held open until the client gives up), throttling, a 401/ExpiredToken
 * for a token that expired mid-run, a 403 for a missing permission, a 200 with a body that is not
 * what the protocol promises, or "apply-then-drop": the change is made, then the connection drops.
 */
export type WireFault = "http-500" | "http-503" | "reset" | "no-answer" | "throttle" | "expired-token" | "forbidden" | "malformed" | "apply-then-drop";

export interface WireFaultOptions {
  /** How many matching requests fail (default 1). */
  times?: number;
  /** How many matching requests pass first (default 0: the next one fails). */
  skip?: number;
}

export interface IssuedKey {
  userName: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export interface SandboxKeyView {
  userName: string;
  accessKeyId: string;
  status: "Active" | "Inactive";
  createDate: string;
  lastUsedDate: string | null;
  lastUsedService: string | null;
  lastUsedRegion: string | null;
}

export interface AwsRequestRecord {
  at: string;
  /** e.g. "iam:CreateAccessKey", "sts:GetCallerIdentity", "s3:ListObjectsV2" */
  action: string;
  accessKeyId: string | null;
  /** HTTP status the peer answered. */
  status: number;
  errorCode: string | null;
}

export interface AwsPeerControl {
  readonly accountId: string;
  createUser(userName: string): void;
  /** Issues a key as AWS would; createdAt lets scenarios seed old keys. */
  issueKey(userName: string, options?: { createdAt?: Date; status?: "Active" | "Inactive"; propagated?: boolean }): IssuedKey;
  listKeys(userName?: string): SandboxKeyView[];
  /** The IAM user's tags (TagUser/UntagUser change them; the console's key descriptions are among them). */
  userTags(userName: string): Map<string, string>;
  setUserTags(userName: string, tags: Map<string, string>): void;
  /** Pretend the key was used now (or at `at`) by service/region. */
  recordUse(accessKeyId: string, service: string, region: string, at?: Date): void;
  /** Grants an identity (IAM user name) actions, e.g. ["*"] for an admin, ["s3:*"] for the CDP user. */
  allow(userName: string, actions: string[]): void;
  /** Refuses one action (e.g. "iam:CreateAccessKey") to one identity with AccessDenied. */
  deny(userName: string, action: string): void;
  clearDenies(): void;
  /** Extra latency added to every request, ms. */
  setLatency(ms: number): void;
  /** New keys are refused for refuseMs, then refused on every `flakyEvery`-th request for flakyMs more. */
  setPropagation(options: { refuseMs: number; flakyMs: number; flakyEvery?: number }): void;
  /** The next `times` calls of `action` (e.g. "iam:CreateAccessKey") fail with `errorCode` (e.g. "Throttling"). */
  failNext(action: string, errorCode: string, times?: number): void;
  /** The next matching call of `action` (e.g. "iam:CreateAccessKey", after `skip` that pass) fails as `fault` says. */
  injectFault(action: string, fault: WireFault, options?: WireFaultOptions): void;
  /** Whether a request signed with this key id and secret would be accepted now (the key exists, is active and the secret matches). */
  secretWorks(accessKeyId: string, secretAccessKey: string): boolean;
  /** Sandbox clock = real time + offset; advancing it ages every key. */
  advanceClock(ms: number): void;
  now(): Date;
  requests(): AwsRequestRecord[];
  clearRequests(): void;
  reset(): void;
}

export interface AwsPeerHandle {
  /** http://127.0.0.1:PORT — serves IAM, STS and S3 (path style) on one port. */
  readonly url: string;
  readonly control: AwsPeerControl;
  stop(): Promise<void>;
}

export interface JamfRequestRecord {
  at: string;
  method: string;
  /** Path without query, e.g. "/api/v1/cloud-distribution-point". */
  path: string;
  status: number;
  /** Parsed JSON body for writes (password replaced by "<redacted>"). */
  body: unknown;
  /** Whether the request carried the sticky-session cookie (APBALANCEID) the peer hands out. */
  sessionCookie?: boolean;
  /** Requests in flight at the peer when this one arrived, itself included (concurrency cap checks). */
  inFlight?: number;
}

export interface JamfLiveToken {
  /** API client id or username the token was issued to. */
  account: string;
  expiresAt: string;
}

export interface JamfCdpState {
  cdnType: "NONE" | "JAMF_CLOUD" | "RACKSPACE_CLOUD_FILES" | "AMAZON_S3" | "AKAMAI";
  master: boolean;
  username: string;
  /** Stored secret; only the in-process control exposes it, never the HTTP API. */
  password: string;
  requireSignedUrls: boolean;
  keyPairId: string | null;
  expirationSeconds: number;
  privateKey: string | null;
  cdnUrl: string;
  inventoryId: string;
  bucket: string;
  region: string;
}

export type JamfPrivilege = "Read Cloud Distribution Point" | "Update Cloud Distribution Point";

export interface JamfPeerControl {
  addApiClient(client: { clientId: string; clientSecret: string; privileges: JamfPrivilege[]; tokenLifetimeSeconds?: number }): void;
  /** groupAccess: the privileges come through an account group (GET /api/v1/auth lists them there). */
  addUser(user: {
    username: string;
    password: string;
    privileges: JamfPrivilege[];
    passwordExpired?: boolean;
    groupAccess?: boolean;
    tokenLifetimeSeconds?: number;
  }): void;
  /** Changes the privileges of an API client's role or of an account, at once (tokens already issued included). */
  setPrivileges(account: string, privileges: JamfPrivilege[]): void;
  setVersion(version: string): void;
  getCdp(): JamfCdpState;
  setCdp(patch: Partial<JamfCdpState>): void;
  /** GETs keep showing the previous CDP for this long after a PATCH (Jamf Cloud's refresh lag). */
  setReadLagMs(ms: number): void;
  /** Next `times` requests matching method+path answer `status` with `body` (JSON or text). */
  failNext(method: string, path: string, status: number, body?: unknown, times?: number): void;
  /** The next matching `method` `path` request (after `skip` that pass) fails as `fault` says; "expired-token" also expires every token. */
  injectFault(method: string, path: string, fault: WireFault, options?: WireFaultOptions): void;
  /** Make the PATCH hang for ms before answering (to test ambiguous timeouts); it still applies. */
  setPatchDelayMs(ms: number): void;
  /** Status a successful PATCH answers: 200 (the spec, default) or 202 (what Jamf's own SDK expects). */
  setPatchStatus(status: 200 | 202): void;
  setLatency(ms: number): void;
  /** Periodic "package upload" signed with the stored key (moves its last use). 0 stops it. */
  setUploadIntervalMs(ms: number): void;
  advanceClock(ms: number): void;
  now(): Date;
  requests(): JamfRequestRecord[];
  clearRequests(): void;
  /** Tokens the peer still accepts (neither expired nor invalidated), by account; never the token itself. */
  liveTokens(): JamfLiveToken[];
  /** The current CDP, version, API clients and users become what reset() returns to (the world calls it after seeding). */
  setBaseline(): void;
  /** Back to the baseline: CDP, version, clients, users; clears tokens, history, knobs, clock offset and the request log. */
  reset(): void;
}

export interface JamfPeerHandle {
  /** http://127.0.0.1:PORT — the Jamf Pro base URL. */
  readonly url: string;
  readonly control: JamfPeerControl;
  stop(): Promise<void>;
}

export interface SandboxWorld {
  aws: AwsPeerHandle;
  jamf: JamfPeerHandle;
  /** Admin identity (IAM user "cdp-admin", allowed "*"). */
  admin: IssuedKey;
  /** CDP IAM user name ("jamf-cdp") and the key Jamf Pro holds. */
  cdpUser: string;
  cdpKey: IssuedKey;
  /** Jamf Pro API client with both CDP privileges. */
  jamfClient: { clientId: string; clientSecret: string };
  /** Environment for the app and CLI: AWS_ENDPOINT_URL*, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION, JAMF_CLIENT_ID, JAMF_CLIENT_SECRET. */
  env: Record<string, string>;
  stop(): Promise<void>;
}
