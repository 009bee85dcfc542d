// Who may drive a sandbox peer's `/_sandbox/*` control API (AWS and Jamf Pro alike): a process on
// this computer, never a web page. The peers listen on loopback, but a browser on this computer
// reaches loopback too: a page from another site could POST a "simple" (text/plain, form) request
// without a preflight, and a DNS-rebound name could even read the answers. So the socket must be
// loopback, the Host must name loopback (against DNS rebinding), a body must be JSON (a cross-site
// page cannot send that content type without a preflight the peers never grant), and a request a
// browser marks as coming from another site or origin is refused outright.

export interface ControlRequestFacts {
  remoteAddress: string | undefined;
  method: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface ControlRefusal {
  status: 403 | 415;
  message: string;
}

/** Methods whose request carries a body that changes the peer; they must say it is JSON. */
const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);

export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  return address === "::1" || address === "::ffff:127.0.0.1" || /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address);
}

/** Guards against DNS rebinding: the Host must name the loopback interface too. */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.toLowerCase().replace(/:\d+$/, "").replace(/^\[(.*)\]$/, "$1");
  return name === "localhost" || isLoopbackAddress(name);
}

function header(facts: ControlRequestFacts, name: string): string | undefined {
  const value = facts.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Null when the request may drive the control API; otherwise the status and the reason to answer. */
export function controlRequestRefusal(facts: ControlRequestFacts): ControlRefusal | null {
  const host = header(facts, "host");
  if (!isLoopbackAddress(facts.remoteAddress) || !isLoopbackHost(host)) {
    return { status: 403, message: "The sandbox control API answers loopback clients only (the Host must be 127.0.0.1 or localhost)." };
  }
  // Browsers mark where a request comes from; "none" is an address typed into the address bar.
  const fetchSite = header(facts, "sec-fetch-site");
  if (fetchSite !== undefined && fetchSite !== "same-origin" && fetchSite !== "none") {
    return { status: 403, message: "The sandbox control API does not answer web pages of other sites; call it from a local tool such as curl." };
  }
  const origin = header(facts, "origin");
  if (origin !== undefined && !isOwnOrigin(origin, host)) {
    return { status: 403, message: "The sandbox control API does not answer web pages of other origins; call it from a local tool such as curl." };
  }
  const method = facts.method.toUpperCase();
  if (BODY_METHODS.has(method) && !(header(facts, "content-type") ?? "").toLowerCase().startsWith("application/json")) {
    // Even bodiless requests: a web page cannot send this content type cross-origin without a preflight.
    return { status: 415, message: `Send ${method} requests with Content-Type: application/json (an empty body is fine).` };
  }
  return null;
}

/** The peer's own origin: same host and port as the Host header (either scheme; the peer knows its own). */
function isOwnOrigin(origin: string, host: string | undefined): boolean {
  try {
    const url = new URL(origin);
    return (url.protocol === "http:" || url.protocol === "https:") && host !== undefined && url.host === host.toLowerCase();
  } catch {
    return false;
  }
}
