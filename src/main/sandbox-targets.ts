// "Try the sandbox": starts a local AWS + Jamf Pro world in this process and adds a target that
// points at it. The world lives only as long as the process; which targets are sandbox targets is
// remembered in sandbox-targets.json so that, after a restart, `restore()` starts a fresh world
// for each and points the target (URLs and Keychain secrets) at it. A fresh world means a fresh
// CDP key: key ages, last use and any half-done rotation of the old world are gone, so the
// rotation journal of the old world (and its pending key's secret) is reset with it: a journal
// about keys that no longer exist would make the next Resume or Finish act on a world it does not
// describe. A world lent again (the preview restarted on the same world) keeps its journal.
import { join } from "node:path";
import { z } from "zod";
import type { Logger } from "../core/ports";
import { readJsonFile, writeJsonAtomic } from "../core/store/atomic-file";
import { RotationJournalStore } from "../core/rotation/journal-store";
import { storeAwsAdminKeys, storeJamfSecret } from "../core/store/jamf-credentials";
import { secretAccounts } from "../core/store/store-types";
import type { SecretStore } from "../core/ports";
import type { SandboxWorld } from "../sandbox/sandbox-types";
import { AppError, toErrorData } from "../shared/errors";
import type { CdpBackend, IpcParsedRequest, TargetView } from "../shared/ipc-contract";

type TargetFields = IpcParsedRequest<"cdp:targets:save">["target"];

export const SANDBOX_TARGETS_FILE = "sandbox-targets.json";

const registrySchema = z.object({ version: z.literal(1), targetIds: z.array(z.string().min(1)) }).strict();

export interface SandboxWorldLease {
  world: SandboxWorld;
  /** Stops the world if this lease owns it (a world handed in by the preview is left running). */
  release(): Promise<void>;
}

export interface SandboxTargetsDeps {
  dataDir: string;
  /** Starts (or lends) a sandbox world. */
  startWorld(): Promise<SandboxWorldLease>;
  core: Pick<CdpBackend, "cdp:targets:save" | "cdp:targets:list">;
  secretStore: SecretStore;
  logger?: Logger;
}

export interface SandboxTargets {
  add(): Promise<TargetView>;
  /** After a restart: a fresh world for every remembered sandbox target. Never throws. */
  restore(): Promise<void>;
  /** The target was removed: stop its world and forget it. */
  forget(targetId: string): Promise<void>;
  isSandboxTarget(targetId: string): boolean;
  stopAll(): Promise<void>;
}

export function createSandboxTargets(deps: SandboxTargetsDeps): SandboxTargets {
  const path = join(deps.dataDir, SANDBOX_TARGETS_FILE);
  const journals = new RotationJournalStore(deps.dataDir);
  const leases = new Map<string, SandboxWorldLease>();
  let remembered = new Set<string>();
  let loaded = false;

  const load = async () => {
    if (loaded) return;
    const file = await readJsonFile(path, registrySchema, "sandbox targets");
    remembered = new Set(file?.targetIds ?? []);
    loaded = true;
  };
  const save = () => writeJsonAtomic(path, { version: 1, targetIds: [...remembered].sort() });

  const pointAt = (world: SandboxWorld, name: string): TargetFields => ({
    name,
    jamfUrl: world.jamf.url,
    jamfAuth: { kind: "api-client", clientId: world.jamfClient.clientId },
    awsRegion: world.env.AWS_REGION ?? "us-east-1",
    awsEndpointUrl: world.aws.url,
    iamUser: world.cdpUser,
  });

  // Bound to this world's addresses: a restarted sandbox listens on new ports.
  const storeSecrets = async (targetId: string, world: SandboxWorld) => {
    const fields = pointAt(world, "sandbox");
    await storeJamfSecret(deps.secretStore, targetId, world.jamfClient.clientSecret, fields);
    await storeAwsAdminKeys(
      deps.secretStore,
      targetId,
      { accessKeyId: world.admin.accessKeyId, secretAccessKey: world.admin.secretAccessKey },
      fields,
    );
  };

  /** The old world's rotation ends with it: its journal and its pending key's secret go. */
  const resetRotation = async (targetId: string) => {
    const journal = await journals.read(targetId).catch(() => null);
    await journals.remove(targetId);
    await deps.secretStore.delete(secretAccounts.pendingKey(targetId)).catch(() => undefined);
    if (journal) deps.logger?.log("info", "The sandbox started a new world; the rotation of the old one was reset.", { targetId, status: journal.status });
  };

  const uniqueName = async () => {
    const names = new Set((await deps.core["cdp:targets:list"]({})).map((t) => t.name.toLowerCase()));
    if (!names.has("sandbox")) return "Sandbox";
    for (let n = 2; ; n += 1) if (!names.has(`sandbox ${n}`)) return `Sandbox ${n}`;
  };

  return {
    async add() {
      await load();
      const lease = await deps.startWorld();
      let saved: TargetView | null = null;
      try {
        saved = await deps.core["cdp:targets:save"]({
          target: pointAt(lease.world, await uniqueName()),
          secret: lease.world.jamfClient.clientSecret,
        });
        await storeSecrets(saved.id, lease.world);
        remembered.add(saved.id);
        await save();
        leases.set(saved.id, lease);
        return { ...saved, hasSecret: true };
      } catch (error) {
        await lease.release().catch(() => undefined);
        if (saved) remembered.delete(saved.id);
        throw error instanceof AppError
          ? error
          : new AppError({ ...toErrorData(error), message: "The sandbox target could not be added." });
      }
    },

    async restore() {
      try {
        await load();
      } catch (error) {
        deps.logger?.log("warn", "Sandbox targets file unreadable; sandbox targets not restored.", { code: toErrorData(error).code });
        return;
      }
      if (remembered.size === 0) return;
      const targets = await deps.core["cdp:targets:list"]({});
      let changed = false;
      for (const id of [...remembered]) {
        const target = targets.find((t) => t.id === id);
        if (!target) {
          remembered.delete(id);
          changed = true;
          continue;
        }
        if (leases.has(id)) continue;
        try {
          const lease = await deps.startWorld();
          leases.set(id, lease);
          const world = lease.world;
          // Every world has its own Jamf Pro API client: another client id means another world.
          const sameWorld = target.jamfAuth.kind === "api-client" && target.jamfAuth.clientId === world.jamfClient.clientId;
          if (!sameWorld) await resetRotation(id);
          if (target.jamfUrl !== world.jamf.url || target.awsEndpointUrl !== world.aws.url || !sameWorld) {
            const { name, policy } = target;
            // The secrets are stored for the new addresses first, so the save may point the target there.
            await storeSecrets(id, world);
            await deps.core["cdp:targets:save"]({ targetId: id, target: { ...pointAt(world, name), policy }, secret: world.jamfClient.clientSecret });
          }
          await storeSecrets(id, world);
        } catch (error) {
          deps.logger?.log("warn", "A sandbox target could not be restored.", { targetId: id, code: toErrorData(error).code });
        }
      }
      if (changed) await save().catch(() => undefined);
    },

    async forget(targetId) {
      const lease = leases.get(targetId);
      leases.delete(targetId);
      await lease?.release().catch(() => undefined);
      await load().catch(() => undefined);
      if (remembered.delete(targetId)) await save();
    },

    isSandboxTarget: (targetId) => remembered.has(targetId) || leases.has(targetId),

    async stopAll() {
      const all = [...leases.values()];
      leases.clear();
      await Promise.all(all.map((lease) => lease.release().catch(() => undefined)));
    },
  };
}
