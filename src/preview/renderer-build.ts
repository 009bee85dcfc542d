// `npm run preview` serves dist/renderer; when it is missing, build it first with vite.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Logger } from "../core/ports";
import { AppError } from "../shared/errors";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export async function ensureRendererBuilt(rendererDir: string, logger: Logger): Promise<void> {
  if (existsSync(join(rendererDir, "index.html"))) return;
  logger.log("info", "Building the renderer (vite build)…");
  const vite = join(ROOT, "node_modules", "vite", "bin", "vite.js");
  const code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, [vite, "build", "--logLevel", "warn"], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] });
    child.on("exit", (exit) => resolve(exit ?? 1));
    child.on("error", () => resolve(1));
  });
  if (code !== 0 || !existsSync(join(rendererDir, "index.html"))) {
    throw new AppError({
      code: "INTERNAL",
      message: "The renderer could not be built, so there is nothing to show.",
      action: "Run `npm run build` to see the build errors, fix them, then start the preview again.",
    });
  }
}
