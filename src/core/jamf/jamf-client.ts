// The Jamf Pro side of key rotation over the Jamf Pro API. Only GET and PATCH of the cloud
// distribution point, its test-connection and history: never POST or DELETE (for an AWS CDP
// Jamf Pro would lose its bucket and CloudFront distribution). Secrets never reach a log line or
// an error message.
import type { z } from "zod";
import { ACCESS_KEY_ID_PATTERN, maskKeyId } from "../../shared/mask";
import { AppError } from "../../shared/errors";
import type { HttpFetch } from "../net/http-fetch";
import { silentLogger, systemClock, type Clock, type Logger } from "../ports";
import { JAMF_MAX_CONCURRENT } from "./jamf-concurrency";
import { responseError, type JamfPrivilegeName } from "./jamf-errors";
import { readAuthorization, type JamfPrivilegeReading } from "./jamf-privileges";
import { cdpSchema, connectionTestSchema, historyPageSchema, versionSchema } from "./jamf-schemas";
import { ownSession, type JamfSessionHandle, type JamfSessionSource } from "./jamf-session";
import type { JamfRequest, JamfResponse } from "./jamf-transport";
import type { CloudDistributionPoint, ConnectionTestResult, HistoryEntry, JamfCdpGateway, JamfClientOptions } from "./jamf-types";
import { normalizeJamfUrl } from "./jamf-url";
import { MIN_CDP_VERSION, isAtLeast, parseJamfVersion } from "./jamf-version";

const CDP_PATH = "/api/v1/cloud-distribution-point";
const READ: JamfPrivilegeName = "Read Cloud Distribution Point";
const UPDATE: JamfPrivilegeName = "Update Cloud Distribution Point";
const DEFAULT_TIMEOUT_MS = 30_000;
const HISTORY_PAGE_SIZE = 100;
const HISTORY_MAX_PAGES = 50;

interface Operation {
  method: JamfRequest["method"];
  path: string;
  what: string;
  privilege: JamfPrivilegeName | null;
  body?: string;
  /** Secrets in the body, scrubbed from anything the server says back. */
  secrets?: string[];
  /** A 404 here means "no CDP API" (old server) or "no CDP". */
  cdpEndpoint: boolean;
  /** Statuses the caller interprets itself (returned, not thrown). */
  tolerate?: readonly number[];
}

export interface JamfClientDeps {
  clock?: Clock;
  logger?: Logger;
  /** The host's HTTP transport (default: the global fetch). */
  fetch?: HttpFetch;
  /** Where the session comes from (default: one of the client's own; see jamf-session-pool.ts). */
  sessions?: JamfSessionSource;
}

function invalidInput(message: string, action: string): AppError {
  return new AppError({ code: "INVALID_INPUT", message, action });
}

function checkCredentials(options: JamfClientOptions): void {
  const c = options.credentials;
  if (c.kind === "api-client" && (!c.clientId.trim() || !c.clientSecret)) {
    throw invalidInput("The Jamf Pro API client ID and secret are both needed.", "Enter the client ID and secret from Jamf Pro > Settings > API roles and clients.");
  }
  if (c.kind === "basic" && (!c.username.trim() || !c.password)) {
    throw invalidInput("The Jamf Pro username and password are both needed.", "Enter them, or better, use an API client.");
  }
}

export class JamfClient implements JamfCdpGateway {
  readonly baseUrl: string;
  private readonly handle: JamfSessionHandle;
  private readonly logger: Logger;

  constructor(options: JamfClientOptions, deps: JamfClientDeps = {}) {
    this.baseUrl = normalizeJamfUrl(options.baseUrl);
    checkCredentials(options);
    const clock = deps.clock ?? systemClock;
    this.logger = deps.logger ?? silentLogger;
    this.handle = (deps.sessions ?? ownSession)({
      baseUrl: this.baseUrl,
      credentials: options.credentials,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxConcurrent: Math.min(options.maxConcurrent ?? JAMF_MAX_CONCURRENT, JAMF_MAX_CONCURRENT),
      clock,
      logger: this.logger,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
    });
  }

