// Builds the renderer once per Playwright run for the flow tests, from the current sources, into a
// folder of its own (never dist/renderer, which `npm run build` and other helpers write). Workers
// of one run share a parent process, so the folder is keyed by it: the first worker builds while
// holding a lock directory, the others wait for the finished build.
import { existsSync } from "node:fs";
import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";

const PROJECT_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const BASE = join(tmpdir(), "cdp-flow-renderer");
// A run takes about a minute; a build this old belongs to a run that has finished.
const STALE_MS = 30 * 60 * 1000;
const WAIT_MS = 180_000;

export async function rendererBuiltOncePerRun(): Promise<string> {
  await mkdir(BASE, { recursive: true });
  const dir = join(BASE, `run-${process.ppid}`);
  const ready = () => existsSync(join(dir, "index.html"));
  if (ready()) return dir;

  const lock = `${dir}.lock`;
  let owner = false;
  try {
    await mkdir(lock);
    owner = true;
  } catch {
    owner = false;
  }

  if (!owner) {
    const until = Date.now() + WAIT_MS;
    while (!ready()) {
      if (Date.now() > until) throw new Error(`The renderer build of another worker did not finish within ${WAIT_MS / 1000}s (${dir}).`);
      if (!existsSync(lock) && !ready()) throw new Error(`The renderer build of another worker failed (${dir}); see that worker's error.`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return dir;
  }

  try {
    await removeStaleBuilds(dir);
    const staging = `${dir}.staging`;
    await rm(staging, { recursive: true, force: true });
    await build({
      configFile: join(PROJECT_ROOT, "vite.config.ts"),
      logLevel: "warn",
      build: { outDir: staging, emptyOutDir: true },
    });
    // The finished build appears in one rename, so a waiting worker never sees half of it.
    await rename(staging, dir);
    return dir;
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

/** Builds of earlier runs (other parent processes) that are long finished. */
async function removeStaleBuilds(keep: string): Promise<void> {
  const entries = await readdir(BASE).catch(() => [] as string[]);
  for (const name of entries) {
    const path = join(BASE, name);
    if (path === keep || path.startsWith(`${keep}.`)) continue;
    const info = await stat(path).catch(() => null);
    if (info && Date.now() - info.mtimeMs > STALE_MS) await rm(path, { recursive: true, force: true }).catch(() => undefined);
  }
}
