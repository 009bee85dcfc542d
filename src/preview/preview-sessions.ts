// Who may drive the preview: the printed address carries a one-time token; the first page load
// trades it for a session cookie (HttpOnly, SameSite=Strict), as notebook servers do. Nothing the
// server hands out without that cookie lets anyone call a channel or open the event stream.
import { createHash, randomBytes } from "node:crypto";

/**
 * Cookies are shared by every port of a host, so the name carries the port: two previews (or a
 * preview and another local tool) never overwrite each other's session.
 */
export function sessionCookieName(port: number): string {
  return `cdp_preview_session_${port}`;
}

export type TokenCheck = "valid" | "spent" | "unknown";

export interface PreviewSessions {
  /** A fresh one-time token for a printed address. */
  mintToken(): string;
  /** What a token is, without spending it. */
  checkToken(token: string): TokenCheck;
  /** Spends a valid token and returns the new session's cookie value; null for any other token. */
  redeem(token: string): string | null;
  isSession(value: string | null): boolean;
}

/** Only hashes are kept, so a lookup compares digests, not the secrets themselves. */
function digest(value: string): string {
  return createHash("sha256").update(value).digest("base64url");
}

function secret(): string {
  return randomBytes(32).toString("base64url");
}

export function createPreviewSessions(): PreviewSessions {
  const unspent = new Set<string>();
  const spent = new Set<string>();
  const sessions = new Set<string>();
  return {
    mintToken() {
      const token = secret();
      unspent.add(digest(token));
      return token;
    },
    checkToken(token) {
      const hash = digest(token);
      if (unspent.has(hash)) return "valid";
      return spent.has(hash) ? "spent" : "unknown";
    },
    redeem(token) {
      const hash = digest(token);
      if (!unspent.delete(hash)) return null;
      spent.add(hash);
      const session = secret();
      sessions.add(digest(session));
      return session;
    },
    isSession(value) {
      return value !== null && value.length > 0 && sessions.has(digest(value));
    },
  };
}

/** The Set-Cookie value of a session: not readable by scripts, never sent by another site. */
export function sessionCookieHeader(name: string, session: string): string {
  return `${name}=${session}; HttpOnly; SameSite=Strict; Path=/`;
}

/** The session cookie of a request's Cookie header, or null. */
export function sessionFromCookieHeader(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const at = part.indexOf("=");
    if (at === -1) continue;
    if (part.slice(0, at).trim() === name) return part.slice(at + 1).trim() || null;
  }
  return null;
}
