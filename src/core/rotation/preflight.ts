// The read-only preflight, shared by the rotation's first step and "Test connection" in Settings
// (cdp:targets:test, `targets test`): Jamf Pro version, an AWS CDP, its key an active key of the
// IAM user (discovered from the key id when the target names none), room for a new key, the
// Jamf Pro privileges of the API client (or account) and the admin identity's IAM permissions.
// Every check is reported in words; nothing is changed.
//
// The permission to deactivate and delete keys is probed with a key id that does not exist: IAM
// authorises before it looks the key up, so an allowed call answers NoSuchEntity and a refused one
// AccessDenied, and nothing changes either way. CreateAccessKey cannot be probed without creating.
import type { PreflightCheck, PreflightReport, Target } from "../../shared/domain";
import { toErrorData, type AppErrorData } from "../../shared/errors";
import { maskKeyId } from "../../shared/mask";
import type { AccessKeyLastUsed, AccessKeyMetadata, AwsIamGateway } from "../aws/aws-types";
import type { CloudDistributionPoint, JamfCdpGateway } from "../jamf/jamf-types";
import { ageInDays, daysWord } from "../status/key-age";
import { hasCode } from "./key-operations";
import { assessKeySlots } from "./key-slots";
import { sharedKeyProblem, sharedKeyUnchecked, sharedUserProblem, type OtherInstances } from "./shared-key";
import { privilegesCheck } from "./preflight-privileges";

/** Never a real key: 20 upper-case characters that AWS cannot have issued to the user. */
export const PROBE_KEY_ID = "AKIACDPROTATORPROBE0";

export interface PreflightFacts {
  iamUser: string;
  iamUserDiscovered: boolean;
  jamfVersion: string;
  jamfKeyId: string;
  jamfMaster: boolean;
  keys: AccessKeyMetadata[];
  lastUse: Map<string, AccessKeyLastUsed>;
  /** Unused inactive key to delete (with the admin's consent) to make room for the new key. */
  inactiveKeyToDelete: string | null;
  /** What could not be confirmed but does not block (e.g. Jamf Pro did not report privileges), in words. */
  warnings: string[];
}

export interface PreflightOutcome {
  report: PreflightReport;
  /** Present when every check passed. */
  facts: PreflightFacts | null;
  /** The first blocking problem. */
  problem: AppErrorData | null;
}

export interface PreflightInput {
  target: Target;
  aws: AwsIamGateway;
  jamf: JamfCdpGateway;
  now: Date;
  inactiveKeyIdleDays: number;
  /** Other configured instances, to notice one that holds the same key (absent: not checked). */
  otherInstances?: OtherInstances;
}

interface UserKeys {
  keys: AccessKeyMetadata[];
  lastUse: Map<string, AccessKeyLastUsed>;
  permissionProblems: string[];
}

