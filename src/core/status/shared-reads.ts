// The reads of one status refresh that targets can share: targets on one Jamf Pro session (same
// server and identity) see the same cloud distribution point, and targets on one AWS gateway (same
// AWS configuration) asking about the same IAM user see the same keys. Within one refresh, which
// writes nothing, the first such read answers them all; the next refresh reads again. Each caller
// gets its own copy, so no target's status can change another's.
export class SharedReads {
  private readonly reads = new Map<object, Map<string, Promise<unknown>>>();

  /** `read()` once per owner and key in this refresh; no owner, no sharing. */
  async once<T>(owner: object | undefined, key: string, read: () => Promise<T>): Promise<T> {
    if (!owner) return read();
    let byKey = this.reads.get(owner);
    if (!byKey) {
      byKey = new Map();
      this.reads.set(owner, byKey);
    }
    let pending = byKey.get(key) as Promise<T> | undefined;
    if (!pending) {
      pending = read();
      byKey.set(key, pending);
    }
    return structuredClone(await pending);
  }
}
