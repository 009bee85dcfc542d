// Checks a Jamf Pro URL when a target is saved, so a typo is caught in Settings rather than at
// rotation time. Forgiving of what admins paste (no scheme, a page path, a query); the rule itself
// (https, http only for loopback, no credentials) is the Jamf client's, so both always agree.
import { AppError, isAppError } from "../../shared/errors";
import { isLoopbackHost, normalizeJamfUrl as normalizeForJamfClient } from "../jamf/jamf-url";

export { isLoopbackHost };

const MAX_URL_LENGTH = 2048;
/** DNS's limit for a host name. */
const MAX_HOST_LENGTH = 253;

/** A problem with the URL in words, or null when it is acceptable. */
export function jamfUrlProblem(raw: string): string | null {
  try {
    normalizeJamfUrl(raw);
    return null;
  } catch (error) {
    return isAppError(error) ? error.message.replace(/^jamfUrl: /, "") : String(error);
  }
}

/**
 * `acme.jamfcloud.com/` → `https://acme.jamfcloud.com`. Keeps a port and a context path
 * (on-premises servers, e.g. `https://jamf.example.com:8443/jamf`); drops what a browser's address
 * bar adds (`/index.html`, `/view/computers`, `/api/v1/...`, `?id=5`, `#tab`). Throws
 * INVALID_INPUT whose message starts with `jamfUrl:`.
 */
export function normalizeJamfUrl(raw: string): string {
  const text = raw.trim();
  if (!text) throw invalid("Enter the Jamf Pro URL, such as https://yourcompany.jamfcloud.com.");
  // Never echo a huge input back: a Jamf Pro address is far shorter than this.
  if (text.length > MAX_URL_LENGTH) {
    throw invalid(`The URL is too long (${text.length} characters; at most ${MAX_URL_LENGTH}). Use the address of your Jamf Pro server, such as https://yourcompany.jamfcloud.com.`);
  }
  if (/\s/.test(text)) throw invalid("The URL cannot contain spaces. Use the address of your Jamf Pro server, such as https://yourcompany.jamfcloud.com.");
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text) && /^[^/]*:\/(?!\/)/.test(text)) {
    throw invalid("The URL's scheme is mistyped (it needs \"https://\"). Use the address of your Jamf Pro server, such as https://yourcompany.jamfcloud.com.");
  }
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw invalid("This is not a valid URL. Use the address of your Jamf Pro server, such as https://yourcompany.jamfcloud.com.");
  }
  if ((url.protocol === "https:" || url.protocol === "http:") && !HOST_NAME.test(url.hostname)) {
    const name = url.hostname.length > MAX_HOST_LENGTH ? `${url.hostname.slice(0, 40)}…` : url.hostname;
    throw invalid(`"${name}" is not a server name. Use the address of your Jamf Pro server, such as https://yourcompany.jamfcloud.com.`);
  }
  if (url.protocol === "https:" || url.protocol === "http:") {
    url.search = "";
    url.hash = "";
    url.pathname = serverPath(url.pathname);
  }
  try {
    return normalizeForJamfClient(url.toString());
  } catch (error) {
    if (isAppError(error) && error.code === "JAMF_BAD_URL") throw invalid(error.message);
    throw error;
  }
}

// A DNS name (letters, digits, hyphens; punycode for international names), an IPv4 address, or a
// bracketed IPv6 address, as the URL parser leaves them.
const HOST_NAME = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?|\[[0-9a-f:.]+\])$/i;

// Admins paste what their browser shows: a page (/computers.html, /view/...) or an API path.
const PAGE_SEGMENT = /^(api|uapi|view|JSSResource|.*\.html?)$/i;

function serverPath(pathname: string): string {
  const kept: string[] = [];
  for (const segment of pathname.split("/").filter(Boolean)) {
    if (PAGE_SEGMENT.test(segment)) break;
    kept.push(segment);
  }
  return `/${kept.join("/")}`;
}

function invalid(message: string): AppError {
  return new AppError({
    code: "INVALID_INPUT",
    message: `jamfUrl: ${message}`,
    action: "Copy the address from your browser's address bar while logged in to Jamf Pro.",
  });
}
