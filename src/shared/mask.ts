// Key ids are not secret, but the app shows them masked everywhere a person reads them.

/** `AKIAIOSFODNN7EXAMPLE` → `AKIA…MPLE`. Short or empty ids are masked entirely. */
export function maskKeyId(keyId: string | undefined | null): string {
  if (!keyId) return "—";
  if (keyId.length < 12) return "…";
  return `${keyId.slice(0, 4)}…${keyId.slice(-4)}`;
}

/** AWS access key ids: 16–128 chars of upper-case letters and digits, usually starting AKIA/ASIA. */
export const ACCESS_KEY_ID_PATTERN = /^[A-Z0-9]{16,128}$/;
