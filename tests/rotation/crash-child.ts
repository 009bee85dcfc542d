// Child process of the crash matrix: runs (or resumes) a rotation against the sandbox named by
// the target in CRASH_DATA_DIR, approving every step. With CRASH_AT set it prints
// "BOUNDARY <name>" when the engine reaches that journal boundary and then waits forever, so the
// parent can SIGKILL it exactly there. Every snapshot is printed ("SNAPSHOT {json}") for the leak
// check, the final one as "FINAL {json}".
import { createCoreServices } from "../../src/core/app/core-services";
import { systemClock, type Logger } from "../../src/core/ports";
import type { DeleteOldMode, RotationSnapshot } from "../../src/shared/domain";
import { openSecretStore } from "./support/crash-secret-store";
import { FAST_TIMINGS } from "./support/fast-timings";

const env = process.env;
const dataDir = required("CRASH_DATA_DIR");
const targetId = required("CRASH_TARGET_ID");
const mode = required("CRASH_MODE");
const crashAt = env.CRASH_AT ?? "";
const deleteOld = (env.CRASH_DELETE_OLD ?? "now") as DeleteOldMode;

const logger: Logger = {
  log: (level, message, fields) => process.stderr.write(`${level} ${message} ${fields ? JSON.stringify(fields) : ""}\n`),
};

const core = createCoreServices(
  { dataDir, secretStore: openSecretStore(required("CRASH_SECRETS")), clock: systemClock, logger, env: {}, via: "cli" },
  {
    timings: FAST_TIMINGS,
    onBoundary: async (name) => {
      if (name !== crashAt) return;
      process.stdout.write(`BOUNDARY ${name}\n`);
      // Wait for the SIGKILL. A bare pending promise would not keep Node alive when nothing else is
      // in flight (the process would exit on its own before the parent kills it), so hold a timer.
      await new Promise(() => setInterval(() => undefined, 60_000));
    },
  },
);

const print = (tag: string, snapshot: RotationSnapshot) => process.stdout.write(`${tag} ${JSON.stringify(snapshot)}\n`);

async function main(): Promise<void> {
  const target = await core.targets.find(targetId);
  if (!target) throw new Error("target not found");
  const callbacks = { confirm: async () => true, onSnapshot: (s: RotationSnapshot) => print("SNAPSHOT", s) };
  const run = mode === "start" ? await core.engine.start(target, { ...callbacks, deleteOld }) : await core.engine.resume(target, callbacks);
  print("FINAL", await run.finished);
  await core.dispose();
}

function required(name: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`child failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(3);
  },
);
