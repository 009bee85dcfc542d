// Rotation timings for tests: the same polling logic, with waits in milliseconds.
import type { RotationTimings } from "../../../src/core/rotation/rotation-timings";

export const FAST_TIMINGS: Partial<RotationTimings> = {
  keyChecksNeeded: 3,
  keyCheckIntervalMs: 5,
  keyBackoffInitialMs: 20,
  keyBackoffMaxMs: 100,
  keyDeadlineMs: 4_000,
  jamfRecheckInitialMs: 20,
  jamfRecheckMaxMs: 100,
  jamfDeadlineMs: 1_500,
};
