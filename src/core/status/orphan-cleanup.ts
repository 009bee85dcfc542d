// Deleting a key an interrupted run left behind (see orphan-keys.ts). The question is one text for
// app and CLI; the key is checked again right before the delete, so a key Jamf Pro took up or that
// someone used since the status was read is never deleted.
import { userInfo } from "node:os";
import type { Target } from "../../shared/domain";
import { AppError } from "../../shared/errors";
import { maskKeyId } from "../../shared/mask";
import type { Clock, Logger } from "../ports";
import type { TargetGateways } from "../rotation/target-gateways";
import type { AuditLog } from "../store/store-types";
import type { StatusService } from "./status-service";

export interface OrphanCleanupDeps {
  status: StatusService;
  gateways: TargetGateways;
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
  via: "app" | "cli";
  actor?: string;
}

export class OrphanCleanup {
  constructor(private readonly deps: OrphanCleanupDeps) {}

  /** Deletes the key (and its description) after re-reading the status; answers what was done. */
  async delete(target: Target, keyId: string): Promise<string> {
    const status = await this.deps.status.statusOf(target);
    if (status.error) throw new AppError(status.error);
    const key = status.keys.find((k) => k.id === keyId);
    if (!key?.orphan || !status.iamUser) {
      throw new AppError({
        code: "INVALID_INPUT",
        message: `Access key ${maskKeyId(keyId)} is not an orphan of an interrupted rotation of "${target.name}" (any more).`,
        action: "Refresh the status; only keys it marks as orphans can be deleted here.",
      });
    }
    const aws = await this.deps.gateways.aws(target);
    await aws.deleteAccessKey(status.iamUser, keyId);
    const tagNote = await aws.removeKeyDescription(status.iamUser, keyId).then(
      () => "",
      () => " Its description tag was left (iam:UntagUser is not allowed or failed).",
    );
    const message = `Deleted the orphan access key ${maskKeyId(keyId)} of IAM user ${status.iamUser}.${tagNote}`;
    this.deps.logger.log("info", "Deleted orphan access key", { target: target.name, accessKeyId: maskKeyId(keyId) });
    await this.deps.audit
      .append({
        at: this.deps.clock.now().toISOString(),
        actor: this.deps.actor ?? (userInfo().username || "unknown"),
        via: this.deps.via,
        targetId: target.id,
        targetName: target.name,
        rotationId: null,
        event: "orphan-key-deleted",
        stepId: null,
        result: "ok",
        oldKeyId: keyId,
        newKeyId: null,
        errorCode: null,
        message,
      })
      .catch((error: unknown) => this.deps.logger.log("error", "Could not write the audit record", { reason: String(error) }));
    return message;
  }
}
