// The system clock, adding up the time the engine deliberately waits (backoff, check intervals),
// so the bench can tell waiting from calling.
import { systemClock, type Clock } from "../../src/core/ports";

export class MeasuredClock implements Clock {
  sleptMs = 0;

  now(): Date {
    return systemClock.now();
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    const started = performance.now();
    try {
      await systemClock.sleep(ms, signal);
    } finally {
      this.sleptMs += performance.now() - started;
    }
  }
}
