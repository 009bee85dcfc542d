// IAM allows two access keys per user, inactive ones included. The rule (the seed procedure's):
// - only Jamf Pro's key → room for the new key;
// - a second ACTIVE key → stop: find out what it is used for and move that elsewhere first;
// - a second INACTIVE key → offer to delete it (an extra confirmed step), unless it was used
//   recently, which suggests something still wants it → stop and explain.
import type { AppErrorData } from "../../shared/errors";
import { maskKeyId } from "../../shared/mask";
import type { AccessKeyLastUsed, AccessKeyMetadata } from "../aws/aws-types";
import { ageInDays, daysWord } from "../status/key-age";

export interface KeySlotInput {
  keys: AccessKeyMetadata[];
  lastUse: Map<string, AccessKeyLastUsed>;
  jamfKeyId: string | null;
  iamUser: string;
  now: Date;
  idleDays: number;
}

export interface KeySlotAssessment {
  message: string;
  problem: AppErrorData | null;
  inactiveKeyToDelete: string | null;
}

export function assessKeySlots(input: KeySlotInput): KeySlotAssessment {
  const others = input.keys.filter((key) => key.accessKeyId !== input.jamfKeyId);
  const other = others[0];
  if (!other) return { message: `Room for a second key: ${input.iamUser} has only Jamf Pro's key.`, problem: null, inactiveKeyToDelete: null };
  const use = input.lastUse.get(other.accessKeyId);
  const used = describeUse(use, input.now);
  if (other.status === "Active" || others.length > 1) {
    const message = `IAM user ${input.iamUser} already has two active keys: Jamf Pro's ${maskKeyId(input.jamfKeyId)} and ${maskKeyId(other.accessKeyId)} (${used}). IAM allows only two keys per user.`;
    return {
      message,
      inactiveKeyToDelete: null,
      problem: {
        code: "TWO_ACTIVE_KEYS",
        message,
        action: `Find out what ${maskKeyId(other.accessKeyId)} is used for and move that to another IAM user, then delete the key and rotate again.`,
      },
    };
  }
  const lastUsed = use?.lastUsedDate ?? null;
  if (lastUsed && ageInDays(lastUsed, input.now) < input.idleDays) {
    const message = `The inactive key ${maskKeyId(other.accessKeyId)} of ${input.iamUser} was ${used}, so something may still want it; it takes the slot the new key needs.`;
    return {
      message,
      inactiveKeyToDelete: null,
      problem: {
        code: "ROTATION_PREFLIGHT_FAILED",
        message,
        action: `Find out what used ${maskKeyId(other.accessKeyId)}; if nothing needs it, delete it in the IAM console and rotate again.`,
      },
    };
  }
  return {
    message: `The inactive key ${maskKeyId(other.accessKeyId)} (${used}) takes the second slot; you will be asked to delete it first.`,
    problem: null,
    inactiveKeyToDelete: other.accessKeyId,
  };
}

function describeUse(use: AccessKeyLastUsed | undefined, now: Date): string {
  if (!use) return "last use unknown";
  if (!use.lastUsedDate) return "never used";
  const where = [use.serviceName, use.region].filter(Boolean).join(" in ");
  const ago = ageInDays(use.lastUsedDate, now);
  return `last used ${ago === 0 ? "today" : `${daysWord(ago)} ago`}${where ? ` by ${where}` : ""}`;
}
