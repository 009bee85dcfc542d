// Test doubles for things out of reach in plain Node: the clock and timers, and TargetStatus values.
import type { TargetState, TargetStatus } from "../../src/shared/domain";
import { DEFAULT_POLICY } from "../../src/shared/domain";
import type { NowPort, TimerPort } from "../../src/main/timers";

export const DAY_MS = 86_400_000;

/** A clock that moves only when told, with timers that fire as it passes their due time. */
export class ManualClock implements NowPort, TimerPort {
  private time: number;
  private nextId = 1;
  private readonly pending = new Map<number, { at: number; callback: () => void }>();

  constructor(start: Date | string = "2025-03-01T09:00:00.000Z") {
    this.time = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.time);
  }

  setTimeout(callback: () => void, ms: number): number {
    const id = this.nextId++;
    this.pending.set(id, { at: this.time + Math.max(0, ms), callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  pendingCount(): number {
    return this.pending.size;
  }

  /** Moves time forward, firing every timer that falls due on the way, in order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      let next: [number, { at: number; callback: () => void }] | null = null;
      for (const entry of this.pending) if (entry[1].at <= end && (!next || entry[1].at < next[1].at)) next = entry;
      if (!next) break;
      this.pending.delete(next[0]);
      this.time = next[1].at;
      next[1].callback();
    }
    this.time = end;
  }
}

export function makeStatus(overrides: Partial<TargetStatus> & { targetId: string; state: TargetState }): TargetStatus {
  return {
    name: overrides.targetId,
    jamfUrl: `https://${overrides.targetId}.jamfcloud.com`,
    iamUser: "jamf-cdp",
    daysLeft: 30,
    dueAt: null,
    jamfKeyId: "AKIAIOSFODNN7EXAMPLE",
    keys: [],
    policy: { ...DEFAULT_POLICY },
    detail: null,
    error: null,
    pendingDeletion: null,
    checkedAt: "2025-03-01T09:00:00.000Z",
    ...overrides,
  };
}

/** Retries an assertion until it passes (for work started by an event, not awaited by the test). */
export async function eventually(check: () => void | Promise<void>, attempts = 100): Promise<void> {
  for (let i = 1; ; i += 1) {
    try {
      await check();
      return;
    } catch (error) {
      if (i >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
