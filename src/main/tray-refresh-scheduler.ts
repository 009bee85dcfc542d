// Decides when the tray is redrawn: at once on every status change and on wake (resume,
// unlock-screen), and otherwise at most once a minute, so "12d" turns into "11d" overnight
// without a busy loop and a stale badge never survives a sleep.
import type { NowPort, TimerHandle, TimerPort } from "./timers";

export type TrayRefreshReason = "start" | "status-change" | "resume" | "unlock-screen" | "tick";

export interface TrayRefreshScheduler {
  start(): void;
  /** Redraw now (status changed, woke from sleep, screen unlocked). */
  trigger(reason: Exclude<TrayRefreshReason, "start" | "tick">): void;
  stop(): void;
}

export interface TrayRefreshSchedulerOptions {
  render(now: Date, reason: TrayRefreshReason): void;
  clock: NowPort;
  timers: TimerPort;
  /** Quiet-time redraw interval; also the minimum gap between two periodic redraws. */
  intervalMs?: number;
}

export const TRAY_REFRESH_INTERVAL_MS = 60_000;

export function createTrayRefreshScheduler(options: TrayRefreshSchedulerOptions): TrayRefreshScheduler {
  const intervalMs = options.intervalMs ?? TRAY_REFRESH_INTERVAL_MS;
  let handle: TimerHandle | null = null;
  let running = false;

  const schedule = () => {
    if (handle !== null) options.timers.clearTimeout(handle);
    handle = running
      ? options.timers.setTimeout(() => {
          handle = null;
          redraw("tick");
        }, intervalMs)
      : null;
  };

  const redraw = (reason: TrayRefreshReason) => {
    try {
      options.render(options.clock.now(), reason);
    } finally {
      // Every redraw restarts the quiet-time countdown: periodic redraws stay a full interval apart.
      schedule();
    }
  };

  return {
    start() {
      if (running) return;
      running = true;
      redraw("start");
    },
    trigger(reason) {
      if (!running) return;
      redraw(reason);
    },
    stop() {
      running = false;
      schedule();
    },
  };
}
