// Proves a new key works: STS GetCallerIdentity signed with it, polled with backoff until enough
// checks in a row pass (IAM is eventually consistent and a new key can fail again after a first
// success), and the ARN must name the expected user. Past the deadline it gives up.
import { AppError, toErrorData } from "../../shared/errors";
import { maskKeyId } from "../../shared/mask";
import type { KeyPair } from "../aws/aws-types";
import { arnNamesUser } from "./key-operations";
import type { RotationContext } from "./rotation-context";

export interface KeyProof {
  attempts: number;
  arn: string;
}

export async function proveKeyWorks(ctx: RotationContext, key: KeyPair, userName: string): Promise<KeyProof> {
  const { clock, timings } = ctx;
  const needed = Math.max(1, timings.keyChecksNeeded);
  const deadline = clock.now().getTime() + timings.keyDeadlineMs;
  const deadlineAt = new Date(deadline).toISOString();
  let attempt = 0;
  let streak = 0;
  let backoff = timings.keyBackoffInitialMs;
  let lastProblem = "no answer yet";
  for (;;) {
    attempt += 1;
    let pause: number;
    try {
      const identity = await ctx.aws.probeKey(key);
      if (!arnNamesUser(identity.arn, userName)) throw wrongUser(key.accessKeyId, identity.arn, userName);
      streak += 1;
      if (streak >= needed) {
        ctx.progress(null);
        return { attempts: attempt, arn: identity.arn };
      }
      pause = timings.keyCheckIntervalMs;
    } catch (error) {
      if (error instanceof AppError && error.code === "ROTATION_PREFLIGHT_FAILED") throw error;
      streak = 0;
      lastProblem = toErrorData(error).message;
      pause = backoff;
      backoff = Math.min(backoff * 2, timings.keyBackoffMaxMs);
    }
    ctx.progress({
      message: `Waiting for AWS to accept the new key ${maskKeyId(key.accessKeyId)} (${streak} of ${needed} checks passed, attempt ${attempt}).`,
      attempt,
      consecutiveSuccesses: streak,
      needed,
      deadlineAt,
    });
    if (clock.now().getTime() + pause > deadline) throw propagationTimeout(key.accessKeyId, attempt, lastProblem);
    await clock.sleep(pause, ctx.signal);
  }
}

function wrongUser(keyId: string, arn: string, userName: string): AppError {
  return new AppError({
    code: "ROTATION_PREFLIGHT_FAILED",
    message: `The new key ${maskKeyId(keyId)} signs in as ${arn}, not as IAM user ${userName}.`,
    action: "Check the IAM user of this instance. The new key is deleted and nothing else changed.",
  });
}

function propagationTimeout(keyId: string, attempts: number, lastProblem: string): AppError {
  return new AppError({
    code: "ROTATION_PROPAGATION_TIMEOUT",
    message: `AWS did not accept the new key ${maskKeyId(keyId)} reliably in time (${attempts} checks).`,
    action: "AWS is sometimes slow to spread new keys. Start the rotation again in a few minutes.",
    details: `Last problem: ${lastProblem}`,
  });
}