export async function runPreflight(input: PreflightInput): Promise<PreflightOutcome> {
  const { target, aws, jamf } = input;
  const checks: PreflightCheck[] = [];
  let problem: AppErrorData | null = null;
  const fail = (check: Omit<PreflightCheck, "ok">, error: AppErrorData) => {
    checks.push({ ...check, ok: false, code: error.code, ...(error.action ? { action: error.action } : {}) });
    problem ??= error;
  };
  const configuredUser = target.iamUser ?? null;
  const userKeysRead = configuredUser ? settle(readUserKeys(aws, configuredUser)) : null;
  const [version, cdp, privileges] = await Promise.all([
    settle(jamf.assertSupportedVersion()),
    settle(jamf.getCloudDistributionPoint()),
    settle(jamf.getPrivileges()),
  ]);
  const holdersRead = cdp.ok && cdp.value.username && input.otherInstances ? settle(input.otherInstances.holdersOf(target, cdp.value.username)) : null;

  const jamfVersion = version.ok ? version.value : null;
  if (version.ok) {
    checks.push({ id: "jamf-version", label: "Jamf Pro version", ok: true, message: `Jamf Pro ${version.value} supports key rotation (11.14 or later).` });
  } else {
    fail({ id: "jamf-version", label: "Jamf Pro version", message: version.error.message }, version.error);
  }
  let jamfKeyId: string | null = null;
  if (cdp.ok) jamfKeyId = recordCdpCheck(cdp.value, fail, checks);
  else fail({ id: "jamf-cdp", label: "Cloud distribution point", message: cdp.error.message }, cdp.error);
  const privilegeResult = privilegesCheck({ auth: target.jamfAuth, reading: privileges, cdpRead: cdp.ok });
  if (privilegeResult.problem) fail(privilegeResult.check, privilegeResult.problem);
  else checks.push(privilegeResult.check);

  let iamUser = configuredUser;
  let discovered = false;
  let knownUse: AccessKeyLastUsed | null = null;
  if (!iamUser && jamfKeyId) {
    const owner = await settle(aws.getAccessKeyLastUsed(jamfKeyId));
    if (owner.ok) {
      iamUser = owner.value.userName;
      discovered = true;
      knownUse = owner.value;
    } else {
      fail({ id: "iam-user", label: "IAM user", message: `The IAM user of Jamf Pro's key ${maskKeyId(jamfKeyId)} could not be found: ${owner.error.message}` }, owner.error);
    }
  }
  if (iamUser) {
    checks.push({
      id: "iam-user",
      label: "IAM user",
      ok: true,
      message: discovered ? `Jamf Pro's key belongs to IAM user ${iamUser} (found from the key id).` : `IAM user ${iamUser} (from the instance's settings).`,
    });
  } else if (!jamfKeyId && !checks.some((c) => c.id === "iam-user")) {
    checks.push({ id: "iam-user", label: "IAM user", ok: false, state: "not-checked", message: "Not checked: Jamf Pro's key id is needed to find the IAM user." });
  }

  const userKeys = iamUser ? await (userKeysRead ?? settle(readUserKeys(aws, iamUser, knownUse))) : null;
  let facts: PreflightFacts | null = null;
  if (userKeys && !userKeys.ok) {
    fail({ id: "iam-keys", label: "Keys of the IAM user", message: `The keys of IAM user ${iamUser} could not be read: ${userKeys.error.message}` }, userKeys.error);
  } else if (userKeys && iamUser) {
    const { keys, lastUse, permissionProblems } = userKeys.value;
    const held = jamfKeyId ? keys.find((key) => key.accessKeyId === jamfKeyId) : undefined;
    if (jamfKeyId) {
      if (!held) {
        const owner = await settle(aws.getAccessKeyLastUsed(jamfKeyId));
        const whose = owner.ok && owner.value.userName !== iamUser ? `; it belongs to IAM user ${owner.value.userName}` : "";
        const message = `Jamf Pro's key ${maskKeyId(jamfKeyId)} is not a key of IAM user ${iamUser}${whose}.`;
        fail({ id: "jamf-key", label: "Jamf Pro's key", message }, drift(message));
      } else if (held.status !== "Active") {
        const message = `Jamf Pro's key ${maskKeyId(jamfKeyId)} is inactive in AWS, so Jamf Pro cannot use it.`;
        fail({ id: "jamf-key", label: "Jamf Pro's key", message }, drift(message));
      } else {
        checks.push({
          id: "jamf-key",
          label: "Jamf Pro's key",
          ok: true,
          message: `Jamf Pro's key ${maskKeyId(jamfKeyId)} is an active key of ${iamUser}, ${daysWord(ageInDays(held.createDate, input.now))} old.`,
        });
      }
    }
    const scan = jamfKeyId && holdersRead ? await holdersRead : null;
    const slots = jamfKeyId
      ? assessKeySlots({ keys, lastUse, jamfKeyId, iamUser, now: input.now, idleDays: input.inactiveKeyIdleDays })
      : null;
    // The user's other key held by another instance: never deleted, never a free slot.
    const otherKey = jamfKeyId && scan?.ok ? keys.find((key) => key.accessKeyId !== jamfKeyId && scan.value.heldElsewhere.some((h) => h.keyId === key.accessKeyId)) : undefined;
    if (otherKey && scan?.ok && held) {
      const error = sharedUserProblem(otherKey.accessKeyId, iamUser, scan.value.heldElsewhere.filter((h) => h.keyId === otherKey.accessKeyId));
      fail({ id: "key-slots", label: "Room for a new key", message: error.message }, error);
    } else if (!slots) checks.push({ id: "key-slots", label: "Room for a new key", ok: false, state: "not-checked", message: "Not checked: Jamf Pro's key is not known." });
    else if (!held) checks.push({ id: "key-slots", label: "Room for a new key", ok: false, state: "not-checked", message: `Not checked: Jamf Pro's key is not a key of ${iamUser}.` });
    else if (slots.problem) fail({ id: "key-slots", label: "Room for a new key", message: slots.problem.message }, slots.problem);
    else checks.push({ id: "key-slots", label: "Room for a new key", ok: true, message: slots.message });
    if (permissionProblems.length) {
      const message = `The admin identity is not allowed ${permissionProblems.join(", ")} on IAM user ${iamUser}.`;
      fail(
        { id: "iam-permissions", label: "Admin's IAM permissions", message },
        { code: "AWS_ACCESS_DENIED", message, action: "Grant the admin identity the policy shown under Least privilege (cdp-key-rotator policy), then try again." },
      );
    } else {
      checks.push({
        id: "iam-permissions",
        label: "Admin's IAM permissions",
        ok: true,
        message: `The admin identity may list, inspect, deactivate and delete the keys of ${iamUser} (creating a key is checked when it happens).`,
      });
    }
    if (jamfKeyId && scan) {
      const label = "Other instances";
      if (!scan.ok) {
        checks.push({ id: "shared-key", label, ok: false, state: "not-checked", message: `Not checked: ${scan.error.message}` });
      } else if (scan.value.holders.length > 0) {
        const error = sharedKeyProblem(jamfKeyId, iamUser, scan.value.holders);
        fail({ id: "shared-key", label, message: error.message }, error);
      } else if (scan.value.unread.length > 0) {
        checks.push({ id: "shared-key", label, ok: false, state: "not-checked", message: sharedKeyUnchecked(scan.value.unread) });
      } else {
        checks.push({ id: "shared-key", label, ok: true, message: "No other instance set up here holds this key." });
      }
    }
    if (!problem && jamfKeyId && held && version.ok && cdp.ok) {
      facts = {
        iamUser,
        iamUserDiscovered: discovered,
        jamfVersion: version.value,
        jamfKeyId,
        jamfMaster: cdp.value.master,
        keys,
        lastUse,
        inactiveKeyToDelete: slots?.inactiveKeyToDelete ?? null,
        warnings: privilegeResult.warning ? [privilegeResult.warning] : [],
      };
    }
  }
  const report: PreflightReport = {
    ok: problem === null && facts !== null,
    checks,
    discoveredIamUser: discovered ? iamUser : null,
    jamfVersion,
    jamfKeyId,
  };
  return { report, facts: report.ok ? facts : null, problem: report.ok ? null : (problem ?? unknownProblem()) };
}

