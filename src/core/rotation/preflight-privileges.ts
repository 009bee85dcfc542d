// The preflight's "Jamf Pro privileges" check: the Read and Update Cloud Distribution Point
// privileges Jamf Pro reports for the API client (or account), in the same words for `targets
// test`, the app's Test connection and a rotation's first step. Missing privileges stop the
// rotation before any key exists. When Jamf Pro does not report privileges, the check warns and
// does not block: reading the CDP proves Read, and only the PATCH itself can prove Update.
import type { JamfAuth, PreflightCheck } from "../../shared/domain";
import type { AppErrorData } from "../../shared/errors";
import type { JamfPrivilegeName } from "../jamf/jamf-errors";
import type { JamfPrivilegeReading } from "../jamf/jamf-privileges";
import { JAMF_CDP_PRIVILEGES } from "../policy/least-privilege";

const ID = "jamf-privileges";
const LABEL = "Jamf Pro privileges";
const READ: JamfPrivilegeName = "Read Cloud Distribution Point";
const UPDATE: JamfPrivilegeName = "Update Cloud Distribution Point";

export interface PrivilegesCheckInput {
  auth: JamfAuth;
  /** What GET /api/v1/auth gave, or the error it failed with. */
  reading: { ok: true; value: JamfPrivilegeReading } | { ok: false; error: AppErrorData };
  /** The CDP was read: Read Cloud Distribution Point is proven whatever the report says. */
  cdpRead: boolean;
}

export interface PrivilegesCheckResult {
  check: PreflightCheck;
  /** Set when a privilege is missing: the rotation must not start. */
  problem: AppErrorData | null;
  /** Set when the privileges could not be confirmed: said, not blocking. */
  warning: string | null;
}

function holder(auth: JamfAuth): string {
  return auth.kind === "api-client" ? `API client ${auth.clientId}` : `account ${auth.username}`;
}

function listed(privileges: readonly string[]): string {
  const quoted = privileges.map((p) => `"${p}"`);
  return quoted.length > 1 ? `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1]}` : (quoted[0] ?? "");
}

/** Where in Jamf Pro the privileges of this API client or account are set. */
function settingsFor(auth: JamfAuth): { where: string; subject: string } {
  return auth.kind === "api-client"
    ? { where: "Jamf Pro > Settings > API roles and clients", subject: `the API role of API client ${auth.clientId}` }
    : { where: "Jamf Pro > Settings > User accounts and groups", subject: `account ${auth.username}` };
}

function privilegeWords(privileges: readonly string[]): string {
  return `${listed(privileges)} ${privileges.length > 1 ? "privileges" : "privilege"}`;
}

/** What to do about missing privileges: where to add them. */
export function addPrivilegesAction(auth: JamfAuth, privileges: readonly string[]): string {
  const { where, subject } = settingsFor(auth);
  const alternative = auth.kind === "basic" ? " (or use an API client whose API role has them)" : "";
  return `In ${where}, add the ${privilegeWords(privileges)} to ${subject}${alternative}, then try again.`;
}

function unconfirmed(input: PrivilegesCheckInput, reason: string): PrivilegesCheckResult {
  const who = holder(input.auth);
  if (!input.cdpRead) {
    const message = `Not checked: Jamf Pro did not report the privileges of ${who} (${reason}), and the cloud distribution point could not be read.`;
    return { check: { id: ID, label: LABEL, ok: false, state: "not-checked", message }, problem: null, warning: null };
  }
  const message =
    `The privileges of ${who} could not be confirmed: ${reason}. ` +
    `Reading the cloud distribution point proved "${READ}"; "${UPDATE}" is proven only when the rotation hands Jamf Pro the new key.`;
  const { where, subject } = settingsFor(input.auth);
  const action = `Check in ${where} that ${subject} has the ${privilegeWords([UPDATE])}.`;
  return { check: { id: ID, label: LABEL, ok: true, state: "warning", message, action }, problem: null, warning: message };
}

export function privilegesCheck(input: PrivilegesCheckInput): PrivilegesCheckResult {
  const who = holder(input.auth);
  if (!input.reading.ok) {
    if (!input.cdpRead) {
      return { check: { id: ID, label: LABEL, ok: false, state: "not-checked", message: "Not checked: Jamf Pro could not be reached or did not accept the sign-in (see above)." }, problem: null, warning: null };
    }
    return unconfirmed(input, `Jamf Pro did not answer the question (${input.reading.error.message.replace(/\.$/, "")})`);
  }
  const reading = input.reading.value;
  if (reading.kind === "not-reported") return unconfirmed(input, reading.reason === "the answer lists no privileges" ? "Jamf Pro's answer lists no privileges" : reading.reason);
  const granted = new Set<string>(reading.granted);
  // A report that denies what Jamf Pro just allowed is not trusted for the other privilege either.
  if (input.cdpRead && !granted.has(READ)) return unconfirmed(input, `Jamf Pro's list of privileges leaves out "${READ}", yet it let the cloud distribution point be read`);
  const missing = JAMF_CDP_PRIVILEGES.filter((name) => !granted.has(name));
  if (missing.length === 0) {
    return { check: { id: ID, label: LABEL, ok: true, message: `Jamf Pro reports that ${who} has "${READ}" and "${UPDATE}".` }, problem: null, warning: null };
  }
  const consequence = missing.includes(UPDATE) ? "so Jamf Pro would refuse the new key and the rotation would stop halfway" : "so the rotation could not read the cloud distribution point";
  const message = `${capitalised(who)} lacks the ${privilegeWords(missing)} in Jamf Pro, ${consequence}.`;
  const action = addPrivilegesAction(input.auth, missing);
  return {
    check: { id: ID, label: LABEL, ok: false, message, action },
    problem: { code: "JAMF_FORBIDDEN", message, action },
    warning: null,
  };
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
