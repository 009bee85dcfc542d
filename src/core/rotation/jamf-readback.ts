// Reads Jamf Pro back after a write: which key its CDP holds and, optionally, whether its
// connection test passes. Jamf Cloud is clustered and refreshes about once a minute, so a read
// right after a PATCH can show the old key: re-read with a short backoff until the deadline.
import type { AppErrorData } from "../../shared/errors";
import { toErrorData } from "../../shared/errors";
import { maskKeyId } from "../../shared/mask";
import type { ConnectionTestResult } from "../jamf/jamf-types";
import type { RotationContext } from "./rotation-context";

export interface JamfReading {
  /** Key id the CDP holds; null when Jamf Pro could not be read. */
  heldKeyId: string | null;
  test: ConnectionTestResult | null;
  error: AppErrorData | null;
}

export interface WatchJamfOptions {
  wantKeyId: string;
  /** Also run test-connection and require it to pass. */
  withTest: boolean;
  /** 0 = read once. */
  deadlineMs: number;
  /** Say in the progress line how many seconds are left before giving up. */
  countdown?: boolean;
}

export async function watchJamf(ctx: RotationContext, options: WatchJamfOptions): Promise<JamfReading> {
  const { clock, timings } = ctx;
  const deadline = clock.now().getTime() + options.deadlineMs;
  const deadlineAt = new Date(deadline).toISOString();
  let pause = timings.jamfRecheckInitialMs;
  let attempt = 0;
  let best: JamfReading | null = null;
  for (;;) {
    attempt += 1;
    const reading = await readJamf(ctx, options.withTest);
    // A reading that reached Jamf Pro beats a failed one when the deadline comes.
    if (!best || reading.heldKeyId !== null) best = reading;
    if (reading.heldKeyId === options.wantKeyId && (!options.withTest || reading.test?.hasConnectionSucceeded)) {
      ctx.progress(null);
      return reading;
    }
    if (clock.now().getTime() + pause > deadline) {
      ctx.progress(null);
      return best;
    }
    ctx.progress({
      message: options.countdown ? `${waitingMessage(reading, options.wantKeyId)} Rolling back in ${Math.max(1, Math.ceil((deadline - clock.now().getTime()) / 1000))} s unless it shows up.` : waitingMessage(reading, options.wantKeyId),
      attempt,
      consecutiveSuccesses: 0,
      needed: 1,
      deadlineAt,
    });
    await clock.sleep(pause, ctx.signal);
    pause = Math.min(pause * 2, timings.jamfRecheckMaxMs);
  }
}

async function readJamf(ctx: RotationContext, withTest: boolean): Promise<JamfReading> {
  try {
    const [cdp, test] = await Promise.all([
      ctx.jamf.getCloudDistributionPoint(),
      withTest ? ctx.jamf.testConnection() : Promise.resolve(null),
    ]);
    return { heldKeyId: cdp.username || null, test, error: null };
  } catch (error) {
    return { heldKeyId: null, test: null, error: toErrorData(error) };
  }
}

function waitingMessage(reading: JamfReading, wantKeyId: string): string {
  if (reading.error) return `Waiting for Jamf Pro to answer (${reading.error.message}).`;
  if (reading.heldKeyId !== wantKeyId) {
    return `Waiting for Jamf Pro to show the new key ${maskKeyId(wantKeyId)} (it still shows ${maskKeyId(reading.heldKeyId)}).`;
  }
  return `Waiting for Jamf Pro's connection test to pass with ${maskKeyId(wantKeyId)}${reading.test?.message ? ` (${reading.test.message})` : ""}.`;
}

/**
 * Which key Jamf Pro holds, when the new key may already have been pushed (the update step ran,
 * failed or finished, or a push was recorded) but a first read still shows the old key: Jamf
 * Cloud may show the old key for about a minute after a PATCH, so watch for the new key before
 * anyone deletes it. Used by resume and abort, which must never delete a key Jamf Pro takes.
 */
export async function jamfKeyAfterPossiblePush(ctx: RotationContext, firstRead: string | null, pushedKeyId: string | null): Promise<string | null> {
  const journal = ctx.journal;
  const mayHavePushed = journal.pushedAt !== null || ["running", "failed", "done"].includes(journal.steps["update-jamf"].status);
  if (!mayHavePushed || !pushedKeyId || firstRead === pushedKeyId || firstRead !== journal.oldKeyId) return firstRead;
  // Jamf Pro already showed the new key after the push: the refresh lag is over, and the old key
  // in it now was put back by someone, not a lag to wait out.
  if (journal.jamfVerifiedAt !== null && journal.steps["verify-jamf"].status === "done") return firstRead;
  const reading = await watchJamf(ctx, { wantKeyId: pushedKeyId, withTest: false, deadlineMs: ctx.timings.jamfDeadlineMs });
  return reading.heldKeyId ?? firstRead;
}
