// The MFA code rule, shared by the IPC schema (main validates) and the dialog (the renderer says
// so before sending): the code crosses renderer → main once, only when it has the right shape.
export const MFA_CODE_PATTERN = /^\d{6}$/;
export const MFA_CODE_RULE = "An MFA code is 6 digits.";

/** An open request for an MFA code, as the window shows it. The device ARN is not a secret. */
export interface MfaPrompt {
  requestId: string;
  /** The MFA device (mfa_serial of the profile). */
  serial: string;
  /** The question, in the same words as the CLI's (from src/core). */
  question: string;
}

export type MfaPromptEvent =
  | ({ kind: "asked" } & MfaPrompt)
  /** Answered, cancelled, timed out, or answered in another window: the dialog closes. */
  | { kind: "closed"; requestId: string };
