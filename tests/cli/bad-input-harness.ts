// The bad-input catalogue's table runner: each case runs the real CLI against the sandbox and must
// answer with a clear message (what is wrong, what to do), its documented exit code, no stack
// trace, and leave everything as it was: the data folder's targets, settings and journals, the
// Keychain items of the targets, the IAM user's keys and the key Jamf Pro holds.
import assert from "node:assert/strict";
import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import { it } from "node:test";
import { secretAccounts } from "../../src/core/store/store-types";
import { EXIT } from "../../src/cli/exit-codes";
import { assertNoStack, type CliResult, type CliWorld, type RunOptions } from "./cli-harness";

export { EXIT };

export interface BadInputCase {
  /** What the admin did wrong, as the test's title. */
  what: string;
  args: string[] | ((world: CliWorld) => string[]);
  options?: RunOptions | ((world: CliWorld) => RunOptions);
  /** Arranges the situation (files, sandbox knobs); runs before the "before" snapshot. */
  prepare?: (world: CliWorld) => Promise<void> | void;
  /** Undoes sandbox knobs after the case (files under the data folder stay: they are per case). */
  cleanup?: (world: CliWorld) => Promise<void> | void;
  exit: number;
  /** What is wrong, matched against stdout + stderr. */
  message: RegExp;
  /** What to do: matched against stdout + stderr (usage errors point at --help). */
  advice: RegExp;
  /** Text that must not appear (an echoed secret, wrong advice). */
  never?: Array<string | RegExp>;
  /** Extra checks on the result. */
  check?: (result: CliResult, world: CliWorld) => Promise<void> | void;
}

/** Files the CLI may legitimately touch on a refused command: the audit trail and reminder ledger. */
const MAY_CHANGE = /(^|\/)(Logs\/|audit\.jsonl|reminders?[^/]*\.json|status[^/]*\.json|\.?locks?(\/|$)|[^/]*\.lock$)/;

interface Snapshot {
  files: Record<string, string>;
  keychain: Record<string, string | null>;
  iamKeys: string;
  jamfKey: string;
}

export async function snapshot(world: CliWorld): Promise<Snapshot> {
  const files: Record<string, string> = {};
  for (const path of await filesUnder(world.home)) {
    const name = relative(world.home, path);
    if (!MAY_CHANGE.test(name)) files[name] = await readFile(path, "utf8").catch((error: unknown) => `<unreadable ${String(error)}>`);
  }
  const keychain: Record<string, string | null> = {};
  for (const id of await world.targetIds()) {
    for (const account of [secretAccounts.jamf(id), secretAccounts.pendingKey(id), secretAccounts.awsAdmin(id)]) {
      keychain[account] = await world.keychain.get(account).catch(() => "<keychain unreadable>");
    }
  }
  const { sandbox } = world;
  const iamKeys = JSON.stringify(sandbox.aws.control.listKeys().map((k) => [k.userName, k.accessKeyId, k.status]));
  return { files, keychain, iamKeys, jamfKey: sandbox.jamf.control.getCdp().username };
}

async function filesUnder(dir: string): Promise<string[]> {
  const found: string[] = [];
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    return found;
  }
  for (const entry of entries) {
    const path = join(dir, entry);
    const info = await stat(path).catch(() => null);
    if (info?.isDirectory()) found.push(...(await filesUnder(path)));
    else if (info) found.push(path);
  }
  return found;
}

/** Registers one `it` per case on the world `getWorld()` returns. */
export function runCatalogue(cases: BadInputCase[], getWorld: () => CliWorld): void {
  for (const c of cases) {
    it(c.what, async () => {
      const world = getWorld();
      await c.prepare?.(world);
      try {
        const before = await snapshot(world);
        const args = typeof c.args === "function" ? c.args(world) : c.args;
        const options = typeof c.options === "function" ? c.options(world) : (c.options ?? {});
        const result = await world.run(args, options);
        const all = `${result.stdout}\n${result.stderr}`;
        assert.equal(result.code, c.exit, `exit ${result.code}, expected ${c.exit}:\n${all}`);
        assert.match(all, c.message);
        assert.match(all, c.advice);
        for (const text of c.never ?? []) {
          if (typeof text === "string") assert.ok(!all.includes(text), `output must not contain ${JSON.stringify(text)}:\n${all}`);
          else assert.doesNotMatch(all, text);
        }
        assertNoStack(result);
        assert.doesNotMatch(all, /Something unexpected went wrong/, "a known situation must be named");
        assert.deepEqual(await snapshot(world), before, "nothing changed: targets, settings, journals, Keychain, IAM keys, Jamf Pro's key");
        await c.check?.(result, world);
      } finally {
        await c.cleanup?.(world);
      }
    });
  }
}

/** The hint every usage error ends with. */
export const HELP_HINT = /Run "cdp-key-rotator.* --help" for usage\./;
/** The "What to do:" line every other error carries. */
export const WHAT_TO_DO = /What to do: \S/;
