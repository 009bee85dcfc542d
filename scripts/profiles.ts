// `npm run profiles`: writes the configuration profiles of docs/profiles/ from the managed-settings
// schema. `-- --check` only compares (CI fails when someone changed the schema and not the files).
// `-- --team-id ABCDE12345 --out DIR` writes profiles whose login item rule also names the Team ID
// that signs your build, into DIR (the committed files stay team-neutral).
import { mkdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { writeFileAtomic } from "../src/core/store/atomic-file";
import { profileFiles } from "./profiles/mobileconfig";

const root = fileURLToPath(new URL("..", import.meta.url));
export const PROFILES_DIR = join(root, "docs", "profiles");

function fail(message: string, action: string): never {
  console.error(`Error: ${message}\nWhat to do: ${action}`);
  process.exit(1);
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({ options: { check: { type: "boolean" }, "team-id": { type: "string" }, out: { type: "string" } }, strict: true }).values;
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error), "run `npm run profiles -- [--check] [--team-id ID --out DIR]`.");
  }
  const teamId = args["team-id"];
  if (teamId && !args.out) fail("--team-id needs --out DIR.", "write team-specific profiles to a folder of your own, e.g. `--out ~/Desktop/profiles`; docs/profiles/ stays team-neutral.");
  let files;
  try {
    files = profileFiles({ teamId });
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error), "copy the Team ID from developer.apple.com › Account › Membership.");
  }
  const dir = args.out ? resolve(args.out) : PROFILES_DIR;
  if (args.check) {
    const stale: string[] = [];
    for (const file of files) {
      const current = await readFile(join(dir, file.name), "utf8").catch(() => null);
      if (current !== file.text) stale.push(file.name);
    }
    if (stale.length) fail(`${stale.join(", ")} in ${dir} do not match the managed-settings schema.`, "run `npm run profiles` and commit the result.");
    console.log(`The ${files.length} files in ${dir} match the managed-settings schema.`);
    return;
  }
  try {
    await mkdir(dir, { recursive: true });
    for (const file of files) await writeFileAtomic(join(dir, file.name), file.text, { mode: 0o644 });
  } catch (error) {
    // A folder that cannot be made or written (permissions, a file in the way): say so, no stack trace.
    fail(`Could not write the profiles to ${dir}: ${error instanceof Error ? error.message : String(error)}`, "choose a folder you can write to with --out DIR.");
  }
  console.log(`Wrote ${files.map((f) => f.name).join(", ")} to ${dir}.`);
}

await main();
