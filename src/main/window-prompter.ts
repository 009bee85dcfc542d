// The app's Prompter: an MFA code is asked for in the window. mfaCode() opens a request and emits
// "cdp:event:mfa"; the dialog answers through cdp:mfa:answer (or cancel). A request that nobody
// answers closes after a timeout, so a background refresh never waits forever. Concurrent asks for
// the same device share one request: one code, one dialog.
import { randomUUID } from "node:crypto";
import { mfaQuestion } from "../core/aws/mfa-question";
import type { Prompter } from "../core/ports";
import { AppError } from "../shared/errors";
import { MFA_CODE_PATTERN, MFA_CODE_RULE, type MfaPrompt, type MfaPromptEvent } from "../shared/mfa";

export const MFA_PROMPT_TIMEOUT_MS = 5 * 60_000;

export interface WindowPrompterOptions {
  timeoutMs?: number;
  /** Called when a request opens (the app shows the popover). */
  onAsk?: (prompt: MfaPrompt) => void;
}

interface Open {
  prompt: MfaPrompt;
  answer: Promise<string>;
  settle(result: { code: string } | { error: AppError }): void;
}

export class WindowPrompter implements Prompter {
  private readonly open = new Map<string, Open>();
  private readonly listeners = new Set<(event: MfaPromptEvent) => void>();
  private readonly timeoutMs: number;

  constructor(private readonly options: WindowPrompterOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? MFA_PROMPT_TIMEOUT_MS;
  }

  onEvent(listener: (event: MfaPromptEvent) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  mfaCode(serial: string): Promise<string> {
    const shared = [...this.open.values()].find((entry) => entry.prompt.serial === serial);
    if (shared) return shared.answer;
    const prompt: MfaPrompt = { requestId: randomUUID(), serial, question: mfaQuestion(serial) };
    let settle!: Open["settle"];
    const answer = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        settle({
          error: new AppError({
            code: "AWS_MFA_REQUIRED",
            message: `No MFA code was entered for ${serial} within ${Math.round(this.timeoutMs / 60_000) || 1} minutes, so nothing was asked of AWS.`,
            action: "Try again and enter the code your MFA device shows.",
          }),
        });
      }, this.timeoutMs);
      timer.unref?.();
      settle = (result) => {
        if (!this.open.delete(prompt.requestId)) return;
        clearTimeout(timer);
        this.emit({ kind: "closed", requestId: prompt.requestId });
        if ("code" in result) resolve(result.code);
        else reject(result.error);
      };
    });
    this.open.set(prompt.requestId, { prompt, answer, settle });
    this.emit({ kind: "asked", ...prompt });
    this.options.onAsk?.(prompt);
    return answer;
  }

  pending(): MfaPrompt[] {
    return [...this.open.values()].map((entry) => ({ ...entry.prompt }));
  }

  answer(requestId: string, code: string): void {
    // The IPC schema checked the shape already; this holds for every other caller too.
    if (!MFA_CODE_PATTERN.test(code)) throw new AppError({ code: "INVALID_INPUT", message: MFA_CODE_RULE, action: "Enter the 6-digit code your MFA device shows now." });
    this.take(requestId).settle({ code });
  }

  cancel(requestId: string): void {
    const entry = this.take(requestId);
    entry.settle({
      error: new AppError({
        code: "AWS_MFA_REQUIRED",
        message: `MFA code entry for ${entry.prompt.serial} was cancelled, so nothing was asked of AWS.`,
        action: "Try again when your MFA device is at hand.",
      }),
    });
  }

  /** Closes every open request (the app quits). */
  cancelAll(): void {
    for (const requestId of [...this.open.keys()]) this.cancel(requestId);
  }

  private take(requestId: string): Open {
    const entry = this.open.get(requestId);
    if (!entry) {
      throw new AppError({
        code: "INVALID_INPUT",
        message: "That MFA request is no longer open (it was answered, cancelled or timed out).",
        action: "Start the action again; the app asks for a new code.",
      });
    }
    return entry;
  }

  private emit(event: MfaPromptEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}
