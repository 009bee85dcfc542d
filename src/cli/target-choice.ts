// --target NAME, or nothing when exactly one target exists.
import type { Target } from "../shared/domain";
import { AppError } from "../shared/errors";
import { isLoopbackHost } from "../core/store/jamf-url";
import { targetNameKey } from "../core/store/target-store";
import { quoteName } from "./status-view";

export function resolveTarget(targets: Target[], name: string | undefined): Target {
  if (name !== undefined) {
    const found = targets.find((t) => t.id === name.trim()) ?? targets.find((t) => targetNameKey(t.name) === targetNameKey(name));
    if (found) return found;
    throw new AppError({
      code: "TARGET_NOT_FOUND",
      message: `There is no Jamf Pro instance named "${name}".`,
      action: targets.length
        ? `Use one of: ${targets.map((t) => quoteName(t.name)).join(", ")}.`
        : "Add one first: cdp-key-rotator targets add --name NAME --jamf-url URL --jamf-client-id ID",
    });
  }
  if (targets.length === 1 && targets[0]) return targets[0];
  if (targets.length === 0) {
    throw new AppError({
      code: "TARGET_NOT_FOUND",
      message: "No Jamf Pro instance is set up yet.",
      action: "Add one first: cdp-key-rotator targets add --name NAME --jamf-url URL --jamf-client-id ID",
    });
  }
  throw new AppError({
    code: "INVALID_INPUT",
    message: `${targets.length} Jamf Pro instances are set up, so say which one with --target.`,
    action: `Add --target with one of: ${targets.map((t) => quoteName(t.name)).join(", ")}.`,
  });
}

/**
 * --no-keychain keeps a rotation's new key only in this process's memory, so it is refused for
 * anything but a Jamf Pro server on this computer (the sandbox).
 */
export function assertSandboxTarget(target: Pick<Target, "name" | "jamfUrl">): void {
  let host = "";
  try {
    host = new URL(target.jamfUrl).hostname;
  } catch {
    host = "";
  }
  if (isLoopbackHost(host)) return;
  throw new AppError({
    code: "INVALID_INPUT",
    message: `--no-keychain is for the local sandbox only, and "${target.name}" is at ${target.jamfUrl}.`,
    action: "Leave out --no-keychain so secrets (and a rotation's new key) are kept safely in the Keychain.",
  });
}
