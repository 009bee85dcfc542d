// The AWS and Jamf Pro calls a measured piece of work made, read from the sandbox peers' request
// logs, and how many of them ran one after another (the critical path).
//
// Every request to a peer waits the injected latency L before it is answered, so a call that
// starts only after another one answered starts at least L later. The longest chain of calls whose
// starts are each ≥ 0.8·L apart is the number of SEQUENTIAL calls: what the wall time pays for.
// The peers stamp differently: the Jamf peer at arrival, the AWS peer after the latency, so AWS
// stamps are moved back by L. S3 requests are Jamf Pro's own (its connection test signs a
// ListObjectsV2 with the stored key), made inside a test-connection call, so they are not ours.
import type { AwsRequestRecord, JamfRequestRecord } from "../../src/sandbox/sandbox-types";

export interface Call {
  peer: "aws" | "jamf";
  /** "iam:CreateAccessKey", "sts:GetCallerIdentity", "PATCH /api/v1/cloud-distribution-point" … */
  name: string;
  /** ms since epoch, when the peer received it. */
  start: number;
  /** Requests in flight at the Jamf peer when it arrived (itself included). */
  inFlight: number | null;
}

export function awsCalls(records: AwsRequestRecord[], latencyMs: number): Call[] {
  return records
    .filter((r) => !r.action.startsWith("s3:"))
    .map((r) => ({ peer: "aws" as const, name: r.action, start: Date.parse(r.at) - latencyMs, inFlight: null }));
}

export function jamfCalls(records: JamfRequestRecord[]): Call[] {
  return records.map((r) => ({ peer: "jamf" as const, name: `${r.method} ${normalizePath(r.path)}`, start: Date.parse(r.at), inFlight: r.inFlight ?? null }));
}

/** Length of the longest chain of calls each starting after the previous one answered. */
export function sequentialCalls(calls: Call[], latencyMs: number): number {
  const sorted = [...calls].sort((a, b) => a.start - b.start);
  const gap = latencyMs * 0.8;
  const chain: number[] = [];
  let best = 0;
  for (let i = 0; i < sorted.length; i++) {
    let longest = 0;
    for (let j = 0; j < i; j++) {
      if ((sorted[j]?.start ?? 0) + gap <= (sorted[i]?.start ?? 0)) longest = Math.max(longest, chain[j] ?? 0);
    }
    chain.push(longest + 1);
    best = Math.max(best, longest + 1);
  }
  return best;
}

export function countByName(calls: Call[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const call of calls) counts[call.name] = (counts[call.name] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

export function timeline(calls: Call[]): Array<{ atMs: number; call: string }> {
  const sorted = [...calls].sort((a, b) => a.start - b.start);
  const first = sorted[0]?.start ?? 0;
  return sorted.map((call) => ({ atMs: call.start - first, call: call.name }));
}

/** History notes are POSTed to /api/v1/cloud-distribution-point/history; ids in paths are folded. */
function normalizePath(path: string): string {
  return path.replace(/\/\d+(?=\/|$)/g, "/{id}");
}
