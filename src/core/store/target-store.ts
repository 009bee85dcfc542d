// The Jamf Pro instances (targets) the admin manages, in targets.json in the data folder.
// Holds no secret: Jamf client secrets and passwords live in the Keychain (jamf-credentials.ts).
import { randomUUID } from "node:crypto";
import { join, resolve } from "node:path";
import { z } from "zod";
import { targetInputSchema, targetSchema, type Target, type TargetInput } from "../../shared/domain";
import { AppError } from "../../shared/errors";
import type { Clock } from "../ports";
import { readJsonFile, writeJsonAtomic } from "./atomic-file";
import { awsEndpointHostProblem, isAllowedAwsEndpointHost } from "./aws-endpoint-allow";
import { ensureDataDir } from "./data-dir";
import { isLoopbackHost, jamfUrlProblem, normalizeJamfUrl } from "./jamf-url";
import type { TargetStore } from "./store-types";
import { zodProblems } from "./validation-message";
import { withFileQueue } from "./write-queue";

export const TARGETS_FILE = "targets.json";

/** Names are compared without case and Unicode form, so "ACME" and "acme" are the same target. */
export function targetNameKey(name: string): string {
  return name.trim().normalize("NFKC").toLowerCase();
}

export const targetsFileSchema = z
  .object({ version: z.literal(1), targets: z.array(targetSchema) })
  .superRefine((file, ctx) => {
    const ids = new Set<string>();
    const names = new Set<string>();
    file.targets.forEach((target, index) => {
      if (ids.has(target.id)) ctx.addIssue({ code: "custom", path: ["targets", index, "id"], message: `The id ${target.id} appears twice` });
      const key = targetNameKey(target.name);
      if (names.has(key)) ctx.addIssue({ code: "custom", path: ["targets", index, "name"], message: `The name "${target.name}" appears twice` });
      ids.add(target.id);
      names.add(key);
    });
  });
export type TargetsFile = z.infer<typeof targetsFileSchema>;

export interface TargetInputOptions {
  /** Endpoint hosts an organization allows on top of AWS's and loopback ("host" or "*.domain"). */
  extraAwsEndpointHosts?: readonly string[];
}

/** A validated target input (defaults applied, Jamf URL normalised), or INVALID_INPUT listing every problem by field. */
export function parseTargetInput(input: unknown, options: TargetInputOptions = {}): z.output<typeof targetInputSchema> {
  const parsed = targetInputSchema.safeParse(input);
  const problems = parsed.success ? [] : zodProblems(parsed.error);
  if (parsed.success) {
    const urlProblem = jamfUrlProblem(parsed.data.jamfUrl);
    if (urlProblem) problems.push(`jamfUrl: ${stripPeriod(urlProblem)}`);
    const endpoint = parsed.data.awsEndpointUrl;
    if (endpoint !== undefined) {
      const url = new URL(endpoint);
      if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
        problems.push("awsEndpointUrl: Use https://; plain http:// is only allowed for a local endpoint such as the sandbox");
      } else if (url.protocol !== "http:" && url.protocol !== "https:") {
        problems.push("awsEndpointUrl: Use an https:// address");
      } else if (!isAllowedAwsEndpointHost(url.hostname, options.extraAwsEndpointHosts ?? [])) {
        problems.push(`awsEndpointUrl: ${awsEndpointHostProblem(url.hostname, options.extraAwsEndpointHosts ?? [])}`);
      }
    }
  } else if (input && typeof input === "object" && typeof (input as { jamfUrl?: unknown }).jamfUrl === "string") {
    // Report a bad URL together with the other problems, not one round-trip later.
    const urlProblem = jamfUrlProblem((input as { jamfUrl: string }).jamfUrl);
    if (urlProblem && !problems.some((p) => p.startsWith("jamfUrl:"))) problems.push(`jamfUrl: ${stripPeriod(urlProblem)}`);
  }
  if (problems.length > 0 || !parsed.success) {
    throw new AppError({
      code: "INVALID_INPUT",
      message: `${problems.join("; ")}.`,
      action: "Correct the fields named above and try again.",
    });
  }
  return { ...parsed.data, jamfUrl: normalizeJamfUrl(parsed.data.jamfUrl) };
}

/** Optional fields of a target: absent from an update means "keep", present as undefined means "clear". */
export const OPTIONAL_TARGET_FIELDS = ["awsProfile", "awsEndpointUrl", "iamUser", "policy"] as const satisfies readonly (keyof TargetInput)[];

/**
 * Turns a complete input (e.g. the Settings form) into an update that replaces the whole target:
 * every optional field the input leaves out is cleared instead of kept.
 */
export function replacementPatch(input: TargetInput): Partial<TargetInput> {
  const patch: Partial<TargetInput> = {};
  for (const field of OPTIONAL_TARGET_FIELDS) patch[field] = undefined;
  return { ...patch, ...input };
}

