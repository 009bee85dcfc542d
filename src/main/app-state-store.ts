// The app's own small memory between launches (today: whether the admin was already told that the
// app lives in the menu bar), in `app-state.json` in the data folder, written atomically and
// validated on read like every other file.
import { join } from "node:path";
import { z } from "zod";
import { readJsonFile, writeJsonAtomic } from "../core/store/atomic-file";

export const APP_STATE_FILE = "app-state.json";

const appStateSchema = z.object({
  version: z.literal(1),
  /** When the first-launch welcome was shown (ISO time). */
  welcomedAt: z.string().datetime().nullable(),
});

export type AppState = z.infer<typeof appStateSchema>;

export interface AppStateStore {
  read(): Promise<AppState | null>;
  write(state: AppState): Promise<void>;
}

export function createAppStateStore(dataDir: string): AppStateStore {
  const path = join(dataDir, APP_STATE_FILE);
  return {
    read: () => readJsonFile(path, appStateSchema, "app state", "It only records that the menu-bar welcome was shown."),
    write: (state) => writeJsonAtomic(path, appStateSchema.parse(state)),
  };
}
