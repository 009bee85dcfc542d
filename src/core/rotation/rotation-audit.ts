// Audit records of a rotation (who, when, target, key ids, result, error code; never a secret).
// A failing audit write is logged, never allowed to strand a rotation halfway.
import type { AuditRecord, RotationStepId } from "../../shared/domain";
import type { Clock, Logger } from "../ports";
import type { AuditLog } from "../store/store-types";
import type { RotationJournal } from "./rotation-journal";

export interface AuditEntry {
  event: AuditRecord["event"];
  stepId?: RotationStepId | null;
  result?: AuditRecord["result"];
  errorCode?: string | null;
  message?: string | null;
}

export class RotationAuditor {
  constructor(
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  async record(journal: RotationJournal, entry: AuditEntry): Promise<void> {
    const record: AuditRecord = {
      at: this.clock.now().toISOString(),
      actor: journal.actor,
      via: journal.via,
      targetId: journal.targetId,
      targetName: journal.targetName,
      rotationId: journal.rotationId,
      event: entry.event,
      stepId: entry.stepId ?? null,
      result: entry.result ?? null,
      oldKeyId: journal.oldKeyId,
      newKeyId: journal.newKeyId,
      errorCode: entry.errorCode ?? null,
      message: entry.message ? entry.message.slice(0, 4000) : null,
    };
    try {
      await this.audit.append(record);
    } catch (error) {
      this.logger.log("error", "Could not write the audit record", {
        event: entry.event,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }
}
