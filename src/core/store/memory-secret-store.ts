// Secrets in memory only: for tests of other modules and the CLI's --no-keychain sandbox mode.
// Everything is gone when the process ends, so never use it for real credentials.
import { AppError } from "../../shared/errors";
import type { SecretStore } from "../ports";

export class MemorySecretStore implements SecretStore {
  private readonly items = new Map<string, string>();

  constructor(initial: Record<string, string> = {}) {
    for (const [account, secret] of Object.entries(initial)) this.items.set(account, secret);
  }

  async get(account: string): Promise<string | null> {
    return this.items.get(account) ?? null;
  }

  async set(account: string, secret: string): Promise<void> {
    if (secret.length === 0) {
      throw new AppError({ code: "INVALID_INPUT", message: "The secret is empty.", action: "Enter the secret and try again." });
    }
    this.items.set(account, secret);
  }

  async delete(account: string): Promise<boolean> {
    return this.items.delete(account);
  }

  /** Account names currently stored (not the secrets), for tests and leak checks. */
  accounts(): string[] {
    return [...this.items.keys()].sort();
  }
}
