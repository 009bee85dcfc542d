// Collaborators every core service receives through its constructor, so the same logic runs in
// the menu-bar app, the CLI and plain-Node tests (Leapp's pattern).

export interface Clock {
  now(): Date;
  /** Resolves after ms, or rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
    }),
};

export type LogLevel = "debug" | "info" | "warn" | "error";

/** Structured log. Callers never pass a secret; key ids are logged masked. */
export interface Logger {
  log(level: LogLevel, message: string, fields?: Record<string, string | number | boolean | null>): void;
}

export const silentLogger: Logger = { log: () => undefined };

/** Keychain (macOS) / Secret Service (Linux) access, one generic-password item per account. */
export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
}

/** Asks the person at the keyboard (CLI) or the window (app). */
export interface Prompter {
  /** An MFA code for the given device ARN (AWS profiles with mfa_serial). */
  mfaCode(serial: string): Promise<string>;
}
