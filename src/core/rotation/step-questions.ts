// Every question the rotation asks the admin, in words: the app's confirmation panel and the CLI's
// prompt both show exactly these texts, so the admin reads the same question in either.
import type { RotationStepId, StepQuestion } from "../../shared/domain";
import { assertNever } from "../../shared/errors";
import { maskKeyId } from "../../shared/mask";
import type { AccessKeyLastUsed } from "../aws/aws-types";
import { formatWhen } from "../../shared/when";
import type { RotationJournal } from "./rotation-journal";
import { describeStep, STEP_TITLES } from "./step-descriptions";

/** The question before a step that changes AWS or Jamf Pro: what it will do, go ahead or not. */
export function confirmQuestion(id: RotationStepId, journal: RotationJournal, description = describeStep(id, journal)): StepQuestion {
  const irreversible = id === "delete-old-key" || id === "delete-inactive-key";
  return {
    severity: "confirm",
    title: STEP_TITLES[id],
    text: description,
    details: [],
    approveLabel: irreversible ? "Delete key" : "Confirm",
    declineLabel: "Cancel",
    declineHint: declineHint(id, journal),
    irreversible,
  };
}

/** What Cancel leads to at each step, so the admin knows before choosing it. */
function declineHint(id: RotationStepId, journal: RotationJournal): string {
  switch (id) {
    case "delete-inactive-key":
      return "Cancel keeps the inactive key and ends the rotation; nothing changes.";
    case "create-key":
      return "Cancel ends the rotation before anything changes.";
    case "update-jamf":
      return "Cancel deletes the new key and ends the rotation; Jamf Pro keeps the key it has.";
    case "deactivate-old-key":
      return "Cancel pauses the rotation with both keys active; you can resume or abort it later.";
    case "delete-old-key":
      return `Cancel keeps the old key inactive for ${journal.graceDays} days; delete it later with Finish.`;
    case "preflight":
    case "verify-key":
    case "verify-jamf":
    case "check-old-key-idle":
    case "close":
      return "Cancel stops the rotation before this step.";
    default:
      return assertNever(id, "rotation step");
  }
}

/** The warning when AWS saw the old key used after Jamf Pro switched to the new key. */
export function oldKeyInUseQuestion(oldKeyId: string, use: AccessKeyLastUsed): StepQuestion {
  return {
    severity: "warning",
    title: "The old key is still in use",
    text: `The old key ${maskKeyId(oldKeyId)} was used after Jamf Pro switched to the new key, so something else still uses it (AutoPkg JamfUploader in aws_cdp_mode, scripts). Deactivate it anyway?`,
    details: [
      `Last used: ${describeUse(use)}.`,
      `Deactivating ${maskKeyId(oldKeyId)} now breaks whatever still uses it until it is given the new key.`,
    ],
    approveLabel: "Continue anyway",
    declineLabel: "Stop and keep both keys",
    declineHint: "Stopping keeps both keys active; you can continue or abort the rotation later.",
    irreversible: false,
  };
}

/** Why a stray key exists: the create-key step saw CreateAccessKey fail, or resume found it later. */
export type StrayKeyCause = "create-failed" | "interrupted";

/** AWS made keys during this rotation whose secret never reached the Keychain (stray-keys.ts). */
export function strayKeyQuestion(strayKeyIds: string[], oldKeyId: string | null, cause: StrayKeyCause): StepQuestion {
  const keys = strayKeyIds.map((id) => maskKeyId(id)).join(", ");
  const one = strayKeyIds.length === 1;
  const what =
    cause === "create-failed"
      ? `Creating the new key failed midway, but AWS made ${keys} anyway. ${one ? "Its secret" : "Their secrets"} never reached this app`
      : `AWS made ${keys} earlier in this rotation, but ${one ? "its secret" : "their secrets"} never reached the Keychain (the run stopped first)`;
  return {
    // "confirm": a clean-up the app proposes, so --yes may answer it (unlike a warning).
    severity: "confirm",
    title: one ? "AWS made a key whose secret never arrived" : "AWS made keys whose secrets never arrived",
    text: `${what}, so nothing can ever use ${one ? "it" : "them"}. Delete ${one ? "it" : "them"} before ${cause === "create-failed" ? "trying again" : "creating a new key"}?`,
    details: [
      `${keys}: created during this rotation, never used, not held by Jamf Pro.`,
      `Jamf Pro still uses ${maskKeyId(oldKeyId)}; it is not touched.`,
      "Deleting cannot be undone.",
    ],
    approveLabel: one ? "Delete key" : "Delete keys",
    declineLabel: one ? "Keep it for now" : "Keep them for now",
    declineHint: `Keeping ${one ? "it" : "them"} leaves the rotation open: Resume asks again, Abort deletes ${one ? "it" : "them"} and ends the rotation (or delete ${one ? "it" : "them"} in the IAM console).`,
    irreversible: true,
  };
}

/** "3 Dec 2026 at 05:12 UTC by s3 in us-east-1". */
export function describeUse(use: AccessKeyLastUsed): string {
  const at = use.lastUsedDate ? formatWhen(use.lastUsedDate) : "at an unknown time";
  const by = use.serviceName ? ` by ${use.serviceName}` : "";
  const where = use.region ? ` in ${use.region}` : "";
  return `${at}${by}${where}`;
}

/** The question as the CLI prints it: title, text, facts, and what declining does. */
export function questionLines(question: StepQuestion): string[] {
  return [question.title, question.text, ...question.details, question.declineHint];
}
