// One Jamf Pro session: the transport (with its sticky-session cookie) and the bearer token of one
// identity at one server, plus what the server told it that does not change within a session (its
// version). A JamfClient holds its session through a handle: its own, or a share of a pooled one
// (jamf-session-pool.ts), so targets on one server with one identity send with one token.
import type { HttpFetch } from "../net/http-fetch";
import type { Clock, Logger } from "../ports";
import { JamfTokenManager } from "./jamf-auth";
import { JamfTransport } from "./jamf-transport";
import type { JamfCredentials } from "./jamf-types";

export interface JamfSessionSettings {
  /** Normalized (normalizeJamfUrl). */
  baseUrl: string;
  credentials: JamfCredentials;
  timeoutMs: number;
  maxConcurrent: number;
  clock: Clock;
  logger: Logger;
  fetch?: HttpFetch;
}

export class JamfSession {
  readonly transport: JamfTransport;
  readonly tokens: JamfTokenManager;
  /** The server's version as read in this session (null until read). */
  version: string | null = null;

  constructor(settings: JamfSessionSettings) {
    this.transport = new JamfTransport({
      baseUrl: settings.baseUrl,
      timeoutMs: settings.timeoutMs,
      maxConcurrent: settings.maxConcurrent,
      clock: settings.clock,
      logger: settings.logger,
      ...(settings.fetch ? { fetch: settings.fetch } : {}),
    });
    this.tokens = new JamfTokenManager(this.transport, settings.credentials, settings.clock, settings.logger);
  }

  /** Invalidates the token at the server and forgets the cookie; a later request starts a new session. */
  async end(): Promise<void> {
    await this.tokens.close();
    this.transport.forgetSession();
    this.version = null;
  }
}

/** How a client holds its session. */
export interface JamfSessionHandle {
  /** The session to send with (taken again when this handle was released and is used anew). */
  session(): JamfSession;
  /** This user is done: the session ends once no other user holds it. Safe to call twice. */
  release(): Promise<void>;
}

/** A session of the client's own: released means ended. */
export function ownSession(settings: JamfSessionSettings): JamfSessionHandle {
  const session = new JamfSession(settings);
  return { session: () => session, release: () => session.end() };
}

/** Where a JamfClient gets its session handle from (default: ownSession). */
export type JamfSessionSource = (settings: JamfSessionSettings) => JamfSessionHandle;