export interface FileTargetStoreOptions {
  dataDir: string;
  clock: Clock;
  /** Id generator (default crypto.randomUUID). */
  newId?: () => string;
  /** Endpoint hosts the organization allows besides AWS's and loopback (the configuration profile's), read on every check. */
  allowedAwsEndpointHosts?: () => Promise<readonly string[]>;
}

export class FileTargetStore implements TargetStore {
  readonly path: string;
  private readonly dataDir: string;
  private readonly clock: Clock;
  private readonly newId: () => string;
  private readonly allowedAwsEndpointHosts: () => Promise<readonly string[]>;

  constructor(options: FileTargetStoreOptions) {
    this.dataDir = options.dataDir;
    this.clock = options.clock;
    this.newId = options.newId ?? randomUUID;
    this.allowedAwsEndpointHosts = options.allowedAwsEndpointHosts ?? (async () => []);
    this.path = resolve(join(options.dataDir, TARGETS_FILE));
  }

  async list(): Promise<Target[]> {
    return this.read();
  }

  async find(idOrName: string): Promise<Target | null> {
    const key = idOrName.trim();
    if (!key) return null;
    const targets = await this.read();
    return targets.find((t) => t.id === key) ?? targets.find((t) => targetNameKey(t.name) === targetNameKey(key)) ?? null;
  }

  /** parseTargetInput with this Mac's rules (the hosts the organization allows for AWS endpoints). */
  async parseInput(input: unknown): Promise<z.output<typeof targetInputSchema>> {
    return parseTargetInput(input, { extraAwsEndpointHosts: await this.allowedAwsEndpointHosts() });
  }

  async add(input: TargetInput): Promise<Target> {
    const parsed = await this.parseInput(input);
    return withFileQueue(this.path, async () => {
      const targets = await this.read();
      assertNameFree(targets, parsed.name, null);
      const now = this.clock.now().toISOString();
      const target: Target = { id: this.newId(), ...parsed, createdAt: now, updatedAt: now };
      await this.write([...targets, target]);
      return target;
    });
  }

  /**
   * Keys present in `patch` replace the stored value; a key present with the value `undefined`
   * clears an optional field (awsProfile, awsEndpointUrl, iamUser, policy); absent keys keep
   * their value. To replace a whole target with a complete input, pass replacementPatch(input).
   */
  async update(id: string, patch: Partial<TargetInput>): Promise<Target> {
    return withFileQueue(this.path, async () => {
      const targets = await this.read();
      const index = targets.findIndex((t) => t.id === id);
      const current = targets[index];
      if (!current) throw notFound(id);
      const { id: _id, createdAt, updatedAt: _updatedAt, ...currentInput } = current;
      const merged: Record<string, unknown> = { ...currentInput };
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined) delete merged[key];
        else merged[key] = value;
      }
      const parsed = parseTargetInput(merged, { extraAwsEndpointHosts: await this.allowedAwsEndpointHosts() });
      assertNameFree(targets, parsed.name, id);
      const updated: Target = { id, ...parsed, createdAt, updatedAt: this.clock.now().toISOString() };
      const next = [...targets];
      next[index] = updated;
      await this.write(next);
      return updated;
    });
  }

  async remove(id: string): Promise<void> {
    await withFileQueue(this.path, async () => {
      const targets = await this.read();
      if (!targets.some((t) => t.id === id)) throw notFound(id);
      await this.write(targets.filter((t) => t.id !== id));
    });
  }

  private async read(): Promise<Target[]> {
    const file = await readJsonFile(this.path, targetsFileSchema, "targets");
    return file?.targets ?? [];
  }

  private async write(targets: Target[]): Promise<void> {
    await ensureDataDir(this.dataDir);
    const file: TargetsFile = { version: 1, targets };
    await writeJsonAtomic(this.path, file);
  }
}

function assertNameFree(targets: Target[], name: string, exceptId: string | null): void {
  const key = targetNameKey(name);
  const clash = targets.find((t) => t.id !== exceptId && targetNameKey(t.name) === key);
  if (clash) {
    throw new AppError({
      code: "TARGET_EXISTS",
      message: `A Jamf Pro instance named "${clash.name}" already exists.`,
      action: "Pick another name, or edit the existing one (cdp-key-rotator targets list shows them all).",
    });
  }
}

function notFound(id: string): AppError {
  return new AppError({
    code: "TARGET_NOT_FOUND",
    message: `No Jamf Pro instance with the id ${id} is configured.`,
    action: "Run cdp-key-rotator targets list (or open Settings) to see the configured instances.",
  });
}

function stripPeriod(text: string): string {
  return text.endsWith(".") ? text.slice(0, -1) : text;
}