/** Records the CDP check; returns Jamf Pro's key id when the CDP is an AWS one with a key. */
function recordCdpCheck(
  cdp: CloudDistributionPoint,
  fail: (check: Omit<PreflightCheck, "ok">, error: AppErrorData) => void,
  checks: PreflightCheck[],
): string | null {
  const label = "Cloud distribution point";
  if (cdp.cdnType !== "AMAZON_S3") {
    const message = `Jamf Pro's cloud distribution point uses ${cdp.cdnType}, not Amazon Web Services: there is no AWS key to rotate.`;
    fail(
      { id: "jamf-cdp", label, message },
      {
        code: "JAMF_CDP_NOT_AWS",
        message,
        action:
          "If this Jamf Pro should keep its packages in Amazon S3, set that up first in Jamf Pro > Settings > Server > Cloud distribution point; if this is the wrong server, check the instance's Jamf Pro URL.",
      },
    );
    return null;
  }
  if (!cdp.username) {
    const message = "Jamf Pro's AWS cloud distribution point holds no access key id.";
    fail({ id: "jamf-cdp", label, message }, drift(message));
    return null;
  }
  checks.push({ id: "jamf-cdp", label, ok: true, message: `Amazon Web Services, using access key ${maskKeyId(cdp.username)}.` });
  return cdp.username;
}

async function readUserKeys(aws: AwsIamGateway, userName: string, known: AccessKeyLastUsed | null = null): Promise<UserKeys> {
  const [keys, updateProblem, deleteProblem] = await Promise.all([
    aws.listAccessKeys(userName),
    probe(() => aws.updateAccessKeyStatus(userName, PROBE_KEY_ID, "Inactive"), "iam:UpdateAccessKey"),
    probe(() => aws.deleteAccessKey(userName, PROBE_KEY_ID), "iam:DeleteAccessKey"),
  ]);
  const permissionProblems = [updateProblem, deleteProblem].filter((p): p is string => p !== null);
  const lastUse = new Map<string, AccessKeyLastUsed>();
  const uses = await Promise.all(
    keys.map((key) => (known?.accessKeyId === key.accessKeyId ? Promise.resolve(known) : aws.getAccessKeyLastUsed(key.accessKeyId))),
  ).catch((error: unknown) => {
    if (hasCode(error, "AWS_ACCESS_DENIED")) {
      permissionProblems.unshift("iam:GetAccessKeyLastUsed");
      return [];
    }
    throw error;
  });
  for (const use of uses) lastUse.set(use.accessKeyId, use);
  return { keys, lastUse, permissionProblems };
}

/** Null when the action is allowed (AWS answered NoSuchEntity for the probe key). */
async function probe(call: () => Promise<void>, action: string): Promise<string | null> {
  try {
    await call();
    return null;
  } catch (error) {
    if (hasCode(error, "AWS_NO_SUCH_ENTITY")) return null;
    if (hasCode(error, "AWS_ACCESS_DENIED")) return action;
    throw error;
  }
}

function drift(message: string): AppErrorData {
  return {
    code: "DRIFT",
    message,
    action: "Check which key Jamf Pro should hold (Jamf Pro > Settings > Server > Cloud Distribution Point) and the instance's IAM user, then try again.",
  };
}

function unknownProblem(): AppErrorData {
  return { code: "ROTATION_PREFLIGHT_FAILED", message: "The preflight could not complete its checks.", action: "Try again." };
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

async function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, error: toErrorData(error) };
  }
}
