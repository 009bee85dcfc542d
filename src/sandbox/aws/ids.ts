// Identifiers shaped like AWS's: key ids are a 4-letter prefix plus 16 base-32 characters.
import { randomBytes, randomUUID } from "node:crypto";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const SECRET_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

function pick(alphabet: string, length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  for (const byte of bytes) out += alphabet[byte % alphabet.length];
  return out;
}

/** AKIA… (long-term user key), ASIA… (session key), AIDA… (user id), AROA… (role id). */
export function awsId(prefix: "AKIA" | "ASIA" | "AIDA" | "AROA"): string {
  return prefix + pick(BASE32, 16);
}

export function secretAccessKey(): string {
  return pick(SECRET_CHARS, 40);
}

export function sessionToken(): string {
  return "IQoJb3JpZ2luX2VjE" + randomBytes(96).toString("base64");
}

export function requestId(): string {
  return randomUUID();
}
