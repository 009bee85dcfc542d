// Keys for in-memory maps that must tell secrets apart without holding them: an HMAC under a key
// made for each map owner, so neither the map nor a heap dump gives a secret (or a hash to guess
// it from offline). Never written anywhere, never logged.
import { createHmac, randomBytes } from "node:crypto";

export function secretFingerprinter(): (secret: string) => string {
  const key = randomBytes(32);
  return (secret) => createHmac("sha256", key).update(secret, "utf8").digest("base64url");
}