  get session(): object {
    return this.handle.session();
  }

  async getVersion(): Promise<string> {
    const session = this.handle.session();
    if (session.version !== null) return session.version;
    const response = await this.call({ method: "GET", path: "/api/v1/jamf-pro-version", what: "report its version", privilege: null, cdpEndpoint: false });
    const version = this.parse(versionSchema, response, "version").version;
    session.version = version;
    return version;
  }

  async assertSupportedVersion(): Promise<string> {
    const text = await this.getVersion();
    const version = parseJamfVersion(text);
    if (!version) {
      throw new AppError({
        code: "JAMF_ERROR",
        message: `Jamf Pro reported a version this app cannot read ("${text.slice(0, 40)}").`,
        action: "Check that the URL points at Jamf Pro.",
      });
    }
    if (!isAtLeast(version, MIN_CDP_VERSION)) throw unsupportedVersion(version.display);
    return text;
  }

  /**
   * The CDP privileges Jamf Pro reports for this token (GET /api/v1/auth). A 403 or 404 (servers
   * or set-ups that do not answer it) and an answer without privileges are "not reported".
   */
  async getPrivileges(): Promise<JamfPrivilegeReading> {
    const response = await this.call({
      method: "GET",
      path: "/api/v1/auth",
      what: "report the privileges of this API client or account",
      privilege: null,
      cdpEndpoint: false,
      tolerate: [403, 404],
    });
    if (response.status === 403 || response.status === 404) return { kind: "not-reported", reason: `Jamf Pro answered HTTP ${response.status} when asked for them` };
    return readAuthorization(response.json);
  }

  async getCloudDistributionPoint(): Promise<CloudDistributionPoint> {
    const response = await this.call({ method: "GET", path: CDP_PATH, what: "read the cloud distribution point", privilege: READ, cdpEndpoint: true });
    return this.parse(cdpSchema, response, "cloud distribution point");
  }

  async updateCredentials(input: { master: boolean; accessKeyId: string; secretAccessKey: string }): Promise<CloudDistributionPoint> {
    if (!ACCESS_KEY_ID_PATTERN.test(input.accessKeyId)) {
      throw invalidInput("That is not an AWS access key ID.", "Access key IDs are 16 or more capital letters and digits, such as AKIA…7QXZ.");
    }
    if (!input.secretAccessKey || /\s/.test(input.secretAccessKey)) {
      throw invalidInput("The AWS secret access key is empty or contains spaces.", "Use the secret exactly as AWS issued it.");
    }
    // Only these four fields: omitted ones (privateKey, keyPairId, ...) stay as they are.
    const body = JSON.stringify({ cdnType: "AMAZON_S3", master: input.master, username: input.accessKeyId, password: input.secretAccessKey });
    this.logger.log("info", "Handing the new access key to Jamf Pro", { keyId: maskKeyId(input.accessKeyId) });
    const response = await this.call({
      method: "PATCH",
      path: CDP_PATH,
      what: "update the cloud distribution point",
      privilege: UPDATE,
      body,
      secrets: [input.secretAccessKey],
      cdpEndpoint: true,
    });
    const parsed = cdpSchema.safeParse(response.json);
    // Any 2xx is success; a server that answers without the object gets re-read.
    return parsed.success ? parsed.data : this.getCloudDistributionPoint();
  }

  async testConnection(): Promise<ConnectionTestResult> {
    const response = await this.call({
      method: "GET",
      path: `${CDP_PATH}/test-connection`,
      what: "test the cloud distribution point connection",
      privilege: READ,
      cdpEndpoint: true,
    });
    return this.parse(connectionTestSchema, response, "connection test");
  }

