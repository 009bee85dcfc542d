// How long the engine waits for AWS and Jamf Pro. Injectable so tests run fast against the sandbox
// and the bench can measure; the defaults follow what rotation tools found they need in the field.

export interface RotationTimings {
  /** STS checks in a row the new key must pass (a new key can fail again after a first success). */
  keyChecksNeeded: number;
  /** Pause between two successful checks, ms. */
  keyCheckIntervalMs: number;
  /** First pause after a failed check, ms; doubles up to keyBackoffMaxMs. */
  keyBackoffInitialMs: number;
  keyBackoffMaxMs: number;
  /** After this long without enough successes the new key is deleted and the rotation stops, ms. */
  keyDeadlineMs: number;
  /** First pause between Jamf Pro read-backs, ms; doubles up to jamfRecheckMaxMs. */
  jamfRecheckInitialMs: number;
  jamfRecheckMaxMs: number;
  /** How long to wait for Jamf Pro (Jamf Cloud refreshes about once a minute), ms. */
  jamfDeadlineMs: number;
  /**
   * After Jamf Pro answered the update with a definite error (an HTTP status, not silence), how
   * long to re-read it before rolling back, ms: a few short re-reads, not the long watch kept for
   * an answer that never came.
   */
  jamfDefiniteErrorMs: number;
  /** An inactive key used within this many days is not offered for deletion. */
  inactiveKeyIdleDays: number;
}

export const DEFAULT_ROTATION_TIMINGS: RotationTimings = {
  keyChecksNeeded: 3,
  keyCheckIntervalMs: 2_000,
  keyBackoffInitialMs: 1_000,
  keyBackoffMaxMs: 8_000,
  keyDeadlineMs: 180_000,
  jamfRecheckInitialMs: 2_000,
  jamfRecheckMaxMs: 10_000,
  jamfDeadlineMs: 120_000,
  jamfDefiniteErrorMs: 6_000,
  inactiveKeyIdleDays: 30,
};

export function resolveTimings(overrides: Partial<RotationTimings> | undefined): RotationTimings {
  return { ...DEFAULT_ROTATION_TIMINGS, ...(overrides ?? {}) };
}
