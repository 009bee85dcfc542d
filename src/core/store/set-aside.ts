// For files whose loss costs little (reminders sent, connection test results): a damaged one is
// renamed aside (kept for inspection) and logged, and the store starts afresh, instead of
// stopping the app over it. Files that hold real state (targets, journals) refuse instead.
import { rename } from "node:fs/promises";
import type { z } from "zod";
import { AppError } from "../../shared/errors";
import type { Clock, Logger } from "../ports";
import { readJsonFile } from "./atomic-file";

export interface SetAsideOptions {
  clock: Pick<Clock, "now">;
  logger: Logger;
  /** The log line when a damaged file was set aside, e.g. "The reminders file was damaged; …". */
  logMessage: string;
}

/** The file's validated content; null when absent or when it was damaged and has been set aside. */
export async function readJsonOrSetAside<T>(path: string, schema: z.ZodType<T>, what: string, options: SetAsideOptions): Promise<T | null> {
  try {
    return await readJsonFile(path, schema, what);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "CONFIG_INVALID") throw error;
    const aside = `${path}.damaged-${options.clock.now().toISOString().replace(/[:.]/g, "-")}`;
    await rename(path, aside).catch(() => undefined);
    options.logger.log("warn", options.logMessage, { file: aside, problem: error.message });
    return null;
  }
}