  async addHistoryNote(note: string): Promise<void> {
    const text = note.trim();
    if (!text) throw invalidInput("The history note is empty.", "Write what was done, without any secret.");
    await this.call({
      method: "POST",
      path: `${CDP_PATH}/history`,
      what: "add a note to the cloud distribution point history",
      privilege: UPDATE,
      body: JSON.stringify({ note: text.slice(0, 2000) }),
      cdpEndpoint: true,
    });
  }

  async listHistory(): Promise<HistoryEntry[]> {
    const entries: HistoryEntry[] = [];
    for (let page = 0; page < HISTORY_MAX_PAGES; page += 1) {
      const response = await this.call({
        method: "GET",
        path: `${CDP_PATH}/history?page=${page}&page-size=${HISTORY_PAGE_SIZE}`,
        what: "read the cloud distribution point history",
        privilege: READ,
        cdpEndpoint: true,
      });
      const data = this.parse(historyPageSchema, response, "history");
      entries.push(...data.results);
      if (data.results.length < HISTORY_PAGE_SIZE || entries.length >= data.totalCount) break;
    }
    return entries;
  }

  /** This client is done with the session; it ends (invalidate-token) once no other client shares it. */
  async close(): Promise<void> {
    await this.handle.release();
  }

  /**
   * One API call with a bearer token; a 401 gets exactly one fresh token and one retry. On a shared
   * session the other clients' requests that got the same 401 wait for that one fresh token.
   */
  private async call(op: Operation): Promise<JamfResponse> {
    const { tokens, transport } = this.handle.session();
    const send = async () => {
      const token = await tokens.token();
      const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
      if (op.body !== undefined) headers["Content-Type"] = "application/json";
      const response = await transport.send({ method: op.method, path: op.path, headers, body: op.body, what: op.what });
      return { token, response };
    };
    let { token, response } = await send();
    if (response.status === 401) {
      tokens.reject(token);
      ({ token, response } = await send());
      if (response.status === 401) tokens.reject(token);
    }
    if ((response.status >= 200 && response.status < 300) || op.tolerate?.includes(response.status)) return response;
    if (response.status === 404 && op.cdpEndpoint) throw await this.notFound(op);
    throw responseError(response, { what: op.what, privilege: op.privilege, secrets: op.secrets });
  }

  /** A 404 from a CDP endpoint: an older server without the API, or no CDP at all. */
  private async notFound(op: Operation): Promise<AppError> {
    try {
      const version = parseJamfVersion(await this.getVersion());
      if (version && !isAtLeast(version, MIN_CDP_VERSION)) return unsupportedVersion(version.display);
    } catch {
      // Fall through: the 404 itself is the clearest thing we know.
    }
    return new AppError({
      code: "JAMF_CDP_NOT_FOUND",
      message: `Jamf Pro answered 404 Not Found when asked to ${op.what}.`,
      action: "Check that a cloud distribution point is set up in Jamf Pro (Settings > Server > Cloud distribution point) and that the URL is the Jamf Pro address.",
    });
  }

  private parse<Out>(schema: z.ZodType<Out>, response: JamfResponse, what: string): Out {
    const parsed = schema.safeParse(response.json);
    if (parsed.success) return parsed.data;
    throw new AppError({
      code: "JAMF_ERROR",
      message: `Jamf Pro answered the ${what} request in an unexpected format (HTTP ${response.status}).`,
      action: "Check that the URL points at Jamf Pro itself (not a proxy or SSO page), and that Jamf Pro is 11.14 or later.",
      details: parsed.error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`).join("; "),
    });
  }
}

function unsupportedVersion(display: string): AppError {
  return new AppError({
    code: "JAMF_VERSION_UNSUPPORTED",
    message: `Jamf Pro 11.14 or later is required (this server runs ${display})`,
    action: "Upgrade Jamf Pro to 11.14 or later, or rotate the key by hand in Jamf Pro's cloud distribution point settings.",
  });
}
