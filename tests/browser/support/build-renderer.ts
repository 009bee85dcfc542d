// Builds the renderer with the project's vite.config.ts, inside the test run, into a folder of
// its own (so a parallel `npm run build:renderer` or preview test never races with it).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build as esbuild } from "esbuild";
import { build as viteBuild } from "vite";

export const projectRoot = fileURLToPath(new URL("../../../", import.meta.url));

export async function buildRenderer(outDir: string): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  await viteBuild({
    configFile: join(projectRoot, "vite.config.ts"),
    logLevel: "warn",
    build: { outDir, emptyOutDir: true },
  });
}

/** The fake bridge as one classic script for page.addInitScript. */
export async function bundleFakeBridge(): Promise<string> {
  const result = await esbuild({
    entryPoints: [join(projectRoot, "tests/browser/support/fake-bridge-entry.ts")],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "chrome120",
    write: false,
    logLevel: "warning",
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error("esbuild produced no fake bridge bundle");
  return output.text;
}
