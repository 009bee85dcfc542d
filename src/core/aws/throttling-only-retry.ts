// Retry strategy for calls that must not run twice (CreateAccessKey): a throttled request was
// refused before AWS did anything, so it is retried with backoff; a timeout, a dropped connection
// or a 5xx may have created a key already, so those are never retried (the caller looks first).

export const THROTTLING_BASE_DELAY_MS = 500;
export const MAX_BACKOFF_MS = 20_000;

interface RetryToken {
  getRetryCount(): number;
  getRetryDelay(): number;
}

interface RetryErrorInfo {
  errorType: "TRANSIENT" | "THROTTLING" | "SERVER_ERROR" | "CLIENT_ERROR";
  error?: { name?: string };
}

/** The SDK counts "LimitExceededException" as throttling; for IAM it is the 2-keys quota, which waiting never fixes. */
const PERMANENT_LIMITS = new Set(["LimitExceeded", "LimitExceededException"]);

class Token implements RetryToken {
  constructor(
    private readonly count: number,
    private readonly delay: number,
  ) {}
  getRetryCount(): number {
    return this.count;
  }
  getRetryDelay(): number {
    return this.delay;
  }
}

export class ThrottlingOnlyRetryStrategy {
  constructor(
    private readonly maxAttempts: number,
    private readonly random: () => number = Math.random,
  ) {}

  async acquireInitialRetryToken(_scope: string): Promise<RetryToken> {
    return new Token(0, 0);
  }

  async refreshRetryTokenForRetry(token: RetryToken, errorInfo: RetryErrorInfo): Promise<RetryToken> {
    const attempts = token.getRetryCount() + 1;
    const permanent = PERMANENT_LIMITS.has(errorInfo.error?.name ?? "");
    if (errorInfo.errorType !== "THROTTLING" || permanent || attempts >= this.maxAttempts) {
      throw new Error("Not retrying: the request may have taken effect, or attempts are used up.");
    }
    // Full jitter, as the SDK's standard strategy does.
    const delay = Math.floor(this.random() * Math.min(MAX_BACKOFF_MS, THROTTLING_BASE_DELAY_MS * 2 ** token.getRetryCount()));
    return new Token(attempts, delay);
  }

  recordSuccess(_token: RetryToken): void {}
}
