// The statuses the backend last read, per target, in the order of the targets file. The first
// list() reads every target; later lists are served from memory (refresh reads again).
import type { TargetStatus } from "../../shared/domain";
import type { StatusService } from "../status/status-service";
import type { TargetStore } from "../store/store-types";

export class StatusCache {
  private readonly byId = new Map<string, TargetStatus>();

  constructor(
    private readonly targets: TargetStore,
    private readonly service: StatusService,
  ) {}

  /** Every target's status; targets never read yet are read now. */
  async list(): Promise<TargetStatus[]> {
    const targets = await this.targets.list();
    const missing = targets.filter((target) => !this.byId.has(target.id));
    const read = await Promise.all(missing.map((target) => this.service.statusOf(target)));
    for (const status of read) this.byId.set(status.targetId, status);
    return this.ordered(targets.map((t) => t.id));
  }

  /** Reads again: one target (returned alone) or all of them. */
  async refresh(targetId?: string): Promise<TargetStatus[]> {
    const fresh = await this.service.refresh(targetId);
    if (targetId === undefined) this.byId.clear();
    for (const status of fresh) this.byId.set(status.targetId, status);
    return fresh;
  }

  /** Everything known, in target order (for the status event). */
  async all(): Promise<TargetStatus[]> {
    const targets = await this.targets.list();
    return this.ordered(targets.map((t) => t.id));
  }

  drop(targetId: string): void {
    this.byId.delete(targetId);
  }

  private ordered(ids: string[]): TargetStatus[] {
    return ids.map((id) => this.byId.get(id)).filter((s): s is TargetStatus => s !== undefined);
  }
}
