// The in-process control of the Jamf peer (tests, the world, the control HTTP API).
import type { JamfCdpState, JamfLiveToken, JamfPeerControl, JamfPrivilege, JamfRequestRecord } from "../sandbox-types";
import { accountName } from "./jamf-auth";
import { uploadPackage } from "./jamf-cdp-connection";
import type { JamfPeerState } from "./jamf-peer-state";

const DEFAULT_CLIENT_TOKEN_SECONDS = 599;
const DEFAULT_USER_TOKEN_SECONDS = 30 * 60;

export interface JamfPeerControlInternals {
  control: JamfPeerControl;
  /** Stops the upload timer (server shutdown). */
  stopTimers(): void;
}

export function createJamfControl(state: JamfPeerState, awsUrl: string): JamfPeerControlInternals {
  let uploadTimer: NodeJS.Timeout | null = null;
  let uploading = false;

  const setUploadIntervalMs = (ms: number) => {
    if (uploadTimer) clearInterval(uploadTimer);
    uploadTimer = null;
    state.uploadIntervalMs = Math.max(0, ms);
    if (ms <= 0) return;
    uploadTimer = setInterval(() => {
      if (uploading) return;
      uploading = true;
      void uploadPackage(state, awsUrl).finally(() => {
        uploading = false;
      });
    }, ms);
    uploadTimer.unref();
  };

  const privilegesOf = (privileges: JamfPrivilege[]) => [...new Set(privileges)];

  const control: JamfPeerControl = {
    addApiClient(client) {
      const existing = state.clients.get(client.clientId);
      state.clients.set(client.clientId, {
        kind: "api-client",
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        privileges: privilegesOf(client.privileges),
        tokenLifetimeSeconds: client.tokenLifetimeSeconds ?? DEFAULT_CLIENT_TOKEN_SECONDS,
        roleId: existing?.roleId ?? state.nextRoleId++,
      });
    },
    addUser(user) {
      const existing = state.users.get(user.username);
      state.users.set(user.username, {
        kind: "user",
        id: existing?.id ?? state.nextUserId++,
        username: user.username,
        password: user.password,
        privileges: privilegesOf(user.privileges),
        passwordExpired: user.passwordExpired ?? false,
        groupAccess: user.groupAccess ?? false,
        tokenLifetimeSeconds: user.tokenLifetimeSeconds ?? DEFAULT_USER_TOKEN_SECONDS,
      });
    },
    setPrivileges(name, privileges) {
      const account = state.clients.get(name) ?? state.users.get(name);
      if (!account) throw new Error(`The Jamf peer has no API client or account named ${name}.`);
      // Jamf Pro checks privileges on every request: tokens already issued see the change too.
      account.privileges = privilegesOf(privileges);
    },
    setVersion(version) {
      state.version = version;
    },
    getCdp(): JamfCdpState {
      return { ...state.cdp };
    },
    setCdp(patch) {
      state.cdp = { ...state.cdp, ...patch };
      state.lagged = null;
    },
    setReadLagMs(ms) {
      state.readLagMs = Math.max(0, ms);
      if (ms <= 0) state.lagged = null;
    },
    failNext(method, path, status, body, times = 1) {
      state.failRules.push({ method: method.toUpperCase(), path, status, body, remaining: Math.max(1, times) });
    },
    injectFault(method, path, fault, options) {
      state.wireFaults.add(`${method.toUpperCase()} ${path}`, fault, options);
    },
    setPatchDelayMs(ms) {
      state.patchDelayMs = Math.max(0, ms);
    },
    setPatchStatus(status) {
      state.patchStatus = status;
    },
    setLatency(ms) {
      state.latencyMs = Math.max(0, ms);
    },
    setUploadIntervalMs,
    advanceClock(ms) {
      state.clockOffsetMs += ms;
    },
    now: () => state.now(),
    requests: (): JamfRequestRecord[] => state.requests.map((r) => ({ ...r })),
    clearRequests() {
      state.requests = [];
    },
    liveTokens: (): JamfLiveToken[] => liveTokens(state),
    setBaseline() {
      state.captureBaseline();
    },
    reset() {
      state.restoreBaseline();
    },
  };

  return {
    control,
    stopTimers() {
      if (uploadTimer) clearInterval(uploadTimer);
      uploadTimer = null;
    },
  };
}

export function liveTokens(state: JamfPeerState): JamfLiveToken[] {
  const now = state.nowMs();
  return [...state.tokens.values()]
    .filter((issued) => issued.expiresAt > now)
    .map((issued) => ({ account: accountName(issued.account), expiresAt: new Date(issued.expiresAt).toISOString() }));
}
