// The floor: the AWS and Jamf Pro calls a SAFE happy-path rotation cannot avoid (IAM user known,
// one active key, old key deleted at the end, N = keyChecksNeeded consecutive STS successes),
// grouped into waves of calls that may run at the same time. Everything the engine does beyond
// this is shown by the bench as "above the floor", with the reason it exists.
//
//  wave  call                                   why it cannot be skipped
//   1    POST /api/oauth/token                  Jamf Pro needs a bearer token (reused afterwards)
//   1    iam:ListAccessKeys                     key slots; the old key belongs to the user, is active
//   2    GET  /api/v1/jamf-pro-version          the CDP credentials API needs Jamf Pro 11.14+
//   2    GET  /api/v1/cloud-distribution-point  which key Jamf Pro holds; AMAZON_S3; `master`
//   3    iam:CreateAccessKey                    the new key
//   4…   sts:GetCallerIdentity × N              consecutive successes with the new key (IAM is
//                                               eventually consistent; each waits for the last)
//   +1   PATCH /api/v1/cloud-distribution-point hand the new key to Jamf Pro
//   +2   GET  .../test-connection  ‖  GET CDP   Jamf Pro proves the new key; it holds its id
//   +3   iam:GetAccessKeyLastUsed (old key)     nothing else used the old key since the switch
//   +4   iam:UpdateAccessKey (Inactive)         deactivate before deleting (AWS's own order)
//   +5   GET  .../test-connection               Jamf Pro still works without the old key
//   +6   iam:DeleteAccessKey  ‖  POST history   delete; note the change in Jamf Pro's history
//
// Total: 8 Jamf Pro + (5 + N) AWS calls; sequential: 3 + N + 6 waves. Wall-time floor: the
// sequential calls × latency, plus the pauses between consecutive STS successes ((N − 1) × the
// check interval), which are a deliberate safety margin, not overhead.

export interface FloorCall {
  name: string;
  count: number;
  wave: string;
}

export function rotationFloor(keyChecksNeeded: number): FloorCall[] {
  const n = keyChecksNeeded;
  return [
    { name: "POST /api/oauth/token", count: 1, wave: "1" },
    { name: "iam:ListAccessKeys", count: 1, wave: "1" },
    { name: "GET /api/v1/jamf-pro-version", count: 1, wave: "2" },
    { name: "GET /api/v1/cloud-distribution-point", count: 2, wave: "2, +2" },
    { name: "iam:CreateAccessKey", count: 1, wave: "3" },
    { name: "sts:GetCallerIdentity", count: n, wave: `4…${3 + n}` },
    { name: "PATCH /api/v1/cloud-distribution-point", count: 1, wave: "+1" },
    { name: "GET /api/v1/cloud-distribution-point/test-connection", count: 2, wave: "+2, +5" },
    { name: "iam:GetAccessKeyLastUsed", count: 1, wave: "+3" },
    { name: "iam:UpdateAccessKey", count: 1, wave: "+4" },
    { name: "iam:DeleteAccessKey", count: 1, wave: "+6" },
    { name: "POST /api/v1/cloud-distribution-point/history", count: 1, wave: "+6" },
  ];
}

export function floorTotals(keyChecksNeeded: number, latencyMs: number, keyCheckIntervalMs: number) {
  const calls = rotationFloor(keyChecksNeeded).reduce((sum, call) => sum + call.count, 0);
  const sequential = 3 + keyChecksNeeded + 6;
  const waitsMs = (keyChecksNeeded - 1) * keyCheckIntervalMs;
  return { calls, sequential, waitsMs, wallMs: sequential * latencyMs + waitsMs };
}

/** Why the engine makes calls beyond the floor (shown next to them). */
export const ABOVE_FLOOR_REASONS: Record<string, string> = {
  "iam:UpdateAccessKey": "preflight checks the permission on a key id that cannot exist (alongside other reads)",
  "iam:DeleteAccessKey": "preflight checks the permission on a key id that cannot exist (alongside other reads)",
  "iam:GetAccessKeyLastUsed": "preflight reads the last use of the user's keys (alongside other reads)",
  "GET /api/v1/cloud-distribution-point": "extra read-back while Jamf Pro refreshes",
  "sts:GetCallerIdentity": "AWS refused the new key at first (propagation)",
  "GET /api/v1/auth": "preflight reads the privileges Jamf Pro reports (alongside other reads)",
  "iam:TagUser": "writes the new key's console description (seed step 8)",
  "iam:UntagUser": "removes the deleted key's console description",
  "POST /api/v1/auth/invalidate-token": "ends the Jamf Pro session when the run is done, so no live token is left behind",
};

/** Measured calls beyond the floor, per call name. */
export function aboveFloor(measured: Record<string, number>, keyChecksNeeded: number): Record<string, number> {
  const floor = new Map(rotationFloor(keyChecksNeeded).map((call) => [call.name, call.count]));
  const extra: Record<string, number> = {};
  for (const [name, count] of Object.entries(measured)) {
    const over = count - (floor.get(name) ?? 0);
    if (over > 0) extra[name] = over;
  }
  return extra;
}

/** Floor calls the measured run did not make (would mean the floor is wrong, or a check is missing). */
export function belowFloor(measured: Record<string, number>, keyChecksNeeded: number): Record<string, number> {
  const missing: Record<string, number> = {};
  for (const call of rotationFloor(keyChecksNeeded)) {
    const short = call.count - (measured[call.name] ?? 0);
    if (short > 0) missing[call.name] = short;
  }
  return missing;
}
