// Timers passed in as a port, so schedulers are tested with a fake clock instead of waiting.
export type TimerHandle = unknown;

export interface TimerPort {
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export interface NowPort {
  now(): Date;
}

export const systemTimers: TimerPort = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // Background timers never keep the process alive on their own.
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
