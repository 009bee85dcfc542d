// Last line of defence against writing a secret where it must never be: the audit log, journals,
// exports. An AWS secret access key is 40 characters of base64 (letters, digits, / and +); random
// ones practically always mix upper and lower case, which tells them from hex hashes and words.
import { AppError } from "../../shared/errors";

const SECRET_SHAPE = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/g;

export function looksLikeSecret(text: string): boolean {
  for (const match of text.matchAll(SECRET_SHAPE)) {
    const candidate = match[0];
    if (/[A-Z]/.test(candidate) && /[a-z]/.test(candidate)) return true;
  }
  return false;
}

/** Throws INTERNAL (without the text) when `text` contains something shaped like a secret access key. */
export function assertNoSecret(text: string, where: string): void {
  if (looksLikeSecret(text)) {
    throw new AppError({
      code: "INTERNAL",
      message: `Refused to write ${where}: it contains something that looks like an AWS secret access key.`,
      action: "Nothing was written. Please report this as a bug.",
    });
  }
}
