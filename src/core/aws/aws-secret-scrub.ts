// Removes anything secret from text that came out of the SDK before it reaches a message, a log
// or the renderer: secrets the caller knows about, signatures, session tokens and anything shaped
// like a secret access key. Key ids are not secret but are shown masked.
import { maskKeyId } from "../../shared/mask";

const REDACTED = "<redacted>";

export function scrubSecrets(text: string, knownSecrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of knownSecrets) {
    if (secret && secret.length >= 8) out = out.split(secret).join(REDACTED);
  }
  out = out
    .replace(/(Signature=)[0-9a-fA-F]{16,}/g, `$1${REDACTED}`)
    .replace(/(X-Amz-Security-Token=|x-amz-security-token:\s*|SessionToken["'=:\s]+)[A-Za-z0-9%/+=]{16,}/gi, `$1${REDACTED}`)
    // Long base64 runs (session tokens) and 40-character secret access keys.
    .replace(/[A-Za-z0-9/+]{100,}={0,2}/g, REDACTED)
    .replace(/(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g, (match) => (/[a-z]/.test(match) && /[A-Z0-9]/.test(match) ? REDACTED : match))
    .replace(/\b(?:AKIA|ASIA)[A-Z0-9]{12,124}\b/g, (keyId) => maskKeyId(keyId));
  return out;
}
