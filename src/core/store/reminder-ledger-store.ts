// What reminders were sent and which are snoozed (reminders.json), so a restart neither repeats
// a notification nor forgets a "Remind me tomorrow". Losing this file only risks one repeated
// reminder, so a damaged one is moved aside (kept for inspection) instead of stopping reminders.
import { join, resolve } from "node:path";
import { emptyReminderLedger, reminderLedgerSchema, snooze, type ReminderLedger } from "../reminders/reminder-schedule";
import { AppError } from "../../shared/errors";
import { silentLogger, type Clock, type Logger } from "../ports";
import { writeJsonAtomic } from "./atomic-file";
import { ensureDataDir } from "./data-dir";
import { readJsonOrSetAside } from "./set-aside";
import { formatZodError } from "./validation-message";
import { withFileQueue } from "./write-queue";

export const REMINDERS_FILE = "reminders.json";

export interface FileReminderLedgerStoreOptions {
  dataDir: string;
  logger?: Logger;
  /** For the name of a damaged file moved aside (default: the system time). */
  clock?: Pick<Clock, "now">;
}

export class FileReminderLedgerStore {
  readonly path: string;
  private readonly dataDir: string;
  private readonly logger: Logger;
  private readonly clock: Pick<Clock, "now">;

  constructor(options: FileReminderLedgerStoreOptions) {
    this.dataDir = options.dataDir;
    this.path = resolve(join(options.dataDir, REMINDERS_FILE));
    this.logger = options.logger ?? silentLogger;
    this.clock = options.clock ?? { now: () => new Date() };
  }

  /** The saved ledger; empty when there is none. A damaged file is renamed aside and logged. */
  async load(): Promise<ReminderLedger> {
    const ledger = await readJsonOrSetAside(this.path, reminderLedgerSchema, "reminders", {
      clock: this.clock,
      logger: this.logger,
      logMessage: "The reminders file was damaged; it was moved aside and reminders start afresh",
    });
    return ledger ?? emptyReminderLedger();
  }

  async save(ledger: ReminderLedger): Promise<void> {
    const parsed = reminderLedgerSchema.safeParse(ledger);
    if (!parsed.success) {
      throw new AppError({
        code: "INTERNAL",
        message: `Refused to save an invalid reminder ledger: ${formatZodError(parsed.error, undefined, { maxIssues: 3 })}`,
        action: "Please report this as a bug.",
      });
    }
    await withFileQueue(this.path, async () => {
      await ensureDataDir(this.dataDir);
      await writeJsonAtomic(this.path, parsed.data);
    });
  }

  /** Loads, changes and saves in one queued step (no lost update between two callers). */
  async update(change: (ledger: ReminderLedger) => ReminderLedger): Promise<ReminderLedger> {
    return withFileQueue(`${this.path}#update`, async () => {
      const next = change(await this.load());
      await this.save(next);
      return next;
    });
  }

  /** "Remind me tomorrow" for one target, persisted. */
  async snooze(targetId: string, until: Date): Promise<ReminderLedger> {
    return this.update((ledger) => snooze(ledger, targetId, until));
  }
}
