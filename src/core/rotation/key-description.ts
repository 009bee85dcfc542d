// The IAM console's access key "description" (seed step 8): an IAM user tag whose key is the access
// key id. Ours name the Jamf Pro server, this tool and the day, so anyone in the console can tell
// which key Jamf Pro uses and what made it.
import type { Target } from "../../shared/domain";

export const ROTATOR_MARK = "CDP Key Rotator";
/** IAM tag values: at most 256 of letters, digits, spaces and _ . : / = + - @. */
export const TAG_VALUE_MAX = 256;
const NOT_ALLOWED_IN_TAG = /[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu;

/** IAM refuses any other character, so it is replaced, and the value cut to IAM's length. */
export function sanitizeTagValue(value: string): string {
  return value.replace(NOT_ALLOWED_IN_TAG, "-").slice(0, TAG_VALUE_MAX);
}

function hostOf(jamfUrl: string): string {
  try {
    return new URL(jamfUrl).host;
  } catch {
    return jamfUrl;
  }
}

/** "Jamf Pro CDP acme.jamfcloud.com - CDP Key Rotator - 2026-12-02" (IAM allows no "·"). */
export function keyDescriptionFor(target: Pick<Target, "jamfUrl">, at: Date): string {
  return sanitizeTagValue(`Jamf Pro CDP ${hostOf(target.jamfUrl)} - ${ROTATOR_MARK} - ${at.toISOString().slice(0, 10)}`);
}

/** Whether a description says one of our rotations made the key for this target's Jamf Pro server. */
export function madeByRotatorFor(description: string | null | undefined, target: Pick<Target, "jamfUrl">): boolean {
  return !!description && description.startsWith(sanitizeTagValue(`Jamf Pro CDP ${hostOf(target.jamfUrl)} - ${ROTATOR_MARK} - `));
}

/** Whether a description says one of our rotations made the key. */
export function madeByRotator(description: string | null | undefined): boolean {
  return !!description && description.includes(ROTATOR_MARK);
}
