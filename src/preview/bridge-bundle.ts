// Bundles bridge-client.ts for the browser with esbuild at startup (a few milliseconds), so the
// preview always serves the bridge built from the current contract.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

export const BRIDGE_ENTRY = fileURLToPath(new URL("./bridge-client.ts", import.meta.url));

export async function bundleBridge(): Promise<string> {
  const result = await build({
    entryPoints: [BRIDGE_ENTRY],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: "es2022",
    minify: true,
    legalComments: "none",
    logLevel: "silent",
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error("esbuild produced no bridge bundle.");
  return file.text;
}
