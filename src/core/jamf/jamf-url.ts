// Jamf Pro base URLs: https only (a token and, on PATCH, an AWS secret travel over it), except
// loopback hosts (the sandbox, a local tunnel) which may use http. Normalized so every caller
// builds "<base>/api/..." the same way.
import { AppError } from "../../shared/errors";

const EXAMPLE = "https://yourcompany.jamfcloud.com";

function badUrl(problem: string): AppError {
  return new AppError({
    code: "JAMF_BAD_URL",
    message: `${problem} Enter the Jamf Pro address such as ${EXAMPLE} (or https://jamf.example.com:8443 for a server you host).`,
    action: `Use the address you open Jamf Pro with in a browser, for example ${EXAMPLE}.`,
  });
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** "https://x.jamfcloud.com/api/" → "https://x.jamfcloud.com". Throws JAMF_BAD_URL. */
export function normalizeJamfUrl(input: string): string {
  const text = input.trim();
  if (text === "") throw badUrl("The Jamf Pro URL is empty.");
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw badUrl(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? "That is not a valid URL." : "The Jamf Pro URL must start with https://.");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw badUrl(`"${url.protocol}" URLs are not supported.`);
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
    throw badUrl("Jamf Pro must be reached over https:// (plain http is only allowed for this computer's own addresses).");
  }
  if (url.username || url.password) throw badUrl("The URL must not contain a user name or password.");
  if (url.search || url.hash) throw badUrl("The URL must not contain a query (?…) or fragment (#…).");
  let path = url.pathname.replace(/\/+$/, "");
  if (/\/api$/i.test(path)) path = path.slice(0, -4);
  path = path.replace(/\/+$/, "");
  return `${url.protocol}//${url.host}${path}`;
}
