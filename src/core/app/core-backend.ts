// createCoreBackend — every CoreChannel of the IPC contract, served by the core, so the Electron
// main process, the browser preview and tests bind the very same handlers.
//
//   const core = createCoreBackend({ dataDir, secretStore, clock, logger, prompter, env, via: "app" });
//   await core["cdp:status:list"]({});
//   const first = await core["cdp:rotation:start"]({ targetId, deleteOld: "later" }); // returns at once
//   core.onEvent("cdp:event:rotation", (snapshot) => …);   // every change; awaiting-confirmation too
//   await core["cdp:rotation:confirm"]({ rotationId, stepId, approve: true });
//   await core.dispose();
//
// Requests arrive already parsed by the IPC schemas, but ids are never trusted: an unknown target
// id is TARGET_NOT_FOUND. Handlers throw AppError; the IPC layer turns them into IpcResult.
// Optional `overrides` (gateways, timings, actor) let tests and the bench run against the sandbox.
import { targetSchema, type PreflightReport, type Target } from "../../shared/domain";
import { AppError } from "../../shared/errors";
import type { IpcParsedRequest, TargetView } from "../../shared/ipc-contract";
import { listAwsProfiles } from "../aws/aws-profiles";
import { leastPrivilegeFor } from "../policy/least-privilege";
import { targetNotFound } from "../status/status-service";
import { deleteTargetSecrets, storeJamfSecret } from "../store/jamf-credentials";
import { assertSecretsMayFollow } from "../store/secret-binding-store";
import { secretAccounts } from "../store/store-types";
import { replacementPatch } from "../store/target-store";
import { exportAudit } from "./audit-export";
import type { CoreBackend, CoreBackendDeps } from "./core-backend-types";
import { createCoreServices, type CoreServicesOverrides } from "./core-services";
import { EventHub } from "./event-hub";
import { InteractiveRotations } from "./interactive-rotations";
import { StatusCache } from "./status-cache";

export type CoreBackendOptions = CoreBackendDeps & { overrides?: CoreServicesOverrides };

