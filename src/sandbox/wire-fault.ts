// Faults either peer can inject into one kind of request, the ways a real service or the network
// between fails: an error status, a dropped connection, no answer at all, a body that is not what
// the protocol promises, and the nastiest one, "apply, then drop the connection" (the change
// happened, the client saw only a failure).
import type { WireFault } from "./sandbox-types";

export const WIRE_FAULTS: readonly WireFault[] = [
  "http-500",
  "http-503",
  "reset",
  "no-answer",
  "throttle",
  "expired-token",
  "forbidden",
  "malformed",
  "apply-then-drop",
];

/** How long a "no-answer" request is held open before the peer drops it (the client gives up first). */
export const NO_ANSWER_HOLD_MS = 60_000;

interface PendingWireFault {
  key: string;
  fault: WireFault;
  skip: number;
  remaining: number;
}

/** Pending faults by request key (an AWS action, or "METHOD /path" for Jamf Pro). */
export class WireFaultQueue {
  private pending: PendingWireFault[] = [];

  add(key: string, fault: WireFault, options: { times?: number; skip?: number } = {}): void {
    if (!WIRE_FAULTS.includes(fault)) throw new Error(`Unknown fault "${String(fault)}"; use one of ${WIRE_FAULTS.join(", ")}.`);
    const times = options.times ?? 1;
    const skip = options.skip ?? 0;
    if (!Number.isInteger(times) || times < 1) throw new Error("times must be a positive whole number.");
    if (!Number.isInteger(skip) || skip < 0) throw new Error("skip must be a whole number, 0 or more.");
    this.pending.push({ key: key.toLowerCase(), fault, skip, remaining: times });
  }

  /** The fault for this request, if one is due (a matching rule still skipping lets it pass). */
  take(key: string): WireFault | null {
    const wanted = key.toLowerCase();
    const rule = this.pending.find((r) => r.key === wanted);
    if (!rule) return null;
    if (rule.skip > 0) {
      rule.skip -= 1;
      return null;
    }
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.pending.splice(this.pending.indexOf(rule), 1);
    return rule.fault;
  }

  list(): Array<{ key: string; fault: WireFault; skip: number; remaining: number }> {
    return this.pending.map((r) => ({ ...r }));
  }

  clear(): void {
    this.pending = [];
  }
}

/** Ends a request without an answer: at once ("reset") or after holding it open ("no-answer"). */
export function dropConnection(socket: { destroy(): void; once(event: "close", listener: () => void): unknown }, after: "now" | "hold"): void {
  if (after === "now") {
    socket.destroy();
    return;
  }
  const timer = setTimeout(() => socket.destroy(), NO_ANSWER_HOLD_MS);
  timer.unref();
  socket.once("close", () => clearTimeout(timer));
}
