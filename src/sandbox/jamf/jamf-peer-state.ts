// Everything the Jamf peer remembers: accounts, tokens, the one cloud distribution point, its
// history, the knobs tests turn, the request log and the peer clock (real time + offset).
import { randomBytes } from "node:crypto";
import type { JamfCdpState, JamfPrivilege, JamfRequestRecord } from "../sandbox-types";
import { WireFaultQueue } from "../wire-fault";

export const DEFAULT_JAMF_VERSION = "11.18.1-t1751990000";

export interface ApiClientAccount {
  kind: "api-client";
  clientId: string;
  clientSecret: string;
  privileges: JamfPrivilege[];
  tokenLifetimeSeconds: number;
  roleId: number;
}

export interface UserAccount {
  kind: "user";
  id: number;
  username: string;
  password: string;
  privileges: JamfPrivilege[];
  passwordExpired: boolean;
  /** Privileges come from an account group (Jamf Pro's "Group access"), not the account itself. */
  groupAccess: boolean;
  tokenLifetimeSeconds: number;
}

export type Account = ApiClientAccount | UserAccount;

export interface IssuedToken {
  token: string;
  account: Account;
  /** Peer-clock epoch ms. */
  expiresAt: number;
}

export interface ConnectionResult {
  hasConnectionSucceeded: boolean;
  message: string;
}

export interface HistoryRecord {
  id: number;
  username: string;
  date: string;
  note: string;
  details: string | null;
}

export interface FailRule {
  method: string;
  path: string;
  status: number;
  body: unknown;
  remaining: number;
}

export interface UploadRecord {
  at: string;
  accessKeyId: string;
  ok: boolean;
  message: string;
}

export interface Baseline {
  cdp: JamfCdpState;
  version: string;
  clients: ApiClientAccount[];
  users: UserAccount[];
}

export function defaultCdp(): JamfCdpState {
  return {
    cdnType: "AMAZON_S3",
    master: true,
    username: "",
    password: "",
    requireSignedUrls: false,
    keyPairId: null,
    expirationSeconds: 3600,
    privateKey: null,
    cdnUrl: "https://d1sandbox0cdp1.cloudfront.net",
    inventoryId: "E2SANDBOXCDP01",
    bucket: "jamf-cdp-sandbox",
    region: "us-east-1",
  };
}

export class JamfPeerState {
  clockOffsetMs = 0;
  version = DEFAULT_JAMF_VERSION;
  cdp: JamfCdpState = defaultCdp();
  lastConnection: ConnectionResult = { hasConnectionSucceeded: false, message: "Connection not tested yet" };
  /** What GETs show while the read lag after a PATCH lasts. */
  lagged: { cdp: JamfCdpState; connection: ConnectionResult; untilMs: number } | null = null;
  history: HistoryRecord[] = [];
  nextHistoryId = 1;
  clients = new Map<string, ApiClientAccount>();
  users = new Map<string, UserAccount>();
  tokens = new Map<string, IssuedToken>();
  nextRoleId = 1;
  nextUserId = 1;
  readLagMs = 0;
  patchDelayMs = 0;
  patchStatus: 200 | 202 = 200;
  latencyMs = 0;
  uploadIntervalMs = 0;
  failRules: FailRule[] = [];
  readonly wireFaults = new WireFaultQueue();
  requests: JamfRequestRecord[] = [];
  uploads: UploadRecord[] = [];
  inFlight = 0;
  /** Sticky-session cookie value, like Jamf Cloud's load balancer hands out. */
  readonly balancerId = `aws.usw2-sandbox-jcsapp-${randomBytes(4).toString("hex")}`;
  baseline: Baseline = { cdp: defaultCdp(), version: DEFAULT_JAMF_VERSION, clients: [], users: [] };

  nowMs(): number {
    return Date.now() + this.clockOffsetMs;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  /** The CDP and last connection result a GET sees now (the previous ones during the read lag). */
  visibleCdp(): { cdp: JamfCdpState; connection: ConnectionResult } {
    if (this.lagged && this.nowMs() < this.lagged.untilMs) return { cdp: this.lagged.cdp, connection: this.lagged.connection };
    this.lagged = null;
    return { cdp: this.cdp, connection: this.lastConnection };
  }

  addHistory(username: string, note: string, details: string | null): HistoryRecord {
    const entry: HistoryRecord = { id: this.nextHistoryId++, username, date: this.now().toISOString(), note, details };
    this.history.push(entry);
    return entry;
  }

  captureBaseline(): void {
    this.baseline = {
      cdp: { ...this.cdp },
      version: this.version,
      clients: [...this.clients.values()].map((c) => ({ ...c, privileges: [...c.privileges] })),
      users: [...this.users.values()].map((u) => ({ ...u, privileges: [...u.privileges] })),
    };
  }

  restoreBaseline(): void {
    this.clockOffsetMs = 0;
    this.cdp = { ...this.baseline.cdp };
    this.version = this.baseline.version;
    this.clients = new Map(this.baseline.clients.map((c) => [c.clientId, { ...c, privileges: [...c.privileges] }]));
    this.users = new Map(this.baseline.users.map((u) => [u.username, { ...u, privileges: [...u.privileges] }]));
    this.lastConnection = { hasConnectionSucceeded: false, message: "Connection not tested yet" };
    this.lagged = null;
    this.history = [];
    this.nextHistoryId = 1;
    this.tokens.clear();
    this.readLagMs = 0;
    this.patchDelayMs = 0;
    this.patchStatus = 200;
    this.latencyMs = 0;
    this.failRules = [];
    this.wireFaults.clear();
    this.requests = [];
    this.uploads = [];
  }
}