export function createCoreBackend(options: CoreBackendOptions): CoreBackend {
  const { overrides, ...deps } = options;
  const core = createCoreServices(deps, overrides);
  const events = new EventHub(deps.logger);
  const statuses = new StatusCache(core.targets, core.status);

  const publishStatuses = async () => events.emit("cdp:event:status", await statuses.all());
  const refreshQuietly = (targetId: string) => {
    void statuses
      .refresh(targetId)
      .then(publishStatuses)
      .catch((error: unknown) => deps.logger.log("warn", "Status refresh after a change failed", { reason: String(error) }));
  };
  const rotations = new InteractiveRotations(core.engine, (snapshot) => events.emit("cdp:event:rotation", snapshot), refreshQuietly);

  const findTarget = async (targetId: string): Promise<Target> => {
    const target = await core.targets.find(targetId);
    if (!target || target.id !== targetId) throw targetNotFound(targetId);
    return target;
  };
  const viewOf = async (target: Target): Promise<TargetView> => {
    const secret = await deps.secretStore.get(secretAccounts.jamf(target.id)).catch(() => null);
    return { ...target, hasSecret: secret !== null };
  };
  const refuseWhileRotating = async (target: Target, what: string) => {
    if (rotations.isLive(target.id) || core.engine.isRunning(target.id)) {
      throw new AppError({
        code: "ROTATION_IN_PROGRESS",
        message: `"${target.name}" cannot be ${what} while its key is being rotated.`,
        action: "Wait for the rotation to finish, or stop it first.",
      });
    }
  };

  // Remembers whether the test of this address passed: links open only to hosts that did.
  const recordTest = async (jamfUrl: string, report: Promise<PreflightReport>): Promise<PreflightReport> => {
    let ok = false;
    try {
      const result = await report;
      ok = result.ok;
      return result;
    } finally {
      await core.connectionTests.record(jamfUrl, ok).catch((error: unknown) =>
        deps.logger.log("warn", "The connection test result could not be saved", { reason: String(error) }),
      );
    }
  };

  return {
    async "cdp:status:list"() {
      return statuses.list();
    },
    async "cdp:status:refresh"(request) {
      if (request.targetId !== undefined) await findTarget(request.targetId);
      const fresh = await statuses.refresh(request.targetId);
      await publishStatuses();
      return fresh;
    },
    async "cdp:status:delete-orphan"(request) {
      const target = await findTarget(request.targetId);
      await refuseWhileRotating(target, "cleaned up");
      const message = await core.orphans.delete(target, request.keyId);
      refreshQuietly(target.id);
      return { message };
    },

    async "cdp:targets:list"() {
      return Promise.all((await core.targets.list()).map(viewOf));
    },
    async "cdp:targets:save"(request) {
      let target: Target;
      if (request.targetId !== undefined) {
        const existing = await findTarget(request.targetId);
        await refuseWhileRotating(existing, "changed");
        // A stored secret never follows a changed address or identity unless it is typed again.
        await assertSecretsMayFollow(deps.secretStore, existing, await core.targets.parseInput(request.target), { jamfSecretTyped: request.secret !== undefined });
        // Settings sends the whole target: a field left empty there (e.g. the AWS profile) is cleared.
        target = await core.targets.update(existing.id, replacementPatch(request.target));
        if (request.secret !== undefined) await storeJamfSecret(deps.secretStore, target.id, request.secret, target);
      } else {
        target = await core.targets.add(request.target);
        if (request.secret !== undefined) {
          try {
            await storeJamfSecret(deps.secretStore, target.id, request.secret, target);
          } catch (error) {
            // No half-saved target: without its secret the new target could not be used.
            await core.targets.remove(target.id).catch(() => undefined);
            throw error;
          }
        }
      }
      await core.gateways.invalidate?.(target.id);
      statuses.drop(target.id);
      refreshQuietly(target.id);
      return viewOf(target);
    },
    async "cdp:targets:remove"(request) {
      const target = await findTarget(request.targetId);
      await refuseWhileRotating(target, "removed");
      if (await core.journals.read(target.id)) {
        throw new AppError({
          code: "ROTATION_IN_PROGRESS",
          message: `"${target.name}" has an open key rotation.`,
          action: "Finish or stop the rotation first, so no key is left behind.",
        });
      }
      await core.targets.remove(target.id);
      await deleteTargetSecrets(deps.secretStore, target.id);
      await core.gateways.invalidate?.(target.id);
      statuses.drop(target.id);
      await publishStatuses();
      return null;
    },
    async "cdp:targets:test"(request) {
      if (!("target" in request)) {
        const saved = await findTarget(request.targetId);
        return recordTest(saved.jamfUrl, core.engine.preflight(saved));
      }
      const input = await core.targets.parseInput(request.target);
      if (request.targetId !== undefined) {
        // The unsaved copy carries the saved id, so the stored secrets must be allowed to follow it.
        await assertSecretsMayFollow(deps.secretStore, await findTarget(request.targetId), input, { jamfSecretTyped: request.secret !== undefined });
      }
      const now = deps.clock.now().toISOString();
      const unsaved = targetSchema.parse({ ...input, id: request.targetId ?? "unsaved-target", createdAt: now, updatedAt: now });
      return recordTest(unsaved.jamfUrl, core.engine.preflight(unsaved, request.secret !== undefined ? { secret: request.secret } : undefined));
    },
    async "cdp:aws:profiles"() {
      return listAwsProfiles(deps.env);
    },

    async "cdp:rotation:start"(request) {
      const target = await findTarget(request.targetId);
      return rotations.launch((callbacks) => core.engine.start(target, { ...callbacks, deleteOld: request.deleteOld }));
    },
    async "cdp:rotation:confirm"(request) {
      return rotations.confirm(request.rotationId, request.stepId, request.approve);
    },
    async "cdp:rotation:get"(request) {
      await findTarget(request.targetId);
      return rotations.current(request.targetId) ?? (await core.engine.get(request.targetId)) ?? rotations.lastSeen(request.targetId);
    },
    async "cdp:rotation:resume"(request) {
      const target = await findTarget(request.targetId);
      return rotations.launch((callbacks) => core.engine.resume(target, callbacks));
    },
    async "cdp:rotation:retry-verify"(request) {
      const target = await findTarget(request.targetId);
      return rotations.launch((callbacks) => core.engine.retryVerify(target, callbacks));
    },
    async "cdp:rotation:abort"(request) {
      return rotations.abort(await findTarget(request.targetId));
    },
    async "cdp:rotation:finish"(request: IpcParsedRequest<"cdp:rotation:finish">) {
      const target = await findTarget(request.targetId);
      return rotations.launch((callbacks) => core.engine.finish(target, { ...callbacks, force: request.force }));
    },

    async "cdp:audit:list"(request) {
      return core.audit.list(request.limit);
    },
    async "cdp:audit:export"(request) {
      return exportAudit(core.audit, request.format, deps.clock.now());
    },
    async "cdp:policy:get"(request) {
      const target = await findTarget(request.targetId);
      const accountId = await core.gateways
        .aws(target)
        .then((aws) => aws.getAdminIdentity())
        .then((identity) => identity.account)
        .catch(() => undefined);
      const cached = (await statuses.all()).find((s) => s.targetId === target.id);
      const iamUser = target.iamUser ?? cached?.iamUser ?? null;
      return leastPrivilegeFor({ ...(accountId ? { accountId } : {}), iamUser });
    },

    async "cdp:settings:get"() {
      return core.settings.get();
    },
    async "cdp:settings:set"(request) {
      const settings = await core.settings.set(request.settings);
      // New thresholds change states (due soon, overdue): read the statuses again in the background.
      if (request.settings.defaultPolicy) {
        void statuses
          .refresh()
          .then(publishStatuses)
          .catch(() => undefined);
      }
      return settings;
    },

    async trustedJamfHosts() {
      return core.connectionTests.trustedHttpsHosts(await core.targets.list());
    },
    onEvent(event, listener) {
      return events.on(event, listener);
    },
    async dispose() {
      await core.dispose();
      events.clear();
    },
  };
}
