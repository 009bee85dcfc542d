// The result of the last "Test connection" per Jamf Pro origin (connection-tests.json). The app
// opens links only to Jamf Pro hosts the admin both saved and successfully connected to: a saved
// but never tested (or mistyped) address must not become a way out of the sandbox. Losing this
// file only means testing again before such a link opens, so a damaged one is moved aside.
import { join, resolve } from "node:path";
import { z } from "zod";
import type { Target } from "../../shared/domain";
import { silentLogger, type Clock, type Logger } from "../ports";
import { writeJsonAtomic } from "./atomic-file";
import { ensureDataDir } from "./data-dir";
import { readJsonOrSetAside } from "./set-aside";
import { withFileQueue } from "./write-queue";

export const CONNECTION_TESTS_FILE = "connection-tests.json";

const resultSchema = z.object({ ok: z.boolean(), testedAt: z.string().datetime() }).strict();
const ledgerSchema = z
  .object({
    version: z.literal(1),
    /** Keyed by URL origin ("https://acme.jamfcloud.com", "https://jamf.corp:8443"). */
    origins: z.record(z.string().max(2048), resultSchema),
  })
  .strict();
type ConnectionTestLedger = z.infer<typeof ledgerSchema>;

export interface FileConnectionTestStoreOptions {
  dataDir: string;
  clock: Pick<Clock, "now">;
  logger?: Logger;
}

/** The origin of a Jamf Pro URL (scheme, host, port; default port omitted), or null if unparsable. */
export function jamfOrigin(jamfUrl: string): string | null {
  try {
    const url = new URL(jamfUrl);
    return url.host ? url.origin.toLowerCase() : null;
  } catch {
    return null;
  }
}

export class FileConnectionTestStore {
  readonly path: string;
  private readonly dataDir: string;
  private readonly clock: Pick<Clock, "now">;
  private readonly logger: Logger;

  constructor(options: FileConnectionTestStoreOptions) {
    this.dataDir = options.dataDir;
    this.path = resolve(join(options.dataDir, CONNECTION_TESTS_FILE));
    this.clock = options.clock;
    this.logger = options.logger ?? silentLogger;
  }

  /** Records the outcome of a connection test of `jamfUrl`; a later result replaces an earlier one. */
  async record(jamfUrl: string, ok: boolean): Promise<void> {
    const origin = jamfOrigin(jamfUrl);
    // Only https hosts can become link targets: recording others would change files for nothing.
    if (origin === null || !origin.startsWith("https://")) return;
    await withFileQueue(this.path, async () => {
      const ledger = await this.load();
      // A failure only matters to a host trusted before; a failed test of a new address writes nothing.
      if (!ok && ledger.origins[origin] === undefined) return;
      ledger.origins[origin] = { ok, testedAt: this.clock.now().toISOString() };
      await ensureDataDir(this.dataDir);
      await writeJsonAtomic(this.path, ledger);
    });
  }

  /** Whether the last connection test of this URL's origin passed (false when never tested). */
  async lastTestPassed(jamfUrl: string): Promise<boolean> {
    const origin = jamfOrigin(jamfUrl);
    if (origin === null) return false;
    return (await this.load()).origins[origin]?.ok === true;
  }

  /** The https hosts ("host" or "host:port") of these targets whose last connection test passed. */
  async trustedHttpsHosts(targets: readonly Pick<Target, "jamfUrl">[]): Promise<string[]> {
    const ledger = await this.load();
    const hosts = new Set<string>();
    for (const target of targets) {
      const origin = jamfOrigin(target.jamfUrl);
      if (origin === null || !origin.startsWith("https://")) continue;
      if (ledger.origins[origin]?.ok === true) hosts.add(new URL(origin).host);
    }
    return [...hosts];
  }

  private async load(): Promise<ConnectionTestLedger> {
    // Fail closed: a damaged file trusts no host until the admin tests again.
    const ledger = await readJsonOrSetAside(this.path, ledgerSchema, "connection tests", {
      clock: this.clock,
      logger: this.logger,
      logMessage: "The connection tests file was damaged; it was moved aside, links to Jamf Pro open again after a new test",
    });
    return ledger ?? { version: 1, origins: {} };
  }
}
