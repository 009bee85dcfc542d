// Main → renderer events of the core backend (status changes, rotation snapshots, navigation).
import type { IpcEventChannel, IpcEvents } from "../../shared/ipc-contract";
import type { Logger } from "../ports";

type Listener<E extends IpcEventChannel> = (payload: IpcEvents[E]) => void;

export class EventHub {
  private readonly listeners = new Map<IpcEventChannel, Set<Listener<IpcEventChannel>>>();

  constructor(private readonly logger: Logger) {}

  on<E extends IpcEventChannel>(event: E, listener: Listener<E>): () => void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener as Listener<IpcEventChannel>);
    this.listeners.set(event, set);
    return () => {
      set.delete(listener as Listener<IpcEventChannel>);
    };
  }

  emit<E extends IpcEventChannel>(event: E, payload: IpcEvents[E]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) {
      try {
        listener(payload);
      } catch (error) {
        this.logger.log("warn", "An event listener failed", { event, reason: error instanceof Error ? error.message : String(error) });
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
