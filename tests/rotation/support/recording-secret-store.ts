// A SecretStore wrapper that remembers every secret value written through it, so leak checks
// know exactly which strings must never show up in files, logs or snapshots.
import type { SecretStore } from "../../../src/core/ports";

export class RecordingSecretStore implements SecretStore {
  readonly written = new Set<string>();

  constructor(private readonly inner: SecretStore) {}

  get(account: string): Promise<string | null> {
    return this.inner.get(account);
  }

  async set(account: string, secret: string): Promise<void> {
    this.written.add(secret);
    // Pending keys are JSON {accessKeyId, secretAccessKey}: the secret inside counts too.
    try {
      const parsed = JSON.parse(secret) as { secretAccessKey?: unknown };
      if (typeof parsed.secretAccessKey === "string") this.written.add(parsed.secretAccessKey);
    } catch {
      // not JSON
    }
    await this.inner.set(account, secret);
  }

  delete(account: string): Promise<boolean> {
    return this.inner.delete(account);
  }
}
