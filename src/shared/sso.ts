// IAM Identity Center sign-in as the window sees it: the code to compare and the address to open,
// then how it ended. No token ever crosses to the renderer: they stay in ~/.aws/sso/cache.

/** An open sign-in waiting for the admin's approval in the browser. */
export interface SsoSignInPrompt {
  requestId: string;
  /** The AWS profile being signed in. */
  profile: string;
  /** The code IAM Identity Center shows in the browser; the admin checks it matches. */
  userCode: string;
  verificationUri: string;
  /** The address with the code filled in (what "Open sign-in page" opens). */
  verificationUriComplete: string;
  expiresInSeconds: number;
  /** What to do, in the same words as the CLI's (from src/core). */
  instructions: string;
}

export interface SsoSignInResult {
  profile: string;
  /** When the sign-in expires (ISO 8601). */
  expiresAt: string;
  /** The same words as the CLI's. */
  message: string;
}

/** What Sign in answers: a code to approve, or (a saved refresh token sufficed) already signed in. */
export type SsoSignInStart = { kind: "approve"; prompt: SsoSignInPrompt } | { kind: "signed-in"; result: SsoSignInResult };
