// What the sandbox itself says after a flow: which keys the CDP's IAM user has, which one Jamf Pro
// holds, and which calls reached Jamf Pro's CDP endpoint. The tests assert on these, not on the UI.
import type { SandboxKeyView, SandboxWorld } from "../../../src/sandbox/sandbox-types";

export const CDP_PATH = "/api/v1/cloud-distribution-point";

export function cdpUserKeys(world: SandboxWorld): SandboxKeyView[] {
  return world.aws.control.listKeys(world.cdpUser);
}

export function activeKeyIds(world: SandboxWorld): string[] {
  return cdpUserKeys(world)
    .filter((key) => key.status === "Active")
    .map((key) => key.accessKeyId)
    .sort();
}

export function jamfKeyId(world: SandboxWorld): string {
  return world.jamf.control.getCdp().username;
}

/** The secret Jamf Pro stores (in-process control only; the HTTP API never shows it). */
export function jamfSecret(world: SandboxWorld): string {
  return world.jamf.control.getCdp().password;
}

/** Creating or deleting the whole CDP would be a disaster; a rotation only PATCHes it. */
export function cdpCreateOrDeleteCalls(world: SandboxWorld): string[] {
  return world.jamf.control
    .requests()
    .filter((request) => request.path === CDP_PATH && (request.method === "POST" || request.method === "DELETE"))
    .map((request) => `${request.method} ${request.path}`);
}

export function cdpPatchCount(world: SandboxWorld): number {
  return world.jamf.control.requests().filter((request) => request.path === CDP_PATH && request.method === "PATCH").length;
}

/**
 * The invariant after any finished flow: exactly one active key, Jamf Pro holds it, and no key
 * that nobody holds is left active (an orphan).
 */
export function invariantProblems(world: SandboxWorld): string[] {
  const problems: string[] = [];
  const active = activeKeyIds(world);
  const held = jamfKeyId(world);
  if (active.length !== 1) problems.push(`expected exactly one active key, found ${active.length}`);
  if (!active.includes(held)) problems.push("Jamf Pro holds a key that is not active");
  const orphans = active.filter((id) => id !== held);
  if (orphans.length > 0) problems.push(`${orphans.length} active key(s) nobody holds`);
  return problems;
}
