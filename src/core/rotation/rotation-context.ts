// What a step works with during one run of the engine: the target, its gateways, the journal
// (mutated in place and saved by the engine), the Keychain item for the new key, and callbacks to
// report progress, save the journal, mark a crash boundary and ask the admin.
import type { RotationProgress, RotationStepId, StepQuestion, Target } from "../../shared/domain";
import type { AwsIamGateway } from "../aws/aws-types";
import type { JamfCdpGateway } from "../jamf/jamf-types";
import type { Clock, Logger } from "../ports";
import type { PendingKeyStore } from "./pending-key-store";
import type { RotationJournal } from "./rotation-journal";
import type { RotationTimings } from "./rotation-timings";
import type { OtherInstances } from "./shared-key";

export interface RotationContext {
  readonly target: Target;
  readonly journal: RotationJournal;
  readonly aws: AwsIamGateway;
  readonly jamf: JamfCdpGateway;
  readonly pendingKeys: PendingKeyStore;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly timings: RotationTimings;
  readonly signal: AbortSignal;
  /** Other configured instances (preflight stops when one holds the same key). */
  readonly otherInstances?: OtherInstances;
  /** The new key's secret while this process holds it (from CreateAccessKey or the Keychain). */
  newSecret: string | null;
  /** Shows progress of a long wait (null clears it). */
  progress(progress: RotationProgress | null): void;
  /** Writes the journal now (atomically). */
  save(): Promise<void>;
  /** A point where a crash leaves a distinct state (crash tests pause or die here). */
  boundary(name: string): Promise<void>;
  /** Asks the admin about something the step found (e.g. the old key is still used), in these words. */
  ask(stepId: RotationStepId, question: StepQuestion): Promise<boolean>;
}

/** The new key's secret: from memory, else from the Keychain (after a restart). Null when lost. */
export async function loadNewSecret(ctx: RotationContext): Promise<string | null> {
  if (ctx.newSecret) return ctx.newSecret;
  const newKeyId = ctx.journal.newKeyId;
  if (!newKeyId) return null;
  const pending = await ctx.pendingKeys.get(ctx.target.id);
  if (!pending || pending.accessKeyId !== newKeyId) return null;
  ctx.newSecret = pending.secretAccessKey;
  return ctx.newSecret;
}
