// The CLI's HTTP transport (Node): undici's fetch through EnvHttpProxyAgent, so HTTPS_PROXY,
// HTTP_PROXY and NO_PROXY (either case) apply to Jamf Pro and AWS alike; https targets are
// tunnelled with CONNECT, http ones sent to the proxy in absolute form. Certificates: Node's roots
// plus NODE_EXTRA_CA_CERTS (read by Node at start), plus the system store where the runtime offers
// it (Node 22.15+ has tls.getCACertificates("system"); Node 20 does not: use NODE_EXTRA_CA_CERTS).
import * as tls from "node:tls";
import { EnvHttpProxyAgent, fetch as undiciFetch, type Dispatcher } from "undici";
import { AppError } from "../../shared/errors";
import type { HttpFetch } from "./http-fetch";

export interface EnvProxyFetchOptions {
  /** The environment the proxy settings come from (the CLI's own). */
  env: Record<string, string | undefined>;
  /** Extra trusted roots (PEM), on top of the runtime's: for tests and managed setups. */
  extraCa?: readonly string[];
}

export interface EnvProxyFetch {
  fetch: HttpFetch;
  /** Which proxies apply, for --verbose and `doctor`-style output (no credentials in it). */
  describe(): { httpsProxy: string | null; httpProxy: string | null; noProxy: string | null; systemCa: boolean };
  close(): Promise<void>;
}

type CaLister = (kind: "default" | "system") => string[];

/** tls.getCACertificates where the runtime has it (Node 22.15+, Electron's Node). */
function caLister(): CaLister | null {
  const lister = (tls as unknown as { getCACertificates?: CaLister }).getCACertificates;
  return typeof lister === "function" ? lister : null;
}

/** A proxy URL as it may be shown: no user name or password. */
function showProxy(value: string | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    url.username = "";
    url.password = "";
    return url.toString().replace(/\/$/, "");
  } catch {
    return "(not a valid URL)";
  }
}

/**
 * The proxy a variable names, as undici needs it (http: or https: URL). `proxy.corp:8080` without a
 * scheme means http, as curl reads it; anything else that is not such a URL is refused with the
 * variable's name (never its value: it may carry a password) instead of undici's bare "Invalid URL".
 */
function proxyUrl(env: EnvProxyFetchOptions["env"], lower: string, upper: string): string {
  const name = env[lower] !== undefined ? lower : upper;
  const value = (env[name] ?? "").trim();
  if (!value) return "";
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  try {
    const url = new URL(withScheme);
    if ((url.protocol === "http:" || url.protocol === "https:") && url.hostname) return withScheme;
  } catch {
    // Named below.
  }
  throw new AppError({
    code: "CONFIG_INVALID",
    message: `The proxy in ${name} is not a valid proxy address (http://host:port or https://host:port).`,
    action: `Correct ${name} (e.g. export ${name}=http://proxy.example.com:8080), or unset it to connect directly, then try again.`,
  });
}

export function createEnvProxyFetch(options: EnvProxyFetchOptions): EnvProxyFetch {
  const env = options.env;
  const httpsProxy = proxyUrl(env, "https_proxy", "HTTPS_PROXY");
  const httpProxy = proxyUrl(env, "http_proxy", "HTTP_PROXY");
  const noProxy = env.no_proxy ?? env.NO_PROXY ?? "";
  const lister = caLister();
  const system = lister ? safeList(lister, "system") : [];
  const extra = options.extraCa ?? [];
  // A `ca` option replaces Node's roots, so it is only given when something is added to them.
  const ca = system.length || extra.length ? [...(lister ? safeList(lister, "default") : tls.rootCertificates), ...system, ...extra] : undefined;
  // Empty strings, not undefined: undici would otherwise read process.env itself.
  const dispatcher: Dispatcher = new EnvHttpProxyAgent({
    httpProxy,
    httpsProxy: httpsProxy || httpProxy,
    noProxy,
    // http targets in absolute form ("GET http://host/…"), as curl and browsers do; https ones by CONNECT.
    proxyTunnel: false,
    ...(ca ? { connect: { ca }, proxyTls: { ca }, requestTls: { ca } } : {}),
  });
  return {
    fetch: async (url, init) => undiciFetch(url, { ...init, dispatcher }),
    describe: () => ({ httpsProxy: showProxy(httpsProxy || httpProxy), httpProxy: showProxy(httpProxy), noProxy: noProxy || null, systemCa: system.length > 0 }),
    close: () => dispatcher.close(),
  };
}

function safeList(lister: CaLister, kind: "default" | "system"): string[] {
  try {
    return lister(kind);
  } catch {
    return [];
  }
}
