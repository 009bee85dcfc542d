// The window's IAM Identity Center sign-ins: start() runs the core's device flow (sso-login.ts, the
// same as `cdp-key-rotator login`) and answers as soon as the code to show is known; wait() answers
// when the admin approved it in the browser (or it was denied, expired or cancelled); cancel()
// stops the polling. One open sign-in per profile: a second Sign in shows the same code.
// Tokens stay in ~/.aws/sso/cache; only the code, the address and the outcome reach the window.
import { randomUUID } from "node:crypto";
import { isSsoVerificationUrl, ssoDeviceCodeWords, ssoLogin, ssoSignedInWords, type SsoLoginResult } from "../core/aws/sso-login";
import type { HttpFetch } from "../core/net/http-fetch";
import type { Clock, Logger } from "../core/ports";
import { AppError, isAppError } from "../shared/errors";
import type { SsoSignInPrompt, SsoSignInResult, SsoSignInStart } from "../shared/sso";

/** A finished sign-in's outcome stays readable this long (the window asks for it right away). */
const KEEP_FINISHED_MS = 10 * 60_000;

export interface SsoSignInsDeps {
  env: Readonly<Record<string, string | undefined>>;
  clock: Clock;
  logger: Logger;
  fetch?: HttpFetch;
  /** The AWS profile a target signs in with (undefined: AWS_PROFILE, else default). */
  targetProfile(targetId: string): Promise<string | undefined>;
}

interface Open {
  prompt: SsoSignInPrompt;
  outcome: Promise<SsoSignInResult>;
  abort: AbortController;
  settled: boolean;
}

const resultOf = (result: SsoLoginResult): SsoSignInResult => ({ profile: result.profile, expiresAt: result.expiresAt, message: ssoSignedInWords(result) });

export class SsoSignIns {
  private readonly open = new Map<string, Open>();

  constructor(private readonly deps: SsoSignInsDeps) {}

  async start(request: { targetId?: string | undefined; profile?: string | undefined }): Promise<SsoSignInStart> {
    const profileName = request.targetId ? await this.deps.targetProfile(request.targetId) : request.profile;
    const wanted = profileName ?? (this.deps.env["AWS_PROFILE"]?.trim() || "default");
    const already = [...this.open.values()].find((entry) => !entry.settled && entry.prompt.profile === wanted);
    if (already) return { kind: "approve", prompt: { ...already.prompt } };

    const abort = new AbortController();
    const requestId = randomUUID();
    let shown!: (prompt: SsoSignInPrompt) => void;
    const promptReady = new Promise<SsoSignInPrompt>((resolve) => (shown = resolve));
    let entry: Open | undefined;
    const outcome = ssoLogin(profileName, {
      env: this.deps.env,
      clock: this.deps.clock,
      ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}),
      signal: abort.signal,
      onDeviceCode: (code) => {
        // Only IAM Identity Center's own page is opened for the admin, whatever the answer said.
        if (!isSsoVerificationUrl(code.verificationUriComplete) || !isSsoVerificationUrl(code.verificationUri)) {
          throw new AppError({
            code: "AWS_ERROR",
            message: "IAM Identity Center answered with a sign-in address that is not an AWS one, so the app will not open it.",
            action: "Check the profile's sso_start_url and sso_region in ~/.aws/config, and the network's proxy, then try again.",
          });
        }
        const prompt: SsoSignInPrompt = { requestId, profile: wanted, ...code, instructions: ssoDeviceCodeWords(code) };
        entry = { prompt, outcome: settledOutcome, abort, settled: false };
        this.open.set(requestId, entry);
        this.deps.logger.log("info", "IAM Identity Center sign-in started", { profile: wanted });
        shown(prompt);
      },
    });
    const settledOutcome: Promise<SsoSignInResult> = outcome.then(resultOf);
    void settledOutcome
      .then(
        (result) => this.deps.logger.log("info", "IAM Identity Center sign-in finished", { profile: result.profile }),
        (error: unknown) => this.deps.logger.log("warn", "IAM Identity Center sign-in ended without a token", { profile: wanted, code: isAppError(error) ? error.code : "INTERNAL" }),
      )
      .finally(() => {
        if (!entry) return;
        entry.settled = true;
        const timer = setTimeout(() => this.open.delete(requestId), KEEP_FINISHED_MS);
        timer.unref?.();
      });
    // A saved refresh token needs no browser: then there is no code to show, and the sign-in is done.
    const first = await Promise.race([promptReady.then((prompt) => ({ prompt })), settledOutcome.then((result) => ({ result }))]);
    return "prompt" in first ? { kind: "approve", prompt: { ...first.prompt } } : { kind: "signed-in", result: first.result };
  }

  async wait(requestId: string): Promise<SsoSignInResult> {
    const entry = this.take(requestId);
    try {
      return await entry.outcome;
    } finally {
      this.open.delete(requestId);
    }
  }

  cancel(requestId: string): void {
    this.take(requestId).abort.abort();
  }

  /** An address IAM Identity Center gave for a sign-in that is waiting now (the window may open it). */
  isOpenVerificationUrl(url: string): boolean {
    return [...this.open.values()].some((entry) => !entry.settled && (entry.prompt.verificationUriComplete === url || entry.prompt.verificationUri === url));
  }

  /** Stops every open sign-in (the app quits). */
  cancelAll(): void {
    for (const entry of this.open.values()) entry.abort.abort();
  }

  private take(requestId: string): Open {
    const entry = this.open.get(requestId);
    if (!entry) {
      throw new AppError({
        code: "INVALID_INPUT",
        message: "That IAM Identity Center sign-in is no longer open (it finished, was cancelled or expired).",
        action: "Choose Sign in with IAM Identity Center again.",
      });
    }
    return entry;
  }
}
