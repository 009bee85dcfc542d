// Jamf asks API clients to keep to at most 5 concurrent connections per server. One limiter per
// origin is shared by every JamfClient in the process, so two targets on one server (or the app's
// status refresh next to a rotation) never exceed it together.

export const JAMF_MAX_CONCURRENT = 5;

export class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly capacity: number) {}

  async acquire(): Promise<() => void> {
    if (this.active < this.capacity) {
      this.active += 1;
    } else {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, so `active` stays the same.
      if (next) next();
      else this.active -= 1;
    };
  }
}

const perOrigin = new Map<string, Semaphore>();

export function originLimiter(origin: string): Semaphore {
  let limiter = perOrigin.get(origin);
  if (!limiter) {
    limiter = new Semaphore(JAMF_MAX_CONCURRENT);
    perOrigin.set(origin, limiter);
  }
  return limiter;
}
