// Reads and writes rotation journals (`<dataDir>/rotations/<targetId>.json`) atomically and
// validates them on read. A journal that exists means a rotation is open for that target.
import { readdir, unlink } from "node:fs/promises";
import { join } from "node:path";
import { ensureFolder, readJsonFile, syncFolder, writeJsonAtomic } from "../store/atomic-file";
import { rotationJournalSchema, type RotationJournal } from "./rotation-journal";

export class RotationJournalStore {
  private readonly folder: string;

  constructor(dataDir: string) {
    this.folder = join(dataDir, "rotations");
  }

  pathFor(targetId: string): string {
    return join(this.folder, `${encodeURIComponent(targetId)}.json`);
  }

  async read(targetId: string): Promise<RotationJournal | null> {
    return readJsonFile(
      this.pathFor(targetId),
      rotationJournalSchema,
      "rotation journal",
      "Moving it aside makes the app forget this rotation: first check in the IAM console which access keys the user has and in Jamf Pro which key the cloud distribution point uses, and keep that one active.",
    );
  }

  async write(journal: RotationJournal): Promise<void> {
    await ensureFolder(this.folder);
    await writeJsonAtomic(this.pathFor(journal.targetId), rotationJournalSchema.parse(journal));
  }

  async remove(targetId: string): Promise<void> {
    try {
      await unlink(this.pathFor(targetId));
      await syncFolder(this.folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }

  /** Target ids with an open journal. */
  async listTargetIds(): Promise<string[]> {
    try {
      const names = await readdir(this.folder);
      return names.filter((name) => name.endsWith(".json") && !name.startsWith(".")).map((name) => decodeURIComponent(name.slice(0, -5)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw error;
    }
  }
}
