// What went wrong below HTTP, from whichever stack the HttpFetch port runs on: Node/undici errors
// carry system codes down a cause chain (fetch failed → ECONNREFUSED, CERT_HAS_EXPIRED), Chromium's
// net.fetch says "net::ERR_CERT_AUTHORITY_INVALID". Both become Node's codes here, and a TLS
// failure becomes a message that names its cause and the fix, the same for Jamf Pro and AWS.
import { assertNever, type AppErrorData } from "../../shared/errors";

const TLS_EXPIRED = new Set(["CERT_HAS_EXPIRED"]);
const TLS_NOT_YET_VALID = new Set(["CERT_NOT_YET_VALID"]);
const TLS_NAME = new Set(["ERR_TLS_CERT_ALTNAME_INVALID", "HOSTNAME_MISMATCH"]);
const TLS_UNTRUSTED = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_UNTRUSTED",
  "CERT_REJECTED",
  "CERT_SIGNATURE_FAILURE",
  "INVALID_CA",
]);

/** Chromium's net error names (Electron's net.fetch) as the Node codes the rest of the core knows. */
const CHROMIUM_CODES: Record<string, string> = {
  ERR_CERT_AUTHORITY_INVALID: "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  ERR_CERT_DATE_INVALID: "CERT_HAS_EXPIRED",
  ERR_CERT_COMMON_NAME_INVALID: "ERR_TLS_CERT_ALTNAME_INVALID",
  ERR_CERT_INVALID: "CERT_REJECTED",
  ERR_CERT_REVOKED: "CERT_REVOKED",
  ERR_CONNECTION_REFUSED: "ECONNREFUSED",
  ERR_NAME_NOT_RESOLVED: "ENOTFOUND",
  ERR_NAME_RESOLUTION_FAILED: "ENOTFOUND",
  ERR_CONNECTION_RESET: "ECONNRESET",
  ERR_CONNECTION_CLOSED: "ECONNRESET",
  ERR_EMPTY_RESPONSE: "ECONNRESET",
  ERR_CONNECTION_TIMED_OUT: "ETIMEDOUT",
  ERR_TIMED_OUT: "ETIMEDOUT",
  ERR_INTERNET_DISCONNECTED: "ENETUNREACH",
  ERR_ADDRESS_UNREACHABLE: "EHOSTUNREACH",
  ERR_NETWORK_CHANGED: "ECONNRESET",
  ERR_PROXY_CONNECTION_FAILED: "PROXY_FAILED",
  ERR_TUNNEL_CONNECTION_FAILED: "PROXY_FAILED",
  ERR_PROXY_AUTH_REQUESTED: "PROXY_AUTH",
};

/** Every code down the error's cause chain (and AggregateError members), Chromium names translated. */
export function failureCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 6; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") codes.push(code);
    const message = (current as { message?: unknown }).message;
    const chromium = typeof message === "string" ? /net::(ERR_[A-Z_]+)/.exec(message)?.[1] : undefined;
    if (chromium) codes.push(CHROMIUM_CODES[chromium] ?? chromium);
    // undici's proxy agent when the proxy answers CONNECT with anything but 200.
    const proxy = typeof message === "string" ? /Proxy response \((\d+)\)/.exec(message)?.[1] : undefined;
    if (proxy) codes.push(proxy === "407" ? "PROXY_AUTH" : "PROXY_FAILED");
    const inner = (current as { errors?: unknown }).errors;
    if (Array.isArray(inner)) codes.push(...inner.flatMap((e) => failureCodes(e)));
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

/** A proxy in the way refused or failed the request, in words; null when no proxy was involved. */
export function proxyProblem(codes: readonly string[]): string | null {
  if (codes.includes("PROXY_AUTH")) return "the proxy asks for a sign-in this app cannot give (HTTP 407)";
  if (codes.includes("PROXY_FAILED")) return "the proxy could not connect to it";
  return null;
}

export type TlsProblem = "untrusted" | "expired" | "not-yet-valid" | "name-mismatch" | "other";

export function tlsProblem(codes: readonly string[]): TlsProblem | null {
  const any = (set: Set<string>) => codes.some((c) => set.has(c));
  if (any(TLS_UNTRUSTED)) return "untrusted";
  if (any(TLS_EXPIRED)) return "expired";
  if (any(TLS_NOT_YET_VALID)) return "not-yet-valid";
  if (any(TLS_NAME)) return "name-mismatch";
  if (codes.some((c) => c === "CERT_REVOKED" || c.startsWith("ERR_SSL") || c.startsWith("ERR_TLS") || c.startsWith("ERR_CERT_"))) return "other";
  return null;
}

/** The fix for a certificate nobody here trusts: the words every TLS message shares. */
export const UNTRUSTED_CERTIFICATE_ACTION =
  "Your network may inspect TLS traffic (for example Zscaler or Netskope) or the server uses an internal certificate authority: install your organization's root certificate in the System keychain, or for the CLI set NODE_EXTRA_CA_CERTS=/path/to/root.pem.";

/**
 * A TLS failure talking to `service` at `host` (host[:port]), or null when the failure was not TLS.
 * Nothing was sent over a connection whose certificate was refused, so no "may have been applied".
 */
export function tlsFailure(error: unknown, service: string, host: string): AppErrorData | null {
  const codes = failureCodes(error);
  const problem = tlsProblem(codes);
  if (!problem) return null;
  const hostname = host.replace(/:\d+$/, "").replace(/^\[|\]$/g, "");
  const details = codes.join(", ");
  switch (problem) {
    case "untrusted":
      return {
        code: "TLS_UNTRUSTED",
        message: `The HTTPS certificate of ${service} at ${host} is not trusted (self-signed, or issued by an authority this computer does not know), so the connection was refused.`,
        action: UNTRUSTED_CERTIFICATE_ACTION,
        details,
      };
    case "expired":
      return {
        code: "TLS_EXPIRED",
        message: `The HTTPS certificate of ${service} at ${host} has expired, so the connection was refused.`,
        action: "Have the server's certificate renewed. If it was renewed already, check this Mac's date and time (System Settings > General > Date & Time).",
        details,
      };
    case "not-yet-valid":
      return {
        code: "TLS_EXPIRED",
        message: `The HTTPS certificate of ${service} at ${host} is not valid yet, so the connection was refused.`,
        action: "Check this Mac's date and time (System Settings > General > Date & Time, set automatically), then try again.",
        details,
      };
    case "name-mismatch":
      return {
        code: "TLS_HOSTNAME_MISMATCH",
        message: `The HTTPS certificate at ${host} is not issued for ${hostname}, so the connection was refused.`,
        action: `Use the exact address the server's certificate names (the one your browser opens ${service} at without a warning), or have the certificate reissued to include ${hostname}. A proxy that inspects TLS can also cause this.`,
        details,
      };
    case "other":
      return {
        code: "TLS_FAILED",
        message: `The secure (TLS) connection to ${service} at ${host} failed.`,
        action: `${UNTRUSTED_CERTIFICATE_ACTION} If it keeps failing, check that the address uses HTTPS on the right port.`,
        details,
      };
    default:
      return assertNever(problem, "TLS problem");
  }
}
