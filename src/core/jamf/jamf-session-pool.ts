// One Jamf Pro session per server and identity. Targets on the same Jamf Pro URL with the same
// credentials (auth kind, client id or username, and the same secret) share one session, so 25
// targets on a server cost one token request instead of 25; a different identity, or the same one
// with another secret, always gets its own. The token single-flights inside the session
// (JamfTokenManager), so concurrent first use and a 401 renew once for everyone.
//
// Every JamfClient made through the pool holds one share; close() gives it back, and the last share
// given back ends the session (invalidate-token). A session is never ended while a share is held.
// The secret is in the key only as an HMAC under a key made per pool, so the map tells nothing.
import type { Logger } from "../ports";
import { secretFingerprinter } from "../store/secret-fingerprint";
import { JamfSession, type JamfSessionHandle, type JamfSessionSettings } from "./jamf-session";
import type { JamfCredentials } from "./jamf-types";

interface Entry {
  readonly session: JamfSession;
  readonly host: string;
  users: number;
}

export class JamfSessionPool {
  private readonly entries = new Map<string, Entry>();
  private readonly fingerprint = secretFingerprinter();

  constructor(private readonly logger: Logger) {}

  /** The JamfSessionSource for JamfClientDeps.sessions. */
  readonly source = (settings: JamfSessionSettings): JamfSessionHandle => this.handle(settings);

  /** Sessions open now (with at least one share held). */
  get size(): number {
    return this.entries.size;
  }

  /** Ends every session, held or not (the app quitting, the CLI exiting). */
  async closeAll(): Promise<void> {
    const all = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(all.map((entry) => entry.session.end()));
  }

  private handle(settings: JamfSessionSettings): JamfSessionHandle {
    const key = this.keyOf(settings);
    let held: Entry | null = this.acquire(key, settings);
    return {
      session: () => {
        // Used again after close(), or after closeAll(): take a share anew rather than send on an ended session.
        if (!held || this.entries.get(key) !== held) held = this.acquire(key, settings);
        return held.session;
      },
      release: async () => {
        const entry = held;
        held = null;
        if (entry) await this.giveBack(key, entry);
      },
    };
  }

  private acquire(key: string, settings: JamfSessionSettings): Entry {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { session: new JamfSession(settings), host: new URL(settings.baseUrl).host, users: 0 };
      this.entries.set(key, entry);
    }
    entry.users += 1;
    return entry;
  }

  private async giveBack(key: string, entry: Entry): Promise<void> {
    entry.users -= 1;
    if (entry.users > 0 || this.entries.get(key) !== entry) return;
    this.entries.delete(key);
    this.logger.log("debug", "Ending the shared Jamf Pro session", { server: entry.host });
    await entry.session.end();
  }

  private keyOf(settings: JamfSessionSettings): string {
    const identity = identityOf(settings.credentials);
    const secret = this.fingerprint(identity.secret);
    // The clock, logger and fetch are the pool owner's, the same for every client it makes.
    return JSON.stringify([settings.baseUrl, identity.kind, identity.name, secret, settings.timeoutMs, settings.maxConcurrent]);
  }
}

function identityOf(credentials: JamfCredentials): { kind: string; name: string; secret: string } {
  return credentials.kind === "api-client"
    ? { kind: credentials.kind, name: credentials.clientId, secret: credentials.clientSecret }
    : { kind: credentials.kind, name: credentials.username, secret: credentials.password };
}
