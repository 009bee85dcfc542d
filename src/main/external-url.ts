// `shell.openExternal` is a way out of the sandbox: only https URLs to hosts the admin has reason
// to visit (their Jamf Pro instances once a connection test passed, the AWS console and docs,
// Jamf's and this project's docs).

/**
 * Entries are "host" (exact, port included when not 443), "*.domain" (any subdomain, not the
 * domain itself) or "host/path-prefix" (that host, paths under the prefix).
 */
export type ExternalAllowList = readonly string[];

/** Hosts every install may open, whatever targets are configured. */
export const STATIC_EXTERNAL_HOSTS: ExternalAllowList = [
  "console.aws.amazon.com",
  "*.console.aws.amazon.com",
  "signin.aws.amazon.com",
  "docs.aws.amazon.com",
  "aws.amazon.com/iam",
  "learn.jamf.com",
  "developer.jamf.com",
];

export function isAllowedExternalUrl(url: string, allowList: ExternalAllowList): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== "https:") return false;
  // user:password@host hides the real destination from the person reading the link.
  if (parsed.username || parsed.password) return false;
  const host = parsed.host.toLowerCase();
  if (!host || host.endsWith(".")) return false;
  return allowList.some((entry) => matches(entry.toLowerCase(), host, parsed.pathname));
}

function matches(entry: string, host: string, pathname: string): boolean {
  const slash = entry.indexOf("/");
  const entryHost = slash === -1 ? entry : entry.slice(0, slash);
  const prefix = slash === -1 ? null : entry.slice(slash);
  const hostOk = entryHost.startsWith("*.")
    ? host.endsWith(entryHost.slice(1)) && host.length > entryHost.length - 1
    : host === entryHost;
  if (!hostOk) return false;
  if (prefix === null) return true;
  const base = prefix.endsWith("/") ? prefix.slice(0, -1) : prefix;
  return pathname === base || pathname.startsWith(`${base}/`);
}

/**
 * The allow-list: the static hosts, `extra`, and the Jamf Pro hosts the core vouches for (https
 * hosts of saved instances whose last connection test passed; see connection-test-store.ts).
 * Entries are hosts only: a wildcard or path could widen what a saved instance adds.
 */
export function buildExternalAllowList(trustedJamfHosts: readonly string[], extra: ExternalAllowList = []): ExternalAllowList {
  const jamfHosts = trustedJamfHosts.map((host) => host.toLowerCase()).filter((host) => /^[a-z0-9.-]+(:\d{1,5})?$/.test(host) && !host.startsWith("."));
  return [...new Set([...STATIC_EXTERNAL_HOSTS, ...extra, ...jamfHosts])];
}
