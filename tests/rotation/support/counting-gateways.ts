// Wraps the real gateways to record every AWS / Jamf Pro call with its start and end, so a test
// can measure how many calls a rotation makes and how many of them had to run one after another.
import type { Target } from "../../../src/shared/domain";
import type { TargetGateways } from "../../../src/core/rotation/target-gateways";

export interface CallRecord {
  name: string;
  start: number;
  end: number;
}

export interface CountingGateways extends TargetGateways {
  calls: CallRecord[];
  reset(): void;
  /** Longest chain of calls where each starts after the previous one ended. */
  sequentialDepth(): number;
}

export function countingGateways(inner: TargetGateways): CountingGateways {
  const calls: CallRecord[] = [];
  let tick = 0;
  const wrap = <T extends object>(side: string, gateway: T): T =>
    new Proxy(gateway, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (typeof value !== "function" || property === "close") return value;
        return async (...args: unknown[]) => {
          const record: CallRecord = { name: `${side}.${String(property)}`, start: ++tick, end: Number.POSITIVE_INFINITY };
          calls.push(record);
          try {
            return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          } finally {
            record.end = ++tick;
          }
        };
      },
    });
  return {
    calls,
    aws: async (target: Target) => wrap("aws", await inner.aws(target)),
    jamf: async (target: Target, options) => wrap("jamf", await inner.jamf(target, options)),
    reset() {
      calls.length = 0;
    },
    sequentialDepth() {
      const sorted = [...calls].sort((a, b) => a.start - b.start);
      const depth = new Map<CallRecord, number>();
      let best = 0;
      for (const call of sorted) {
        let d = 1;
        for (const before of sorted) if (before.end < call.start) d = Math.max(d, (depth.get(before) ?? 1) + 1);
        depth.set(call, d);
        best = Math.max(best, d);
      }
      return best;
    },
  };
}
